"""manage.py load_call NAME — write one call of the notices as rows (``seed.named_calls``).

Safe to run again: rows are found by their codes and brought up to the notice, never
duplicated. ``--list`` names the calls it knows.
"""

from django.core.management.base import BaseCommand, CommandError

from notices.seed.named_calls import NAMED_CALLS, load_named_call


class Command(BaseCommand):
    help = "载入一项征集通知配置 / Load one call's configuration from its notice."

    def add_arguments(self, parser):
        parser.add_argument("names", nargs="*", metavar="NAME")
        parser.add_argument("--list", action="store_true", help="列出可载入的通知 / list names")

    def handle(self, *args, names, **options):
        if options["list"] or not names:
            for name, named in NAMED_CALLS.items():
                self.stdout.write(f"{name}\t{named.description}")
            if not names:
                return
        unknown = [n for n in names if n not in NAMED_CALLS]
        if unknown:
            known = ", ".join(NAMED_CALLS)
            raise CommandError(f"未知的通知 / unknown call: {', '.join(unknown)} ({known})")
        for name in names:
            call = load_named_call(name)
            requirements = call.requirements.count()
            self.stdout.write(
                self.style.SUCCESS(f"已载入 / Loaded: {call.title_zh} ({name})")
                + f"\n  征集要求 requirements: {requirements}"
            )
