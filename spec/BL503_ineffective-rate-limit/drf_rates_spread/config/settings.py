import os

INSTALLED_APPS = ["rest_framework", "api"]

BASE_RATES = {"anon": os.environ.get("ANON_RATE", "100/hour")}

# Clean: the rates are spread in from elsewhere, so backendlint cannot tell which scopes
# have one.
REST_FRAMEWORK = {
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {**BASE_RATES, "user": "1000/hour"},
}
