INSTALLED_APPS = [
    "django.contrib.auth",
    "rest_framework",
    "users",
]

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_THROTTLE_RATES": {"anon": "20/minute", "login": "5/minute"},
}
