"""Repository functions that receive their cursor or session from the caller."""

import logging

logger = logging.getLogger(__name__)


def deactivate_user(cursor, username: str) -> None:
    cursor.execute(f"UPDATE users SET active = false WHERE username = '{username}'")  # error: BL301


class AuditLog:
    def __init__(self, conn) -> None:
        self.conn = conn

    def entries_for(self, actor: str) -> list:
        cur = self.conn.cursor()
        cur.execute("SELECT * FROM audit_log WHERE actor = '%s'" % actor)  # error: BL301
        return cur.fetchall()

    def record(self, actor: str, action: str) -> None:
        # Clean: bound parameters on an unknown cursor.
        self.conn.execute("INSERT INTO audit_log (actor, action) VALUES (?, ?)", (actor, action))


def run_job(scheduler, job_name: str) -> None:
    # `scheduler` cannot be resolved and is not named like a cursor, but `execute()` of a
    # statement that parses is taken for a SQL call (at medium confidence, and the message
    # says it is a guess).
    scheduler.execute(f"SELECT * FROM jobs WHERE name = '{job_name}'")  # error: BL301 "guessed"


def run_task(scheduler, job_name: str) -> None:
    # Clean: text that does not parse as a statement, on an unknown receiver.
    scheduler.execute(f"run {job_name} now")


def count_docs(client, doc_id) -> int:
    # A database client (clickhouse-connect, clickhouse-driver): its query methods take SQL.
    return client.command(f"SELECT count() FROM docs WHERE doc_id = '{doc_id}'")  # error: BL301
    logger.info(f"SELECT run for {job_name} finished")


def notify(session, name: str) -> None:
    # Clean: prose passed to an execute-like call is not SQL.
    session.execute(f"Please select a value from the list for {name}")
    session.execute(f"Update {name} when the import has finished")


async def purge_audit(conn, db, retention_days: str) -> None:
    # `(conn or db)`: the caller's connection, else the module's default one.
    await (conn or db).execute(f"DELETE FROM audit WHERE age_days > {retention_days}")  # error: BL301


async def count_by(db, field: str) -> list:
    return await db.fetchall(query=f"SELECT {field}, count(*) FROM audit GROUP BY {field}")


async def audit_page(db, where: list[str], values: dict) -> list:
    query = "SELECT * FROM audit"
    if where:
        query += f" WHERE {' AND '.join(where)}"
    return await db.fetch_all(query, values)


async def audit_entry(db, entry_id: str) -> dict:
    # Clean: bound parameters through a wrapper's query method.
    return await db.fetchone("SELECT * FROM audit WHERE id = :id", {"id": entry_id})


def latest_rows(cur) -> list:
    # Clean: a DB-API fetch takes no SQL.
    cur.execute("SELECT * FROM audit ORDER BY id DESC LIMIT 10")
    return cur.fetchall()
