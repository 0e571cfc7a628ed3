from django.db import models


class Profile(models.Model):
    username = models.CharField(max_length=150)
    failed_login_attempts = models.IntegerField(default=0)
