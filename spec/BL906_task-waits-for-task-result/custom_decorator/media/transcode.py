from celery import shared_task


@shared_task
def transcode(video_id: int) -> str:
    return f"{video_id}.mp4"
