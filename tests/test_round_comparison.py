"""Round to round: the rule that picks the previous comparable round, the per-force comparison and the
lines of the small multiples, on synthetic frames (made here, named as such), then on the shipped rounds."""
import datetime as dt

import pandas as pd
import pytest

from missing_offenders.analyse import round_comparison as rc


def synthetic_catalogue(*rows):
    """Synthetic rounds: (round_id, scope, measure, requester, snapshot_start, snapshot_end)."""
    records = [{"round_id": r, "scope": scope, "measure": measure, "requester": who,
                "snapshot_start": start, "snapshot_end": end, "when": "", "date_basis": "", "forces_basis": "",
                "source_line": 1} for r, scope, measure, who, start, end in rows]
    return pd.DataFrame(records, columns=rc.CATALOGUE_COLUMNS)


D = dt.date
SYNTHETIC_ROUNDS = synthetic_catalogue(
    ("synthetic_now", rc.NATIONAL, "stock", "A", D(2015, 2, 1), D(2015, 3, 1)),
    ("synthetic_old", rc.NATIONAL, "stock", "B", None, D(2007, 1, 1)),
    ("synthetic_closest", rc.NATIONAL, "stock", "C", None, D(2010, 6, 1)),
    ("synthetic_flow", rc.NATIONAL, "flow", "D", D(2012, 1, 1), D(2014, 12, 31)),
    ("synthetic_one_force", rc.SINGLE, "stock", "E", D(2014, 1, 1), D(2014, 1, 1)),
    ("synthetic_undated", rc.NATIONAL, "stock", "F", None, None),
    ("synthetic_later", rc.NATIONAL, "stock", "G", None, D(2016, 1, 1)),
    ("synthetic_overlapping", rc.NATIONAL, "stock", "H", None, D(2015, 2, 15)),
)


def test_previous_comparable_is_the_closest_earlier_national_stock_round():
    # Not the flow (2014), not the single-force round (2014), not the undated one, not one that ends
    # inside this round's window or later: the closest national stock count that ended before it began.
    assert rc.previous_comparable("synthetic_now", SYNTHETIC_ROUNDS) == "synthetic_closest"
    assert rc.previous_comparable("synthetic_closest", SYNTHETIC_ROUNDS) == "synthetic_old"
    assert rc.previous_comparable("synthetic_old", SYNTHETIC_ROUNDS) is None
    assert rc.previous_comparable("synthetic_undated", SYNTHETIC_ROUNDS) is None


def test_previous_comparable_refuses_a_flow_an_unknown_round_and_a_tie():
    with pytest.raises(ValueError, match="not a stock count"):
        rc.previous_comparable("synthetic_flow", SYNTHETIC_ROUNDS)
    with pytest.raises(KeyError, match="synthetic_missing"):
        rc.previous_comparable("synthetic_missing", SYNTHETIC_ROUNDS)
    tied = pd.concat([SYNTHETIC_ROUNDS, synthetic_catalogue(
        ("synthetic_tie", rc.NATIONAL, "stock", "I", None, D(2010, 6, 1)))], ignore_index=True)
    with pytest.raises(ValueError, match="both end on 2010-06-01"):
        rc.previous_comparable("synthetic_now", tied)


def synthetic_returns(round_id, figures):
    """Synthetic force_returns: {force_id: (status, min, max)}."""
    rows = [{"round_id": round_id, "force_id": f, "force_name": f"Synthetic {f}", "status": s, "missing_min": lo,
             "missing_max": hi, "figure_date": pd.NA, "confidence": "high"} for f, (s, lo, hi) in figures.items()]
    frame = pd.DataFrame(rows)
    for column in ("missing_min", "missing_max"):
        frame[column] = pd.array(frame[column], dtype="Int64")
    return frame


def test_compare_gives_both_figures_the_change_only_when_both_are_exact_and_says_why_not():
    previous = synthetic_returns("synthetic_old", {"a": ("reported", 10, 10), "b": ("reported", 4, 4),
                                                   "c": ("not_published", None, None), "d": ("reported", 3, 3),
                                                   "e": ("not_published", None, None)})
    current = synthetic_returns("synthetic_now", {"a": ("reported", 15, 15), "b": ("not_published", None, None),
                                                  "c": ("reported", 2, 2), "d": ("cases_only", 1, None),
                                                  "e": ("not_published", None, None)})
    previous.loc[previous["force_id"] == "a", "confidence"] = pd.NA   # unrated
    current.loc[current["force_id"] == "c", "confidence"] = "low"
    catalogue = SYNTHETIC_ROUNDS.set_index("round_id", drop=False)
    table = rc.compare(previous, current, catalogue.loc["synthetic_old"], catalogue.loc["synthetic_now"])
    # e has a figure in neither round: not a row. Every other force is, in the current round's order.
    assert list(table["force_id"]) == ["a", "b", "c", "d"]
    by_force = table.set_index("force_id")
    assert by_force.loc["a", "change"] == 5
    assert by_force[["change"]].drop("a")["change"].isna().all()
    assert "no published figure found in synthetic_now" in by_force.loc["b", "force_caveats"]
    assert "no published figure found in synthetic_old" in by_force.loc["c", "force_caveats"]
    assert "only a lower bound" in by_force.loc["d", "force_caveats"]
    assert by_force.loc["d", "current_figure"] == "at least 1"
    assert by_force.loc["a", "force_caveats"] == "synthetic_old: the transcriber did not rate the attribution"
    assert "synthetic_now: the transcriber rated the attribution low" in by_force.loc["c", "force_caveats"]
    assert "rate" not in by_force.loc["b", "force_caveats"]
    assert "different requesters (B; A)" in table["round_caveats"].iloc[0]
    assert "at least 8.0 years apart" in table["round_caveats"].iloc[0]  # 2007-01-01 to 2015-02-01
    # Totals agree with the inputs: nothing dropped, nothing invented.
    assert table["current_min"].sum() == current.loc[current["status"] != "not_published", "missing_min"].sum()
    assert table["previous_min"].sum() == previous.loc[previous["status"] != "not_published", "missing_min"].sum()


def test_compare_refuses_a_force_listed_twice_or_in_one_round_only():
    previous = synthetic_returns("synthetic_old", {"a": ("reported", 1, 1)})
    twice = pd.concat([previous, previous], ignore_index=True)
    catalogue = SYNTHETIC_ROUNDS.set_index("round_id", drop=False)
    old, now = catalogue.loc["synthetic_old"], catalogue.loc["synthetic_now"]
    with pytest.raises(ValueError, match="more than one row for a force: a"):
        rc.compare(twice, previous, old, now)
    with pytest.raises(ValueError, match="one round only: a, b"):
        rc.compare(previous, synthetic_returns("synthetic_now", {"b": ("reported", 1, 1)}), old, now)


def synthetic_figures(*rows):
    """Synthetic force_figures rows: (round_id, force_id, series, measure, date, date_basis, min, max)."""
    records = [{"round_id": r, "force_id": f, "force_name": f, "series": s, "measure": m, "date": d,
                "date_basis": b, "x_year": float(d[:4]) if d else pd.NA, "missing_min": lo, "missing_max": hi}
               for r, f, s, m, d, b, lo, hi in rows]
    frame = pd.DataFrame(records)
    for column in ("missing_min", "missing_max"):
        frame[column] = pd.array(frame[column], dtype="Int64")
    return frame


def test_lines_join_only_one_source_counting_the_same_way_on_known_days():
    as_of = "count date ('as of')"
    figures = synthetic_figures(
        ("synthetic_page_1", "x", "page", "", "2017-03-31", as_of, 7, 7),
        ("synthetic_page_2", "x", "page", "", "2018-05-31", as_of, 14, 14),
        ("synthetic_survey", "x", "survey A", "stock", "2015-03-10", "end of the count window", 11, 11),
        ("synthetic_survey_b", "x", "survey B", "stock", "2016-03-10", "end of the count window", 12, 12),
        ("synthetic_undated", "x", "page", "", "", "undated", 9, 9),
        ("synthetic_flow_1", "y", "flow survey", "flow", "2019-12-31", "end of the count window", 5, 5),
        ("synthetic_flow_2", "y", "flow survey", "flow", "2021-12-31", "end of the count window", 6, 6),
        ("synthetic_published", "y", "press", "", "2012-04-12", "publication date", 3, 3),
        ("synthetic_published_2", "y", "press", "", "2013-04-12", "publication date", 4, 4),
    )
    pairs = rc.comparable_pairs(figures)
    # Two surveys by different requesters are never joined, nor undated figures, flows, or press
    # reports dated only by publication with no measure.
    assert list(zip(pairs["from_round"], pairs["to_round"])) == [("synthetic_page_1", "synthetic_page_2")]


def test_shipped_default_round_is_compared_with_the_daily_express_round():
    """On the shipped rounds the rule picks December 2008 (the Sun's undated survey and the 2019-2021 flow
    cannot qualify), and every figure of both rounds is in the table once."""
    table, previous, current = rc.comparison_for("2015_pa")
    assert previous["round_id"] == "2008_dec_dailyexpress"
    assert table["force_id"].is_unique
    assert table.set_index("force_id").loc["metropolitan", "change"] == 167 - 112
    assert table["current_min"].sum() == 320 and table["previous_min"].sum() == 199
    committed = pd.read_csv(rc.OUTPUT, dtype=str, keep_default_na=False)
    assert list(committed.columns) == rc.COMPARISON_COLUMNS
    assert len(committed) == len(table)
