"""The content of a force brief: plain words a local reporter can use, each fact with its source.

Every function returns an HTML fragment (escaped), so the brief notebook's outputs are compared by
nbval and rendered as they are in the HTML brief.
"""
from __future__ import annotations

import math
from functools import lru_cache
from dataclasses import dataclass, field
from html import escape

import pandas as pd

from missing_offenders.analyse import analysis, conflicts
from missing_offenders.clean import attribution
from missing_offenders.publish import audit, links, publication, wording
from missing_offenders.ingest import paths, rounds

GENERAL_CAVEATS = (
    "Forces use 'missing', 'wanted' and 'whereabouts unknown' interchangeably; Police Scotland separates "
    "'wanted' from 'missing'.",
    "Each force counted on its own date in the snapshot window, and forces stress that the figures are dynamic: "
    "they change as arrests are made or new cases come to light.",
    "Figures are as published by the press; the force's own FOI answer was not seen unless a disclosure log is cited.",
)


STATUS_LABEL = {
    "reported": "figure published",
    "cases_only": "cases described, no total published",
    "refused": "refused to give a figure",
    "no_response": "no figure given",
    "not_published": "no published figure found",
}
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
                        rounds.info_for(round_id), attribution.checked_story_urls(round_id),
                        conflicts.for_force(found, force_id),
                        everywhere[(everywhere["force_id"] == force_id) & (everywhere["round_id"] != round_id)])


def _p(text: str) -> str:
    return f"<p>{escape(text)}</p>"


def _plural(n: int, word: str = "registered sex offender") -> str:
    """House style: numbers below ten in words."""
    return wording.count_words(n, word)


def humane_years(low, high) -> str:
    """'8 years and 9 months' (a stated duration, as stated), '8 to 10 years', 'at least a year',
    '5 to 8 months': bounds rounded outwards, so a lower bound never reads higher than the data
    allow, nor an upper bound lower."""
    def unit(value: float, upper: bool) -> str:
        if value < 1:
            months = max(1, math.ceil(value * 12) if upper else math.floor(value * 12))
            return f"{months} month{'' if months == 1 else 's'}"
        years = math.ceil(value) if upper else math.floor(value)
        return "a year" if years == 1 else f"{years} years"

    if pd.isna(low) and pd.isna(high):
        return ""
    if pd.isna(high):
        return f"at least {unit(low, upper=False)}"
    if pd.isna(low):
        return f"up to {unit(high, upper=True)}"
    if low == high:  # a duration stated as such: exactly as stated, never rounded
        return wording.exact_duration(low)
    lower, upper = unit(low, upper=False), unit(high, upper=True)
    if ("month" in lower) == ("month" in upper):  # same unit: "8 to 10 years", "5 to 8 months"
        return f"{'1' if lower.startswith('a ') else lower.split()[0]} to {upper}"
    return f"{lower} to {upper}"


def round_label(ctx: BriefContext) -> str:
    who = ctx.requester or "an unnamed requester"
    when = ctx.count_when()
    return f"Freedom of information requests by {who}" + (f", count taken {when}" if when else "") + "."


def separates_wanted_from_missing(country: str) -> bool:
    """True when the official figures for this country count 'wanted' and 'missing' offenders
    separately (reference/scotland_ni_rso.csv has both measures): Police Scotland does."""
    from missing_offenders.ingest.rawio import read_csv
    measures = [r.get("measure").lower() for r in read_csv(paths.REFERENCE / "scotland_ni_rso.csv",
                                                           ("jurisdiction", "measure"))
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
        return (f"No total for the {name} area was published. {who} {_plural(int(low), 'case')}: {described}. So at "
                f"least {_plural(int(low), 'offender')} "
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
    """Context the force gave with its figure (offenders believed abroad...), as reported."""
    return wording.force_context(ctx.row["duration_text"], ctx.row["notes"])


def figure_html(ctx: BriefContext) -> str:
    status = ctx.row["status"]
    label = analysis.figure_label(ctx.row["missing_min"], ctx.row["missing_max"]) or "no figure"
    extra = context_sentences(ctx)
    context_html = (f"<p class='context'>Context given with the figure: {escape('; '.join(extra))}.</p>" if extra else "")
    return (f"<h2>The figure</h2><p class='figure'><strong>{escape(label)}</strong> "
            f"<span class='status'>({escape(analysis.status_words(status))})</span></p>"
            + _p(figure_sentence(ctx)) + context_html)


def source_html(ctx: BriefContext) -> str:
    row = ctx.row
    if pd.isna(row["verbatim"]):
        return "<h2>The source</h2>" + _p("No published sentence gives a figure for this force in this round.")
    notes = f"<p class='note'>Transcriber's note: {escape(row['notes'])}</p>" if isinstance(row["notes"], str) else ""
    corroborated = (f"<div class='note'>Corroborating sources, each with the sentence it supports where the data "
                    f"give it: {audit.sources_html(row['corroborating_sources'])}</div>"
                    if isinstance(row["corroborating_sources"], str) else "")
    return (
        "<h2>The source</h2>"
        f"<blockquote>{escape(row['verbatim'])}</blockquote>"
        f"<p>Source: {links.source_link(row['source_url'], row['source_title'])}, "
        f"published {escape(str(row['published_date']))}. "
        f"{escape(attribution.explain(ctx.tier, row['confidence'], ctx.independent))} "
        f"Raw row: {audit.raw_line_link(row['raw_file'], row['raw_line'], base=paths.BRIEFS / ctx.round_id)}.</p>"
        f"{corroborated}{notes}"
    )


def _case_label(kind: str, cases) -> str:
    if kind in KIND_LABEL:
        return KIND_LABEL[kind]
    return "" if pd.isna(cases) else _plural(int(cases), "case")


def inferred_notes(ctx: BriefContext) -> list[str]:
    """For each case read from a relative date ('since August'), that its year is inferred."""
    end = ctx.info.snapshot_end
    return [f"'{wording.drop_parentheticals(str(r.text))}': "
            f"{wording.inferred_year_note(r.rule, r.years_min, end)}"
            for r in ctx.cases.itertuples() if r.rule in wording.INFERRED_RULES]


def duration_html(ctx: BriefContext) -> str:
    row = ctx.row
    text = row["duration_text"]
    if pd.isna(text):
        return "<h2>How long</h2>" + _p("No duration was published for this force.")
    low, high = row["longest_missing_years_min"], row["longest_missing_years_max"]
    span = humane_years(low, high)
    if not span:
        longest = "The longest time missing cannot be worked out from what was published."
    else:
        bounds = f"{low:.2f}" if _known(low) else "?"
        bounds += "" if _known(high) and high == low else f" to {high:.2f}" if _known(high) else " or more"
        longest = f"The longest time missing at the count was {span} ({bounds} years)."
    inferred = "".join(f"<p class='note'>{escape(n)}.</p>" for n in inferred_notes(ctx))
    rows = "".join(
        f"<tr><td>{escape(wording.drop_parentheticals(str(r.text)))}</td><td>{escape(_case_label(r.kind, r.cases))}</td>"
        f"<td>{'' if pd.isna(r.years_min) else f'{r.years_min:.2f}'}</td>"
        f"<td>{'' if pd.isna(r.years_max) else f'{r.years_max:.2f}'}</td></tr>"
        for r in ctx.cases.itertuples())
    table = (f"<table><tr><th>as written</th><th>which cases</th><th>years, at least</th><th>years, at most</th></tr>"
             f"{rows}</table>" if rows else "")
    return (f"<h2>How long</h2><p>As published: <em>{escape(text)}</em></p>" + _p(longest) + inferred + table)


def rank_html(ctx: BriefContext) -> str:
    ranked = ctx.ranked
    mine = ranked[ranked["force_id"] == ctx.force_id]
    if mine.empty:
        return "<h2>Nationally</h2>" + _p(
            f"{ctx.name} is not in the national ranking: {len(ranked)} forces had a published figure or described cases.")
    me = mine.iloc[0]
    ranked_count = int(ranked["rank"].notna().sum())
    if pd.isna(me["rank"]):
        return "<h2>Nationally</h2>" + _p(
            f"{ctx.name} is not ranked: only described cases are known, so its figure is at least {me['missing_min']}. "
            f"{ranked_count} forces gave a figure that can be ranked.")
    ties = ranked[(ranked["rank"] == me["rank"]) & (ranked["force_id"] != ctx.force_id)]
    tie = f" (level with {', '.join(ties['force_name'])})" if len(ties) else ""
    share = (f" It is {me['share_of_national_pct']:.1f}% of the national total of {ctx.total}."
             if not pd.isna(me["share_of_national_pct"]) else "")
    return "<h2>Nationally</h2>" + _p(
        f"{ctx.name} has the {'highest' if me['rank'] == 1 else analysis.ordinal(int(me['rank'])) + ' highest'} figure "
        f"of the {ranked_count} forces that gave one{tie}.{share}")


def with_ties(ranked: pd.DataFrame, first: int, last: int) -> pd.DataFrame:
    """Rows first..last (positions) of a ranked table, widened so that no tie is cut at either end."""
    ranked = ranked.reset_index(drop=True)
    if ranked.empty:
        return ranked
    first, last = max(0, first), min(len(ranked) - 1, last)
    low_rank, high_rank = ranked.loc[first, "rank"], ranked.loc[last, "rank"]
    return ranked[(ranked["rank"] >= low_rank) & (ranked["rank"] <= high_rank)]


def neighbours_html(ctx: BriefContext, width: int = 2) -> str:
    """The forces ranked just above and below (the registry holds no map, so 'neighbours' are by figure);
    ties at either end are kept whole."""
    ranked = ctx.ranked.reset_index(drop=True)
    mine = ranked.index[ranked["force_id"] == ctx.force_id]
    if len(mine):
        i = int(mine[0])
        near = with_ties(ranked, i - width, i + width)
    else:
        near = with_ties(ranked, 0, 2 * width)
    highlight = " class='me'"
    rows = "".join(
        f"<tr{highlight if r.force_id == ctx.force_id else ''}><td>{'not ranked' if pd.isna(r.rank) else int(r.rank)}</td><td>{escape(r.force_name)}</td>"
        f"<td>{escape(r.label)}</td></tr>" for r in near.itertuples())
    heading = "Forces with similar figures" if len(mine) else "The forces with the highest figures"
    return f"<h2>{heading}</h2><table><tr><th>rank</th><th>force</th><th>missing</th></tr>{rows}</table>"


def conflicts_html(ctx: BriefContext) -> str:
    """Figures for this force that conflict across sources or rounds (conflicts.py), and its other counts."""
    parts = []
    if len(ctx.conflicts):
        items = "".join(f"<li>{escape(c.figures)}: {escape(c.why)}. Sources: "
                        f"{audit.evidence_html(c.sources, base=paths.BRIEFS / ctx.round_id)}</li>"
                        for c in ctx.conflicts.itertuples())
        parts.append(f"<h2>Conflicting figures</h2><p>Check these before using the figure:</p><ul>{items}</ul>")
    parts.append(across_rounds_html(ctx))
    return "".join(parts)


def caveats_html(ctx: BriefContext) -> list[str]:
    row = ctx.row
    items = list(GENERAL_CAVEATS)
    if ctx.total:
        value = lambda m: analysis.summary_value(ctx.summary, m)  # noqa: E731
        items.append(f"The national total ({ctx.total}) is UK-wide; the forces' own published figures account for "
                     f"at least {value('attributed_min')} of it, of which {value('attributed_min_high')} are "
                     f"high-confidence figures and {value('attributed_min_high_medium')} high or medium.")
    if row["status"] in ("reported", "cases_only") and ctx.tier != "high":
        items.append(f"{attribution.explain(ctx.tier, row['confidence'], ctx.independent)} "
                     f"{attribution.TIER_MEANING[ctx.tier].capitalize()}: confirm the figure with {ctx.name} before "
                     "publishing.")
    term = own_term(ctx)
    if term is not None and term.key == "missing" and separates_wanted_from_missing(row["country"]):
        items.append(f"{ctx.name} counts 'wanted' and 'missing' registered sex offenders separately; this source "
                     "speaks only of 'missing', so it does not say how many were 'wanted'.")
    if row["status"] == "cases_only":
        items.append("Only individual cases were reported for this force; its total may be higher.")
    if row["status"] == "not_published":
        items.append("Do not report this force as having no missing offenders: no figure was published.")
    if len(ctx.conflicts):
        items.append(f"{len(ctx.conflicts)} conflicting figure{'' if len(ctx.conflicts) == 1 else 's'} for this force "
                     "(see 'Conflicting figures').")
    return items


def caveats_block(ctx: BriefContext) -> str:
    return "<h2>Caveats</h2><ul>" + "".join(f"<li>{escape(c)}</li>" for c in caveats_html(ctx)) + "</ul>"


def _known(value) -> bool:
    return not pd.isna(value)


def longest_phrase(row: pd.Series, inferred: list[str] | None = None) -> str:
    span = humane_years(row["longest_missing_years_min"], row["longest_missing_years_max"])
    if not span:
        return ""
    note = f" ({'; '.join(inferred)})" if inferred else ""
    return f"The longest time missing was {span}{note}."


def hedge_note(ctx: BriefContext) -> str:
    """The bracketed instruction to the reporter for a figure that is not high confidence."""
    if ctx.tier == "high" or ctx.row["status"] not in ("reported", "cases_only"):
        return ""
    if ctx.tier == "circular":
        return (f" [The only source for this figure is the story being checked: confirm it with {ctx.name} "
                "before publishing.]")
    return f" [Attribution confidence {ctx.tier}: confirm the figure with {ctx.name} first.]"


def suggested_wording(ctx: BriefContext) -> str:
    """Wording a reporter can use: the force's own term, who reported it, when the count was taken;
    hedged unless the attribution is high confidence. A force without a figure gets a prompt to ask."""
    row, name = ctx.row, ctx.name
    requester = ctx.requester or "the requester"
    when = ctx.info and wording.count_period(ctx.info.snapshot_start, ctx.info.snapshot_end)
    national = (f" Nationally, {ctx.total} registered sex offenders were reported missing in freedom of "
                f"information responses to {requester}{' ' + when if when else ''}.") if ctx.total else ""
    if row["status"] == "not_published":
        text = f"No figure for {name} was among those published.{national} [Ask {name} for its figure before reporting one.]"
        return f"<h2>Suggested wording</h2><p class='wording'>{escape(text)}</p>"
    text = figure_sentence(ctx)
    inferred = [n.replace("'", "") for n in inferred_notes(ctx)]
    if row["status"] in ("reported", "cases_only"):
        text = f"{text} {longest_phrase(row, inferred)}".rstrip()
        extra = context_sentences(ctx)
        if extra:
            text += f" Context given with the figure: {'; '.join(extra)}."
    text += national + hedge_note(ctx)
    return f"<h2>Suggested wording</h2><p class='wording'>{escape(text)}</p>"


def header_html(ctx: BriefContext) -> str:
    return (f"<h1>{escape(ctx.name)}: registered sex offenders whose whereabouts are unknown</h1>"
            f"<p class='round'>{escape(round_label(ctx))}</p>")


def chart_image(ctx: BriefContext):
    """The national chart with this force highlighted, as a PNG with its alt text (for the HTML brief)."""
    import io

    import matplotlib.pyplot as plt
    from IPython.display import Image

    from missing_offenders.publish.charts import PHONE  # narrow layout: legible on a phone, and no wider than the page on a desk

    fig, _, alt = publication.missing_by_force_figure(ctx.round_id, ctx.force_id, PHONE)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, bbox_inches="tight", metadata={"Software": None})
    plt.close(fig)
    return Image(data=buffer.getvalue(), format="png", metadata={"alt": alt})


def files_html(ctx: BriefContext) -> str:
    base = f"../../../data/processed/{ctx.round_id}"
    links = "".join(f"<li><a href='{base}/{name}'>{name}</a></li>"
                    for name in ("force_returns.csv", "cleaning_log.csv", "missing_cases.csv", "summary.csv"))
    return ("<h2>Check it yourself</h2><p>Every number above comes from these files (the row for "
            f"<code>{escape(ctx.force_id)}</code>), each tied to its raw row:</p><ul>{links}</ul>")


def _survey_caveat(info: rounds.RoundInfo, row) -> str:
    """What differs between surveys: who asked, what was counted, when, how many forces answered."""
    parts = [info.publisher or "a single force's figure as reported",
             {"stock": "missing at a point in time", "flow": "went missing over a period"}.get(info.measure or "",
                                                                                               "measure not stated"),
             wording.count_period(info.snapshot_start, info.snapshot_end) or "date of the count unknown"]
    if info.forces_basis:
        parts.append(f"forces: {info.forces_basis}")
    if isinstance(row.notes, str) and row.notes:
        parts.append(f"transcriber: {row.notes}")
    return "; ".join(parts)


def across_rounds(ctx: BriefContext) -> pd.DataFrame:
    """This force's published rows in every round (this one included), oldest count first, undated last."""
    mine = pd.concat([ctx.other_rounds, ctx.row.to_frame().T], ignore_index=True)
    mine = mine[mine["status"].isin(("reported", "cases_only"))].copy()
    infos = round_infos(tuple(sorted(mine["round_id"])))
    mine["when"] = [infos[r].snapshot_end for r in mine["round_id"]]
    mine["sort_key"] = [(d is None, d.isoformat() if d else "", r) for d, r in zip(mine["when"], mine["round_id"])]
    return mine.sort_values("sort_key").reset_index(drop=True)


@lru_cache(maxsize=8)
def round_infos(round_ids: tuple[str, ...]) -> dict[str, rounds.RoundInfo]:
    """The rounds' metadata, read once per kernel (the brief runner runs many briefs in one)."""
    rows, _ = rounds.read_round_rows()
    return {r: rounds.info(r, [row for row in rows if row.get("round_id") == r]) for r in round_ids}


def across_rounds_svg(series: pd.DataFrame, this_round: str, name: str) -> str:
    """A small horizontal bar chart of the force's figure in each round, as inline SVG text (deterministic,
    no plotting library, so the 46 briefs stay fast). A range or an 'at least' figure is drawn to its
    lower bound, with the upper part hatched when there is one."""
    row_h, label_w, bar_w = 22, 210, 220
    highest = max([float(v) for v in series["missing_max"].fillna(series["missing_min"])] + [1.0])
    scale = bar_w / highest
    height = row_h * len(series) + 8
    bars = []
    for i, r in enumerate(series.itertuples()):
        y = 4 + i * row_h
        low = float(r.missing_min)
        high = float(r.missing_max) if not pd.isna(r.missing_max) else low
        when = r.when.strftime("%b %Y") if r.when else "undated"
        colour = "#0072B2" if r.round_id == this_round else "#7f7f7f"
        label = analysis.figure_label(r.missing_min, r.missing_max) or "?"
        if r.status == "cases_only":
            label = f"at least {int(low)} (cases)"
        bars.append(
            f"<text x='{label_w - 6}' y='{y + 15}' text-anchor='end' font-size='12'>{escape(r.round_id)} "
            f"({escape(when)})</text>"
            f"<rect x='{label_w}' y='{y + 3}' width='{low * scale:.1f}' height='{row_h - 8}' fill='{colour}'/>"
            + (f"<rect x='{label_w + low * scale:.1f}' y='{y + 3}' width='{(high - low) * scale:.1f}' "
               f"height='{row_h - 8}' fill='none' stroke='{colour}' stroke-dasharray='3 2'/>" if high > low else "")
            + f"<text x='{label_w + high * scale + 4:.1f}' y='{y + 15}' font-size='12'>{escape(label)}</text>")
    alt = f"{name}: figure in each round with one. " + "; ".join(
        f"{r.round_id}: {analysis.figure_label(r.missing_min, r.missing_max)}" for r in series.itertuples())
    return (f"<svg xmlns='http://www.w3.org/2000/svg' role='img' width='{label_w + bar_w + 120}' height='{height}' "
            f"font-family='Helvetica, Arial, sans-serif' aria-label='{escape(alt, quote=True)}'>"
            f"<title>{escape(alt)}</title>{''.join(bars)}</svg>")


def across_rounds_html(ctx: BriefContext) -> str:
    """This force across rounds: a small chart and a table of every round with a figure for it, each with
    the survey's caveats and its raw row (a link to the audit page line)."""
    series = across_rounds(ctx)
    if series.empty:
        return ("<h2>This force across rounds</h2><p>No round on file has a published figure for this force: "
                "ask it for its figures.</p>")
    infos = round_infos(tuple(sorted(series["round_id"])))
    base = paths.BRIEFS / ctx.round_id
    highlight = " class='me'"
    rows = "".join(
        f"<tr{highlight if r.round_id == ctx.round_id else ''}><td>{escape(r.round_id)}</td>"
        f"<td>{escape(str(r.count_text))}</td><td>{escape(str(r.published_date))}</td>"
        f"<td>{escape(_survey_caveat(infos[r.round_id], r))}</td>"
        f"<td>{links.source_link(r.source_url, r.source_title)}<br>"
        f"{audit.raw_line_link(r.raw_file, r.raw_line, base=base) if not pd.isna(r.raw_line) else ''}</td></tr>"
        for r in series.itertuples())
    return ("<h2>This force across rounds</h2><p>Every round with a published figure for this force (this round "
            "highlighted). Different requesters, dates and definitions: not a like-for-like series. Each figure as "
            "written, with each survey's caveats.</p>"
            f"<figure>{across_rounds_svg(series, ctx.round_id, ctx.name)}</figure>"
            "<table><tr><th>round</th><th>figure as written</th><th>published</th><th>caveats</th>"
            f"<th>source and raw row</th></tr>{rows}</table>")
