"""The analysis behind a force brief, as tables and checks a fact-checker can read in the brief
notebook: the force's row of the cleaned round, its place in the ranking, its described cases, its
figures in other rounds, and what the brief shows recomputed from the processed data.

Each check reads what the brief shows (the words and numbers of brief.py's views) and compares it
with the processed row, so the notebook can assert it inline.
"""
from __future__ import annotations

import re

import pandas as pd

from missing_offenders.analyse import analysis
from missing_offenders.clean import attribution
from missing_offenders.publish import brief, brief_rounds
from missing_offenders.publish.brief_context import BriefContext

ROW_COLUMNS = ("force_name", "status", "count_text", "missing_min", "missing_max", "figure_date", "duration_text",
               "duration_status", "longest_missing_years_min", "longest_missing_years_max", "confidence",
               "verbatim", "source_title", "published_date", "raw_file", "raw_line")
RANK_COLUMNS = ("rank", "force_id", "force_name", "status", "missing_min", "missing_max", "label",
                "share_of_national_pct", "confidence")
CASE_COLUMNS = ("kind", "cases", "years_min", "years_max", "text", "rule", "raw_file", "raw_line")
ROUND_COLUMNS = ("round_id", "when", "status", "count_text", "missing_min", "missing_max", "raw_file", "raw_line")
CONFLICT_COLUMNS = ("rule", "rounds", "figures", "why")


# force_returns' `confidence` is the transcriber's rating, not the attribution tier the brief states.
SHOWN_AS = {"confidence": "transcriber_confidence"}


def row_table(ctx: BriefContext) -> pd.DataFrame:
    """The force's row of force_returns.csv, one line per column (long text kept whole)."""
    return ctx.row[list(ROW_COLUMNS)].rename(SHOWN_AS).to_frame(name=ctx.force_id)


def ranking_table(ctx: BriefContext) -> pd.DataFrame:
    """The rows of the round's ranking the brief shows (brief.neighbours), with share and the transcriber's rating."""
    return brief.neighbours(ctx)[list(RANK_COLUMNS)].rename(columns=SHOWN_AS)


def cases_table(ctx: BriefContext) -> pd.DataFrame:
    """The force's rows of missing_cases.csv: each described duration, in years, with its rule."""
    return ctx.cases[list(CASE_COLUMNS)].reset_index(drop=True)


def rounds_table(ctx: BriefContext) -> pd.DataFrame:
    """The force's published figure in each round (this one included), oldest count first."""
    return brief_rounds.across_rounds(ctx)[list(ROUND_COLUMNS)]


def conflicts_table(ctx: BriefContext) -> pd.DataFrame:
    return ctx.conflicts[list(CONFLICT_COLUMNS)].reset_index(drop=True)


def _bound(value) -> int | None:
    return None if pd.isna(value) else int(value)


def label_bounds(label: str) -> tuple[int | None, int | None]:
    """The bounds a shown figure says: '10' -> (10, 10), '0-4' -> (0, 4), '1+' -> (1, None),
    'no figure' -> (None, None)."""
    if label == "no figure":
        return None, None
    found = re.fullmatch(r"(\d+)(?:(\+)|-(\d+))?", label)
    if not found:
        raise ValueError(f"figure label {label!r}: expected 'N', 'N-M', 'N+' or 'no figure'")
    low = int(found.group(1))
    return low, None if found.group(2) else int(found.group(3) or low)


def row_bounds(row: pd.Series) -> tuple[int | None, int | None]:
    """missing_min and missing_max of a processed row, blank as None."""
    return _bound(row["missing_min"]), _bound(row["missing_max"])


def bounds_in_order(row: pd.Series) -> bool:
    """missing_min <= missing_max wherever both are known."""
    low, high = row_bounds(row)
    return low is None or high is None or low <= high


def times_ranked(ctx: BriefContext) -> int:
    """How many rows of the round's ranking are this force's."""
    return int((ctx.ranked["force_id"] == ctx.force_id).sum())


def expected_times_ranked(row: pd.Series) -> int:
    """A force with a figure or described cases is in the ranking once; any other force is not in it."""
    return 1 if row["status"] in analysis.COUNTED else 0


def shown_share(ctx: BriefContext) -> float | None:
    """The share of the national total the brief's 'Nationally' sentence gives, in per cent."""
    found = re.search(r"It is (\d+(?:\.\d+)?)% of the national total", brief.rank_sentence(ctx))
    return float(found.group(1)) if found else None


def recomputed_share(ctx: BriefContext) -> float | None:
    """The force's exact figure over the national total, in per cent (None without both, and for a figure of
    none: the brief gives no share of nothing)."""
    low, high = row_bounds(ctx.row)
    if not ctx.total or not low or low != high or ctx.row["status"] not in analysis.COUNTED:
        return None
    return 100 * low / ctx.total


def share_recomputes(ctx: BriefContext) -> bool:
    """The share shown, if any, is the recomputed share to one decimal place; none is shown without one."""
    shown, recomputed = shown_share(ctx), recomputed_share(ctx)
    if shown is None or recomputed is None:
        return shown is None and recomputed is None
    return abs(shown - recomputed) <= 0.05 + 1e-9


def shown_tier(ctx: BriefContext) -> str | None:
    """The attribution confidence the brief's source section states, or None if it states none."""
    view = brief.source_view(ctx)
    found = view and re.match(r"Attribution confidence: (\w+) ", view["attribution"])
    return found.group(1) if found else None


def tier_matches(ctx: BriefContext) -> bool:
    """The words of the brief's source section state the tier attribution.row_tier gives the processed row,
    and state one whenever a published sentence gives the force's figure (a brief must not drop it)."""
    shown = shown_tier(ctx)
    if shown is None:
        return pd.isna(ctx.row["verbatim"])
    return shown == attribution.row_tier(ctx.row, ctx.story_urls)[0]


def longest_recomputes(ctx: BriefContext) -> bool:
    """The row's longest time missing recomputes from its described cases: the lower bound is the longest
    case's lower bound, and an upper bound, where the row has one, the longest case's upper bound (the
    row has no bound at all without cases). Years are compared to the two places they are written with."""
    low, high = ctx.row["longest_missing_years_min"], ctx.row["longest_missing_years_max"]
    if ctx.cases.empty:
        return pd.isna(low) and pd.isna(high)
    if pd.isna(low) or abs(low - ctx.cases["years_min"].max()) > 0.005:
        return False
    return pd.isna(high) or abs(high - ctx.cases["years_max"].max()) <= 0.005
