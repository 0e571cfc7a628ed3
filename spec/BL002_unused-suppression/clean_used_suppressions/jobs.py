"""Every suppression here silences a finding that is really there, or names another tool."""

import asyncio
import time


async def warm_cache() -> None:
    time.sleep(0.1)  # noqa: BL101 - start-up only, before the server accepts requests
    await asyncio.sleep(0)


def legacy_report(rows: list[str]) -> str:
    return ",".join(rows)  # noqa: E501
