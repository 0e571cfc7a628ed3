"""One settings module for every environment; origins come from the environment."""
import os

INSTALLED_APPS = ["django.contrib.auth", "corsheaders"]
CORS_ALLOW_CREDENTIALS = True
CORS_ALLOWED_ORIGINS = os.environ.get("CORS_ORIGINS", "").split(",")
CORS_ALLOW_ALL_ORIGINS = False
