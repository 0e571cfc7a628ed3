"""Django's docs recommend MD5 to speed up test runs; test settings are not reported."""
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
