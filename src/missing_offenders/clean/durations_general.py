"""The general reading of a duration clause, tried only when no rule of `durations` reads it.

A clause is reduced by `phrasing` to [count] + temporal expression, which is then read by the
same date and length rules as `durations`, so every shipped text keeps its reading and rule.
A clause with no date or length is context (believed abroad, declined to give dates, ...) when
`phrasing` recognises it. Rule names added here: "bare_year", "bare_month_year",
"bare_month_relative" (a count before a bare date: "one 2008"), "relative_year" ("in April this
year"), "counted_range" ("four ... between one and five years"), "stated_longest", "date_list"
and "date_list_range" (lists of dates), and for notes "context_*" (see phrasing.CONTEXT_PATTERNS)
and "connective".
"""
from __future__ import annotations

import datetime
import re

from missing_offenders.clean import phrasing
from missing_offenders.clean.duration_clauses import (
    _AND_RE, _MONTH, _YEAR, MONTHS, CaseGroup, SnapshotWindow, _bounds, _clean, _ClauseResult, _month_span,
    _range_ends, _read_clause, _read_date_phrase, _read_length, _read_qualified_length, _read_range, _read_up_to,
)

_LONGEST_RE = re.compile(
    r"^the\s+longest\s+(?:period\s+of\s+)?time\s+(?:an?|any)\s+offender\s+(?:had|has)\s+been\s+missing\s+(?:was|is)\s+(?P<rest>.+)$",
    re.IGNORECASE,
)
_RELATIVE_YEAR_RE = re.compile(
    rf"^(?:(?:since|in|from)\s+)?(?:the\s+start\s+of\s+)?(?:(?P<month>{_MONTH})\s+)?(?P<which>this|last)\s+year$",
    re.IGNORECASE,
)
_AGO_RE = re.compile(r"\s+ago$", re.IGNORECASE)
_COUNTED_RANGE_RE = re.compile(r"^between\s+(?P<body>.+)$", re.IGNORECASE)
_RANGE_SEPARATOR_RE = re.compile(r"\s+(?:up\s+to|and|to)\s+", re.IGNORECASE)
_DATE_ITEM = rf"(?:(?:{_MONTH})\s+(?:this\s+year|last\s+year|{_YEAR})|{_YEAR})"
_DATE_LIST_RE = re.compile(
    rf"^(?P<head>.*?\b(?:since|in))\s+(?P<items>{_DATE_ITEM}(?:\s*(?:,\s*and|,|and)\s+{_DATE_ITEM})+)\s*\.?$",
    re.IGNORECASE,
)


def read_general_chain(clause: str, window: SnapshotWindow, text: str) -> list[_ClauseResult] | None:
    """The clause read whole by the general reading, or as two or more pieces split on ' and '."""
    whole = _read_general(clause, window, text)
    if whole is not None:
        return [whole]
    for match in _AND_RE.finditer(clause):
        left, right = clause[: match.start()], clause[match.end():]
        first = _read_clause(left, window, text) or _read_general(left, window, text)
        if first is None:
            continue
        rest = ([r] if (r := _read_clause(right, window, text)) is not None
                else read_general_chain(right, window, text))
        if rest is not None:
            return [first, *rest]
    return None


def _read_general(clause: str, window: SnapshotWindow, text: str) -> _ClauseResult | None:
    """[connective] [count] [verb of disappearance] temporal expression, or a clause of context."""
    cleaned = phrasing.strip_connectives(_clean(clause, text))
    if not cleaned:
        return _ClauseResult(note=clause, note_rule="connective")
    if not phrasing.has_temporal(cleaned):
        rule = phrasing.context_rule(cleaned)
        return _ClauseResult(note=clause, note_rule=rule) if rule else None
    if match := _LONGEST_RE.match(cleaned):
        length = _read_length(match["rest"])
        return None if length is None else _ClauseResult(
            groups=(CaseGroup(None, length[0], length[1], "longest", clause, "stated_longest"),))
    count, plural, rest = phrasing.split_subject(cleaned)
    rest = _AGO_RE.sub("", re.sub(r"\bthe\s+year\s+(?=\d{4})", "", rest))
    if count is None:
        # no count: a range or an "up to" covers all cases, whoever the subject is
        for reader in (_read_range, _read_up_to):
            if rest and (groups := reader(rest, clause, window, text)) is not None:
                return _ClauseResult(groups=groups)
        if plural:
            return None  # "some ... for more than a decade": how many is not said
    bounds = _read_general_temporal(rest, count, window, clause, text)
    if bounds is None:
        return None
    years_min, years_max, rule = bounds
    return _ClauseResult(groups=(CaseGroup(1 if count is None else count, years_min, years_max, "cases", clause, rule),))


def _read_general_temporal(rest: str, count: int | None, window: SnapshotWindow, clause: str, text: str):
    if not rest:
        return None
    if (dated := _read_date_phrase(rest, window, clause, text)) is not None:
        return dated
    if (relative := _read_relative_year(rest, window, clause, text)) is not None:
        return relative
    if re.fullmatch(rf"(?:{_MONTH})\.?(?:\s+{_YEAR})?|last\s+(?:{_MONTH})|{_YEAR}", rest, re.IGNORECASE):
        # a bare date after a count ("one 2008, three 2012"; "became unknown last November")
        dated = _read_date_phrase(f"since {rest}", window, clause, text)
        return None if dated is None else (dated[0], dated[1], dated[2].replace("since_", "bare_"))
    if (match := _COUNTED_RANGE_RE.match(rest)) is not None and count is not None:
        ends = _range_ends(match["body"], _RANGE_SEPARATOR_RE, clause, text)
        if ends is not None:
            (short_lo, _), (_, long_hi) = ends
            return short_lo, long_hi, "counted_range"
    return _read_qualified_length(rest)


def _read_relative_year(phrase: str, window: SnapshotWindow, clause: str, text: str):
    """'in April this year', 'since the start of this year', 'November last year': the snapshot's year."""
    match = _RELATIVE_YEAR_RE.match(phrase)
    if not match:
        return None
    years = sorted({day.year for day in (window.start, window.end) if day is not None})
    if not years:
        return None, None, "relative_date_without_snapshot"
    shift = 1 if match["which"].lower() == "last" else 0
    first_year, last_year = years[0] - shift, years[-1] - shift
    if match["month"]:
        month = MONTHS[match["month"].lower()]
        first, last = _month_span(first_year, month, last_year, month)
    else:
        first, last = datetime.date(first_year, 1, 1), datetime.date(last_year, 12, 31)
    return (*_bounds(first, last, window, clause, text), "relative_year")


def date_list(segment: str, window: SnapshotWindow, text: str) -> list[CaseGroup] | None:
    """'They went missing in 2014, 2015 and 2016': one case per date; with more cases than dates
    ('The seven offenders ... since June 2006, February 2008, ...') only the ends are known."""
    cleaned = _clean(segment, text)
    match = _DATE_LIST_RE.match(cleaned)
    if not match:
        return None
    head = re.sub(r"\s*\b(?:since|in)$", "", match["head"])
    count, _plural, head_rest = phrasing.split_subject(phrasing.strip_connectives(head))
    if head_rest:
        return None  # words left between the subject and the dates: not a plain list
    items = re.split(r"\s*(?:,\s*and|,|and)\s+", match["items"])
    readings = []
    for item in items:
        reading = _read_relative_year(item, window, segment, text) or _read_date_phrase(f"since {item}", window, segment, text)
        if reading is None:
            return None
        readings.append(reading)
    if count is None or count == len(items):
        return [CaseGroup(1, low, high, "cases", segment, "date_list") for low, high, _ in readings]
    if count < len(items):
        return None
    # more cases than dates: the latest date bounds the shortest case, the earliest the longest
    latest, earliest = readings[-1], readings[0]
    return [CaseGroup(None, latest[0], latest[1], "shortest", segment, "date_list_range"),
            CaseGroup(None, earliest[0], earliest[1], "longest", segment, "date_list_range")]
