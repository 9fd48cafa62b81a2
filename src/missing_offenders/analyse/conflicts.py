"""Conflicting figures for the same force, across sources and rounds, found by general rules.

Each rule compares rows of every processed round (data/processed/<round>/force_returns.csv and
missing_cases.csv) and says why two figures cannot both be right as they stand:

different_figure_same_count
    Two rounds whose count dates may be the same (overlapping snapshot windows; an undated round
    counts only if its own source names the other round's year, e.g. "matches 2015 wording") give
    the same force different exact figures.
unchanged_claim
    A source says the figure "has remained unchanged since YEAR", but a round counted in or after
    that year (and before the source) gives the force a different figure.
same_duration_years_apart
    The longest time missing is stated as the same number of years in rounds counted at least a
    year apart: the same case cannot have stayed that long, so one of them is stale or a different
    case.
none_then_longer
    A force reported none at one count, while a later round says a case had been missing since
    before that count (a whole-year duration "N years" is read as N to N+1 years).

`find()` returns one row per conflict: force, rule, figures, sources (round, raw row, URL) and why.
"""
from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from missing_offenders.analyse import analysis, processed_rounds
from missing_offenders.ingest import paths, rounds

COLUMNS = ["force_id", "force_name", "rule", "rounds", "figures", "sources", "why"]
STATED_RULES = ("stated_duration", "up_to", "range")  # durations stated as a length, not derived from a date
_YEAR = re.compile(r"\b(19\d{2}|20\d{2})\b")
_UNCHANGED = re.compile(r"unchanged since (\d{4})", re.IGNORECASE)


def _window(info: rounds.RoundInfo) -> tuple[dt.date | None, dt.date | None]:
    start = info.snapshot_start or info.snapshot_end
    return start, info.snapshot_end


def _hinted_years(published_date) -> set[int]:
    """Years an undated source names about itself ('UNKNOWN (NSPCC quote matches 2015 wording)')."""
    return {int(y) for y in _YEAR.findall(published_date)} if isinstance(published_date, str) else set()


def load_rows(round_ids: list[str] | None = None) -> pd.DataFrame:
    """Every published force row of every round, with its round's window and longest stated duration."""
    frames = []
    for round_id in round_ids or processed_rounds.round_ids():
        tables = analysis.load_round(round_id)
        returns = tables["force_returns"]
        returns = returns[returns["status"] != "not_published"].copy()
        start, end = _window(processed_rounds.info(round_id))
        returns["window_start"] = pd.Series([start] * len(returns), index=returns.index, dtype="object")
        returns["window_end"] = pd.Series([end] * len(returns), index=returns.index, dtype="object")
        cases = tables["cases"]
        stated = cases[cases["rule"].isin(STATED_RULES) & cases["kind"].isin(["cases", "longest"])]
        longest_stated = stated.groupby("force_id")["years_max"].max()
        returns["longest_stated_years"] = returns["force_id"].map(longest_stated).astype("Float64")
        frames.append(returns)
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def _source(row) -> str:
    return f"{row.round_id}: {row.raw_file} line {int(row.raw_line)} ({row.source_url})"


def _figure(row) -> str:
    return f"{row.round_id}: {analysis.figure_label(row.missing_min, row.missing_max)}"


def _exact(row) -> int | None:
    if pd.isna(row.missing_min) or pd.isna(row.missing_max) or row.missing_min != row.missing_max:
        return None
    return int(row.missing_min)


def _may_be_same_count(a, b) -> str | None:
    """Why two rounds' counts may be the same count, or None."""
    a_dated, b_dated = a.window_end is not None, b.window_end is not None
    if a_dated and b_dated:
        if a.window_start <= b.window_end and b.window_start <= a.window_end:
            return "their snapshot windows overlap"
        return None
    if a_dated == b_dated:
        return None
    dated, undated = (a, b) if a_dated else (b, a)
    years = _hinted_years(undated.published_date)
    if years & {dated.window_start.year, dated.window_end.year}:
        return (f"{undated.round_id} is undated, but its source's date note ('{undated.published_date}') points to "
                f"the year of {dated.round_id}")
    return None


def _conflict(a, b, rule: str, why: str, figures: str | None = None) -> dict:
    return {"force_id": a.force_id, "force_name": a.force_name, "rule": rule, "rounds": f"{a.round_id}; {b.round_id}",
            "figures": figures or f"{_figure(a)}; {_figure(b)}", "sources": f"{_source(a)}; {_source(b)}", "why": why}


def _pairs(rows: pd.DataFrame):
    for _, group in rows.groupby("force_id", sort=True):
        records = list(group.sort_values("round_id").itertuples())
        for i, a in enumerate(records):
            for b in records[i + 1:]:
                yield a, b


def different_figure_same_count(a, b) -> dict | None:
    fa, fb = _exact(a), _exact(b)
    if fa is None or fb is None or fa == fb:
        return None
    reason = _may_be_same_count(a, b)
    if reason is None:
        return None
    return _conflict(a, b, "different_figure_same_count",
                     f"{a.force_name} gave {fa} and {fb}, and {reason}: both cannot be the same count")


def unchanged_claim(a, b) -> dict | None:
    for claimant, other in ((a, b), (b, a)):
        match = _UNCHANGED.search(claimant.verbatim) if isinstance(claimant.verbatim, str) else None
        if not match or other.window_end is None or claimant.window_end is None:
            continue
        since = int(match.group(1))
        fc, fo = _exact(claimant), _exact(other)
        if fc is None or fo is None or fc == fo:
            continue
        if since <= other.window_end.year and other.window_end < claimant.window_end:
            return _conflict(claimant, other, "unchanged_claim",
                             f"{claimant.round_id} says the figure ({fc}) 'has remained unchanged since {since}', but "
                             f"{other.round_id} (counted by {other.window_end.day} {other.window_end:%B %Y}) gave {fo}")
    return None


def same_duration_years_apart(a, b) -> dict | None:
    ya, yb = a.longest_stated_years, b.longest_stated_years
    if pd.isna(ya) or pd.isna(yb) or ya != yb or a.window_end is None or b.window_end is None:
        return None
    gap = abs((a.window_end - b.window_end).days) / 365.25
    if gap < 1:
        return None
    return _conflict(a, b, "same_duration_years_apart",
                     f"both give the longest time missing as {ya:g} years, in counts {gap:.1f} years apart: the same "
                     "case would have grown older, so one figure is stale or describes another case",
                     f"{a.round_id}: {_exact(a)}, longest {ya:g} years; {b.round_id}: {_exact(b)}, longest {yb:g} years")


def none_then_longer(a, b) -> dict | None:
    for earlier, later in ((a, b), (b, a)):
        if earlier.window_end is None or later.window_start is None or earlier.window_end >= later.window_start:
            continue
        if _exact(earlier) != 0:
            continue
        years = later.longest_stated_years
        if pd.isna(years):
            years_min = later.longest_missing_years_min
            if pd.isna(years_min):
                continue
            upper = float(years_min)
            stated = f"at least {upper:.2f} years"
        else:
            upper = float(years) + 1  # "eight years" may be anything up to nine
            stated = f"{years:g} years (read as up to {upper:g})"
        earliest_gone = later.window_start - dt.timedelta(days=round(upper * 365.25))
        if earliest_gone < earlier.window_end:
            return _conflict(earlier, later, "none_then_longer",
                             f"{earlier.round_id} reported none at {earlier.window_end.day} {earlier.window_end:%B %Y}; {later.round_id} says "
                             f"the longest case had been missing {stated}, so it may already have been missing then "
                             f"(gone missing on or after {earliest_gone.day} {earliest_gone:%B %Y})",
                             f"{earlier.round_id}: 0; {later.round_id}: {analysis.figure_label(later.missing_min, later.missing_max)}, "
                             f"longest {stated}")
    return None


RULES = (different_figure_same_count, unchanged_claim, same_duration_years_apart, none_then_longer)


def find(rows: pd.DataFrame | None = None) -> pd.DataFrame:
    rows = load_rows() if rows is None else rows
    found = []
    if len(rows):
        for a, b in _pairs(rows):
            for rule in RULES:
                conflict = rule(a, b)
                if conflict:
                    found.append(conflict)
    return pd.DataFrame(found, columns=COLUMNS).sort_values(["force_id", "rule", "rounds"]).reset_index(drop=True)


_CACHE: dict = {}


def everything() -> tuple[pd.DataFrame, pd.DataFrame]:
    """(rows of every round, conflicts), read once per process while the processed files are unchanged:
    a brief worker renders 23 briefs in one kernel."""
    files = sorted(paths.PROCESSED.glob("*/*.csv"))
    key = tuple((str(f), f.stat().st_mtime_ns) for f in files)
    if key not in _CACHE:
        _CACHE.clear()
        rows = load_rows()
        _CACHE[key] = (rows, find(rows))
    rows, found = _CACHE[key]
    return rows.copy(), found.copy()


def for_force(conflicts: pd.DataFrame, force_id: str) -> pd.DataFrame:
    return conflicts[conflicts["force_id"] == force_id]


def conflicts_path():
    return paths.REPORTS / "conflicts.csv"
