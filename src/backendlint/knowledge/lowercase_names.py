"""Names written in lower case even at the start of a sentence: packages and modules that a
message may open with (`sqlite3 execute() runs ...`)."""

LOWERCASE_NAMES = frozenset({
    "asyncpg", "sqlite3", "psycopg", "psycopg2", "pymysql", "aiosqlite", "aiomysql", "aiopg",
    "databases", "passlib", "slowapi", "flask-limiter", "fastapi-limiter", "django-ratelimit",
    "mysql.connector", "MySQLdb", "hashlib", "bcrypt", "requests", "httpx", "aiohttp",
    "urllib3", "redis", "boto3", "pymongo", "jwt", "argon2", "scrypt", "hmac", "secrets",
})
