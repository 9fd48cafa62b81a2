"""The seaborn charts: their CSV is what they plot, and drawing them again gives the same bytes."""
import io

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from missing_offenders.publish import charts, series_charts
from missing_offenders.ingest import outputs, paths
from missing_offenders.analyse import round_comparison


@pytest.fixture(scope="module")
def series():
    figures = round_comparison.force_figures()
    points, pairs, left_out = series_charts.series_data(figures)
    return figures, points, pairs, left_out


def _read(name):
    return pd.read_csv(paths.CHARTS / f"{name}.csv", dtype=str, keep_default_na=False)


def test_force_series_csv_is_what_the_panels_plot(series):
    _, points, pairs, _ = series
    fig = series_charts.force_series(points, pairs, "t", "s", "source")
    committed = _read(series_charts.SERIES_NAME)
    assert committed.equals(pd.read_csv(io.StringIO(outputs.csv_text(points, {"x_position": 3})), dtype=str,
                                        keep_default_na=False))
    forces = sorted(points["force_name"].unique())
    for ax, force in zip(fig.axes, forces):
        mine = points[points["force_name"] == force]
        drawn = np.vstack([c.get_offsets() for c in ax.collections if len(c.get_offsets())])
        expected = np.column_stack([mine["x_position"].astype(float), mine["missing_min"].astype(float)])
        assert sorted(map(tuple, drawn.round(3))) == sorted(map(tuple, expected.round(3))), force
        assert ax.get_title(loc="left").replace("\n", " ") == force
    # One line per comparable pair and no other: separate surveys are never joined.
    lines = [line for ax in fig.axes for line in ax.get_lines() if len(line.get_xdata()) == 2
             and line.get_linestyle() == "-" and line.get_linewidth() == 1.5]
    assert len(lines) == len(pairs) == 1
    plt.close(fig)


def test_every_force_panel_has_two_rounds_and_flows_stay_out(series):
    figures, points, _, left_out = series
    assert (points.groupby("force_name")["round_id"].nunique() >= 2).all()
    assert not (points["round_id"].isin(figures.loc[figures["measure"] == "flow", "round_id"])).any()
    assert len(points) + len(left_out) <= len(figures)


def test_case_durations_csv_is_one_dot_per_case_where_it_is_drawn():
    fig, data, bounds_only, _ = series_charts.case_durations_chart("2015_pa")
    committed = _read("2015_pa_case_durations")
    assert len(committed) == len(data)
    cases = pd.read_csv(paths.PROCESSED / "2015_pa" / "missing_cases.csv")
    described = cases[cases["kind"] == "cases"]
    assert len(data) == int(described["cases"].sum())  # 'two since 2009' is two dots
    ax = fig.axes[0]
    dots = np.vstack([c.get_offsets() for c in ax.collections if len(c.get_offsets())])
    expected = np.column_stack([committed["years_min"].astype(float), committed["y_position"].astype(float)])
    def ordered(xy):
        return xy[np.lexsort((xy[:, 1], xy[:, 0]))]
    assert np.allclose(ordered(dots), ordered(expected), atol=1e-3)
    assert bounds_only == ["Cambridgeshire Constabulary", "West Yorkshire Police"]
    plt.close(fig)


def _render(fig):
    files = charts.rendered(fig)
    plt.close(fig)
    return files


def test_redrawing_gives_the_same_bytes_as_the_committed_files():
    """No randomness (a swarm, not jitter; no bootstrap): two draws and the committed files agree."""
    drawn = [series_charts.force_series_chart()[4] for _ in range(2)]
    again = [series_charts.case_durations_chart("2015_pa")[3] for _ in range(2)]
    for first, second in (drawn, again):
        assert first == second
        for path, content in first.items():
            data = content.encode() if isinstance(content, str) else content
            assert path.read_bytes() == data, path.name
