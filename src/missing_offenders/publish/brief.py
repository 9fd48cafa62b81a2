"""The sections of a force brief, as HTML: plain words a local reporter can use, each fact with its source.

Every function returns an HTML fragment (escaped), so the brief notebook's outputs are compared by
nbval and rendered as they are in the HTML brief. What the brief says is worked out in
brief_context.py; this force across rounds is in brief_rounds.py, what awaits a person's review
in brief_review.py.
"""
from __future__ import annotations

from html import escape

import pandas as pd

from missing_offenders.analyse import analysis
from missing_offenders.clean import attribution
from missing_offenders.publish import audit, brief_review, links, publication, round_labels, wording
from missing_offenders.publish.brief_context import (  # noqa: F401  (BriefContext, context, humane_years, figure_sentence: the brief's API)
    KIND_LABEL, STATUS_LABEL, BriefContext, context, context_sentences, figure_sentence, hedge_note, humane_years,
    inferred_notes, known, longest_phrase, own_term, plural, round_label, separates_wanted_from_missing)
from missing_offenders.publish.brief_review import needs_review_html  # noqa: F401  (a section of the brief)
from missing_offenders.publish.brief_rounds import across_rounds_html
from missing_offenders.ingest import paths

GENERAL_CAVEATS = (
    "Forces use 'missing', 'wanted' and 'whereabouts unknown' interchangeably; Police Scotland separates "
    "'wanted' from 'missing'.",
    "Each force counted on its own date in the snapshot window, and forces stress that the figures are dynamic: "
    "they change as arrests are made or new cases come to light.",
    "Figures are as published by the press; the force's own FOI answer was not seen unless a disclosure log is cited.",
)


def _p(text: str) -> str:
    return f"<p>{escape(text)}</p>"


def figure_html(ctx: BriefContext) -> str:
    status = ctx.row["status"]
    label = analysis.figure_label(ctx.row["missing_min"], ctx.row["missing_max"]) or "no figure"
    extra = context_sentences(ctx)
    context_html = (f"<p class='context'>Context given with the figure: {escape('; '.join(extra))}.</p>" if extra else "")
    return (f"<h2>The figure</h2><p class='figure'><strong>{escape(label)}</strong> "
            f"<span class='status'>({escape(analysis.status_words(status))})</span></p>"
            + brief_review.figure_date_note(ctx.row) + brief_review.reading_note(ctx, "count_text")
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
    return "" if pd.isna(cases) else plural(int(cases), "case")


def duration_html(ctx: BriefContext) -> str:
    row = ctx.row
    text = row["duration_text"]
    if pd.isna(text):
        return "<h2>How long</h2>" + _p("No duration was published for this force.")
    if row["duration_status"] == brief_review.UNREAD:
        return "<h2>How long</h2>" + _p(brief_review.unread_duration_text(text))
    low, high = row["longest_missing_years_min"], row["longest_missing_years_max"]
    span = humane_years(low, high)
    if not span:
        longest = "The longest time missing cannot be worked out from what was published."
    else:
        bounds = f"{low:.2f}" if known(low) else "?"
        bounds += "" if known(high) and high == low else f" to {high:.2f}" if known(high) else " or more"
        longest = f"The longest time missing at the count was {span} ({bounds} years)."
    inferred = "".join(f"<p class='note'>{escape(n)}.</p>" for n in inferred_notes(ctx))
    rows = "".join(
        f"<tr><td>{escape(wording.drop_parentheticals(str(r.text)))}</td><td>{escape(_case_label(r.kind, r.cases))}</td>"
        f"<td>{'' if pd.isna(r.years_min) else f'{r.years_min:.2f}'}</td>"
        f"<td>{'' if pd.isna(r.years_max) else f'{r.years_max:.2f}'}</td></tr>"
        for r in ctx.cases.itertuples())
    table = (f"<table><tr><th>as written</th><th>which cases</th><th>years, at least</th><th>years, at most</th></tr>"
             f"{rows}</table>" if rows else "")
    return (f"<h2>How long</h2><p>As published: <em>{escape(text)}</em></p>"
            + brief_review.reading_note(ctx, "duration_text") + _p(longest) + inferred + table)


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
        items = "".join(f"<li>{escape(round_labels.in_words(c.figures))}: {escape(round_labels.in_words(c.why))}. Sources: "
                        f"{audit.evidence_html(round_labels.in_words(c.sources), base=paths.BRIEFS / ctx.round_id)}</li>"
                        for c in ctx.conflicts.itertuples())
        parts.append(f"<h2>Conflicting figures</h2><p>Check these before using the figure:</p><ul>{items}</ul>")
    parts.append(across_rounds_html(ctx))
    return "".join(parts)


def caveat_items(ctx: BriefContext) -> list[str]:
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
    if row["duration_status"] == brief_review.UNREAD:
        items.append(f"How long offenders were missing in the {ctx.name} area is not given: the duration text could "
                     "not be read yet (see 'Needs review').")
    if row["status"] == "cases_only":
        items.append("Only individual cases were reported for this force; its total may be higher.")
    if row["status"] == "not_published":
        items.append("Do not report this force as having no missing offenders: no figure was published.")
    if len(ctx.conflicts):
        items.append(f"{len(ctx.conflicts)} conflicting figure{'' if len(ctx.conflicts) == 1 else 's'} for this force "
                     "(see 'Conflicting figures').")
    return items


def caveats_block(ctx: BriefContext) -> str:
    return "<h2>Caveats</h2><ul>" + "".join(f"<li>{escape(c)}</li>" for c in caveat_items(ctx)) + "</ul>"


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
