"""The claims ledger: every checkable claim of the published story against the processed data.

Each claim in claims/<story>.yaml names a quantity (computed here from data/processed/ and the
reference files, with the evidence it used) and a match rule. The verdict is `supported`,
`contradicted` or `not_checkable`, and every `not_checkable` carries a `reason` from REASONS.
Whether a force's figure can check the story is decided by the one attribution rule
(attribution.py): a figure whose only source is the story itself is circular.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import yaml

from missing_offenders.analyse import analysis, rates, staffing
from missing_offenders.clean import attribution
from missing_offenders.ingest import paths, registry
from missing_offenders.ingest.errors import UnknownForceError
from missing_offenders.ingest.raw_refs import evidence_urls
from missing_offenders.ingest.rawio import read_csv

VERDICTS = ("supported", "contradicted", "not_checkable")
# Why a claim is not checkable: a small vocabulary, documented here and in the README.
REASONS = {
    "opinion": "a view, not a statement of fact",
    "quote": "words attributed to a person; what they said is not a figure the data can settle",
    "circular": "the only source for the figure is the story being checked, so it can only agree with itself",
    "requester_count": "a count made by the FOI requester (e.g. how many forces), not computable from the "
                       "per-force figures",
    "not_in_data": "checkable in principle, but the figures needed are not in data/raw",
    "law": "a statement about the law: for a person to check against the legislation, not the data",
    "unrelated": "text on the page that does not belong to the story (e.g. another story's photo caption): flag it",
    "not_mapped": "a number in a drafted claim that no rule maps to a quantity in the data: a person reads the "
                  "sentence and writes the claim (or its reason)",
}
LEDGER_COLUMNS = ["claim_id", "published_text", "asserts", "claimed", "computed", "verdict", "reason", "match",
                  "evidence", "evidence_url", "reviewed", "note"]
# evidence_url: each raw row the evidence names, as the address of its audit page line relative to reports/
# (audit.py), e.g. audit/raw/foi_rounds/2015_pa.csv.html#L7; reviewed: false for a drafted claim (drafter.py).


@dataclass
class Computed:
    value: object
    shown: str
    evidence: str
    note: str = ""
    tier: str = "high"  # attribution.tier of the figure; "circular" when the only source is the story checked

    @property
    def independent(self) -> bool:
        return self.tier != "circular"


def load(story: str) -> dict:
    path = paths.CLAIMS / f"{story}.yaml"
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    story_text = (paths.PUBLISHED_STORY / f"{spec['story']}.txt").read_text(encoding="utf-8")
    validate(spec, story_text, paths.relative(path))
    return spec


def validate(spec: dict, story_text: str, shown: str) -> None:
    """Every claim quotes the story verbatim, and every not_checkable claim has a known reason."""
    for claim in spec["claims"]:
        if claim["sentence"] not in story_text:
            raise ValueError(f"{shown}: claim {claim['id']}: sentence not found verbatim in the story: "
                             f"{claim['sentence'][:80]!r}")
        if claim["match"] == "not_checkable" and not claim.get("reason"):
            raise ValueError(f"{shown}: claim {claim['id']} is not_checkable without a reason")
        if claim.get("reason") and claim["reason"] not in REASONS:
            raise ValueError(f"{shown}: claim {claim['id']}: reason {claim['reason']!r} is not one of "
                             f"{', '.join(REASONS)}")


def _row_evidence(round_id: str, row: pd.Series) -> str:
    where = (f"{row['raw_file']} line {int(row['raw_line'])}; source {row['source_url']}"
             if not pd.isna(row["raw_line"]) else "no raw row: no published figure")
    corroborated = row.get("corroborating_sources")
    also = f"; corroborated by {corroborated}" if isinstance(corroborated, str) and corroborated else ""
    return f"data/processed/{round_id}/force_returns.csv force_id={row['force_id']} ({where}{also})"


class Quantities:
    """The computable quantities, by the names used in the claims file."""

    def __init__(self, round_id: str, story_url: str):
        self.round_id = round_id
        self.story_url = story_url
        self.tables = analysis.load_round(round_id)
        self.returns = self.tables["force_returns"].set_index("force_id", drop=False)
        self.summary = self.tables["summary"]
        self.facts = analysis.round_facts(self.tables)

    def _sourced(self, row: pd.Series, value, shown: str, note: str = "") -> Computed:
        """A force's figure with its attribution tier (attribution.py): circular when its only source is the story."""
        tier, _ = attribution.row_tier(row, (self.story_url,))
        return Computed(value, shown, _row_evidence(self.round_id, row), note, tier)

    def force_missing(self, claim) -> Computed:
        row = self.returns.loc[claim["force_id"]]
        low, high = row["missing_min"], row["missing_max"]
        value = int(low) if not pd.isna(low) and not pd.isna(high) and low == high else None
        return self._sourced(row, value, analysis.figure_label(low, high) or row["status"])

    def national_total(self, claim) -> Computed:
        total = analysis.summary_value(self.summary, "national_total_reported")
        attributed = analysis.summary_value(self.summary, "attributed_min")
        return Computed(total, str(total), f"data/processed/{self.round_id}/summary.csv measure=national_total_reported "
                        f"({analysis.summary_detail(self.summary, 'national_total_reported')[:60]}...)",
                        f"the forces' own published figures account for at least {attributed} of it",
                        self._national_tier())

    def _national_tier(self) -> str:
        """Circular when the round's national total has no source (round.csv source_url and the addresses in its
        notes, from rounds.csv) other than the story being checked; otherwise the published national figure counts as high."""
        if pd.isna(self.facts["rounds_csv_line"]):
            return "high"
        notes = "" if pd.isna(self.facts["notes"]) else self.facts["notes"]
        independent = attribution.independent_sources(self.facts["source_url"], notes, (self.story_url,))
        return "high" if independent else "circular"

    def forces_basis(self, claim) -> Computed:
        """The requester's own count of forces: shown, never computed (no stored sentence gives it force by force)."""
        basis = self.facts["forces_basis_as_published"]
        found = analysis.summary_value(self.summary, "forces_with_missing")
        return Computed(None, f"not computable: {found} forces can be named from published figures",
                        f"data/processed/{self.round_id}/round.csv forces_basis_as_published; summary.csv forces_with_missing",
                        f"the requester's own count; the transcriber records: '{basis}'; only {found} of the forces "
                        "can be named from published figures, so the count cannot be checked force by force")

    def force_duration_range(self, claim) -> Computed:
        cases = self.tables["cases"]
        mine = cases[cases["force_id"] == claim["force_id"]]
        ends = {kind: mine.loc[mine["kind"] == kind, "years_min"] for kind in ("shortest", "longest")}
        value = None if any(len(v) != 1 for v in ends.values()) else [float(ends["shortest"].iloc[0]),
                                                                          float(ends["longest"].iloc[0])]
        shown = "no range published" if value is None else f"{value[0]:g} to {value[1]:g} years"
        return self._sourced(self.returns.loc[claim["force_id"]], value, shown)

    def force_duration_disclosed(self, claim) -> Computed:
        row = self.returns.loc[claim["force_id"]]
        return self._sourced(row, row["duration_text"], f"duration_text '{row['duration_text']}'")

    def force_duration_text(self, claim) -> Computed:
        row = self.returns.loc[claim["force_id"]]
        low, high = row["longest_missing_years_min"], row["longest_missing_years_max"]
        return self._sourced(row, row["duration_text"],
                             f"'{row['duration_text']}' ({low:.2f} to {high:.2f} years at the count)")

    def force_cases(self, claim) -> Computed:
        cases = self.tables["cases"]
        mine = cases[(cases["force_id"] == claim["force_id"]) & (cases["kind"] == "cases")]
        others = self.returns[(self.returns["longest_missing_years_min"] >= float(claim["claimed"]))
                              & (self.returns["force_id"] != claim["force_id"])]
        mine_max = self.returns.loc[claim["force_id"], "longest_missing_years_max"]

        def compared(r) -> str:
            longer = not pd.isna(mine_max) and r.longest_missing_years_min > mine_max
            return (f"{r.force_name} at least {analysis.floor1(r.longest_missing_years_min):.1f} years "
                    f"('{r.duration_text}'), {'longer than' if longer else 'as long as'} this force's longest"
                    + (f" ({mine_max:g} years, as stated)" if not pd.isna(mine_max) else ""))
        note = ("as long or longer elsewhere in the same round: " + "; ".join(compared(r) for r in others.itertuples())
                + "; a duration stated in whole years is taken at face value") if len(others) else ""
        value = [(r.years_min, r.years_max) for r in mine.itertuples()]
        shown = "; ".join(f"'{r.text}': {r.years_min:g} to {r.years_max:g} years" for r in mine.itertuples())
        return self._sourced(self.returns.loc[claim["force_id"]], value, shown, note)

    def staffing_ratio(self, claim) -> Computed:
        ratio = staffing.load()
        return Computed(ratio.per_staff, f"{ratio.offenders} / {ratio.staff} = {ratio.per_staff:.2f}",
                        f"{ratio.offenders_source}; {ratio.staff_source}",
                        f"'about {ratio.staff}' staff: {ratio.per_staff_range[0]:.1f} to "
                        f"{ratio.per_staff_range[1]:.1f} for {ratio.staff_range[0]} to {ratio.staff_range[1]} staff")

    def staffing_staff(self, claim) -> Computed:
        ratio = staffing.load()
        return Computed(ratio.staff, f"about {ratio.staff}", ratio.staff_source, "the NSPCC's own figure is approximate")

    def staffing_offenders(self, claim) -> Computed:
        ratio = staffing.load()
        return Computed(ratio.offenders, f"{ratio.offenders:,}", ratio.offenders_source,
                        "NSPCC police-FOI basis; the MoJ's MAPPA count at 31 March 2015 was 49,466")

    def register_series(self, claim) -> Computed:
        registers, unused = rates.national_register_rows()
        years = sorted(d for d in registers if d.year <= 2015)
        series = [(d.year, registers[d].count) for d in years]
        return Computed([c for _, c in series], ", ".join(f"{y}: {c:,}" for y, c in series),
                        "data/raw/reference/mappa_england_wales_national.csv (31 March counts, England and Wales)",
                        "not every year has a usable count, so some year-on-year changes are not seen; rows not used: "
                        + "; ".join(unused))

    def disclosure_wording(self, claim) -> Computed:
        """The claimed wording in police forces' own FOI answers of the round's year, each with its sentence.
        Only answers by a police force count (a requester's blog about a Home Office answer is not one)."""
        year = str(self.facts["snapshot_end"].year)
        forces = registry.load()
        rows = []
        for r in read_csv(paths.DISCLOSURE_LOGS, ("force", "date", "verbatim_answer", "platform")):
            if not r.get("date").startswith(year):
                continue
            try:
                forces.resolve(r.get("force"))
            except UnknownForceError:  # not a police force (e.g. the Home Office): not an FOI answer by a force
                continue
            rows.append(r)
        phrase = str(claim["claimed"]).lower().replace("-", " ")
        hits = []
        for r in rows:
            sentences = re.split(r"(?<=[.!?])\s+", r.get("verbatim_answer"))
            said = [t for t in sentences if phrase in t.lower().replace("-", " ")]
            if said:
                hits.append((r, said[0]))
        shown = "; ".join(f"{r.get('force')} ({r.get('platform')}): '{sentence}'" for r, sentence in hits)
        return Computed(len(hits), f"in {len(hits)} of {len(rows)} police FOI answers of {year} on file: {shown}",
                        "data/raw/reference/foi_disclosure_logs.csv lines " + ", ".join(str(r.line) for r, _ in hits),
                        f"answers of {year}: " + "; ".join(r.get("force") for r, _ in hits) + "; "
                        "the same standard wording ('only valid for the date in question because the information is "
                        "dynamic') is in other forces' answers of other years on file; the other 2015 answers to the "
                        "Press Association are not in the data, and the West Yorkshire answer is quoted by a newspaper "
                        "whose request may not be the Press Association's (low attribution confidence)")


def judge(claim: dict, computed: Computed | None) -> str:
    rule = claim["match"]
    if rule == "not_checkable" or computed is None or not computed.independent:
        return "not_checkable"
    value, claimed = computed.value, claim.get("claimed")
    if value is None:
        return "not_checkable"
    checks = {
        "exact": lambda: value == claimed,
        "nearly": lambda: claimed - claim.get("tolerance", 0) <= value < claimed,
        "more_than": lambda: value > claimed,
        "about": lambda: abs(value - claimed) <= claim.get("tolerance", 0),
        "rounded": lambda: round(value / claim["to"]) * claim["to"] == claimed,
        "range": lambda: [float(v) for v in value] == [float(c) for c in claimed],
        "has_case": lambda: any(not (math.isnan(lo) or math.isnan(hi)) and lo <= claimed <= hi for lo, hi in value),
        "described": lambda: str(claimed).lower() in str(value).lower(),
        "not_disclosed": lambda: any(w in str(value).lower() for w in ("not revealed", "not disclosed")),
        "increasing": lambda: all(b > a for a, b in zip(value, value[1:])),
        "in_source": lambda: value > 0,
    }
    if rule not in checks:
        raise ValueError(f"claim {claim['id']}: unknown match rule {rule!r}")
    return "supported" if checks[rule]() else "contradicted"


def reason_for(claim: dict, computed: Computed | None, verdict: str) -> str:
    """The REASONS code of a not_checkable verdict ('' otherwise)."""
    if verdict != "not_checkable":
        return ""
    if claim.get("reason"):
        return claim["reason"]
    if computed is not None and not computed.independent:
        return "circular"
    return "not_in_data"


def _note(claim: dict, computed: Computed | None, reason: str) -> str:
    parts = []
    if reason == "circular" and not claim.get("reason"):
        parts.append("circular: the only published source for this figure is the story being checked, with no "
                     "corroborating source; it agrees with itself")
    if claim.get("note"):
        parts.append(claim["note"])
    if computed is not None and computed.note:
        parts.append(computed.note)
    if not parts and reason:
        parts.append(REASONS[reason])
    return "; ".join(parts)


def ledger(story: str) -> pd.DataFrame:
    return ledger_from_spec(load(story))


def ledger_from_spec(spec: dict) -> pd.DataFrame:
    """The ledger of a claims file, reviewed (claims/*.yaml) or drafted (`reviewed: false`, drafter.py)."""

    quantities = Quantities(spec["round_id"], spec["story_url"])
    reviewed = "true" if spec.get("reviewed", True) else "false"
    rows = []
    for claim in spec["claims"]:
        computed = getattr(quantities, claim["quantity"])(claim) if claim.get("quantity") else None
        verdict = judge(claim, computed)
        reason = reason_for(claim, computed, verdict)
        claimed = claim.get("printed", claim.get("claimed", ""))
        evidence = computed.evidence if computed else ""
        rows.append({
            "claim_id": claim["id"], "published_text": claim["sentence"], "asserts": claim["asserts"],
            "claimed": claimed if not isinstance(claimed, list) else " to ".join(map(str, claimed)),
            "computed": computed.shown if computed else "",
            "verdict": verdict, "reason": reason, "match": claim["match"],
            "evidence": evidence, "evidence_url": evidence_urls(evidence), "reviewed": reviewed,
            "note": _note(claim, computed, reason),
        })
    return pd.DataFrame(rows, columns=LEDGER_COLUMNS)


def ledger_path() -> Path:
    return paths.REPORTS / "claims_ledger.csv"
