"""What the charts say and how they are drawn: no series where there is none, no false precision,
uncertainty and colour drawn one way everywhere, labels that never collide, a phone layout."""
import datetime as dt
import itertools

import matplotlib
import matplotlib.pyplot as plt
import nbformat
import pandas as pd
import pytest
from matplotlib.colors import to_hex
from PIL import Image

from missing_offenders.analyse import analysis, rates, trends
from missing_offenders.publish import charts, publication
from missing_offenders.ingest import paths

CHART_NAMES = ["2015_pa_missing_by_force", "2015_pa_longest_missing", "national_totals", "staffing_ratio"]


@pytest.fixture(scope="module")
def drawn():
    """Every chart, print and phone layouts, drawn without saving."""
    figures = {}
    for layout in charts.LAYOUTS:
        figures[("missing_by_force", layout.name)] = publication.missing_by_force_figure("2015_pa", "cambridgeshire",
                                                                                         layout)[0]
        totals = trends.national_totals()
        dated = totals[(totals["measure"] == "stock") & (totals["date"] != "")]
        figures[("national_totals", layout.name)] = charts.national_totals(dated, "t", "s", "source", layout)
    figures[("staffing", "print")] = publication.staffing_chart()[0]
    figures[("longest", "print")] = publication.longest_missing_chart("2015_pa")[0]
    yield figures
    plt.close("all")


def texts_of(fig):
    """Every visible text of a figure with its box in display units: figure texts, tick labels, labels."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    found = [t for t in fig.findobj(matplotlib.text.Text) if t.get_visible() and t.get_text().strip()]
    return [(t.get_text(), t.get_window_extent(renderer)) for t in found]


def overlaps(fig):
    boxes = texts_of(fig)
    return [(a, b) for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2)
            if box_a.overlaps(box_b) and box_a.width * box_a.height and box_b.width * box_b.height
            and not (a == b)]


# --- national totals ---------------------------------------------------------------------------

def test_national_totals_dates_say_what_they_are():
    totals = trends.national_totals().set_index("round_id")
    # A publication date only bounds the count: it is never called a snapshot.
    assert totals.loc["2007_newsoftheworld", "date_basis"] == trends.PUBLICATION_BASIS
    assert totals.loc["2008_dec_dailyexpress", "when"] == "published 24 Dec 2008"
    assert totals.loc["2015_pa", "when"] == "counted Feb to Mar 2015"
    assert not totals["date_basis"].str.contains("snapshot").any()


def test_national_totals_name_who_reported_an_unnamed_requester():
    totals = trends.national_totals().set_index("round_id")
    assert totals.loc["2008_jan_unknown", "short_label"] == "requester not named; reported by Daily Mail"
    data = pd.read_csv(paths.CHARTS / "national_totals.csv", dtype=str)
    assert not data["requester"].str.contains("unknown", case=False).any()
    assert "unknown" not in (paths.CHARTS / "national_totals.alt.txt").read_text().lower()


def test_national_totals_never_join_separate_surveys(drawn):
    for layout in charts.LAYOUTS:
        ax = drawn[("national_totals", layout.name)].axes[0]
        for line in ax.lines:  # stems and dots: each within one survey's row
            assert len(set(line.get_ydata())) == 1, "a line joins two surveys"


def test_national_totals_subtitle_has_no_internal_ids_or_double_brackets():
    alt = (paths.CHARTS / "national_totals.alt.txt").read_text()
    assert "))" not in alt and "((" not in alt
    for code in ("sun_undated", "2023_bbc_sdu", "rounds.csv)", "snapshot end"):
        assert code not in alt
    assert "The Sun's 316 (date of the survey not known)" in alt


def test_national_totals_labels_do_not_collide_even_with_many_rounds():
    """Twelve synthetic rounds a year apart: rows, not labels piled on one time axis."""
    synthetic = pd.DataFrame({
        "short_label": [f"Synthetic requester {i}" for i in range(12)],
        "when": [f"published 1 Jan {2000 + i}" for i in range(12)],
        "total": [300 + (i % 3) for i in range(12)],
        "date": [f"{2000 + i}-01-01" for i in range(12)],
    })
    for layout in charts.LAYOUTS:
        fig = charts.national_totals(synthetic, "Synthetic title", "Synthetic subtitle", "Synthetic source", layout)
        assert overlaps(fig) == []
        plt.close(fig)


def test_charts_have_no_colliding_text(drawn):
    for key, fig in drawn.items():
        assert overlaps(fig) == [], key


# --- staffing ----------------------------------------------------------------------------------

def test_staffing_title_has_no_false_precision_and_the_range_is_not_data(drawn):
    fig = drawn[("staffing", "print")]
    words = " ".join(text for text, _ in texts_of(fig))
    assert "About one police staff member for every 50" in words
    assert "every 51" not in words
    ax = fig.axes[0]
    bars = [p for p in ax.patches if isinstance(p, matplotlib.patches.Rectangle)]
    assert len(bars) == 2  # the computed ratio and the published phrase; 850 and 950 are no bars
    assert ax.containers and any(isinstance(c, matplotlib.container.ErrorbarContainer) for c in ax.containers)
    assert "range implied by 'about 900' staff (850 to 950)" in [t.get_text() for t in fig.legends[0].get_texts()]


# --- missing by force --------------------------------------------------------------------------

def test_missing_by_force_lower_bounds_are_apart_and_drawn_open(drawn):
    ax = drawn[("missing_by_force", "print")].axes[0]
    names = [t.get_text() for t in ax.get_yticklabels()]
    heading = names.index(charts.LOWER_BOUND_HEADING)
    assert names.index("Norfolk Constabulary") < heading < names.index("Gloucestershire Constabulary")
    dashed = [p for p in ax.patches if p.get_linestyle() == "--"]
    assert len(dashed) == 3 and all(to_hex(p.get_facecolor()) == "#ffffff" for p in dashed)


def test_missing_by_force_confidence_is_drawn_and_explained(drawn):
    fig = drawn[("missing_by_force", "print")]
    ax = fig.axes[0]
    hatched = [p for p in ax.patches if p.get_hatch() == "////"]
    assert len(hatched) == 1  # West Yorkshire, the one low-confidence figure
    labels = [t.get_text() for t in fig.legends[0].get_texts()]
    assert "low confidence in attribution" in labels and "medium confidence in attribution" in labels
    assert "highlighted: Cambridgeshire Constabulary" in labels
    assert "forces used different definitions" in ax.get_xlabel().replace("\n", " ")


def test_orange_means_the_highlighted_force_and_nothing_else(drawn):
    orange = to_hex(charts.ORANGE)
    for key, fig in drawn.items():
        ax = fig.axes[0]
        coloured = [to_hex(p.get_facecolor()) for p in ax.patches] + [to_hex(p.get_edgecolor()) for p in ax.patches]
        coloured += [to_hex(line.get_color()) for line in ax.lines]
        if key[0] == "missing_by_force":
            highlighted = [p for p in ax.patches if to_hex(p.get_facecolor()) == orange]
            assert len(highlighted) == 1  # Cambridgeshire's bar
        else:
            assert orange not in coloured, key
        assert fig.legends, f"{key} has no legend"
    assert "#d55e00" not in charts.__dict__.values()  # no second orange (vermilion) for open bounds


# --- phone layout and files --------------------------------------------------------------------

@pytest.mark.parametrize("name", CHART_NAMES)
def test_every_chart_has_its_files_and_a_narrow_phone_variant(name):
    for suffix in (".png", ".svg", ".csv", ".alt.txt", ".phone.png"):
        assert (paths.CHARTS / f"{name}{suffix}").is_file(), suffix
    with Image.open(paths.CHARTS / f"{name}.phone.png") as image:
        width_inches = image.width / charts.PHONE_DPI
    # Shown 360 CSS px wide, 10 pt text in a figure this wide is at least 12 px high.
    assert width_inches <= 4.0
    assert charts.PHONE.font * 360 / width_inches / 72 >= 12


# --- rates (notebook 02) -----------------------------------------------------------------------

def test_rate_moves_with_the_denominator():
    by_register = rates.rate_by_denominator(320, 396, dt.date(2015, 3, 10))
    assert by_register[["register", "per_1000_at_least", "per_1000_at_most"]].values.tolist() == [
        [49466, 6.47, 8.01], [46102, 6.94, 8.59]]
    assert rates.rate_by_denominator(320, 396, dt.date(2019, 3, 10))["register"].tolist() == [60294]


def test_notebook_02_prints_no_mismatched_rate_and_both_denominators():
    nb = nbformat.read(paths.NOTEBOOKS / "02_round_analysis.ipynb", as_version=4)
    printed = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    assert "per 1,000 on the E&W register" not in printed
    assert "49,466" in printed and "46,102" in printed and "6.94 to 8.59" in printed


def test_status_words():
    assert analysis.status_words("not_published") == "no published figure found"
    assert [analysis.ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd"]
