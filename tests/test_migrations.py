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
