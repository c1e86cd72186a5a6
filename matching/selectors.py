"""Reading items. Public pages, public search and the printed boards read items only through
``public_items`` and ``PublicItem``: accepted, not 不公开, not past their closing date, and
without the contact, which a ``PublicItem`` does not carry at all."""

from dataclasses import dataclass
from datetime import date

from django.core.paginator import Paginator
from django.db.models import Q
from django.utils import timezone

from conference.bilingual import in_language
from matching.kinds import BOARD_KINDS, ItemKind, ItemStatus
from matching.models import Answer, CollectionRound, Item, MatchingCall

PAGE_SIZE = 20
# What a public page may show of an item: nothing else is read from the database.
PUBLIC_FIELDS = (
    "pk",
    "kind",
    "title_zh",
    "title_en",
    "summary_zh",
    "summary_en",
    "offered",
    "sought",
    "terms",
    "closes_on",
    "is_key",
    "accepted_at",
    "sector__name_zh",
    "sector__name_en",
    "region__name_zh",
    "region__name_en",
    "unit__name_zh",
    "unit__name_en",
)


@dataclass(frozen=True)
class PublicItem:
    pk: int
    kind: str
    title_zh: str
    title_en: str
    summary_zh: str
    summary_en: str
    offered: str
    sought: str
    terms: str
    closes_on: date | None
    is_key: bool
    sector_zh: str
    sector_en: str
    region_zh: str
    region_en: str
    unit_zh: str
    unit_en: str

    @classmethod
    def from_row(cls, row: dict) -> "PublicItem":
        return cls(
            pk=row["pk"],
            kind=row["kind"],
            title_zh=row["title_zh"],
            title_en=row["title_en"],
            summary_zh=row["summary_zh"],
            summary_en=row["summary_en"],
            offered=row["offered"],
            sought=row["sought"],
            terms=row["terms"],
            closes_on=row["closes_on"],
            is_key=row["is_key"],
            sector_zh=row["sector__name_zh"],
            sector_en=row["sector__name_en"],
            region_zh=row["region__name_zh"] or "",
            region_en=row["region__name_en"] or "",
            unit_zh=row["unit__name_zh"],
            unit_en=row["unit__name_en"],
        )

    @property
    def title(self) -> str:
        return in_language(self.title_zh, self.title_en)

    @property
    def summary(self) -> str:
        return in_language(self.summary_zh, self.summary_en)

    @property
    def sector(self) -> str:
        return in_language(self.sector_zh, self.sector_en)

    @property
    def region(self) -> str:
        return in_language(self.region_zh, self.region_en)

    @property
    def unit(self) -> str:
        return in_language(self.unit_zh, self.unit_en)

    @property
    def kind_label(self) -> str:
        return ItemKind(self.kind).label


def public_items():
    """Every item the public may see: accepted, not confidential, not closed."""
    today = timezone.localdate()
    return Item.objects.filter(
        status=ItemStatus.ACCEPTED, confidential=False, call__is_published=True
    ).filter(Q(closes_on__isnull=True) | Q(closes_on__gte=today))


def _rows(queryset) -> list[PublicItem]:
    return [PublicItem.from_row(r) for r in queryset.values(*PUBLIC_FIELDS)]


@dataclass(frozen=True)
class BoardFilter:
    kind: str = ""
    sector: int | None = None
    region: int | None = None
    q: str = ""


def board_items(board: str, choice: BoardFilter):
    items = public_items().filter(kind__in=BOARD_KINDS[board])
    if choice.kind:
        items = items.filter(kind=choice.kind)
    if choice.sector:
        items = items.filter(sector_id=choice.sector)
    if choice.region:
        items = items.filter(region_id=choice.region)
    for word in choice.q.split()[:5]:
        items = items.filter(
            Q(title_zh__icontains=word)
            | Q(title_en__icontains=word)
            | Q(summary_zh__icontains=word)
            | Q(summary_en__icontains=word)
            | Q(offered__icontains=word)
            | Q(sought__icontains=word)
        )
    return items.order_by("-is_key", "-accepted_at", "-pk")


def board_page(board: str, choice: BoardFilter, page_number):
    """One page of a board; the paginator counts once, the page reads ``PAGE_SIZE`` rows."""
    paginator = Paginator(board_items(board, choice).values(*PUBLIC_FIELDS), PAGE_SIZE)
    page = paginator.get_page(page_number)
    page.object_list = [PublicItem.from_row(r) for r in page.object_list]
    return page


def public_item(pk: int) -> PublicItem | None:
    rows = _rows(public_items().filter(pk=pk))
    return rows[0] if rows else None


def print_items(board: str, hall=None) -> list[PublicItem]:
    """The key items of a board for the halls' printed boards, for one hall or for all."""
    items = public_items().filter(kind__in=BOARD_KINDS[board], is_key=True)
    if hall is not None:
        items = items.filter(Q(halls=hall) | Q(halls__isnull=True)).distinct()
    return _rows(items.order_by("kind", "-accepted_at", "-pk"))


def current_call() -> MatchingCall | None:
    """The published call units send to: the current edition's, or one of no edition."""
    calls = MatchingCall.objects.filter(is_published=True)
    return (
        calls.filter(edition__is_current=True).first() or calls.filter(edition__isnull=True).first()
    )


def open_round(call: MatchingCall | None, at=None) -> CollectionRound | None:
    if call is None:
        return None
    at = at or timezone.now()
    return call.rounds.filter(opens_at__lte=at, closes_at__gte=at).order_by("closes_at").first()


def next_round(call: MatchingCall | None, at=None) -> CollectionRound | None:
    if call is None:
        return None
    at = at or timezone.now()
    return call.rounds.filter(opens_at__gt=at).order_by("opens_at").first()


def unit_items(unit):
    return Item.objects.filter(unit=unit).select_related("sector", "round").order_by("-created_at")


def unit_answers(unit):
    return Answer.objects.filter(item__unit=unit).select_related("item").order_by("-created_at")
