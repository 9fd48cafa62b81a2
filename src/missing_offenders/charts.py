"""Publication charts in one house style, each saved with the exact data it plots.

`save_chart` writes, under reports/figures/: PNG (200 dpi), SVG, the plotted data as a tidy CSV
(labels first, plain numbers, ISO dates: Datawrapper-ready) and `<name>.alt.txt`, alt text a
screen reader can use. Files are byte-identical on every run (fixed SVG salt and metadata,
unchanged files not rewritten).
"""
from __future__ import annotations

import io
import textwrap
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd

from . import paths
from .analysis import years_label
from .outputs import csv_text, write_texts

STYLE = Path(__file__).with_name("house.mplstyle")
DPI = 200
BLUE, ORANGE, GREEN, VERMILION, GREY, LIGHT = "#0072B2", "#E69F00", "#009E73", "#D55E00", "#9a9a9a", "#c6dbef"


def style():
    return plt.style.context(STYLE)


def frame(fig, title: str, subtitle: str, source: str) -> None:
    """Title stating the finding, a subtitle, and the source line at the foot; the plot starts below
    however many lines the title and subtitle take."""
    title_lines, subtitle_lines = textwrap.wrap(title, 60), textwrap.wrap(subtitle, 80)
    height = fig.get_figheight()
    fig.text(0.02, 1 - 0.12 / height, "\n".join(title_lines), fontsize=13, fontweight="bold", ha="left", va="top")
    fig.text(0.02, 1 - (0.2 + 0.25 * len(title_lines)) / height, "\n".join(subtitle_lines), fontsize=10,
             color="#333333", ha="left", va="top")
    fig.text(0.02, 0.02, "\n".join(textwrap.wrap(source, 95)), fontsize=8, color="#555555", ha="left", va="bottom")
    top = 1 - (0.35 + 0.25 * len(title_lines) + 0.19 * len(subtitle_lines)) / height
    fig.subplots_adjust(top=top, bottom=1.0 / height)  # an inch for the x axis label and the source line


def finish_bars(fig, ax, labels, xlabel: str, xlim: float, titles: tuple[str, str, str]):
    """Common finish of a horizontal chart: labels, x grid, the frame (title, subtitle, source)."""
    ax.set_yticks(range(len(labels)), labels, fontsize=9)
    ax.set_xlabel(xlabel)
    ax.set_xlim(0, xlim)
    ax.xaxis.grid(True)
    ax.set_axisbelow(True)
    frame(fig, *titles)


def save_chart(fig, name: str, data: pd.DataFrame, alt_text: str,
               decimals: dict[str, int] | None = None) -> dict[Path, bytes | str]:
    """Write PNG, SVG, CSV and alt text for one chart; return the rendered files by path."""
    folder = paths.FIGURES
    png, svg = io.BytesIO(), io.BytesIO()
    # Fixed here, not left to the caller's rc: the bytes must not depend on who runs this, or where.
    with plt.rc_context({"svg.hashsalt": "missing-offenders", "svg.fonttype": "path"}):
        fig.savefig(png, format="png", dpi=DPI, bbox_inches="tight", metadata={"Software": None})
        fig.savefig(svg, format="svg", bbox_inches="tight", metadata={"Date": None, "Creator": None})
    files = {
        folder / f"{name}.png": png.getvalue(),
        folder / f"{name}.svg": svg.getvalue(),
        folder / f"{name}.csv": csv_text(data, decimals),
        folder / f"{name}.alt.txt": alt_text.strip() + "\n",
    }
    write_texts(files, under=paths.REPORTS)
    return files


def missing_by_force(ranked: pd.DataFrame, highlight: str, title: str, subtitle: str, source: str):
    """Ranked horizontal bars; a range is drawn as a solid bar to its minimum and a pale bar to its
    maximum, a lower bound ('1+') with an open end, the highlighted force in orange."""
    with style():
        fig, ax = plt.subplots(figsize=(7.0, 0.28 * len(ranked) + 2.2))
        order = ranked.iloc[::-1].reset_index(drop=True)
        for y, row in order.iterrows():
            colour = ORANGE if row["force_id"] == highlight else BLUE
            low = float(row["missing_min"])
            ax.barh(y, low, color=colour, height=0.7)
            if pd.isna(row["missing_max"]):
                ax.plot([low, low + 2.5], [y, y], color=colour, linestyle=(0, (1, 1)), linewidth=2)
            elif row["missing_max"] > row["missing_min"]:
                ax.barh(y, float(row["missing_max"]) - low, left=low, color=LIGHT, height=0.7, hatch="///",
                        edgecolor=colour, linewidth=0)
            end = low + 2.5 if pd.isna(row["missing_max"]) else float(row["missing_max"])
            ax.text(end + 3, y, row["label"], va="center", fontsize=9,
                    fontweight="bold" if row["force_id"] == highlight else "normal")
        finish_bars(fig, ax, order["force_name"], "registered sex offenders wanted, whereabouts unknown",
                    float(ranked["missing_min"].max()) * 1.12, (title, subtitle, source))
    return fig


def longest_missing(longest: pd.DataFrame, title: str, subtitle: str, source: str):
    """One line per force from the lowest to the highest bound of its longest case; an open
    upper bound is drawn as an arrow."""
    with style():
        fig, ax = plt.subplots(figsize=(7.0, 0.32 * len(longest) + 2.2))
        order = longest.iloc[::-1].reset_index(drop=True)
        for y, row in order.iterrows():
            low, high = row["longest_missing_years_min"], row["longest_missing_years_max"]
            if pd.isna(high):
                ax.annotate("", xy=(low + 1.5, y), xytext=(low, y),
                            arrowprops={"arrowstyle": "->", "color": VERMILION, "linewidth": 1.5})
                ax.plot([low], [y], "o", color=VERMILION, markersize=6)
            elif low == high:
                ax.plot([low], [y], "o", color=BLUE, markersize=7)
            else:
                ax.plot([low, high], [y, y], color=BLUE, linewidth=4, solid_capstyle="round")
            label = years_label(low, high)
            ax.text((low if pd.isna(high) else high) + 1.8, y, label, va="center", fontsize=9)
        finish_bars(fig, ax, order["force_name"], "years missing at the time of the count", 19,
                    (title, subtitle, source))
    return fig


def national_totals(dated: pd.DataFrame, title: str, subtitle: str, source: str):
    """Stock counts on a time axis (flows never share it), each point labelled with its requester."""
    with style():
        fig, ax = plt.subplots()
        when = pd.to_datetime(dated["date"], format="%Y-%m-%d")
        ax.plot(when, dated["total"], color=BLUE, marker="o", linewidth=1.5)
        for x, row in zip(when, dated.itertuples()):
            ax.annotate(f"{row.total}\n{row.short_label}", (x, row.total), textcoords="offset points", xytext=(0, 8),
                        ha="center", fontsize=8)
        ax.set_ylim(0, float(dated["total"].max()) * 1.3)
        ax.set_ylabel("national count")
        ax.yaxis.grid(True)
        ax.set_axisbelow(True)
        ax.xaxis.set_major_locator(matplotlib.dates.YearLocator(2))
        ax.xaxis.set_major_formatter(matplotlib.dates.DateFormatter("%Y"))
        frame(fig, title, subtitle, source)
    return fig


def staffing(data: pd.DataFrame, title: str, subtitle: str, source: str):
    """Offenders per member of staff: the computed ratio, the sensitivity to 'about 900', the published phrase."""
    with style():
        fig, ax = plt.subplots(figsize=(7.0, 3.6))
        order = data.iloc[::-1].reset_index(drop=True)
        colours = [GREY if "published" in label else BLUE for label in order["label"]]
        ax.barh(range(len(order)), order["offenders_per_staff"], color=colours, height=0.6)
        for y, value in enumerate(order["offenders_per_staff"]):
            ax.text(value + 0.8, y, f"{value:.1f}", va="center", fontsize=9)
        finish_bars(fig, ax, order["label"], "registered sex offenders per police staff member", 65,
                    (title, subtitle, source))
    return fig
