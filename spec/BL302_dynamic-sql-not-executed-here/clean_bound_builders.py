"""Builders that keep the values beside the SQL, or only compose identifiers."""


def orders_query(customer: str) -> tuple[str, tuple[str]]:
    return "SELECT * FROM orders WHERE customer = %s", (customer,)


def table_query(table: str) -> str:
    return f"SELECT count(*) FROM {table}"


def message(name: str) -> str:
    return f"Select a value from the list, {name}."
