INSTALLED_APPS = ["rest_framework", "api"]

REST_FRAMEWORK = {
    # No DEFAULT_THROTTLE_RATES: DRF's default rate for "anon" is None, which never limits.
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"],  # error: BL503
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
}
