"""The printed boards for the halls, for the committee: a PDF per board, for all halls or one."""

from django.contrib.admin.views.decorators import staff_member_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.http import content_disposition_header

from conference.models import Hall
from matching.kinds import Board
from matching.printing import PAPER_SIZES, board_pdf


@staff_member_required
def board_print(request, board: str):
    if board not in Board.values:
        raise Http404
    hall = None
    if request.GET.get("hall", "").isdigit():
        hall = get_object_or_404(Hall, pk=request.GET["hall"])
    paper = request.GET.get("paper", "A1")
    if paper not in PAPER_SIZES:
        raise Http404
    content = board_pdf(Board(board), hall=hall, paper=paper)
    name = f"{Board(board).label}{'-' + hall.name_zh if hall else ''}-{paper}.pdf"
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, name)
    return response
