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


def run_job(client, job_name: str) -> None:
    # Clean: `client` is not named like a cursor and cannot be resolved.
    client.execute(f"SELECT * FROM jobs WHERE name = '{job_name}'")
    logger.info(f"SELECT run for {job_name} finished")


def notify(session, name: str) -> None:
    # Clean: prose passed to an execute-like call is not SQL.
    session.execute(f"Please select a value from the list for {name}")
    session.execute(f"Update {name} when the import has finished")
