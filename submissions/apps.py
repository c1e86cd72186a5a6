from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubmissionsConfig(AppConfig):
    name = "submissions"
    verbose_name = _("征集与材料")

    def ready(self):
        from submissions.selectors.published import watch_configuration

        watch_configuration()

        from submissions.services.uploads import over_requirement_limit
        from uploads.services import register_precheck

        register_precheck(over_requirement_limit)
