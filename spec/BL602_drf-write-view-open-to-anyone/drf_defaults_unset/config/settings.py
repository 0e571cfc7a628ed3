SECRET_KEY = "from-env-in-production"
INSTALLED_APPS = ["django.contrib.auth", "rest_framework", "shop"]
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.TokenAuthentication"],
}
