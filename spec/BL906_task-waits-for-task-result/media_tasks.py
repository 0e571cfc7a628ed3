from celery import Celery, chain, chord, group, shared_task
from celery.result import AsyncResult

app = Celery("media")


@shared_task
def resize(image_id: int, width: int) -> str:
    return f"{image_id}-{width}"


@shared_task
def collect(paths: list) -> list:
    return paths


@shared_task
def publish(image_id: int) -> str:
    path = resize.delay(image_id, 800).get(timeout=60)  # error: BL906 "RuntimeError"
    return path


@app.task(bind=True)
def thumbnails(self, image_id: int) -> list:
    job = group(resize.s(image_id, width) for width in (64, 128, 256))
    result = job()
    return result.get(disable_sync_subtasks=False)  # error: BL906 "turns off Celery's guard"


@app.task
def gallery(image_ids: list) -> list:
    pending = chord(resize.s(image_id, 400) for image_id in image_ids)(collect.s())
    return pending.get()  # error: BL906


@shared_task
def follow_up(task_id: str) -> str:
    return AsyncResult(task_id).get()  # error: BL906


@shared_task
def by_name(image_id: int) -> str:
    return app.send_task("media.resize", args=[image_id, 32]).get()  # error: BL906


@shared_task
def pipeline(image_id: int) -> str:
    return chain(resize.s(image_id, 10), collect.s())().get()  # error: BL906


@shared_task
def options(settings: dict) -> str:
    # A dict's get and a string join wait for nothing.
    return ",".join([settings.get("size", "small")])
