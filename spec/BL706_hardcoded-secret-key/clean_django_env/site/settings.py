import os

from django.core.management.utils import get_random_secret_key

INSTALLED_APPS = ["django.contrib.auth"]
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or get_random_secret_key()
