"""The sqlite3 module the app uses: a newer build when installed."""

try:
    import pysqlite3 as sqlite3
except ImportError:
    import sqlite3

__all__ = ["sqlite3"]
