"""The rounds as the cleaning left them: data/processed/<round_id>/round.csv carries every fact the
analysis and the pages need about a round, so nothing after the cleaning reads data/raw/ again."""
import pytest

from missing_offenders.analyse import processed_rounds
from missing_offenders.ingest import rounds


def test_the_cleaned_rounds_are_the_rounds_in_data_raw():
    assert processed_rounds.round_ids() == rounds.discover()


@pytest.mark.parametrize("round_id", rounds.discover())
def test_round_csv_says_what_the_raw_files_say(round_id):
    assert processed_rounds.info(round_id) == rounds.info_for(round_id)


def test_a_round_not_in_rounds_csv_is_dated_by_the_date_its_rows_share():
    rows, _ = rounds.read_round_rows()
    unlisted = [r for r in rounds.discover() if rounds.info_for(r).source_line is None]
    assert unlisted, "the shipped data have rounds known only from force rows"
    for round_id in unlisted:
        dates = {row.get("published_date").strip() for row in rows if row.get("round_id") == round_id}
        expected = dates.pop() if len(dates) == 1 else ""
        assert processed_rounds.published_as_transcribed(round_id) == expected


def test_a_listed_round_keeps_its_title_and_notes():
    assert processed_rounds.source_title("2015_pa").startswith("Hundreds of convicted sex offenders")
    assert "396" in processed_rounds.notes("2015_pa")


def test_a_round_never_cleaned_is_named_with_what_to_run():
    with pytest.raises(FileNotFoundError, match=r"round 'no_such_round' has not been cleaned.*make rounds"):
        processed_rounds.facts("no_such_round")


@pytest.mark.parametrize("round_id", rounds.discover())
def test_round_csv_counts_the_publication_dates_of_the_round_rows(round_id):
    """'dates vary' (rows with different dates) is kept apart from 'no date' (rows with none)."""
    rows, _ = rounds.read_round_rows()
    dates = {row.get("published_date").strip() for row in rows if row.get("round_id") == round_id}
    assert processed_rounds.row_dates_vary(round_id) == (len(dates) > 1)
    assert int(processed_rounds.facts(round_id)["row_publication_dates"]) == len(dates)


def test_a_corrected_field_logs_what_the_raw_file_itself_says():
    """A fact-checker compares raw_text with the source: on the correction's line it is the file's own text."""
    import pandas as pd

    from missing_offenders.ingest import corrections, paths
    log = pd.read_csv(paths.PROCESSED / "2015_pa" / "cleaning_log.csv", dtype=str, keep_default_na=False)
    corrected = log[log["outcome"] == "corrected"]
    met = [c for c in corrections.load() if c.file.endswith("2015_pa.csv")][0]
    assert corrected["raw_text"].tolist() == [met.raw_value]
    assert corrected["parsed_value"].tolist() == [met.corrected_value]
