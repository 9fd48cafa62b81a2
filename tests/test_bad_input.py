"""Bad input: each case stops with one clear paragraph and leaves data/processed/ as it was."""
import pytest

from synthetic_project import ROUND_COLUMNS, SyntheticProject, synthetic_row


@pytest.fixture()
def project(tmp_path):
    project = SyntheticProject(tmp_path)
    project.manifest()
    first = project.clean()
    assert first.returncode == 0, first.stderr
    return project


def fails_cleanly(project, *expected_fragments, one_paragraph=True):
    before = project.processed_snapshot()
    result = project.clean()
    assert result.returncode == 1, result.stdout + result.stderr
    message = result.stderr.strip()
    assert message.startswith("error: ") and "Traceback" not in message
    if one_paragraph:  # unreadable fields are listed one per line, with lines to fill in
        assert message.count("\n") == 0, "the error should be one paragraph"
    for fragment in expected_fragments:
        assert fragment in message, message
    assert project.processed_snapshot() == before
    return message


def test_good_synthetic_round_is_processed(project):
    text = (project.processed / "force_returns.csv").read_text()
    assert "synthetic_test,cambridgeshire,Cambridgeshire Constabulary,England,reported,10,10,,,8.00,8.00,0,read," in text
    assert "synthetic_test,nottinghamshire,Nottinghamshire Police,England,reported,0,4," in text
    assert ",sussex,Sussex Police,England,refused,,,,,,,0,none,s12," in text


def test_unknown_force_names_file_line_and_closest(project):
    project.write_round([synthetic_row("Cambridgshire Polise", "ten")])
    project.manifest()
    fails_cleanly(project, "synthetic_test.csv, line 2", "'Cambridgshire Polise'",
                  "Closest known forces: Cambridgeshire Constabulary (cambridgeshire)")


def test_duplicate_force_in_one_round(project):
    project.write_round([synthetic_row("Cambridgeshire Police", "ten"), synthetic_row("Cambridgeshire Constabulary", "9")])
    project.manifest()
    fails_cleanly(project, "line 3", "'cambridgeshire'", "already has a row", "line 2")


@pytest.mark.parametrize("count, reason", [
    ("lots", "not a recognised figure"),
    ("-3", "negative"),
    ("2.5", "whole number"),
    ("5 years", "years"),
])
def test_unreadable_negative_or_fractional_figure(project, count, reason):
    project.write_round([synthetic_row("Kent Police", count)])
    project.manifest()
    fails_cleanly(project, "line 2, column count_text", repr(count), reason, one_paragraph=False)


def test_missing_column(project):
    columns = [c for c in ROUND_COLUMNS if c != "count_text"]
    project.write_round([{k: v for k, v in synthetic_row("Kent Police", "3").items() if k != "count_text"}], columns)
    project.manifest()
    fails_cleanly(project, "synthetic_test.csv, line 1", "missing column(s) count_text")


def test_empty_file(project):
    project.round_file.write_text("")
    project.manifest()
    fails_cleanly(project, "synthetic_test.csv is empty")


def test_windows_1252_file_says_how_to_save_it(project):
    text = project.round_file.read_text().replace("SYNTHETIC TEST ROW", "SYNTHETIC TEST ROW \u2019quoted\u2019")
    project.round_file.write_bytes(text.encode("cp1252"))
    project.manifest()
    fails_cleanly(project, "line 2", "is not UTF-8", "Windows-1252", "CSV UTF-8")


def test_raw_file_changed_without_make_manifest(project):
    project.write_round([synthetic_row("Kent Police", "4")])
    fails_cleanly(project, "synthetic_test.csv has changed since the manifest was written", "make manifest")


def test_unlisted_raw_file(project):
    (project.root / "data/raw/reference/extra.csv").write_text("a\n1\n")
    result = project.run("missing_offenders.ingest.manifest", "check")
    assert result.returncode == 1
    assert "data/raw/reference/extra.csv is not listed in the manifest" in result.stderr
    assert "make manifest" in result.stderr


def test_joint_figure_is_excluded_not_split(project):
    project.write_round([synthetic_row("West Mercia and Warwickshire", "12"), synthetic_row("Kent Police", "3")])
    project.manifest()
    result = project.clean()
    assert result.returncode == 0, result.stderr
    returns = (project.processed / "force_returns.csv").read_text()
    assert ",west-mercia,West Mercia Police,England,not_published," in returns
    assert ",warwickshire,Warwickshire Police,England,not_published," in returns
    log = (project.processed / "cleaning_log.csv").read_text()
    assert "excluded: joint figure for warwickshire + west-mercia" in log
    summary = (project.processed / "summary.csv").read_text()
    assert "synthetic_test,joint_returns_min,12," in summary
    assert "synthetic_test,attributed_min,3," in summary
    assert "synthetic_test,unattributed_max,15," in summary


def test_a_new_round_is_discovered_without_code_changes(project):
    result = project.run("missing_offenders.pipeline.build_rules", "build/rules.mk")
    assert result.returncode == 0, result.stderr
    rules = (project.root / "build/rules.mk").read_text()
    assert "ROUNDS := synthetic_test" in rules
    assert "RAW_synthetic_test := build/round-inputs/synthetic_test data/raw/reference/police_forces.csv" in rules
    inputs = (project.root / "build/round-inputs/synthetic_test").read_text()
    assert inputs.startswith("data/raw/foi_rounds/synthetic_test.csv:2\t") and "rounds.csv:2\t" in inputs


def test_forces_figures_above_the_national_total_stop_the_run(project):
    project.write_rounds(total="5")
    project.manifest()
    fails_cleanly(project, "add up to at least 10", "more than the national total of 5", "rounds.csv line 2",
                  "data/raw/foi_rounds/synthetic_test.csv line 2 (Cambridgeshire Constabulary: 10)")


def test_a_correction_naming_a_file_that_is_not_a_round_file(project):
    corrections = project.root / "data/raw/corrections"
    corrections.mkdir()
    (corrections / "transcription_corrections.csv").write_text(
        "file,line,column,raw_value,corrected_value,reason\n"
        "foi_rounds/synthetic_tset.csv,2,count_text,ten,11,SYNTHETIC typo in the file name\n")
    project.manifest()
    fails_cleanly(project, "transcription_corrections.csv, line 2", "foi_rounds/synthetic_tset.csv is not a round file")
