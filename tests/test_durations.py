"""Tests for missing_offenders.clean.durations: every shipped duration_text, the rules and the errors."""
from __future__ import annotations

import csv
import datetime
from dataclasses import dataclass

import pytest
from hypothesis import given, strategies as st

from missing_offenders.ingest import paths
from missing_offenders.clean.durations import (
    CaseGroup,
    DurationError,
    DurationReading,
    SnapshotWindow,
    parse_duration,
)
from missing_offenders.ingest.numbers import TENS, UNITS

D = datetime.date
W2015 = SnapshotWindow(D(2015, 2, 1), D(2015, 3, 10))  # rounds.csv, 2015_pa
NO_WINDOW = SnapshotWindow(None, None)
END_2008 = SnapshotWindow(None, D(2008, 12, 31))
DAY = 1 / 365.25
MONTH = 1 / 12
WEEK = 7 / 365.25


def years(later: datetime.date, earlier: datetime.date) -> float:
    return (later - earlier).days / 365.25


def since(first: datetime.date, last: datetime.date, window: SnapshotWindow = W2015) -> tuple[float | None, float | None]:
    """Expected bounds for someone gone missing between first and last (the module's rule, restated)."""
    low = None if window.start is None else max(0.0, years(window.start, last))
    high = None if window.end is None else years(window.end, first)
    return low, high


def assert_groups(reading: DurationReading, expected: list[tuple]) -> None:
    """expected: (cases, years_min, years_max, kind, text, rule) per group, bounds compared approximately."""
    got = [(g.cases, g.years_min, g.years_max, g.kind, g.text, g.rule) for g in reading.groups]
    assert len(got) == len(expected), got
    for actual, wanted in zip(got, expected):
        assert actual[0] == wanted[0], actual
        assert actual[1] == pytest.approx(wanted[1]), actual
        assert actual[2] == pytest.approx(wanted[2]), actual
        assert actual[3:] == wanted[3:], actual


def assert_pair(actual: tuple, wanted: tuple) -> None:
    assert actual[0] == pytest.approx(wanted[0]) and actual[1] == pytest.approx(wanted[1]), (actual, wanted)


# ---------------------------------------------------------------- every shipped value


@dataclass(frozen=True)
class Shipped:
    window: SnapshotWindow
    groups: list[tuple]
    notes: tuple[str, ...] = ()
    disclosed: bool = True
    rule: str = "parsed"
    total: int | None = None          # force total to pass to longest()
    longest: tuple = (None, None)


AUG_2014 = since(D(2014, 8, 1), D(2014, 8, 31))
Y2006, Y2009, Y2011, Y2012, Y2013, Y2014 = (since(D(y, 1, 1), D(y, 12, 31)) for y in (2006, 2009, 2011, 2012, 2013, 2014))
JAN_2014 = since(D(2014, 1, 1), D(2014, 1, 31))
NOV_2014 = since(D(2014, 11, 1), D(2014, 11, 30))
Y2000 = since(D(2000, 1, 1), D(2000, 12, 31))
MAY_2002 = since(D(2002, 5, 1), D(2002, 5, 31))
SEP_2004 = since(D(2004, 9, 1), D(2004, 9, 30))
PSNI = [since(D(y, 1, 1), D(y, 12, 31), NO_WINDOW) for y in (1998, 2006, 2007, 2008)]

# Rounds without a snapshot date in rounds.csv (single-force returns, 2007, 2008, Sun) get NO_WINDOW.
SHIPPED: dict[str, Shipped] = {
    "": Shipped(NO_WINDOW, [], disclosed=False, rule="blank"),
    "not disclosed": Shipped(NO_WINDOW, [], disclosed=False, rule="not_disclosed"),
    # 2015_pa
    "one offender missing for 14 years": Shipped(
        W2015, [(1, 14.0, 14.0, "cases", "one offender missing for 14 years", "stated_duration")],
        total=167, longest=(14.0, None)),
    "between two and eight years": Shipped(
        W2015, [(None, 2.0, 2.0, "shortest", "between two and eight years", "range"),
                (None, 8.0, 8.0, "longest", "between two and eight years", "range")],
        total=10, longest=(8.0, 8.0)),
    "length of time not revealed": Shipped(W2015, [], disclosed=False, rule="not_disclosed", total=5),
    "missing since August (i.e. August 2014 relative to a March 2015 article - year inferred)": Shipped(
        W2015, [(1, years(D(2015, 2, 1), D(2014, 8, 31)), years(D(2015, 3, 10), D(2014, 8, 1)), "cases",
                 "missing since August (i.e. August 2014 relative to a March 2015 article - year inferred)",
                 "since_month_relative")],
        total=1, longest=(years(D(2015, 2, 1), D(2014, 8, 31)), years(D(2015, 3, 10), D(2014, 8, 1)))),
    "two since 2006, two since 2009, three since 2014": Shipped(
        W2015, [(2, *Y2006, "cases", "two since 2006", "since_year"),
                (2, *Y2009, "cases", "two since 2009", "since_year"),
                (3, *Y2014, "cases", "three since 2014", "since_year")],
        total=7, longest=(years(D(2015, 2, 1), D(2006, 12, 31)), years(D(2015, 3, 10), D(2006, 1, 1)))),
    "one more than a year; one two months": Shipped(
        W2015, [(1, 1.0, None, "cases", "one more than a year", "more_than"),
                (1, 2 * MONTH, 2 * MONTH, "cases", "one two months", "stated_duration")],
        total=2, longest=(1.0, None)),
    "one since 2011, one since 2012, one since 2013, three since 2014": Shipped(
        W2015, [(1, *Y2011, "cases", "one since 2011", "since_year"),
                (1, *Y2012, "cases", "one since 2012", "since_year"),
                (1, *Y2013, "cases", "one since 2013", "since_year"),
                (3, *Y2014, "cases", "three since 2014", "since_year")],
        total=6, longest=Y2011),
    "one since January 2014; one since 'last November' (Nov 2014, inferred)": Shipped(
        W2015, [(1, *JAN_2014, "cases", "one since January 2014", "since_month_year"),
                (1, *NOV_2014, "cases", "one since 'last November' (Nov 2014, inferred)", "since_month_relative")],
        total=2, longest=JAN_2014),
    "four missing for more than a year": Shipped(
        W2015, [(4, 1.0, None, "cases", "four missing for more than a year", "more_than")],
        total=5, longest=(1.0, None)),
    "one week to eight years and nine months; seven believed no longer in the country": Shipped(
        W2015, [(None, WEEK, WEEK, "shortest", "one week to eight years and nine months", "range"),
                (None, 8.75, 8.75, "longest", "one week to eight years and nine months", "range")],
        notes=("seven believed no longer in the country",), total=11, longest=(8.75, 8.75)),
    "one 8 years; one 6 years; one 4 years; two 18 months; one 5 months": Shipped(
        W2015, [(1, 8.0, 8.0, "cases", "one 8 years", "stated_duration"),
                (1, 6.0, 6.0, "cases", "one 6 years", "stated_duration"),
                (1, 4.0, 4.0, "cases", "one 4 years", "stated_duration"),
                (2, 1.5, 1.5, "cases", "two 18 months", "stated_duration"),
                (1, 5 * MONTH, 5 * MONTH, "cases", "one 5 months", "stated_duration")],
        total=6, longest=(8.0, 8.0)),
    "one offender missing since 2000 (more than 14 years)": Shipped(
        W2015, [(1, *Y2000, "cases", "one offender missing since 2000 (more than 14 years)", "since_year")],
        longest=(Y2000[0], None)),
    "one offender missing since May 2002": Shipped(
        W2015, [(1, *MAY_2002, "cases", "one offender missing since May 2002", "since_month_year")],
        longest=(MAY_2002[0], None)),
    "one offender unknown since September 2004": Shipped(
        W2015, [(1, *SEP_2004, "cases", "one offender unknown since September 2004", "since_month_year")],
        longest=(SEP_2004[0], None)),
    # single_force_returns (each its own round, no window in rounds.csv)
    "not disclosed; five believed abroad, three in UK at unknown addresses": Shipped(
        NO_WINDOW, [], notes=("five believed abroad", "three in UK at unknown addresses"),
        disclosed=False, rule="not_disclosed", total=8),
    "six believed abroad": Shipped(NO_WINDOW, [], notes=("six believed abroad",), total=34),
    "some missing up to 14 years; 48 believed fled the country": Shipped(
        NO_WINDOW, [(None, None, 14.0, "longest", "some missing up to 14 years", "up_to")],
        notes=("48 believed fled the country",), total=123, longest=(None, 14.0)),
    "between a few days and 14 years; 48 believed fled abroad": Shipped(
        NO_WINDOW, [(None, 2 * DAY, 9 * DAY, "shortest", "between a few days and 14 years", "range"),
                    (None, 14.0, 14.0, "longest", "between a few days and 14 years", "range")],
        notes=("48 believed fled abroad",), total=121, longest=(14.0, 14.0)),
    "one missing >10 years; as of 15 November": Shipped(
        NO_WINDOW, [(1, 10.0, None, "cases", "one missing >10 years", "more_than")],
        notes=("as of 15 November",), total=7, longest=(10.0, None)),
    "between one month and five years; as of 22 November": Shipped(
        NO_WINDOW, [(None, MONTH, MONTH, "shortest", "between one month and five years", "range"),
                    (None, 5.0, 5.0, "longest", "between one month and five years", "range")],
        notes=("as of 22 November",), total=3, longest=(5.0, 5.0)),
    "two known to be abroad": Shipped(NO_WINDOW, [], notes=("two known to be abroad",), total=9),
    "one missing nearly four years": Shipped(
        NO_WINDOW, [(1, None, 4.0, "cases", "one missing nearly four years", "nearly")],
        total=13, longest=(None, None)),
    "went missing 1998 (1), 2006 (1), 2007 (2), 2008 (1)": Shipped(
        NO_WINDOW, [(1, *PSNI[0], "cases", "1998 (1)", "went_missing_years"),
                    (1, *PSNI[1], "cases", "2006 (1)", "went_missing_years"),
                    (2, *PSNI[2], "cases", "2007 (2)", "went_missing_years"),
                    (1, *PSNI[3], "cases", "2008 (1)", "went_missing_years")],
        total=5, longest=(None, None)),
    "6 have left the UK; 1 traced and arrested": Shipped(
        NO_WINDOW, [], notes=("6 have left the UK", "1 traced and arrested"), total=7),
    "12 outwith UK; 2 within UK": Shipped(NO_WINDOW, [], notes=("12 outwith UK", "2 within UK"), total=14),
}


def shipped_duration_texts() -> set[str]:
    texts = set()
    for path in sorted(paths.FOI_ROUNDS.glob("*.csv")):
        with path.open(newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            if reader.fieldnames and "duration_text" in reader.fieldnames:
                texts.update((row["duration_text"] or "") for row in reader)
    return texts


def test_every_shipped_duration_text_has_a_test():
    missing = shipped_duration_texts() - set(SHIPPED)
    assert not missing, f"add these duration_text values to SHIPPED: {sorted(missing)}"


@pytest.mark.parametrize("text", sorted(SHIPPED))
def test_shipped_value(text):
    case = SHIPPED[text]
    reading = parse_duration(text, case.window)
    assert_groups(reading, case.groups)
    assert reading.notes == case.notes
    assert reading.disclosed is case.disclosed
    assert reading.rule == case.rule
    assert_pair(reading.longest(case.total), case.longest)


WINDOW_FREE = [t for t, c in SHIPPED.items() if not any(g[5].startswith(("since", "went")) for g in c.groups)]


# Each text read under every window but its own (under its own, test_shipped_value already checks
# it), against the hand-written expected values: a parse is never compared with itself.
OTHER_WINDOWS = [
    pytest.param(text, window, id=f"{text}-{name}")
    for text in sorted(WINDOW_FREE)
    for name, window in (("no_window", NO_WINDOW), ("end_only", END_2008), ("2015", W2015))
    if window != SHIPPED[text].window
]


@pytest.mark.parametrize("text, window", OTHER_WINDOWS)
def test_values_without_dates_do_not_depend_on_the_window(text, window):
    case = SHIPPED[text]
    reading = parse_duration(text, window)
    assert_groups(reading, case.groups)
    assert reading.notes == case.notes and reading.rule == case.rule


def test_psni_year_list_with_only_the_end_known():
    reading = parse_duration("went missing 1998 (1), 2006 (1), 2007 (2), 2008 (1)", END_2008)
    expected = [since(D(y, 1, 1), D(y, 12, 31), END_2008) for y in (1998, 2006, 2007, 2008)]
    assert [g.years_min for g in reading.groups] == [None] * 4
    assert [g.years_max for g in reading.groups] == pytest.approx([e[1] for e in expected])
    assert reading.groups[-1].years_max == pytest.approx(365 / 365.25)
    assert reading.cases_described == 5
    assert_pair(reading.longest(5), (None, years(D(2008, 12, 31), D(1998, 1, 1))))


def test_psni_year_list_after_the_snapshot_is_refused():
    with pytest.raises(DurationError, match="after the snapshot"):
        parse_duration("went missing 1998 (1), 2006 (1), 2007 (2), 2008 (1)", SnapshotWindow(None, D(2007, 12, 31)))


@pytest.mark.parametrize(
    "text",
    [t for t, c in SHIPPED.items() if c.window == W2015 and any(g[5].startswith("since") for g in c.groups)],
)
def test_dated_2015_values_with_unknown_window(text):
    unknown = parse_duration(text, NO_WINDOW)
    assert all(g.years_min is None and g.years_max is None for g in unknown.groups)
    end_only = parse_duration(text, SnapshotWindow(None, D(2015, 3, 10)))
    known = parse_duration(text, W2015)
    assert [g.years_min for g in end_only.groups] == [None] * len(known.groups)
    assert [g.years_max for g in end_only.groups] == [g.years_max for g in known.groups]


# ---------------------------------------------------------------- relative months


def test_relative_month_without_window_is_readable_but_unknown():
    reading = parse_duration("missing since August", NO_WINDOW)
    assert_groups(reading, [(1, None, None, "cases", "missing since August", "relative_date_without_snapshot")])


def test_relative_month_with_only_end_known():
    reading = parse_duration("missing since August", SnapshotWindow(None, D(2015, 3, 10)))
    assert_groups(reading, [(1, None, years(D(2015, 3, 10), D(2014, 8, 1)), "cases", "missing since August",
                             "since_month_relative")])


def test_relative_month_with_only_start_known():
    reading = parse_duration("since last November", SnapshotWindow(D(2015, 2, 1), None))
    assert_groups(reading, [(1, years(D(2015, 2, 1), D(2014, 11, 30)), None, "cases", "since last November",
                             "since_month_relative")])


def test_relative_month_of_the_snapshot_itself_is_this_year():
    # the month had started by the snapshot date, so "since March" in March 2015 is March 2015
    reading = parse_duration("since March", SnapshotWindow(D(2015, 3, 10), D(2015, 3, 10)))
    assert_groups(reading, [(1, 0.0, years(D(2015, 3, 10), D(2015, 3, 1)), "cases", "since March",
                             "since_month_relative")])


def test_relative_month_spanning_a_new_year_covers_both_candidates():
    window = SnapshotWindow(D(2014, 12, 15), D(2015, 1, 10))
    reading = parse_duration("one since January", window)
    # January 2014 by the start, January 2015 by the end
    assert_groups(reading, [(1, 0.0, years(D(2015, 1, 10), D(2014, 1, 1)), "cases", "one since January",
                             "since_month_relative")])


def test_last_month_written_with_a_year_is_refused():
    with pytest.raises(DurationError, match="'last' goes with a month"):
        parse_duration("since last November 2014", W2015)


# ---------------------------------------------------------------- dates


@pytest.mark.parametrize(
    "text, first, last, rule",
    [
        ("went missing in 1998", D(1998, 1, 1), D(1998, 12, 31), "went_missing_year"),
        ("two went missing in May 2002", D(2002, 5, 1), D(2002, 5, 31), "went_missing_month_year"),
        ("one missing in Sept 2004", D(2004, 9, 1), D(2004, 9, 30), "went_missing_month_year"),
        ("one from Feb 2012", D(2012, 2, 1), D(2012, 2, 29), "since_month_year"),
        ("three had been missing since 2010", D(2010, 1, 1), D(2010, 12, 31), "since_year"),
    ],
)
def test_date_forms(text, first, last, rule):
    (group,) = parse_duration(text, W2015).groups
    assert (group.years_min, group.years_max) == pytest.approx(since(first, last))
    assert group.rule == rule


def test_went_missing_relative_month():
    (group,) = parse_duration("went missing in August", W2015).groups
    assert (group.years_min, group.years_max) == pytest.approx(AUG_2014)
    assert group.rule == "went_missing_month_relative"


def test_date_inside_the_window_clips_min_at_zero():
    (group,) = parse_duration("since 2015", W2015).groups
    assert group.years_min == 0.0
    assert group.years_max == pytest.approx(years(D(2015, 3, 10), D(2015, 1, 1)))


def test_date_after_the_snapshot_is_refused():
    with pytest.raises(DurationError, match="after the snapshot"):
        parse_duration("one since 2016", W2015)


@given(year=st.integers(1990, 2014))
def test_since_year_property(year):
    (group,) = parse_duration(f"since {year}", W2015).groups
    assert group.years_min is not None and group.years_max is not None
    assert 0 <= group.years_min <= group.years_max
    days_in_year = 366 if year % 4 == 0 else 365
    window_days = (W2015.end - W2015.start).days
    spread = group.years_max - group.years_min
    # the year's first to last day plus the window's length
    assert spread == pytest.approx((days_in_year - 1 + window_days) / 365.25)
    assert 1.0 < spread < 1.2


@given(
    month=st.sampled_from(["January", "Feb", "March", "April", "May", "June", "July", "Aug",
                           "September", "October", "nov", "DECEMBER"]),
    start=st.dates(D(2000, 1, 1), D(2020, 12, 31)),
    length=st.integers(0, 400),
)
def test_relative_month_property(month, start, length):
    window = SnapshotWindow(start, start + datetime.timedelta(days=length))
    (group,) = parse_duration(f"since last {month}", window).groups
    assert group.years_min is not None and group.years_max is not None
    assert 0.0 <= group.years_min <= group.years_max
    # the month began by the snapshot end and no more than a year (plus the window) before it
    assert group.years_max <= (length + 366) / 365.25


# ---------------------------------------------------------------- stated lengths and qualifiers


def number_words(n: int) -> str:
    """1..99 in words, built from the tables of missing_offenders.ingest.numbers."""
    by_value = {v: k for k, v in {**UNITS, **TENS}.items()}
    if n in by_value:
        return by_value[n]
    return f"{by_value[n - n % 10]}-{by_value[n % 10]}"


@given(n=st.integers(0, 500), count=st.integers(1, 60))
def test_stated_years_in_digits(n, count):
    (group,) = parse_duration(f"{count} missing for {n} years", W2015).groups
    assert (group.cases, group.years_min, group.years_max, group.rule) == (count, n, n, "stated_duration")


@given(n=st.integers(1, 99), upper=st.booleans())
def test_stated_years_in_words(n, upper):
    words = number_words(n)
    (group,) = parse_duration(f"one {words.upper() if upper else words} years", NO_WINDOW).groups
    assert (group.cases, group.years_min, group.years_max) == (1, n, n)


@pytest.mark.parametrize(
    "text, low, high, rule",
    [
        ("missing for 14 years", 14.0, 14.0, "stated_duration"),
        ("eight years and nine months", 8.75, 8.75, "stated_duration"),
        ("a year", 1.0, 1.0, "stated_duration"),
        ("a month", MONTH, MONTH, "stated_duration"),
        ("three weeks", 3 * WEEK, 3 * WEEK, "stated_duration"),
        ("10 days", 10 * DAY, 10 * DAY, "stated_duration"),
        ("a few days", 2 * DAY, 9 * DAY, "stated_duration"),
        ("a decade", 10.0, 10.0, "stated_duration"),
        ("2.5 years", 2.5, 2.5, "stated_duration"),
        ("over 10 years", 10.0, None, "more_than"),
        ("at least two years", 2.0, None, "more_than"),
        ("more than a few days", 2 * DAY, None, "more_than"),
        ("less than a year", 0.0, 1.0, "less_than"),
        ("under six months", 0.0, 0.5, "less_than"),
        ("< 1 year", 0.0, 1.0, "less_than"),
        ("almost three years", None, 3.0, "nearly"),
        ("NEARLY FOUR YEARS", None, 4.0, "nearly"),
    ],
)
def test_single_case_lengths(text, low, high, rule):
    (group,) = parse_duration(text, W2015).groups
    assert (group.cases, group.kind, group.rule) == (1, "cases", rule)
    assert (group.years_min, group.years_max) == pytest.approx((low, high))


@pytest.mark.parametrize("text", ["up to 14 years", "missing for up to 14 years", "all missing up to 14 years"])
def test_up_to_bounds_the_longest(text):
    reading = parse_duration(text, W2015)
    assert_groups(reading, [(None, None, 14.0, "longest", text, "up_to")])
    assert any(g.kind == "longest" for g in reading.groups)  # the description covers every case
    assert reading.cases_described == 0


def test_a_comma_always_separates_clauses():
    # commas split before lengths are read, so this is two cases, not one of a year and a half
    reading = parse_duration("one year, six months", W2015)
    assert [(g.cases, g.years_min) for g in reading.groups] == [(1, 1.0), (1, 0.5)]


def test_digits_with_thousands_comma_are_not_split():
    (group,) = parse_duration("1,200 missing for 2 years", W2015).groups
    assert (group.cases, group.years_min) == (1200, 2.0)


# ---------------------------------------------------------------- ranges


@pytest.mark.parametrize(
    "text, short, long",
    [
        ("from one week to two years", (WEEK, WEEK), (2.0, 2.0)),
        ("missing for between six months and two years", (0.5, 0.5), (2.0, 2.0)),
        ("between two years and eight years and nine months", (2.0, 2.0), (8.75, 8.75)),
        ("between three and three years", (3.0, 3.0), (3.0, 3.0)),
    ],
)
def test_range_forms(text, short, long):
    reading = parse_duration(text, W2015)
    assert_groups(reading, [(None, *short, "shortest", text, "range"), (None, *long, "longest", text, "range")])
    assert any(g.kind == "longest" for g in reading.groups)  # the description covers every case


# ---------------------------------------------------------------- splitting and clean-up


def test_and_splits_only_when_every_part_reads():
    reading = parse_duration("two since 2006, two since 2009 and three since 2014", W2015)
    assert [(g.cases, g.text) for g in reading.groups] == [(2, "two since 2006"), (2, "two since 2009"),
                                                          (3, "three since 2014")]
    assert reading.longest(7) == SHIPPED["two since 2006, two since 2009, three since 2014"].longest


def test_notes_joined_by_and_split():
    reading = parse_duration("five believed abroad and three in UK at unknown addresses", NO_WINDOW)
    assert reading.notes == ("five believed abroad", "three in UK at unknown addresses")


def test_parenthetical_does_not_change_the_reading():
    bare = parse_duration("missing since August", W2015)
    noted = parse_duration("missing since August (i.e. August 2014 relative to a March 2015 article - year inferred)", W2015)
    assert [(g.cases, g.years_min, g.years_max, g.rule) for g in bare.groups] == [
        (g.cases, g.years_min, g.years_max, g.rule) for g in noted.groups
    ]


def test_separators_inside_parentheses_do_not_split():
    reading = parse_duration("one since 2011 (approx; per force, inferred), two since 2014", W2015)
    assert [g.text for g in reading.groups] == ["one since 2011 (approx; per force, inferred)", "two since 2014"]


def test_quotes_are_removed():
    plain = parse_duration("one since last November", W2015).groups[0]
    quoted = parse_duration("one since \u2018last November\u2019", W2015).groups[0]
    assert (plain.years_min, plain.years_max) == (quoted.years_min, quoted.years_max)


def test_blank_and_none():
    for text in (None, "", "   "):
        assert parse_duration(text, W2015) == DurationReading((), (), False, "blank")


@pytest.mark.parametrize("text", ["not given", "not stated", "not revealed", "Duration not disclosed",
                                  "the length of time was not given"])
def test_not_disclosed_forms(text):
    reading = parse_duration(text, W2015)
    assert (reading.disclosed, reading.rule, reading.groups, reading.notes) == (False, "not_disclosed", (), ())


@pytest.mark.parametrize(
    "text",
    ["3 believed to be abroad", "two thought to be overseas", "four known to be no longer in the UK",
     "one believed to have fled the UK", "5 in the UK at unknown addresses", "two have been traced",
     "one has left the country", "3 outside the UK", "as at 31 March 2017", "as of March 31"],
)
def test_note_forms(text):
    reading = parse_duration(text, W2015)
    assert reading.notes == (text,)
    assert reading.groups == ()


# ---------------------------------------------------------------- longest()


def test_longest_needs_an_exhaustive_description_for_its_max():
    reading = parse_duration("one 8 years; one 6 years; one 4 years; two 18 months; one 5 months", W2015)
    assert reading.cases_described == 6
    assert reading.longest(None) == (8.0, None)
    assert reading.longest(7) == (8.0, None)
    assert reading.longest(6) == (8.0, 8.0)
    assert not any(g.kind == "longest" for g in reading.groups)


def test_longest_refuses_more_cases_than_the_total():
    reading = parse_duration("two since 2006, two since 2009, three since 2014", W2015)
    with pytest.raises(ValueError, match="describes 7 cases but the total is 5"):
        reading.longest(5)


def test_longest_with_a_range_ignores_the_total():
    reading = parse_duration("between two and eight years", W2015)
    assert reading.longest(None) == (8.0, 8.0)
    assert reading.cases_described == 0


def test_longest_never_below_its_min():
    reading = DurationReading(
        groups=(CaseGroup(1, 3.0, 3.0, "cases", "one 3 years", "stated_duration"),
                CaseGroup(None, None, 5.0, "longest", "up to 5 years", "up_to")),
        notes=(), disclosed=True, rule="parsed")
    assert reading.longest(None) == (3.0, 5.0)


def test_longest_refuses_a_hand_built_contradiction():
    reading = DurationReading(
        groups=(CaseGroup(1, 9.0, 9.0, "cases", "one 9 years", "stated_duration"),
                CaseGroup(None, None, 5.0, "longest", "up to 5 years", "up_to")),
        notes=(), disclosed=True, rule="parsed")
    with pytest.raises(ValueError, match="contradictory"):
        reading.longest(None)


def test_a_case_longer_than_the_stated_longest_is_refused():
    with pytest.raises(DurationError, match="longer than the longest case"):
        parse_duration("up to 5 years; one since 1990", W2015)


# ---------------------------------------------------------------- errors


@pytest.mark.parametrize(
    "text, clause, reason",
    [
        ("ages", "ages", "no rule reads it"),
        ("since the dawn of time", "since the dawn of time", "no rule reads it"),
        ("5 parsecs", "5 parsecs", "no rule reads it"),
        ("between eight and two years", "between eight and two years", "lower end .* above the upper end"),
        ("one since 2011; ages", "ages", "no rule reads it"),
        ("two and eight years", "two and eight years", "no rule reads it"),
        ("one missing up to 5 years", "one missing up to 5 years", "no rule reads it"),
        ("offenders missing since 2006", "offenders missing since 2006", "no rule reads it"),
        ("some missing for more than 10 years", "some missing for more than 10 years", "no rule reads it"),
        ("about five years", "about five years", "no rule reads it"),
        ("between one year and six months and two years", "between one year and six months and two years",
         "more than one way"),
        ("one since 2011 (inferred", "one since 2011 (inferred", "unbalanced parentheses"),
        ("one since 2011; (inferred)", "(inferred)", "nothing is left"),
    ],
)
def test_unreadable_clauses(text, clause, reason):
    with pytest.raises(DurationError, match=reason) as raised:
        parse_duration(text, W2015)
    message = str(raised.value)
    assert repr(clause) in message
    assert "Accepted forms" in message
    assert isinstance(raised.value, ValueError)


def test_window_must_not_end_before_it_starts():
    with pytest.raises(ValueError, match="after it ends"):
        SnapshotWindow(D(2015, 3, 10), D(2015, 2, 1))


def test_a_count_stops_where_the_number_does():
    window = SnapshotWindow(datetime.date(2015, 2, 1), datetime.date(2015, 3, 10))
    reading = parse_duration("twenty one years", window)
    assert [(g.cases, g.years_min) for g in reading.groups] == [(1, 21.0)]


def test_a_bracketed_count_is_refused_not_dropped():
    window = SnapshotWindow(datetime.date(2015, 2, 1), datetime.date(2015, 3, 10))
    with pytest.raises(DurationError, match="bare number in brackets"):
        parse_duration("since 2006 (2), since 2009 (3)", window)


# ---------------------------------------------------------------- the general reading (forms from tests/phrasings/)


@pytest.mark.parametrize(
    "text, cases, first, last, rule",
    [
        ("one absconded in 2010", 1, D(2010, 1, 1), D(2010, 12, 31), "went_missing_year"),
        ("two vanished in 2012", 2, D(2012, 1, 1), D(2012, 12, 31), "went_missing_year"),
        ("another in Northumbria disappeared in May 2002", 1, D(2002, 5, 1), D(2002, 5, 31), "went_missing_month_year"),
        ("one has been wanted since 2009", 1, D(2009, 1, 1), D(2009, 12, 31), "since_year"),
        ("at least one has avoided arrest since 2005", 1, D(2005, 1, 1), D(2005, 12, 31), "since_year"),
        ("one failed to register in Sept 2013", 1, D(2013, 9, 1), D(2013, 9, 30), "went_missing_month_year"),
        ("the whereabouts of one registered sex offender had been unknown since September 2004", 1,
         D(2004, 9, 1), D(2004, 9, 30), "since_month_year"),
        ("One convicted sex offender in Gloucestershire has been missing since the year 2000", 1,
         D(2000, 1, 1), D(2000, 12, 31), "since_year"),
    ],
)
def test_verbs_of_disappearance_and_subjects(text, cases, first, last, rule):
    (group,) = parse_duration(text, W2015).groups
    assert (group.cases, group.kind, group.rule) == (cases, "cases", rule)
    assert (group.years_min, group.years_max) == pytest.approx(since(first, last))


@pytest.mark.parametrize(
    "text, cases, low, high, rule",
    [
        ("two wanted nine years", 2, 9.0, 9.0, "stated_duration"),
        ("three have been on the run for more than a year", 3, 1.0, None, "more_than"),
        ("690 had been untraceable for more than 12 months", 690, 1.0, None, "more_than"),
        ("the whereabouts of one sex offender have been unknown for eight years", 1, 8.0, 8.0, "stated_duration"),
        ("two others went missing 18 months ago", 2, 1.5, 1.5, "stated_duration"),
        ("six have been wanted for under eight months", 6, 0.0, 8 / 12, "less_than"),
        ("four have been wanted for between one and five years", 4, 1.0, 5.0, "counted_range"),
        ("a further four have been missing between 14 months up to four years and three months", 4, 14 / 12, 4.25,
         "counted_range"),
    ],
)
def test_counts_before_lengths(text, cases, low, high, rule):
    (group,) = parse_duration(text, W2015).groups
    assert (group.cases, group.kind, group.rule) == (cases, "cases", rule)
    assert (group.years_min, group.years_max) == pytest.approx((low, high))


def test_count_year_pairs_without_since():
    reading = parse_duration("one 2008, three 2012", W2015)
    assert_groups(reading, [(1, *since(D(2008, 1, 1), D(2008, 12, 31)), "cases", "one 2008", "bare_year"),
                            (3, *since(D(2012, 1, 1), D(2012, 12, 31)), "cases", "three 2012", "bare_year")])


def test_count_year_pairs_some_without_a_verb():
    reading = parse_duration("one went missing in 2008, another in 2009, two in 2012 and four in 2014", W2015)
    assert [(g.cases, g.rule) for g in reading.groups] == [(1, "went_missing_year")] * 2 + [
        (2, "went_missing_year"), (4, "went_missing_year")]
    for group, year in zip(reading.groups, (2008, 2009, 2012, 2014)):
        assert (group.years_min, group.years_max) == pytest.approx(since(D(year, 1, 1), D(year, 12, 31)))


@pytest.mark.parametrize(
    "text, dates",
    [
        ("They went missing in 2014, 2015 and 2016",
         [(D(2014, 1, 1), D(2014, 12, 31)), (D(2015, 1, 1), D(2015, 12, 31)), (D(2016, 1, 1), D(2016, 12, 31))]),
        ("they went missing in Jan 2013, Mar 2014, and September 2014",
         [(D(2013, 1, 1), D(2013, 1, 31)), (D(2014, 3, 1), D(2014, 3, 31)), (D(2014, 9, 1), D(2014, 9, 30))]),
    ],
)
def test_lists_of_dates_are_one_case_each(text, dates):
    window = SnapshotWindow(D(2018, 1, 17), D(2018, 1, 17))
    reading = parse_duration(text, window)
    assert [(g.cases, g.kind, g.rule) for g in reading.groups] == [(1, "cases", "date_list")] * len(dates)
    for group, (first, last) in zip(reading.groups, dates):
        assert (group.years_min, group.years_max) == pytest.approx(since(first, last, window))


def test_more_cases_than_dates_gives_only_the_ends():
    window = SnapshotWindow(D(2018, 1, 17), D(2018, 1, 17))
    text = "The seven offenders have been missing over separate periods since June 2006, May 2010, and September 2017"
    reading = parse_duration(text, window)
    assert [(g.cases, g.kind, g.rule) for g in reading.groups] == [(None, "shortest", "date_list_range"),
                                                                  (None, "longest", "date_list_range")]
    assert (reading.groups[0].years_min, reading.groups[0].years_max) == pytest.approx(
        since(D(2017, 9, 1), D(2017, 9, 30), window))
    assert (reading.groups[1].years_min, reading.groups[1].years_max) == pytest.approx(
        since(D(2006, 6, 1), D(2006, 6, 30), window))
    assert any(g.kind == "longest" for g in reading.groups)  # the description covers every case


def test_qualifiers_inside_lists():
    reading = parse_duration("one >10 years, two under 1 year and three more than 5 years", W2015)
    assert [(g.cases, g.years_min, g.years_max, g.rule) for g in reading.groups] == [
        (1, 10.0, None, "more_than"), (2, 0.0, 1.0, "less_than"), (3, 5.0, None, "more_than")]


def test_relative_years():
    reading = parse_duration("one since January this year, one went missing in November last year", W2015)
    assert [g.rule for g in reading.groups] == ["relative_year", "relative_year"]
    assert (reading.groups[0].years_min, reading.groups[0].years_max) == pytest.approx(since(D(2015, 1, 1), D(2015, 1, 31)))
    assert (reading.groups[1].years_min, reading.groups[1].years_max) == pytest.approx(since(D(2014, 11, 1), D(2014, 11, 30)))


def test_relative_year_without_a_snapshot_has_no_bounds():
    (group,) = parse_duration("with five going on the run since the start of this year", NO_WINDOW).groups
    assert (group.cases, group.years_min, group.years_max, group.rule) == (5, None, None, "relative_date_without_snapshot")


@pytest.mark.parametrize(
    "text, rule",
    [
        ("two living outside the UK", "context_abroad"),
        ("one is known to be in prison", "context_custody"),
        ("the force declined to give dates for the other three", "context_declined"),
        ("It refused to reveal when the other two disappeared", "context_declined"),
        ("one of the four believed to have remained in the UK has never even registered", "context_in_uk"),
        ("Four of those under the Sexual Offences Act 2003 are believed to have fled abroad", "context_abroad"),
    ],
)
def test_context_is_a_note_not_a_duration(text, rule):
    reading = parse_duration(text, W2015)
    assert (reading.groups, reading.notes, reading.note_rules) == ((), (text,), (rule,))


def test_context_cut_by_its_own_commas_is_one_note():
    text = "In many of the cases, offenders are thought to have fled overseas"
    reading = parse_duration(text, W2015)
    assert (reading.groups, reading.notes, reading.note_rules) == ((), (text,), ("context_abroad",))


def test_sentences_are_clauses():
    reading = parse_duration("One went missing in April 2014. It refused to reveal when the other two disappeared.", W2015)
    assert_groups(reading, [(1, *since(D(2014, 4, 1), D(2014, 4, 30)), "cases", "One went missing in April 2014",
                             "went_missing_month_year")])
    assert reading.note_rules == ("context_declined",)


@pytest.mark.parametrize("marker", ["[truncated]", "...", "…"])
def test_a_truncated_last_clause_is_kept_as_a_note_not_read(marker):
    reading = parse_duration(f"one since 2011, two since 2013 and three sin{marker}", W2015)
    assert [(g.cases, g.rule) for g in reading.groups] == [(1, "since_year"), (2, "since_year")]
    assert (reading.notes, reading.note_rules) == (("three sin",), ("truncated",))


def test_a_truncated_single_clause():
    reading = parse_duration("They had been missing for between two and eight [truncated]", W2015)
    assert (reading.groups, reading.notes, reading.note_rules) == (
        (), ("They had been missing for between two and eight",), ("truncated",))


def test_stated_longest_bounds_only_the_longest_case():
    text = "The longest period of time an offender had been missing was 14 years"
    assert_groups(parse_duration(text, W2015), [(None, 14.0, 14.0, "longest", text, "stated_longest")])


def test_existing_notes_name_their_rule():
    assert parse_duration("six believed abroad", W2015).note_rules == ("abroad",)


@pytest.mark.parametrize(
    "text",
    [
        "including some who have been missing for more than a decade",  # how many is not said
        "Almost 700 of them have been on the run for more than a year",  # an approximate count
        "with the location of one unknown for a staggering EIGHT years",  # an adjective is not guessed over
        "three are thought to be living in Leeds",  # a place is not context the grammar knows
    ],
)
def test_the_general_reading_does_not_guess(text):
    with pytest.raises(DurationError, match="no rule reads it"):
        parse_duration(text, W2015)
