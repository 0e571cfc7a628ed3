"""Reaping children from async code: polling with WNOHANG returns at once."""

import os


async def reap_finished(pid: int) -> bool:
    finished, _ = os.waitpid(pid, os.WNOHANG)
    return finished != 0


async def reap_any() -> None:
    os.waitpid(-1, os.WNOHANG | os.WUNTRACED)
    os.wait3(os.WNOHANG)


async def wait_for_child(pid: int) -> int:
    _, status = os.waitpid(pid, 0)  # error: BL103
    return status
