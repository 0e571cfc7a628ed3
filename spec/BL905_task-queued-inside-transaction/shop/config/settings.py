import os

DEBUG = False
INSTALLED_APPS = ["django.contrib.auth", "django.contrib.contenttypes", "orders", "storefront"]
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": os.environ.get("DB_NAME", "shop"),
        "ATOMIC_REQUESTS": True,
    }
}
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "redis://localhost:6379/0")
