"""A person's reading of a field the parsers cannot read: data/raw/readings/<round_id>.csv.

The raw file stays as received and a journalist cannot change the parser, so a field that no
rule reads (a figure or a duration) gets a reading written by a person, in the parser's own
grammar ("12", "since 2006"), with who wrote it and why. A reading applies on reading, is
logged with rule `manual_reading`, and must still match the raw text it reads: if the raw
field changes, the reading stops the run instead of silently applying to something else.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from missing_offenders.clean.review import STRICT_ENV
from missing_offenders.ingest import paths
from missing_offenders.ingest.errors import InputError
from missing_offenders.ingest.rawio import RawRow, read_csv

COLUMNS = ("file", "line", "column", "raw_text", "reading", "who", "why")
READABLE_COLUMNS = ("count_text", "duration_text")
FOLDER = paths.READINGS
RULE = "manual_reading"


@dataclass(frozen=True)
class Reading:
    file: str        # relative to the project root, like RawRow.file
    line: int
    column: str
    raw_text: str
    reading: str     # in the parser's grammar: "12", "none", "since 2006", "two 2008, one 2012"
    who: str
    why: str
    source: str      # the readings file, relative to the root
    source_line: int

    @property
    def where(self) -> str:
        return f"{self.source}, line {self.source_line}"


@dataclass(frozen=True)
class Unreadable:
    """A field no rule could read: where it is, its text and what the parser expected."""
    file: str
    line: int
    column: str
    raw_text: str
    problem: str

    @property
    def located(self) -> str:
        return f"{self.file}, line {self.line}, column {self.column}: value {self.raw_text!r}: {self.problem}"


def path_for(round_id: str) -> Path:
    return FOLDER / f"{round_id}.csv"


def check_folder(known_rounds: list[str]) -> None:
    """Every file in data/raw/readings/ is a README or the readings of a known round: a misnamed
    file would otherwise be ignored without a word."""
    if not FOLDER.is_dir():
        return
    for path in sorted(FOLDER.iterdir()):
        if path.name.startswith(".") or path.name.lower().startswith("readme"):
            continue
        if path.suffix != ".csv" or path.stem not in known_rounds:
            raise InputError(
                f"{paths.relative(path)} is not the readings of a round: files here are named <round_id>.csv after a "
                f"round in data/raw/foi_rounds/ (known: {', '.join(known_rounds)}). Rename or remove it, then run "
                "`make manifest`."
            )


def _raw_file(value: str) -> str:
    """'foi_rounds/x.csv' (relative to data/raw/, as in corrections) or 'data/raw/foi_rounds/x.csv'."""
    value = value.strip()
    base = paths.ROOT if value.startswith("data/raw/") else paths.RAW
    return paths.relative(base / value)


def load(round_id: str) -> dict[tuple[str, int, str], Reading]:
    """The round's readings by (file, line, column); none if the round has no readings file."""
    path = path_for(round_id)
    if not path.is_file():
        return {}
    found: dict[tuple[str, int, str], Reading] = {}
    for row in read_csv(path, COLUMNS):
        reading = _reading(row)
        key = (reading.file, reading.line, reading.column)
        if key in found:
            raise InputError(f"{reading.where}: {reading.file}, line {reading.line}, column {reading.column} already "
                             f"has a reading on line {found[key].source_line}. Keep one, then run `make manifest`.")
        found[key] = reading
    return found


def _reading(row: RawRow) -> Reading:
    def fail(column: str, problem: str) -> InputError:
        return InputError(f"{row.file}, line {row.line}, column {column}: value {row.get(column)!r}: {problem}")

    try:
        line = int(row.get("line"))
    except ValueError:
        raise fail("line", "expected the line number of the raw record (as the error message gave it).") from None
    column = row.get("column").strip()
    if column not in READABLE_COLUMNS:
        raise fail("column", f"expected one of {', '.join(READABLE_COLUMNS)}.")
    for required in ("reading", "who", "why"):
        if not row.get(required).strip():
            raise fail(required, "must not be blank: a reading says what the field means, who read it and why.")
    return Reading(_raw_file(row.get("file")), line, column, row.get("raw_text"), row.get("reading").strip(),
                   row.get("who").strip(), row.get("why").strip(), row.file, row.line)


def check_against(readings: dict[tuple[str, int, str], Reading], rows: list[RawRow]) -> None:
    """Every reading must point at a row of the round whose field still holds the text it reads."""
    by_place = {(row.file, row.line): row for row in rows}
    for reading in readings.values():
        row = by_place.get((reading.file, reading.line))
        if row is None:
            raise InputError(
                f"{reading.where}: {reading.file} has no record of this round starting at line {reading.line}. "
                "The raw file has changed or the reading names the wrong place: update or remove the reading, "
                "then run `make manifest`."
            )
        if row.get(reading.column) != reading.raw_text:
            raise InputError(
                f"{reading.where}: the reading of {reading.file}, line {reading.line}, column {reading.column} was "
                f"written for the text {reading.raw_text!r} but the field now holds {row.get(reading.column)!r}. "
                "Check the new text, then update or remove the reading and run `make manifest`."
            )


def template_line(field: Unreadable) -> str:
    """A ready-to-fill CSV line for the readings file: reading, who and why left for a person."""
    out = io.StringIO()
    file = field.file.removeprefix("data/raw/")
    csv.writer(out, lineterminator="").writerow([file, field.line, field.column, field.raw_text, "", "", ""])
    return out.getvalue()


def header_line() -> str:
    return ",".join(COLUMNS)


def unreadable_message(round_id: str, fields: list[Unreadable], blocking: list[Unreadable], strict: bool) -> str:
    """Every unreadable field of the round, and the lines to fill in to read them."""
    target = paths.relative(path_for(round_id))
    figures = sum(1 for f in fields if f.column == "count_text")
    why = (f"{len(blocking)} of them a figure, which stops the round" if blocking else
           f"strict mode ({STRICT_ENV}=1) stops on any unread field")
    exists = path_for(round_id).is_file()
    lines = [
        f"round {round_id!r}: {len(fields)} field(s) cannot be read ({figures} figure(s), {len(fields) - figures} "
        f"duration(s)); {why}. Fix a transcription error in data/raw/corrections/, or write a person's reading of "
        f"each field in {target}{'' if exists else ' (a new file: start it with the header line below)'}, then run "
        "`make manifest` and `make all`.",
        *(f"  {f.located}" for f in fields),
        f"Lines to fill in for {target} (reading in the forms above, who read it, why):",
        *([] if exists else [header_line()]),
        *(template_line(f) for f in fields),
    ]
    return "\n".join(lines)
