"""WHERE conditions built in one module and executed in another."""


def by_owner(owner: str) -> str:
    return f"owner = '{owner}'"  # error: BL301 "by_owner()"


def by_status(status: str, archived: bool) -> str:
    if archived:
        return "archived = 1"
    return "status = ?"


def owner_clause(owner: str, mine: bool) -> str:
    if mine:
        return f"owner = '{owner}' AND shared = 0"  # error: BL301 "owner_clause()"
    return "shared = 1"


def column_condition(column: str) -> str:
    return f"{column} IS NOT NULL"


def unused_condition(name: str) -> str:
    return f"name = '{name}'"


def listing(owner: str) -> str:
    return f"SELECT * FROM docs WHERE owner = '{owner}'"  # error: BL301 "executed by"
