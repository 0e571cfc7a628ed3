class ProductionConfig:
    SIGNING_SALT = "password-reset-salt"  # error: BL706
    SECRET_KEY_PATH = "/run/secrets/flask"
