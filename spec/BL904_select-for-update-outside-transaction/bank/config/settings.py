DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "bank",
        "CONN_MAX_AGE": 60,
    }
}
