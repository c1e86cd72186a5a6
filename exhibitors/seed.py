"""A plausible booth inventory and example bank-transfer settings, to try the exhibition with.

The notices publish no booth plan, fees or bank account: everything here is an example, marked
as such (``ExhibitionSettings.is_example``), for organizers to replace in the admin. Running it
again adds what is missing and never changes a row organizers may have edited.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from conference.models import Edition, Hall
from exhibitors.kinds import BoothType
from exhibitors.models import Booth, ExhibitionSettings

STANDARD_M2 = Decimal("9")
STANDARD_FEE = Decimal("8000")  # example: per standard booth
RAW_M2 = Decimal("36")
RAW_FEE = Decimal("28800")  # example: 36 m² at 800 yuan
STANDARD_PER_ZONE = 20
# 区域协调发展展区 holds nine regional boards, each with a government and an enterprise area.
STANDARD_PER_REGIONAL_ZONE = 60
RAW_PER_ZONE = 2
ZONE_LETTERS = "ABCDEFGHJK"

EXAMPLE_SETTINGS = {
    "organizer_name": "深圳国际人才交流中心",
    "mailing_address": "（示例）深圳市福田区，请组委会在后台填写实际寄送地址",
    "contact": "叶秀雯 0755-81773047；郭渭榆 0755-81773461",
    "bank_account_name": "（示例）深圳国际人才交流中心",
    "bank_name": "（示例）某银行深圳分行",
    "bank_account_number": "0000 0000 0000 0000 000",
    "payment_note": "汇款时请注明参展单位名称和展位号。（示例数据，请勿汇款）",
    "organizer_name_en": "Shenzhen International Talent Exchange Center",
    "mailing_address_en": "(Example) Futian District, Shenzhen; the committee enters the real "
    "address in the admin",
    "bank_account_name_en": "(Example) Shenzhen International Talent Exchange Center",
    "bank_name_en": "(Example) A bank, Shenzhen branch",
    "payment_note_en": "State the exhibitor's name and booth numbers with the transfer. "
    "(Example data: do not transfer money.)",
    "agreement_terms_en": "\n".join(
        [
            "1. Party B exhibits at the booths, areas and fees listed in this agreement and "
            "may not transfer, sublet or exchange them without consent.",
            "2. Party B pays the full fees promptly after receiving this agreement; the booths "
            "are confirmed once the fees have arrived.",
            "3. Party B is responsible for the truth and legality of its exhibits and displays "
            "and shall not infringe the intellectual property of others.",
            "4. Party B observes the conference's and the venue's rules for set-up, dismantling "
            "and safety.",
            "5. This agreement takes effect once signed by Party B and sealed with its official "
            "seal. (Example clauses; the committee revises them in the admin.)",
        ]
    ),
    "is_example": True,
    "agreement_terms": "\n".join(
        [
            "一、乙方按本协议所列展位号、面积和费用参展，不得擅自转让、转租或调换展位。",
            "二、乙方应在收到协议后及时缴纳全部费用；费用到账后展位方为最终确认。",
            "三、乙方对其展品、展示内容的真实性、合法性负责，不得侵犯他人知识产权。",
            "四、乙方应遵守大会及场馆的布展、撤展和安全规定。",
            "五、本协议经乙方签字并加盖单位公章后生效。（示例条款，请组委会在后台修订）",
        ]
    ),
}


@dataclass(frozen=True)
class Loaded:
    booths_created: int
    settings_created: bool


def _zone_is_regional(zone) -> bool:
    return zone.boards.filter(regions__isnull=False).exists()


@transaction.atomic
def load_booths(edition: Edition) -> Loaded:
    """Booths for hall 1's zones (1A01…, standard 9 m², plus raw space 1AR1…) and example
    bank-transfer settings for ``edition``."""
    wanted: list[Booth] = []
    hall = Hall.objects.filter(edition=edition, number=1).first()
    if hall is not None:
        for letter, zone in zip(ZONE_LETTERS, hall.zones.order_by("order"), strict=False):
            standard = STANDARD_PER_REGIONAL_ZONE if _zone_is_regional(zone) else STANDARD_PER_ZONE
            wanted += [
                _booth(hall, zone, f"1{letter}{i:02d}", BoothType.STANDARD)
                for i in range(1, standard + 1)
            ]
            wanted += [
                _booth(hall, zone, f"1{letter}R{i}", BoothType.RAW)
                for i in range(1, RAW_PER_ZONE + 1)
            ]
    existing = set(Booth.objects.filter(hall=hall).values_list("number", flat=True))
    missing = [booth for booth in wanted if booth.number not in existing]
    Booth.objects.bulk_create(missing)  # the table's check constraints still hold each row
    settings, settings_created = ExhibitionSettings.objects.get_or_create(
        edition=edition, defaults={**EXAMPLE_SETTINGS, "standard_booth_m2": STANDARD_M2}
    )
    if settings.is_example:
        # Example rows written before the English texts existed get them; real ones are
        # the committee's and left alone.
        missing = {k: v for k, v in EXAMPLE_SETTINGS.items() if k.endswith("_en")}
        missing = {k: v for k, v in missing.items() if not getattr(settings, k)}
        if missing:
            ExhibitionSettings.objects.filter(pk=settings.pk).update(**missing)
    return Loaded(booths_created=len(missing), settings_created=settings_created)


def _booth(hall, zone, number: str, booth_type: str) -> Booth:
    standard = booth_type == BoothType.STANDARD
    return Booth(
        hall=hall,
        zone=zone,
        number=number,
        booth_type=booth_type,
        size_m2=STANDARD_M2 if standard else RAW_M2,
        fee=STANDARD_FEE if standard else RAW_FEE,
    )
