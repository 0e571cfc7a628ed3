from jobs.decorators import tenant_task
from media.transcode import transcode


@tenant_task(queue="media")
def publish_video(video_id: int) -> str:
    return transcode.apply_async(args=[video_id]).get()  # error: BL906
