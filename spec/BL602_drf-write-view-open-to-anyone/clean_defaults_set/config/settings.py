INSTALLED_APPS = ["django.contrib.auth", "rest_framework", "shop"]
REST_FRAMEWORK = {
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
}
