"""Child processes through asyncio, and subprocess only in sync code."""

import asyncio
import subprocess


async def render(path: str) -> int:
    process = await asyncio.create_subprocess_exec("wkhtmltopdf", path, path + ".pdf")
    return await process.wait()


def render_sync(path: str) -> None:
    subprocess.run(["wkhtmltopdf", path, path + ".pdf"], check=True)
