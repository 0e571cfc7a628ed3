"""WHERE conditions built in one module: a column name, a bound value, a value (BL301).

A module is read only when it has SQL-looking text (a keyword such as WHERE in upper case).
"""


def not_null(column: str) -> str:
    return f"{column} IS NOT NULL"


def by_status(status: str) -> str:
    return "status = ?"


def by_owner(owner: str) -> str:
    return f"owner = '{owner}'"
