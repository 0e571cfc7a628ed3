from celery import shared_task
from celery.result import AsyncResult
from django.core.management.base import BaseCommand
from django.http import JsonResponse


@shared_task
def export_report(report_id: int) -> str:
    return f"/exports/{report_id}.csv"


class Command(BaseCommand):
    help = "Export a report and wait for the file"

    def handle(self, *args, **options):
        path = export_report.delay(options["report"]).get(timeout=600)
        self.stdout.write(path)


def report_status(request, task_id):
    result = AsyncResult(task_id)
    if result.ready():
        return JsonResponse({"path": result.get()})
    return JsonResponse({"state": result.state})


@shared_task
def export_all(report_ids: list) -> list:
    def wait_later(task_id):
        return AsyncResult(task_id).get()

    return [export_report.delay(report_id).id for report_id in report_ids]


async def report_status_async(task_id):
    # Blocking in an `async def` is reported by BL102, not here.
    return AsyncResult(task_id).get()
