"""Query builders of a reporting service; execution happens in another layer."""

import logging
from dataclasses import dataclass

logger = logging.getLogger(__name__)

STATUS_COLUMN = "status"


def invoices_for(customer: str) -> str:
    return f"SELECT * FROM invoices WHERE customer = '{customer}'"  # error: BL302


def monthly_totals(year: str, month: str) -> str:
    query = "SELECT sum(total) FROM invoices"
    query += " WHERE year = %s AND month = %s" % (year, month)  # error: BL302
    return query


@dataclass
class ReportJob:
    name: str
    sql: str = ""


class ReportRepository:
    def __init__(self, db) -> None:
        self.db = db

    def queue_report(self, job: ReportJob, region: str) -> None:
        job.sql = "SELECT * FROM sales WHERE region = '{}'".format(region)  # error: BL302

    def schedule(self, scheduler, table: str) -> None:
        scheduler.submit("DELETE FROM " + table + " WHERE expired = 1")


# ---- clean: constants, placeholders, prose, logging -------------------------------------

def invoices_query() -> tuple:
    return "SELECT * FROM invoices WHERE customer = %s", ("acme",)


def status_query() -> str:
    return f"SELECT id FROM invoices WHERE {STATUS_COLUMN} = %s"


def describe(customer: str) -> str:
    logger.debug(f"SELECT invoices for {customer} from the archive")
    return f"Please select a value from the list: {customer}"


def greeting(name: str) -> str:
    return f"Update your profile, {name}, where you set your avatar."


def menu_hint(choice: str) -> str:
    hint = "select " + choice + " from the menu"
    return hint
