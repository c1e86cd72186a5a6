from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubmissionsConfig(AppConfig):
    name = "submissions"
    verbose_name = _("征集与材料")

    def ready(self):
        from submissions.published import watch_configuration

        watch_configuration()
