"""B8: the public project-matching boards (项目合作榜, 人才需求榜) at 10,000 items.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/<yours> python bench/b8_matching_board.py

Standalone (not in ``run.py``'s shared stack): runs against the database ``DATABASE_URL`` names,
migrates it, adds a call with 100 units and 10,000 items (bulk_create; 80 % accepted, 1 in 20
of them 不公开, 1 in 10 重点, across the fields and 30 regions), renders each page in-process
through the whole middleware stack with Django's test client (no account), and removes
everything it added. Medians of 15 renders after 3 warm-ups, with the queries counted.
--quick: 1,000 items.
"""

import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common

RUNS, WARMUP = 15, 3


def seed(total: int):
    from django.utils import timezone

    from conference.models import Region
    from matching.kinds import ItemKind
    from matching.models import CollectionRound, Item, MatchingCall, Sector
    from notices.seed.matching import load_sectors
    from notices.seed.regions import load_regions
    from units.models import Unit

    load_regions()
    load_sectors()
    now = timezone.now()
    call = MatchingCall.objects.create(
        code="bench-b8", title_zh="B8", committee_email="b8@example.cn"
    )
    round_ = CollectionRound.objects.create(
        call=call, name_zh="B8", opens_at=now, closes_at=now + timezone.timedelta(days=1)
    )
    units = Unit.objects.bulk_create(
        Unit(
            name_zh=f"B8 单位 {n}",
            name_en=f"B8 unit {n}",
            kind="enterprise",
            join_code=f"B8J{n:05d}",
        )
        for n in range(100)
    )
    sectors, regions = list(Sector.objects.all()), list(Region.objects.order_by("code")[:30])
    words = "氢能 芯片 电池 材料 医药 海洋 农业 金融 机器人 传感器 算法 卫星".split()  # noqa: SIM905
    rng = random.Random(8)
    kinds = list(ItemKind)
    items = []
    for n in range(total):
        word = rng.choice(words)
        accepted = rng.random() < 0.8
        items.append(
            Item(
                call=call,
                round=round_,
                unit=units[n % len(units)],
                kind=kinds[n % len(kinds)],
                title_zh=f"{word}项目 {n}",
                title_en=f"Project {n} on {word}",
                summary_zh=f"关于{word}的合作需求，第 {n} 条。" * 5,
                summary_en=f"A cooperation need about {word}, number {n}. " * 5,
                sector=rng.choice(sectors),
                region=rng.choice(regions),
                contact_name="B8",
                contact_email="b8@example.cn",
                confidential=rng.random() < 0.05,
                status="accepted" if accepted else "in_review",
                is_key=rng.random() < 0.1,
                accepted_at=now if accepted else None,
            )
        )
    Item.objects.bulk_create(items, batch_size=2000)
    return call, sectors[0], regions[0]


def measure(client, url: str) -> tuple[float, int, float]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _n in range(WARMUP):
        assert client.get(url).status_code == 200, url
    times, sql = [], []
    for _n in range(RUNS):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            client.get(url)
            times.append(time.perf_counter() - started)
        sql.append(sum(float(q["time"]) for q in queries.captured_queries))
    return common.median(times), len(queries), common.median(sql)


def main():
    args = common.parse_args(__doc__.splitlines()[0])
    total = 10_000 if not args.quick else 1_000
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ciep_portal.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    from matching.models import Item, MatchingCall
    from units.models import Unit

    settings.ALLOWED_HOSTS = ["testserver", *settings.ALLOWED_HOSTS]
    call_command("migrate", verbosity=0)
    call, sector, region = seed(total)
    try:
        item = Item.objects.filter(call=call, status="accepted", confidential=False).first()
        pages = {
            "projects board, page 1": "/matching/boards/projects/",
            "projects board, page 200": "/matching/boards/projects/?page=200",
            "talent board, page 1": "/matching/boards/talent/",
            "filtered by field": f"/matching/boards/projects/?sector={sector.pk}",
            "filtered by field+region+kind": (
                f"/matching/boards/projects/?sector={sector.pk}&region={region.pk}&kind=technology"
            ),
            "search (one word)": "/matching/boards/projects/?q=芯片",
            "item page": f"/matching/items/{item.pk}/",
        }
        client = Client()
        results = {}
        print(f"{total} items ({Item.objects.filter(call=call).count()} stored)")
        for label, url in pages.items():
            median, queries, sql = measure(client, url)
            results[label] = {
                "median_ms": common.ms(median),
                "queries": queries,
                "sql_ms": common.ms(sql),
            }
            figures = f"{common.ms(median):7.1f} ms  {queries} queries, SQL {common.ms(sql):.1f} ms"
            print(f"  {label:32} {figures}")
        common.save("b8", {"items": total, "pages": results}, full=not args.quick)
    finally:
        Item.objects.filter(call=call).delete()
        MatchingCall.objects.filter(pk=call.pk).delete()
        Unit.objects.filter(name_zh__startswith="B8 单位").delete()


if __name__ == "__main__":
    main()
