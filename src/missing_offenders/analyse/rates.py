"""Missing offenders per 1,000 registered sex offenders, only where numerator and denominator match.

The register (MAPPA) counts England and Wales at 31 March; a round's total may cover the UK.
A rate is computed only against the register of the same financial year, and a coverage
mismatch is stated, not divided away: the England-and-Wales numerator is given as bounds.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from missing_offenders.ingest import dates, paths
from missing_offenders.analyse import staffing
from missing_offenders.clean import schema
from missing_offenders.ingest.registers import AREA_FILE, NATIONAL_FILE, Register, area_registers, national_register_rows, national_registers  # noqa: F401

ENGLAND_AND_WALES = ("England", "Wales")


def per_thousand(missing: float, register: int) -> float:
    return missing / register * 1000


def national_rate(returns: pd.DataFrame, total: int, snapshot: dt.date) -> pd.DataFrame:
    """Bounds on England and Wales's missing per 1,000 on the same year's register, with their basis.

    The round's total covers the UK and the register England and Wales only, so their quotient is not
    a rate of anything: only the bounds are given."""
    year_end = dates.financial_year_containing(snapshot)
    register = national_registers().get(year_end)
    if register is None:
        return pd.DataFrame(columns=["measure", "numerator", "denominator", "per_1000", "basis"])
    lowest, highest, outside_unknown = england_and_wales_bounds(returns, total)
    rows = [
        ("England and Wales, at most", highest, register.count,
         "the UK total is an upper bound for E&W: forces outside E&W reported 0 or had no published figure"
         f" ({', '.join(outside_unknown) or 'none'})"),
        ("England and Wales, at least", lowest, register.count,
         "sum of the E&W forces' own published figures (a lower bound)"),
    ]
    frame = pd.DataFrame(rows, columns=["measure", "numerator", "denominator", "basis"])
    frame.insert(3, "per_1000", [round(per_thousand(n, d), 2) for n, d in zip(frame["numerator"], frame["denominator"])])
    frame["register_source"] = register.source
    return frame


def england_and_wales_bounds(returns: pd.DataFrame, total: int) -> tuple[int, int, list[str]]:
    """(lowest, highest) missing in England and Wales the round allows, and the forces outside E&W
    without a figure (why the UK total is only an upper bound)."""
    in_ew = returns["country"].isin(ENGLAND_AND_WALES)
    outside = returns[~in_ew]
    outside_unknown = list(outside.loc[~outside["status"].isin(["reported"]), "force_id"])
    lowest = int(returns.loc[in_ew & returns["status"].isin(schema.COUNTED), "missing_min"].sum())
    return lowest, total, outside_unknown


@dataclass(frozen=True)
class Denominator:
    name: str         # who counted the register, in words
    count: int
    basis: str        # what the count is
    source: str       # file and line


def denominators(snapshot: dt.date) -> list[Denominator]:
    """The England-and-Wales register counts a rate could be divided by for a round counted on `snapshot`:
    the MoJ's MAPPA count at 31 March of the same financial year, and the NSPCC's own FOI count when
    it is for the same year (its figures were published with the 2015 story)."""
    found = []
    register = national_registers().get(dates.financial_year_containing(snapshot))
    if register is not None:
        found.append(Denominator("Ministry of Justice (MAPPA annual report)", register.count,
                                 f"registered sex offenders in England and Wales at {register.as_at:%d %B %Y}",
                                 register.source))
    ratio = staffing.load()
    published = dates.leading_date(ratio.published_date)
    if published and dates.financial_year_containing(published.date) == dates.financial_year_containing(snapshot):
        found.append(Denominator("NSPCC (FOI answers from police forces)", ratio.offenders,
                                 "registered sex offenders managed on any given day, England and Wales",
                                 ratio.offenders_source))
    return found


def rate_by_denominator(lowest: int, highest: int, snapshot: dt.date) -> pd.DataFrame:
    """How the England-and-Wales rate moves with the register it is divided by: bounds per denominator."""
    rows = [{"denominator": d.name, "register": d.count, "per_1000_at_least": round(per_thousand(lowest, d.count), 2),
             "per_1000_at_most": round(per_thousand(highest, d.count), 2), "basis": d.basis, "source": d.source}
            for d in denominators(snapshot)]
    return pd.DataFrame(rows, columns=["denominator", "register", "per_1000_at_least", "per_1000_at_most", "basis",
                                       "source"])


def force_rates(returns: pd.DataFrame, snapshot: dt.date) -> pd.DataFrame:
    """Per-force rates where a register figure for the same financial year exists."""
    year_end = dates.financial_year_containing(snapshot)
    registers = area_registers()
    rows = []
    for record in returns[returns["status"] == "reported"].itertuples():
        register = registers.get((record.force_id, year_end))
        if register is not None and not pd.isna(record.missing_max) and record.missing_min == record.missing_max:
            rows.append({"force_id": record.force_id, "force_name": record.force_name, "missing": int(record.missing_min),
                         "register": register.count, "register_as_at": register.as_at.isoformat(),
                         "per_1000": round(per_thousand(record.missing_min, register.count), 2),
                         "register_source": register.source})
    return pd.DataFrame(rows, columns=["force_id", "force_name", "missing", "register", "register_as_at", "per_1000",
                                       "register_source"])
