import functools

from celery import shared_task


def tenant_task(**options):
    def wrap(function):
        @functools.wraps(function)
        def run(tenant_id, *args, **kwargs):
            return function(*args, **kwargs)

        return shared_task(**options)(run)

    return wrap
