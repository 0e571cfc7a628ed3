"""Query builders; one of them is executed by the jobs module, the other never is."""


def stale_sessions_query(days: str) -> str:
    return f"DELETE FROM sessions WHERE last_seen < now() - interval '{days} days'"


def export_query(tenant: str) -> str:
    return f"SELECT * FROM exports WHERE tenant = '{tenant}'"  # error: BL302
