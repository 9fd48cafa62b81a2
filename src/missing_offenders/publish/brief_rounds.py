"""A force across rounds, for its brief: every round with a published figure for it, as a small
inline SVG chart and a table, each row with its survey's caveats, its source and its raw row.
"""
from __future__ import annotations

import textwrap
from functools import lru_cache

import pandas as pd
from markupsafe import Markup

from missing_offenders.analyse import analysis
from missing_offenders.analyse import processed_rounds
from missing_offenders.publish import audit, links, round_labels, templating, wording
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
    mine = mine[mine["status"].isin(analysis.COUNTED)].copy()
    infos = round_infos(tuple(sorted(mine["round_id"])))
    mine["when"] = [infos[r].snapshot_end for r in mine["round_id"]]
    mine["sort_key"] = [(d is None, d.isoformat() if d else "", r) for d, r in zip(mine["when"], mine["round_id"])]
    return mine.sort_values("sort_key").reset_index(drop=True)


@lru_cache(maxsize=8)
def round_infos(round_ids: tuple[str, ...]) -> dict[str, rounds.RoundInfo]:
    """The rounds' metadata (their round.csv), read once per kernel (the brief runner runs many briefs in one)."""
    return {r: processed_rounds.info(r) for r in round_ids}


def across_rounds_chart(series: pd.DataFrame, this_round: str, name: str) -> dict:
    """The numbers of a small horizontal bar chart of the force's figure in each round: one bar per
    round, a range or an 'at least' figure drawn to its lower bound, the upper part of a range hatched."""
    row_h, label_w, bar_w = 22, 210, 220
    highest = max([float(v) for v in series["missing_max"].fillna(series["missing_min"])] + [1.0])
    scale = bar_w / highest
    bars = []
    for i, r in enumerate(series.itertuples()):
        low = float(r.missing_min)
        high = float(r.missing_max) if not pd.isna(r.missing_max) else low
        when = r.when.strftime("%b %Y") if r.when else "undated"
        label = analysis.figure_label(r.missing_min, r.missing_max) or "?"
        if r.status == "cases_only":
            label = f"at least {int(low)} (cases)"
        who = textwrap.shorten(round_labels.label(r.round_id).split(", ")[0], 28, placeholder="…")  # fits label_w
        bars.append({"y": 4 + i * row_h, "round": f"{who} ({when})",
                     "colour": "#0072B2" if r.round_id == this_round else "#7f7f7f",
                     "low": f"{low * scale:.1f}", "low_end": f"{label_w + low * scale:.1f}",
                     "upper": f"{(high - low) * scale:.1f}" if high > low else None,
                     "label_x": f"{label_w + high * scale + 4:.1f}", "label": label})
    alt = f"{name}: figure in each round with one. " + "; ".join(
        f"{round_labels.label(r.round_id)}: {analysis.figure_label(r.missing_min, r.missing_max)}"
        for r in series.itertuples())
    # drawn at this size, scaled down to fit a phone (viewBox)
    return {"bars": bars, "alt": alt, "width": label_w + bar_w + 120, "height": row_h * len(series) + 8,
            "label_w": label_w, "row_h": row_h}


def across_rounds_svg(series: pd.DataFrame, this_round: str, name: str) -> Markup:
    """The chart as inline SVG (templates/brief/rounds_chart.svg.j2): deterministic, no plotting
    library, so the 46 briefs stay fast."""
    return templating.render("brief/rounds_chart.svg.j2", chart=across_rounds_chart(series, this_round, name))


def across_rounds_view(ctx: BriefContext) -> dict:
    """This force across rounds, for the template: a small chart and a row per round with a figure for
    it, each with the survey's caveats, its source and its raw row (a link to the audit page line)."""
    series = across_rounds(ctx)
    if series.empty:
        return {"svg": None, "rows": []}
    infos = round_infos(tuple(sorted(series["round_id"])))
    base = paths.BRIEFS / ctx.round_id
    rows = [{"me": r.round_id == ctx.round_id, "round": round_labels.label(r.round_id), "figure": r.count_text if isinstance(r.count_text, str) else "no total (cases described)",
             "published": str(r.published_date), "caveats": _survey_caveat(infos[r.round_id], r),
             "source": Markup(links.source_link(r.source_url, r.source_title)),
             "raw_row": Markup(audit.raw_line_link(r.raw_file, r.raw_line, base=base)) if not pd.isna(r.raw_line) else ""}
            for r in series.itertuples()]
    return {"svg": across_rounds_svg(series, ctx.round_id, ctx.name), "rows": rows}
