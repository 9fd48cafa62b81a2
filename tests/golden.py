"""The rounds shipped with the project, and the golden values pinned on them.

Tests that pin published numbers look only at these rounds: a round a user adds gets the same
structural checks (every round cleans, outputs are current, nbval) but never breaks a pinned
value. `test_readings.py` adds a synthetic round to a copy of the project and runs these checks.
"""
from __future__ import annotations

SHIPPED_ROUNDS = (
    "2007_newsoftheworld", "2008_avon_foi", "2008_dec_dailyexpress", "2008_jan_unknown", "2012_expressandstar",
    "2015_pa", "2023_bbc_sdu", "bbcwales_undated", "cheshire_2010", "essex_echo_undated", "met_2012",
    "met_2013_arbour", "met_standard_undated", "policescotland_nomu_2017", "policescotland_nomu_2018", "psni_2008",
    "sun_undated", "yep_undated",
)


def shipped(frame, column: str = "round_id"):
    return frame[frame[column].isin(SHIPPED_ROUNDS)].reset_index(drop=True)


def check_met_series() -> None:
    from missing_offenders.analyse import trends

    series = shipped(trends.force_series("metropolitan"))
    assert dict(zip(series["round_id"], series["missing_min"])) == {
        "met_standard_undated": 121, "sun_undated": 128, "2007_newsoftheworld": 88, "2008_dec_dailyexpress": 112,
        "met_2012": 123, "met_2013_arbour": 159, "2015_pa": 167}
    assert series.loc[series["date"] == "", "round_id"].tolist() == ["met_standard_undated", "sun_undated"]


def check_national_totals() -> list[int]:
    from missing_offenders.analyse import trends

    totals = shipped(trends.national_totals())
    dated = totals[(totals["measure"] == "stock") & (totals["date"] != "")]
    assert dated["total"].tolist() == [322, 337, 317, 396]
    return dated["total"].tolist()
