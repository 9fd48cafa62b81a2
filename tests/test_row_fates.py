"""Every raw row of a round has exactly one fate (tests with SYNTHETIC rows, named so)."""
import pandas as pd

from missing_offenders.clean import cleaning, row_fates
from missing_offenders.ingest.rawio import RawRow

SYNTHETIC_FILE = "data/raw/foi_rounds/synthetic_test.csv"


def raw(line: int, force: str) -> RawRow:
    return RawRow(SYNTHETIC_FILE, line, {"round_id": "synthetic_test", "force_as_reported": force})


def returns(*rows: tuple[str, int | None]) -> pd.DataFrame:
    frame = pd.DataFrame({"force_id": [f for f, _ in rows], "raw_file": [SYNTHETIC_FILE if line else None for _, line in rows],
                          "raw_line": pd.array([line for _, line in rows], dtype="Int64")})
    return frame


def test_each_row_is_a_force_row_or_set_aside_with_its_reason():
    rows = [raw(2, "Kent Police"), raw(3, "West Mercia and Warwickshire")]
    excluded = [{"raw_file": SYNTHETIC_FILE, "raw_line": 3, "reason": "joint figure"}]
    fates = row_fates.row_fates(rows, returns(("kent", 2), ("surrey", None)), excluded)
    assert fates[["raw_line", "fate", "force_id", "reason"]].values.tolist() == [
        [2, "force row", "kent", ""], [3, "set aside", "", "joint figure"]]


def test_a_row_in_neither_is_unaccounted_and_in_both_is_named_twice():
    rows = [raw(2, "Kent Police"), raw(3, "Essex")]
    excluded = [{"raw_file": SYNTHETIC_FILE, "raw_line": 2, "reason": "synthetic"}]
    fates = row_fates.row_fates(rows, returns(("kent", 2)), excluded)
    assert list(fates["fate"]) == ["force row and set aside", "unaccounted"]


def test_the_2015_round_accounts_for_its_22_rows():
    cleaned = cleaning.clean_round("2015_pa")
    fates = row_fates.row_fates(row_fates.round_raw_rows("2015_pa"), cleaned.force_returns, cleaned.excluded)
    assert len(fates) == cleaned.rows_read == 22
    assert set(fates["fate"]) == {"force row"} and fates["force_id"].is_unique
