from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UploadsConfig(AppConfig):
    """断点续传: resumable (tus) uploads and the temporary files of large plain uploads."""

    name = "uploads"
    verbose_name = _("断点续传")
