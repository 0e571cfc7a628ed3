"""Reporting queries through SQLAlchemy Core and ORM sessions."""

from sqlalchemy import bindparam, create_engine, select, table, column, text
from sqlalchemy.orm import Session

engine = create_engine("postgresql://app@db/reports")


def revenue_by_region(region: str) -> list:
    with engine.connect() as conn:
        return conn.execute(text(f"SELECT sum(total) FROM sales WHERE region = '{region}'")).all()  # error: BL301


def legacy_lookup(session: Session, sku: str):
    return session.execute("SELECT * FROM products WHERE sku = '%s'" % sku).first()  # error: BL301


def raw_driver_query(customer: str) -> list:
    with engine.connect() as conn:
        return conn.exec_driver_sql("SELECT * FROM invoices WHERE customer = '" + customer + "'").all()  # error: BL301


# ---- clean: bound parameters and Core expressions ------------------------------------------

def revenue_by_region_safely(session: Session, region: str) -> list:
    statement = text("SELECT sum(total) FROM sales WHERE region = :region")
    return session.execute(statement, {"region": region}).all()


def products_by_sku(session: Session, sku: str) -> list:
    products = table("products", column("sku"), column("name"))
    query = select(products).where(products.c.sku == bindparam("sku"))
    return session.execute(query, {"sku": sku}).all()


def archived_rows(session: Session, schema: str, where_sql: str) -> list:
    from sqlalchemy.sql import quoted_name

    table_name = quoted_name(f"{schema}_archive", quote=True)
    return session.execute(text(f"SELECT * FROM {table_name} WHERE {where_sql}")).all()
