def health() -> dict[str, str]:
    return {"status": "ok"}  # noqa: BL001  # error: BL002


def ready() -> dict[str, str]:
    return {"status": "ready"}  # noqa: unparsable-file  # error: BL002
