from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExhibitorsConfig(AppConfig):
    name = "exhibitors"
    verbose_name = _("展览洽谈")

    def ready(self):
        # Booth applications are this app's rows: the engine's matrix and workbench count
        # them through the registry (they may not import this app).
        from exhibitors import selectors
        from submissions.kinds import MaterialKind
        from submissions.tracked import TrackedKind, register

        register(
            MaterialKind.BOOTH_APPLICATION,
            TrackedKind(
                sent_by_unit=selectors.applications_sent,
                by_status=selectors.applications_by_status,
            ),
        )
