"""B5: the organizers' change list of items and the chasing matrix, at 100 items and at
10,000 units with 100,000 items, in the same run.

Pages, rendered in-process through the whole middleware stack (Django's test client, signed in
as the demo organizer) against PostgreSQL, with the queries counted:

- the change list: ``/admin/submissions/submission/`` (first page, 50 rows);
- the matrix: ``/admin/submissions/submission/matrix/?call=<publicity>`` (first page of 100
  units, one column per requirement).

First with the seed (the 64 bench units and the demo units) and 100 items; then, in the same
database, with units added up to 10,000 and items up to 100,000 (10 per unit across the
publicity call's requirements, each with one stored-file row and a mix of statuses), made with
bulk_create. Targets: the same number of queries; a render at most 3x slower.
--quick: 1,000 units and 10,000 items.
"""

import itertools
import time

import common
import stack

TARGET_SLOWDOWN = 3.0
STATUSES = ["submitted", "checking", "in_review", "failed", "accepted", "changes_requested"]
PAGES = {
    "change list": "/admin/submissions/submission/",
    "matrix": "/admin/submissions/submission/matrix/?call={call}",
}


def add_items(total_units: int, total_items: int) -> None:
    """Units (each with an activity) and items (each with a file row) up to the totals."""
    from django.db import transaction

    from accounts.models import User
    from conference.models import Edition, Section
    from submissions.models import Activity, MaterialFile, Requirement, Submission
    from units.models import Unit

    edition = Edition.objects.get(is_current=True)
    section = Section.objects.get(edition=edition, code="exhibition")
    template = Activity.objects.filter(unit__name_zh__startswith="基准测试单位").first()
    with transaction.atomic():
        missing = total_units - Unit.objects.count()
        new_units = Unit.objects.bulk_create(
            Unit(
                name_zh=f"规模测试单位{number:05}",
                name_en=f"Scale unit {number:05}",
                kind=Unit.Kind.PROVINCIAL_ST,
                is_partner=True,
                join_code=f"SCALE{number:07}",
            )
            for number in range(max(0, missing))
        )
        Activity.objects.bulk_create(
            Activity(
                unit=unit,
                section=section,
                name=f"规模测试活动{index:05}",
                starts_at=template.starts_at,
                ends_at=template.ends_at,
            )
            for index, unit in enumerate(new_units)
        )
        requirements = list(
            Requirement.objects.filter(call__edition=edition, call__code="publicity")
            .exclude(kind="liaison_list")
            .order_by("pk")
        )
        user = User.objects.get(username="bench001")
        units = list(Unit.objects.order_by("pk"))
        activities = {a.unit_id: a for a in Activity.objects.filter(section__edition=edition)}
        missing = total_items - Submission.objects.count()
        pairs = itertools.islice(
            itertools.product(range(10), units), max(0, missing)
        )  # ten rounds over the units: every unit gets items
        batch = []
        for round_number, unit in pairs:
            requirement = requirements[(round_number + unit.pk) % len(requirements)]
            batch.append(
                Submission(
                    requirement=requirement,
                    unit=unit,
                    activity=activities.get(unit.pk) if requirement.per_activity else None,
                    status=STATUSES[(round_number + unit.pk) % len(STATUSES)],
                    title=f"规模测试材料 {unit.pk}-{round_number}",
                    created_by=user,
                )
            )
        for start in range(0, len(batch), 5000):
            items = Submission.objects.bulk_create(batch[start : start + 5000])
            MaterialFile.objects.bulk_create(
                MaterialFile(
                    submission=item,
                    role="main",
                    file=f"scale/{item.pk}.jpg",
                    original_name="x.jpg",
                    size=1000,
                    sha256="0" * 64,
                    detected_type="jpeg",
                    check_status="failed" if item.status == "failed" else "passed",
                    uploaded_by=user,
                )
                for item in items
            )
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # as autovacuum would soon after a bulk load


def measure(client, runs: int, call_pk: int) -> dict:
    from django.db import connection

    results = {}
    for name, path in PAGES.items():
        url = path.format(call=call_pk)
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url}: HTTP {response.status_code}")
        connection.force_debug_cursor = True  # record this request's queries
        connection.queries_log.clear()
        client.get(url)
        queries = list(connection.queries)
        connection.force_debug_cursor = False
        times = [common.timed(lambda url=url: client.get(url))[0] for _ in range(runs)]
        results[name] = {
            "url": url,
            "queries": len(queries),
            "sql_ms": common.ms(sum(float(q["time"]) for q in queries)),
            "slowest_sql": sorted(queries, key=lambda q: -float(q["time"]))[0]["sql"][:300],
            "ms_median": common.ms(common.median(times)),
            "ms_all": [common.ms(t) for t in times],
            "bytes": len(response.content),
        }
    return results


def counts() -> dict:
    from submissions.models import MaterialFile, Submission
    from units.models import Unit

    return {
        "units": Unit.objects.count(),
        "items": Submission.objects.count(),
        "files": MaterialFile.objects.count(),
    }


def main():
    args = common.parse_args(__doc__.splitlines()[0])
    runs = args.runs or (7 if args.full else 3)
    units, items = (10_000, 100_000) if args.full else (1_000, 10_000)
    with common.workdir(args) as scratch:
        stack.prepare_database(scratch)
        try:
            stack.django_in_stack(stack.environment(scratch / "media"))
            from django.test import Client

            from accounts.models import User
            from submissions.models import Call

            call = Call.objects.get(edition__is_current=True, code="publicity")
            client = Client(HTTP_HOST="127.0.0.1")
            client.force_login(User.objects.get(username="organizer"))
            add_items(total_units=0, total_items=100)
            small = {"rows": counts(), **measure(client, runs, call.pk)}
            started = time.monotonic()
            add_items(total_units=units, total_items=items)
            print(f"   B5: scaled up in {time.monotonic() - started:.0f} s", flush=True)
            large = {"rows": counts(), **measure(client, runs, call.pk)}
        finally:
            from django.db import connections

            connections.close_all()
            stack.drop_database()
    results = {"small": small, "large": large, "targets": {}}
    for page in PAGES:
        slowdown = large[page]["ms_median"] / small[page]["ms_median"]
        results[f"{page} slowdown"] = round(slowdown, 2)
        results["targets"][f"{page}: same number of queries"] = common.verdict(
            large[page]["queries"] == small[page]["queries"]
        )
        results["targets"][f"{page}: render <= 3x slower"] = common.verdict(
            slowdown <= TARGET_SLOWDOWN
        )
        print(
            f"B5 {page:11}: {small['rows']['items']:,} items {small[page]['ms_median']} ms"
            f" / {small[page]['queries']} queries; {large['rows']['items']:,} items"
            f" {large[page]['ms_median']} ms / {large[page]['queries']} queries"
            f" = {slowdown:.2f}x"
        )
    for target, met in results["targets"].items():
        print(f"   {met:6} {target}")
    common.save("b5_changelist", results, full=args.full)


if __name__ == "__main__":
    main()
