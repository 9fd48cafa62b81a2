"""The readings of a `duration_text` and the words they are made from: snapshot windows, groups of
cases, the reading itself, the error, unit and month words, and the accepted forms (the grammar is
described in durations.py)."""
from __future__ import annotations

import datetime
from dataclasses import dataclass

DAYS_PER_YEAR = 365.25
MONTH_YEARS = 1 / 12
# Years per unit; the keys are the singular unit words.
UNIT_YEARS = {
    "decade": 10.0,
    "year": 1.0,
    "month": MONTH_YEARS,
    "week": 7 / DAYS_PER_YEAR,
    "day": 1 / DAYS_PER_YEAR,
}
A_FEW = (2, 9)  # "a few days" = 2 to 9 days

# English month names, hard-coded because calendar.month_name follows the process locale.
MONTHS = {
    name: number
    for number, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
         ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
         ("september", "sept", "sep"), ("october", "oct"), ("november", "nov"),
         ("december", "dec")],
        start=1,
    )
    for name in names
}

ACCEPTED_FORMS = (
    "'[count] [offender(s)] [missing] [for] N years|months|weeks|days' ('one 8 years', "
    "'eight years and nine months'); 'more than|over|>|at least N ...'; 'less than|under|< N ...'; "
    "'nearly|almost N ...'; '[some] [missing] up to N ...'; 'between X and Y' or '[from] X to Y'; "
    "'[count] since|from YEAR|MONTH YEAR|[last] MONTH'; '[count] went missing [in] YEAR|MONTH YEAR'; "
    "'went missing YEAR (count), YEAR (count), ...'; 'not disclosed|revealed|given|stated'; "
    "the notes in NOTE_PATTERNS ('six believed abroad', 'as of 15 November', ...); "
    "'[count] [who] absconded|vanished|disappeared|was wanted|... [for|since|in] ...' ('two wanted nine years', "
    "'one 2008'); 'went missing in 2014, 2015 and 2016'; 'in April this year'; context with no date "
    "('two living outside the UK', 'declined to give dates'); a last clause marked '[truncated]' or '...'; "
    "clauses separated by ';', ',', ' and ', ' but ', ' while ' or a full stop"
)



# ---------------------------------------------------------------- public types


@dataclass(frozen=True)
class SnapshotWindow:
    """The dates between which the force counted; either end may be unknown (None)."""

    start: datetime.date | None
    end: datetime.date | None

    def __post_init__(self) -> None:
        if self.start is not None and self.end is not None and self.start > self.end:
            raise ValueError(f"snapshot window starts {self.start} after it ends {self.end}")


@dataclass(frozen=True)
class CaseGroup:
    """One clause's worth of cases and the bounds, in years, on their time missing."""

    cases: int | None
    years_min: float | None
    years_max: float | None
    kind: str
    text: str
    rule: str


@dataclass(frozen=True)
class DurationReading:
    """Everything read from one `duration_text`."""

    groups: tuple[CaseGroup, ...]
    notes: tuple[str, ...]
    disclosed: bool
    rule: str
    note_rules: tuple[str, ...] = ()  # the rule that recognised each note, in the order of `notes`

    @property
    def cases_described(self) -> int:
        return sum(g.cases or 0 for g in self.groups if g.kind == "cases")

    def longest(self, exact_total: int | None) -> tuple[float | None, float | None]:
        """Bounds on the longest time any offender had been missing.

        min = largest years_min over all groups (None if none known).
        max = known only if the description is exhaustive: a "longest" group exists (use its
        years_max), or exact_total is not None and cases_described == exact_total and every
        "cases" group has years_max (then the largest years_max); otherwise None.
        """
        if exact_total is not None and self.cases_described > exact_total:
            raise ValueError(
                f"the duration text describes {self.cases_described} cases but the total is {exact_total}"
            )
        mins = [g.years_min for g in self.groups if g.years_min is not None]
        low = max(mins) if mins else None
        high = self._longest_max(exact_total)
        if low is not None and high is not None and high < low:
            # parse_duration refuses such texts; only a hand-built reading can get here
            raise ValueError(f"contradictory groups: a case of at least {low:g} years, longest at most {high:g}")
        return low, high

    def _longest_max(self, exact_total: int | None) -> float | None:
        longest_groups = [g for g in self.groups if g.kind == "longest"]
        if longest_groups:
            # each bounds every case, so the tightest known one applies
            maxes = [g.years_max for g in longest_groups if g.years_max is not None]
            return min(maxes) if maxes else None
        cases = [g for g in self.groups if g.kind == "cases"]
        exhaustive = exact_total is not None and cases and self.cases_described == exact_total
        if not exhaustive or any(g.years_max is None for g in cases):
            return None
        return max(g.years_max for g in cases if g.years_max is not None)


class DurationError(ValueError):
    """The text cannot be read; str(error) says which clause and what forms are accepted."""
