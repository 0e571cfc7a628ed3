DATABASE_URL = "postgresql+asyncpg://app@db/app"
REDIS_URL = "redis://cache:6379/0"
RATES_URL = "https://rates.example.com"
