"""Data migrations keep what organizers and units entered."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)


def migrate(*targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(list(targets))
    return executor.loader.project_state(list(targets)).apps


def latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


def test_a_max_items_rule_becomes_the_requirements_max_count():
    """Issue 14.10: the rule kind 条目数量不超过 could be chosen but nothing evaluated it."""
    apps = migrate(("submissions", "0012_extension_per_activity"))
    Edition = apps.get_model("conference", "Edition")
    Call = apps.get_model("submissions", "Call")
    Requirement = apps.get_model("submissions", "Requirement")
    edition = Edition.objects.create(
        number=99, name_zh="测试", starts_on="2023-04-15", ends_on="2023-04-16"
    )
    call = Call.objects.create(edition=edition, code="c", title_zh="征集")
    limited = Requirement.objects.create(call=call, code="a", kind="photos", title_zh="图片")
    looser = Requirement.objects.create(
        call=call, code="b", kind="photos", title_zh="图片", max_count=2
    )
    limited.rules.create(code="max_items", value=3)
    looser.rules.create(code="max_items", value=5)
    looser.rules.create(code="image_min_width", value=1000)
    try:
        apps = migrate(*latest())
        Requirement = apps.get_model("submissions", "Requirement")
        assert Requirement.objects.get(code="a").max_count == 3
        assert Requirement.objects.get(code="b").max_count == 2
        codes = set(
            apps.get_model("submissions", "RequirementRule").objects.values_list("code", flat=True)
        )
        assert codes == {"image_min_width"}
    finally:
        migrate(*latest())


def test_unit_level_press_releases_are_kept_and_given_the_units_only_section():
    """Issue 14.1: existing unit-level items stay valid; assigned where unambiguous."""
    apps = migrate(
        ("submissions", "0014_figures_follow_live_stream"),
        ("units", "0003_unit_kinds_of_other_organizers"),
    )
    Edition = apps.get_model("conference", "Edition")
    Section = apps.get_model("conference", "Section")
    Unit = apps.get_model("units", "Unit")
    Call = apps.get_model("submissions", "Call")
    Requirement = apps.get_model("submissions", "Requirement")
    Activity = apps.get_model("submissions", "Activity")
    Submission = apps.get_model("submissions", "Submission")
    edition = Edition.objects.create(
        number=98, name_zh="测试", starts_on="2023-04-15", ends_on="2023-04-16"
    )
    expo = Section.objects.create(
        edition=edition, code="exhibition", name_zh="展览洽谈", mode="offline"
    )
    jobs = Section.objects.create(
        edition=edition, code="recruitment", name_zh="人才招聘", mode="offline"
    )
    call = Call.objects.create(edition=edition, code="publicity", title_zh="宣传")
    press = Requirement.objects.create(
        call=call, code="press", kind="press_release", title_zh="新闻稿件"
    )
    one = Unit.objects.create(name_zh="一个板块的单位", kind="other", join_code="AAAAAAAAAA")
    two = Unit.objects.create(name_zh="两个板块的单位", kind="other", join_code="BBBBBBBBBB")
    for unit, sections in ((one, [expo, expo]), (two, [expo, jobs])):
        for n, section in enumerate(sections):
            Activity.objects.create(
                unit=unit, section=section, name=f"活动{n}",
                starts_at="2023-04-15T09:00+08:00", ends_at="2023-04-15T12:00+08:00",
            )  # fmt: skip
        Submission.objects.create(requirement=press, unit=unit, status="accepted", title="稿")
    try:
        apps = migrate(*latest())
        Submission = apps.get_model("submissions", "Submission")
        Unit = apps.get_model("units", "Unit")
        assert apps.get_model("submissions", "Requirement").objects.get(pk=press.pk).per_section
        assert Submission.objects.count() == 2
        assert Submission.objects.get(unit_id=one.pk).section_id == expo.pk
        assert Submission.objects.get(unit_id=two.pk).section_id is None  # ambiguous: kept
        assert list(Unit.objects.get(pk=one.pk).sections.values_list("pk", flat=True)) == [expo.pk]
        assert not Unit.objects.get(pk=two.pk).sections.exists()
    finally:
        migrate(*latest())
