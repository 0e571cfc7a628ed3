import redis


class RequestCounterMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        counter = redis.Redis(host="cache")  # error: BL901 "middleware `__call__`"
        counter.incr("requests")
        return self.get_response(request)


class SharedCounterMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.counter = redis.Redis(host="cache")

    def __call__(self, request):
        self.counter.incr("requests")
        return self.get_response(request)
