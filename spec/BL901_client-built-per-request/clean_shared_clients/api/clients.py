"""Clients built once: module level, cached factories, guarded globals, shared pools."""

import functools
from typing import Optional

import boto3
import httpx
import redis
from async_lru import alru_cache
from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

engine = create_engine("postgresql://app@db/app", pool_pre_ping=True)
SessionLocal = sessionmaker(bind=engine)
pool = redis.ConnectionPool(host="cache")

_http: Optional[httpx.AsyncClient] = None


@functools.lru_cache
def get_s3():
    return boto3.client("s3")


@alru_cache
async def get_search_client() -> httpx.AsyncClient:
    return httpx.AsyncClient(base_url="https://search.example.com")


def get_http() -> httpx.AsyncClient:
    global _http
    if _http is None:
        _http = httpx.AsyncClient(timeout=5)
    return _http


def get_redis() -> redis.Redis:
    return redis.Redis(connection_pool=pool)


class Storage:
    _client = None

    @classmethod
    def client(cls):
        if cls._client is None:
            cls._client = boto3.client("s3")
        return cls._client
