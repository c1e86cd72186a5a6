"""manage.py load_booths — an example booth inventory for hall 1 and example bank details.

Safe to run again: adds only what is missing. Output is bilingual so that it reads the same
whatever locale the command runs under.
"""

from django.core.management.base import BaseCommand, CommandError

from conference.models import Edition
from exhibitors.seed import load_booths


class Command(BaseCommand):
    help = "载入示例展位和汇款信息 / Load an example booth inventory and bank details."

    def add_arguments(self, parser):
        parser.add_argument(
            "--edition",
            type=int,
            help="届次编号（默认当前届次） / Edition number (default: the current edition).",
        )
        parser.add_argument(
            "--demo", action="store_true", help="演示届次 / The demo edition of that number."
        )

    def handle(self, *args, edition=None, demo=False, **options):
        editions = Edition.objects.all()
        if edition is None:
            found = editions.filter(is_current=True).first()
        else:
            found = editions.filter(number=edition, is_demo=demo).first()
        if found is None:
            raise CommandError(
                "找不到届次，请先运行 load_ciep21。 / No such edition; run load_ciep21."
            )
        loaded = load_booths(found)
        self.stdout.write(self.style.SUCCESS(f"已载入 / Loaded: {found.name_zh}"))
        self.stdout.write(f"  新增展位 booths created: {loaded.booths_created}")
        settings = (
            "新增（示例数据） created (example data)" if loaded.settings_created else "已有 kept"
        )
        self.stdout.write(f"  展览洽谈设置 settings: {settings}")
