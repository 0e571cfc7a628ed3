import os

SECRET_KEY = os.environ["SECRET_KEY"]
ALLOWED_HOSTS = ["*"]  # error: BL707
INSTALLED_APPS = ["django.contrib.auth", "django.contrib.sessions"]
MIDDLEWARE = [  # error: BL707
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
]
SESSION_COOKIE_SECURE = False  # error: BL707
CSRF_COOKIE_SECURE = False  # error: BL707
SESSION_COOKIE_HTTPONLY = False  # error: BL707
