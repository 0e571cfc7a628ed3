"""Helpers shared by the Flask handlers: formatting, request parsing, error responses."""

from __future__ import annotations

import logging
from typing import Any

logger = logging.getLogger(__name__)


def format_price(cents: int, currency="EUR"):
    # BL201: `currency` (fix: `: str`); BL202: no return annotation (fix: `-> str`).
    return f"{cents / 100:.2f} {currency}"


def parse_page(args: dict[str, str]) -> int:
    raw = args.get("page", "1")
    return int(raw) if raw.isdigit() else 1


def _log_rejection(reason: str, payload: Any):
    # BL203: private, nothing returned (fix: `-> None`); BL204 (when selected): `Any`.
    logger.warning("rejected: %s (%r)", reason, payload)


def error_response(message: str, status: int = 400) -> tuple[dict[str, str], int]:
    def envelope(text):
        # BL201 for `text`, BL203 for this nested function (fix: `-> dict`).
        return {"error": text}

    _log_rejection(message, None)
    return envelope(message), status
