"""Run the portal's checks on files given on the command line.

Organizers still receive files by e-mail; this tells them, without uploading, what the portal
would say. Exit status 0 if every file passes (warnings allowed), 1 if any fails.

    python manage.py check_media --rules video clip.mov
    python manage.py check_media --rules publicity/poster --json poster.jpg
"""

import json
import os

from django.core.management.base import BaseCommand, CommandError

from inspection.sniff import sniff
from submissions.kinds import MaterialKind
from submissions.materials import accepted_types, spec_for
from submissions.models import Requirement
from submissions.models.files import FileRole, Verdict
from submissions.services.files import measure_stream

DEFAULT_KIND = {
    "image": MaterialKind.POSTER,
    "video": MaterialKind.VIDEO,
    "word": MaterialKind.PRESS_RELEASE,
}


def role_for(requirement, sniffed) -> str:
    """The file role of the requirement's kind that takes this type (poster vs its source)."""
    spec = spec_for(requirement.kind) if requirement else None
    for file_spec in spec.files if spec else ():
        if sniffed and sniffed.type in accepted_types(file_spec, requirement):
            return file_spec.role
    return FileRole.MAIN


class Command(BaseCommand):
    help = "Check media files against a requirement's rules (exit 1 if any fails)."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument(
            "--rules",
            metavar="CALL_OR_KIND",
            help="a material kind (video, poster, photos…) or CALL/REQUIREMENT codes "
            "(e.g. publicity/video); default: chosen from each file's type",
        )
        parser.add_argument("--json", action="store_true", help="one JSON object per file")

    def handle(self, *args, files, rules, **options):
        failed = False
        for path in files:
            report = self.check(path, rules)
            failed |= any(o["verdict"] == Verdict.FAIL for o in report["outcomes"])
            self.stdout.write(self.render(report, as_json=options["json"]))
        if failed:
            raise SystemExit(1)

    def requirement(self, selector: str | None, family: str) -> Requirement | None:
        queryset = Requirement.objects.select_related("call__edition").prefetch_related("rules")
        queryset = queryset.order_by("-call__edition__is_current", "call__edition__is_demo", "pk")
        if selector and "/" in selector:
            call_code, code = selector.split("/", 1)
            found = queryset.filter(call__code=call_code, code=code).first()
        else:
            kind = selector or DEFAULT_KIND.get(family)
            if selector and kind not in MaterialKind.values:
                raise CommandError(
                    f"unknown kind {selector!r}; one of {', '.join(MaterialKind.values)}"
                )
            found = queryset.filter(kind=kind).first() if kind else None
        if selector and found is None:
            raise CommandError(f"no requirement matches {selector!r}")
        return found

    def check(self, path: str, selector: str | None) -> dict:
        try:
            handle = open(path, "rb")  # noqa: SIM115 - closed below
        except OSError as exc:
            raise CommandError(f"{path}: {exc.strerror}") from exc
        with handle:
            sniffed = sniff(handle) if os.path.getsize(path) else None
            requirement = self.requirement(selector, sniffed.family if sniffed else "other")
            rules = list(requirement.rules.all()) if requirement else []
            role = role_for(requirement, sniffed)
            measured = measure_stream(
                handle, rules=rules, role=role, size=os.path.getsize(path), previews=False
            )
        return {
            "file": path,
            "requirement": f"{requirement.call.code}/{requirement.code}" if requirement else None,
            "facts": measured.facts,
            "outcomes": [
                {"rule": o.code, "verdict": o.verdict, "params": o.params, "message": o.message}
                for o in measured.outcomes
            ],
            "passed": all(o.verdict != Verdict.FAIL for o in measured.outcomes),
        }

    def render(self, report: dict, *, as_json: bool) -> str:
        if as_json:
            return json.dumps(report, ensure_ascii=False, sort_keys=True)
        mark = {"pass": "✓", "warn": "!", "fail": "✗"}
        lines = [f"{report['file']}: {'通过 / passed' if report['passed'] else '未通过 / failed'}"]
        lines += [f"  {mark[o['verdict']]} {o['message']}" for o in report["outcomes"]]
        return "\n".join(lines)
