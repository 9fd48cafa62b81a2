"""Reading raw tables as text, exactly, with the line number of every record.

Raw files are read with the csv module rather than pandas so that every value stays the
text the source gave, and every error can name the file, line and column. A round saved from
Excel as .xlsx is read too (first sheet, same columns; the "line" is the sheet's row number),
by a small standard-library reader: this module also runs before the virtual environment exists.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from missing_offenders.ingest import manifest, paths
from missing_offenders.ingest.errors import CsvFormatError


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


def read_table(path: Path, required: tuple[str, ...] = (), *, verify: bool = True) -> list[RawRow]:
    """A raw .csv or .xlsx table (first sheet), checked like read_csv."""
    if Path(path).suffix.lower() == ".xlsx":
        return read_xlsx(path, required, verify=verify)
    return read_csv(path, required, verify=verify)


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
    records = []
    start = 1
    for record in reader:
        records.append((start, record))
        start = reader.line_num + 1
    return _table(shown, records, required)


def _table(shown: str, records: list[tuple[int, list[str]]], required: tuple[str, ...]) -> list[RawRow]:
    """Rows from (line, fields) records whose first is the header."""
    (_, first), records = records[0], records[1:]
    header = [name.strip() for name in first]
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
    for start, record in records:
        if record:  # a physically empty line is no record at all
            if len(record) != len(header):
                raise CsvFormatError(
                    f"{shown}, line {start}: {len(record)} fields where the header has {len(header)}. "
                    "Check for an unquoted comma or a missing quote."
                )
            rows.append(RawRow(shown, start, dict(zip(header, record))))
    if not rows:
        raise CsvFormatError(f"{shown} has a header but no rows.")
    return rows


# ---------------------------------------------------------------- .xlsx (first sheet)

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_PACKAGE_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
# Built-in number formats that show dates (ECMA-376 part 1, 18.8.30).
_DATE_FORMAT_IDS = {14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58}
_CELL_REF = re.compile(r"([A-Z]+)(\d+)")


def read_xlsx(path: Path, required: tuple[str, ...] = (), *, verify: bool = True) -> list[RawRow]:
    """The first sheet of a workbook as text: numbers as written ('12', not '12.0'), dates as ISO dates."""
    path = Path(path)
    shown = paths.relative(path)
    if verify:
        manifest.verify_file(path)
    try:
        records = _xlsx_records(path.read_bytes(), shown)
    except (zipfile.BadZipFile, KeyError, ET.ParseError, StopIteration) as error:
        raise CsvFormatError(
            f"{shown} cannot be read as an Excel workbook ({type(error).__name__}: {error}). Save it again from "
            "Excel as 'Excel Workbook (.xlsx)' or as 'CSV UTF-8', then run `make manifest`."
        ) from None
    if not records:
        raise CsvFormatError(
            f"{shown} is empty: expected a header row naming the columns "
            f"({', '.join(required) or 'any'}) and at least one row, on the first sheet."
        )
    return _table(shown, records, required)


def _xlsx_records(data: bytes, shown: str) -> list[tuple[int, list[str]]]:
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        workbook = ET.fromstring(book.read("xl/workbook.xml"))
        first_sheet = next(iter(workbook.find(f"{_MAIN}sheets")))
        rels = ET.fromstring(book.read("xl/_rels/workbook.xml.rels"))
        target = next(r.get("Target") for r in rels.iter(f"{_PACKAGE_REL}Relationship")
                      if r.get("Id") == first_sheet.get(_REL_ID))
        sheet_path = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        properties = workbook.find(f"{_MAIN}workbookPr")
        epoch = dt.date(1904, 1, 1) if properties is not None and properties.get("date1904") in ("1", "true") \
            else dt.date(1899, 12, 30)
        names = set(book.namelist())
        shared = _shared_strings(book.read("xl/sharedStrings.xml")) if "xl/sharedStrings.xml" in names else []
        date_styles = _date_styles(book.read("xl/styles.xml")) if "xl/styles.xml" in names else set()
        sheet = ET.fromstring(book.read(sheet_path))
    by_row: dict[int, dict[int, str]] = {}
    for row in sheet.iter(f"{_MAIN}row"):
        for cell in row.iter(f"{_MAIN}c"):
            ref = _CELL_REF.fullmatch(cell.get("r", ""))
            if ref is None:
                raise CsvFormatError(f"{shown}: a cell without a reference ({cell.get('r')!r}); save the workbook again.")
            line, column = int(ref[2]), _column_index(ref[1])
            text = _cell_text(cell, shared, date_styles, epoch, f"{shown}, line {line}, cell {ref[0]}")
            if text != "":
                by_row.setdefault(line, {})[column] = text
    if not by_row:
        return []
    header_line = min(by_row)
    width = max(max(cells) for cells in by_row.values()) + 1
    return [(line, [by_row.get(line, {}).get(i, "") for i in range(width)]) for line in sorted(by_row)
            if line >= header_line]


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - ord("A") + 1
    return index - 1


def _text_of(element: ET.Element) -> str:
    """The text runs of a string item, leaving out phonetic guides (<rPh>)."""
    direct = element.find(f"{_MAIN}t")
    if direct is not None:
        return direct.text or ""
    return "".join(t.text or "" for run in element.findall(f"{_MAIN}r") for t in run.findall(f"{_MAIN}t"))


def _shared_strings(data: bytes) -> list[str]:
    return [_text_of(item) for item in ET.fromstring(data).findall(f"{_MAIN}si")]


def _date_styles(data: bytes) -> set[int]:
    """Indexes of the cell styles that show a number as a date."""
    styles = ET.fromstring(data)
    custom = {int(f.get("numFmtId")): f.get("formatCode", "") for f in styles.iter(f"{_MAIN}numFmt")}
    dated = set()
    cell_formats = styles.find(f"{_MAIN}cellXfs")
    for index, xf in enumerate(cell_formats if cell_formats is not None else []):
        format_id = int(xf.get("numFmtId", "0"))
        code = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", custom.get(format_id, "")).lower()
        # in a custom format, d or y means a date; m alone is a month, but minutes beside h or s
        shows_date = bool(re.search(r"[dy]", code)) or ("m" in code and not re.search(r"[hs]", code))
        if format_id in _DATE_FORMAT_IDS or (format_id in custom and shows_date):
            dated.add(index)
    return dated


def _cell_text(cell: ET.Element, shared: list[str], date_styles: set[int], epoch: dt.date, where: str) -> str:
    kind = cell.get("t", "n")
    value = cell.find(f"{_MAIN}v")
    raw = value.text if value is not None and value.text is not None else ""
    if kind == "inlineStr":
        inline = cell.find(f"{_MAIN}is")
        return _text_of(inline) if inline is not None else ""
    if kind == "s":
        return shared[int(raw)]
    if kind in ("str", "d"):
        return raw
    if kind == "b":
        return "TRUE" if raw == "1" else "FALSE"
    if kind == "e":
        raise CsvFormatError(f"{where}: the cell shows the spreadsheet error {raw!r}; type the value as text instead.")
    if raw == "":
        return ""
    number = float(raw)
    if int(cell.get("s", "0")) in date_styles:
        day = epoch + dt.timedelta(days=int(number))
        return day.isoformat()
    return str(int(number)) if number.is_integer() else raw
