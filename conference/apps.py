from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConferenceConfig(AppConfig):
    name = "conference"
    verbose_name = _("大会与日历")

    def ready(self):
        from conference import configuration
        from conference.models import CalendarDay, CalendarYear, Edition, Region, Section

        # The holiday calendar, and what the calls' cached rows carry of the conference.
        configuration.watch([CalendarDay, CalendarYear, Edition, Region, Section])
