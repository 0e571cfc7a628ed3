"""Async handlers using sync drivers and cache clients."""

import sqlite3
from typing import Optional

import boto3
import psycopg2
import pymongo
import redis
import redis.asyncio as aioredis
from fastapi import APIRouter

router = APIRouter()
cache = redis.Redis(host="cache", port=6379)
mongo = pymongo.MongoClient("mongodb://mongo:27017")
async_cache = aioredis.Redis(host="cache")


@router.get("/sessions/{token}")
async def session_data(token: str) -> Optional[bytes]:
    return cache.get(f"session:{token}")  # error: BL105


@router.get("/events")
async def recent_events() -> list:
    return list(mongo.analytics.events.find({"type": "login"}).limit(10))  # error: BL105


@router.post("/audit")
async def audit(entry: dict) -> dict:
    conn = psycopg2.connect("dbname=audit")  # error: BL105
    with conn.cursor() as cursor:
        cursor.execute("insert into audit (entry) values (%s)", (entry,))  # error: BL105
    conn.commit()  # error: BL105
    return {"ok": True}


@router.get("/local/{key}")
async def local_lookup(key: str) -> Optional[tuple]:
    with sqlite3.connect("local.db") as db:  # error: BL105
        return db.execute("select * from kv where key = ?", (key,)).fetchone()  # error: BL105


class ReportUploader:
    def __init__(self) -> None:
        self.s3 = boto3.client("s3")

    async def upload(self, key: str, body: bytes) -> None:
        self.s3.put_object(Bucket="reports", Key=key, Body=body)  # error: BL105

    async def link(self, key: str) -> str:
        # Presigning is local computation, no request.
        return self.s3.generate_presigned_url(
            "get_object", Params={"Bucket": "reports", "Key": key}
        )


@router.get("/fast/{token}")
async def fast_session(token: str) -> Optional[bytes]:
    # redis.asyncio is the async client.
    return await async_cache.get(f"session:{token}")


async def make_pipeline() -> None:
    # Creating a pipeline sends nothing.
    pipeline = cache.pipeline()
    pipeline.incr("hits")
