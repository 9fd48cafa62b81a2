"""The NSPCC's staffing figures: registered sex offenders per police staff member managing them."""
from __future__ import annotations

import re
from dataclasses import dataclass

from missing_offenders.ingest import paths
from missing_offenders.ingest.errors import InputError
from missing_offenders.ingest.numbers import parse_number
from missing_offenders.ingest.rawio import read_csv

NSPCC_FILE = paths.NSPCC_STAFFING
ABOUT_MARGIN = 50  # "about 900" read as 850 to 950 (rounded to the nearest 100)


@dataclass(frozen=True)
class StaffingRatio:
    offenders: int            # 46,102 registered sex offenders (England and Wales, NSPCC FOI basis)
    staff: int                # "about 900" police staff
    staff_is_approximate: bool
    per_staff: float          # offenders / staff
    per_staff_rounded: int    # to the nearest 10, as the published "one for every 50"
    published_ratio: int      # 50, read from the NSPCC's sentence
    offenders_source: str
    staff_source: str
    published_date: str       # when the NSPCC's figures were published (the count is no later)

    def per_staff_if_staff_were(self, staff: int) -> float:
        return self.offenders / staff

    @property
    def staff_range(self) -> tuple[int, int]:
        """The staff numbers a rounded 'about N' allows, read as N rounded to the nearest 100
        (850 to 950 for 'about 900'): the project's reading, not a published figure."""
        margin = ABOUT_MARGIN if self.staff_is_approximate else 0
        return self.staff - margin, self.staff + margin

    @property
    def per_staff_range(self) -> tuple[float, float]:
        """Offenders per member of staff over `staff_range`, lowest first."""
        fewest, most = self.staff_range
        return self.per_staff_if_staff_were(most), self.per_staff_if_staff_were(fewest)



def _value(rows, claim: str):
    for row in rows:
        if row.get("claim") == claim:
            return row
    raise InputError(f"{paths.relative(NSPCC_FILE)}: no row with claim {claim!r}.")


def load() -> StaffingRatio:
    rows = read_csv(NSPCC_FILE, ("claim", "value", "verbatim", "source_url", "published_date"))
    staff_row = _value(rows, "police staff managing RSOs in England and Wales")
    offenders_row = _value(rows, "RSOs managed (NSPCC FOI basis)")
    ratio_row = _value(rows, "ratio")
    staff_text = staff_row.get("value").strip()
    approximate = staff_text.lower().startswith("about ")
    staff = parse_number(staff_text[6:] if approximate else staff_text)
    offenders = parse_number(offenders_row.get("value"))
    match = re.search(r"per (\d+)", ratio_row.get("value"))
    if not match:
        raise InputError(f"{ratio_row.file}, line {ratio_row.line}, column value: expected '1 ... per N RSOs'.")
    per_staff = offenders / staff
    return StaffingRatio(
        offenders=offenders, staff=staff, staff_is_approximate=approximate, per_staff=per_staff,
        per_staff_rounded=int(round(per_staff, -1)), published_ratio=int(match.group(1)),
        offenders_source=f"{offenders_row.file} line {offenders_row.line}",
        staff_source=f"{staff_row.file} line {staff_row.line}",
        published_date=offenders_row.get("published_date"),
    )
