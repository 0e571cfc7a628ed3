from django.db import models


class Wallet(models.Model):
    balance = models.IntegerField(default=0)
