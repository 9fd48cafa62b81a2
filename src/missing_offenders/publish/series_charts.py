"""Charts across rounds and across cases, drawn with seaborn in the house style (charts.py):
each force's figures in every round as small multiples, and the time each described case had been
missing in one round as a swarm. Saved like every chart: PNG, SVG, phone PNG, the plotted data as CSV
and alt text; seaborn draws nothing at random here (no bootstrap, a swarm instead of jitter).
"""
from __future__ import annotations

import math
import textwrap

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns
from matplotlib.lines import Line2D

from missing_offenders.analyse import analysis, round_comparison
from missing_offenders.publish import charts

# One marker per requester (colour stays BLUE: the house rule gives colour one meaning).
MARKERS = ("o", "s", "D", "^", "v", "P", "X", "p", "h", "<", ">", "*")
UNDATED_GAP = 2.5   # years between the last dated figure and the 'date not known' column
SERIES_NAME = "force_series"
SERIES_COLUMNS = ["force_name", "round_id", "requester", "when", "date", "date_basis", "x_position", "missing_min",
                  "missing_max", "status", "joined_to_next", "count_text", "series", "force_id"]
DURATIONS_COLUMNS = ["force_name", "case", "years_min", "years_max", "y_position", "text", "rule", "force_id"]


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width)


def _header(fig, layout: charts.Layout, height: float, title: str, subtitle: str, source: str) -> tuple[float, float]:
    """Title and subtitle at the top, source at the bottom, as charts.figure draws them; returns the
    heights (inches) they take at the top and the bottom."""
    title_lines, subtitle_lines = _wrap(title, layout.title_wrap), _wrap(subtitle, layout.subtitle_wrap)
    source_lines = _wrap(source, layout.source_wrap)
    fig.text(0.02, 1 - 0.1 / height, "\n".join(title_lines), fontsize=layout.title_font, fontweight="bold",
             ha="left", va="top", linespacing=1.15)
    fig.text(0.02, 1 - (0.18 + charts._lines_height(len(title_lines), layout.title_font)) / height,
             "\n".join(subtitle_lines), fontsize=layout.subtitle_font, color="#333333", ha="left", va="top",
             linespacing=1.15)
    fig.text(0.02, 0.02 / height, "\n".join(source_lines), fontsize=layout.source_font, color="#555555",
             ha="left", va="bottom", linespacing=1.15)
    return _top_height(layout, title, subtitle), _bottom_height(layout, source)


def _top_height(layout, title, subtitle) -> float:
    return (0.1 + charts._lines_height(len(_wrap(title, layout.title_wrap)), layout.title_font) + 0.08
            + charts._lines_height(len(_wrap(subtitle, layout.subtitle_wrap)), layout.subtitle_font) + 0.25)


def _bottom_height(layout, source) -> float:
    return 0.05 + charts._lines_height(len(_wrap(source, layout.source_wrap)), layout.source_font)


def _legend_height(layout, entries: int) -> float:
    return 0.1 + charts._legend_rows(layout, entries) * (layout.font - 1) * 1.55 / 72


# --- each force across rounds -------------------------------------------------------------------

def series_data(figures: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(points to plot, lines joining comparable points, figures left out and why). A panel per force with
    figures in at least two rounds; flows are left out (a count over years is not a count on a day)."""
    stocks = figures[figures["measure"] != "flow"]
    left_out = figures[figures["measure"] == "flow"].assign(why="a flow over a period, not a count on a day")
    forces = round_comparison.forces_with_series(stocks)
    points = stocks[stocks["force_name"].isin(forces)].copy()
    dated = points["x_year"].dropna()
    undated_x = math.floor(float(dated.max())) + UNDATED_GAP if len(dated) else 0.0
    points["x_position"] = points["x_year"].fillna(undated_x).astype(float).round(3)
    pairs = round_comparison.comparable_pairs(points)
    joined = set(zip(pairs["force_id"], pairs["from_round"]))
    points["joined_to_next"] = [(f, r) in joined for f, r in zip(points["force_id"], points["round_id"])]
    points = points.sort_values(["force_name", "x_position", "round_id"]).reset_index(drop=True)
    return points[SERIES_COLUMNS], pairs, left_out


def requester_order(points: pd.DataFrame) -> list[str]:
    """Requesters by their first dated figure (undated last), then by name: a fixed marker for each."""
    first = points.groupby("requester")["x_position"].min().reset_index()
    return list(first.sort_values(["x_position", "requester"])["requester"])


def _series_key(requesters: list[str], markers: dict, has_lower_bound: bool) -> list:
    handles = [Line2D([], [], marker=markers[r], color=charts.BLUE, linestyle="none", label=r) for r in requesters]
    handles.append(Line2D([], [], color=charts.BLUE, linewidth=1.5,
                          label="joined only where one source counted the same way on known days"))
    if has_lower_bound:
        handles.append(Line2D([], [], marker="^", markerfacecolor="white", color=charts.BLUE, linestyle="none",
                              label="at least: cases described, no total"))
    return handles


def force_series(points: pd.DataFrame, pairs: pd.DataFrame, title: str, subtitle: str, source: str,
                 layout: charts.Layout = charts.PRINT):
    """Small multiples: one panel per force, its figures by date (undated at the right, apart), a marker per
    requester, a line only between comparable figures, each panel on its own scale (labelled)."""
    forces = sorted(points["force_name"].unique())
    requesters = requester_order(points)
    markers = dict(zip(requesters, MARKERS))
    if len(requesters) > len(MARKERS):
        raise ValueError(f"{len(requesters)} requesters but only {len(MARKERS)} markers: add markers")
    cols = 2 if layout.names_above else 3
    title_wrap = 20 if layout.names_above else 30  # a panel's width in characters of its title
    rows = -(-len(forces) // cols)
    panel = 1.25 if layout.names_above else 1.15
    key = _series_key(requesters, markers, (points["status"] == "cases_only").any())
    top, bottom = _top_height(layout, title, subtitle), _bottom_height(layout, source)
    legend_h = _legend_height(layout, len(key))
    body = rows * (panel + 0.45)
    height = top + body + 0.7 + legend_h + bottom
    undated_x = float(points.loc[points["date"] == "", "x_position"].max()) if (points["date"] == "").any() else None
    dated_x = points.loc[points["date"] != "", "x_position"]
    xmin, xmax = math.floor(dated_x.min()) - 0.7, (undated_x if undated_x is not None else dated_x.max()) + 0.9
    with charts.style(), sns.axes_style(None):
        grid = sns.FacetGrid(points, col="force_name", col_order=forces, col_wrap=cols, sharex=True, sharey=False,
                             height=panel, aspect=layout.width / cols / panel, despine=True)
        grid.map_dataframe(sns.scatterplot, x="x_position", y="missing_min", style="requester", style_order=requesters,
                           markers=markers, color=charts.BLUE, s=34 if layout.names_above else 28, legend=False,
                           linewidth=0)
        grid.set_titles(template="")  # the force's name goes on the left, as the house titles do
        fig = grid.figure
        fig.set_size_inches(layout.width, height)
        for ax, force in zip(grid.axes.flat, forces):
            mine = points[points["force_name"] == force]
            ax.set_title("\n".join(_wrap(force, title_wrap)), fontsize=layout.font, loc="left", pad=3)
            joins = pairs[pairs["force_id"] == mine["force_id"].iloc[0]]
            for pair in joins.itertuples():
                sns.lineplot(x=[pair.from_x, pair.to_x], y=[pair.from_figure, pair.to_figure], color=charts.BLUE,
                             linewidth=1.5, errorbar=None, ax=ax, zorder=1)
            for row in mine.itertuples():
                if pd.isna(row.missing_max):  # a lower bound: open marker and an arrow up
                    ax.plot([row.x_position], [row.missing_min], marker="^", color=charts.BLUE,
                            markerfacecolor="white", markersize=6, zorder=3)
                elif row.missing_max > row.missing_min:
                    ax.plot([row.x_position] * 2, [row.missing_min, row.missing_max], color=charts.BLUE, linewidth=3)
            peak = float(mine["missing_max"].fillna(mine["missing_min"]).max())
            top_y = max(peak * 1.35, 4)
            ax.set_ylim(-0.06 * top_y, top_y)  # a zero sits on the grid, not under the axis
            labelled_at: set[float] = set()
            for row in mine.itertuples():
                beside = row.x_position in labelled_at  # a second figure at the same x: label to its right
                labelled_at.add(row.x_position)
                label = (f"≥{row.missing_min}" if pd.isna(row.missing_max) else f"{row.missing_min}"
                         if row.missing_min == row.missing_max else f"{row.missing_min}–{row.missing_max}")
                ax.annotate(label, (row.x_position, float(row.missing_min)), xytext=(6, -2) if beside else (0, 5),
                            textcoords="offset points", ha="left" if beside else "center",
                            va="top" if beside else "bottom", fontsize=layout.font - 2, color=charts.DARK)
            ax.set_xlim(xmin, xmax)
            ax.yaxis.grid(True)
            ax.set_axisbelow(True)
            ax.tick_params(labelsize=layout.font - 2)
            ax.set_xlabel("")
            ax.set_ylabel("")
            if undated_x is not None:
                ax.axvline(undated_x - UNDATED_GAP / 2, color=charts.GREY, linewidth=0.8, linestyle=":")
        ticks = [y for y in range(int(math.ceil(xmin)), int(dated_x.max()) + 1) if y % 4 == 0]
        labels = [str(t) for t in ticks]
        if undated_x is not None:
            ticks.append(undated_x)
            labels.append("date\nunknown")
        for ax in grid.axes.flat:
            ax.set_xticks(ticks, labels)
        _header(fig, layout, height, title, subtitle, source)
        fig.subplots_adjust(top=1 - top / height, bottom=(bottom + legend_h + 0.7) / height, left=0.07, right=0.98,
                            hspace=0.9 if layout.names_above else 0.75, wspace=0.25)
        charts.legend(charts.Frame(fig, None, layout, (bottom + legend_h) / height), key)
    return fig


def _points_words(mine: pd.DataFrame) -> str:
    return ", ".join(f"{round_comparison.figure_words(r.status, r.missing_min, r.missing_max)} "
                     f"({r.requester}, {r.when})" for r in mine.itertuples())


def force_series_chart(figures: pd.DataFrame | None = None):
    """Draw and save the small multiples: (figure, plotted data, lines, left out, files)."""
    figures = round_comparison.force_figures() if figures is None else figures
    points, pairs, left_out = series_data(figures)
    forces = sorted(points["force_name"].unique())
    title = f"{len(forces)} forces gave a figure in more than one survey: separate counts, rarely comparable"
    subtitle = ("Each force's figures of registered sex offenders missing or wanted, one panel per force on its "
                "own scale. Marker: who asked. Surveys differ in requester, question and date, so figures are "
                f"joined only where one source counted the same way on known days ({len(pairs)} such pair"
                f"{'' if len(pairs) == 1 else 's'}). Undated figures sit apart at the right.")
    source = ("Source: force figures in every round, data/processed/<round>/force_returns.csv; national surveys "
              "listed in data/raw/foi_rounds/rounds.csv.")
    fig, phone = (force_series(points, pairs, title, subtitle, source, layout) for layout in charts.LAYOUTS)
    listed = "; ".join(f"{force}: {_points_words(points[points['force_name'] == force])}" for force in forces)
    joined = "; ".join(f"{p.force_id} {p.from_figure} ({p.from_round}) to {p.to_figure} ({p.to_round})"
                       for p in pairs.itertuples())
    alt = (f"Small multiples, one panel per force: {title}. {listed}. Joined by a line: {joined or 'none'}. "
           f"{subtitle}")
    files = charts.save_chart(fig, SERIES_NAME, points, alt, {"x_position": 3}, phone_fig=phone)
    return fig, points, pairs, left_out, files


# --- per-case durations in one round ------------------------------------------------------------

def case_points(cases: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """One row per described case ('two since 2009' is two cases), from missing_cases.csv rows of kind
    'cases'; a force's shortest/longest bounds are not cases and stay out (listed by the caller)."""
    described = cases[cases["kind"] == "cases"]
    records = []
    for row in described.itertuples():
        count = 1 if pd.isna(row.cases) else int(row.cases)
        for _ in range(count):
            records.append({"force_name": names[row.force_id], "years_min": row.years_min,
                            "years_max": row.years_max, "text": row.text, "rule": row.rule,
                            "force_id": row.force_id})
    points = pd.DataFrame(records, columns=["force_name", "years_min", "years_max", "text", "rule", "force_id"])
    points["case"] = points.groupby("force_id").cumcount() + 1
    for column in ("years_min", "years_max"):
        points[column] = points[column].astype("Float64")
    return points


def force_order(points: pd.DataFrame) -> list[str]:
    """Forces by their longest described case (lower bound), longest first; ties by name."""
    longest = points.groupby("force_name")["years_min"].max().reset_index()
    return list(longest.sort_values(["years_min", "force_name"], ascending=[False, True])["force_name"])


DURATIONS_XMAX = 17.0  # years: room for the longest case (over 14) and its line on
DURATIONS_XLABEL = "years missing at the time of the count (a dot at the least the text allows)"


def case_durations(points: pd.DataFrame, title: str, subtitle: str, source: str,
                   layout: charts.Layout = charts.PRINT):
    """A swarm: one dot per case at the least time the text allows, a line on to the most it allows, an
    arrow where no upper bound was given. Returns the figure and each dot's y position as drawn."""
    order = force_order(points)
    key = [Line2D([], [], marker="o", color=charts.BLUE, linestyle="none", label="one case, at the least time stated"),
           Line2D([], [], color=charts.BLUE, linewidth=1.2, alpha=0.6, label="up to the most the text allows"),
           Line2D([], [], color=charts.BLUE, marker=">", markersize=5, linewidth=1.2, alpha=0.6,
                  label="no upper bound given ('more than')")]
    names, row_height = charts.row_names(layout, order)
    row_height = max(row_height, 0.42)
    with charts.style():
        frame = charts.figure(layout, row_height * len(order) + 0.1, title, subtitle, source,
                              xlabel=DURATIONS_XLABEL, legend_entries=len(key))
        ax = frame.ax
        sns.swarmplot(data=points, x="years_min", y="force_name", order=order, orient="h", color=charts.BLUE,
                      size=5.5, ax=ax, zorder=3)
        if layout.names_above:
            ax.set_yticks([])
            ax.spines["left"].set_visible(False)
            for i, name in enumerate(names):
                ax.text(0, i - 0.32, name, fontsize=layout.font, ha="left", va="bottom", color=charts.DARK)
        else:
            ax.set_yticks(range(len(order)), names, fontsize=layout.font)
            fig = ax.figure
            renderer = fig.canvas.get_renderer()
            widest = max(label.get_window_extent(renderer).width for label in ax.get_yticklabels()) / fig.dpi
            fig.subplots_adjust(left=(widest + 0.2) / layout.width)
        ax.set_ylim(len(order) - 0.5, -0.75)
        ax.set_ylabel("")
        ax.set_xlim(0, DURATIONS_XMAX)
        ax.set_xlabel("\n".join(textwrap.wrap(DURATIONS_XLABEL, layout.subtitle_wrap + 8)), fontsize=layout.font)
        ax.tick_params(axis="x", labelsize=layout.font)
        ax.xaxis.grid(True)
        ax.set_axisbelow(True)
        positions = _frozen_swarm(ax, points, order)
        for index, row in points.iterrows():
            y, low, high = positions[index], float(row["years_min"]), row["years_max"]
            if pd.isna(high):
                ax.annotate("", xy=(low + 1.2, y), xytext=(low, y),
                            arrowprops={"arrowstyle": "->", "color": charts.BLUE, "linewidth": 1.2, "alpha": 0.6})
            elif float(high) > low:
                ax.plot([low, float(high)], [y, y], color=charts.BLUE, linewidth=1.2, alpha=0.6, zorder=2)
        charts.legend(frame, key)
    return frame.fig, positions


def _frozen_swarm(ax, points: pd.DataFrame, order: list[str]) -> pd.Series:
    """Each dot's y as drawn, fixed. seaborn places a swarm's dots when the figure is drawn (they move with
    the layout and the resolution); drawn once with the final layout, then frozen, every file (PNG, SVG,
    phone) and the CSV carry the same positions. One collection per force, dots in the data's order."""
    ax.figure.canvas.draw()
    positions = pd.Series(index=points.index, dtype=float)
    collections = [c for c in ax.collections if len(c.get_offsets())]
    present = [force for force in order if (points["force_name"] == force).any()]
    if len(collections) != len(present):
        raise RuntimeError(f"swarm drew {len(collections)} groups for {len(present)} forces")
    for force, collection in zip(present, collections):
        mine = points.index[points["force_name"] == force]
        offsets = collection.get_offsets()
        if len(offsets) != len(mine):
            raise RuntimeError(f"swarm drew {len(offsets)} dots for {len(mine)} cases of {force}")
        positions.loc[mine] = [round(float(y), 4) for _, y in offsets]
        collection.set_offsets([(float(x), y) for (x, _), y in zip(offsets, positions.loc[mine])])
        vars(collection).pop("draw", None)  # seaborn's draw-time swarm: the dots stay where they are now
    return positions


def case_durations_chart(round_id: str):
    """Draw and save `<round>_case_durations`: (figure, plotted data, forces left out with only bounds, files)."""
    tables = analysis.load_round(round_id)
    names = dict(zip(tables["force_returns"]["force_id"], tables["force_returns"]["force_name"]))
    points = case_points(tables["cases"], names)
    cases = tables["cases"]
    bounds_only = sorted({names[f] for f in cases.loc[cases["kind"] != "cases", "force_id"]}
                         - set(points["force_name"]))
    longest = analysis.floor1(float(points["years_min"].max()))
    title = (f"{len(points)} described cases in {points['force_name'].nunique()} forces, the longest missing at "
             f"least {longest:.1f} years")
    subtitle = ("Each dot is one offender whose time missing a force described, at the least time the words allow "
                "('since 2009' is at least 5.09 years at the count). Forces that gave only their shortest and longest "
                f"cases are not shown: {', '.join(bounds_only) or 'none'}.")
    source = f"Source: {charts_source(round_id)}"
    fig, positions = case_durations(points, title, subtitle, source, charts.PRINT)
    phone, _ = case_durations(points, title, subtitle, source, charts.PHONE)
    data = points.assign(y_position=positions)[DURATIONS_COLUMNS]
    listed = "; ".join(f"{force}: " + ", ".join(analysis.years_label(r.years_min, r.years_max)
                                                for r in data[data["force_name"] == force].itertuples())
                       for force in force_order(points))
    alt = f"Swarm chart, one dot per case, years missing: {title}. {listed}. {subtitle}"
    files = charts.save_chart(fig, f"{round_id}_case_durations", data, alt,
                              {"years_min": 2, "years_max": 2, "y_position": 4}, phone_fig=phone)
    return fig, data, bounds_only, files


def charts_source(round_id: str) -> str:
    return (f"durations as the forces described them, read from data/processed/{round_id}/missing_cases.csv "
            "(one row per phrase, with the rule that read it).")
