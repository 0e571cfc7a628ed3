import os

DEBUG = os.environ.get("DJANGO_DEBUG", "") == "1"
INSTALLED_APPS = ["django.contrib.auth"]
ROOT_URLCONF = "mysite.urls"
