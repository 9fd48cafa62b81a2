"""The published charts: each built from the processed tables, with its finding as the title,
a source line naming the FOI requester and date, alt text, and the exact data it plots."""
from __future__ import annotations

import pandas as pd

from missing_offenders.analyse import analysis, processed_rounds, round_comparison, staffing, trends
from missing_offenders.publish import charts
from missing_offenders.ingest import dates


def source_line(round_id: str) -> str:
    info = processed_rounds.info(round_id)
    requester = info.publisher.split(" (")[0] if info.publisher else "the requester named in each source"
    published = dates.leading_date(info.published_date or "")
    when = (f"{published.date.day} {published.date:%B %Y}" if published and published.precision == "day"
            else info.published_date or (info.snapshot_end.isoformat() if info.snapshot_end else "date unknown"))
    return (f"Source: FOI answers to the {requester}, published {when}, as reported in the press "
            f"(one source per force in data/processed/{round_id}/force_returns.csv).")


def longest_leaders(longest: pd.DataFrame) -> tuple[int, list[str]]:
    """analysis.longest_leaders (the whole years reached, and the forces that reached them), keeping only
    the forces whose case could be the longest: not one whose stated maximum is below another force's
    minimum. (The Met's longest was 14 years as stated; Gloucestershire's case since 2000 was at least 14.09.)"""
    years, named = analysis.longest_leaders(longest)
    reached = longest[longest["force_name"].isin(named)]
    highs = reached["longest_missing_years_max"]
    return years, list(reached.loc[highs.isna() | (highs >= longest["longest_missing_years_min"].max()), "force_name"])


def missing_by_force_figure(round_id: str, highlight: str, layout: charts.Layout = charts.PRINT):
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
    picked_text = (f"{names[highlight]}: {round_comparison.figure_words(picked.iloc[0]['status'], picked.iloc[0]['missing_min'], picked.iloc[0]['missing_max'])}." if len(picked)
                   else f"{names[highlight]}: no published figure.")
    requester = processed_rounds.info(round_id).publisher.split(" (")[0] or "the requester"
    subtitle = (f"Forces' figures as published from FOI answers to the {requester}. {picked_text} {not_published} "
                "forces had no published figure and are not shown. Forces known only to have at least one case "
                "are listed apart, not ranked.")
    fig = charts.missing_by_force(ranked, highlight, title, subtitle, source_line(round_id), layout)
    data = ranked.assign(highlighted=ranked["force_id"] == highlight)[
        ["force_name", "rank", "missing_min", "missing_max", "label", "status", "confidence", "share_of_national_pct",
         "highlighted", "force_id"]]
    listed = "; ".join(f"{r.force_name} {round_comparison.figure_words(r.status, r.missing_min, r.missing_max)}" + _confidence_words(r.confidence)
                       for r in ranked[ranked["rank"].notna()].itertuples())
    open_ended = "; ".join(f"{r.force_name} at least {r.missing_min}" for r in ranked[ranked["rank"].isna()].itertuples())
    alt = (f"Horizontal bar chart: {title}. Figures by force, largest first: {listed}."
           + (f" Not ranked, known only from described cases: {open_ended}." if open_ended else "")
           + f" {subtitle} Forces used different definitions of missing or wanted.")
    return fig, data, alt


def _confidence_words(confidence) -> str:
    return f" ({confidence} confidence in attribution)" if confidence in ("medium", "low") else ""


def missing_by_force_chart(round_id: str, highlight: str):
    fig, data, alt = missing_by_force_figure(round_id, highlight)
    phone = missing_by_force_figure(round_id, highlight, charts.PHONE)[0]
    paths = charts.save_chart(fig, f"{round_id}_missing_by_force", data, alt, {"share_of_national_pct": 1},
                              phone_fig=phone)
    return fig, data, paths

def longest_missing_chart(round_id: str):
    tables = analysis.load_round(round_id)
    longest = analysis.longest_missing(tables["force_returns"])
    years, leaders = longest_leaders(longest)
    title = f"The longest time missing described: at least {years} years"
    subtitle = (f"{' and '.join(leaders)}. Longest time missing per force, in years at the count, where the force "
                "described it. A line is the range a date allows; an arrow means no upper bound was given.")
    fig, phone = (charts.longest_missing(longest, title, subtitle, source_line(round_id), layout)
                  for layout in (charts.PRINT, charts.PHONE))
    data = longest[["force_name", "longest_missing_years_min", "longest_missing_years_max", "status", "duration_text",
                    "force_id"]]
    listed = "; ".join(f"{r.force_name} {analysis.years_label(r.longest_missing_years_min, r.longest_missing_years_max)}"
                       for r in longest.itertuples())
    alt = f"Range chart: {title}. Years missing, longest first: {listed}."
    decimals = {"longest_missing_years_min": 2, "longest_missing_years_max": 2}
    paths = charts.save_chart(fig, f"{round_id}_longest_missing", data, alt, decimals, phone_fig=phone)
    return fig, data, paths


def _left_out_words(row) -> str:
    """Why a national total is not on the chart, in words."""
    who = f"{row.short_label}'s {row.total}"
    if row.measure == "flow":
        return f"{who} (people who went missing over a period, {row.when.removeprefix('counted ')}: not a count on one day)"
    if not row.date:
        return f"{who} (date of the survey not known)"
    return f"{who} ({row.measure or 'measure not known'})"


def national_totals_chart():
    totals = trends.national_totals()
    dated = totals[(totals["measure"] == "stock") & (totals["date"] != "")].copy()
    left_out = totals[~totals.index.isin(dated.index)]
    first, last = dated.iloc[0], dated.iloc[-1]
    title = (f"{len(dated)} separate national surveys, {first['date'][:4]} to {last['date'][:4]}, each counted between "
             f"{dated['total'].min()} and {dated['total'].max()} missing registered sex offenders")
    subtitle = ("Each requester's own FOI survey, with its own wording and coverage: not one series, so the totals are "
                "not joined. Dates are the count window where the source gives one, otherwise the publication date. "
                "Not shown: " + "; ".join(_left_out_words(r) for r in left_out.itertuples()) + ".")
    source = "Source: each survey's national total as published, listed with its source in data/raw/foi_rounds/rounds.csv."
    fig, phone = (charts.national_totals(dated, title, subtitle, source, layout) for layout in (charts.PRINT, charts.PHONE))
    data = dated[["short_label", "date", "when", "total", "measure", "date_basis", "reported_by", "round_id"]].rename(
        columns={"short_label": "requester"})
    listed = "; ".join(f"{r.short_label}, {r.when}: {r.total}" for r in dated.itertuples())
    alt = f"Dot chart, one row per survey: {title}. {listed}. {subtitle}"
    paths = charts.save_chart(fig, "national_totals", data, alt, phone_fig=phone)
    return fig, data, left_out, paths


def staffing_chart():
    ratio = staffing.load()
    fewest, most = ratio.staff_range
    low, high = ratio.per_staff_range
    published = f"published: 'one for every {ratio.published_ratio}'"
    data = pd.DataFrame({
        "label": [f"{ratio.offenders:,} offenders / about {ratio.staff} staff", published],
        "offenders_per_staff": [ratio.per_staff, float(ratio.published_ratio)],
        "offenders_per_staff_low": [low, pd.NA], "offenders_per_staff_high": [high, pd.NA],
        "offenders": [ratio.offenders, pd.NA], "staff": [ratio.staff, pd.NA],
        "staff_low": [fewest, pd.NA], "staff_high": [most, pd.NA],
    })
    for column in ("offenders", "staff", "staff_low", "staff_high"):
        data[column] = data[column].astype("Int64")
    for column in ("offenders_per_staff_low", "offenders_per_staff_high"):
        data[column] = data[column].astype("Float64")
    title = f"About one police staff member for every {ratio.per_staff_rounded} registered sex offenders" \
        if ratio.staff_is_approximate else f"One police staff member for every {ratio.per_staff:.0f} registered sex offenders"
    subtitle = (f"NSPCC FOI figures, England and Wales: {ratio.offenders:,} offenders, about {ratio.staff} staff, "
                f"{ratio.per_staff:.1f} per member of staff; {low:.1f} to {high:.1f} if 'about {ratio.staff}' means "
                f"{fewest} to {most}. The published phrase: 'one for every {ratio.published_ratio}'.")
    source = "Source: NSPCC freedom of information figures as reported by the Guardian, 10 March 2015."
    fig, phone = (charts.staffing(data, title, subtitle, source, layout) for layout in (charts.PRINT, charts.PHONE))
    alt = (f"Bar chart: {title}. Computed: {ratio.per_staff:.1f} offenders per staff member ({ratio.offenders:,} / "
           f"{ratio.staff}), a range of {low:.1f} to {high:.1f} if 'about {ratio.staff}' staff means {fewest} to "
           f"{most}; the published phrase: one for every {ratio.published_ratio}.")
    paths = charts.save_chart(fig, "staffing_ratio", data, alt,
                              {"offenders_per_staff": 2, "offenders_per_staff_low": 2, "offenders_per_staff_high": 2},
                              phone_fig=phone)
    return fig, data, paths
