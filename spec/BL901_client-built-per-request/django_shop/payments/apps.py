import redis
from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "payments"

    def ready(self) -> None:
        self.cache = redis.Redis(host="cache")
