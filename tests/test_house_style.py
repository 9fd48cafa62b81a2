"""A chart's files depend on the house style alone (house.mplstyle), not on the rc of whoever saves them."""
import matplotlib
import matplotlib.pyplot as plt
import pytest

from missing_offenders.publish import charts


def _figure():
    with charts.style():
        fig, ax = plt.subplots()
        ax.plot([1, 2, 3], [3, 1, 2], marker="|")
        ax.set_title("A chart")
    return fig


@pytest.mark.parametrize("foreign", [
    {"svg.hashsalt": "someone-else", "savefig.dpi": 50},
    {"svg.hashsalt": None, "svg.fonttype": "none", "savefig.dpi": "figure"},
    {"savefig.pad_inches": 1.0, "savefig.transparent": True, "svg.id": "someone"},
])
def test_the_caller_rc_does_not_change_the_bytes(foreign):
    fig = _figure()
    house_png, house_svg = charts.rendered(fig)
    with plt.rc_context(foreign):
        png, svg = charts.rendered(fig)
    plt.close(fig)
    assert (png, svg) == (house_png, house_svg)


def test_resolution_and_svg_ids_are_set_in_the_house_style_only():
    style = matplotlib.rc_params_from_file(str(charts.STYLE), use_default_template=False)
    assert style["svg.hashsalt"] == "missing-offenders" and style["savefig.dpi"] == 200
    rc = charts.paths.ROOT / "matplotlibrc"
    settings = [line.split(":")[0].strip() for line in rc.read_text().splitlines() if line and not line.startswith("#")]
    assert settings == ["backend"], "matplotlibrc must not set what the house style sets"


def test_the_chart_inlined_in_a_brief_ignores_the_caller_rc_too():
    fig = _figure()
    house = charts.embedded_png(fig)
    with plt.rc_context({"savefig.dpi": 50, "savefig.facecolor": "red", "savefig.pad_inches": 1.0}):
        assert charts.embedded_png(fig) == house
    plt.close(fig)
