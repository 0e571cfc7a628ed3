INSTALLED_APPS = ["django.contrib.auth", "corsheaders", "shop"]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.common.CommonMiddleware",
]
CORS_ALLOW_CREDENTIALS = True
