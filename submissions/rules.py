"""The checks the portal makes, and the message each outcome gives.

A ``RequirementRule`` row holds a limit (data); this module holds what the limit is compared
with and how the outcome is said (code). Outcomes are stored as a code and parameters and put
into words when read, in the reader's language: "视频时长 8分12秒，超过上限 8分钟" or
"Video length 8 min 12 s exceeds the limit of 8 min".
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from inspection.documents import count_chars
from inspection.messages import describe_media_outcome
from inspection.sniff import KINDS
from submissions.kinds import RuleCode, Severity
from submissions.models.files import Verdict

# A container's duration may exceed the last frame by a few hundredths of a second (audio
# priming, rounding of the time base); an 8:00 video must not fail an 8-minute limit for it.
DURATION_TOLERANCE_SECONDS = 0.5


@dataclass(frozen=True)
class Limit:
    """A limit held elsewhere than in a ``RequirementRule`` row (an exhibition's settings),
    judged by the same evaluators."""

    code: str
    value: float
    severity: str = Severity.FAIL
    applies_to: str = ""
    value_max: float | None = None


@dataclass(frozen=True)
class Outcome:
    code: str
    verdict: str
    params: dict = field(default_factory=dict)

    @property
    def message(self) -> str:
        return describe(self.code, self.verdict, self.params)


def format_duration(seconds: float) -> str:
    if seconds < 10 and round(seconds, 1) != round(seconds):  # "0.3 秒", never "0秒"
        return _("%(s)s 秒") % {"s": f"{seconds:.1f}"}
    total = int(round(seconds))
    minutes, rest = divmod(total, 60)
    if minutes and rest:
        return _("%(m)s分%(s)02d秒") % {"m": minutes, "s": rest}
    if minutes:
        return ngettext("%(m)s分钟", "%(m)s分钟", minutes) % {"m": minutes}
    return _("%(s)s秒") % {"s": rest}


def format_bytes(size: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.1f} GB"


def _number(value) -> str:
    value = Decimal(str(value)).normalize()
    return f"{value:f}"


# --- Evaluating a rule against measured facts ----------------------------------------------------


def _limit(rule) -> float:
    return float(rule.value)


def _fail_or_warn(rule) -> str:
    return Verdict.WARN if rule.severity == Severity.WARN else Verdict.FAIL


def check_image_min_width(rule, facts, texts):
    image = facts.get("image")
    if not image:
        return None
    ok = image["width"] >= _limit(rule)
    return Outcome(
        rule.code,
        Verdict.PASS if ok else _fail_or_warn(rule),
        {"width": image["width"], "height": image["height"], "limit": _number(rule.value)},
    )


def check_jpeg_quality(rule, facts, texts):
    quality = (facts.get("image") or {}).get("jpeg_quality")
    if quality is None:
        return None
    ok = quality >= _limit(rule)
    return Outcome(
        rule.code,
        Verdict.PASS if ok else _fail_or_warn(rule),
        {"quality": quality, "limit": _number(rule.value)},
    )


def check_video_short_side(rule, facts, texts):
    video = facts.get("video")
    if not video:
        return None
    ok = video["short_side"] >= _limit(rule)
    return Outcome(
        rule.code,
        Verdict.PASS if ok else _fail_or_warn(rule),
        {
            "width": video["display_width"],
            "height": video["display_height"],
            "short_side": video["short_side"],
            "limit": _number(rule.value),
        },
    )


def check_video_duration(rule, facts, texts):
    video = facts.get("video")
    if not video or video.get("duration_seconds") is None:
        return None
    seconds = video["duration_seconds"]
    ok = seconds <= _limit(rule) + DURATION_TOLERANCE_SECONDS
    return Outcome(
        rule.code,
        Verdict.PASS if ok else _fail_or_warn(rule),
        {"seconds": round(seconds, 2), "limit": _limit(rule)},
    )


def check_file_size(rule, facts, texts):
    size = facts.get("size")
    if size is None:
        return None
    limit = _limit(rule) * 1024 * 1024
    return Outcome(
        rule.code,
        Verdict.PASS if size <= limit else _fail_or_warn(rule),
        {"size": size, "limit": limit},
    )


def check_text_max(rule, facts, texts):
    count = _count_for(rule, facts, texts)
    if count is None:
        return None
    ok = count <= _limit(rule)
    return Outcome(
        rule.code,
        Verdict.PASS if ok else _fail_or_warn(rule),
        {"count": count, "limit": _number(rule.value)},
    )


def check_text_range(rule, facts, texts):
    count = _count_for(rule, facts, texts)
    if count is None:
        return None
    low, high = _limit(rule), float(rule.value_max) if rule.value_max is not None else None
    ok = count >= low and (high is None or count <= high)
    return Outcome(
        rule.code,
        Verdict.PASS if ok else _fail_or_warn(rule),
        {"count": count, "low": _number(rule.value), "high": _number(rule.value_max or 0)},
    )


def _count_for(rule, facts, texts):
    """Characters of the text field the rule names, or of the file's document text."""
    if rule.applies_to and rule.applies_to in texts:
        return count_chars(str(texts[rule.applies_to] or ""))
    return (facts.get("document") or {}).get("chars")


EVALUATORS = {
    RuleCode.IMAGE_MIN_WIDTH: check_image_min_width,
    RuleCode.IMAGE_MIN_JPEG_QUALITY: check_jpeg_quality,
    RuleCode.VIDEO_MIN_SHORT_SIDE: check_video_short_side,
    RuleCode.VIDEO_MAX_DURATION: check_video_duration,
    RuleCode.FILE_MAX_BYTES: check_file_size,
    RuleCode.TEXT_MAX_CHARS: check_text_max,
    RuleCode.TEXT_CHAR_RANGE: check_text_range,
}


TYPE_CHECK = "file_type"
UNMEASURED = "rule_unmeasured"


def type_outcome(facts: dict, accepted) -> Outcome:
    """The accepted-type rule: the type found by content against the types accepted. A file
    that is two things at once (``also``) fails whatever its first type."""
    detected, also = facts["type"], facts.get("also")
    params = {"detected": detected, "allowed": sorted(accepted)}
    if also:
        params["also"] = also
    ok = detected in accepted and not also
    return Outcome(TYPE_CHECK, Verdict.PASS if ok else Verdict.FAIL, params)


def judge(
    rules,
    facts: dict,
    *,
    role: str = "",
    accepted=None,
    texts: dict | None = None,
    findings=(),
    complete: bool = True,
) -> list[Outcome]:
    """The verdicts of one file, wherever it is checked: the form and the resumable pre-check
    (``complete=False``: they measure only part), the worker, the admin's re-check and
    ``check_media``.

    The accepted type comes first (``accepted``: the sniff types the requirement takes for
    this role); a file of another type gets that one verdict and is measured no further.
    ``findings`` are what measuring the file found wrong (truncated, undecodable). A complete
    check names every rule of the file's kind it could not measure: "passed" means measured.
    """
    outcomes = []
    if accepted is not None and "type" in facts:
        kind = type_outcome(facts, accepted)
        outcomes.append(kind)
        if kind.verdict == Verdict.FAIL:
            return outcomes
    outcomes += findings
    limits = evaluate(rules, facts, role=role, texts=texts)
    outcomes += limits
    if complete and not findings:
        outcomes += _unmeasured(rules, facts, role, {o.code for o in limits})
    return outcomes


def _unmeasured(rules, facts: dict, role: str, measured: set) -> list[Outcome]:
    family = KINDS.get(facts.get("type"), (None, None))[1]
    return [
        Outcome(UNMEASURED, Verdict.WARN, {"rule": rule.code})
        for rule in rules
        if (not rule.applies_to or rule.applies_to == role)
        and rule.code not in measured
        and _applies_to_kind(rule.code, facts.get("type"), family)
    ]


def applies_to_any(code: str, sniff_types) -> bool:
    """Whether a rule measures anything in files of these types (the poster's width rule says
    nothing about its design source in PDF)."""
    return any(_applies_to_kind(code, t, KINDS.get(t, (None, None))[1]) for t in sniff_types)


def _applies_to_kind(code: str, sniff_type: str | None, family: str | None) -> bool:
    if code == RuleCode.IMAGE_MIN_JPEG_QUALITY:
        return sniff_type == "jpeg"
    return {
        RuleCode.IMAGE_MIN_WIDTH: family == "image",
        RuleCode.VIDEO_MIN_SHORT_SIDE: family == "video",
        RuleCode.VIDEO_MAX_DURATION: family == "video",
        RuleCode.FILE_MAX_BYTES: sniff_type is not None,
        RuleCode.TEXT_MAX_CHARS: family == "word",
        RuleCode.TEXT_CHAR_RANGE: family == "word",
    }.get(code, False)


def overall(outcomes) -> str:
    """A file's verdict: failed if any rule failed, warned if any warned, else passed."""
    verdicts = {o.verdict for o in outcomes}
    for verdict in (Verdict.FAIL, Verdict.WARN):
        if verdict in verdicts:
            return verdict
    return Verdict.PASS


def evaluate(rules, facts: dict, *, role: str = "", texts: dict | None = None) -> list[Outcome]:
    """Every rule that applies to a file of ``role`` (or to the item's texts) and has facts."""
    outcomes = []
    for rule in rules:
        if rule.applies_to and rule.applies_to != role and rule.applies_to not in (texts or {}):
            continue
        evaluator = EVALUATORS.get(rule.code)
        outcome = evaluator(rule, facts, texts or {}) if evaluator else None
        if outcome is not None:
            outcomes.append(outcome)
    return outcomes


# --- Putting outcomes into words -----------------------------------------------------------------


def _describe_width(verdict, p):
    if verdict == Verdict.PASS:
        return _("图片宽度 %(width)s 像素，符合不少于 %(limit)s 像素的要求") % p
    return (
        _(
            "图片宽度 %(width)s 像素（%(width)s×%(height)s），低于下限 %(limit)s 像素；"
            "请提供原图，勿压缩"
        )
        % p
    )


def _describe_quality(verdict, p):
    if verdict == Verdict.PASS:
        return _("JPEG 质量约为 %(quality)s") % p
    return _("图片疑似经过压缩（JPEG 质量约 %(quality)s，低于 %(limit)s），请提供未压缩的原图") % p


def _describe_short_side(verdict, p):
    if verdict == Verdict.PASS:
        return (
            _("视频分辨率 %(width)s×%(height)s（%(short_side)sp），符合不低于 %(limit)sp 的要求")
            % p
        )
    return _("视频分辨率 %(width)s×%(height)s（%(short_side)sp），低于下限 %(limit)sp") % p


def _describe_duration(verdict, p):
    words = {"measured": format_duration(p["seconds"]), "limit": format_duration(p["limit"])}
    if verdict == Verdict.PASS:
        return _("视频时长 %(measured)s，未超过上限 %(limit)s") % words
    return _("视频时长 %(measured)s，超过上限 %(limit)s") % words


def _describe_size(verdict, p):
    words = {"size": format_bytes(p["size"]), "limit": format_bytes(p["limit"])}
    if words["size"] == words["limit"]:  # "200.0 MB, over 200.0 MB": the bytes tell them apart
        words = {"size": f"{int(p['size']):,} B", "limit": f"{int(p['limit']):,} B"}
    if verdict == Verdict.PASS:
        return _("文件大小 %(size)s，未超过上限 %(limit)s") % words
    return _("文件大小 %(size)s，超过上限 %(limit)s") % words


def _describe_text_max(verdict, p):
    if verdict == Verdict.PASS:
        return _("共 %(count)s 字，未超过上限 %(limit)s 字") % p
    return _("共 %(count)s 字，超过上限 %(limit)s 字") % p


def _describe_text_range(verdict, p):
    if verdict == Verdict.PASS:
        return _("共 %(count)s 字，在建议的 %(low)s–%(high)s 字范围内") % p
    return _("共 %(count)s 字，不在建议的 %(low)s–%(high)s 字范围内（可以提交，请酌情调整）") % p


DESCRIBERS = {
    RuleCode.IMAGE_MIN_WIDTH: _describe_width,
    RuleCode.IMAGE_MIN_JPEG_QUALITY: _describe_quality,
    RuleCode.VIDEO_MIN_SHORT_SIDE: _describe_short_side,
    RuleCode.VIDEO_MAX_DURATION: _describe_duration,
    RuleCode.FILE_MAX_BYTES: _describe_size,
    RuleCode.TEXT_MAX_CHARS: _describe_text_max,
    RuleCode.TEXT_CHAR_RANGE: _describe_text_range,
}


def _describe_unmeasured(verdict, p):
    try:
        rule = RuleCode(p.get("rule")).label
    except ValueError:
        rule = p.get("rule")
    return _("未能测得“%(rule)s”，组委会将人工核对") % {"rule": rule}


DESCRIBERS[UNMEASURED] = _describe_unmeasured


def describe(code: str, verdict: str, params: dict) -> str:
    describer = DESCRIBERS.get(code)
    if describer is not None:
        return describer(verdict, params)
    return describe_media_outcome(code, verdict, params)
