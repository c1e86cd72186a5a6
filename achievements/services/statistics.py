"""Achievement statistics (成果统计): one table per unit, metrics × years, typed or uploaded.

Every value goes through ``parse_cell``, whether typed in the browser grid or read from the
Excel template, so both report a problem the same way: "2020年 · 引进外国专家人数：“十二”不是整数".
A table with any problem saves nothing. Values are stored in ``Submission.data`` as
``{"values": {"<metric id>": {"2018": 12, "2019": "3.50"}}}`` (decimals as exact strings).
"""

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from achievements.models import StatisticMetric
from achievements.selectors import metrics_of, statistics_item
from achievements.workbooks import read_statistics_sheet
from inspection.documents import check_office_package
from inspection.errors import MediaError
from inspection.types import EXCEL
from submissions.deadlines import ensure_open
from submissions.kinds import MaterialKind, RuleCode, SubmissionStatus
from submissions.materials import FileSpec
from submissions.models import Requirement, Submission
from submissions.models.files import FileRole
from submissions.rules import Outcome
from submissions.services.files import cheap_check, media_error
from submissions.services.items import ensure_editable, ensure_room
from units.models import Unit

MAX_DECIMAL_PLACES = 4
_THOUSANDS = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")
_PLAIN = re.compile(r"^[+-]?\d+(\.\d+)?$")


class CellProblem(Exception):
    """A value that is not what its metric takes; the message says what was given and why."""


@dataclass(frozen=True)
class CellError:
    metric: StatisticMetric
    year: int
    problem: str
    ref: str = ""  # the workbook cell, e.g. "F3"

    @property
    def message(self) -> str:
        text = _("%(year)s年 · %(metric)s：%(problem)s") % {
            "year": self.year,
            "metric": self.metric.name,
            "problem": self.problem,
        }
        return text + (_("（单元格 %(ref)s）") % {"ref": self.ref} if self.ref else "")


class StatisticsInvalid(ValidationError):
    """Every cell in error, each with its metric, year and (for a workbook) its address."""

    def __init__(self, errors: list[CellError]):
        self.cell_errors = errors
        super().__init__([e.message for e in errors], code="statistics_cells")


def parse_cell(metric: StatisticMetric, raw) -> int | Decimal | None:
    """The value of one cell, None if empty; raises ``CellProblem``."""
    if isinstance(raw, str):
        raw = unicodedata.normalize("NFKC", raw).strip()
    if raw is None or raw == "":
        if metric.required:
            raise CellProblem(_("必填，没有的请填 0"))
        return None
    number = _number(raw, metric)
    if number < 0:
        raise CellProblem(_("“%(value)s”为负数，应不小于 0") % {"value": raw})
    if metric.value_type == StatisticMetric.ValueType.INTEGER:
        if number != number.to_integral_value():
            raise CellProblem(_("“%(value)s”不是整数") % {"value": raw})
        return int(number)
    if -number.as_tuple().exponent > MAX_DECIMAL_PLACES:
        raise CellProblem(
            _("“%(value)s”小数位数过多，最多 %(places)s 位")
            % {"value": raw, "places": MAX_DECIMAL_PLACES}
        )
    return number


def _number(raw, metric: StatisticMetric) -> Decimal:
    integer = metric.value_type == StatisticMetric.ValueType.INTEGER
    not_a_number = _("“%(value)s”不是整数") if integer else _("“%(value)s”不是数字")
    if isinstance(raw, bool):
        raise CellProblem(not_a_number % {"value": raw})
    if isinstance(raw, int | float):
        return Decimal(str(raw))
    text = str(raw)
    if _THOUSANDS.match(text):
        text = text.replace(",", "")
    if not _PLAIN.match(text):
        raise CellProblem(not_a_number % {"value": raw})
    try:
        return Decimal(text)
    except InvalidOperation:
        raise CellProblem(not_a_number % {"value": raw}) from None


def parse_table(
    requirement: Requirement, cells: dict, refs: dict | None = None
) -> tuple[dict, list[CellError]]:
    """All values by metric id and year (JSON-ready), and every cell in error."""
    values: dict[str, dict[str, int | str]] = {}
    errors: list[CellError] = []
    for metric in metrics_of(requirement):
        for year in requirement.years:
            key = (metric.pk, year)
            try:
                value = parse_cell(metric, cells.get(key))
            except CellProblem as problem:
                errors.append(CellError(metric, year, str(problem), (refs or {}).get(key, "")))
                continue
            if value is not None:
                stored = value if isinstance(value, int) else format(value.normalize(), "f")
                values.setdefault(str(metric.pk), {})[str(year)] = stored
    return values, errors


def save_statistics(
    *, requirement: Requirement, unit: Unit, by, cells: dict, refs: dict | None = None, now=None
) -> Submission:
    """Check every cell, then store the unit's table (its one item) or raise every problem."""
    if requirement.kind != MaterialKind.STATISTICS:
        raise ValidationError(_("此类材料不能在这里提交。"), code="unsupported_kind")
    existing = statistics_item(requirement, unit)
    if existing is not None:
        ensure_editable(existing, now=now)
    else:
        ensure_open(requirement, unit, None, now=now)
        ensure_room(requirement, unit, None)
    values, errors = parse_table(requirement, cells, refs)
    if errors:
        raise StatisticsInvalid(errors)
    now = now or timezone.now()
    if existing is not None:
        return _update(existing, values, now)
    item = Submission(
        requirement=requirement,
        unit=unit,
        status=SubmissionStatus.IN_REVIEW,
        title=requirement.title,
        data={"values": values},
        created_by=by,
        submitted_at=now,
        is_singleton=requirement.max_count == 1,
    )
    try:
        with transaction.atomic():
            item.save()
    except IntegrityError:
        # Two liaisons saving the first table at once: the constraint lets one through.
        ensure_room(requirement, unit, None)
        raise
    return item


def _update(item: Submission, values: dict, now) -> Submission:
    with transaction.atomic():
        locked = Submission.objects.select_for_update().get(pk=item.pk)
        locked.data = {**locked.data, "values": values}
        locked.status = SubmissionStatus.IN_REVIEW
        locked.submitted_at = now
        locked.save()
    return locked


def upload_statistics(*, requirement: Requirement, unit: Unit, by, upload, now=None) -> Submission:
    """Read the filled-in Excel template and save it like the browser grid; all or nothing."""
    check_workbook(upload, requirement)
    sheet = read_statistics_sheet(requirement, upload)
    return save_statistics(
        requirement=requirement, unit=unit, by=by, cells=sheet.cells, refs=sheet.refs, now=now
    )


# The workbook is read in the request, so that every bad cell is shown at once: a template of
# a few dozen cells is kilobytes; this bounds what one request may parse, whatever the rules.
WORKBOOK_MAX_BYTES = 10 * 1024 * 1024
WORKBOOK_SPEC = FileSpec(FileRole.ATTACHMENT, _lazy("Excel 统计表"), EXCEL)


def check_workbook(upload, requirement: Requirement) -> None:
    """An .xlsx by content, within the requirement's size rule, with no macros, zip bomb or
    XML entities: the same cheap checks as every upload, then the package's."""
    cheap_check(upload, WORKBOOK_SPEC, requirement)
    if upload.size > WORKBOOK_MAX_BYTES:
        outcome = Outcome(
            RuleCode.FILE_MAX_BYTES, "fail", {"size": upload.size, "limit": WORKBOOK_MAX_BYTES}
        )
        raise ValidationError(outcome.message, code="file_max_bytes")
    try:
        check_office_package(upload)
    except MediaError as exc:
        raise media_error(exc) from None
    upload.seek(0)
