"""Run the portal's checks on files given on the command line.

Organizers still receive files by e-mail; this tells them, without uploading, what the portal
would say: the same ``measure_stream`` and ``judge`` as the worker, the accepted type included.
Each file gets its verdict or one line saying why it could not be checked, and the run goes on.
Exit status 0 if every file passes (warnings, for a reviewer to look at, allowed), 1 if any
fails or could not be checked.

    python manage.py check_media --rules video clip.mov
    python manage.py check_media --rules publicity/poster --json poster.jpg
"""

import json
import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from inspection.errors import MediaError
from inspection.sniff import sniff
from inspection.types import label
from submissions.kinds import MaterialKind
from submissions.materials import accepted_types, spec_for
from submissions.models import Requirement
from submissions.models.files import Verdict
from submissions.rules import overall
from submissions.services.checks import measure_stream
from submissions.services.files import rules_for

DEFAULT_KIND = {
    "image": MaterialKind.POSTER,
    "video": MaterialKind.VIDEO,
    "word": MaterialKind.PRESS_RELEASE,
}
ERROR = "error"  # the file could not be checked at all
MARKS = {Verdict.PASS: "✓", Verdict.WARN: "!", Verdict.FAIL: "✗"}


class FileNotChecked(Exception):
    """One file that cannot be checked; the message is for the organizer, the run goes on."""


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
        parser.add_argument(
            "--role",
            help="the file's role in the requirement (main, source, photo…); default: the "
            "role that accepts the file's type, else the requirement's first file",
        )
        parser.add_argument("--json", action="store_true", help="one JSON object per file")
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            help="language of the messages (default: LANGUAGE_CODE)",
        )

    def handle(self, *args, files, rules, role, language, **options):
        with translation.override(language or settings.LANGUAGE_CODE):
            self.validate_selector(rules)
            failed = False
            for path in files:
                report = self.report_for(path, rules, role)
                failed |= report["verdict"] in (Verdict.FAIL, ERROR)
                self.stdout.write(self.render(report, as_json=options["json"]))
        if failed:
            raise SystemExit(1)

    # Not ``check``: that name is Django's system check, which ``manage.py`` runs first.
    def report_for(self, path: str, selector: str | None, role: str | None) -> dict:
        try:
            return self.check_file(path, selector, role)
        except FileNotChecked as error:
            return {"file": path, "verdict": ERROR, "passed": False, "error": str(error)}
        except Exception as error:  # one file's crash must not end the run
            message = _("检查出错（%(error)s），请将文件交技术人员核查") % {
                "error": f"{type(error).__name__}: {error}"
            }
            return {"file": path, "verdict": ERROR, "passed": False, "error": message}

    def validate_selector(self, selector: str | None) -> None:
        if selector and "/" not in selector and selector not in MaterialKind.values:
            raise CommandError(
                f"unknown kind {selector!r}; one of {', '.join(MaterialKind.values)}"
            )
        if selector and self.find_requirement(selector) is None:
            raise CommandError(f"no requirement matches {selector!r}")

    def find_requirement(self, selector: str) -> Requirement | None:
        queryset = Requirement.objects.select_related("call__edition").prefetch_related("rules")
        queryset = queryset.order_by("-call__edition__is_current", "call__edition__is_demo", "pk")
        if "/" in selector:
            call_code, code = selector.split("/", 1)
            return queryset.filter(call__code=call_code, code=code).first()
        return queryset.filter(kind=selector).first()

    def check_file(self, path: str, selector: str | None, role: str | None) -> dict:
        try:
            handle = open(path, "rb")  # noqa: SIM115 - closed below
        except OSError as error:
            raise FileNotChecked(
                _("无法打开文件：%(reason)s") % {"reason": error.strerror}
            ) from error
        with handle:
            size = os.path.getsize(path)
            requirement = self.requirement_for(handle, size, selector)
            file_spec = self.file_spec(requirement, handle, size, role)
            measured = measure_stream(
                handle,
                rules=rules_for(requirement, file_spec.role),
                role=file_spec.role,
                size=size,
                accepted=accepted_types(file_spec, requirement),
                previews=False,
            )
        verdict = overall(measured.outcomes)
        return {
            "file": path,
            "requirement": f"{requirement.call.code}/{requirement.code}",
            "role": file_spec.role,
            "verdict": verdict,
            # "Passed" only when every rule was measured and met; a warning is not a pass.
            "passed": verdict == Verdict.PASS,
            "facts": measured.facts,
            "outcomes": [
                {"rule": o.code, "verdict": o.verdict, "params": o.params, "message": o.message}
                for o in measured.outcomes
            ],
        }

    def requirement_for(self, handle, size: int, selector: str | None) -> Requirement:
        if selector:
            return self.find_requirement(selector)
        detected = self.sniffed_type(handle, size)
        kind = DEFAULT_KIND.get(detected.family) if detected else None
        requirement = self.find_requirement(kind) if kind else None
        if requirement is None:
            found = label(detected.type) if detected else _("空文件")
            raise FileNotChecked(
                _("文件实际类型为 %(type)s，没有哪项征集要求默认接收这种文件；请用 --rules 指定")
                % {"type": found}
            )
        return requirement

    def sniffed_type(self, handle, size: int):
        try:
            return sniff(handle) if size else None
        except MediaError:
            return None

    def file_spec(self, requirement, handle, size: int, role: str | None):
        spec = spec_for(requirement.kind)
        files = spec.files if spec else ()
        if not files:
            raise FileNotChecked(_("该征集要求不接收文件"))
        if role:
            chosen = spec.file_spec(role)
            if chosen is None:
                roles = ", ".join(f.role for f in files)
                raise FileNotChecked(
                    _("该征集要求没有 %(role)s 文件（可选：%(roles)s）")
                    % {
                        "role": role,
                        "roles": roles,
                    }
                )
            return chosen
        detected = self.sniffed_type(handle, size)
        taking = [f for f in files if detected and detected.type in accepted_types(f, requirement)]
        return (taking or files)[0]

    def render(self, report: dict, *, as_json: bool) -> str:
        if as_json:
            return json.dumps(report, ensure_ascii=False, sort_keys=True, default=str)
        if report["verdict"] == ERROR:
            return f"{report['file']}: {_('未能检查')} — {report['error']}"
        words = {
            Verdict.PASS: _("通过"),
            Verdict.WARN: _("需人工核对"),
            Verdict.FAIL: _("未通过"),
        }[report["verdict"]]
        lines = [f"{report['file']}: {words} ({report['requirement']} · {report['role']})"]
        lines += [f"  {MARKS[o['verdict']]} {o['message']}" for o in report["outcomes"]]
        return "\n".join(lines)
