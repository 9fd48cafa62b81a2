"""Dates as sources print them: ISO days, months or years, 'as of' dates, financial years."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_LEADING = re.compile(r"^(?:as of )?(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?![\d/])")
_FINANCIAL_YEAR = re.compile(r"^(\d{4})/(\d{2})\b")
_THIRTY_FIRST_MARCH = re.compile(r"^31 March (\d{4})\b")


@dataclass(frozen=True)
class LooseDate:
    """The earliest date a text allows, and how precise it is ('day', 'month', 'year')."""
    date: dt.date
    precision: str

    @property
    def label(self) -> str:
        return {"day": self.date.isoformat(), "month": self.date.strftime("%Y-%m"), "year": str(self.date.year)}[self.precision]


def leading_date(text: str) -> LooseDate | None:
    """'2012-04-12', '2008-02-27 16:05', '2013-11 (BBC ...)', 'as of 2017-03-31' -> a date; else None."""
    match = _LEADING.match(text.strip())
    if not match:
        return None
    year, month, day = match.groups()
    if day:
        return LooseDate(dt.date(int(year), int(month), int(day)), "day")
    if month:
        return LooseDate(dt.date(int(year), int(month), 1), "month")
    return LooseDate(dt.date(int(year), 1, 1), "year")


def financial_year_end(text: str) -> dt.date | None:
    """'2014/15' or '31 March 2015' -> 31 March 2015 (a MAPPA year ends on 31 March); else None."""
    text = text.strip()
    if match := _FINANCIAL_YEAR.match(text):
        start = int(match.group(1))
        if (start + 1) % 100 != int(match.group(2)):
            return None
        return dt.date(start + 1, 3, 31)
    if match := _THIRTY_FIRST_MARCH.match(text):
        return dt.date(int(match.group(1)), 3, 31)
    return None


def financial_year_containing(day: dt.date) -> dt.date:
    """The 31 March ending the financial year (April to March) that contains `day`."""
    return dt.date(day.year if day.month <= 3 else day.year + 1, 3, 31)
