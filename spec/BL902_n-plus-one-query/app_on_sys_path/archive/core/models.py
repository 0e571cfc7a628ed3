from django.db import models


class Tag(models.Model):
    name = models.CharField(max_length=100)


class Snapshot(models.Model):
    url = models.URLField()
    tags = models.ManyToManyField(Tag)
