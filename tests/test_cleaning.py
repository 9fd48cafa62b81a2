"""The shipped rounds clean as the published reports say, and every raw row is accounted for."""
import pandas as pd
import pytest

from missing_offenders.clean import checks, cleaning, round_outputs
from missing_offenders.ingest import paths, registry, rounds


@pytest.fixture(scope="module")
def pa_2015():
    return cleaning.clean_round("2015_pa")


def force(cleaned, force_id):
    frame = cleaned.force_returns
    return frame.loc[frame["force_id"] == force_id].iloc[0]


def test_one_row_per_registry_force_sorted(pa_2015):
    frame = pa_2015.force_returns
    assert list(frame["force_id"]) == sorted(registry.load().ids)
    assert len(frame) == 46


def test_cambridgeshire_ten_missing_up_to_about_eight_years(pa_2015):
    row = force(pa_2015, "cambridgeshire")
    assert (row.status, row.missing_min, row.missing_max) == ("reported", 10, 10)
    assert row.longest_missing_years_min == pytest.approx(8.0)
    assert row.longest_missing_years_max == pytest.approx(8.0)


def test_norfolk_one_missing_since_august_2014(pa_2015):
    row = force(pa_2015, "norfolk")
    assert (row.missing_min, row.missing_max) == (1, 1)
    # since August 2014, counted between 1 Feb and 10 Mar 2015: five to seven months
    assert row.longest_missing_years_min == pytest.approx(154 / 365.25, abs=0.005)
    assert row.longest_missing_years_max == pytest.approx(221 / 365.25, abs=0.005)


def test_met_167_longest_fourteen_years(pa_2015):
    row = force(pa_2015, "metropolitan")
    assert (row.missing_min, row.missing_max) == (167, 167)
    assert row.longest_missing_years_min == pytest.approx(14.0)
    # A corroborating source says "The longest period of time an offender had been missing was 14 years"
    # (documented correction of the transcribed duration_text), so the longest is bounded at 14 (issue 11).
    assert row.longest_missing_years_max == pytest.approx(14.0)


def test_scotland_none(pa_2015):
    row = force(pa_2015, "police-scotland")
    assert (row.status, row.missing_min, row.missing_max) == ("reported", 0, 0)


def test_gloucestershire_cases_only_lower_bound(pa_2015):
    row = force(pa_2015, "gloucestershire")
    assert (row.status, row.missing_min) == ("cases_only", 1)
    assert pd.isna(row.missing_max)


def test_forces_without_a_published_figure_stay_blank(pa_2015):
    row = force(pa_2015, "kent")
    assert row.status == "not_published"
    assert pd.isna(row.missing_min) and pd.isna(row.missing_max)


def test_attributed_total_against_reported_396(pa_2015):
    summary = dict(zip(pa_2015.summary["measure"], pa_2015.summary["value"]))
    assert summary["national_total_reported"] == 396
    assert summary["exact_figures_sum"] == 317       # the 16 forces with a figure (README: 317 of 396)
    assert summary["attributed_min"] == 320          # plus three forces known only from one case each
    assert pd.isna(summary["attributed_max"])
    assert summary["unattributed_max"] == 76
    assert summary["forces_with_missing"] == 19


@pytest.mark.parametrize("round_id", rounds.discover())
def test_every_round_cleans_and_accounts_for_every_raw_row(round_id):
    cleaned = cleaning.clean_round(round_id)
    checks.check_force_returns(cleaned.force_returns, registry.load().ids)
    used = set(cleaned.force_returns["raw_line"].dropna())
    excluded = {row["raw_line"] for row in cleaned.excluded}
    all_rows, _ = rounds.read_round_rows()
    mine = {row.line for row in all_rows if row.get("round_id") == round_id}
    assert used | excluded == mine and not used & excluded


@pytest.mark.parametrize("round_id", rounds.discover())
def test_committed_outputs_are_what_the_code_gives(round_id):
    for path, text in round_outputs.rendered_outputs(cleaning.clean_round(round_id)).items():
        assert path.read_text(encoding="utf-8") == text, f"{paths.relative(path)} is stale: run `make all`"


def test_checks_catch_broken_tables(pa_2015):
    ids = registry.load().ids
    good = pa_2015.force_returns
    assert checks.force_return_problems(good, ids) == []
    broken = good.copy()
    broken.loc[broken["force_id"] == "essex", "missing_min"] = 50
    broken.loc[broken["force_id"] == "kent", "status"] = "lost"
    problems = " ".join(checks.force_return_problems(broken, ids))
    assert "missing_min > missing_max: essex" in problems
    assert "status outside" in problems and "kent" in problems
    assert "registry forces without a row: surrey" in " ".join(
        checks.force_return_problems(good[good["force_id"] != "surrey"], ids))
    with pytest.raises(checks.DataQualityError):
        checks.check_force_returns(broken, ids)
