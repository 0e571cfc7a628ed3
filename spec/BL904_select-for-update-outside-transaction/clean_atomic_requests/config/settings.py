import dj_database_url

DATABASES = {"default": dj_database_url.config(default="postgres://localhost/wallet")}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
