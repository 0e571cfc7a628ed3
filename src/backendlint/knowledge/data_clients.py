"""Database, cache and network clients that own a connection pool, the SQLAlchemy session
classes and factories, and the decorators that cache a function's return value. Pure tables;
names are written as the semantic model spells them (qualified, without `()`). HTTP client
classes come from `knowledge.http_clients`."""

from __future__ import annotations

from backendlint.knowledge.blocking_calls import MEMOISERS
from backendlint.knowledge.http_clients import (
    AIOHTTP_SESSION_CLASSES,
    HTTPX_CLIENT_CLASSES,
    REQUESTS_SESSIONS,
)

# What each constructor builds, in the words of a message. A constructor here opens (or owns)
# a pool of connections, a TLS context or a credential chain that is meant to be built once
# per process and shared: building one per request pays that cost on every request.
# `asyncpg.connect` and `psycopg.connect` are not here: one connection per unit of work is how
# those drivers are meant to be used when there is no pool.
POOLED_CLIENTS: dict[str, str] = {
    "sqlalchemy.create_engine": "a SQLAlchemy engine (a connection pool)",
    "sqlalchemy.engine.create_engine": "a SQLAlchemy engine (a connection pool)",
    "sqlalchemy.ext.asyncio.create_async_engine": "a SQLAlchemy engine (a connection pool)",
    "sqlalchemy.ext.asyncio.engine.create_async_engine":
        "a SQLAlchemy engine (a connection pool)",
    "sqlmodel.create_engine": "a SQLAlchemy engine (a connection pool)",
    "asyncpg.create_pool": "an asyncpg connection pool",
    "asyncpg.pool.create_pool": "an asyncpg connection pool",
    "psycopg_pool.ConnectionPool": "a psycopg connection pool",
    "psycopg_pool.AsyncConnectionPool": "a psycopg connection pool",
    "psycopg2.pool.SimpleConnectionPool": "a psycopg2 connection pool",
    "psycopg2.pool.ThreadedConnectionPool": "a psycopg2 connection pool",
    "aiomysql.create_pool": "an aiomysql connection pool",
    "redis.Redis": "a Redis client (with its own connection pool)",
    "redis.StrictRedis": "a Redis client (with its own connection pool)",
    "redis.client.Redis": "a Redis client (with its own connection pool)",
    "redis.from_url": "a Redis client (with its own connection pool)",
    "redis.Redis.from_url": "a Redis client (with its own connection pool)",
    "redis.StrictRedis.from_url": "a Redis client (with its own connection pool)",
    "redis.asyncio.Redis": "a Redis client (with its own connection pool)",
    "redis.asyncio.from_url": "a Redis client (with its own connection pool)",
    "redis.asyncio.Redis.from_url": "a Redis client (with its own connection pool)",
    "redis.asyncio.client.Redis": "a Redis client (with its own connection pool)",
    "aioredis.from_url": "a Redis client (with its own connection pool)",
    "aioredis.Redis": "a Redis client (with its own connection pool)",
    "aioredis.create_redis_pool": "a Redis client (with its own connection pool)",
    "boto3.client": "a boto3 client (credential lookup and a connection pool)",
    "boto3.resource": "a boto3 resource (credential lookup and a connection pool)",
    "boto3.session.Session.client": "a boto3 client (credential lookup and a connection pool)",
    "boto3.session.Session.resource":
        "a boto3 resource (credential lookup and a connection pool)",
    "boto3.Session.client": "a boto3 client (credential lookup and a connection pool)",
    "boto3.Session.resource": "a boto3 resource (credential lookup and a connection pool)",
    "motor.motor_asyncio.AsyncIOMotorClient": "a MongoDB client (a connection pool)",
    "pymongo.MongoClient": "a MongoDB client (a connection pool)",
    "pymongo.mongo_client.MongoClient": "a MongoDB client (a connection pool)",
    **{name: "an httpx client (a connection pool)" for name in HTTPX_CLIENT_CLASSES},
    **{name: "an aiohttp session (a connection pool)" for name in AIOHTTP_SESSION_CLASSES},
    **{name.removesuffix("()"): "a requests session (a connection pool)"
       for name in REQUESTS_SESSIONS},
}
# Session factories: cheap to call but not meant to be rebuilt per request either (a
# `sessionmaker` is configuration; rebuilding one usually means rebuilding its engine too).
SESSION_FACTORIES: frozenset[str] = frozenset({
    "sqlalchemy.orm.sessionmaker", "sqlalchemy.orm.session.sessionmaker",
    "sqlalchemy.ext.asyncio.async_sessionmaker",
    "sqlalchemy.ext.asyncio.session.async_sessionmaker",
})
SESSION_FACTORY_KIND = "a SQLAlchemy session factory"
# Keyword arguments that hand a client a pool built elsewhere: `redis.Redis(connection_pool=
# pool)` shares the pool, so the client itself is cheap.
SHARED_POOL_KEYWORDS: frozenset[str] = frozenset({"connection_pool", "connector", "transport",
                                                  "bind", "pool"})

# SQLAlchemy session classes (calling one opens a session) and the factories whose call
# result is a session. `scoped_session` is left out: its registry hands back the thread's own
# session, which is removed at teardown, not closed by the code that asked for it.
SESSION_CLASSES: frozenset[str] = frozenset({
    "sqlalchemy.orm.Session", "sqlalchemy.orm.session.Session",
    "sqlalchemy.ext.asyncio.AsyncSession", "sqlalchemy.ext.asyncio.session.AsyncSession",
    "sqlmodel.Session", "sqlmodel.ext.asyncio.session.AsyncSession",
})

# Decorators that keep a function's return value. On an `async def` the value is the
# coroutine object: the second caller gets the same coroutine, already awaited.
RESULT_CACHES: frozenset[str] = MEMOISERS | frozenset({
    "cachetools.cachedmethod",
    "cachetools.func.lfu_cache", "cachetools.func.fifo_cache", "cachetools.func.mru_cache",
    "cachetools.func.rr_cache",
})

# Decorators that make a function run at application start-up (not per request).
STARTUP_DECORATOR_ATTRIBUTES: frozenset[str] = frozenset({"on_event", "on_startup",
                                                          "before_serving", "before_first_request",
                                                          "listener"})
LIFESPAN_DECORATORS: frozenset[str] = frozenset({"contextlib.asynccontextmanager",
                                                 "contextlib.contextmanager"})
# Decorators (attribute names on an app or blueprint) of functions that run on every request.
PER_REQUEST_DECORATOR_ATTRIBUTES: frozenset[str] = frozenset({"before_request",
                                                              "after_request",
                                                              "before_app_request",
                                                              "teardown_request",
                                                              "middleware"})
