"""FOI rounds: which rounds exist, their metadata (rounds.csv) and their rows (round files).

A round is one set of answers that forces gave to one requester at one time. Its rows may
sit in a file of its own (`2015_pa.csv`) or among others (`single_force_returns.csv`, where
each row names its round); rounds.csv adds the national total as reported and the snapshot
window. A round may appear in either or both.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from missing_offenders.ingest import corrections, paths
from missing_offenders.ingest.errors import InputError
from missing_offenders.ingest.numbers import parse_number
from missing_offenders.ingest.rawio import RawRow, read_csv, read_table

ROUND_FILE_COLUMNS = (
    "round_id", "force_as_reported", "count_text", "duration_text", "verbatim",
    "source_title", "source_url", "published_date", "corroborating_sources", "confidence", "notes",
)
ROUNDS_COLUMNS = (
    "round_id", "publisher_of_foi", "total_missing_or_wanted", "forces_basis", "verbatim",
    "source_url", "published_date", "measure", "snapshot_start", "snapshot_end",
)
MEASURES = ("stock", "flow")
# Always used with fullmatch: `$` would also match before a final newline ("2015_pa\n").
ROUND_ID = re.compile(r"[a-z0-9][a-z0-9_\-]{0,63}")
_ISO_DATE = re.compile(r"^(?:as of )?(\d{4}-\d{2}-\d{2})\b")


@dataclass(frozen=True)
class RoundInfo:
    round_id: str
    publisher: str
    total_reported: int | None
    forces_basis: str
    measure: str | None
    snapshot_start: dt.date | None
    snapshot_end: dt.date | None
    snapshot_rule: str       # where the window came from
    verbatim: str
    source_url: str
    published_date: str
    source_line: int | None  # line in rounds.csv, None if the round is not listed there


ROUND_FILE_SUFFIXES = (".csv", ".xlsx")


def _is_readme(name: str) -> bool:
    return name.lower().startswith("readme")


def round_files() -> list:
    """The round files (.csv, or .xlsx saved from Excel); any other file there is an error naming it."""
    found = []
    for path in sorted(paths.FOI_ROUNDS.iterdir()):
        if path.name.startswith(".") or path == paths.ROUNDS_FILE or (path.is_file() and _is_readme(path.name)):
            continue  # hidden files are outside the manifest too
        if not path.is_file() or path.suffix.lower() not in ROUND_FILE_SUFFIXES:
            kind = "a folder" if path.is_dir() else "neither .csv nor .xlsx"
            raise InputError(
                f"{paths.relative(path)} is {kind}: data/raw/foi_rounds/ holds only round files (.csv saved as "
                "'CSV UTF-8', or .xlsx with the round on the first sheet), rounds.csv and a README. Save the round "
                "in one of those formats or move the file elsewhere, then run `make manifest`."
            )
        found.append(path)
    return found


def read_round_rows() -> tuple[list[RawRow], list[corrections.Correction]]:
    """Every row of every round file, with transcription corrections applied."""
    rows: list[RawRow] = []
    for path in round_files():
        rows.extend(read_table(path, ROUND_FILE_COLUMNS))
    return corrections.apply(rows, corrections.load())


def _check_round_id(row: RawRow, value: str) -> str:
    if row.is_blank:
        raise InputError(f"{row.file}, line {row.line}: the row is blank (only commas). Delete it, or fill it in.")
    if not ROUND_ID.fullmatch(value):
        raise InputError(
            f"{row.file}, line {row.line}, column round_id: value {value!r}: expected a round id of lower-case "
            "letters, digits, '_' or '-' (it names a folder under data/processed/)."
        )
    return value


def _iso_date(row: RawRow, column: str) -> dt.date | None:
    text = row.get(column).strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(
            f"{row.file}, line {row.line}, column {column}: value {text!r}: expected an ISO date (YYYY-MM-DD) or blank."
        ) from None


def listed_rows() -> dict[str, RawRow]:
    """rounds.csv's rows by round id (each id checked, each listed once)."""
    listed: dict[str, RawRow] = {}
    for row in read_csv(paths.ROUNDS_FILE, ROUNDS_COLUMNS):
        round_id = _check_round_id(row, row.get("round_id"))
        if round_id in listed:
            raise InputError(
                f"{row.file}, line {row.line}: round {round_id!r} is already listed on line {listed[round_id].line}."
            )
        listed[round_id] = row
    return listed


def discover() -> list[str]:
    """Every round id found in data/raw/foi_rounds/, sorted."""
    rows, _ = read_round_rows()
    found = {_check_round_id(row, row.get("round_id")) for row in rows}
    return sorted(found | set(listed_rows()))


def _window_from_rows(round_rows: list[RawRow]) -> tuple[dt.date | None, dt.date | None, str]:
    """For a round not in rounds.csv: 'as of DATE' gives the snapshot; a publication date bounds it."""
    dates = {row.get("published_date").strip() for row in round_rows}
    if len(dates) != 1:
        shown = "; ".join(sorted(dates)) or "none"
        return None, None, f"unknown: not in rounds.csv and no single date for the round's rows ({shown})"
    text = dates.pop()
    match = _ISO_DATE.match(text)
    if not match:
        return None, None, f"unknown: not in rounds.csv and published_date {text!r} is not a date"
    day = dt.date.fromisoformat(match.group(1))
    if text.startswith("as of"):
        return day, day, f"published_date {text!r} is the snapshot date"
    return None, day, f"end bounded by published_date {text!r} (a count cannot postdate its publication)"


def info_for(round_id: str) -> RoundInfo:
    """The metadata of one round, reading its rows from the round files."""
    rows, _ = read_round_rows()
    return info(round_id, [row for row in rows if row.get("round_id") == round_id])


def info(round_id: str, round_rows: list[RawRow]) -> RoundInfo:
    listed = listed_rows().get(round_id)
    if listed is None:
        start, end, rule = _window_from_rows(round_rows)
        return RoundInfo(round_id, "", None, "", None, start, end, rule, "", "", "", None)
    total_text = listed.get("total_missing_or_wanted").strip()
    try:
        total = parse_number(total_text) if total_text else None
    except ValueError:
        raise InputError(
            f"{listed.file}, line {listed.line}, column total_missing_or_wanted: value {total_text!r}: "
            "expected a whole number or blank."
        ) from None
    measure = listed.get("measure").strip() or None
    if measure not in (None, *MEASURES):
        raise InputError(
            f"{listed.file}, line {listed.line}, column measure: value {measure!r}: expected one of {', '.join(MEASURES)}."
        )
    start, end = _iso_date(listed, "snapshot_start"), _iso_date(listed, "snapshot_end")
    if start and end and start > end:
        raise InputError(f"{listed.file}, line {listed.line}: snapshot_start {start} is after snapshot_end {end}.")
    return RoundInfo(
        round_id=round_id, publisher=listed.get("publisher_of_foi"), total_reported=total,
        forces_basis=listed.get("forces_basis"), measure=measure, snapshot_start=start, snapshot_end=end,
        snapshot_rule=f"rounds.csv line {listed.line}", verbatim=listed.get("verbatim"),
        source_url=listed.get("source_url"), published_date=listed.get("published_date"), source_line=listed.line,
    )
