"""The content of a force brief: plain words a local reporter can use, each fact with its source.

Every function returns an HTML fragment (escaped), so the brief notebook's outputs are compared by
nbval and rendered as they are in the HTML brief.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

import pandas as pd

from . import analysis, publication, rounds

GENERAL_CAVEATS = (
    "Forces use 'missing', 'wanted' and 'whereabouts unknown' interchangeably; Police Scotland separates "
    "'wanted' from 'missing'.",
    "Each force counted on its own date in the snapshot window, and forces stress that the figures are dynamic: "
    "they change as arrests are made or new cases come to light.",
    "Figures are as published by the press; the force's own FOI answer was not seen unless a disclosure log is cited.",
)


@dataclass
class BriefContext:
    round_id: str
    force_id: str
    row: pd.Series            # the force's row of force_returns
    ranked: pd.DataFrame      # analysis.missing_by_force
    summary: pd.DataFrame
    cases: pd.DataFrame       # the force's rows of missing_cases
    info: rounds.RoundInfo

    @property
    def name(self) -> str:
        return self.row["force_name"]

    @property
    def total(self) -> int | None:
        return analysis.summary_value(self.summary, "national_total_reported")


def context(round_id: str, force_id: str) -> BriefContext:
    tables = analysis.load_round(round_id)
    returns, summary = tables["force_returns"], tables["summary"]
    row = returns[returns["force_id"] == force_id].iloc[0]
    total = analysis.summary_value(summary, "national_total_reported")
    cases = tables["cases"][tables["cases"]["force_id"] == force_id]
    return BriefContext(round_id, force_id, row, analysis.missing_by_force(returns, total), summary, cases,
                        rounds.info_for(round_id))


def _p(text: str) -> str:
    return f"<p>{escape(text)}</p>"


_SMALL = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def _plural(n: int, word: str = "registered sex offender") -> str:
    """House style: numbers below ten in words."""
    return f"{_SMALL[n] if n < 10 else n} {word}{'' if n == 1 else 's'}"


def humane_years(low, high) -> str:
    """'about 8 years', '8 to 10 years', 'at least a year', '5 to 8 months': bounds rounded outwards,
    so a lower bound never reads higher than the data allow, nor an upper bound lower."""
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
    if low == high:  # a duration stated as such: the nearest whole unit
        return f"about {unit(round(low) if low >= 1 else low, upper=False)}"
    lower, upper = unit(low, upper=False), unit(high, upper=True)
    if ("month" in lower) == ("month" in upper):  # same unit: "8 to 10 years", "5 to 8 months"
        return f"{'1' if lower.startswith('a ') else lower.split()[0]} to {upper}"
    return f"{lower} to {upper}"


def round_label(ctx: BriefContext) -> str:
    info = ctx.info
    who = info.publisher.split(" (")[0] if info.publisher else ctx.round_id
    when = f", {info.snapshot_start:%B} to {info.snapshot_end:%B %Y}" if info.snapshot_start and info.snapshot_end else ""
    return f"FOI round: {who}{when}"


def figure_sentence(ctx: BriefContext) -> str:
    """The force's figure and status in plain words."""
    row, name = ctx.row, ctx.name
    low, high, status = row["missing_min"], row["missing_max"], row["status"]
    said = "was reported to have said" if row["confidence"] in ("medium", "low") else "said"
    if status == "reported":
        if pd.isna(high):
            return f"{name} {said} at least {_plural(int(low))} were wanted because their whereabouts were unknown."
        if high == 0:
            return f"{name} {said} it had no registered sex offenders whose whereabouts were unknown."
        if low == high:
            return (f"{name} {said} {_plural(int(low))} {'was' if low == 1 else 'were'} wanted because their "
                    "whereabouts were unknown.")
        return f"{name} gave a censored figure: between {int(low)} and {int(high)} registered sex offenders."
    if status == "cases_only":
        return (f"No total for {name} was published. Reports describe {_plural(int(low), 'case')} "
                f"({row['duration_text']}), so at least {int(low)} {'was' if low == 1 else 'were'} missing.")
    if status == "refused":
        cited = f", citing {row['exemptions'].replace(';', ', ')}" if isinstance(row["exemptions"], str) and row["exemptions"] else ""
        return f"{name} refused to give a figure{cited}."
    if status == "no_response":
        return f"{name} did not provide a figure ('{row['count_text']}')."
    unattributed = analysis.summary_value(ctx.summary, "unattributed_max")
    remainder = (f" Its figure is part of the national total of {ctx.total} only if it reported one: at most "
                 f"{unattributed} offenders are counted nationally but not attributed to a named force.") if ctx.total else ""
    return f"No figure for {name} was found in published reports of this round.{remainder}"


def figure_html(ctx: BriefContext) -> str:
    status = ctx.row["status"]
    label = analysis.figure_label(ctx.row["missing_min"], ctx.row["missing_max"]) or "no figure"
    return (f"<h2>The figure</h2><p class='figure'><strong>{escape(label)}</strong> "
            f"<span class='status'>({escape(analysis.status_words(status))})</span></p>" + _p(figure_sentence(ctx)))


def source_html(ctx: BriefContext) -> str:
    row = ctx.row
    if pd.isna(row["verbatim"]):
        return "<h2>The source</h2>" + _p("No published sentence gives a figure for this force in this round.")
    notes = f"<p class='note'>Transcriber's note: {escape(row['notes'])}</p>" if isinstance(row["notes"], str) else ""
    corroborated = (f"<p class='note'>Corroborating sources: {escape(row['corroborating_sources'])}</p>"
                    if isinstance(row["corroborating_sources"], str) else "")
    return (
        "<h2>The source</h2>"
        f"<blockquote>{escape(row['verbatim'])}</blockquote>"
        f"<p>Source: <a href='{escape(row['source_url'], quote=True)}'>{escape(row['source_title'])}</a>, "
        f"published {escape(str(row['published_date']))}. Attribution confidence: {escape(str(row['confidence']))}. "
        f"Raw row: {escape(row['raw_file'])}, line {int(row['raw_line'])}.</p>{corroborated}{notes}"
    )


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
    rows = "".join(
        f"<tr><td>{escape(str(r.text))}</td><td>{'' if pd.isna(r.cases) else int(r.cases)}</td>"
        f"<td>{'' if pd.isna(r.years_min) else f'{r.years_min:.2f}'}</td>"
        f"<td>{'' if pd.isna(r.years_max) else f'{r.years_max:.2f}'}</td></tr>"
        for r in ctx.cases.itertuples())
    table = (f"<table><tr><th>as written</th><th>cases</th><th>years, at least</th><th>years, at most</th></tr>{rows}</table>"
             if rows else "")
    return f"<h2>How long</h2><p>As published: <em>{escape(text)}</em></p>" + _p(longest) + table


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


def neighbours_html(ctx: BriefContext, width: int = 2) -> str:
    """The forces ranked just above and below (the registry holds no map, so 'neighbours' are by figure)."""
    ranked = ctx.ranked.reset_index(drop=True)
    mine = ranked.index[ranked["force_id"] == ctx.force_id]
    if len(mine):
        i = int(mine[0])
        near = ranked.iloc[max(0, i - width): i + width + 1]
    else:
        near = ranked.head(2 * width + 1)
    highlight = " class='me'"
    rows = "".join(
        f"<tr{highlight if r.force_id == ctx.force_id else ''}><td>{'not ranked' if pd.isna(r.rank) else int(r.rank)}</td><td>{escape(r.force_name)}</td>"
        f"<td>{escape(r.label)}</td></tr>" for r in near.itertuples())
    heading = "Forces with similar figures" if len(mine) else "The forces with the highest figures"
    return f"<h2>{heading}</h2><table><tr><th>rank</th><th>force</th><th>missing</th></tr>{rows}</table>"


def caveats_html(ctx: BriefContext) -> list[str]:
    row = ctx.row
    items = list(GENERAL_CAVEATS)
    if ctx.total:
        items.append(f"The national total ({ctx.total}) is UK-wide; the forces' own published figures account for "
                     f"at least {analysis.summary_value(ctx.summary, 'attributed_min')} of it.")
    if row["confidence"] in ("medium", "low"):
        items.append(f"The attribution of this figure to {ctx.name} has {row['confidence']} confidence (see the "
                     "transcriber's note under the source): confirm it with the force before publishing.")
    if row["status"] == "cases_only":
        items.append("Only individual cases were reported for this force; its total may be higher.")
    if row["status"] == "not_published":
        items.append("Do not report this force as having no missing offenders: no figure was published.")
    return items


def caveats_block(ctx: BriefContext) -> str:
    return "<h2>Caveats</h2><ul>" + "".join(f"<li>{escape(c)}</li>" for c in caveats_html(ctx)) + "</ul>"


def _known(value) -> bool:
    return not pd.isna(value)


def longest_phrase(row: pd.Series) -> str:
    span = humane_years(row["longest_missing_years_min"], row["longest_missing_years_max"])
    return f"The longest time missing was {span}." if span else ""


def suggested_wording(ctx: BriefContext) -> str:
    """Wording a reporter can use as is; a force without a figure gets a prompt to ask for one."""
    row, name = ctx.row, ctx.name
    requester = ctx.info.publisher.split(" (")[0] if ctx.info.publisher else "the requester"
    national = (f" Nationally, {ctx.total} registered sex offenders were reported missing in freedom of "
                f"information responses to the {requester}.") if ctx.total else ""
    low, high = row["missing_min"], row["missing_max"]
    hedged = row["confidence"] in ("medium", "low")
    if row["status"] == "reported" and _known(high) and low == high and high > 0:
        n = int(low)
        verb = "was" if n == 1 else "were"
        said = f"{name} was reported to have said" if hedged else f"{name} said"
        text = f"{said} {_plural(n)} {verb} wanted because their whereabouts were unknown."
        text += (" " + longest_phrase(row)).rstrip() + national
    elif row["status"] == "reported" and _known(high) and high == 0:
        text = f"{name} said it had no registered sex offenders whose whereabouts were unknown.{national}"
    elif row["status"] == "not_published":
        text = f"No figure for {name} was among those published.{national} [Ask {name} for its figure before reporting one.]"
    else:
        text = f"{figure_sentence(ctx)} {longest_phrase(row)}".rstrip() + national
    if hedged:
        text += f" [Attribution confidence {row['confidence']}: confirm the figure with {name} first.]"
    return f"<h2>Suggested wording</h2><p class='wording'>{escape(text)}</p>"


def header_html(ctx: BriefContext) -> str:
    return (f"<h1>{escape(ctx.name)}: registered sex offenders whose whereabouts are unknown</h1>"
            f"<p class='round'>{escape(round_label(ctx))}</p>")


def chart_image(ctx: BriefContext):
    """The national chart with this force highlighted, as a PNG with its alt text (for the HTML brief)."""
    import io

    import matplotlib.pyplot as plt
    from IPython.display import Image

    from .charts import PHONE  # narrow layout: legible on a phone, and no wider than the page on a desk

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
