"""Sockets switched to non-blocking mode, and Celery results awaited inside handlers."""

import asyncio
import socket

from celery.result import AsyncResult

from app.tasks import render_report


async def probe(host: str) -> bytes:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setblocking(False)
    loop = asyncio.get_running_loop()
    await loop.sock_connect(sock, (host, 80))
    sock.send(b"PING\r\n")
    return await loop.sock_recv(sock, 1024)


async def blocking_probe(host: str) -> bytes:
    sock = socket.create_connection((host, 80))  # error: BL102
    sock.sendall(b"PING\r\n")  # error: BL102
    return sock.recv(1024)  # error: BL102


async def report(report_id: int) -> dict:
    result = render_report.delay(report_id)
    return result.get(timeout=30)  # error: BL102


async def report_status(task_id: str) -> str:
    return AsyncResult(task_id).get()  # error: BL102


async def report_queued(report_id: int) -> str:
    # Queuing is fine; only waiting for the result blocks.
    return render_report.delay(report_id).id
