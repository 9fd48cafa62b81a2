"""A force across rounds, for its brief: every round with a published figure for it, as a small
inline SVG chart and a table, each row with its survey's caveats, its source and its raw row.
"""
from __future__ import annotations

from functools import lru_cache
from html import escape

import pandas as pd

from missing_offenders.analyse import analysis
from missing_offenders.analyse import processed_rounds
from missing_offenders.publish import audit, links, round_labels, wording
from missing_offenders.publish.brief_context import BriefContext
from missing_offenders.ingest import paths, rounds


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
    """The rounds' metadata (their round.csv), read once per kernel (the brief runner runs many briefs in one)."""
    return {r: processed_rounds.info(r) for r in round_ids}


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
            f"<text x='{label_w - 6}' y='{y + 15}' text-anchor='end' font-size='12'>"
            f"{escape(round_labels.label(r.round_id).split(', ')[0][:28])} ({escape(when)})</text>"
            f"<rect x='{label_w}' y='{y + 3}' width='{low * scale:.1f}' height='{row_h - 8}' fill='{colour}'/>"
            + (f"<rect x='{label_w + low * scale:.1f}' y='{y + 3}' width='{(high - low) * scale:.1f}' "
               f"height='{row_h - 8}' fill='none' stroke='{colour}' stroke-dasharray='3 2'/>" if high > low else "")
            + f"<text x='{label_w + high * scale + 4:.1f}' y='{y + 15}' font-size='12'>{escape(label)}</text>")
    alt = f"{name}: figure in each round with one. " + "; ".join(
        f"{round_labels.label(r.round_id)}: {analysis.figure_label(r.missing_min, r.missing_max)}"
        for r in series.itertuples())
    width = label_w + bar_w + 120  # drawn at this size, scaled down to fit a phone (viewBox)
    return (f"<svg xmlns='http://www.w3.org/2000/svg' role='img' viewBox='0 0 {width} {height}' "
            f"style='width:100%;max-width:{width}px;height:auto' "
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
        f"<tr{highlight if r.round_id == ctx.round_id else ''}><td>{escape(round_labels.label(r.round_id))}</td>"
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
