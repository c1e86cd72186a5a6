"""The page tour's map: every URL of the resolver and of the admin registry, with the objects
that fill its parameters, and the checks run in each page.

A page the resolver knows and this map cannot fill makes ``urls_to_visit`` fail, naming it:
add its parameters to ``PORTAL_KWARGS`` or give a reason in ``SKIPPED``. Pages without
parameters, admin pages of a newly registered model and custom admin pages are toured
without any change here.
"""

import re
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.contrib import admin
from django.contrib.auth.tokens import default_token_generator
from django.db import models
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

# Pages not toured, each with its reason.
SKIPPED = {
    "accounts:logout": "POST only: ends the session (the tour's sign-in)",
    "set_language": "POST only: the language switch of every page",
    "uploads:create": "tus protocol endpoint (POST), not a page; driven by the upload tests",
    "submissions:upload_check": "JSON the upload row asks once a file has arrived, not a page; "
    "tests/test_forms_never_lose.py and test_forms_browser.py drive it",
    "submissions:requirement_precheck": "JSON endpoint (POST) of the browser's pre-check, not a "
    "page; tests/test_rule_pipeline.py and test_browser_prechecks.py drive it",
    "accounts:two_factor_qr": "the enrolment QR code, an SVG image of the setup page's secret "
    "(not a page); tests/test_two_factor.py and test_two_factor_browser.py draw it",
    "accounts:two_factor_recovery_codes_download": "a text file of recovery codes, shown once "
    "after enrolment; tests/test_two_factor.py downloads it",
    "matching:activate": "one-time activation link with a signed token; "
    "tests/test_matching_import.py follows it",
    "uploads:upload": "tus protocol endpoint (PATCH/HEAD), not a page",
    "exhibitors:submit": "POST only: the submit button of the application page",
    "exhibitors:withdraw": "its confirmation page is toured for the draft only (withdraws on POST)",
    "exhibitors:picture_delete": "POST only: the remove button of a picture",
    "exhibitors:message": "POST only: the message form of the application page",
    "exhibitors:picture_upload": "POST only: the picture form of the application page",
    "exhibitors:agreement_upload": "POST only: the agreement form of the application page",
    "admin:logout": "POST only: ends the session",
    "admin:autocomplete": "JSON for the admin's select boxes, not a page",
    "admin:jsi18n": "JavaScript catalogue loaded by admin pages",
    "admin:view_on_site": "redirect to the portal page of an object",
    "admin:password_change_done": "Django's own message after a password change",
    "admin:exhibitors_boothapplication_release": "POST only: releases a booth",
    "admin:?": "Django's catch-all and per-object redirects",
    "submissions:file_stream": "videos only; the tour's content has none (a video takes seconds "
    "to make); tests/test_publicity.py streams one",
    "exhibitors:enterprises": "only for a regional board's enterprise area; "
    "tests/test_exhibitors.py fills one",
    "favicon": "redirect to the icon; every page asks for it (a 404 there is a failed request)",
}
# Django's own per-object admin pages that hold no template or field of ours.
SKIPPED_ADMIN_SUFFIXES = {
    "_delete": "Django's delete confirmation, POST to act",
    "_history": "Django's history list (simple_history's for some models)",
}


@dataclass(frozen=True)
class Visit:
    name: str  # URL name, e.g. "submissions:item"
    url: str
    label: str  # for screenshots and reports
    admin: bool = False
    download: bool = False


def url_names() -> list[tuple[str, str]]:
    """(route, name) of every pattern, admin included."""

    def walk(patterns, prefix="", namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = namespace
                if pattern.namespace:
                    inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
            elif isinstance(pattern, URLPattern):
                name = pattern.name or "?"
                yield prefix + str(pattern.pattern), f"{namespace}:{name}" if namespace else name

    return list(walk(get_resolver().url_patterns))


def slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-")[:90]


def _first(model, **filters):
    return model._default_manager.filter(**filters).order_by("-pk").first()


def portal_kwargs(content) -> dict[str, list[dict]]:
    """The objects each parameterized portal page is visited with (one or several)."""
    from exhibitors.models import AgreementScan, ApplicationPicture
    from matching.models import Item as MatchingItem
    from submissions.models import Activity, ExportJob, MaterialFile, Requirement
    from units.models import Liaison

    liaison_unit = content.items["accepted"].unit
    user = content.items["accepted"].created_by
    # Not toured: the liaison list and the booth application have pages of their own (toured),
    # and the Shenzhen cases call is for Shenzhen districts, which no demo account is.
    requirements = (
        Requirement.objects.filter(call__edition=content.edition)
        .exclude(kind__in=("liaison_list", "booth_application"))
        .exclude(call__code="cases_shenzhen")
        .order_by("order")
    )
    items = sorted(content.items.values(), key=lambda item: item.pk)
    files = MaterialFile.objects.filter(submission__in=items)
    picture = files.filter(detected_type="jpeg").first()
    h5 = next(item for item in items if item.requirement.kind == "h5")
    applications = sorted(content.applications.values(), key=lambda a: a.pk)
    paid = content.applications["paid"]
    pk = lambda objects: [{"pk": o.pk} for o in objects]  # noqa: E731
    public_matching = MatchingItem.objects.filter(status="accepted", confidential=False)
    return {
        "accounts:password_reset_confirm": [
            {
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            }
        ],
        "submissions:liaison_edit": pk(Liaison.objects.filter(unit=liaison_unit)[:1]),
        "submissions:activity_edit": pk(Activity.objects.filter(unit=liaison_unit)[:1]),
        "submissions:requirement": pk(requirements),
        "submissions:requirement_template": pk(requirements.exclude(template_file="")[:1]),
        "submissions:item": pk(items),
        "submissions:item_checks": pk(items[:1]),
        "submissions:item_qr": pk([h5]),
        "submissions:file_download": pk([picture]),
        "submissions:file_preview": pk([picture]),
        "submissions:export_download": pk([_first(ExportJob, status="done")]),
        "submissions:statistics": pk(requirements.filter(kind="statistics")),
        "submissions:statistics_template": pk(requirements.filter(kind="statistics")[:1]),
        "exhibitors:detail": pk(applications),
        "exhibitors:edit": pk([content.applications["draft"]]),
        "exhibitors:agreement_download": pk([paid]),
        "exhibitors:scan_download": pk([_first(AgreementScan, application=paid)]),
        "exhibitors:picture_download": pk([_first(ApplicationPicture)]),
        "matching:board": [{"board": "projects"}, {"board": "talent"}],
        "matching:item": pk(public_matching[:1]),
        "matching:answered": pk(public_matching[:1]),
        "matching:item_edit": pk(MatchingItem.objects.filter(unit=liaison_unit)[:1]),
        "matching:print": [{"board": "projects"}],
    }


DOWNLOADS = {
    "matching:template",
    "matching:print",
    "submissions:requirement_template",
    "submissions:item_qr",
    "submissions:file_download",
    "submissions:file_preview",
    "submissions:file_stream",
    "submissions:export_download",
    "submissions:statistics_template",
    "exhibitors:agreement_download",
    "exhibitors:scan_download",
    "exhibitors:picture_download",
    "admin:achievements_reportcall_cases",
    "admin:achievements_reportcall_statistics",
}
# Fragments polled by a page, not pages of their own: fetched, not rendered.
FRAGMENTS = {"submissions:item_checks"}


def _admin_object(model, content):
    """The object whose change form the tour shows: the fullest one of its kind."""
    from exhibitors.models import BoothApplication
    from submissions.models import Submission

    chosen = {
        Submission: content.items["accepted"],
        BoothApplication: content.applications["paid"],
    }
    return chosen.get(model) or _first(model)


def admin_visits(content) -> list[Visit]:
    from accounts.roles import ORGANIZER_APPS

    visits = []
    for model in admin.site._registry:
        if model._meta.app_label not in ORGANIZER_APPS:
            continue  # users' groups and django-axes' logs: superusers only, no portal role
        info = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        label = f"admin-{model._meta.app_label}-{model._meta.model_name}"
        visits.append(Visit(f"{info}_changelist", reverse(f"{info}_changelist"), label, True))
        visits.append(Visit(f"{info}_add", reverse(f"{info}_add"), f"{label}-add", True))
        instance = _admin_object(model, content)
        if instance is not None:
            url = reverse(f"{info}_change", args=[instance.pk])
            visits.append(Visit(f"{info}_change", url, f"{label}-change", True))
    return visits


def _custom_admin_visit(route: str, name: str, content) -> Visit | None:
    """A page an admin adds in get_urls: its object, if it takes one, is its model's."""
    match = re.match(r"admin/(\w+)/(\w+)/", route)
    model = apps.get_model(match[1], match[2]) if match else None
    kwargs = {}
    if "<path:object_id>" in route or "<int:pk>" in route:
        instance = _admin_object(model, content)
        if instance is None:
            return None
        kwargs = {"object_id" if "object_id" in route else "pk": instance.pk}
    call = content.items["accepted"].requirement.call_id
    extra = {"admin:submissions_submission_matrix": f"?call={call}"}
    url = reverse(name, kwargs=kwargs) + extra.get(name, "")
    return Visit(name, url, slug(name), admin=True, download=name in DOWNLOADS)


GENERIC_ADMIN = re.compile(r"^admin:\w+_(changelist|add|change)$")


def urls_to_visit(content) -> list[Visit]:
    """Every page to tour; fails naming a page it cannot fill and that is not skipped."""
    kwargs = portal_kwargs(content)
    visits, unfilled = [], []
    for route, name in url_names():
        if name in SKIPPED or GENERIC_ADMIN.match(name):
            continue
        if name.startswith("admin:") and any(name.endswith(s) for s in SKIPPED_ADMIN_SUFFIXES):
            continue
        if name.startswith("admin:") and name not in ("admin:index", "admin:login"):
            if name == "admin:app_list":
                from accounts.roles import ORGANIZER_APPS

                registered = {m._meta.app_label for m in admin.site._registry}
                for app_label in [a for a in ORGANIZER_APPS if a in registered]:
                    url = reverse(name, kwargs={"app_label": app_label})
                    visits.append(Visit(name, url, f"admin-app-{app_label}", admin=True))
                continue
            visit = _custom_admin_visit(route, name, content)
            (visits.append(visit) if visit else unfilled.append(name))
            continue
        is_admin = name.startswith("admin:")
        if "<" not in route:
            visits.append(Visit(name, reverse(name), slug(name), is_admin, name in DOWNLOADS))
            continue
        if not kwargs.get(name):
            unfilled.append(name)
            continue
        for index, values in enumerate(kwargs[name]):
            label = slug(name) + (f"-{index + 1}" if len(kwargs[name]) > 1 else "")
            url = reverse(name, kwargs=values)
            visits.append(Visit(name, url, label, False, name in DOWNLOADS))
    assert not unfilled, (
        f"pages the tour cannot fill: {unfilled}; add them to tests/tour.py "
        "(portal_kwargs) or to SKIPPED with a reason"
    )
    return visits + admin_visits(content)


CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff5e]")


def user_texts(*, admin_side: bool) -> list[str]:
    """Texts stored in the database that contain Chinese: user data and proper names.

    User data: the texts of models without English twins (a unit's activities, an item's
    texts, file names, people). In a model with ``*_en`` fields, only a ``*_zh`` text whose
    twin is empty counts; portal pages must show the English one. In the admin every stored
    text is data (it shows both columns).
    """
    found: set[str] = set()
    for model in apps.get_models():
        text_fields = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField | models.JSONField)
        ]
        if not text_fields:
            continue
        bilingual = any(name.endswith("_en") for name in text_fields) and not admin_side
        for row in model._default_manager.values(*text_fields).iterator():
            for name, value in row.items():
                if bilingual and not _untranslated_zh(name, row):
                    continue
                found.update(_strings(value))
    return sorted((t for t in found if CJK.search(t)), key=len, reverse=True)


def _untranslated_zh(name: str, row: dict) -> bool:
    """In a model with English twins, a Chinese text is data only when it is a ``*_zh``
    field whose ``*_en`` twin is empty; any other Chinese text there needs its English, or a
    ``lang`` mark when it is asked in one language only (a matching item's offered, sought and
    terms carry ``lang="zh-Hans"``)."""
    twin = name[:-3] + "_en"
    return name.endswith("_zh") and twin in row and not row[twin]


def _strings(value):
    if isinstance(value, str):
        yield value.strip()
        yield from (line.strip() for line in value.splitlines() if line.strip())
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def untranslated(texts: list[str], allowed: list[str]) -> list[str]:
    """The texts that still hold Chinese once user data and proper names are taken out."""
    left = []
    for text in texts:
        rest = text
        for known in allowed:
            if known in rest:
                rest = rest.replace(known, " ")
        # Cut user data (the admin shortens long values): a run ending in "…" that begins
        # a stored text.
        rest = re.sub(r"\S+…", lambda m: " " if _starts_known(m[0][:-1], allowed) else m[0], rest)
        if CJK.search(rest):
            left.append(text)
    return left


def _starts_known(prefix: str, allowed: list[str]) -> bool:
    return len(prefix) >= 4 and any(known.startswith(prefix) for known in allowed)


# Run in the page: the problems a person sees without a tool (tests/tour_checks.js).
PAGE_CHECKS = (Path(__file__).parent / "tour_checks.js").read_text()
