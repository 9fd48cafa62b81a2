"""Register sizes: how many registered sex offenders England and Wales, and each MAPPA area, had on
a date (MoJ MAPPA annual reports, data/raw/reference/). Read here once for the cleaning's outlier
check and the rates."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from missing_offenders.ingest import dates, paths
from missing_offenders.ingest.numbers import parse_number
from missing_offenders.ingest.rawio import read_csv

NATIONAL_FILE = paths.MAPPA_NATIONAL
AREA_FILE = paths.MAPPA_AREAS


@dataclass(frozen=True)
class Register:
    count: int
    as_at: dt.date
    source: str      # file and line
    verbatim: str


def _count(text: str) -> int | None:
    try:
        return parse_number(text)
    except ValueError:
        return None  # ">31300": a bound, not a count


def national_register_rows() -> tuple[dict[dt.date, Register], list[str]]:
    """The usable England-and-Wales register counts by 31 March, and why each other row is not used."""
    found, unused = {}, []
    for row in read_csv(NATIONAL_FILE, ("as_at", "rso_count_england_wales", "verbatim")):
        as_at = dates.financial_year_end(row.get("as_at"))
        count = _count(row.get("rso_count_england_wales"))
        where = f"line {row.line} ({row.get('as_at')}: {row.get('rso_count_england_wales')})"
        if as_at is None:
            unused.append(f"{where}: date not a 31 March")
        elif count is None:
            unused.append(f"{where}: not a count (a bound)")
        elif "inferred" in row.get("as_at"):
            unused.append(f"{where}: the year is the transcriber's inference")
        else:
            found[as_at] = Register(count, as_at, f"{row.file} line {row.line}", row.get("verbatim"))
    return found, unused


def national_registers() -> dict[dt.date, Register]:
    return national_register_rows()[0]


def area_registers() -> dict[tuple[str, dt.date], Register]:
    found = {}
    for row in read_csv(AREA_FILE, ("force_data_police_uk_id", "as_at_or_year", "rso_count", "verbatim")):
        as_at = dates.financial_year_end(row.get("as_at_or_year"))
        count = _count(row.get("rso_count"))
        if as_at and count is not None:
            found[(row.get("force_data_police_uk_id"), as_at)] = Register(
                count, as_at, f"{row.file} line {row.line}", row.get("verbatim"))
    return found
