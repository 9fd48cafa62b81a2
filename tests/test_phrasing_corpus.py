"""The phrasing corpus (tests/phrasings/): real published wordings, read at 90% or better.

Each row's expected reading is written by hand in the grammar's terms (see tests/phrasings/README.md)
and converted to bounds here, independently of the parser. The test fails below the target rate
and prints every miss, so a regression shows which real phrasing it broke.
"""
from __future__ import annotations

import csv
import datetime
import re
from pathlib import Path

import pytest

from missing_offenders.clean.durations import DurationError, SnapshotWindow, parse_duration
from missing_offenders.clean.counts import FigureError, parse_figure
from missing_offenders.ingest.paths import ROOT

CORPUS = Path(__file__).parent / "phrasings"
TARGET = 0.90
UNIT_YEARS = {"y": 1.0, "m": 1 / 12, "w": 7 / 365.25, "d": 1 / 365.25}


def rows(name: str) -> list[dict[str, str]]:
    with (CORPUS / name).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def years_of(length: str) -> float:
    """'8y9m' -> 8.75; '1w' -> 7 days."""
    parts = re.findall(r"(\d+(?:\.\d+)?)([ymwd])", length)
    assert parts and "".join(n + u for n, u in parts) == length, length
    return sum(float(n) * UNIT_YEARS[u] for n, u in parts)


def since_bounds(date: str, window: SnapshotWindow) -> tuple[float | None, float | None]:
    """Bounds for someone gone missing some day of YYYY or YYYY-MM (the README's convention)."""
    year, _, month = date.partition("-")
    if month:
        first = datetime.date(int(year), int(month), 1)
        following = datetime.date(int(year) + (month == "12"), int(month) % 12 + 1, 1)
        last = following - datetime.timedelta(days=1)
    else:
        first, last = datetime.date(int(year), 1, 1), datetime.date(int(year), 12, 31)
    low = None if window.start is None else max(0.0, (window.start - last).days / 365.25)
    high = None if window.end is None else (window.end - first).days / 365.25
    return low, high


def expected_group(item: str, window: SnapshotWindow) -> tuple:
    """'2 since 2006' | '1 gt 1y' | '4 between 1y 5y' | 'shortest eq 1w' | 'longest upto 10y' -> (cases, kind, min, max)."""
    who, relation, *values = item.split()
    cases, kind = (None, who) if who in ("shortest", "longest") else (int(who), "cases")
    if relation == "since":
        low, high = since_bounds(values[0], window)
    elif relation == "eq":
        low = high = years_of(values[0])
    elif relation == "gt":
        low, high = years_of(values[0]), None
    elif relation == "lt":
        low, high = 0.0, years_of(values[0])
    elif relation == "upto":
        low, high = None, years_of(values[0])
    elif relation == "between":
        low, high = years_of(values[0]), years_of(values[1])
    else:
        raise AssertionError(f"unknown relation in {item!r}")
    return cases, kind, low, high


def close(a: float | None, b: float | None) -> bool:
    return (a is None and b is None) or (a is not None and b is not None and abs(a - b) < 1e-9)


def duration_miss(row: dict[str, str]) -> str | None:
    """None when the parser reads the row as expected, else what went wrong."""
    window = SnapshotWindow(*(datetime.date.fromisoformat(row[k]) if row[k] else None
                              for k in ("snapshot_start", "snapshot_end")))
    expected = row["expected"]
    try:
        reading = parse_duration(row["text"], window)
    except DurationError as error:
        return None if expected == "error" else f"unreadable: {error}"[:200]
    if expected == "error":
        return f"read, but should be refused: {reading}"
    items = [item.strip() for item in expected.split("|")]
    wanted = [expected_group(item, window) for item in items if item != "context"]
    got = [(g.cases, g.kind, g.years_min, g.years_max) for g in reading.groups]
    if len(got) != len(wanted) or not all(
        g[:2] == w[:2] and close(g[2], w[2]) and close(g[3], w[3]) for g, w in zip(got, wanted)
    ):
        return f"groups {got} != expected {wanted}"
    if ("context" in items) != bool(reading.notes):
        return f"notes {reading.notes} do not match the expected context"
    return None


def figure_miss(row: dict[str, str]) -> str | None:
    try:
        figure = parse_figure(row["text"])
    except FigureError as error:
        return None if row["expected"] == "error" else f"unreadable: {error}"[:200]
    if row["expected"] == "error":
        return f"read, but should be refused: {figure}"
    low, high, kind = row["expected"].split(",")
    got = (figure.minimum, figure.maximum, figure.kind)
    wanted = (int(low) if low else None, int(high) if high else None, kind)
    return None if got == wanted else f"{got} != expected {wanted}"


def raw_parser_inputs() -> set[str]:
    """The count_text and duration_text values the parsers were written for."""
    values = set()
    for path in sorted((ROOT / "data" / "raw" / "foi_rounds").glob("*.csv")):
        with path.open(newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                values.update(" ".join(row.get(k, "").lower().split()) for k in ("count_text", "duration_text"))
    return values


def test_corpus_is_real_distinct_and_apart_from_the_parser_inputs():
    all_rows = rows("duration_phrasings.csv") + rows("figure_phrasings.csv")
    texts = [" ".join(r["text"].lower().split()) for r in all_rows]
    assert len(all_rows) >= 150
    assert len(set(texts)) == len(texts), "duplicate phrasings"
    assert all(r["source_url"].startswith("http") for r in all_rows)
    assert not set(texts) & raw_parser_inputs(), "a corpus row is a count_text/duration_text of data/raw"


def test_read_rate():
    misses: dict[str, list[str]] = {"development": [], "held_out": []}
    totals = {"development": 0, "held_out": 0}
    for name, check in (("duration_phrasings.csv", duration_miss), ("figure_phrasings.csv", figure_miss)):
        for row in rows(name):
            totals[row["set"]] += 1
            miss = check(row)
            if miss is not None:
                misses[row["set"]].append(f"{name}: {row['text']!r}: {miss}")
    total = sum(totals.values())
    missed = sum(len(m) for m in misses.values())
    rate = 1 - missed / total
    print(f"\nphrasing corpus: {total - missed}/{total} read as expected ({rate:.1%})")
    for part in totals:
        print(f"  {part}: {totals[part] - len(misses[part])}/{totals[part]}")
        print("\n".join(f"    miss: {m}" for m in misses[part]))
    assert rate >= TARGET, f"read rate {rate:.1%} below {TARGET:.0%}:\n" + "\n".join(sum(misses.values(), []))


def test_corpus_sets_are_named():
    assert {r["set"] for name in ("duration_phrasings.csv", "figure_phrasings.csv") for r in rows(name)} == {
        "development", "held_out"}


@pytest.mark.parametrize(("item", "expected"), [
    ("2 since 2006", (2, "cases", 8.09, 9.19)),
    ("1 gt 1y", (1, "cases", 1.0, None)),
    ("shortest eq 1w", (None, "shortest", 7 / 365.25, 7 / 365.25)),
    ("4 between 14m 4y3m", (4, "cases", 14 / 12, 4.25)),
])
def test_expected_notation(item, expected):
    # the converter itself, against values worked out by hand (2006 in a 1 Feb-10 Mar 2015 window)
    cases, kind, low, high = expected_group(item, SnapshotWindow(datetime.date(2015, 2, 1), datetime.date(2015, 3, 10)))
    assert (cases, kind) == expected[:2]
    assert (low is None and expected[2] is None) or abs(low - expected[2]) < 0.01
    assert (high is None and expected[3] is None) or abs(high - expected[3]) < 0.01
