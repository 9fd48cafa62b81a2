"""Publication charts in one house style, each saved with the exact data it plots.

`save_chart` writes, under reports/figures/: PNG (savefig.dpi of house.mplstyle), SVG, the plotted data as a tidy CSV
(labels first, plain numbers, ISO dates: Datawrapper-ready), `<name>.alt.txt`, alt text a
screen reader can use, and `<name>.phone.png`, the same chart laid out for a phone screen (the web
pages serve it below 40rem with <picture>). Files are byte-identical on every run (fixed SVG salt
and metadata, unchanged files not rewritten).

One meaning per colour, in every chart, each chart with a legend:
BLUE a figure as a source published it; ORANGE the force a local edition highlights (nothing
else); GREY what is not data (a published phrase, a range implied by a rounded input).
Uncertainty is drawn with shape, never colour: hatching for a low attribution confidence, a
paler bar for a medium one, a dashed open bar or an arrow for a lower bound.
"""
from __future__ import annotations

import io
import textwrap
from dataclasses import dataclass
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from missing_offenders.ingest import paths
from missing_offenders.analyse.analysis import years_label
from missing_offenders.ingest.outputs import csv_text, write_texts

STYLE = Path(__file__).with_name("house.mplstyle")
PHONE_DPI = 300  # about 3 device pixels per CSS pixel at 360 CSS px: sharp on a phone screen
EMBEDDED_DPI = 110  # the chart inlined in each of the 46 briefs (as data): small pages, legible on a phone
BLUE, ORANGE, GREY, DARK, PALE = "#0072B2", "#E69F00", "#8c8c8c", "#333333", "#c6dbef"
MEDIUM_ALPHA = 0.55


@dataclass(frozen=True)
class Layout:
    """Sizes for one place a chart is read. Text sizes are in points at the figure's own width:
    the phone layout is narrow so that, shown 360 CSS px wide, 10 pt is about 14 px."""
    name: str
    width: float          # inches
    font: float           # labels, ticks, legend
    title_font: float
    subtitle_font: float
    source_font: float
    title_wrap: int       # characters per line
    subtitle_wrap: int
    source_wrap: int
    names_above: bool     # category names above their row (a narrow screen has no room beside the axis)
    row: float            # inches per category row


PRINT = Layout("print", 7.0, 9, 13, 10, 8, 60, 80, 95, False, 0.3)
PHONE = Layout("phone", 3.6, 10, 12.5, 10, 9, 34, 40, 44, True, 0.52)
LAYOUTS = (PRINT, PHONE)
NAME_WRAP = 38  # characters of a 10 pt name above a row, in the phone layout's width


def style():
    return plt.style.context(STYLE)


def _saving():
    """Matplotlib's defaults, then the house style: while a chart is written, no setting of the caller's
    (padding, transparency, SVG ids...) reaches its bytes."""
    return plt.style.context(["default", STYLE])


def _lines_height(lines: int, size: float) -> float:
    return lines * size * 1.3 / 72


@dataclass
class Frame:
    """A chart's figure and axes, with the place kept for its legend (between the x label and the source)."""
    fig: object
    ax: object
    layout: Layout
    legend_top: float   # figure fraction


def _legend_rows(layout: Layout, entries: int) -> int:
    return -(-entries // (1 if layout.names_above else 2))


def figure(layout: Layout, body_height: float, title: str, subtitle: str, source: str, *, xlabel: str,
           legend_entries: int) -> Frame:
    """A figure sized to its content: title and subtitle on top (however many lines they wrap to),
    `body_height` inches of plot, then the x label, the legend and the source line."""
    title_lines = textwrap.wrap(title, layout.title_wrap)
    subtitle_lines = textwrap.wrap(subtitle, layout.subtitle_wrap)
    source_lines = textwrap.wrap(source, layout.source_wrap)
    header = 0.1 + _lines_height(len(title_lines), layout.title_font) + 0.08 \
        + _lines_height(len(subtitle_lines), layout.subtitle_font) + 0.2
    source_height = 0.05 + _lines_height(len(source_lines), layout.source_font)
    legend_height = 0.1 + _legend_rows(layout, legend_entries) * (layout.font - 1) * 1.55 / 72
    axis_height = 0.3 + _lines_height(_xlabel_lines(layout, xlabel), layout.font)
    footer = axis_height + 0.1 + legend_height + source_height
    height = header + body_height + footer
    fig, ax = plt.subplots(figsize=(layout.width, height))
    fig.text(0.02, 1 - 0.1 / height, "\n".join(title_lines), fontsize=layout.title_font, fontweight="bold",
             ha="left", va="top", linespacing=1.15)
    fig.text(0.02, 1 - (0.18 + _lines_height(len(title_lines), layout.title_font)) / height, "\n".join(subtitle_lines),
             fontsize=layout.subtitle_font, color="#333333", ha="left", va="top", linespacing=1.15)
    fig.text(0.02, 0.02 / height, "\n".join(source_lines), fontsize=layout.source_font, color="#555555",
             ha="left", va="bottom", linespacing=1.15)
    adjust = {"top": 1 - header / height, "bottom": footer / height}
    if layout.names_above:
        adjust.update(left=0.03, right=0.97)
    fig.subplots_adjust(**adjust)
    return Frame(fig, ax, layout, (source_height + legend_height) / height)


def row_names(layout: Layout, names: list[str]) -> tuple[list[str], float]:
    """Category names as drawn, and the height of a row in inches: above a row (phone) a long name
    wraps onto more lines, and every row grows to hold the longest."""
    if not layout.names_above:
        return list(names), layout.row
    wrapped = ["\n".join(textwrap.wrap(name, NAME_WRAP)) for name in names]
    lines = max(name.count("\n") + 1 for name in wrapped)
    return wrapped, layout.row + (lines - 1) * _lines_height(1, layout.font)


def category_rows(ax, layout: Layout, names: list[str], xlabel: str, xlim: float) -> list[float]:
    """Rows top to bottom, named beside the axis (print) or above each row (phone); returns each row's y."""
    ys = [float(len(names) - 1 - i) for i in range(len(names))]
    if layout.names_above:
        ax.set_yticks([])
        ax.spines["left"].set_visible(False)
        for y, name in zip(ys, names):
            ax.text(0, y + 0.3, name, fontsize=layout.font, ha="left", va="bottom", color=DARK)
        ax.set_ylim(-0.55, len(names) - 0.1)
    else:
        ax.set_yticks(ys, names, fontsize=layout.font)
        ax.set_ylim(-0.6, len(names) - 0.4)
        # Room for the longest name inside the figure, so the title starts where the names do.
        fig = ax.figure
        renderer = fig.canvas.get_renderer()
        widest = max(label.get_window_extent(renderer).width for label in ax.get_yticklabels()) / fig.dpi
        fig.subplots_adjust(left=(widest + 0.2) / layout.width)
    ax.set_xlabel("\n".join(textwrap.wrap(xlabel, layout.subtitle_wrap + 8)), fontsize=layout.font)
    ax.tick_params(axis="x", labelsize=layout.font)
    ax.set_xlim(0, xlim)
    ax.xaxis.grid(True)
    ax.set_axisbelow(True)
    return ys


def legend(frame: Frame, handles: list) -> None:
    """The key to every colour and shape used, below the plot (never over the data)."""
    layout = frame.layout
    frame.fig.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.02, frame.legend_top), borderaxespad=0,
                     ncol=1 if layout.names_above else 2, fontsize=layout.font - 1, frameon=False, handlelength=1.8,
                     columnspacing=1.5)


def _xlabel_lines(layout: Layout, xlabel: str) -> int:
    return len(textwrap.wrap(xlabel, layout.subtitle_wrap + 8))


def rendered(fig) -> tuple[bytes, bytes]:
    """The print PNG and the SVG of `fig`, written under matplotlib's defaults and the house style alone
    (resolution, SVG ids): the bytes must not depend on who runs this, or where."""
    png, svg = io.BytesIO(), io.BytesIO()
    with _saving():
        fig.savefig(png, format="png", bbox_inches="tight", metadata={"Software": None})
        fig.savefig(svg, format="svg", bbox_inches="tight", metadata={"Date": None, "Creator": None})
    return png.getvalue(), svg.getvalue()


def embedded_png(fig) -> bytes:
    """The PNG of `fig` to inline in a page (the briefs), in the house style."""
    png = io.BytesIO()
    with _saving():
        fig.savefig(png, format="png", dpi=EMBEDDED_DPI, bbox_inches="tight", metadata={"Software": None})
    return png.getvalue()


def save_chart(fig, name: str, data: pd.DataFrame, alt_text: str, decimals: dict[str, int] | None = None, *,
               phone_fig) -> dict[Path, bytes | str]:
    """Write PNG, SVG, CSV and alt text for one chart (from `fig`) and `<name>.phone.png` (from `phone_fig`,
    the same chart drawn with the PHONE layout, then closed); return the rendered files by path."""
    folder = paths.CHARTS
    png, svg = rendered(fig)
    phone = io.BytesIO()
    with _saving():
        phone_fig.savefig(phone, format="png", dpi=PHONE_DPI, bbox_inches="tight", pad_inches=0.05,
                          metadata={"Software": None})
    plt.close(phone_fig)  # the notebook shows the print figure only
    files = {
        folder / f"{name}.png": png,
        folder / f"{name}.svg": svg,
        folder / f"{name}.phone.png": phone.getvalue(),
        folder / f"{name}.csv": csv_text(data, decimals),
        folder / f"{name}.alt.txt": alt_text.strip() + "\n",
    }
    write_texts(files, under=paths.REPORTS)
    return files


# --- missing per force -------------------------------------------------------------------------

CONFIDENCE_STYLE = {  # attribution confidence (the transcriber's judgement) drawn by fill, not colour
    "high": {"alpha": 1.0},
    "medium": {"alpha": MEDIUM_ALPHA},
    "low": {"alpha": 1.0, "hatch": "////", "fill": False},
}
LOWER_BOUND_HEADING = "Not ranked, known only to be at least:"
MISSING_BY_FORCE_XLABEL = ("registered sex offenders each force said were missing, wanted or of unknown whereabouts "
                           "(forces used different definitions)")


def missing_by_force_rows(ranked: pd.DataFrame) -> list[tuple[str, pd.Series | None]]:
    """Rows top to bottom: ranked figures first, then, under a heading, forces known only by a lower bound
    (cases described, no total), which are not ranked."""
    bounded = ranked[ranked["rank"].notna()]
    open_ended = ranked[ranked["rank"].isna()]
    rows = [(r["force_name"], r) for _, r in bounded.iterrows()]
    if len(open_ended):
        rows.append((LOWER_BOUND_HEADING, None))
        rows.extend((r["force_name"], r) for _, r in open_ended.iterrows())
    return rows


def missing_by_force_key(ranked: pd.DataFrame, highlight: str) -> list:
    """Legend entries for what this chart draws, and only that."""
    confidence = set(ranked.loc[ranked["missing_max"].notna(), "confidence"].fillna("high"))
    handles = [Patch(color=BLUE, label="figure the force gave (high confidence)")]
    if "medium" in confidence:
        handles.append(Patch(color=BLUE, alpha=MEDIUM_ALPHA, label="medium confidence in attribution"))
    if "low" in confidence:
        handles.append(Patch(facecolor="white", edgecolor=BLUE, hatch="////", label="low confidence in attribution"))
    if (ranked["missing_max"] > ranked["missing_min"]).any():
        handles.append(Patch(facecolor=PALE, edgecolor=BLUE, hatch="...", label="up to the top of a range"))
    if ranked["missing_max"].isna().any():
        handles.append(Patch(facecolor="white", edgecolor=BLUE, linestyle="--", label="at least: cases described, no total"))
    names = dict(zip(ranked["force_id"], ranked["force_name"]))
    if highlight in names:
        handles.append(Patch(color=ORANGE, label=f"highlighted: {names[highlight]}"))
    return handles


def missing_by_force(ranked: pd.DataFrame, highlight: str, title: str, subtitle: str, source: str,
                     layout: Layout = PRINT):
    """Ranked horizontal bars: an exact figure as a bar, a range as a bar to its minimum and a pale bar
    to its maximum, a lower bound as a dashed open bar with an arrow, apart from the ranking."""
    rows = missing_by_force_rows(ranked)
    key = missing_by_force_key(ranked, highlight)
    xmax = float(ranked["missing_min"].max()) * 1.18
    names, row_height = row_names(layout, [name for name, _ in rows])
    with style():
        frame = figure(layout, row_height * len(rows) + 0.1, title, subtitle, source,
                       xlabel=MISSING_BY_FORCE_XLABEL, legend_entries=len(key))
        ax = frame.ax
        ys = category_rows(ax, layout, names, MISSING_BY_FORCE_XLABEL, xmax)
        height = 0.5 if layout.names_above else 0.7
        for y, (name, row) in zip(ys, rows):
            if row is None:
                if not layout.names_above:  # the heading reads as a label, not as a force
                    ax.get_yticklabels()[ys.index(y)].set_fontstyle("italic")
                continue
            highlighted = row["force_id"] == highlight
            colour = ORANGE if highlighted else BLUE
            low = float(row["missing_min"])
            weight = "bold" if highlighted else "normal"
            if pd.isna(row["missing_max"]):
                ax.barh(y, low, height=height, facecolor="white", edgecolor=colour, linestyle="--", linewidth=1.2)
                arrow_end = low + xmax * 0.05
                ax.annotate("", xy=(arrow_end, y), xytext=(low, y),
                            arrowprops={"arrowstyle": "->", "color": colour, "linewidth": 1.4})
                ax.text(arrow_end + xmax * 0.01, y, f"at least {int(low)}", va="center", fontsize=layout.font,
                        fontweight=weight)
                continue
            confidence = row["confidence"] if row["confidence"] in CONFIDENCE_STYLE else "high"
            look = CONFIDENCE_STYLE[confidence]
            if look.get("fill", True):
                ax.barh(y, low, height=height, color=colour, alpha=look["alpha"], linewidth=0)
            else:
                ax.barh(y, low, height=height, facecolor="white", edgecolor=colour, hatch=look["hatch"], linewidth=1.0)
            end = low
            if row["missing_max"] > row["missing_min"]:
                end = float(row["missing_max"])
                ax.barh(y, end - low, left=low, height=height, color=PALE, hatch="...", edgecolor=colour, linewidth=0)
            ax.text(end + xmax * 0.012, y, row["label"], va="center", fontsize=layout.font, fontweight=weight)
        legend(frame, key)
    return frame.fig


# --- longest time missing ----------------------------------------------------------------------

LONGEST_XLABEL = "years missing at the time of the count"


def longest_missing(longest: pd.DataFrame, title: str, subtitle: str, source: str, layout: Layout = PRINT):
    """One line per force from the lowest to the highest bound of its longest case; a stated duration
    is a dot, an open upper bound an open dot and an arrow (all BLUE: shape carries the uncertainty)."""
    xmax = 19.0
    key = [
        Line2D([], [], marker="o", color=BLUE, linestyle="none", label="a stated duration"),
        Line2D([], [], color=BLUE, linewidth=4, label="the range a date allows"),
        Line2D([], [], marker="o", markerfacecolor="white", color=BLUE, linestyle="none",
               label="at least (arrow): no upper bound given"),
    ]
    names, row_height = row_names(layout, list(longest["force_name"]))
    with style():
        frame = figure(layout, row_height * len(longest) + 0.1, title, subtitle, source,
                       xlabel=LONGEST_XLABEL, legend_entries=len(key))
        ax = frame.ax
        ys = category_rows(ax, layout, names, LONGEST_XLABEL, xmax)
        for y, row in zip(ys, longest.itertuples()):
            low, high = row.longest_missing_years_min, row.longest_missing_years_max
            if pd.isna(high):
                ax.annotate("", xy=(low + 1.5, y), xytext=(low, y),
                            arrowprops={"arrowstyle": "->", "color": BLUE, "linewidth": 1.5})
                ax.plot([low], [y], "o", color=BLUE, markerfacecolor="white", markersize=6)
            elif low == high:
                ax.plot([low], [y], "o", color=BLUE, markersize=7)
            else:
                ax.plot([low, high], [y, y], color=BLUE, linewidth=4, solid_capstyle="round")
            ax.text((low + 1.5 if pd.isna(high) else high) + 0.4, y, years_label(low, high), va="center",
                    fontsize=layout.font)
        legend(frame, key)
    return frame.fig


# --- national totals across surveys ------------------------------------------------------------

TOTALS_XLABEL = "national count as each requester published it"


def national_totals(dated: pd.DataFrame, title: str, subtitle: str, source: str, layout: Layout = PRINT):
    """One row per survey, oldest first, named by its requester and dated in words: separate surveys are
    never joined by a line, and more rounds add rows instead of piling labels onto one axis."""
    names, row_height = row_names(layout, [f"{r.short_label}, {r.when}" for r in dated.itertuples()])
    xmax = float(dated["total"].max()) * 1.2
    key = [Line2D([], [], marker="o", color=BLUE, linestyle="none", label="one survey's published total")]
    with style():
        frame = figure(layout, row_height * len(dated) + 0.1, title, subtitle, source,
                       xlabel=TOTALS_XLABEL, legend_entries=len(key))
        ax = frame.ax
        ys = category_rows(ax, layout, names, TOTALS_XLABEL, xmax)
        for y, total in zip(ys, dated["total"]):
            ax.plot([0, total], [y, y], color=PALE, linewidth=1.5, zorder=1)
            ax.plot([total], [y], "o", color=BLUE, markersize=8, zorder=2)
            ax.text(total + xmax * 0.045, y, f"{total}", va="center", fontsize=layout.font)
        legend(frame, key)
    return frame.fig


# --- staffing ratio ----------------------------------------------------------------------------

STAFFING_XLABEL = "registered sex offenders per police staff member"


def staffing(data: pd.DataFrame, title: str, subtitle: str, source: str, layout: Layout = PRINT):
    """The computed ratio as a bar with a whisker for the range its rounded input allows (never bars
    of their own, as if they were data), and the published phrase in grey."""
    xmax = 70.0
    ranged = data[data["offenders_per_staff_low"].notna()].iloc[0]
    key = [
        Patch(color=BLUE, label="computed from the NSPCC's figures"),
        Line2D([], [], color=DARK, marker="|", markersize=10,
               label=f"range implied by 'about {ranged['staff']}' staff ({ranged['staff_low']} to {ranged['staff_high']})"),
        Patch(color=GREY, label="the published phrase"),
    ]
    names, row_height = row_names(layout, list(data["label"]))
    with style():
        frame = figure(layout, row_height * len(data) + 0.2, title, subtitle, source,
                       xlabel=STAFFING_XLABEL, legend_entries=len(key))
        ax = frame.ax
        ys = category_rows(ax, layout, names, STAFFING_XLABEL, xmax)
        height = 0.5 if layout.names_above else 0.6
        for y, row in zip(ys, data.itertuples()):
            published = pd.isna(row.offenders)
            ax.barh(y, row.offenders_per_staff, color=GREY if published else BLUE, height=height)
            end = row.offenders_per_staff
            if not pd.isna(row.offenders_per_staff_low):
                ax.errorbar(row.offenders_per_staff, y,
                            xerr=[[row.offenders_per_staff - row.offenders_per_staff_low],
                                  [row.offenders_per_staff_high - row.offenders_per_staff]],
                            fmt="none", ecolor=DARK, elinewidth=1.5, capsize=5)
                end = row.offenders_per_staff_high
            text = f"{row.offenders_per_staff:.0f}" if published else f"{row.offenders_per_staff:.1f}"
            ax.text(end + 1.0, y, text, va="center", fontsize=layout.font)
        legend(frame, key)
    return frame.fig
