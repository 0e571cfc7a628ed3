"""Flask-SQLAlchemy's `db.session` is scoped to the app context and removed at teardown."""

from flask import Flask
from flask_sqlalchemy import SQLAlchemy

app = Flask(__name__)
db = SQLAlchemy(app)


@app.get("/flask/users")
def users():
    session = db.session
    return {"count": session.execute(db.select(db.text("1"))).scalar()}
