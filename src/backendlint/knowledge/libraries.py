"""Top-level packages of widely used third-party libraries. Calls into them are never calls
into the linted project (unless the project is that library), so the project index does not
record them as call edges."""

THIRD_PARTY_ROOTS = frozenset({
    "aiohttp", "alembic", "anyio", "asgiref", "attr", "attrs", "boto3", "botocore", "celery",
    "click", "django", "djangorestframework", "fastapi", "flask", "flask_login",
    "flask_sqlalchemy", "flask_wtf", "httpx", "jinja2", "jwt", "kombu", "marshmallow",
    "numpy", "pandas", "passlib", "psycopg", "psycopg2", "pydantic", "pytest", "redis",
    "requests", "rest_framework", "sqlalchemy", "sqlmodel", "starlette", "structlog",
    "typer", "urllib3", "uvicorn", "werkzeug", "wtforms", "yaml",
})
