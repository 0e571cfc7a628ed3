INSTALLED_APPS = ["django.contrib.auth", "axes", "accounts"]

MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Locks an account or IP out after repeated failed logins.
    "axes.middleware.AxesMiddleware",
]
