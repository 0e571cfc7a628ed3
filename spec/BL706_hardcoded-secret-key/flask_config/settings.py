class BaseConfig:
    SECRET_KEY = "change-me-in-production"  # error: BL706
    WTF_CSRF_SECRET_KEY = "csrf-tokens-key"  # error: BL706
    SECRET_KEY_FILE = None


class ProdConfig(BaseConfig):
    SQLALCHEMY_ECHO = False


class TestingConfig(BaseConfig):
    SECRET_KEY = "testing"
