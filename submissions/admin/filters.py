"""The review desk's list filters: check verdict, deadline state, section, reviewer."""

from django.contrib import admin
from django.db.models import Count, F, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.roles import ORGANIZER, REVIEWER
from conference.models import Section
from submissions.models import RuleVerdict, Submission


class VerdictFilter(admin.SimpleListFilter):
    title = _("自动检查")
    parameter_name = "checks"

    def lookups(self, request, model_admin):
        return [("fail", _("有不通过")), ("warn", _("有提醒")), ("clean", _("全部通过"))]

    def queryset(self, request, queryset):
        if self.value() == "fail":
            return queryset.filter(fail_count__gt=0)
        if self.value() == "warn":
            return queryset.filter(warn_count__gt=0)
        if self.value() == "clean":
            return queryset.filter(fail_count=0, warn_count=0)
        return queryset


class DeadlineStateFilter(admin.SimpleListFilter):
    title = _("截止情况")
    parameter_name = "deadline"

    def lookups(self, request, model_admin):
        return [("on_time", _("按时")), ("late", _("逾期提交")), ("extended", _("已延期"))]

    def queryset(self, request, queryset):
        late = Q(requirement__deadline_at__isnull=False) & Q(
            submitted_at__gt=F("requirement__deadline_at")
        )
        if self.value() == "late":
            return queryset.filter(late)
        if self.value() == "on_time":
            return queryset.exclude(late).filter(extended=False)
        if self.value() == "extended":
            return queryset.filter(extended=True)
        return queryset


class SectionFilter(admin.SimpleListFilter):
    title = _("板块")
    parameter_name = "section"

    def lookups(self, request, model_admin):
        sections = Section.objects.filter(edition__is_current=True)
        return [(s.pk, s.name) for s in sections]

    def queryset(self, request, queryset):
        section = id_param({"section": self.value()}, "section")
        if section:
            return queryset.filter(
                Q(section_id=section)
                | Q(requirement__section_id=section)
                | Q(activity__section_id=section)
            )
        return queryset


def id_param(params, name: str) -> int | None:
    """A row id from the query string; anything else (``abc``, ``'``, 20 digits) is ignored."""
    value = str(params.get(name) or "")
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 18 else None


def verdict_count(verdict: str):
    counted = (
        RuleVerdict.objects.filter(
            file__submission=OuterRef("pk"), file__is_current=True, verdict=verdict
        )
        .order_by()
        .values("file__submission")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def reviewers():
    """People who review: active staff in the reviewer or organizer role (or superusers)."""
    return (
        User.objects.filter(is_staff=True, is_active=True)
        .filter(Q(is_superuser=True) | Q(groups__name__in=[REVIEWER, ORGANIZER]))
        .distinct()
        .order_by("username")
    )


class ReviewerFilter(admin.SimpleListFilter):
    """Those who review, and anyone items are still assigned to; not every account."""

    title = _("审核人")
    parameter_name = "reviewer__id__exact"

    def lookups(self, request, model_admin):
        assigned = Submission.objects.filter(reviewer__isnull=False).values("reviewer")
        people = User.objects.filter(Q(pk__in=reviewers()) | Q(pk__in=assigned))
        return [(u.pk, str(u)) for u in people.order_by("username")]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(reviewer_id=self.value())
        return queryset
