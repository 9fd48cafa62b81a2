"""The round in two tables: summary.csv (every count, long format, with how it was counted) and
round.csv (the round's facts, typed: national total, forces basis as a number and as published,
measure, snapshot window, requester, source), so nothing downstream parses text back."""
from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from missing_offenders.clean import attribution, schema
from missing_offenders.ingest import paths, rounds
from missing_offenders.ingest.errors import InputError
from missing_offenders.ingest.numbers import parse_number
from missing_offenders.ingest.rawio import RawRow

# "39 forces reported ...", "all 50 forces", "46 of 52 forces replied", "31 of 45 forces able to provide"
_FORCES_BASIS = re.compile(r"^\W*(?:all\s+)?(?P<count>\d+|[a-z]+(?:[- ][a-z]+)?)\s+(?:of\s+\d+\s+)?forces?\b", re.IGNORECASE)
_LEADING_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})\b")


def forces_basis_count(text: str) -> int | None:
    """The number of forces a requester's count rests on, from its words as published; None if none is given."""
    match = _FORCES_BASIS.match(text or "")
    if not match:
        return None
    try:
        return parse_number(match.group("count"))
    except ValueError:
        return None


def leading_date(text: str) -> dt.date | None:
    """'2007-01-28 12:31 GMT' -> 2007-01-28; 'UNKNOWN' -> None."""
    match = _LEADING_DATE.match((text or "").strip())
    return dt.date.fromisoformat(match.group(1)) if match else None


def _shared(values) -> str:
    distinct = {value.strip() for value in values}
    return distinct.pop() if len(distinct) == 1 else ""


def round_table(info: rounds.RoundInfo, rows: list[RawRow]) -> pd.DataFrame:
    """round.csv: one typed row of the round's facts (`rows`: the round's raw rows, which date a round
    that rounds.csv does not list when they all share one publication date)."""
    listed = rounds.listed_rows().get(info.round_id)
    published = info.published_date if listed else _shared(row.get("published_date") for row in rows)
    row = {
        "round_id": info.round_id, "requester": info.publisher, "national_total_reported": info.total_reported,
        "forces_basis": forces_basis_count(info.forces_basis), "forces_basis_as_published": info.forces_basis,
        "measure": info.measure or "", "snapshot_start": info.snapshot_start, "snapshot_end": info.snapshot_end,
        "snapshot_rule": info.snapshot_rule, "published_date": leading_date(published),
        "published_as_transcribed": published,
        "row_publication_dates": len({row.get("published_date").strip() for row in rows}), "verbatim": info.verbatim,
        "source_title": listed.get("source_title") if listed else "", "source_url": info.source_url,
        "notes": listed.get("notes") if listed else "", "rounds_csv_line": info.source_line,
    }
    frame = pd.DataFrame([row], columns=schema.columns("round"))
    for column in ("national_total_reported", "forces_basis", "row_publication_dates", "rounds_csv_line"):
        frame[column] = frame[column].astype("Int64")
    return frame


def summarise(cleaned) -> pd.DataFrame:
    """summary.csv: the reported total against what the forces' own figures account for, and counts."""
    frame, info = cleaned.force_returns, cleaned.info
    counted = frame[frame["status"].isin(schema.COUNTED)]
    attributed_min = int(counted["missing_min"].sum())
    attributed_max = None if counted["missing_max"].isna().any() else int(counted["missing_max"].sum())
    exact = frame[(frame["status"] == "reported") & (frame["missing_min"] == frame["missing_max"])]
    joint = [e["figure"] for e in cleaned.excluded if e["figure"] is not None]
    joint_min = sum(f.minimum or 0 for f in joint)
    joint_max = None if any(f.maximum is None for f in joint) else sum(f.maximum for f in joint)
    total = info.total_reported
    if total is not None and attributed_min + joint_min > total:
        counted = frame[frame["missing_min"].fillna(0) > 0].sort_values("missing_min", ascending=False)
        largest = "; ".join(f"{r.raw_file} line {int(r.raw_line)} ({r.force_name}: {int(r.missing_min)})"
                            for r in counted.head(5).itertuples())
        raise InputError(
            f"round {info.round_id!r}: the forces' own figures add up to at least {attributed_min + joint_min}, more "
            f"than the national total of {total} in {paths.relative(paths.ROUNDS_FILE)} line {info.source_line}. "
            f"The largest figures come from {largest}. "
            "One of them is mis-transcribed or belongs to another round: check both before going on."
        )
    rows = []

    def add(measure, value, detail=""):
        rows.append({"round_id": info.round_id, "measure": measure, "value": value, "detail": detail})

    def ids(mask):
        return ";".join(frame.loc[mask, "force_id"])

    add("national_total_reported", total,
        f"{paths.relative(paths.ROUNDS_FILE)} line {info.source_line}: {info.verbatim}" if info.source_line else
        "round not listed in rounds.csv: no national total")
    add("forces_basis_reported", None, info.forces_basis)
    add("measure", None, info.measure or "")
    add("snapshot_start", None, str(info.snapshot_start or ""))
    add("snapshot_end", None, str(info.snapshot_end or ""))
    add("exact_figures_sum", int(exact["missing_min"].sum()), f"{len(exact)} forces with an exact figure")
    add("attributed_min", attributed_min, "sum of missing_min over reported and cases_only forces")
    add("attributed_max", attributed_max,
        "sum of missing_max" if attributed_max is not None else
        "unbounded: some forces give only a lower bound (cases_only or 'at least')")
    add("joint_returns_min", joint_min if joint else 0, f"{len(joint)} joint returns kept out of force rows")
    add("joint_returns_max", joint_max if joint else 0, "")
    if total is not None:
        known_max = None if attributed_max is None or joint_max is None else attributed_max + joint_max
        add("unattributed_max", total - attributed_min - joint_min,
            "national total minus the lowest total the forces' own figures allow")
        add("unattributed_min", max(0, total - known_max) if known_max is not None else 0,
            "national total minus the highest total the forces' own figures allow (not below 0)")
    else:
        add("unattributed_max", None, "no national total reported for this round")
        add("unattributed_min", None, "no national total reported for this round")
    # The same totals by attribution confidence (attribution.py): "at most 76 unattributed" holds
    # only if every medium, low and circular figure is right.
    story_urls = attribution.checked_story_urls(info.round_id)
    for row in attribution.totals_by_tier(frame, story_urls, total).itertuples():
        add(f"attributed_min_{row.tiers}", row.attributed_min + joint_min,
            f"{row.label}: {row.forces}" + (f" (plus {joint_min} from joint returns)" if joint_min else ""))
        add(f"unattributed_max_{row.tiers}", None if total is None else row.unattributed_max - joint_min,
            f"national total minus attributed_min_{row.tiers}" if total is not None else
            "no national total reported for this round")
    has_missing = (frame["missing_min"].fillna(0) > 0) | (frame["status"] == "cases_only")
    none = (frame["status"] == "reported") & (frame["missing_max"] == 0)
    add("forces_with_missing", int(has_missing.sum()), ids(has_missing))
    add("forces_with_none", int(none.sum()), ids(none))
    for status in ("cases_only", "refused", "no_response", "not_published"):
        mask = frame["status"] == status
        add(f"forces_{status}", int(mask.sum()), ids(mask) if status != "not_published" else "")
    add("forces_in_registry", len(frame), "")
    add("raw_rows_read", cleaned.rows_read, "")
    add("raw_rows_excluded", len(cleaned.excluded), "; ".join(f"line {e['raw_line']}: {e['reason']}" for e in cleaned.excluded))
    unread = frame["duration_status"] == "unread"
    add("durations_unread", int(unread.sum()), ids(unread))
    add("fields_read_by_person", len(cleaned.readings_used),
        "; ".join(f"line {r['raw_line']} {r['column']}: {r['reading']!r} ({r['who']})" for r in cleaned.readings_used))
    items = cleaned.needs_review
    add("needs_review", len(items),
        "; ".join(f"{kind}: {';'.join(f for f in group['force_id'] if f) or len(group)}"
                  for kind, group in items.groupby("kind", sort=True)))
    summary = pd.DataFrame(rows, columns=["round_id", "measure", "value", "detail"])
    summary["value"] = summary["value"].astype("Int64")
    return summary
