INSTALLED_APPS = ["django.contrib.auth", "blog"]
ROOT_URLCONF = "blog.urls"
SECRET_KEY = "django-insecure-9k$2v!x@r7^wq4b+u0m#z1p8e3t6y5"  # error: BL706
