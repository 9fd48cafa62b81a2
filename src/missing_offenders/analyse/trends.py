"""Totals across rounds: each survey's stock count, dated, flows apart; and one force's series.

Rounds differ in requester, wording and coverage: they are separate surveys, not a series. Each
is dated by its count window where the source gives one, otherwise by publication (which only
bounds the count, and is labelled as such); what cannot be dated is listed, not placed.
"""
from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from missing_offenders.analyse import analysis, processed_rounds
from missing_offenders.ingest import dates, rounds

COLUMNS = ["round_id", "date", "date_precision", "date_basis", "when", "total", "measure", "requester",
           "short_label", "reported_by"]
PUBLICATION_BASIS = "publication date (the count is no later)"


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


def _dated(info: rounds.RoundInfo, published: str) -> tuple[str, str, str, str]:
    """(ISO date, precision, what the date is, the date in words as a reader should see it).

    A window with both ends is a count window; an end alone that is the publication day only bounds
    the count (it is not a snapshot); a single 'as of' day is the count date."""
    start, end = info.snapshot_start, info.snapshot_end
    published_on = dates.leading_date(info.published_date or published or "")  # the round's own date first
    if end is not None:
        if start is not None and start < end:
            same_month = (start.year, start.month) == (end.year, end.month)
            window = f"{end:%b %Y}" if same_month else (
                f"{start:%b} to {end:%b %Y}" if start.year == end.year else f"{start:%b %Y} to {end:%b %Y}")
            return end.isoformat(), "day", "end of the count window", f"counted {window}"
        if start == end:
            return end.isoformat(), "day", "count date ('as of')", f"counted {_day(end)}"
        if published_on is not None and published_on.date == end:
            return end.isoformat(), "day", PUBLICATION_BASIS, f"published {_day(end)}"
        return end.isoformat(), "day", "latest possible count date", f"counted by {_day(end)}"
    if published_on is not None:
        when = {"day": _day(published_on.date), "month": f"{published_on.date:%b %Y}",
                "year": str(published_on.date.year)}[published_on.precision]
        return published_on.date.isoformat(), published_on.precision, "publication date", f"published {when}"
    return "", "", "undated", "date not known"


def _outlet(source_title: str) -> str:
    """The publication named in a source title's last brackets: '... (Daily Mail)' -> 'Daily Mail'."""
    match = re.search(r"\(([^()]*)\)\s*$", source_title or "")
    return match.group(1).strip() if match else ""


def requester_label(publisher: str, source_title: str) -> str:
    """Who asked, in words; when the data does not name the requester, the publication that reported it."""
    name = (publisher or "").split(" (")[0].strip()
    if name.lower() in ("", "unknown"):
        outlet = _outlet(source_title)
        return f"requester not named; reported by {outlet}" if outlet else "requester not named"
    return name


def round_words(round_id: str) -> str:
    """A round as a reader should see it: 'Press Association, counted Feb to Mar 2015'."""
    info = processed_rounds.info(round_id)
    if info.source_line is not None:
        who = requester_label(info.publisher, processed_rounds.source_title(round_id))
        return f"{who}, {_dated(info, info.published_date)[3]}"
    who = "other answers published in the press"
    published = processed_rounds.published_as_transcribed(round_id)  # the date the round's rows share, if one
    when = "dates vary" if processed_rounds.row_dates_vary(round_id) else _dated(info, published)[3]
    return f"{who}, {when}"


def national_totals() -> pd.DataFrame:
    """Every round with a national total in rounds.csv, dated, stock and flow apart."""
    records = []
    for round_id in processed_rounds.round_ids():
        info = processed_rounds.info(round_id)
        if info.total_reported is None:
            continue
        date, precision, basis, when = _dated(info, info.published_date)
        records.append({"round_id": round_id, "date": date, "date_precision": precision, "date_basis": basis,
                        "when": when, "total": info.total_reported, "measure": info.measure or "",
                        "requester": info.publisher,
                        "short_label": requester_label(info.publisher, processed_rounds.source_title(round_id)),
                        "reported_by": _outlet(processed_rounds.source_title(round_id))})
    frame = pd.DataFrame(records, columns=COLUMNS)
    return frame.sort_values(["date", "round_id"]).reset_index(drop=True)


def force_series(force_id: str) -> pd.DataFrame:
    """What one force reported in every round it appears in, dated like national_totals."""
    records = []
    for round_id in processed_rounds.round_ids():
        returns = analysis.load_round(round_id)["force_returns"]
        row = returns[returns["force_id"] == force_id].iloc[0]
        if row["status"] != "reported":
            continue
        info = processed_rounds.info(round_id)
        date, precision, basis, _ = _dated(info, row["published_date"])
        records.append({"round_id": round_id, "date": date, "date_precision": precision, "date_basis": basis,
                        "missing_min": row["missing_min"], "missing_max": row["missing_max"],
                        "count_text": row["count_text"], "source_url": row["source_url"]})
    frame = pd.DataFrame(records, columns=["round_id", "date", "date_precision", "date_basis", "missing_min",
                                           "missing_max", "count_text", "source_url"])
    for column in ("missing_min", "missing_max"):
        frame[column] = frame[column].astype("Int64")
    return frame.sort_values(["date", "round_id"]).reset_index(drop=True)
