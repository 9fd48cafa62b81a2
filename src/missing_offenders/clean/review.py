"""What a person must look at before a figure is used: the "needs review" list.

Nothing here changes a figure. It lists what the code could not settle alone: a duration no
rule could read (until a person's reading exists), an input column the code does not know,
a figure's own date that cannot be placed, and figures far above what the force's register
allows or, across rounds, far above the force's own other figures.

Per round (`round_items`, written to data/processed/<round_id>/needs_review.csv) only the
round's own files and the reference registers are used, so a round's outputs never depend on
other rounds. The comparison with the force's other rounds reads every processed round, so it
lives with the steps that aggregate rounds (round_history.py).
"""
from __future__ import annotations

import datetime as dt
import os

import pandas as pd

from missing_offenders.clean import schema
from missing_offenders.ingest import paths

REVIEW_COLUMNS = schema.columns("needs_review")  # needs_review.csv, defined with every processed table
KINDS = {
    "unread_duration": "a duration no rule reads: the force keeps its figure, its durations stay blank",
    "unknown_column": "a column the round files do not have: its values are not used",
    "figure_date": "the figure's own date cannot be placed, or falls outside the round's snapshot window",
    "outlier_register": "a figure far above what the force's register of sex offenders allows",
    "outlier_history": "a figure far above the force's own figures in other rounds",
}
# Nationally about 0.7% of registered offenders were missing (396 of 49,466 in 2015); a force
# reporting 5% of its register is seven times that, and worth a second look before use.
REGISTER_SHARE = 0.05
# Across rounds: at least three times the force's highest figure in its other rounds, and at
# least 20 more (so 1 -> 12 is not flagged, a mistyped 1670 for 167 is).
STRICT_ENV = "MISSING_OFFENDERS_STRICT"


def item(round_id: str, kind: str, *, force_id: str = "", raw_file: str = "", raw_line: int | None = None,
         column: str = "", raw_text: str = "", detail: str = "", reading_line: str = "") -> dict:
    if kind not in KINDS:
        raise ValueError(f"unknown review kind {kind!r}; expected one of {', '.join(KINDS)}")
    return {"round_id": round_id, "kind": kind, "force_id": force_id, "raw_file": raw_file, "raw_line": raw_line,
            "column": column, "raw_text": raw_text, "detail": detail, "reading_line": reading_line}


def frame(items: list[dict]) -> pd.DataFrame:
    result = pd.DataFrame(items, columns=REVIEW_COLUMNS)
    result["raw_line"] = result["raw_line"].astype("Int64")
    return result.sort_values(["kind", "force_id", "raw_line", "column"], kind="stable").reset_index(drop=True)


def is_strict() -> bool:
    """`MISSING_OFFENDERS_STRICT=1`: any unread field fails the run instead of waiting for review."""
    return os.environ.get(STRICT_ENV, "").strip() == "1"


# ---------------------------------------------------------------- against the register


def _nearest_register(registers: dict, force_id: str, snapshot: dt.date | None):
    mine = [register for (force, _), register in registers.items() if force == force_id]
    if not mine:
        return None
    if snapshot is None:
        return max(mine, key=lambda r: (r.count, r.as_at))  # the most lenient when the date is unknown
    return min(mine, key=lambda r: (abs((r.as_at - snapshot).days), r.as_at))


def register_outliers(round_id: str, returns: pd.DataFrame, snapshot: dt.date | None) -> list[dict]:
    """Forces whose figure is at least REGISTER_SHARE of their register (nearest year to the snapshot)."""
    from missing_offenders.ingest.registers import AREA_FILE, area_registers

    if not AREA_FILE.is_file():  # a project without register figures has nothing to compare with
        return []
    registers = area_registers()
    found = []
    for row in returns.itertuples():
        if pd.isna(row.missing_min) or row.missing_min == 0:
            continue
        register = _nearest_register(registers, row.force_id, snapshot)
        if register is None or row.missing_min < REGISTER_SHARE * register.count:
            continue
        share = row.missing_min / register.count
        found.append(item(
            round_id, "outlier_register", force_id=row.force_id, raw_file=row.raw_file, raw_line=row.raw_line,
            column="count_text", raw_text=row.count_text,
            detail=(f"{row.missing_min} missing is {share:.1%} of the {register.count:,} registered offenders of the "
                    f"force's area at {register.as_at.isoformat()} ({register.source}); nationally about 0.7% "
                    "(396 of 49,466 in 2015). Check the figure and what it counts before using it."),
        ))
    return found
