"""Totals across rounds: stock counts on one time axis, flows apart, and one force's series.

Rounds differ in requester, wording and coverage; the series shows what each reported, dated by
its snapshot (or publication where the snapshot is unknown), and lists what cannot be dated.
"""
from __future__ import annotations

import pandas as pd

from . import analysis, dates, rounds

COLUMNS = ["round_id", "date", "date_precision", "date_basis", "total", "measure", "requester"]


def _dated(info: rounds.RoundInfo, published: str) -> tuple[str, str, str]:
    if info.snapshot_end is not None:
        if info.source_line is not None:
            basis = "snapshot end (rounds.csv)"
        elif info.snapshot_start == info.snapshot_end:
            basis = "snapshot date ('as of')"
        else:
            basis = "publication date (the count is no later)"
        return info.snapshot_end.isoformat(), "day", basis
    loose = dates.leading_date(published)
    if loose is not None:
        return loose.date.isoformat(), loose.precision, "publication date"
    return "", "", "undated"


def national_totals() -> pd.DataFrame:
    """Every round with a national total in rounds.csv, dated, stock and flow apart."""
    rows, _ = rounds.read_round_rows()
    records = []
    for round_id in rounds.discover():
        info = rounds.info(round_id, [r for r in rows if r.get("round_id") == round_id])
        if info.total_reported is None:
            continue
        date, precision, basis = _dated(info, info.published_date)
        records.append({"round_id": round_id, "date": date, "date_precision": precision, "date_basis": basis,
                        "total": info.total_reported, "measure": info.measure or "", "requester": info.publisher})
    frame = pd.DataFrame(records, columns=COLUMNS)
    return frame.sort_values(["date", "round_id"]).reset_index(drop=True)


def force_series(force_id: str) -> pd.DataFrame:
    """What one force reported in every round it appears in, dated like national_totals."""
    rows, _ = rounds.read_round_rows()
    records = []
    for round_id in rounds.discover():
        returns = analysis.load_round(round_id)["force_returns"]
        row = returns[returns["force_id"] == force_id].iloc[0]
        if row["status"] != "reported":
            continue
        info = rounds.info(round_id, [r for r in rows if r.get("round_id") == round_id])
        date, precision, basis = _dated(info, row["published_date"])
        records.append({"round_id": round_id, "date": date, "date_precision": precision, "date_basis": basis,
                        "missing_min": row["missing_min"], "missing_max": row["missing_max"],
                        "count_text": row["count_text"], "source_url": row["source_url"]})
    frame = pd.DataFrame(records, columns=["round_id", "date", "date_precision", "date_basis", "missing_min",
                                           "missing_max", "count_text", "source_url"])
    for column in ("missing_min", "missing_max"):
        frame[column] = frame[column].astype("Int64")
    return frame.sort_values(["date", "round_id"]).reset_index(drop=True)
