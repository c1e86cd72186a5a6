from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ConferenceConfig(AppConfig):
    name = "conference"
    verbose_name = _("大会与日历")

    def ready(self):
        from conference import configuration
        from conference.models import CalendarDay, CalendarYear, Edition, Region, Section

        # The holiday calendar, and what the calls' cached rows carry of the conference.
        configuration.watch([CalendarDay, CalendarYear, Edition, Region, Section])
        # Migrations change rows without signals (data steps, renamed fields): start afresh.
        post_migrate.connect(_after_migrate, sender=self)


def _after_migrate(**kwargs):
    from conference.configuration import configuration_changed

    configuration_changed()
