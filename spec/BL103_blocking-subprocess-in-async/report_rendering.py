"""Async handlers that shell out to render and archive reports."""

import asyncio
import os
import subprocess
from subprocess import check_output as run_and_capture

from fastapi import APIRouter

router = APIRouter(prefix="/reports")


@router.post("/{report_id}/pdf")
async def render_pdf(report_id: str) -> dict:
    subprocess.run(["wkhtmltopdf", f"/tmp/{report_id}.html", f"/tmp/{report_id}.pdf"],  # error: BL103
                   check=True)
    return {"path": f"/tmp/{report_id}.pdf"}


@router.get("/version")
async def tool_version() -> dict:
    return {"version": run_and_capture(["wkhtmltopdf", "--version"]).decode()}  # error: BL103


@router.post("/{report_id}/archive")
async def archive(report_id: str) -> dict:
    process = subprocess.Popen(["tar", "czf", f"{report_id}.tgz", report_id])  # error: BL103
    process.wait()  # error: BL103
    os.system(f"chmod 600 {report_id}.tgz")  # error: BL103
    return {"archived": True}


async def disk_usage() -> str:
    with os.popen("du -sh /srv/reports") as pipe:  # error: BL103
        return pipe.read()


async def reap_children() -> None:
    os.waitpid(-1, 0)  # error: BL103


@router.post("/{report_id}/thumbnail")
async def thumbnail(report_id: str) -> dict:
    # The async subprocess API is the fix.
    process = await asyncio.create_subprocess_exec(
        "convert", f"{report_id}.pdf[0]", f"{report_id}.png",
        stdout=asyncio.subprocess.PIPE,
    )
    await process.communicate()
    await asyncio.to_thread(subprocess.run, ["optipng", f"{report_id}.png"], check=True)
    return {"returncode": process.returncode}


def rebuild_fonts() -> None:
    # Sync code may block.
    subprocess.run(["fc-cache", "-f"], check=True)


async def exit_code(status: int) -> int:
    # Pure helpers with similar names are not process calls.
    return os.waitstatus_to_exitcode(status)
