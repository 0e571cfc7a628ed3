import logging

logger = logging.getLogger(__name__)


def audit(event: str) -> None:
    logger.info("audit %s", event)  # noqa: BL101
    logger.debug("raw %s", event)  # noqa  # error: BL002
    logger.debug("long line kept for grep %s", event)  # noqa: E501
    logger.warning("x")  # backendlint: ignore[BL999]  # error: BL002
