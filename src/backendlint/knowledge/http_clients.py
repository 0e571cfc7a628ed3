"""Outgoing network clients: which calls open a connection, what their timeout and TLS
keywords are called, and the qualified names of their session and client objects (written as
the semantic model spells them: a call result ends in `()`)."""

from __future__ import annotations

# Methods of `requests` (module functions and Session methods) that send a request.
REQUESTS_METHODS = frozenset({
    "get", "post", "put", "patch", "delete", "head", "options", "request",
})
REQUESTS_SESSIONS = frozenset({
    "requests.Session()", "requests.session()", "requests.sessions.Session()",
    "requests.sessions.session()",
})
# Module functions and client classes of httpx; their methods send requests.
HTTPX_METHODS = frozenset({
    "get", "post", "put", "patch", "delete", "head", "options", "request", "stream",
})
HTTPX_CLIENTS = frozenset({"httpx.Client()", "httpx.AsyncClient()"})
HTTPX_CLIENT_CLASSES = frozenset({"httpx.Client", "httpx.AsyncClient"})
AIOHTTP_SESSIONS = frozenset({"aiohttp.ClientSession()", "aiohttp.client.ClientSession()"})
AIOHTTP_SESSION_CLASSES = frozenset({"aiohttp.ClientSession", "aiohttp.client.ClientSession"})
AIOHTTP_CONNECTORS = frozenset({"aiohttp.TCPConnector", "aiohttp.connector.TCPConnector"})
AIOHTTP_METHODS = frozenset({
    "get", "post", "put", "patch", "delete", "head", "options", "request", "ws_connect",
})
URLOPEN = frozenset({"urllib.request.urlopen"})
URLLIB3_POOLS = frozenset({
    "urllib3.PoolManager", "urllib3.HTTPSConnectionPool", "urllib3.connection_from_url",
    "urllib3.poolmanager.PoolManager", "urllib3.ProxyManager",
})

# Clients that wait on a socket with no bound unless told: (qualified name, the keyword that
# bounds it, its position among the positional arguments or None).
TIMEOUT_KEYWORDS: dict[str, tuple[str, int | None]] = {
    "urllib.request.urlopen": ("timeout", 2),
    "redis.Redis": ("socket_timeout", None),
    "redis.StrictRedis": ("socket_timeout", None),
    "redis.client.Redis": ("socket_timeout", None),
    "redis.Redis.from_url": ("socket_timeout", None),
    "redis.StrictRedis.from_url": ("socket_timeout", None),
    "redis.from_url": ("socket_timeout", None),
    "smtplib.SMTP": ("timeout", 3),
    "smtplib.SMTP_SSL": ("timeout", None),
    "psycopg.connect": ("connect_timeout", None),
    "psycopg2.connect": ("connect_timeout", None),
}
# Keywords that mean "no timeout" when given None.
HTTPX_TIMEOUT_KEYWORD = "timeout"

# Hosts that never leave the machine: TLS to them proves little either way.
LOOPBACK_PREFIXES = (
    "http://localhost", "https://localhost", "http://127.", "https://127.", "http://[::1]",
    "https://[::1]", "http://0.0.0.0", "https://0.0.0.0",
)

# Turning certificate checks off in the ssl module.
SSL_UNVERIFIED_CONTEXTS = frozenset({
    "ssl._create_unverified_context", "ssl._create_stdlib_context",
})
SSL_CERT_NONE = frozenset({"ssl.CERT_NONE", "ssl.VerifyMode.CERT_NONE"})
SSL_CONTEXTS = frozenset({
    "ssl.create_default_context()", "ssl.SSLContext()", "ssl._create_unverified_context()",
})

# CORS middleware of Starlette/FastAPI and flask-cors.
CORS_MIDDLEWARE = frozenset({
    "starlette.middleware.cors.CORSMiddleware", "fastapi.middleware.cors.CORSMiddleware",
})
STARLETTE_MIDDLEWARE_WRAPPERS = frozenset({
    "starlette.middleware.Middleware", "fastapi.middleware.Middleware",
})
FLASK_CORS = frozenset({"flask_cors.CORS", "flask_cors.cross_origin",
                        "flask_cors.extension.CORS", "flask_cors.decorator.cross_origin"})
# Origins an attacker can host, tried against an origin pattern.
ATTACKER_HOSTS = ("attacker.test", "evil-attacker.net")
