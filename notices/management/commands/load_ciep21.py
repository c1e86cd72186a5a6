"""manage.py load_ciep21 — write the 21st CIEP's configuration from the notices.

Safe to run again: rows are updated in place, never duplicated. Output is bilingual so that
it reads the same whatever locale the command runs under.
"""

from django.core.management.base import BaseCommand

from conference.models import Board, Hall, Region, Section, Zone
from notices.seed.ciep21 import load_ciep21
from submissions.models import Call, Requirement, RequirementRule


class Command(BaseCommand):
    help = "载入第二十一届中国国际人才交流大会配置 / Load the 21st CIEP configuration."

    def add_arguments(self, parser):
        parser.add_argument(
            "--not-current",
            action="store_true",
            help=(
                "不设为当前届次（若已无当前届次则仍设为当前）"
                " / Do not make it the current edition (unless none is)."
            ),
        )

    def handle(self, *args, not_current: bool = False, **options):
        edition = load_ciep21(make_current=not not_current)
        counts = {
            "板块 sections": Section.objects.filter(edition=edition).count(),
            "展馆 halls": Hall.objects.filter(edition=edition).count(),
            "展区 zones": Zone.objects.filter(hall__edition=edition).count(),
            "展览板块 boards": Board.objects.filter(zone__hall__edition=edition).count(),
            "地区 regions": Region.objects.count(),
            "征集通知 calls": Call.objects.filter(edition=edition).count(),
            "征集要求 requirements": Requirement.objects.filter(call__edition=edition).count(),
            "检查规则 rules": RequirementRule.objects.filter(
                requirement__call__edition=edition
            ).count(),
        }
        current = "是 yes" if edition.is_current else "否 no"
        self.stdout.write(
            self.style.SUCCESS(f"已载入 / Loaded: {edition.name_zh} ({edition.name_en})")
        )
        self.stdout.write(f"  当前届次 current: {current}")
        for label, count in counts.items():
            self.stdout.write(f"  {label}: {count}")
