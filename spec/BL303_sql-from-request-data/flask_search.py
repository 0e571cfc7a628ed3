"""Flask search API over SQLite."""

import sqlite3

from flask import Flask, jsonify, request

app = Flask(__name__)


def db() -> sqlite3.Connection:
    return sqlite3.connect("catalog.db")


@app.get("/products")
def products():
    cur = sqlite3.connect("catalog.db").cursor()
    cur.execute(f"SELECT * FROM products WHERE name = '{request.args['name']}'")  # error: BL303
    return jsonify(cur.fetchall())


@app.post("/reports/run")
def run_report():
    conn = sqlite3.connect("catalog.db")
    query = request.form["query"]
    rows = conn.execute(query).fetchall()  # error: BL303
    return jsonify(rows)


@app.get("/products/by-category")
def by_category():
    category = request.args.get("category", "")
    sql = "SELECT * FROM products WHERE category = '" + category + "'"
    rows = sqlite3.connect("catalog.db").execute(sql).fetchall()  # error: BL303
    return jsonify(rows)


# ---- clean: bound parameters, numbers and allow-lists ----------------------------------------

SORT_COLUMNS = {"name": "name", "price": "price"}


@app.get("/products/sorted")
def sorted_products():
    order = SORT_COLUMNS.get(request.args.get("sort", "name"), "name")
    limit = int(request.args.get("limit", 20))
    cur = sqlite3.connect("catalog.db").cursor()
    cur.execute(f"SELECT * FROM products ORDER BY {order} LIMIT {limit}")
    cur.execute("SELECT * FROM products WHERE name = ?", (request.args["name"],))
    return jsonify(cur.fetchall())
