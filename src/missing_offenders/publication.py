"""The published charts: each built from the processed tables, with its finding as the title,
a source line naming the FOI requester and date, alt text, and the exact data it plots."""
from __future__ import annotations

import math

import pandas as pd

from . import analysis, charts, rounds, staffing, trends


def source_line(round_id: str) -> str:
    info = rounds.info_for(round_id)
    requester = info.publisher or "the requester named in each source"
    when = info.published_date or (info.snapshot_end.isoformat() if info.snapshot_end else "date unknown")
    return (f"Source: FOI responses to {requester}, published {when}, as reported in the press "
            f"(one source per force in data/processed/{round_id}/force_returns.csv).")


def longest_leaders(longest: pd.DataFrame) -> tuple[int, list[str]]:
    """Whole years the longest described case had at least reached, and every force with such a case
    that could be the longest: not one whose stated maximum is below another force's minimum. (The Met's
    longest was 14 years as stated; Gloucestershire's case since 2000 was at least 14.09.)"""
    lows = longest["longest_missing_years_min"]
    top = lows.max()
    years = int(math.floor(top))
    reached = longest[lows.notna() & (lows.map(lambda v: math.floor(v) if v == v else -1) == years)]
    highs = reached["longest_missing_years_max"]
    return years, list(reached.loc[highs.isna() | (highs >= top), "force_name"])


def missing_by_force_figure(round_id: str, highlight: str):
    """The ranked chart of a round with one force highlighted: (figure, plotted data, alt text)."""
    tables = analysis.load_round(round_id)
    total = analysis.summary_value(tables["summary"], "national_total_reported")
    ranked = analysis.missing_by_force(tables["force_returns"], total)
    not_published = analysis.summary_value(tables["summary"], "forces_not_published")
    top = ranked.iloc[0]
    title = (f"{top['force_name']} accounts for {top['label']} of the {total} missing registered sex offenders"
             if total else f"{top['force_name']} reported the most missing registered sex offenders ({top['label']})")
    names = dict(zip(tables["force_returns"]["force_id"], tables["force_returns"]["force_name"]))
    picked = ranked[ranked["force_id"] == highlight]
    picked_text = (f"{names[highlight]}: {picked.iloc[0]['label']}." if len(picked)
                   else f"{names[highlight]}: no published figure.")
    subtitle = (f"Forces' published figures ({round_id}). {picked_text} {not_published} forces had no published "
                "figure and are not shown; '1+' means at least one case was described but no total given.")
    fig = charts.missing_by_force(ranked, highlight, title, subtitle, source_line(round_id))
    data = ranked.assign(highlighted=ranked["force_id"] == highlight)[
        ["force_name", "missing_min", "missing_max", "label", "status", "share_of_national_pct", "highlighted", "force_id"]]
    listed = "; ".join(f"{r.force_name} {r.label}" for r in ranked.itertuples())
    alt = f"Horizontal bar chart: {title}. Figures by force, largest first: {listed}. {subtitle}"
    return fig, data, alt


def missing_by_force_chart(round_id: str, highlight: str):
    fig, data, alt = missing_by_force_figure(round_id, highlight)
    paths = charts.save_chart(fig, f"{round_id}_missing_by_force", data, alt, {"share_of_national_pct": 1})
    return fig, data, paths


def longest_missing_chart(round_id: str):
    tables = analysis.load_round(round_id)
    longest = analysis.longest_missing(tables["force_returns"])
    years, leaders = longest_leaders(longest)
    title = f"The longest time missing described: at least {years} years"
    subtitle = (f"{' and '.join(leaders)}. Longest time missing per force, in years at the count, where the force "
                "described it. A line is the range a date allows; an arrow means no upper bound was given.")
    fig = charts.longest_missing(longest, title, subtitle, source_line(round_id))
    data = longest[["force_name", "longest_missing_years_min", "longest_missing_years_max", "status", "duration_text",
                    "force_id"]]
    listed = "; ".join(f"{r.force_name} {analysis.years_label(r.longest_missing_years_min, r.longest_missing_years_max)}"
                       for r in longest.itertuples())
    alt = f"Range chart: {title}. Years missing, longest first: {listed}."
    decimals = {"longest_missing_years_min": 2, "longest_missing_years_max": 2}
    paths = charts.save_chart(fig, f"{round_id}_longest_missing", data, alt, decimals)
    return fig, data, paths


def national_totals_chart():
    totals = trends.national_totals()
    dated = totals[(totals["measure"] == "stock") & (totals["date"] != "")].copy()
    dated["short_label"] = dated["requester"].str.split(" (", regex=False).str[0]
    left_out = totals[~totals.index.isin(dated.index)]
    first, last = dated.iloc[0], dated.iloc[-1]
    title = (f"{len(dated)} national FOI surveys, {first['date'][:4]} to {last['date'][:4]}, counted between "
             f"{dated['total'].min()} and {dated['total'].max()} missing registered sex offenders")
    subtitle = ("National counts from different requesters' FOI surveys, dated by snapshot; definitions and coverage "
                "vary. Not shown: " + "; ".join(f"{r.round_id} ({r.total}, {r.measure or 'no measure'}, "
                                                 f"{r.date_basis if r.date else 'undated'})" for r in left_out.itertuples()))
    fig = charts.national_totals(dated, title, subtitle,
                                 "Source: rounds.csv (each round's national total as published, with its source URL).")
    data = dated[["short_label", "date", "total", "measure", "date_basis", "round_id"]].rename(columns={"short_label": "requester"})
    listed = "; ".join(f"{r.date}: {r.total} ({r.short_label})" for r in dated.itertuples())
    alt = f"Line chart: {title}. Points: {listed}. {subtitle}"
    paths = charts.save_chart(fig, "national_totals", data, alt)
    return fig, data, left_out, paths


def staffing_chart():
    ratio = staffing.load()
    data = pd.DataFrame({
        "label": [f"{ratio.offenders:,} / {ratio.staff} staff", f"if 'about {ratio.staff}' were 850",
                  f"if 'about {ratio.staff}' were 950", "published: 'one for every 50'"],
        "offenders_per_staff": [ratio.per_staff, ratio.per_staff_if_staff_were(850), ratio.per_staff_if_staff_were(950),
                                float(ratio.published_ratio)],
        "offenders": [ratio.offenders] * 3 + [pd.NA], "staff": [ratio.staff, 850, 950, pd.NA],
    })
    data["offenders"] = data["offenders"].astype("Int64")
    data["staff"] = data["staff"].astype("Int64")
    title = f"One police staff member for every {ratio.per_staff:.0f} registered sex offenders"
    subtitle = (f"NSPCC FOI figures, England and Wales: {ratio.offenders:,} offenders, about {ratio.staff} staff. "
                f"{ratio.per_staff:.1f} rounds to {ratio.per_staff_rounded}, the published 'one for every 50'.")
    fig = charts.staffing(data, title, subtitle,
                          "Source: NSPCC freedom of information figures as reported by the Guardian, 10 March 2015.")
    alt = (f"Bar chart: {title}. " + "; ".join(f"{r.label}: {r.offenders_per_staff:.1f}" for r in data.itertuples())
           + f". {subtitle}")
    paths = charts.save_chart(fig, "staffing_ratio", data, alt, {"offenders_per_staff": 2})
    return fig, data, paths
