"""The public boards (no account): 项目合作榜 and 人才需求榜 with filters and search, one page
per item, and 揭榜. Everything here reads items through ``matching.selectors`` public
functions, which never carry a contact or a 不公开 item."""

from django.contrib import messages
from django.core.cache import cache
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from conference.models import Region
from matching import selectors
from matching.forms import AnswerForm
from matching.kinds import BOARD_KINDS, Board, ItemKind, board_of
from matching.models import Item, Sector
from matching.services.answers import TooManyAnswers, answer_item


def _int(value) -> int | None:
    return int(value) if value and str(value).isdigit() and len(str(value)) < 10 else None


def _regions(board: str) -> list:
    """The regions of the board's items, for its filter; read at most every five minutes."""
    key = f"matching:regions:{board}:{get_language()}"
    options = cache.get(key)
    if options is None:
        on_board = selectors.public_items().filter(kind__in=BOARD_KINDS[Board(board)])
        regions = Region.objects.filter(pk__in=on_board.values("region")).order_by("code")
        options = [(r.pk, r.name) for r in regions]
        cache.set(key, options, 300)
    return options


def board(request, board: str):
    if board not in Board.values:
        raise Http404
    kinds = BOARD_KINDS[Board(board)]
    kind = request.GET.get("kind", "")
    choice = selectors.BoardFilter(
        kind=kind if kind in kinds else "",
        sector=_int(request.GET.get("sector")),
        region=_int(request.GET.get("region")),
        q=request.GET.get("q", "")[:100].strip(),
    )
    page = selectors.board_page(board, choice, request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "board": Board(board),
        "boards": Board,
        "page": page,
        "choice": choice,
        "kinds": [ItemKind(k) for k in kinds] if len(kinds) > 1 else [],
        "sectors": Sector.objects.filter(is_active=True),
        "regions": _regions(board),
        "query": query.urlencode(),
        "filtered": bool(choice.kind or choice.sector or choice.region or choice.q),
    }
    return render(request, "matching/board.html", context)


@require_http_methods(["GET", "POST"])
def item(request, pk: int):
    found = selectors.public_item(pk)
    if found is None:
        raise Http404
    form = AnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            answer_item(
                item_pk=pk,
                values=form.cleaned_data,
                address=request.META.get("REMOTE_ADDR", ""),
                language=get_language(),
            )
        except TooManyAnswers as exc:
            form.add_error(None, str(exc))
            return _item_page(request, found, form, status=429)
        except Item.DoesNotExist:
            raise Http404 from None
        messages.success(request, _("揭榜留言已提交。"))
        return redirect("matching:answered", pk=pk)
    return _item_page(request, found, form, status=400 if form.is_bound else 200)


def _item_page(request, found, form, *, status):
    context = {"item": found, "form": form, "board": Board(board_of(found.kind))}
    return render(request, "matching/item.html", context, status=status)


def answered(request, pk: int):
    found = selectors.public_item(pk)
    if found is None:
        raise Http404
    return render(
        request, "matching/answered.html", {"item": found, "board": Board(board_of(found.kind))}
    )
