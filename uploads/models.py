"""A resumable (tus) upload in progress, and the temporary file it fills."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class UploadSession(models.Model):
    """A resumable (tus) upload in progress: bytes land in a temporary file on the media disk."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey("units.Unit", on_delete=models.CASCADE, related_name="+")
    length = models.BigIntegerField()
    offset = models.BigIntegerField(default=0)
    filename = models.CharField(max_length=255)
    metadata = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    consumed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "submissions_uploadsession"  # the table from before the app was split out
        verbose_name = _("断点续传")
        verbose_name_plural = pgettext_lazy("plural", "断点续传")

    def __str__(self) -> str:
        return f"{self.filename} {self.offset}/{self.length}"

    @property
    def is_complete(self) -> bool:
        return self.offset == self.length
