"""Reading raw CSV files as text, exactly, with the line number of every record.

Raw files are read with the csv module rather than pandas so that every value stays the
text the source gave, and every error can name the file, line and column.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from . import manifest, paths
from .errors import CsvFormatError


@dataclass(frozen=True)
class RawRow:
    file: str                       # relative to the project root: data/raw/foi_rounds/2015_pa.csv
    line: int                       # physical line where the record starts (the header is line 1)
    values: dict[str, str] = field(hash=False)

    def get(self, column: str) -> str:
        return self.values.get(column, "")

    @property
    def is_blank(self) -> bool:
        return not any(v.strip() for v in self.values.values())


def decode_utf8(data: bytes, shown_name: str) -> str:
    """UTF-8 (with or without a byte-order mark), or an error saying how to re-save the file."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        bad = data[error.start : error.start + 4]
        hint = ""
        try:
            sample = data[max(0, error.start - 20) : error.start + 20].decode("cp1252")
            hint = (
                f" The bytes read as Windows-1252 ('...{sample.strip()}...'), which is what Excel's "
                "plain 'CSV' export writes."
            )
        except UnicodeDecodeError:
            pass
        raise CsvFormatError(
            f"{shown_name}, line {line}: byte {bad!r} at offset {error.start} is not UTF-8.{hint} "
            "Save the file as UTF-8 (in Excel: 'CSV UTF-8 (Comma delimited)'; in LibreOffice: "
            "character set 'Unicode (UTF-8)'), then run `make manifest`."
        ) from None


def read_csv(path: Path, required: tuple[str, ...] = (), *, verify: bool = True) -> list[RawRow]:
    """All records of a raw CSV, checked against the manifest, the encoding and the header."""
    path = Path(path)
    shown = paths.relative(path)
    if verify:
        manifest.verify_file(path)
    text = decode_utf8(path.read_bytes(), shown)
    if not text.strip():
        raise CsvFormatError(
            f"{shown} is empty: expected a header line naming the columns "
            f"({', '.join(required) or 'any'}) and at least one row."
        )
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [name.strip() for name in next(reader)]
    duplicated = sorted({name for name in header if header.count(name) > 1})
    if duplicated:
        raise CsvFormatError(f"{shown}, line 1: column(s) {', '.join(duplicated)} appear more than once.")
    missing = [name for name in required if name not in header]
    if missing:
        raise CsvFormatError(
            f"{shown}, line 1: missing column(s) {', '.join(missing)}. Expected at least: "
            f"{', '.join(required)}. Found: {', '.join(header)}."
        )
    rows: list[RawRow] = []
    start = reader.line_num + 1
    for record in reader:
        if record:  # a physically empty line is no record at all
            if len(record) != len(header):
                raise CsvFormatError(
                    f"{shown}, line {start}: {len(record)} fields where the header has {len(header)}. "
                    "Check for an unquoted comma or a missing quote."
                )
            rows.append(RawRow(shown, start, dict(zip(header, record))))
        start = reader.line_num + 1
    if not rows:
        raise CsvFormatError(f"{shown} has a header but no rows.")
    return rows
