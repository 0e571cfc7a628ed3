"""What blocks the event loop: the knowledge tables of the async-blocking practice.

Calls are matched on the qualified names the semantic model gives. A module function is a plain
dotted name (`requests.get`). A method call on a receiver of known type comes out as
`requests.Session().get` or `sqlite3.connect().cursor().execute`; `receiver_type` turns the
receiver part into one of the canonical type names below by following constructors, methods
that return another known type, and attributes (`client.db.users` on a MongoClient).
"""

from __future__ import annotations

import enum
import fnmatch
from dataclasses import dataclass
from typing import Optional, Union


class Category(enum.Enum):
    """What kind of blocking a call is. The practice maps each category to the rule that
    reports it; the tables here never name a rule code."""

    SLEEP = "sleep"
    NETWORK = "network"
    PROCESS = "process"
    FILE_IO = "file-io"
    DATABASE = "database"
    DJANGO_ORM = "django-orm"
    FILESYSTEM_CHECK = "filesystem-check"


SLEEP = Category.SLEEP
NETWORK = Category.NETWORK
PROCESS = Category.PROCESS
FILE_IO = Category.FILE_IO
DATABASE = Category.DATABASE
DJANGO_ORM = Category.DJANGO_ORM
FILESYSTEM_CHECK = Category.FILESYSTEM_CHECK

_HTTP_VERBS = frozenset({"get", "post", "put", "patch", "delete", "head", "options", "request"})

# Module-level callables that block when called.
FUNCTIONS: dict[str, Category] = {
    "time.sleep": SLEEP,
    **{f"requests.{verb}": NETWORK for verb in _HTTP_VERBS},
    **{f"requests.api.{verb}": NETWORK for verb in _HTTP_VERBS},
    **{f"httpx.{verb}": NETWORK for verb in _HTTP_VERBS | {"stream"}},
    "urllib.request.urlopen": NETWORK,
    "urllib.request.urlretrieve": NETWORK,
    "urllib3.request": NETWORK,
    "socket.create_connection": NETWORK,
    "socket.getaddrinfo": NETWORK,
    "socket.gethostbyname": NETWORK,
    "socket.gethostbyname_ex": NETWORK,
    "socket.gethostbyaddr": NETWORK,
    "socket.getfqdn": NETWORK,
    "socket.getnameinfo": NETWORK,
    "builtins.input": NETWORK,
    "subprocess.run": PROCESS,
    "subprocess.call": PROCESS,
    "subprocess.check_call": PROCESS,
    "subprocess.check_output": PROCESS,
    "subprocess.getoutput": PROCESS,
    "subprocess.getstatusoutput": PROCESS,
    "subprocess.Popen": PROCESS,
    "os.system": PROCESS,
    "os.popen": PROCESS,
    "os.wait": PROCESS,
    "os.waitpid": PROCESS,
    "os.wait3": PROCESS,
    "os.wait4": PROCESS,
    "os.waitid": PROCESS,
    **{f"os.spawn{suffix}": PROCESS
       for suffix in ("l", "le", "lp", "lpe", "v", "ve", "vp", "vpe")},
    "builtins.open": FILE_IO,
    "io.open": FILE_IO,
    "io.open_code": FILE_IO,
    "codecs.open": FILE_IO,
    "os.open": FILE_IO,
    "os.fdopen": FILE_IO,
    **{f"os.{name}": FILE_IO
       for name in ("mkdir", "makedirs", "remove", "unlink", "rename", "renames", "replace",
                    "rmdir", "removedirs", "link", "symlink", "truncate", "chmod", "chown",
                    "lchown", "utime", "mkfifo", "walk", "fwalk", "sendfile")},
    **{f"shutil.{name}": FILE_IO
       for name in ("copy", "copy2", "copyfile", "copytree", "copyfileobj", "copymode",
                    "copystat", "move", "rmtree", "make_archive", "unpack_archive", "chown")},
    **{f"tempfile.{name}": FILE_IO
       for name in ("mkstemp", "mkdtemp", "TemporaryFile", "NamedTemporaryFile",
                    "TemporaryDirectory")},
    # Reads the CA bundle from disk.
    "ssl.create_default_context": FILE_IO,
    # Finds, reads and runs a module's files.
    "importlib.import_module": FILE_IO,
    "sqlite3.connect": DATABASE,
    "sqlite3.dbapi2.connect": DATABASE,
    # A drop-in build of sqlite3 (`try: import pysqlite3 as sqlite3 except ImportError: ...`).
    "pysqlite3.connect": DATABASE,
    "pysqlite3.dbapi2.connect": DATABASE,
    "psycopg2.connect": DATABASE,
    "psycopg.connect": DATABASE,
    "psycopg.Connection.connect": DATABASE,
    "pymysql.connect": DATABASE,
    "pymysql.Connect": DATABASE,
    "MySQLdb.connect": DATABASE,
    "MySQLdb.Connect": DATABASE,
    "mysql.connector.connect": DATABASE,
    **{f"os.path.{name}": FILESYSTEM_CHECK
       for name in ("exists", "lexists", "isfile", "isdir", "islink", "ismount", "getsize",
                    "getmtime", "getctime", "getatime", "realpath", "samefile",
                    "sameopenfile")},
    "os.listdir": FILESYSTEM_CHECK,
    "os.scandir": FILESYSTEM_CHECK,
    "os.stat": FILESYSTEM_CHECK,
    "os.lstat": FILESYSTEM_CHECK,
    "glob.glob": FILESYSTEM_CHECK,
    "glob.iglob": FILESYSTEM_CHECK,
    "shutil.disk_usage": FILESYSTEM_CHECK,
    "shutil.which": FILESYSTEM_CHECK,
}

# Constructors that connect as soon as they are given a host.
CONNECTING_CONSTRUCTORS: dict[str, Category] = {
    "smtplib.SMTP": NETWORK,
    "smtplib.SMTP_SSL": NETWORK,
    "smtplib.LMTP": NETWORK,
    "ftplib.FTP": NETWORK,
    "ftplib.FTP_TLS": NETWORK,
}

# Callables (and annotation types) whose result has a known type.
CONSTRUCTORS: dict[str, str] = {
    "requests.Session": "requests.Session",
    "requests.session": "requests.Session",
    "requests.sessions.Session": "requests.Session",
    "requests.sessions.session": "requests.Session",
    "httpx.Client": "httpx.Client",
    "urllib3.PoolManager": "urllib3.PoolManager",
    "urllib3.ProxyManager": "urllib3.PoolManager",
    "urllib3.poolmanager.PoolManager": "urllib3.PoolManager",
    "urllib3.HTTPConnectionPool": "urllib3.PoolManager",
    "urllib3.HTTPSConnectionPool": "urllib3.PoolManager",
    "urllib3.connection_from_url": "urllib3.PoolManager",
    "http.client.HTTPConnection": "http.client.HTTPConnection",
    "http.client.HTTPSConnection": "http.client.HTTPConnection",
    "socket.socket": "socket.socket",
    "socket.create_connection": "socket.socket",
    "smtplib.SMTP": "smtplib.SMTP",
    "smtplib.SMTP_SSL": "smtplib.SMTP",
    "smtplib.LMTP": "smtplib.SMTP",
    "ftplib.FTP": "ftplib.FTP",
    "ftplib.FTP_TLS": "ftplib.FTP",
    "subprocess.Popen": "subprocess.Popen",
    "pathlib.Path": "pathlib.Path",
    "pathlib.PosixPath": "pathlib.Path",
    "pathlib.WindowsPath": "pathlib.Path",
    "pathlib.Path.home": "pathlib.Path",
    "pathlib.Path.cwd": "pathlib.Path",
    "sqlite3.connect": "dbapi.Connection",
    "sqlite3.dbapi2.connect": "dbapi.Connection",
    "pysqlite3.connect": "dbapi.Connection",
    "pysqlite3.dbapi2.connect": "dbapi.Connection",
    "sqlite3.Connection": "dbapi.Connection",
    "sqlite3.Cursor": "dbapi.Cursor",
    "psycopg2.connect": "dbapi.Connection",
    "psycopg2.extensions.connection": "dbapi.Connection",
    "psycopg2.extensions.cursor": "dbapi.Cursor",
    "psycopg.connect": "dbapi.Connection",
    "psycopg.Connection": "dbapi.Connection",
    "psycopg.Connection.connect": "dbapi.Connection",
    "psycopg.Cursor": "dbapi.Cursor",
    "pymysql.connect": "dbapi.Connection",
    "pymysql.Connect": "dbapi.Connection",
    "pymysql.connections.Connection": "dbapi.Connection",
    "MySQLdb.connect": "dbapi.Connection",
    "MySQLdb.Connect": "dbapi.Connection",
    "mysql.connector.connect": "dbapi.Connection",
    "sqlalchemy.create_engine": "sqlalchemy.Engine",
    "sqlalchemy.engine.create_engine": "sqlalchemy.Engine",
    "sqlalchemy.Engine": "sqlalchemy.Engine",
    "sqlalchemy.engine.Engine": "sqlalchemy.Engine",
    "sqlalchemy.Connection": "sqlalchemy.Connection",
    "sqlalchemy.engine.Connection": "sqlalchemy.Connection",
    "sqlalchemy.orm.Session": "sqlalchemy.orm.Session",
    "sqlalchemy.orm.session.Session": "sqlalchemy.orm.Session",
    "sqlalchemy.orm.scoped_session": "sqlalchemy.orm.Session",
    "sqlmodel.Session": "sqlalchemy.orm.Session",
    "sqlalchemy.orm.sessionmaker": "sqlalchemy.orm.sessionmaker",
    "sqlalchemy.orm.session.sessionmaker": "sqlalchemy.orm.sessionmaker",
    "redis.Redis": "redis.Redis",
    "redis.StrictRedis": "redis.Redis",
    "redis.client.Redis": "redis.Redis",
    "redis.from_url": "redis.Redis",
    "redis.Redis.from_url": "redis.Redis",
    "redis.StrictRedis.from_url": "redis.Redis",
    "redis.client.Redis.from_url": "redis.Redis",
    "pymongo.MongoClient": "pymongo.MongoClient",
    "pymongo.mongo_client.MongoClient": "pymongo.MongoClient",
    "pymongo.database.Database": "pymongo.Database",
    "pymongo.collection.Collection": "pymongo.Collection",
    # File objects by annotation (`f: io.TextIOWrapper`, `f: IO[str]`); what `open()` returns
    # is not listed: the `open()` call is the finding there.
    **{name: "io.File" for name in ("typing.IO", "typing.TextIO", "typing.BinaryIO",
                                    "io.TextIOWrapper", "io.BufferedReader",
                                    "io.BufferedWriter", "io.BufferedRandom", "io.FileIO",
                                    "_io.TextIOWrapper")},
    "ssl.SSLContext": "ssl.SSLContext",
    "ssl.create_default_context": "ssl.SSLContext",
    "celery.result.AsyncResult": "celery.AsyncResult",
    "celery.result.GroupResult": "celery.AsyncResult",
    "boto3.client": "boto3.Client",
    "boto3.Session": "boto3.Session",
    "boto3.session.Session": "boto3.Session",
}

# (type, method) → the type the method returns; "()" is calling the object itself.
RETURNS: dict[tuple[str, str], str] = {
    ("dbapi.Connection", "cursor"): "dbapi.Cursor",
    ("sqlalchemy.Engine", "connect"): "sqlalchemy.Connection",
    ("sqlalchemy.Engine", "begin"): "sqlalchemy.Connection",
    ("sqlalchemy.orm.sessionmaker", "()"): "sqlalchemy.orm.Session",
    ("sqlalchemy.orm.sessionmaker", "begin"): "sqlalchemy.orm.Session",
    ("redis.Redis", "pipeline"): "redis.Pipeline",
    ("pymongo.MongoClient", "get_database"): "pymongo.Database",
    ("pymongo.MongoClient", "get_default_database"): "pymongo.Database",
    ("pymongo.Database", "get_collection"): "pymongo.Collection",
    ("boto3.Session", "client"): "boto3.Client",
    **{("pathlib.Path", name): "pathlib.Path"
       for name in ("joinpath", "with_name", "with_suffix", "with_stem", "resolve", "absolute",
                    "expanduser", "__truediv__", "relative_to", "with_segments")},
}

# (type, attribute) → the attribute's type; ATTRIBUTE_ANY: every attribute has that type.
ATTRIBUTES: dict[tuple[str, str], str] = {
    ("pathlib.Path", "parent"): "pathlib.Path",
}
ATTRIBUTE_ANY: dict[str, str] = {
    "pymongo.MongoClient": "pymongo.Database",
    "pymongo.Database": "pymongo.Collection",
}

# A frozenset lists the blocking methods; an _AllBut lists the ones that do not block.


@dataclass(frozen=True)
class _AllBut:
    harmless: frozenset[str]


Methods = Union[frozenset[str], _AllBut]

_SESSION_METHODS = frozenset(_HTTP_VERBS | {"send"})

METHODS: dict[str, tuple[Category, Methods]] = {
    "requests.Session": (NETWORK, _SESSION_METHODS),
    "httpx.Client": (NETWORK, _SESSION_METHODS | {"stream"}),
    "urllib3.PoolManager": (NETWORK, frozenset({"request", "urlopen", "request_encode_url",
                                                "request_encode_body"})),
    "http.client.HTTPConnection": (NETWORK, frozenset({"request", "getresponse", "connect",
                                                       "send", "endheaders"})),
    "socket.socket": (NETWORK, frozenset({"connect", "connect_ex", "accept", "recv",
                                          "recv_into", "recvfrom", "recvfrom_into", "recvmsg",
                                          "send", "sendall", "sendto", "sendmsg",
                                          "sendfile"})),
    "smtplib.SMTP": (NETWORK, frozenset({"connect", "login", "starttls", "ehlo", "helo",
                                         "sendmail", "send_message", "quit", "noop",
                                         "verify"})),
    "ftplib.FTP": (NETWORK, frozenset({"connect", "login", "cwd", "nlst", "dir", "retrbinary",
                                       "retrlines", "storbinary", "storlines", "delete",
                                       "rename", "mkd", "rmd", "size", "quit", "pwd"})),
    "subprocess.Popen": (PROCESS, frozenset({"wait", "communicate"})),
    "pathlib.Path": (FILE_IO, frozenset({"open", "read_text", "write_text", "read_bytes",
                                         "write_bytes", "mkdir", "unlink", "rename",
                                         "replace", "rmdir", "touch", "symlink_to",
                                         "hardlink_to", "chmod", "lchmod", "readlink",
                                         "samefile"})),
    "io.File": (FILE_IO, frozenset({"read", "read1", "readline", "readlines", "readinto",
                                    "write", "writelines", "flush", "truncate"})),
    "ssl.SSLContext": (FILE_IO, frozenset({"load_cert_chain", "load_verify_locations",
                                           "load_default_certs", "set_default_verify_paths",
                                           "load_dh_params"})),
    # Waits for the task's result from the result backend.
    "celery.AsyncResult": (NETWORK, frozenset({"get", "wait", "join", "join_native",
                                               "collect"})),
    "dbapi.Connection": (DATABASE, frozenset({"execute", "executemany", "executescript",
                                              "commit", "rollback"})),
    "dbapi.Cursor": (DATABASE, frozenset({"execute", "executemany", "fetchone", "fetchall",
                                          "fetchmany", "callproc", "copy_expert", "copy_from",
                                          "copy_to", "copy", "scroll"})),
    "sqlalchemy.Engine": (DATABASE, frozenset({"connect", "begin", "execute",
                                               "raw_connection"})),
    "sqlalchemy.Connection": (DATABASE, frozenset({"execute", "exec_driver_sql", "scalar",
                                                   "scalars", "commit", "rollback"})),
    "sqlalchemy.orm.Session": (DATABASE, frozenset({"execute", "scalar", "scalars", "query",
                                                    "get", "commit", "flush", "refresh",
                                                    "merge", "rollback", "exec",
                                                    "connection"})),
    "redis.Redis": (DATABASE, _AllBut(frozenset({"pipeline", "pubsub", "lock",
                                                 "register_script", "get_encoder",
                                                 "get_connection_kwargs",
                                                 "set_response_callback"}))),
    "redis.Pipeline": (DATABASE, frozenset({"execute"})),
    "pymongo.MongoClient": (DATABASE, frozenset({"list_database_names", "server_info",
                                                 "drop_database"})),
    "pymongo.Database": (DATABASE, frozenset({"command", "list_collection_names",
                                              "create_collection", "drop_collection"})),
    "pymongo.Collection": (DATABASE, frozenset({
        "find", "find_one", "insert_one", "insert_many", "update_one", "update_many",
        "replace_one", "delete_one", "delete_many", "count_documents",
        "estimated_document_count", "aggregate", "distinct", "find_one_and_update",
        "find_one_and_delete", "find_one_and_replace", "bulk_write", "create_index",
        "create_indexes", "drop", "drop_index"})),
    "boto3.Client": (DATABASE, _AllBut(frozenset({"get_paginator", "get_waiter",
                                                  "can_paginate", "generate_presigned_url",
                                                  "generate_presigned_post", "close"}))),
}

# Methods with a blocking twin of the same type that BL108 reports instead of BL104.
FILESYSTEM_METHODS: dict[str, frozenset[str]] = {
    "pathlib.Path": frozenset({"exists", "stat", "lstat", "iterdir", "glob", "rglob",
                               "is_file", "is_dir", "is_symlink", "is_mount", "owner",
                               "group"}),
}


@dataclass(frozen=True)
class Match:
    """A blocking call found in the tables: its category, the name shown in messages, and the
    canonical name that `ignore` patterns are matched against."""

    category: Category
    label: str
    canonical: str


def _tokens(qualified: str) -> Optional[list[str]]:
    """`a.b().c` → ["a", "b", "()", "c"]."""
    tokens: list[str] = []
    for part in qualified.split("."):
        name = part
        calls = 0
        while name.endswith("()"):
            name = name[:-2]
            calls += 1
        if not name:
            return None
        tokens.append(name)
        tokens.extend(["()"] * calls)
    return tokens


# Methods whose result has a known type whatever the receiver: Celery's task calls return
# an AsyncResult (`send_email.delay(...)`, `app.send_task(...)`, `app.AsyncResult(id)`).
RESULT_OF_METHOD: dict[str, str] = {
    "delay": "celery.AsyncResult",
    "apply_async": "celery.AsyncResult",
    "send_task": "celery.AsyncResult",
    "AsyncResult": "celery.AsyncResult",
}

# Calls that do not block when an argument carries a flag: (argument position, keyword,
# the flag's qualified name). `os.waitpid(pid, os.WNOHANG)` returns at once.
NON_BLOCKING_FLAGS: dict[str, tuple[int, str, str]] = {
    "os.waitpid": (1, "options", "os.WNOHANG"),
    "os.wait3": (0, "options", "os.WNOHANG"),
    "os.wait4": (1, "options", "os.WNOHANG"),
    "os.waitid": (2, "options", "os.WNOHANG"),
}

# Methods of a blocking type that stop blocking once the object was switched over:
# `sock.setblocking(False)` or `sock.settimeout(0)`.
NON_BLOCKING_SWITCHES: dict[str, frozenset[str]] = {
    "socket.socket": frozenset({"setblocking", "settimeout"}),
}


def receiver_type(receiver: str) -> Optional[str]:
    """The canonical type of a receiver written as a qualified name with calls."""
    tokens = _tokens(receiver)
    if not tokens or "()" not in tokens:
        return None
    first_call = tokens.index("()")
    known = CONSTRUCTORS.get(".".join(tokens[:first_call]))
    if known is None and first_call > 1:
        known = RESULT_OF_METHOD.get(tokens[first_call - 1])
    index = first_call + 1
    while known is not None and index < len(tokens):
        token = tokens[index]
        if token == "()":
            known = RETURNS.get((known, "()"))
            index += 1
        elif index + 1 < len(tokens) and tokens[index + 1] == "()":
            known = RETURNS.get((known, token))
            index += 2
        else:
            known = ATTRIBUTES.get((known, token)) or ATTRIBUTE_ANY.get(known)
            index += 1
    return known


_LABELS = {"dbapi.Connection": "DB-API Connection", "dbapi.Cursor": "DB-API Cursor",
           "io.File": "file object"}


def _method_blocks(methods: Methods, name: str) -> bool:
    if isinstance(methods, _AllBut):
        return not name.startswith("_") and name not in methods.harmless
    return name in methods


def match_call(qualified: str, has_arguments: bool) -> Optional[Match]:
    """The blocking call a qualified callee name stands for, if any."""
    category = FUNCTIONS.get(qualified)
    if category is not None:
        label = qualified.removeprefix("builtins.")
        return Match(category, f"{label}()", qualified)
    category = CONNECTING_CONSTRUCTORS.get(qualified)
    if category is not None:
        return Match(category, f"{qualified}()", qualified) if has_arguments else None
    if "." not in qualified:
        return None
    receiver, method = qualified.rsplit(".", 1)
    known = receiver_type(receiver)
    if known is None:
        return None
    canonical = f"{known}.{method}"
    label = f"{_LABELS.get(known, known)}.{method}()"
    if method in FILESYSTEM_METHODS.get(known, frozenset()):
        return Match(FILESYSTEM_CHECK, label, canonical)
    entry = METHODS.get(known)
    if entry is None or not _method_blocks(entry[1], method):
        return None
    return Match(entry[0], label, canonical)


def matches_any(names: tuple[str, ...], patterns: tuple[str, ...]) -> bool:
    """Whether any of the names matches a configured name or fnmatch pattern."""
    return any(name == pattern or fnmatch.fnmatchcase(name, pattern)
               for name in names for pattern in patterns)


# Thread offloading: a function decorated with one of these runs in a worker thread.
THREAD_WRAPPERS: frozenset[str] = frozenset({
    "asyncio.to_thread",
    "asgiref.sync.sync_to_async",
    "channels.db.database_sync_to_async",
    "starlette.concurrency.run_in_threadpool",
    "fastapi.concurrency.run_in_threadpool",
    "anyio.to_thread.run_sync",
})

# Decorators that keep a function's result: whatever it blocks on, it blocks once (per
# process, or per argument).
MEMOISERS: frozenset[str] = frozenset({
    "functools.cache",
    "functools.lru_cache",
    "functools.cached_property",
    "cachetools.cached",
    "cachetools.func.lru_cache",
    "cachetools.func.ttl_cache",
    "django.utils.functional.cached_property",
})

# Blocking calls whose library keeps the result: after the first call per argument they
# return at once (a module already imported is a `sys.modules` lookup).
CACHED_CALLS: frozenset[str] = frozenset({"importlib.import_module"})

# ---------------------------------------------------------------- the Django ORM

# Queryset methods that build another queryset without touching the database.
QUERYSET_CHAIN: frozenset[str] = frozenset({
    "all", "filter", "exclude", "order_by", "select_related", "prefetch_related", "annotate",
    "alias", "values", "values_list", "distinct", "only", "defer", "using", "select_for_update",
    "reverse", "union", "intersection", "difference", "extra", "dates", "datetimes",
})

# Manager and queryset methods that run a query; each has an `a`-prefixed twin (Django 4.1+).
QUERYSET_QUERIES: frozenset[str] = frozenset({
    "get", "first", "last", "count", "exists", "create", "get_or_create", "update_or_create",
    "update", "delete", "bulk_create", "bulk_update", "aggregate", "in_bulk", "earliest",
    "latest", "contains", "explain", "iterator",
})

# Queries whose result is one model instance.
INSTANCE_QUERIES: frozenset[str] = frozenset({
    "get", "first", "last", "create", "earliest", "latest",
    "aget", "afirst", "alast", "acreate", "aearliest", "alatest",
})

# Model instance methods that hit the database; twins since Django 4.2.
INSTANCE_METHODS: frozenset[str] = frozenset({"save", "delete", "refresh_from_db"})

MODEL_BASES: frozenset[str] = frozenset({
    "django.db.models.Model", "django.db.models.base.Model",
    "django.contrib.auth.models.AbstractUser", "django.contrib.auth.models.AbstractBaseUser",
})

# Builtins that evaluate a queryset, with what to write instead.
QUERYSET_EVALUATORS: dict[str, str] = {
    "builtins.list": "`[obj async for obj in queryset]`",
    "builtins.tuple": "`[obj async for obj in queryset]`",
    "builtins.len": "`await queryset.acount()`",
    "builtins.bool": "`await queryset.aexists()`",
}
