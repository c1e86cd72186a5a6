"""The four roles, as Django groups, and what each may do.

Liaisons and exhibitors act through the portal's own pages, which check unit membership;
organizers and reviewers work in the admin, where these permissions apply.
"""

from django.contrib.auth.models import Group, Permission

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
# Reviewers read everything and change only submissions and their reviews.
# (uploads and achievements were part of submissions until the apps were split; their
# permissions stay as they were.)
REVIEWER_CHANGE_APPS = ("submissions", "uploads", "achievements")


def has_role(user, role: str) -> bool:
    return user.is_authenticated and user.groups.filter(name=role).exists()


def is_organizer(user) -> bool:
    return user.is_authenticated and (user.is_superuser or has_role(user, ORGANIZER))


def ensure_role_groups() -> None:
    """Create the groups and (re)assign their permissions; safe to run any number of times."""
    for name in (LIAISON, EXHIBITOR):
        Group.objects.get_or_create(name=name)
    organizer, _created = Group.objects.get_or_create(name=ORGANIZER)
    organizer.permissions.set(Permission.objects.filter(content_type__app_label__in=ORGANIZER_APPS))
    reviewer, _created = Group.objects.get_or_create(name=REVIEWER)
    reviewer.permissions.set(
        Permission.objects.filter(
            content_type__app_label__in=ORGANIZER_APPS, codename__startswith="view_"
        )
        | Permission.objects.filter(
            content_type__app_label__in=REVIEWER_CHANGE_APPS, codename__startswith="change_"
        )
    )


def ensure_role_groups_after_migrate(sender, app_config=None, **kwargs) -> None:
    # post_migrate is sent once per app, in INSTALLED_APPS order, and each app's permissions
    # are created by its own signal: every permission exists only after the last app's.
    from django.apps import apps

    migrated = [c for c in apps.get_app_configs() if c.models_module is not None]
    if app_config is not None and app_config is migrated[-1]:
        ensure_role_groups()
