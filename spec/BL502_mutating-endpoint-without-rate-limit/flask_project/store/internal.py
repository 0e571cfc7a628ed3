from flask import Flask

# A second app for the internal network; the limiter is bound to the public app only.
internal = Flask("internal")


@internal.post("/jobs")
def enqueue_job():  # error: BL502
    return "", 202


@internal.get("/jobs")
def list_jobs():
    return []
