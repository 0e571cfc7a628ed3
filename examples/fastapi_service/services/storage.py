"""Report storage on the local disk. A sync API: fine from sync code and worker threads."""

from __future__ import annotations

import json
from pathlib import Path

REPORT_ROOT = Path("/srv/reports")


def _write_json(path: Path, payload: dict) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(payload, handle)


def save_report(name: str, payload: dict) -> Path:
    target = REPORT_ROOT.joinpath(f"{name}.json")
    _write_json(target, payload)
    return target


def report_url(name: str) -> str:
    # Pure string work: safe to call from async code.
    return f"/media/reports/{name}.json"
