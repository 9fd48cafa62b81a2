"""A force brief: plain words a local reporter can use, each fact with its source.

What the brief says is worked out as plain values (strings, rows, links) from one `BriefContext`:
the wording rules in brief_context.py and wording.py, this force across rounds in brief_rounds.py,
what awaits a person's review in brief_review.py. The HTML comes from templates/brief.html.j2, one
included template per section (templates/brief/), with autoescaping. The brief notebook computes the
context once, shows the analysis behind it, and its last cell renders the brief with `render(ctx, chart)`:
that cell's output is the published brief (pipeline/brief_runner.py).
"""
from __future__ import annotations

import base64
from dataclasses import dataclass

import pandas as pd
from markupsafe import Markup

from missing_offenders.analyse import analysis
from missing_offenders.clean import attribution
from missing_offenders.publish import audit, brief_review, brief_rounds, links, publication, round_labels, templating
from missing_offenders.publish import wording
from missing_offenders.publish.brief_context import (  # noqa: F401  (context, humane_years: the brief's API too)
    KIND_LABEL, BriefContext, context, context_sentences, figure_sentence, humane_years, inferred_notes,
    figure_hedge, noted_context, published_context,
    longest_at_count, own_term, plural, rank_sentence, round_label, separates_wanted_from_missing, suggested_text)
from missing_offenders.ingest import paths

GENERAL_CAVEATS = (
    "Forces use 'missing', 'wanted' and 'whereabouts unknown' interchangeably; Police Scotland separates "
    "'wanted' from 'missing'.",
    "Each force counted on its own date in the snapshot window, and the forces' answers on file (disclosure "
    "logs) stress that such figures are dynamic: they change as arrests are made or new cases come to light.",
    "Figures are as published by the press; the force's own FOI answer was not seen unless a disclosure log is cited.",
)
PROCESSED_FILES = ("force_returns.csv", "cleaning_log.csv", "missing_cases.csv", "summary.csv")


@dataclass(frozen=True)
class Chart:
    """The national chart with the force highlighted, drawn once: shown in the notebook, embedded in the brief."""
    png: bytes
    alt: str

    def image(self):
        from IPython.display import Image
        return Image(data=self.png, format="png", metadata={"alt": self.alt})

    @property
    def data_uri(self) -> str:
        return "data:image/png;base64," + base64.b64encode(self.png).decode("ascii")


def chart(ctx: BriefContext) -> Chart:
    """The national chart with this force highlighted, in the narrow layout (legible on a phone, and no
    wider than the page on a desk), as PNG bytes with its alt text."""
    import matplotlib.pyplot as plt

    from missing_offenders.publish.charts import PHONE, embedded_png

    fig, _, alt = publication.missing_by_force_figure(ctx.round_id, ctx.force_id, PHONE)
    png = embedded_png(fig)
    plt.close(fig)
    return Chart(png, alt)


def figure_label(ctx: BriefContext) -> str:
    """The figure as the brief shows it in large type: '10', '0-4', '1+', or 'no figure'."""
    return analysis.figure_label(ctx.row["missing_min"], ctx.row["missing_max"]) or "no figure"


def figure_view(ctx: BriefContext) -> dict:
    return {"label": figure_label(ctx), "status": analysis.status_words(ctx.row["status"]),
            "date_note": brief_review.figure_date_note(ctx.row),
            "reading_note": brief_review.reading_note(ctx, "count_text"),
            "sentence": figure_sentence(ctx), "context": "; ".join(published_context(ctx)),
            "noted_context": "; ".join(noted_context(ctx)), "hedge": figure_hedge(ctx)}


def source_view(ctx: BriefContext) -> dict | None:
    """The sentence the figure came from, its source and raw row; None when no sentence gives a figure."""
    row = ctx.row
    if pd.isna(row["verbatim"]):
        return None
    corroborating = row["corroborating_sources"]
    return {"verbatim": row["verbatim"], "link": Markup(links.source_link(row["source_url"], row["source_title"])),
            "published": str(row["published_date"]),
            "attribution": attribution.explain(ctx.tier, row["confidence"], ctx.independent),
            "raw_row": Markup(audit.raw_line_link(row["raw_file"], row["raw_line"], base=paths.BRIEFS / ctx.round_id)),
            "corroborating": Markup(audit.sources_html(corroborating)) if isinstance(corroborating, str) else None,
            "notes": row["notes"] if isinstance(row["notes"], str) else None}


def case_label(kind: str, cases) -> str:
    """Which cases a duration describes: 'shortest case', 'longest case', 'two cases', or ''."""
    if kind in KIND_LABEL:
        return KIND_LABEL[kind]
    return "" if pd.isna(cases) else plural(int(cases), "case")


def _years(value) -> str:
    return "" if pd.isna(value) else f"{value:.2f}"


def duration_view(ctx: BriefContext) -> dict:
    """How long: the text as published, the longest time missing, and a row per described case."""
    row = ctx.row
    text = row["duration_text"]
    none = {"as_published": None, "reading_note": "", "notes": [], "cases": []}
    if pd.isna(text):
        return none | {"sentence": "No duration was published for this force."}
    if row["duration_status"] == brief_review.UNREAD:
        return none | {"sentence": brief_review.unread_duration_text(text)}
    cases = [{"text": wording.drop_parentheticals(str(r.text)), "which": case_label(r.kind, r.cases),
              "least": _years(r.years_min), "most": _years(r.years_max)} for r in ctx.cases.itertuples()]
    return {"as_published": text, "reading_note": brief_review.reading_note(ctx, "duration_text"),
            "sentence": longest_at_count(row), "notes": inferred_notes(ctx), "cases": cases}


def with_ties(ranked: pd.DataFrame, first: int, last: int) -> pd.DataFrame:
    """Rows first..last (positions) of a ranked table, widened so that no tie is cut at either end."""
    ranked = ranked.reset_index(drop=True)
    if ranked.empty:
        return ranked
    first, last = max(0, first), min(len(ranked) - 1, last)
    low_rank, high_rank = ranked.loc[first, "rank"], ranked.loc[last, "rank"]
    return ranked[(ranked["rank"] >= low_rank) & (ranked["rank"] <= high_rank)]


def neighbours(ctx: BriefContext, width: int = 2) -> pd.DataFrame:
    """The forces ranked just above and below (the registry holds no map, so 'neighbours' are by figure),
    ties at either end kept whole; the top of the ranking for a force not in it."""
    ranked = ctx.ranked.reset_index(drop=True)
    mine = ranked.index[ranked["force_id"] == ctx.force_id]
    if len(mine):
        i = int(mine[0])
        return with_ties(ranked, i - width, i + width)
    return with_ties(ranked, 0, 2 * width)


def neighbours_view(ctx: BriefContext) -> dict:
    near = neighbours(ctx)
    ranked = (ctx.ranked["force_id"] == ctx.force_id).any()
    return {"heading": "Forces with similar figures" if ranked else "The forces with the highest figures",
            "rows": [{"me": r.force_id == ctx.force_id, "rank": "not ranked" if pd.isna(r.rank) else str(int(r.rank)),
                      "force": r.force_name, "label": r.label} for r in near.itertuples()]}


def conflicts_view(ctx: BriefContext) -> list[dict]:
    """Figures for this force that conflict across sources or rounds (conflicts.py), in words."""
    base = paths.BRIEFS / ctx.round_id
    return [{"figures": round_labels.in_words(c.figures), "why": round_labels.in_words(c.why),
             "sources": Markup(audit.evidence_html(round_labels.in_words(c.sources), base=base))}
            for c in ctx.conflicts.itertuples()]


def caveat_items(ctx: BriefContext) -> list[str]:
    """What to keep in mind before using the figure, each a plain sentence: general, then this force's."""
    row = ctx.row
    items = list(GENERAL_CAVEATS)
    if ctx.total:
        value = lambda m: analysis.summary_value(ctx.summary, m)  # noqa: E731
        items.append(f"The national total ({ctx.total}) is UK-wide; the forces' own published figures account for "
                     f"at least {value('attributed_min')} of it, of which {value('attributed_min_high')} are "
                     f"high-confidence figures and {value('attributed_min_high_medium')} high or medium.")
    if row["status"] in analysis.COUNTED and ctx.tier != "high":
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


def files_view(ctx: BriefContext) -> dict:
    base = f"../../../data/processed/{ctx.round_id}"
    return {"force_id": ctx.force_id, "files": [(f"{base}/{name}", name) for name in PROCESSED_FILES]}


# Each section of the brief (templates/brief/<name>.html.j2) and the values it takes; the chart, drawn
# once per brief, is added by views().
SECTIONS = {
    "header": lambda ctx: {"name": ctx.name, "round": round_label(ctx)},
    "figure": figure_view, "source": source_view, "duration": duration_view, "rank": rank_sentence,
    "neighbours": neighbours_view, "conflicts": conflicts_view, "rounds": brief_rounds.across_rounds_view,
    "review": lambda ctx: {"round_id": ctx.round_id, "entries": brief_review.review_items(ctx)},
    "caveats": caveat_items, "wording": suggested_text, "files": files_view,
}


def views(ctx: BriefContext, drawn: Chart | None = None) -> dict:
    """Every section's values, as the templates take them (the chart drawn here unless given)."""
    drawn = drawn or chart(ctx)
    return {**{name: view(ctx) for name, view in SECTIONS.items()}, "chart": {"src": drawn.data_uri, "alt": drawn.alt}}


def render(ctx: BriefContext, drawn: Chart | None = None) -> Markup:
    """The whole brief body (templates/brief.html.j2), from one context; the page shell is added by
    the brief runner (html_page.page)."""
    return templating.render("brief.html.j2", **views(ctx, drawn))


def section_html(ctx: BriefContext, name: str) -> Markup:
    """One section on its own, as the whole brief renders it (the tests check each on synthetic rows)."""
    return templating.render(f"brief/{name}.html.j2", **{name: SECTIONS[name](ctx)})
