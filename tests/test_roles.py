"""Roles by least privilege: the role × permission matrix, every admin page walked as every
role, and who may grant superuser, staff status and the organizer role."""

import re

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from accounts.models import User
from accounts.roles import EXHIBITOR, ORGANIZER, REVIEWER, ensure_role_groups
from submissions.kinds import SubmissionStatus
from submissions.models import Requirement, Submission
from submissions.models.exports import ExportJob
from tests.factories import UnitFactory, UserFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "staff", "liaison", "exhibitor", "reviewer", "organizer", "superuser"]

# The matrix, written down independently of accounts/roles.py: what a reviewer may do in the
# admin, per model ("view" = list, read, history; the review actions are checked below).
REVIEWER_READS = {
    "submissions.submission",
    "submissions.exportjob",
    "exhibitors.boothapplication",
    "achievements.reportcall",
    "matching.item",
}
# Organizers manage every model of the portal, but not Django's groups nor the lock-out records.
NOT_FOR_ORGANIZERS = {"auth", "axes"}
# Rows each organizer sees only of their own (a superuser sees all).
OWN_ROWS_ONLY = {"submissions.exportjob"}

PERMISSION_OF_CUSTOM_PAGE = {
    "matrix": "view",
    "calendar": "view",
    "cases": "view",
    "statistics": "view",
    "import": "add",
    "print": "view",
    "decide": "change",
    "assign": "change",
    "verify": "change",
    "payment": "change",
    "message": "change",
    "release": "change",
    "simple_history": "view",
}
PERMISSION_OF_PAGE = {"changelist": "view", "history": "view", "change": "view",
                      "add": "add", "delete": "delete"}  # fmt: skip


def account(role: str) -> User | None:
    if role == "anonymous":
        return None
    if role == "superuser":
        return UserFactory(unit=None, is_staff=True, is_superuser=True, role=ORGANIZER)
    if role == "staff":
        user = UserFactory(unit=None, is_staff=True)
        user.groups.clear()
        return user
    staff = role in (REVIEWER, ORGANIZER)
    return UserFactory(unit=None if staff else UnitFactory(), is_staff=staff, role=role)


def may(role: str, label: str, action: str) -> bool:
    """The matrix: may ``role`` do ``action`` on the model ``label`` in the admin?"""
    if role == "superuser":
        return True
    if role == "organizer":
        return label.split(".")[0] not in NOT_FOR_ORGANIZERS
    if role == "reviewer":
        return action == "view" and label in REVIEWER_READS
    return False


def admin_pages(objects: dict[str, int]):
    """(label, action, method, url) for every named URL of every registered model admin."""
    for model, model_admin in admin.site._registry.items():
        label = f"{model._meta.app_label}.{model._meta.model_name}"
        prefix = f"{model._meta.app_label}_{model._meta.model_name}_"
        for pattern in model_admin.get_urls():
            if not pattern.name or not pattern.name.startswith(prefix):
                continue
            suffix = pattern.name.removeprefix(prefix)
            action = PERMISSION_OF_PAGE.get(suffix) or PERMISSION_OF_CUSTOM_PAGE[suffix]
            kwargs = {}
            route = str(pattern.pattern)
            if "object_id" in route or "<int:pk>" in route:
                key = "object_id" if "object_id" in route else "pk"
                kwargs[key] = objects.get(label, 987654)
            if "assignment_id" in route:
                kwargs["assignment_id"] = 987654
            args = []
            if suffix == "simple_history":  # a regular expression: positional arguments
                pk = objects.get(label, 987654)
                version = model.history.filter(id=pk).order_by("history_id").first()
                args, kwargs = [pk, getattr(version, "history_id", 987654)], {}
            method = "post" if suffix == "release" else "get"
            url = reverse(f"admin:{pattern.name}", args=args, kwargs=kwargs)
            yield label, action, method, url


def outcome(response) -> str:
    if response.status_code == 302 and "/admin/login/" in response["Location"]:
        return "login"
    return str(response.status_code)


@pytest.fixture
def portal(ciep21, monkeypatch):
    """One row of the main models, so object pages show something."""
    from tests.test_exhibitors import draft, make_exhibitor, open_for_applications

    open_for_applications(ciep21, monkeypatch)
    application = draft(make_exhibitor())
    liaison = UserFactory()
    item = Submission.objects.create(
        requirement=Requirement.objects.filter(call__edition=ciep21).first(),
        unit=liaison.unit,
        title="新闻稿",
        status=SubmissionStatus.IN_REVIEW,
        created_by=liaison,
    )
    job = ExportJob.objects.create(description="导出", requested_by=liaison)
    objects = {}
    for model in admin.site._registry:
        row = model._default_manager.order_by("pk").first()
        if row is not None:
            objects[f"{model._meta.app_label}.{model._meta.model_name}"] = row.pk
    objects.update({"submissions.submission": item.pk, "exhibitors.boothapplication":
                    application.pk, "submissions.exportjob": job.pk})  # fmt: skip
    return objects


def test_every_admin_page_answers_each_role_as_the_matrix_says(client, portal):
    pages = list(admin_pages(portal))
    assert len(pages) > 100
    users = {role: account(role) for role in ROLES}
    results: dict[str, dict[str, str]] = {role: {} for role in ROLES}
    for role, user in users.items():
        client.logout()
        if user is not None:
            client.force_login(user)
        for _label, _action, method, url in pages:
            response = getattr(client, method)(url)
            results[role][url] = outcome(response)
    wrong = []
    for label, action, _method, url in pages:
        truth = results["superuser"][url]
        assert truth not in ("500", "login"), (url, truth)
        for role in ROLES:
            got = results[role][url]
            if role in ("anonymous", "liaison", "exhibitor"):
                expected = {"login"}
            elif may(role, label, action):
                expected = {truth, "302"} if label in OWN_ROWS_ONLY else {truth}
            else:
                # A page of a row that does not exist (or is not theirs) may say so to anyone.
                expected = {"403", truth} if truth in ("302", "404") else {"403"}
                if label in OWN_ROWS_ONLY:
                    expected.add("302")
            if got not in expected:
                wrong.append(f"{role} [{action}] {url}: {got}, expected {expected}")
    assert not wrong, "\n".join(wrong)


def test_the_app_pages_and_the_home_page_show_a_role_only_its_own(client, portal):
    client.force_login(account("staff"))
    home = client.get(reverse("admin:index")).content.decode()
    assert "催报矩阵" not in home and "submissions/submission" not in home
    assert client.get(reverse("admin:app_list", args=["submissions"])).status_code == 404
    client.force_login(account("reviewer"))
    home = client.get(reverse("admin:index")).content.decode()
    assert "/admin/submissions/submission/" in home
    for app in ("units", "conference", "accounts", "publication"):
        assert client.get(reverse("admin:app_list", args=[app])).status_code == 404, app
    assert "/admin/submissions/emailtemplate/" not in home
    assert "/admin/units/unit/" not in home


def test_the_reviewer_group_holds_exactly_the_written_matrix(db):
    ensure_role_groups()
    held = {
        f"{p.content_type.app_label}.{p.codename}"
        for p in Group.objects.get(name=REVIEWER).permissions.select_related("content_type")
    }
    assert held == {
        "submissions.view_submission",
        "submissions.review_submission",
        "submissions.view_materialfile",
        "submissions.view_reviewevent",
        "submissions.view_exportjob",
        "exhibitors.view_boothapplication",
        "exhibitors.view_representativeenterprise",
        "exhibitors.view_applicationpicture",
        "exhibitors.view_applicationmessage",
        "matching.view_item",
    }
    assert not any(re.match(r"\w+\.(change|add|delete)_", name) for name in held)
    organizer = {
        p.content_type.app_label
        for p in Group.objects.get(name=ORGANIZER).permissions.select_related("content_type")
    }
    assert "auth" not in organizer and "axes" not in organizer
    for role in ("liaison", EXHIBITOR):
        assert not Group.objects.get(name=role).permissions.exists()
    assert Permission.objects.filter(codename="review_submission").exists()


def test_a_reviewer_records_reviews_and_nothing_else(client, ciep21):
    from submissions.materials import spec_for

    reviewer = account("reviewer")
    liaison = UserFactory()
    requirement = next(
        r for r in Requirement.objects.filter(call__edition=ciep21) if spec_for(r.kind)
    )
    item = Submission.objects.create(
        requirement=requirement, unit=liaison.unit, title="稿件", status="in_review",
        created_by=liaison,
    )  # fmt: skip
    client.force_login(reviewer)
    changelist = reverse("admin:submissions_submission_changelist")
    listing = client.get(changelist).content.decode()
    assert 'value="accept"' in listing
    for organizers_only in ("record_decision", "assign_reviewer"):
        assert f'value="{organizers_only}"' not in listing
    client.post(changelist, {"action": "accept", "_selected_action": [item.pk]})
    item.refresh_from_db()
    assert item.status == SubmissionStatus.ACCEPTED
    # The item's own fields are read, not edited.
    change = reverse("admin:submissions_submission_change", args=[item.pk])
    assert 'name="title"' not in client.get(change).content.decode()
    client.post(change, {"title": "改过的标题"})
    item.refresh_from_db()
    assert item.title == "稿件"
    # No configuration, no join codes, no accounts.
    for name in ("submissions_emailtemplate", "submissions_call", "submissions_requirement",
                 "achievements_statisticmetric", "achievements_casecategory", "units_unit",
                 "accounts_user"):  # fmt: skip
        assert client.get(reverse(f"admin:{name}_changelist")).status_code == 403, name
    assert liaison.unit.join_code not in client.get(changelist).content.decode()


def test_the_matrix_is_read_by_reviewers_and_reminders_sent_by_organizers(client, ciep21):
    from django.core import mail

    matrix = reverse("admin:submissions_submission_matrix")
    unit = UserFactory(email="owes@example.cn").unit
    unit.is_partner = True
    unit.save()
    client.force_login(account("staff"))
    assert client.get(matrix).status_code == 403
    assert client.post(matrix, {"unit": [unit.pk]}).status_code == 403
    client.force_login(account("reviewer"))
    page = client.get(matrix).content.decode()
    assert "催报矩阵" in page and 'name="unit"' not in page
    assert client.post(matrix, {"unit": [unit.pk]}).status_code == 403
    assert not mail.outbox


def test_only_a_superuser_grants_superuser_staff_or_the_organizer_role(client, db):
    ensure_role_groups()
    organizer, superuser = account("organizer"), account("superuser")
    liaison = UserFactory()
    client.force_login(organizer)
    url = reverse("admin:accounts_user_change", args=[liaison.pk])
    form = client.get(url).content.decode()
    assert 'name="is_superuser"' not in form and 'name="is_staff"' not in form
    assert 'name="user_permissions"' not in form
    organizer_group = Group.objects.get(name=ORGANIZER)
    assert f'value="{organizer_group.pk}"' not in form
    reviewer_group = Group.objects.get(name=REVIEWER)
    data = {
        "username": liaison.username, "email": liaison.email, "first_name": "新名字",
        "is_active": "on", "is_superuser": "on", "is_staff": "on",
        "groups": [organizer_group.pk, reviewer_group.pk],
        "user_permissions": list(Permission.objects.values_list("pk", flat=True)[:5]),
        "unit": liaison.unit_id, "preferred_language": "zh-hans",
        "date_joined_0": "2023-03-01", "date_joined_1": "10:00:00",
    }  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 200
    assert (
        "organizer" in response.content.decode()
        or "选择一个有效的选项" in response.content.decode()
    )
    data["groups"] = [reviewer_group.pk]
    assert client.post(url, data).status_code == 302
    liaison.refresh_from_db()
    assert liaison.first_name == "新名字"
    assert not (liaison.is_superuser or liaison.is_staff or liaison.user_permissions.exists())
    assert list(liaison.groups.values_list("name", flat=True)) == [REVIEWER]
    # A superuser's or another organizer's account is read, not changed (its password neither).
    for privileged in (superuser, account("organizer")):
        change = reverse("admin:accounts_user_change", args=[privileged.pk])
        assert 'name="email"' not in client.get(change).content.decode()
        password = reverse("admin:auth_user_password_change", args=[privileged.pk])
        assert (
            client.post(password, {"password1": "x" * 12, "password2": "x" * 12}).status_code == 403
        )
    # The superuser may.
    client.force_login(superuser)
    data["groups"] = [organizer_group.pk]
    assert client.post(url, data).status_code == 302
    liaison.refresh_from_db()
    assert liaison.is_superuser and liaison.is_staff
    assert liaison.groups.filter(name=ORGANIZER).exists()
