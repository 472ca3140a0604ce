from __future__ import annotations

from django.conf import settings
from django.db import models


class Notice(models.Model):
    agency = models.ForeignKey("core.Agency", on_delete=models.PROTECT, related_name="sample_notices")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="sample_notices")
    title = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    # Named for the type checker, which reads the project's settings, where this app is not installed.
    objects: models.Manager[Notice] = models.Manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title
