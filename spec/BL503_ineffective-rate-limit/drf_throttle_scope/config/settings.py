INSTALLED_APPS = ["rest_framework", "accounts"]

REST_FRAMEWORK = {
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": "100/hour", "login": "5/minute", "uploads": "10/hour"},
}
