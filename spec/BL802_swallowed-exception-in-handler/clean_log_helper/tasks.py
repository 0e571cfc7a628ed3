from celery import shared_task

from .monitoring import report_failure


@shared_task
def sync(item: int) -> None:
    try:
        run(item)
    except Exception:
        report_failure("sync", item)


def run(item: int) -> None:
    print(item)
