"""The specific rules of the duration grammar (durations.py): clause by clause, a range, "up to",
a counted length or date, a note; lengths, dates and the text helpers they share. The general
reading (durations_general.py) falls back on these."""
from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

from missing_offenders.clean import phrasing
from missing_offenders.clean.duration_types import (
    A_FEW, ACCEPTED_FORMS, DAYS_PER_YEAR, MONTH_YEARS, MONTHS, UNIT_YEARS, CaseGroup, DurationError, SnapshotWindow,
)
from missing_offenders.ingest.numbers import NUMBER, parse_number

# ---------------------------------------------------------------- regexes

_YEAR = r"\d{4}"
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_UNIT = r"(?P<unit>decades?|years?|months?|weeks?|days?)"
# "a few" before "a"; digits with decimals before NUMBER so "2.5" is one quantity.
_QUANTITY = rf"(?P<quantity>a\s+few|an?(?=\s)|\d+\.\d+|{NUMBER})"
_TERM_RE = re.compile(rf"{_QUANTITY}\s*{_UNIT}\b", re.IGNORECASE)
# No comma here: commas have already split the clauses ("one year, six months" is two cases).
_TERM_SEPARATOR_RE = re.compile(r"\s+and\s+|\s*$", re.IGNORECASE)
_BARE_QUANTITY_RE = re.compile(rf"^{_QUANTITY}$", re.IGNORECASE)

# Words allowed between a count and the duration ("one offender missing for ...").
_FILLER_RE = re.compile(
    r"^(?:(?:sex\s+)?offenders?|people|persons?|who|has|have|had|been|missing|unknown|whereabouts|for)\s+",
    re.IGNORECASE,
)
_PLURAL_NOUN_RE = re.compile(r"\b(?:offenders|people|persons)\b", re.IGNORECASE)

_QUALIFIER_RE = re.compile(
    r"^(?:(?P<word>more\s+than|over|at\s+least|less\s+than|under|nearly|almost|up\s+to)\s+"
    r"|(?P<symbol>[<>])\s*)(?P<rest>.+)$",
    re.IGNORECASE,
)
_QUALIFIER_RULES = {
    "more than": "more_than", "over": "more_than", "at least": "more_than", ">": "more_than",
    "less than": "less_than", "under": "less_than", "<": "less_than",
    "nearly": "nearly", "almost": "nearly",
    "up to": "up_to",
}

_DATE_PHRASE_RE = re.compile(
    rf"^(?:(?P<since>since|from)|(?P<went>(?:went|gone)\s+missing(?:\s+in)?|in))\s+"
    rf"(?P<last>last\s+)?(?:(?P<month>{_MONTH})\.?(?:\s+(?P<year>{_YEAR}))?|(?P<year_only>{_YEAR}))$",
    re.IGNORECASE,
)
_UP_TO_RE = re.compile(r"^(?:(?:some|all)\s+)?(?P<filler>.*?)up\s+to\s+(?P<rest>.+)$", re.IGNORECASE)
_BETWEEN_RE = re.compile(r"^between\s+(?P<body>.+)$", re.IGNORECASE)
_FROM_RE = re.compile(r"^from\s+(?P<body>.+)$", re.IGNORECASE)

# "went missing 1998 (1), 2006 (1), 2007 (2) and 2008 (1)": parentheses hold counts.
_YEAR_COUNT = rf"{_YEAR}\s*\(\s*(?:{NUMBER})\s*\)"
_YEAR_COUNT_ITEM_RE = re.compile(rf"(?P<year>{_YEAR})\s*\(\s*(?P<count>{NUMBER})\s*\)", re.IGNORECASE)
_YEAR_COUNT_LIST_RE = re.compile(
    rf"^\s*(?:went|gone)\s+missing\s+(?:in\s+)?{_YEAR_COUNT}(?:\s*(?:,\s*and|,|and)\s*{_YEAR_COUNT})*\s*\.?\s*$",
    re.IGNORECASE,
)

_NOT_DISCLOSED_RE = re.compile(
    r"^(?:(?:the\s+)?(?:length\s+of\s+time|duration|time\s+missing)\s+)?(?:was\s+|is\s+)?"
    r"not\s+(?:disclosed|revealed|given|stated)$",
    re.IGNORECASE,
)

# Clauses that carry no duration. Each may open with a count ("48 believed fled abroad").
_NOTE_PREFIX = rf"(?:(?:{NUMBER}|some|all|most|others?)\s+)?(?:(?:sex\s+)?offenders?\s+)?(?:(?:are|were|is|was)\s+)?"
_BELIEVED = r"(?:believed|thought|known)"
NOTE_PATTERNS: dict[str, str] = {
    "abroad": rf"{_BELIEVED}\s+(?:to\s+be\s+)?(?:living\s+)?(?:abroad|overseas)",
    "no_longer_in_country": rf"{_BELIEVED}\s+(?:to\s+be\s+)?no\s+longer\s+in\s+(?:the\s+)?(?:country|uk)",
    "fled": rf"{_BELIEVED}\s+(?:to\s+have\s+)?fled\s+(?:abroad|overseas|the\s+country|the\s+uk)",
    "left_uk": r"(?:have|has)\s+left\s+the\s+(?:uk|country)",
    "in_uk_unknown_address": r"in\s+(?:the\s+)?uk\s+at\s+unknown\s+addresse?s?",
    "traced": r"(?:(?:have|has)\s+been\s+)?(?:traced|found|located)(?:\s+and\s+arrested)?",
    "outwith_uk": r"(?:outwith|outside)\s+(?:the\s+)?uk",
    "within_uk": r"within\s+(?:the\s+)?uk",
    "snapshot_remark": rf"as\s+(?:of|at)\s+(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTH})|(?:{_MONTH})\s+\d{{1,2}}(?:st|nd|rd|th)?)(?:\s+{_YEAR})?",
}
_NOTE_RES = [re.compile(rf"^{_NOTE_PREFIX}{body}$", re.IGNORECASE) for body in NOTE_PATTERNS.values()]

_PARENTHETICAL_RE = re.compile(r"\([^()]*\)")
# Quote marks at a word edge only, so the apostrophe of "force's" stays.
_QUOTE_RE = re.compile(r"(?<!\w)['\"‘’“”]|['\"‘’“”](?!\w)")
_CLAUSE_SEPARATOR_RE = re.compile(r";|,(?!\d{3}\b)|\s+(?:but|while|whilst|although)\s+", re.IGNORECASE)
# ";" or the end of a sentence ("One went missing in April 2016. It refused to ...").
_SEGMENT_SEPARATOR_RE = re.compile(r";|(?<=[a-z0-9])\.\s+(?=[A-Z])")
_AND_RE = re.compile(r"\s+and\s+", re.IGNORECASE)
# The smallest piece a truncation can have cut: a clause or the last item of an "and" list.
_TRUNCATED_PIECE_RE = re.compile(rf"{_CLAUSE_SEPARATOR_RE.pattern}|\s+and\s+", re.IGNORECASE)
_TO_RE = re.compile(r"\s+to\s+", re.IGNORECASE)


# ---------------------------------------------------------------- clauses


@dataclass(frozen=True)
class _ClauseResult:
    groups: tuple[CaseGroup, ...] = ()
    note: str | None = None
    not_disclosed: bool = False
    note_rule: str = ""


def _read_clause(clause: str, window: SnapshotWindow, text: str) -> _ClauseResult | None:
    """One clause, or None when no rule matches (DurationError when a rule matches but fails)."""
    cleaned = _clean(clause, text)
    if not cleaned:
        raise _error(clause, text, "nothing is left once parenthetical notes are dropped")
    if _NOT_DISCLOSED_RE.match(cleaned):
        return _ClauseResult(not_disclosed=True)
    for rule, pattern in zip(NOTE_PATTERNS, _NOTE_RES):
        if pattern.match(cleaned):
            return _ClauseResult(note=clause, note_rule=rule)
    for reader in (_read_range, _read_up_to, _read_counted):
        groups = reader(cleaned, clause, window, text)
        if groups is not None:
            return _ClauseResult(groups=groups)
    return None


def _read_range(cleaned: str, clause: str, window: SnapshotWindow, text: str) -> tuple[CaseGroup, ...] | None:
    """'between X and Y', 'from X to Y', 'X to Y': the shortest and the longest case."""
    body = _strip_filler(cleaned)
    if match := _BETWEEN_RE.match(body):
        ends = _range_ends(match["body"], _AND_RE, clause, text)
    else:
        match = _FROM_RE.match(body)
        ends = _range_ends(match["body"] if match else body, _TO_RE, clause, text)
    if ends is None:
        return None
    (short_lo, short_hi), (long_lo, long_hi) = ends
    if short_lo > long_hi:
        raise _error(clause, text, f"the lower end ({short_lo:g} years) is above the upper end ({long_hi:g} years)")
    return (
        CaseGroup(None, short_lo, short_hi, "shortest", clause, "range"),
        CaseGroup(None, long_lo, long_hi, "longest", clause, "range"),
    )


_Length = tuple[float, float]


def _range_ends(inner: str, separator: re.Pattern[str], clause: str, text: str) -> tuple[_Length, _Length] | None:
    """The (lower, upper) lengths of 'X and Y' / 'X to Y', trying every split; None if none reads.

    Splits whose lower end exceeds the upper end are discarded unless no other split reads,
    so that the caller can report "between eight and two years" as reversed.
    """
    readings = []
    for match in separator.finditer(inner):
        upper = _read_length(inner[match.end():])
        if upper is None:
            continue
        lower = _read_length(inner[: match.start()]) or _read_unitless(inner[: match.start()], inner[match.end():])
        if lower is not None:
            readings.append((lower, upper))
    ordered = [(lower, upper) for lower, upper in readings if lower[0] <= upper[1]]
    if len(ordered) > 1:
        raise _error(clause, text, "the range can be split in more than one way")
    if ordered:
        return ordered[0]
    return readings[0] if readings else None


def _read_unitless(lower: str, upper: str) -> tuple[float, float] | None:
    """'two' in 'two and eight years': a bare quantity takes the unit of a one-term upper end."""
    terms = _TERM_RE.fullmatch(upper.strip())
    if not _BARE_QUANTITY_RE.match(lower.strip()) or terms is None:
        return None
    return _read_length(f"{lower.strip()} {terms['unit']}")


def _read_up_to(cleaned: str, clause: str, window: SnapshotWindow, text: str) -> tuple[CaseGroup, ...] | None:
    """'[some] missing up to 14 years': bounds the longest case; refused after a number."""
    match = _UP_TO_RE.match(cleaned)
    if not match or _strip_filler(match["filler"]) != "":
        return None
    length = _read_length(match["rest"])
    if length is None:
        return None
    return (CaseGroup(None, None, length[1], "longest", clause, "up_to"),)


def _read_counted(cleaned: str, clause: str, window: SnapshotWindow, text: str) -> tuple[CaseGroup, ...] | None:
    """'[count] [filler] duration-or-date': the longest readable count wins, then no count."""
    for count, rest in _count_candidates(cleaned):
        phrase = _strip_filler(rest)
        if count is None and _PLURAL_NOUN_RE.search(rest[: len(rest) - len(phrase)]):
            continue  # "offenders missing since 2006" says neither how many nor that it is one
        bounds = _read_date_phrase(phrase, window, clause, text) or _read_qualified_length(phrase)
        if bounds is not None:
            years_min, years_max, rule = bounds
            return (CaseGroup(1 if count is None else count, years_min, years_max, "cases", clause, rule),)
    return None


def _count_candidates(cleaned: str) -> list[tuple[int | None, str]]:
    """(count, rest) for each leading run of words that reads as a number, longest first; then no count."""
    words = cleaned.split(" ")
    candidates: list[tuple[int | None, str]] = []
    for size in range(min(len(words) - 1, 6), 0, -1):  # counts longer than six words are not met
        count = _read_count(words[:size])
        if count is not None and _read_count(words[: size + 1]) is None:
            # "twenty one years" is never 20 cases of one year: a count stops where the number does
            candidates.append((count, " ".join(words[size:])))
    return [*candidates, (None, cleaned)]


def _read_count(words: list[str]) -> int | None:
    if "and" in (word.lower() for word in words):
        return None  # "two and eight years" must not read as ten
    try:
        return parse_number(" ".join(words))
    except ValueError:
        return None


def _strip_filler(text: str) -> str:
    while match := _FILLER_RE.match(text):
        text = text[match.end():]
    return text


# ---------------------------------------------------------------- lengths


def _read_qualified_length(phrase: str) -> tuple[float | None, float | None, str] | None:
    """'14 years', 'more than a year', '>10 years', 'nearly four years' -> (min, max, rule)."""
    match = _QUALIFIER_RE.match(phrase)
    qualifier = None
    if match:
        qualifier = " ".join((match["word"] or match["symbol"]).lower().split())
        phrase = match["rest"]
    length = _read_length(phrase)
    if length is None:
        return None
    low, high = length
    rule = _QUALIFIER_RULES[qualifier] if qualifier else "stated_duration"
    if rule == "stated_duration":
        return low, high, rule
    if rule == "more_than":
        return low, None, rule
    if rule == "less_than":
        return 0.0, high, rule
    if rule == "nearly":
        return None, high, rule
    # "up to" after a count ("two missing up to 5 years"): each case, or only the longest? Refused.
    return None


def _read_length(text: str) -> tuple[float, float] | None:
    """'eight years and nine months' -> (8.75, 8.75); 'a few days' -> (2/365.25, 9/365.25); else None."""
    text = text.strip()
    position, low, high = 0, 0.0, 0.0
    while position < len(text):
        term = _TERM_RE.match(text, position)
        if term is None:
            return None
        quantity = _read_quantity(term["quantity"])
        if quantity is None:
            return None
        per_unit = UNIT_YEARS[term["unit"].lower().rstrip("s")]
        low, high = low + quantity[0] * per_unit, high + quantity[1] * per_unit
        separator = _TERM_SEPARATOR_RE.match(text, term.end())
        if separator is None:
            return None
        position = separator.end()
    return (low, high) if position else None


def _read_quantity(text: str) -> tuple[float, float] | None:
    words = text.lower().split()
    if words == ["a", "few"]:
        return float(A_FEW[0]), float(A_FEW[1])
    if words in (["a"], ["an"]):
        return 1.0, 1.0
    if "and" in words:
        return None  # "two and eight" is a range, never "ten"
    if re.fullmatch(r"\d+\.\d+", text):
        return float(text), float(text)
    try:
        value = float(parse_number(text))
    except ValueError:
        return None
    return value, value


# ---------------------------------------------------------------- dates


def _read_date_phrase(
    phrase: str, window: SnapshotWindow, clause: str, text: str
) -> tuple[float | None, float | None, str] | None:
    """'since 2006', 'since May 2002', 'since last November', 'went missing in 1998' -> (min, max, rule)."""
    match = _DATE_PHRASE_RE.match(phrase)
    if not match:
        return None
    prefix = "since" if match["since"] else "went_missing"
    if match["year_only"]:
        year = int(match["year_only"])
        return (*_bounds(datetime.date(year, 1, 1), datetime.date(year, 12, 31), window, clause, text), f"{prefix}_year")
    month = MONTHS[match["month"].lower()]
    if match["year"]:
        if match["last"]:
            raise _error(clause, text, "'last' goes with a month without a year")
        first, last = _month_span(int(match["year"]), month, int(match["year"]), month)
        return (*_bounds(first, last, window, clause, text), f"{prefix}_month_year")
    years = _relative_month_years(month, window)
    if years is None:
        return None, None, "relative_date_without_snapshot"
    first, last = _month_span(years[0], month, years[1], month)
    return (*_bounds(first, last, window, clause, text), f"{prefix}_month_relative")


def _relative_month_years(month: int, window: SnapshotWindow) -> tuple[int, int] | None:
    """Years of the latest `month` that had started by window.start and by window.end."""
    years = [day.year if day.month >= month else day.year - 1 for day in (window.start, window.end) if day is not None]
    return (min(years), max(years)) if years else None


def _month_span(first_year: int, first_month: int, last_year: int, last_month: int) -> tuple[datetime.date, datetime.date]:
    last_day = calendar.monthrange(last_year, last_month)[1]
    return datetime.date(first_year, first_month, 1), datetime.date(last_year, last_month, last_day)


def _bounds(
    earliest: datetime.date, latest: datetime.date, window: SnapshotWindow, clause: str, text: str
) -> tuple[float | None, float | None]:
    """Years missing at the snapshot for someone who went missing between earliest and latest."""
    if window.end is not None and earliest > window.end:
        raise _error(clause, text, f"the date ({earliest}) is after the snapshot ended ({window.end})")
    years_min = None if window.start is None else max(0.0, (window.start - latest).days / DAYS_PER_YEAR)
    years_max = None if window.end is None else (window.end - earliest).days / DAYS_PER_YEAR
    return years_min, years_max


def _year_count_list(segment: str, window: SnapshotWindow, text: str) -> list[CaseGroup]:
    """'went missing 1998 (1), 2006 (1), 2007 (2)' -> one group per year, cases from the brackets."""
    groups = []
    for item in _YEAR_COUNT_ITEM_RE.finditer(segment):
        year = int(item["year"])
        years_min, years_max = _bounds(datetime.date(year, 1, 1), datetime.date(year, 12, 31), window, segment, text)
        groups.append(CaseGroup(parse_number(item["count"]), years_min, years_max, "cases", item.group(0), "went_missing_years"))
    return groups


# ---------------------------------------------------------------- text helpers


def _split_outside_parentheses(text: str, separator: re.Pattern[str]) -> list[str]:
    """Split on `separator` where it is not inside parentheses; drop empty pieces."""
    depth, masked = 0, []
    for char in text:
        depth += char == "("
        masked.append("\0" if depth > 0 else char)
        depth -= char == ")" and depth > 0
    pieces, start = [], 0
    for match in separator.finditer("".join(masked)):
        pieces.append(text[start:match.start()])
        start = match.end()
    pieces.append(text[start:])
    return [piece.strip() for piece in pieces if piece.strip()]


def _clean(clause: str, text: str) -> str:
    """Drop parenthetical notes and quote marks, collapse spaces and a final full stop."""
    cleaned = clause
    if re.search(r"\(\s*\d+\s*\)", cleaned):
        raise _error(clause, text, "a bare number in brackets reads as a count, which is not read here: "
                     "write the count in the clause ('two since 2006')")
    while _PARENTHETICAL_RE.search(cleaned):
        cleaned = _PARENTHETICAL_RE.sub(" ", cleaned)
    if "(" in cleaned or ")" in cleaned:
        raise _error(clause, text, "unbalanced parentheses")
    cleaned = _QUOTE_RE.sub("", cleaned)
    return " ".join(cleaned.split()).rstrip(".").strip()


def _check_consistent(groups: list[CaseGroup], text: str) -> None:
    """A stated longest case cannot be shorter than a case known to be longer."""
    caps = [(g.years_max, g.text) for g in groups if g.kind == "longest" and g.years_max is not None]
    floors = [(g.years_min, g.text) for g in groups if g.years_min is not None]
    if caps and floors:
        (cap, cap_text), (floor, floor_text) = min(caps), max(floors)
        if floor > cap:
            raise _error(floor_text, text, f"at least {floor:g} years is longer than the longest case stated in {cap_text!r}")


def _error(clause: str, text: str, reason: str) -> DurationError:
    return DurationError(f"cannot read duration clause {clause!r} in {text!r}: {reason}. Accepted forms: {ACCEPTED_FORMS}")
