"""The analysis functions, and the charts' data against the numbers the notebooks print."""
import datetime as dt

import pandas as pd
import golden
import pytest

from missing_offenders.analyse import analysis, rates, staffing, trends
from missing_offenders.ingest import dates, paths
from missing_offenders.publish import publication


@pytest.fixture(scope="module")
def pa():
    return analysis.load_round("2015_pa")


def figure_csv(name):
    return pd.read_csv(paths.CHARTS / f"{name}.csv", keep_default_na=False, na_values=[""])


def test_figure_labels():
    assert [analysis.figure_label(*pair) for pair in [(10, 10), (0, 4), (1, pd.NA), (pd.NA, pd.NA)]] == ["10", "0-4", "1+", ""]


def test_ranking_and_met_share(pa):
    ranked = analysis.missing_by_force(pa["force_returns"], 396)
    met = ranked.iloc[0]
    assert (met["force_id"], met["missing_min"], met["share_of_national_pct"]) == ("metropolitan", 167, 42.2)
    assert list(ranked["rank"][:4]) == [1, 2, 3, 4]
    # Forces known only to have '1+' are listed after every ranked force, Norfolk's 1 included, and not ranked.
    open_ended = ranked[ranked["missing_max"].isna()]
    assert set(open_ended["force_id"]) == {"gloucestershire", "humberside", "northumbria"}
    assert open_ended["rank"].isna().all()
    assert open_ended.index.min() > ranked.index[ranked["force_id"] == "norfolk"][0]
    assert ranked["rank"].dropna().is_monotonic_increasing
    assert ranked.loc[ranked["force_id"] == "gloucestershire", "share_of_national_pct"].isna().all()


def test_missing_by_force_csv_sums_to_the_attributed_total(pa):
    data = figure_csv("2015_pa_missing_by_force")
    assert int(data["missing_min"].sum()) == analysis.summary_value(pa["summary"], "attributed_min") == 320
    exact = data[data["missing_min"] == data["missing_max"]]
    assert int(exact["missing_max"].sum()) == analysis.summary_value(pa["summary"], "exact_figures_sum") == 317
    assert data.loc[data["highlighted"], "force_id"].tolist() == ["cambridgeshire"]
    assert list(data.columns[:1]) == ["force_name"]


def test_longest_missing_csv_matches_force_returns(pa):
    data = figure_csv("2015_pa_longest_missing")
    returns = pa["force_returns"].set_index("force_id")
    for row in data.itertuples():
        assert row.longest_missing_years_min == pytest.approx(returns.loc[row.force_id, "longest_missing_years_min"])
    assert data.iloc[0]["force_id"] == "gloucestershire" and data.iloc[0]["longest_missing_years_min"] == 14.09
    assert analysis.longest_leaders(analysis.longest_missing(pa["force_returns"])) == (
        14, ["Gloucestershire Constabulary", "Metropolitan Police Service"])
    assert analysis.years_label(14.09, float("nan")) == "at least 14.0"   # lower bounds round down
    assert analysis.years_label(8.09, 9.19) == "8.0 to 9.2"


def test_national_totals_csv_is_the_dated_stock_rounds():
    data = golden.shipped(figure_csv("national_totals"))
    assert data["total"].tolist() == golden.check_national_totals() == [322, 337, 317, 396]
    assert set(data["measure"]) == {"stock"}
    assert all(len(d) == 10 for d in data["date"])  # ISO dates


def test_staffing_csv_and_rounding():
    ratio = staffing.load()
    assert (ratio.offenders, ratio.staff, ratio.staff_is_approximate) == (46102, 900, True)
    assert ratio.per_staff == pytest.approx(51.2244, abs=1e-4)
    assert ratio.per_staff_rounded == ratio.published_ratio == 50
    data = figure_csv("staffing_ratio")
    assert data.iloc[0]["offenders_per_staff"] == pytest.approx(round(ratio.per_staff, 2))
    assert ratio.staff_range == (850, 950)
    assert [round(v, 1) for v in ratio.per_staff_range] == [48.5, 54.2]
    # The range implied by 'about 900' is a whisker on the computed row, not rows drawn like data.
    assert data["label"].tolist() == ["46,102 offenders / about 900 staff", "published: 'one for every 50'"]
    assert (data.iloc[0]["offenders_per_staff_low"], data.iloc[0]["offenders_per_staff_high"]) == (48.53, 54.24)


def test_rates_use_only_the_same_financial_year(pa):
    national = rates.national_rate(pa["force_returns"], 396, dt.date(2015, 3, 10))
    assert national["denominator"].unique().tolist() == [49466]
    # Only bounds for England and Wales: the UK total over the E&W register is not a measure of anything.
    assert national["per_1000"].tolist() == [8.01, 6.47]
    assert not national["measure"].str.contains("UK").any()
    by_force = rates.force_rates(pa["force_returns"], dt.date(2015, 3, 10))
    assert by_force[["force_id", "missing", "register", "per_1000"]].values.tolist() == [["nottinghamshire", 6, 1024, 5.86]]
    assert rates.national_rate(pa["force_returns"], 396, dt.date(2010, 1, 1)).empty  # no 2009/10 register row


def test_dates():
    assert dates.financial_year_end("2014/15") == dt.date(2015, 3, 31)
    assert dates.financial_year_end("31 March 2015") == dt.date(2015, 3, 31)
    assert dates.financial_year_end("2019") is None and dates.financial_year_end("2014/17") is None
    assert dates.financial_year_containing(dt.date(2015, 3, 10)) == dt.date(2015, 3, 31)
    assert dates.financial_year_containing(dt.date(2015, 4, 1)) == dt.date(2016, 3, 31)
    assert dates.leading_date("2013-11 (BBC London)").label == "2013-11"
    assert dates.leading_date("as of 2017-03-31").precision == "day"
    assert dates.leading_date("UNKNOWN") is None


def test_duration_bands_put_straddling_cases_apart():
    per_case = pd.DataFrame({"years_min": [0.1, 2.0, 0.5, 12.0, 1.0], "years_max": [0.5, 3.0, 1.5, None, None]})
    bands = dict(zip(*analysis.duration_bands(per_case).T.values))
    assert bands == {"under 1 year": 1, "1 to 5 years": 1, "5 to 10 years": 0, "10 years or more": 1, "band uncertain": 2}


@pytest.mark.parametrize("draw", [
    lambda: publication.staffing_chart()[2],
    lambda: publication.missing_by_force_chart("2015_pa", "cambridgeshire")[2],
    lambda: publication.longest_missing_chart("2015_pa")[2],
    lambda: publication.national_totals_chart()[3],
])
def test_charts_redrawn_are_byte_identical_to_the_committed_files(draw):
    for path, content in draw().items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        assert path.read_bytes() == data, f"{paths.relative(path)} differs when redrawn"


def test_alt_text():
    alt = (paths.CHARTS / "staffing_ratio.alt.txt").read_text()
    assert alt.startswith("Bar chart: About one police staff member for every 50 registered sex offenders.")
    assert "every 51" not in alt and "48.5 to 54.2" in alt


def test_met_series_from_all_returns():
    golden.check_met_series()  # the shipped rounds only: a user's new round must not break it


def test_chart_bytes_do_not_depend_on_who_runs_them(tmp_path):
    """Run from another folder with none of make's environment: the same bytes as committed."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in ("MATPLOTLIBRC", "MPLCONFIGDIR", "SOURCE_DATE_EPOCH")}
    env["MPLCONFIGDIR"] = str(tmp_path)
    script = ("from missing_offenders.publish import publication; import sys\n"
              "files = publication.staffing_chart()[2]\n"
              "sys.exit(0 if all(p.read_bytes() == (c.encode() if isinstance(c, str) else c) for p, c in files.items()) else 1)")
    result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_every_duration_label_has_one_shape():
    """analysis.bounds_label is the shape both the charts' years_label and the briefs' humane_years take."""
    nan = float("nan")
    label = lambda low, high: analysis.bounds_label(low, high, lower=lambda v: f"L{v}", upper=lambda v: f"U{v}",
                                                    exact=lambda v: f"E{v}", span=lambda a, b: f"{a}..{b}")
    assert label(nan, nan) == ""
    assert label(2.0, nan) == "at least L2.0"
    assert label(nan, 3.0) == "up to U3.0"
    assert label(2.0, 2.0) == "E2.0"
    assert label(2.0, 3.0) == "L2.0..U3.0"
    assert analysis.years_label(nan, 9.11) == "up to 9.2"  # an upper bound alone rounds up


def test_share_words_give_a_share_only_for_an_exact_figure_against_a_total():
    assert analysis.share_words("167", 42.2, 396) == "167 of 396 = 42.2% of the national total"
    assert analysis.share_words("0-4", pd.NA, 396) == "0-4 of 396 (not an exact figure, so no share)"
    assert analysis.share_words("12", pd.NA, None) == "12 (no national total for this round, so no share)"


def test_national_picture_gives_the_published_forces_basis_whole():
    tables = analysis.load_round("2015_pa")
    facts = analysis.round_facts(tables)
    picture = analysis.national_picture(tables["summary"], facts).set_index("measure")
    published = facts["forces_basis_as_published"]
    assert len(published) > 60  # it was cut at 60 characters
    assert picture.loc["forces said to report missing offenders", "basis"] == f"as published: {published}"
