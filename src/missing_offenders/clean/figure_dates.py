"""The figure's own snapshot date, from the bracketed note of a figure: "12 (as of 1 March)".

A force's figure may be dated apart from the round ("this total is only valid for the date in
question"); that date is kept, never dropped. A day and month without a year take the year of
the round's snapshot (or of the row's publication date), the latest such date not after it.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_MONTHS = {
    name: number
    for number, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
         ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
         ("october", "oct"), ("november", "nov"), ("december", "dec")],
        start=1,
    )
    for name in names
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_LEAD = re.compile(r"^(?:(?:figures?\s+)?(?:correct\s+)?(?:as\s+(?:of|at)|at|on|dated?)|snapshot(?:\s+(?:of|on))?)\s+"
                   r"(?:the\s+)?(?P<date>.+?)\.?$", re.IGNORECASE)
_DATE_FORMS = [
    re.compile(rf"^{_YEAR}-(?P<month_number>\d{{2}})-(?P<day>\d{{2}})$"),
    re.compile(r"^(?P<day>\d{1,2})/(?P<month_number>\d{1,2})/(?P<year>\d{4})$"),  # UK order, day first
    re.compile(rf"^{_DAY}\s+(?:of\s+)?(?P<month>{_MONTH})\.?(?:,?\s+{_YEAR})?$", re.IGNORECASE),
    re.compile(rf"^(?P<month>{_MONTH})\.?\s+{_DAY}(?:,?\s+{_YEAR})?$", re.IGNORECASE),
    re.compile(rf"^(?P<month>{_MONTH})\.?\s+{_YEAR}$", re.IGNORECASE),
]


@dataclass(frozen=True)
class FigureDate:
    text: str         # the phrase as written: "as of 1 March"
    value: str        # ISO date (YYYY-MM-DD), or YYYY-MM for a month; "" if the year cannot be known
    problem: str = ""  # why value is blank, or why the date needs a look


def from_note(note: str, reference: dt.date | None) -> FigureDate | None:
    """The date a figure's note gives it, or None if the note is not a date ("of 812 managed")."""
    lead = _LEAD.match(note.strip())
    if lead is None:
        return None
    for form in _DATE_FORMS:
        match = form.match(lead["date"].strip())
        if match is None:
            continue
        parts = match.groupdict()
        month = int(parts["month_number"]) if parts.get("month_number") else _MONTHS[parts["month"].lower()]
        day = int(parts["day"]) if parts.get("day") else None
        year = int(parts["year"]) if parts.get("year") else None
        if year is None:
            if reference is None:
                return FigureDate(note, "", "the date has no year and the round has no snapshot or publication date")
            year = reference.year
            if (month, day or 1) > (reference.month, reference.day):
                year -= 1  # a count cannot postdate its snapshot: "1 December" in a March snapshot is last year
        try:
            return FigureDate(note, dt.date(year, month, day).isoformat() if day else f"{year:04d}-{month:02d}")
        except ValueError:
            return FigureDate(note, "", "not a real date")
    return None
