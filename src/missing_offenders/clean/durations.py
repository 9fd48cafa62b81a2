"""How long offenders had been missing, read from the `duration_text` of an FOI return.

`parse_duration(text, window)` turns a transcribed phrase ("two since 2006, two since 2009,
three since 2014", "between two and eight years", "not disclosed; six believed abroad") into
per-case bounds, in years, on the time missing at the round's snapshot. Pure functions, no I/O.

Conventions
-----------
Units
    years = days / 365.25; a month is 1/12 year, a week 7 days, a day 1/365.25 year, a decade
    10 years. Nothing is rounded here: callers round for output.
Quantities
    Digits ("14", "2.5") or number words read by `numbers.parse_number` ("eight", "SIX").
    "a"/"an" mean 1 ("a year"). "a few" means 2 to 9 of the unit ("a few days" = 2..9 days),
    so a stated "a few days" gives the bounds 2/365.25..9/365.25. Number words joined by "and"
    are refused inside a clause, so "two and eight years" is never read as ten years.
Stated durations (rule "stated_duration")
    A number is taken at face value: "missing for 14 years", "one 8 years", "two 18 months",
    "eight years and nine months" give years_min = years_max = the stated value.
Qualifiers
    "more than"/"over"/">"/"at least" N  -> min N, max None            (rule "more_than")
    "less than"/"under"/"<" N            -> min 0.0, max N              (rule "less_than")
    "nearly"/"almost" N                  -> min None, max N             (rule "nearly")
    "up to" N, with no count or "some"   -> one kind="longest" group, min None, max N, cases
                                            None (rule "up_to"). "up to" after a count is
                                            refused: it could describe each case or the longest.
Dates
    "since 2006" / "went missing in 2006": gone missing some day of 2006; "since May 2002":
    some day of that month. With the earliest and latest possible dates of going missing,
    years_min = (window.start - latest) / 365.25, clipped at 0.0, and
    years_max = (window.end - earliest) / 365.25; each is None when that end of the window is
    unknown. A date wholly after window.end is an error. Rules: "since_year",
    "since_month_year", "since_month_relative" ("since"/"from"), "went_missing_year",
    "went_missing_month_year", "went_missing_month_relative" ("went missing (in)", "in").
Relative months
    "since August", "since last November": the latest such month that had started by the
    snapshot date. The year is resolved from window.start and from window.end; if they differ,
    the going-missing interval spans both candidate months. With only one end of the window
    known, that end decides. With no window at all the group gets min = max = None and rule
    "relative_date_without_snapshot" (no error: the phrase is readable, the date is not known).
Ranges (rule "range")
    "between two and eight years", "one week to eight years and nine months",
    "from a month to five years": two groups covering all cases, cases None: kind "shortest"
    (min..max of the lower end) and kind "longest" (min..max of the upper end). A unitless
    lower end takes the unit of the upper end ("two and eight years"). A lower end above the
    upper end is an error, and so is a phrase with more than one possible split.
Case counts
    A clause may open with a count in digits or words ("two since 2006", "one offender missing
    since 2000"); the words offender(s), sex offender(s), people, who, has/have/had, been,
    missing, unknown, whereabouts, for may stand between the count and the duration. With no
    count the clause describes one case ("missing since August"), unless it names offenders
    in the plural. "some" is accepted only before "up to".
    "went missing 1998 (1), 2006 (1), 2007 (2)": the parentheses are counts, one group per year
    (rule "went_missing_years"); this form is read before parentheses are dropped.
Clean-up
    Parenthetical transcriber notes ("(Nov 2014, inferred)", "(more than 14 years)") are
    dropped and quotes around phrases removed before a clause is read; `CaseGroup.text` and
    notes keep the clause as written. Separators inside parentheses never split.
Splitting
    Clauses are split on ";" and on "," (not on the comma of "3,186"), so "one year, six
    months" is two cases, not one of a year and a half. A clause that no rule
    reads is split on " and " if, and only if, every part is then readable ("two since 2009
    and three since 2014"); "eight years and nine months" and "between two and eight years"
    are read whole first.
General reading (durations_general, only for clauses the rules above do not read)
    [connective] [count or subject] [verb of disappearance] temporal expression: "another in
    Northumbria disappeared in May 2002", "two wanted nine years", "one 2008" (rule
    "bare_year"), "four have been wanted for between one and five years" (one group of 4 cases,
    min 1 max 5: rule "counted_range"), "in April this year" / "November last year" (rule
    "relative_year", the snapshot's year), "They went missing in 2014, 2015 and 2016" (one case
    per date: "date_list"; more cases than dates: only the ends, "date_list_range"). A plural
    subject with no count ("some ... for more than a decade") is refused, not read as one case.
    A clause with no date or length is a note when `phrasing.CONTEXT_PATTERNS` recognises it
    (believed abroad, in prison, declined to give dates...), else an error.
Truncation
    Text ending in "[truncated]", "..." or "…": the last piece (an item of an "and" list if the
    rest then reads, else the last clause) becomes a note with rule "truncated", never read.
Notes and disclosure
    Clauses with no duration ("six believed abroad", "as of 15 November", see `NOTE_PATTERNS`)
    go to `notes`, verbatim, and the rule that recognised each to `note_rules`. "not disclosed", "length of time not revealed", "not given",
    "not stated" set disclosed=False (rule "not_disclosed"); the other clauses are still read.
    Blank text: disclosed=False, rule "blank". Anything else raises `DurationError`: no clause
    is ever silently ignored.
"""
from __future__ import annotations

import re

from missing_offenders.clean import durations_general, phrasing
from missing_offenders.clean.duration_clauses import (
    _AND_RE, _CLAUSE_SEPARATOR_RE, _SEGMENT_SEPARATOR_RE, _TRUNCATED_PIECE_RE, _YEAR_COUNT_LIST_RE, NOTE_PATTERNS,
    _check_consistent, _clean, _ClauseResult, _error, _read_clause, _split_outside_parentheses, _year_count_list,
)
from missing_offenders.clean.duration_types import (  # noqa: F401  (the public API, re-exported)
    ACCEPTED_FORMS, CaseGroup, DurationError, DurationReading, SnapshotWindow,
)

# ---------------------------------------------------------------- entry point


def parse_duration(text: str | None, window: SnapshotWindow) -> DurationReading:
    """Read a `duration_text` against the round's snapshot window; DurationError if unreadable."""
    if text is None or not text.strip():
        return DurationReading(groups=(), notes=(), disclosed=False, rule="blank")
    body, truncated = _strip_truncation(text)
    segments = _split_outside_parentheses(body, _SEGMENT_SEPARATOR_RE)
    if truncated and not segments:
        raise _error(text, text, "nothing is left once the truncation mark is dropped")
    if not truncated:
        groups, notes, not_disclosed = _read_segments(segments, window, text)
    else:
        # the last piece was cut short: kept as a note, never read. Cut the smallest piece (an
        # item of an "and" list) if the rest then reads, else the whole last clause.
        for separator in (_TRUNCATED_PIECE_RE, _CLAUSE_SEPARATOR_RE):
            cut = _split_outside_parentheses(segments[-1], separator)[-1]
            kept = segments[-1][: segments[-1].rindex(cut)].rstrip(" ,;")
            kept = re.sub(r"\s+(?:and|but|while|whilst|although)$", "", kept, flags=re.IGNORECASE)
            try:
                groups, notes, not_disclosed = _read_segments([*segments[:-1], kept], window, text)
            except DurationError:
                if separator is _CLAUSE_SEPARATOR_RE:
                    raise
                continue
            notes.append((cut, "truncated"))
            break
    _check_consistent(groups, text)
    return DurationReading(
        groups=tuple(groups),
        notes=tuple(note for note, _ in notes),
        disclosed=not not_disclosed,
        rule="not_disclosed" if not_disclosed else "parsed",
        note_rules=tuple(rule for _, rule in notes),
    )


def _read_segments(segments: list[str], window: SnapshotWindow, text: str):
    """Groups, (note, rule) pairs and whether anything was declared not disclosed."""
    groups: list[CaseGroup] = []
    notes: list[tuple[str, str]] = []
    not_disclosed = False
    for segment in (s for s in segments if s.strip()):
        if _YEAR_COUNT_LIST_RE.match(segment):
            groups.extend(_year_count_list(segment, window, text))
            continue
        if (listed := durations_general.date_list(segment, window, text)) is not None:
            groups.extend(listed)
            continue
        try:
            results = [result for clause in _split_outside_parentheses(segment, _CLAUSE_SEPARATOR_RE)
                       for result in _read_clause_or_parts(clause, window, text)]
        except DurationError:
            # a sentence of context cut by its own commas ("In many of the cases, offenders are
            # thought to have fled overseas"): one note when it holds no date or length at all
            whole = _clean(segment, text)
            rule = None if phrasing.has_temporal(whole) else phrasing.context_rule(whole)
            if rule is None:
                raise
            results = [_ClauseResult(note=segment, note_rule=rule)]
        for result in results:
            groups.extend(result.groups)
            notes.extend([(result.note, result.note_rule)] if result.note is not None else [])
            not_disclosed = not_disclosed or result.not_disclosed
    return groups, notes, not_disclosed


def _strip_truncation(text: str) -> tuple[str, bool]:
    match = phrasing.TRUNCATION_RE.search(text)
    return (text[: match.start()], True) if match else (text, False)


def _read_clause_or_parts(clause: str, window: SnapshotWindow, text: str) -> list[_ClauseResult]:
    """Read a clause whole or, failing that, as parts split on ' and ' that all read."""
    result = _read_clause(clause, window, text)
    if result is not None:
        return [result]
    parts = _split_outside_parentheses(clause, _AND_RE)
    if len(parts) > 1:
        results = [_read_clause(part, window, text) for part in parts]
        if all(r is not None for r in results):
            return [r for r in results if r is not None]
    chained = durations_general.read_general_chain(clause, window, text)
    if chained is not None:
        return chained
    raise _error(clause, text, "no rule reads it")
