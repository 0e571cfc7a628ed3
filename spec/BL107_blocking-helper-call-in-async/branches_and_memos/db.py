"""Helpers whose blocking branch depends on a flag, and helpers that block only once."""

import functools
import json
import sqlite3

import aiosqlite


def connect(path: str, is_async: bool = False):
    if is_async:
        return aiosqlite.connect(path)
    return sqlite3.connect(path)


def open_store(path: str, mode: str = "sync"):
    if mode == "async":
        return aiosqlite.connect(path)
    else:
        return sqlite3.connect(path)


@functools.lru_cache(maxsize=None)
def load_schema() -> dict:
    with open("schema.json") as handle:
        return json.load(handle)


class Settings:
    def values(self) -> dict:
        if not hasattr(self, "_values"):
            with open("settings.json") as handle:
                self._values = json.load(handle)
        return self._values


def open_pool(path: str):
    return sqlite3.connect(path)
