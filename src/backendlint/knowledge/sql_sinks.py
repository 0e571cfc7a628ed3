"""Knowledge tables of the sql-building practice: which calls execute SQL, which driver
placeholder style each one takes, and which calls build SQL safely."""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass

# Placeholder styles, as PEP 249 names them, plus asyncpg's and Django's.
QMARK = "qmark"        # ?            sqlite3, aiosqlite
FORMAT = "format"      # %s           psycopg, pymysql, MySQLdb, mysql.connector, aiomysql, aiopg
DOLLAR = "dollar"      # $1           asyncpg
NAMED = "named"        # :name        SQLAlchemy text()
DJANGO = "django"      # %s + list    Django raw(), RawSQL, connection.cursor()


@dataclass(frozen=True)
class Sink:
    label: str                 # how the message names the call
    style: str | None       # None when the placeholder style depends on an unknown driver
    sql_index: int = 0         # positional index of the SQL string
    sql_keyword: str = "sql"   # the same argument passed by keyword
    confirmed: bool = True     # resolved through the semantic model, not guessed by name
    # Guessed from the method's name alone (any receiver): only a statement sqlglot parses
    # makes it a sink.
    statement_only: bool = False


_DBAPI_DRIVERS: dict[str, str] = {
    "sqlite3": QMARK,
    "aiosqlite": QMARK,
    "psycopg2": FORMAT,
    "psycopg": FORMAT,
    "pymysql": FORMAT,
    "MySQLdb": FORMAT,
    "mysql.connector": FORMAT,
    "aiomysql": FORMAT,
    "aiopg": FORMAT,
}
_DBAPI_METHODS = frozenset({"execute", "executemany", "executescript"})
_ASYNCPG_METHODS = frozenset({"execute", "fetch", "fetchrow", "fetchval", "executemany"})
_SQLALCHEMY_ROOTS = ("sqlalchemy.", "flask_sqlalchemy.", "sqlmodel.")
_SQLALCHEMY_METHODS = frozenset({"execute", "exec_driver_sql"})
_SQLALCHEMY_TEXT = frozenset({"sqlalchemy.text", "sqlalchemy.sql.text",
                              "sqlalchemy.sql.expression.text"})
_DJANGO_RAWSQL = frozenset({"django.db.models.RawSQL",
                            "django.db.models.expressions.RawSQL"})
# Migrations: `op.execute(...)`, and the same on `with op.batch_alter_table(...) as batch_op`.
_ALEMBIC = frozenset({"alembic.op.execute", "alembic.op.batch_alter_table().execute"})
_PANDAS = frozenset({"pandas.read_sql", "pandas.read_sql_query"})
# encode/databases, common in FastAPI services: `await database.fetch_all(query, values)`.
_DATABASES_METHODS = frozenset({"execute", "execute_many", "fetch_all", "fetch_one",
                                "fetch_val", "iterate"})

# Receivers whose `.execute()` we accept without resolving them (see SqlInjectionReachesSink's
# docstring): only with a first argument that sqlglot confirms as dynamically built SQL.
CURSOR_LIKE_NAMES = frozenset({"cur", "cursor", "conn", "connection", "con", "db", "session",
                               "db_session", "dbsession", "db_conn", "dbconn", "txn", "tx",
                               "transaction", "c", "curs",
                               # database clients (clickhouse-connect, clickhouse-driver, ...)
                               "client", "_client", "db_client", "ch_client", "_conn", "_db",
                               "_cursor", "_session", "_connection"})
CURSOR_LIKE_METHODS = frozenset({"execute", "executemany", "executescript"})
# Query methods of database wrappers (asyncpg, encode/databases, home-grown `Database`
# classes) that take the SQL as their first argument or as `query=`.
CURSOR_LIKE_QUERY_METHODS = frozenset({"fetch", "fetchrow", "fetchval", "fetchall", "fetchone",
                                       "fetchmany", "fetch_all", "fetch_one", "fetch_val",
                                       # `client.query(sql)`, `client.command(sql)`,
                                       # `db.query(sql)` of database wrappers
                                       "query", "command", "query_df", "raw_query"})

# Calls whose result is safe to interpolate: composition APIs that quote identifiers or bind
# values, and conversions that can only yield numbers.
SAFE_FUNCTIONS = frozenset({
    "builtins.len", "builtins.int", "builtins.float", "builtins.bool", "builtins.round",
    "builtins.abs", "builtins.min", "builtins.max", "builtins.sum",
    "sqlalchemy.bindparam", "sqlalchemy.sql.bindparam", "sqlalchemy.sql.expression.bindparam",
    "sqlalchemy.sql.quoted_name", "sqlalchemy.sql.elements.quoted_name",
    "django.db.connection.ops.quote_name",
    # A UUID's text is hex digits and dashes.
    "uuid.uuid1", "uuid.uuid3", "uuid.uuid4", "uuid.uuid5",
})
SAFE_FUNCTION_PREFIXES = ("psycopg.sql.", "psycopg2.sql.", "psycopg2.extensions.quote_ident",
                          "psycopg2.extensions.AsIs",
                          # random tokens and identifiers: letters, digits, dashes
                          "secrets.", "uuid.", "sqlalchemy.sql.quoted_name",
                          "sqlalchemy.quoted_name")
# Annotations of parameters whose values cannot carry SQL syntax once formatted.
SAFE_ANNOTATIONS = frozenset({"builtins.int", "builtins.float", "builtins.bool",
                              "uuid.UUID", "datetime.date", "datetime.datetime",
                              "decimal.Decimal"})


def _method_of(qualified: str) -> str:
    return qualified.rsplit(".", 1)[-1]


def _is_instance_method(qualified: str, root: str) -> bool:
    """`root.connect().cursor().execute`: a method on an object made by the library."""
    return qualified.startswith(root) and "()" in qualified


def resolve_sink(qualified: str, extra_sinks: list[str]) -> Sink | None:
    """The sink a resolved qualified name stands for, or None."""
    method = _method_of(qualified)
    for driver, style in _DBAPI_DRIVERS.items():
        if method in _DBAPI_METHODS and _is_instance_method(qualified, driver + "."):
            return Sink(f"{driver} `{method}()`", style)
    if method in _ASYNCPG_METHODS and _is_instance_method(qualified, "asyncpg."):
        return Sink(f"asyncpg `{method}()`", DOLLAR, sql_keyword="query")
    if method in _DATABASES_METHODS and _is_instance_method(qualified, "databases."):
        return Sink(f"databases `{method}()`", NAMED, sql_keyword="query")
    if qualified in _SQLALCHEMY_TEXT:
        return Sink("SQLAlchemy `text()`", NAMED, sql_keyword="text")
    if method in _SQLALCHEMY_METHODS and any(_is_instance_method(qualified, root)
                                             for root in _SQLALCHEMY_ROOTS):
        return Sink(f"SQLAlchemy `{method}()`", None if method == "exec_driver_sql" else NAMED,
                    sql_keyword="statement")
    if method in _DBAPI_METHODS and _is_instance_method(qualified, "django.db."):
        return Sink(f"Django `connection.cursor().{method}()`", DJANGO)
    if qualified in _ALEMBIC:
        return Sink("Alembic `op.execute()`", None, sql_keyword="sqltext")
    if qualified in _DJANGO_RAWSQL:
        return Sink("Django `RawSQL()`", DJANGO)
    if qualified in _PANDAS:
        return Sink(f"pandas `{_method_of(qualified)}()`", None)
    for pattern in extra_sinks:
        if fnmatch.fnmatchcase(qualified, pattern):
            return Sink(f"`{qualified}()`", None)
    return None


def django_manager_sink(method: str) -> Sink | None:
    """`Model.objects.raw()` and `.extra()` on a queryset (recognised by the `.objects` chain
    in a module that imports Django)."""
    if method == "raw":
        return Sink("Django `Manager.raw()`", DJANGO, sql_keyword="raw_query")
    if method == "extra":
        return Sink("Django `QuerySet.extra()`", None)
    return None


_SINK_CALL_NAMES = frozenset({
    *_DBAPI_METHODS, *_ASYNCPG_METHODS, *_SQLALCHEMY_METHODS, *_DATABASES_METHODS, "text", "RawSQL", "raw", "extra",
    "read_sql", "read_sql_query", *CURSOR_LIKE_METHODS, *CURSOR_LIKE_QUERY_METHODS,
})


def sink_call_names(extra_sinks: list[str]) -> frozenset[str] | None:
    """The last name of every call that can be a sink, or None when any call can be."""
    extra: set[str] = set()
    for pattern in extra_sinks:
        last = pattern.rsplit(".", 1)[-1]
        if any(char in last for char in "*?["):
            return None
        extra.add(last)
    return _SINK_CALL_NAMES | extra


def cursor_like_sink(method: str) -> Sink:
    keyword = "query" if method in CURSOR_LIKE_QUERY_METHODS else "sql"
    return Sink(f"`{method}()`", None, sql_keyword=keyword, confirmed=False)


def is_safe_function(qualified: str, extra_safe: list[str]) -> bool:
    if qualified in SAFE_FUNCTIONS or qualified.startswith(SAFE_FUNCTION_PREFIXES):
        return True
    if qualified.endswith(".ops.quote_name"):
        return True
    return any(fnmatch.fnmatchcase(qualified, pattern) for pattern in extra_safe)


def placeholder(style: str, index: int, name: str) -> str:
    if style == QMARK:
        return "?"
    if style == DOLLAR:
        return f"${index + 1}"
    if style == NAMED:
        return f":{name}"
    return "%s"


def params_source(style: str, values: list[str], names: list[str]) -> str:
    """The parameters argument(s) that go with the placeholders, as source text."""
    if style == DOLLAR:
        return ", ".join(values)
    if style == NAMED:
        return "{" + ", ".join(f'"{n}": {v}' for n, v in zip(names, values)) + "}"
    if style == DJANGO:
        return "[" + ", ".join(values) + "]"
    return "(" + ", ".join(values) + ("," if len(values) == 1 else "") + ")"


STYLE_NAMES = {QMARK: "`?`", FORMAT: "`%s`", DOLLAR: "`$1`", NAMED: "`:name`",
               DJANGO: "`%s`"}


# ---------------------------------------------------------------------------- recognition
# Text of which at least one must occur in a module for the sql-building rules to run on it:
# SQL keywords in capitals, the lower-case forms only with the word SQL puts after them, and
# the names of sink calls (a module may only execute SQL that a helper built).
MODULE_NEEDLES = ("SELECT", "INSERT", "UPDATE", "DELETE", "CREATE", "DROP", "ALTER", "MERGE",
                  "TRUNCATE", "REPLACE", "WHERE", "select ", "insert into", "delete from",
                  "update ", "execute", "fetch", ".raw(", ".extra(", "RawSQL", "read_sql",
                  "sqlalchemy")

# Calls that quote an identifier for the database in use.
QUOTING_FUNCTIONS = frozenset({"quote_name", "quote_name_unless_alias", "quote_ident",
                               "quote_identifier", "identifier_converter", "quote_table_name",
                               "quote_column_name"})
# Django's `connection.ops` / `connection.introspection` and `Model._meta` produce SQL and
# names from the backend and the models, never from users.
METADATA_ATTRIBUTES = frozenset({"_meta", "ops", "introspection", "features"})
# Attributes that name ORM metadata: table names chosen by the code.
METADATA_NAMES = frozenset({"db_table", "table_name", "__tablename__", "__table__"})
# Query-builder APIs whose statements carry values as bound parameters.
QUERY_BUILDER_ROOTS = ("sqlalchemy.", "sqlmodel.", "flask_sqlalchemy.")
# `Model.objects.raw`, `Model.objects.filter(...).extra`: a Django manager chain.
DJANGO_MANAGER_ATTRIBUTES = frozenset({"objects"})
# Calls that only show a string (logging, printing, writing): never a place SQL runs.
DISPLAY_METHODS = frozenset({"debug", "info", "warning", "warn", "error", "exception",
                             "critical", "log", "print", "echo", "secho", "write"})

# ---------------------------------------------------------------------------- request data
REQUEST_ATTRIBUTES = frozenset({"GET", "POST", "body", "COOKIES", "query_params",
                                "path_params", "data", "args", "form", "values", "json",
                                "cookies", "headers"})
# Attributes of a parameter named `request` that hold client data in Django/DRF/Starlette.
REQUEST_PARAMETER_ATTRIBUTES = frozenset({"GET", "POST", "query_params", "COOKIES",
                                          "path_params", "data"})
# Annotation names of a FastAPI route parameter that is filled with a string from the request.
STR_PARAMETER_ANNOTATIONS = frozenset({"str", "Optional", "Query", "Path", "Form", "Body",
                                       "Header", "Cookie"})
# Variables and parameters named as SQL fragments (`where_sql`, `order_clause`, `subquery`)
# carry composed SQL from the code that built them; interpolating one is composition, and
# the values inside it are judged where that fragment is built.
FRAGMENT_NAME = re.compile(r"(?:^|_)(?:sql|clause|clauses|subquery|fragment)$")

# ---------------------------------------------------------------------------- composition
# psycopg's SQL composition: `sql.SQL(text)` takes SQL the code wrote; `.join()` on one joins
# composed pieces.
_SQL_COMPOSITION = frozenset({"psycopg.sql.SQL", "psycopg2.sql.SQL"})
PSYCOPG_SQL = Sink("psycopg `sql.SQL()`", None, sql_keyword="obj")


def is_sql_composition(qualified: str) -> bool:
    return qualified in _SQL_COMPOSITION

# ---------------------------------------------------------------------------- safe values
# Called names that say the result is quoted or escaped for SQL (`quote_ident`,
# `escape_sqlite`, `sql_identifier`, `_escape`): a project's own helper recognised by name.
QUOTING_NAME = re.compile(r"(?:^|_)(?:quote|quoted|escape|escaped|identifier|ident)(?:_|$)",
                          re.IGNORECASE)
# Attributes and methods of a safe value that stay safe (hex digits, an enum's value).
SAFE_VALUE_ATTRIBUTES = frozenset({"hex", "int", "value", "name", "urn"})
SAFE_VALUE_METHODS = frozenset({"hex", "hexdigest", "isoformat", "lower", "upper"})
# Bases that make a class an enumeration (its members are constants).
ENUM_BASES = frozenset({"Enum", "IntEnum", "StrEnum", "Flag", "IntFlag", "TextChoices",
                        "IntegerChoices", "Choices"})
# Calls whose result is a number.
NUMERIC_FUNCTIONS = frozenset({"builtins.len", "builtins.int", "builtins.float",
                               "builtins.round", "builtins.abs", "builtins.sum",
                               "builtins.min", "builtins.max", "math.ceil", "math.floor"})
# DB-API (PEP 249) cursor attributes that are numbers whatever the cursor: `WHERE rowid =
# {cursor.lastrowid}` cannot carry SQL syntax.
DBAPI_NUMBER_ATTRIBUTES = frozenset({"lastrowid", "rowcount", "arraysize"})
# Constant queries over the database's own catalog: the table and column names their rows
# hold are the database's (sql-building treats them as safe to interpolate).
CATALOG_QUERY = re.compile(
    r"\b(?:sqlite_master|sqlite_schema|sqlite_temp_master|information_schema|pg_catalog|"
    r"pg_tables|pg_class|pg_namespace|pg_indexes|all_tables|user_tables|all_tab_columns)\b"
    r"|\bSHOW\s+(?:FULL\s+)?(?:TABLES|DATABASES|SCHEMAS|COLUMNS)\b"
    r"|\bPRAGMA\s+(?:table_x?info|index_list|index_info|foreign_key_list|database_list)\b",
    re.IGNORECASE)
# Methods that run the SQL text they are given, whatever the receiver is called
# (`self._scope.query(sql)` in couchbase, `self.ds.query(tql)` in deeplake, pgAdmin's
# `conn.execute_scalar(sql)`, `spark.sql(sql)`): a sink only when sqlglot parses the text as a
# statement.
EXECUTING_METHOD = re.compile(
    r"^(?:execute\w*|exec_driver_sql|query|raw_query|run_query|run_sql|query_[a-z]+|"
    r"fetch\w*|sql)$")


def executing_method_sink(method: str) -> Sink:
    return Sink(f"`{method}()`", None, sql_keyword="query" if method.startswith(("query", "fetch"))
                else "sql", confirmed=False, statement_only=True)
