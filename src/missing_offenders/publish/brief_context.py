"""What a force brief says, before any HTML: the force's row and its round gathered once
(`BriefContext`), and the wording rules that turn them into plain sentences a local reporter can use:
the force's own term, who it told and when, how long offenders were missing, and the hedge a figure
of less than high confidence needs.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from missing_offenders.analyse import analysis, conflicts
from missing_offenders.analyse import processed_rounds
from missing_offenders.clean import attribution, readings, review
from missing_offenders.publish import wording
from missing_offenders.ingest import paths, rounds


KIND_LABEL = {"shortest": "shortest case", "longest": "longest case"}


@dataclass
class BriefContext:
    round_id: str
    force_id: str
    row: pd.Series            # the force's row of force_returns
    ranked: pd.DataFrame      # analysis.missing_by_force
    summary: pd.DataFrame
    cases: pd.DataFrame       # the force's rows of missing_cases
    info: rounds.RoundInfo
    story_urls: tuple = ()    # the published stories checked against this round (claims/*.yaml)
    conflicts: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=conflicts.COLUMNS))
    other_rounds: pd.DataFrame = field(default_factory=pd.DataFrame)  # this force's rows in other rounds
    review: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=review.REVIEW_COLUMNS))  # needs_review.csv rows
    readings: dict = field(default_factory=dict)  # column -> readings.Reading: the force's fields read by a person

    @property
    def name(self) -> str:
        return self.row["force_name"]

    @property
    def total(self) -> int | None:
        return analysis.summary_value(self.summary, "national_total_reported")

    @property
    def tier(self) -> str:
        return attribution.row_tier(self.row, self.story_urls)[0]

    @property
    def independent(self) -> list[str]:
        return attribution.row_tier(self.row, self.story_urls)[1]

    @property
    def requester(self) -> str | None:
        return wording.requester_name(self.info.publisher)

    @property
    def outlet(self) -> str | None:
        return wording.outlet_of(self.row["source_title"])

    def count_when(self) -> str | None:
        """The date of the count: the force's own date if its sentence gives one, else the round's window."""
        own = wording.own_count_date(self.row["verbatim"], self.info.snapshot_start, self.info.snapshot_end)
        if own:
            phrase, inferred = own
            return phrase + (" (the year is inferred, not stated)" if inferred else "")
        return wording.count_period(self.info.snapshot_start, self.info.snapshot_end)


def context(round_id: str, force_id: str) -> BriefContext:
    tables = analysis.load_round(round_id)
    returns, summary = tables["force_returns"], tables["summary"]
    row = returns[returns["force_id"] == force_id].iloc[0]
    total = analysis.summary_value(summary, "national_total_reported")
    cases = tables["cases"][tables["cases"]["force_id"] == force_id]
    everywhere, found = conflicts.everything()
    return BriefContext(round_id, force_id, row, analysis.missing_by_force(returns, total), summary, cases,
                        processed_rounds.info(round_id), attribution.checked_story_urls(round_id),
                        conflicts.for_force(found, force_id),
                        everywhere[(everywhere["force_id"] == force_id) & (everywhere["round_id"] != round_id)],
                        force_review(round_id, force_id), force_readings(round_id, row))


def force_review(round_id: str, force_id: str) -> pd.DataFrame:
    """The force's items in the round's needs_review.csv (written by the cleaning, every round has one)."""
    items = pd.read_csv(paths.PROCESSED / round_id / "needs_review.csv", dtype=str, keep_default_na=False)
    return items[items["force_id"] == force_id].reset_index(drop=True)


def force_readings(round_id: str, row: pd.Series) -> dict:
    """The readings (data/raw/readings/<round_id>.csv) of the force's raw row, by column."""
    if pd.isna(row["raw_line"]) or not isinstance(row["raw_file"], str):
        return {}
    found = readings.load(round_id)
    return {column: found[key] for column in readings.READABLE_COLUMNS
            if (key := (row["raw_file"], int(row["raw_line"]), column)) in found}


def plural(n: int, word: str = "registered sex offender") -> str:
    """House style: numbers below ten in words."""
    return wording.count_words(n, word)


def humane_years(low, high) -> str:
    """Bounds on a duration for a sentence: '8 years and 9 months' (a stated duration, as stated),
    '8 to 10 years', 'at least a year', '5 to 8 months' (analysis.bounds_label: rounded outwards)."""
    def unit(value: float, upper: bool) -> str:
        if value < 1:
            months = max(1, math.ceil(value * 12) if upper else math.floor(value * 12))
            return f"{months} month{'' if months == 1 else 's'}"
        years = math.ceil(value) if upper else math.floor(value)
        return "a year" if years == 1 else f"{years} years"

    def span(lower: str, upper: str) -> str:
        if ("month" in lower) == ("month" in upper):  # same unit: "8 to 10 years", "5 to 8 months"
            return f"{'1' if lower.startswith('a ') else lower.split()[0]} to {upper}"
        return f"{lower} to {upper}"

    return analysis.bounds_label(low, high, lower=lambda v: unit(v, upper=False), upper=lambda v: unit(v, upper=True),
                                 exact=wording.exact_duration, span=span)


def round_label(ctx: BriefContext) -> str:
    who = ctx.requester or "an unnamed requester"
    when = ctx.count_when()
    return f"Freedom of information requests by {who}" + (f", count taken {when}" if when else "") + "."


def separates_wanted_from_missing(country: str) -> bool:
    """True when the official figures for this country count 'wanted' and 'missing' offenders
    separately (reference/scotland_ni_rso.csv has both measures): Police Scotland does."""
    from missing_offenders.ingest.rawio import read_csv
    measures = [r.get("measure").lower() for r in read_csv(paths.SCOTLAND_NI_REGISTERS, ("jurisdiction", "measure"))
                if r.get("jurisdiction") == country]
    single = [m for m in measures if "/" not in m]
    return any("wanted" in m for m in single) and any("missing" in m for m in single)


def _force_words(row: pd.Series) -> tuple[str, ...]:
    words = [row["force_as_reported"]] if isinstance(row["force_as_reported"], str) else []
    return tuple(words + [row["force_name"].split()[0]])


def own_term(ctx: BriefContext) -> wording.Term | None:
    return wording.own_term(ctx.row["verbatim"], ctx.row["count_text"], _force_words(ctx.row))


def _attributed(ctx: BriefContext, clause: str) -> str:
    """'{Force} told {requester} {when} that {clause}', attributed to the outlet that reported it."""
    name = wording.subject(ctx.name)
    told = f"{name} told {ctx.requester}" if ctx.requester else f"{name} said"
    when = ctx.count_when()
    text = f"{told}{' ' + when if when else ''} that {clause}"
    if ctx.outlet:
        outlet = wording.outlet_phrase(ctx.outlet)
        if ctx.tier == "high":
            return f"{text}, {outlet} reported."
        return f"According to {outlet}, {text[0].lower() + text[1:] if text.startswith('The ') else text}."
    return text + "."


def figure_sentence(ctx: BriefContext) -> str:
    """The force's figure and status in plain words, in the force's own term, with who reported it and when."""
    row, name = ctx.row, ctx.name
    low, high, status = row["missing_min"], row["missing_max"], row["status"]
    if status == "reported":
        if pd.isna(high):
            return _attributed(ctx, wording.figure_clause(own_term(ctx), int(low), at_least=True))
        if low == high:
            return _attributed(ctx, wording.figure_clause(own_term(ctx), int(low)))
        return _attributed(ctx, f"its figure was between {int(low)} and {int(high)} (a censored figure)")
    if status == "cases_only":
        described = wording.drop_parentheticals(str(row["duration_text"]))
        who = f"{wording.outlet_phrase(ctx.outlet)} reported" if ctx.outlet else "Reports describe"
        who = who[0].upper() + who[1:]
        return (f"No total for the {name} area was published. {who} {plural(int(low), 'case')}: {described}. So at "
                f"least {plural(int(low), 'offender')} "
                f"{'was' if low == 1 else 'were'} missing.")
    if status == "refused":
        cited = f", citing {row['exemptions'].replace(';', ', ')}" if isinstance(row["exemptions"], str) and row["exemptions"] else ""
        return f"{name} refused to give a figure{cited}."
    if status == "no_response":
        return f"{name} did not provide a figure ('{row['count_text']}')."
    unattributed = analysis.summary_value(ctx.summary, "unattributed_max")
    remainder = (f" Its figure is part of the national total of {ctx.total} only if it reported one: at most "
                 f"{unattributed} offenders are counted nationally but not attributed to a named force.") if ctx.total else ""
    return f"No figure for {name} was found in published reports of this round.{remainder}"


def context_sentences(ctx: BriefContext) -> list[str]:
    """Context the force gave with its figure (offenders believed abroad...), as reported, from the published
    text and from the transcriber's notes."""
    return wording.force_context(ctx.row["duration_text"], ctx.row["notes"])


def published_context(ctx: BriefContext) -> list[str]:
    """The context that is in the published text itself: what a reporter may repeat with the source's name."""
    return wording.force_context(ctx.row["duration_text"], None)


def noted_context(ctx: BriefContext) -> list[str]:
    """Context only the transcriber's notes give: shown to the reporter, never in the suggested wording."""
    published = published_context(ctx)
    return [part for part in context_sentences(ctx) if part not in published]


def figure_hedge(ctx: BriefContext) -> str:
    """Said next to the figure itself when its attribution is not high confidence, as everywhere else."""
    if ctx.tier == "high" or ctx.row["status"] not in analysis.COUNTED:
        return ""
    return f"Attribution confidence {ctx.tier}: {attribution.TIER_MEANING[ctx.tier]}."


def conflict_note(ctx: BriefContext) -> str:
    """The instruction a figure with conflicting sources needs, whatever its attribution confidence."""
    if not len(ctx.conflicts):
        return ""
    return (f" [Sources conflict on {ctx.name}'s figures (see Conflicting figures): confirm with {ctx.name} "
            "before publishing.]")


def inferred_notes(ctx: BriefContext) -> list[str]:
    """For each case read from a relative date ('since August'), that its year is inferred."""
    end = ctx.info.snapshot_end
    return [f"'{wording.drop_parentheticals(str(r.text))}': "
            f"{wording.inferred_year_note(r.rule, r.years_min, end)}"
            for r in ctx.cases.itertuples() if r.rule in wording.INFERRED_RULES]


def known(value) -> bool:
    return not pd.isna(value)


def longest_phrase(row: pd.Series, inferred: list[str] | None = None) -> str:
    span = humane_years(row["longest_missing_years_min"], row["longest_missing_years_max"])
    if not span:
        return ""
    note = f" ({'; '.join(inferred)})" if inferred else ""
    return f"The longest time missing was {span}{note}."


def hedge_note(ctx: BriefContext) -> str:
    """The bracketed instruction to the reporter for a figure that is not high confidence."""
    if ctx.tier == "high" or ctx.row["status"] not in analysis.COUNTED:
        return ""
    if ctx.tier == "circular":
        return (f" [The only source for this figure is the story being checked: confirm it with {ctx.name} "
                "before publishing.]")
    return f" [Attribution confidence {ctx.tier}: confirm the figure with {ctx.name} first.]"


def longest_at_count(row: pd.Series) -> str:
    """The longest time missing at the count, in words (the bounds in years are in the table below it: two
    decimal places in a sentence would claim a precision the words 'since 2000' do not have), or that it
    cannot be worked out from what was published."""
    span = humane_years(row["longest_missing_years_min"], row["longest_missing_years_max"])
    if not span:
        return "The longest time missing cannot be worked out from what was published."
    return f"The longest time missing at the count was {span}."


def rank_sentence(ctx: BriefContext) -> str:
    """Where the force sits in the round's ranking, with ties named and its share of the national total."""
    ranked = ctx.ranked
    mine = ranked[ranked["force_id"] == ctx.force_id]
    if mine.empty:
        return f"{ctx.name} is not in the national ranking: {len(ranked)} forces had a published figure or described cases."
    me = mine.iloc[0]
    ranked_count = int(ranked["rank"].notna().sum())
    if pd.isna(me["rank"]):
        return (f"{ctx.name} is not ranked: only described cases are known, so its figure is at least "
                f"{me['missing_min']}. {ranked_count} forces gave a figure that can be ranked.")
    not_found = analysis.summary_value(ctx.summary, "forces_not_published") or 0
    among = (f"the {ranked_count} forces whose figure was found in published reports"
             + (f" (none was found for {not_found})" if not_found else ""))
    if me["missing_min"] == 0:  # a rank and a share of nothing say nothing
        return f"{ctx.name} reported none: one of the {ranked_count} forces whose figure was found in published reports."
    ties = ranked[(ranked["rank"] == me["rank"]) & (ranked["force_id"] != ctx.force_id)]
    tie = f" (level with {', '.join(ties['force_name'])})" if len(ties) else ""
    share = (f" It is {me['share_of_national_pct']:.1f}% of the national total of {ctx.total}."
             if not pd.isna(me["share_of_national_pct"]) else "")
    place = "highest" if me["rank"] == 1 else analysis.ordinal(int(me["rank"])) + " highest"
    return f"{ctx.name} has the {place} figure{tie} of {among}.{share}"


def suggested_text(ctx: BriefContext) -> str:
    """Wording a reporter can use: the force's own term, who reported it, when the count was taken;
    hedged unless the attribution is high confidence. A force without a figure gets a prompt to ask."""
    row, name = ctx.row, ctx.name
    requester = ctx.requester or "the requester"
    when = ctx.info and wording.count_period(ctx.info.snapshot_start, ctx.info.snapshot_end)
    national = (f" Nationally, {ctx.total} registered sex offenders were reported missing in freedom of "
                f"information responses to {requester}{' ' + when if when else ''}.") if ctx.total else ""
    if row["status"] == "not_published":
        return f"No figure for {name} was among those published.{national} [Ask {name} for its figure before reporting one.]"
    text = figure_sentence(ctx)
    inferred = [n.replace("'", "") for n in inferred_notes(ctx)]
    if row["status"] in analysis.COUNTED:
        text = f"{text} {longest_phrase(row, inferred)}".rstrip()
        extra = published_context(ctx)  # not the transcriber's notes: their source is not recorded
        if extra:
            text += f" Context given with the figure: {'; '.join(extra)}."
    return text + national + hedge_note(ctx) + conflict_note(ctx)
