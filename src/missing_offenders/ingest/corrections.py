"""Transcription corrections: deliberate, documented changes to raw values, applied on reading.

Raw files stay exactly as received; a person who finds a transcription error adds a line to
data/raw/corrections/transcription_corrections.csv (file, line, column, the raw value as it
stands, the corrected value, why) and runs `make manifest`. Each correction must still match
the raw value it corrects, so a correction can never silently apply to a different row.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from missing_offenders.ingest import paths
from missing_offenders.ingest.errors import InputError
from missing_offenders.ingest.rawio import RawRow, read_csv

COLUMNS = ("file", "line", "column", "raw_value", "corrected_value", "reason")


@dataclass(frozen=True)
class Correction:
    file: str      # relative to the project root, like RawRow.file
    line: int
    column: str
    raw_value: str
    corrected_value: str
    reason: str
    source_line: int  # line of the corrections file itself


def load() -> list[Correction]:
    if not paths.CORRECTIONS_FILE.is_file():
        return []
    corrections = []
    for row in read_csv(paths.CORRECTIONS_FILE, COLUMNS):
        try:
            line = int(row.get("line"))
        except ValueError:
            raise InputError(
                f"{row.file}, line {row.line}, column line: value {row.get('line')!r}: expected a line number."
            ) from None
        corrections.append(Correction(
            file=paths.relative(paths.RAW / row.get("file")), line=line, column=row.get("column"),
            raw_value=row.get("raw_value"), corrected_value=row.get("corrected_value"),
            reason=row.get("reason"), source_line=row.line,
        ))
    return corrections


def apply(rows: list[RawRow], corrections: list[Correction]) -> tuple[list[RawRow], list[Correction]]:
    """The rows with every correction for their file applied, and the corrections that applied."""
    files = {row.file for row in rows}
    for correction in corrections:
        if correction.file not in files:
            raise InputError(
                f"{paths.relative(paths.CORRECTIONS_FILE)}, line {correction.source_line}: {correction.file} is not a "
                f"round file; corrections apply to {', '.join(sorted(files))}. Fix the file name, then run `make manifest`."
            )
    by_place = {(c.file, c.line): [] for c in corrections}
    for correction in corrections:
        by_place[(correction.file, correction.line)].append(correction)
    corrected = []
    for row in rows:
        values = dict(row.values)
        for correction in by_place.pop((row.file, row.line), []):
            if correction.column not in values or values[correction.column] != correction.raw_value:
                raise InputError(
                    f"{paths.relative(paths.CORRECTIONS_FILE)}, line {correction.source_line}: the correction of "
                    f"{correction.file}, line {correction.line}, column {correction.column} expects the raw value "
                    f"{correction.raw_value!r} but the file has {values.get(correction.column)!r}. Update or remove "
                    "the correction, then run `make manifest`."
                )
            values[correction.column] = correction.corrected_value
        corrected.append(replace(row, values=values))
    if by_place:
        (file, line), [first, *_] = next(iter(by_place.items()))
        raise InputError(
            f"{paths.relative(paths.CORRECTIONS_FILE)}, line {first.source_line}: {file} has no record starting at "
            f"line {line}. Update or remove the correction, then run `make manifest`."
        )
    return corrected, corrections
