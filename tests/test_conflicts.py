"""Conflicting figures for one force across sources and rounds: general rules, and the cases they find."""
import datetime as dt

import pandas as pd

from missing_offenders.analyse import conflicts


def synthetic(round_id, force_id, low, high, start, end, verbatim="", published="", longest_stated=None,
              longest_min=None):
    """SYNTHETIC row in the shape conflicts.load_rows gives."""
    return {"round_id": round_id, "force_id": force_id, "force_name": force_id.title(), "missing_min": low,
            "missing_max": high, "window_start": start or end, "window_end": end, "verbatim": verbatim,
            "published_date": published, "longest_stated_years": longest_stated,
            "longest_missing_years_min": longest_min, "raw_file": "synthetic.csv", "raw_line": 2,
            "source_url": "https://example.org/synthetic"}


def rows(*records):
    frame = pd.DataFrame(list(records))
    frame["longest_stated_years"] = frame["longest_stated_years"].astype("Float64")
    return frame


def test_each_rule_fires_on_synthetic_rows_and_not_on_their_negation():
    d = dt.date
    found = conflicts.find(rows(
        synthetic("r2015", "a", 11, 11, d(2015, 2, 1), d(2015, 3, 10)),
        synthetic("rundated", "a", 13, 13, None, None, published="UNKNOWN (wording matches 2015)"),
        synthetic("rother", "a", 20, 20, None, None, published="UNKNOWN"),          # no year hint: not flagged
        synthetic("r2008", "b", 112, 112, None, d(2008, 12, 24)),
        synthetic("r2012", "b", 123, 123, None, d(2012, 4, 12), verbatim="The figure has remained unchanged since 2008"),
        synthetic("r2012", "c", 5, 5, None, d(2012, 4, 12), longest_stated=14),
        synthetic("r2015", "c", 6, 6, d(2015, 2, 1), d(2015, 3, 10), longest_stated=14),
        synthetic("r2007", "e", 0, 0, None, d(2007, 1, 28)),
        synthetic("r2015", "e", 10, 10, d(2015, 2, 1), d(2015, 3, 10), longest_stated=8),
        synthetic("r2007", "f", 0, 0, None, d(2007, 1, 28)),
        synthetic("r2015", "f", 3, 3, d(2015, 2, 1), d(2015, 3, 10), longest_stated=2),  # gone after 2007: fine
    ))
    assert set(zip(found["force_id"], found["rule"])) == {
        ("a", "different_figure_same_count"), ("b", "unchanged_claim"), ("c", "same_duration_years_apart"),
        ("e", "none_then_longer")}
    assert (found["why"] != "").all() and found["sources"].str.contains("synthetic.csv line 2").all()


def test_the_four_known_conflicts_are_found_in_the_data():
    found = conflicts.find()
    pairs = set(zip(found["force_id"], found["rule"]))
    assert ("west-yorkshire", "different_figure_same_count") in pairs        # 11 (2015) vs 13 (YEP)
    assert ("metropolitan", "unchanged_claim") in pairs                       # "unchanged since 2008" vs 112
    assert ("metropolitan", "same_duration_years_apart") in pairs             # "14 years" in 2012 and 2015
    assert ("cambridgeshire", "none_then_longer") in pairs                    # none in Jan 2007 vs eight years


def test_committed_conflicts_are_current():
    committed = pd.read_csv(conflicts.conflicts_path(), dtype=str, keep_default_na=False)
    assert committed.equals(conflicts.find().astype(str)), "reports/conflicts.csv is stale: run `make all`"
