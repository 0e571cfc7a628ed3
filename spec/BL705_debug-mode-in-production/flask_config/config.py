import os


class Config:
    DEBUG = False
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL", "sqlite://")


class ProductionConfig(Config):
    DEBUG = True  # error: BL705


class DevelopmentConfig(Config):
    DEBUG = True


config = {"production": ProductionConfig, "development": DevelopmentConfig}
