"""The four roles, as Django groups, and what each may do (least privilege).

Liaisons and exhibitors act through the portal's own pages, which check unit membership;
organizers and reviewers work in the admin, where these permissions apply. The matrix below is
the whole truth: SECURITY.md copies it and ``tests/test_roles.py`` walks every admin page as
each role against it.

- organizer: every permission of the portal's apps; only a superuser grants superuser, staff
  status and the organizer role (``accounts.admin``);
- reviewer: reads the items it reviews (with their files, checks and history) and the exhibition
  applications, and records reviews (accept, request changes, reject); it changes no
  configuration, sees no unit's join code, no account, no committee decision;
- liaison, exhibitor: no admin permission.
"""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

LIAISON = "liaison"
EXHIBITOR = "exhibitor"
ORGANIZER = "organizer"
REVIEWER = "reviewer"

# Apps whose every model organizers manage in the admin.
ORGANIZER_APPS = (
    "conference",
    "units",
    "uploads",
    "submissions",
    "achievements",
    "exhibitors",
    "publication",
    "matching",
    "accounts",
)
# Everything a reviewer may do, by name: a new model gives reviewers nothing until it is listed.
REVIEWER_PERMISSIONS = (
    "submissions.view_submission",
    "submissions.review_submission",
    "submissions.view_materialfile",
    "submissions.view_reviewevent",
    "submissions.view_exportjob",
    "exhibitors.view_boothapplication",
    "exhibitors.view_representativeenterprise",
    "exhibitors.view_applicationpicture",
    "exhibitors.view_applicationmessage",
    # Project matching: the committee's reviewers read the items (and print the boards); the
    # decisions on them are the organizers'.
    "matching.view_item",
)


def has_role(user, role: str) -> bool:
    return user.is_authenticated and user.groups.filter(name=role).exists()


def is_organizer(user) -> bool:
    return user.is_authenticated and (user.is_superuser or has_role(user, ORGANIZER))


def permissions_named(names) -> Q:
    query = Q(pk__in=[])
    for name in names:
        app_label, codename = name.split(".")
        query |= Q(content_type__app_label=app_label, codename=codename)
    return query


def ensure_role_groups() -> None:
    """Create the groups and (re)assign their permissions; safe to run any number of times."""
    for name in (LIAISON, EXHIBITOR):
        Group.objects.get_or_create(name=name)[0].permissions.clear()
    organizer, _created = Group.objects.get_or_create(name=ORGANIZER)
    organizer.permissions.set(Permission.objects.filter(content_type__app_label__in=ORGANIZER_APPS))
    reviewer, _created = Group.objects.get_or_create(name=REVIEWER)
    reviewer.permissions.set(Permission.objects.filter(permissions_named(REVIEWER_PERMISSIONS)))


def ensure_role_groups_after_migrate(sender, app_config=None, **kwargs) -> None:
    # post_migrate is sent once per app, in INSTALLED_APPS order, and each app's permissions
    # are created by its own signal: every permission exists only after the last app's.
    from django.apps import apps

    migrated = [c for c in apps.get_app_configs() if c.models_module is not None]
    if app_config is not None and app_config is migrated[-1]:
        ensure_role_groups()
