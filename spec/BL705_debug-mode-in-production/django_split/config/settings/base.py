"""Settings shared by every environment."""
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent
DEBUG = True  # error: BL705
INSTALLED_APPS = ["django.contrib.admin", "django.contrib.auth", "orders"]
ROOT_URLCONF = "config.urls"
