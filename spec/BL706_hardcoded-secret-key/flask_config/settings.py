class BaseConfig:
    SECRET_KEY = "change-me-in-production"  # error: BL706


class ProdConfig(BaseConfig):
    SQLALCHEMY_ECHO = False


class TestingConfig(BaseConfig):
    SECRET_KEY = "testing"
