class Config:
    SECRET_KEY = "from-env"


WTF_CSRF_ENABLED = False  # error: BL605 "WTF_CSRF_ENABLED"
