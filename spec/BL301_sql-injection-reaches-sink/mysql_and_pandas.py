"""Nightly export jobs against MySQL and SQLite, loading into pandas."""

import aiomysql
import aiopg
import aiosqlite
import MySQLdb
import mysql.connector
import pandas as pd
import pymysql
import sqlite3


def export_customer(customer: str) -> None:
    conn = pymysql.connect(host="db", user="export")
    with conn.cursor() as cur:
        cur.execute("SELECT * FROM invoices WHERE customer = '%s'" % customer)  # error: BL301


def export_legacy(batch: str) -> None:
    db = MySQLdb.connect(host="legacy")
    cur = db.cursor()
    cur.execute(f"SELECT * FROM batches WHERE code = '{batch}'")  # error: BL301


def export_vendor(vendor: str) -> None:
    cnx = mysql.connector.connect(user="export", database="vendors")
    cursor = cnx.cursor()
    cursor.execute("SELECT * FROM vendors WHERE name = '" + vendor + "'")  # error: BL301


async def export_async(tag: str) -> None:
    async with aiosqlite.connect("cache.db") as db:
        await db.execute(f"DELETE FROM cache WHERE tag = '{tag}'")  # error: BL301
    pool = await aiomysql.create_pool(host="db")
    async with pool.acquire() as conn:
        async with conn.cursor() as cur:
            await cur.execute(f"SELECT * FROM tags WHERE tag = '{tag}'")  # error: BL301
    async with aiopg.connect(dsn="dbname=tags") as pconn:
        async with pconn.cursor() as pcur:
            await pcur.execute(f"SELECT * FROM tags WHERE tag = '{tag}'")  # error: BL301


def migrate(script_name: str) -> None:
    conn = sqlite3.connect("app.db")
    conn.executescript(f"CREATE TABLE IF NOT EXISTS {script_name} (id INTEGER PRIMARY KEY);")


def load_frame(region: str) -> pd.DataFrame:
    conn = sqlite3.connect("warehouse.db")
    frame = pd.read_sql(f"SELECT * FROM sales WHERE region = '{region}'", conn)  # error: BL301
    safe = pd.read_sql_query("SELECT * FROM sales WHERE region = ?", conn, params=(region,))
    return pd.concat([frame, safe])
