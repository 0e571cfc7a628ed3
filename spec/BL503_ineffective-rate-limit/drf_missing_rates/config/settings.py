INSTALLED_APPS = ["rest_framework", "accounts"]

REST_FRAMEWORK = {
    "DEFAULT_THROTTLE_CLASSES": [  # error: BL503
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    # "user" is missing: every request DRF throttles raises ImproperlyConfigured.
    "DEFAULT_THROTTLE_RATES": {"anon": "100/hour", "uploads": "10/hour"},
}
