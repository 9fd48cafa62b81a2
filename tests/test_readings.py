"""An unreadable field stops nothing silently and blocks nothing forever; new rounds (scaffolded,
.xlsx) go through; input the code does not use is reported. All rounds here are SYNTHETIC."""
import csv
import io
import shutil
import subprocess
import sys

import pandas as pd
import pytest

from missing_offenders.clean import cleaning, readings, review
from missing_offenders.analyse import round_history
from synthetic_project import REAL_ROOT, ROUND_COLUMNS, ROUNDS_COLUMNS, SyntheticProject, csv_text, synthetic_row

UNREADABLE_DURATION = "since the dawn of time"


@pytest.fixture()
def project(tmp_path):
    project = SyntheticProject(tmp_path)
    project.manifest()
    return project


def read(project, name):
    return pd.read_csv(project.processed / name, dtype=str, keep_default_na=False)


def force_row(project, force_id):
    returns = read(project, "force_returns.csv")
    return returns[returns["force_id"] == force_id].iloc[0]


def write_readings(project, lines):
    folder = project.root / "data/raw/readings"
    folder.mkdir(exist_ok=True)
    (folder / "synthetic_test.csv").write_text(readings.header_line() + "\n" + "".join(l + "\n" for l in lines))
    project.manifest()


def test_every_unreadable_field_is_reported_in_one_run(project):
    project.write_round([
        synthetic_row("Kent Police", "lots"),
        synthetic_row("Essex Police", "3", UNREADABLE_DURATION),
        synthetic_row("Surrey Police", "2.5"),
    ])
    project.manifest()
    result = project.clean()
    assert result.returncode == 1
    message = result.stderr
    assert "3 field(s) cannot be read (2 figure(s), 1 duration(s))" in message
    for where in ("line 2, column count_text: value 'lots'", "line 3, column duration_text: value 'since the dawn",
                  "line 4, column count_text: value '2.5'"):
        assert where in message, message
    assert "expected" in message and "Traceback" not in message
    # a ready-to-fill line per field, and the header since the readings file does not exist yet
    assert "\nfile,line,column,raw_text,reading,who,why\n" in message
    assert "foi_rounds/synthetic_test.csv,2,count_text,lots,,," in message
    assert f"foi_rounds/synthetic_test.csv,3,duration_text,{UNREADABLE_DURATION},,," in message
    assert not project.processed.exists()


def test_an_unreadable_duration_waits_for_review_and_the_figure_stands(project):
    project.write_round([synthetic_row("Kent Police", "3", UNREADABLE_DURATION), synthetic_row("Essex Police", "4")])
    project.manifest()
    result = project.clean()
    assert result.returncode == 0, result.stderr
    assert "1 item(s) need review" in result.stdout
    kent = force_row(project, "kent")
    assert (kent.status, kent.missing_min, kent.missing_max, kent.duration_status) == ("reported", "3", "3", "unread")
    assert kent.longest_missing_years_min == kent.longest_missing_years_max == ""
    assert force_row(project, "essex").duration_status == "none"
    todo = read(project, "needs_review.csv")
    assert todo[["kind", "force_id", "raw_line", "column"]].values.tolist() == [["unread_duration", "kent", "2", "duration_text"]]
    assert todo.loc[0, "reading_line"] == f"foi_rounds/synthetic_test.csv,2,duration_text,{UNREADABLE_DURATION},,,"
    summary = read(project, "summary.csv").set_index("measure")
    assert summary.loc["durations_unread", "value"] == "1" and summary.loc["durations_unread", "detail"] == "kent"
    assert summary.loc["needs_review", "detail"] == "unread_duration: kent"


def test_strict_mode_fails_on_an_unread_duration(project):
    project.write_round([synthetic_row("Kent Police", "3", UNREADABLE_DURATION)])
    project.manifest()
    env = {**project.env(), review.STRICT_ENV: "1"}
    result = subprocess.run([sys.executable, "-m", "missing_offenders.clean.round_outputs", "synthetic_test"], env=env,
                            capture_output=True, text=True, cwd=project.root)
    assert result.returncode == 1
    assert "strict mode (MISSING_OFFENDERS_STRICT=1)" in result.stderr and "line 2, column duration_text" in result.stderr


def test_a_duration_that_is_the_only_figure_blocks(project):
    project.write_round([synthetic_row("Kent Police", "", UNREADABLE_DURATION)])
    project.manifest()
    result = project.clean()
    assert result.returncode == 1 and "1 of them a figure" in result.stderr


def test_readings_are_applied_logged_and_counted(project):
    project.write_round([synthetic_row("Kent Police", "lots", UNREADABLE_DURATION)])
    write_readings(project, [
        'foi_rounds/synthetic_test.csv,2,count_text,lots,12,SYNTHETIC reader,the force letter says twelve',
        f'foi_rounds/synthetic_test.csv,2,duration_text,{UNREADABLE_DURATION},since 2006,SYNTHETIC reader,press release',
    ])
    result = project.clean()
    assert result.returncode == 0, result.stderr
    kent = force_row(project, "kent")
    assert (kent.missing_min, kent.duration_status) == ("12", "manual_reading")
    assert kent.longest_missing_years_min == "8.09"  # since 2006, snapshot Feb-Mar 2015
    log = read(project, "cleaning_log.csv")
    manual = log[log["rule"] == "manual_reading"]
    assert manual[["column", "raw_text"]].values.tolist() == [["count_text", "lots"], ["duration_text", UNREADABLE_DURATION]]
    summary = read(project, "summary.csv").set_index("measure")
    assert summary.loc["fields_read_by_person", "value"] == "2"
    assert summary.loc["needs_review", "value"] == "0"


def test_a_reading_whose_raw_text_changed_fails_loudly(project):
    project.write_round([synthetic_row("Kent Police", "3", "since the dawn of time!")])
    write_readings(project, [f'foi_rounds/synthetic_test.csv,2,duration_text,{UNREADABLE_DURATION},since 2006,SYNTHETIC,x'])
    result = project.clean()
    assert result.returncode == 1
    assert "readings/synthetic_test.csv, line 2" in result.stderr
    assert f"written for the text {UNREADABLE_DURATION!r} but the field now holds" in result.stderr


def test_a_reading_the_parser_cannot_read_either_fails(project):
    project.write_round([synthetic_row("Kent Police", "lots")])
    write_readings(project, ['foi_rounds/synthetic_test.csv,2,count_text,lots,quite a few,SYNTHETIC,x'])
    result = project.clean()
    assert result.returncode == 1 and "cannot be read either" in result.stderr


def test_a_stray_file_in_foi_rounds_is_an_error_naming_it(project):
    (project.root / "data/raw/foi_rounds/answers.pdf").write_bytes(b"%PDF synthetic")
    project.manifest()
    result = project.clean()
    assert result.returncode == 1
    assert "data/raw/foi_rounds/answers.pdf is neither .csv nor .xlsx" in result.stderr


def test_an_unknown_column_is_warned_about_and_logged(project):
    row = {**synthetic_row("Kent Police", "3"), "force_comment": "SYNTHETIC extra column"}
    project.write_round([row], ROUND_COLUMNS + ["force_comment"])
    project.manifest()
    result = project.clean()
    assert result.returncode == 0, result.stderr
    assert "warning: data/raw/foi_rounds/synthetic_test.csv, line 1: column 'force_comment'" in result.stderr
    log = read(project, "cleaning_log.csv")
    assert log.loc[log["rule"] == "unknown_column", "column"].tolist() == ["force_comment"]
    assert read(project, "needs_review.csv")["kind"].tolist() == ["unknown_column"]


def test_a_figure_keeps_its_own_date(project):
    project.write_round([synthetic_row("Kent Police", "12 (as of 1 March)"), synthetic_row("Essex Police", "4 (as at 1 December)")])
    project.manifest()
    result = project.clean()
    assert result.returncode == 0, result.stderr
    kent, essex = force_row(project, "kent"), force_row(project, "essex")
    assert (kent.missing_min, kent.figure_date, kent.figure_note) == ("12", "2015-03-01", "as of 1 March")
    # the snapshot ends 10 March 2015, so "1 December" is 2014, outside the window: listed for review
    assert essex.figure_date == "2014-12-01"
    todo = read(project, "needs_review.csv")
    assert todo[["kind", "force_id"]].values.tolist() == [["figure_date", "essex"]]


def test_a_figure_far_above_the_register_is_flagged(project):
    shutil.copy(REAL_ROOT / "data/raw/reference/mappa_area_figures.csv", project.root / "data/raw/reference/")
    project.write_rounds(total="100")
    project.write_round([synthetic_row("Notts Police", "80"), synthetic_row("Kent Police", "3")])
    project.manifest()
    result = project.clean()
    assert result.returncode == 0, result.stderr
    todo = read(project, "needs_review.csv")
    assert todo[["kind", "force_id"]].values.tolist() == [["outlier_register", "nottinghamshire"]]
    assert "of the 1,024 registered offenders" in todo.loc[0, "detail"]
    assert force_row(project, "nottinghamshire").missing_min == "80"  # flagged, never changed


def test_a_figure_far_above_the_forces_other_rounds_is_flagged():
    def returns(values):
        return pd.DataFrame({"force_id": list(values), "force_name": list(values),
                             "missing_min": pd.array(list(values.values()), dtype="Int64")})
    table = round_history.history_outliers(
        {"a_2007": returns({"kent": 5, "essex": 2}), "b_2015": returns({"kent": 60, "essex": 7}),
         "c_flow": returns({"kent": 500, "essex": 2})},
        {"a_2007": "stock", "b_2015": "stock", "c_flow": "flow"})
    assert table[["round_id", "force_id", "other_max"]].values.tolist() == [["b_2015", "kent", 5]]


def xlsx_bytes(rows, tmp_path):
    import datetime as dt

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(ROUND_COLUMNS)
    for row in rows:
        values = [row[c] for c in ROUND_COLUMNS]
        values[ROUND_COLUMNS.index("count_text")] = int(row["count_text"]) if row["count_text"].isdigit() else row["count_text"]
        values[ROUND_COLUMNS.index("published_date")] = dt.datetime(2015, 3, 10)  # Excel turns typed dates into dates
        sheet.append(values)
    book.create_sheet("notes").append(["SYNTHETIC: a second sheet is not read"])
    path = tmp_path / "book.xlsx"
    book.save(path)
    return path.read_bytes()


def test_an_xlsx_round_reads_as_its_csv(project, tmp_path):
    rows = [synthetic_row("Cambridgeshire Police", "10", "between two and eight years"), synthetic_row("Kent Police", "fewer than 5")]
    project.write_round(rows)
    project.manifest()
    assert project.clean().returncode == 0
    from_csv = read(project, "force_returns.csv")
    project.round_file.unlink()
    (project.round_file.with_suffix(".xlsx")).write_bytes(xlsx_bytes(rows, tmp_path))
    project.manifest()
    result = project.clean()
    assert result.returncode == 0, result.stderr
    from_xlsx = read(project, "force_returns.csv")
    assert set(from_xlsx["raw_file"]) - {""} == {"data/raw/foi_rounds/synthetic_test.xlsx"}
    columns = [c for c in from_csv.columns if c != "raw_file"]
    pd.testing.assert_frame_equal(from_csv[columns], from_xlsx[columns])
    assert "2015-03-10" in set(from_xlsx["published_date"])
    # discovery runs before the virtual environment exists: the workbook is read with the standard library
    rules = project.run("missing_offenders.pipeline.build_rules", "build/rules.mk")
    assert rules.returncode == 0, rules.stderr
    inputs = (project.root / "build/round-inputs/synthetic_test").read_text()
    assert inputs.startswith("data/raw/foi_rounds/synthetic_test.xlsx:2\t"), inputs[:200]
    stdlib_only = subprocess.run(
        [sys.executable, "-c", "import sys; from missing_offenders.pipeline import build_rules; from missing_offenders.ingest import scaffold_round; build_rules.render(); "
                               "sys.exit(sorted({'openpyxl', 'pandas', 'numpy'} & set(sys.modules)) or 0)"],
        env=project.env(), capture_output=True, text=True, cwd=project.root)
    assert stdlib_only.returncode == 0, stdlib_only.stderr


def test_scaffold_round_writes_a_row_per_force_and_refuses_an_existing_round(project):
    result = project.run("missing_offenders.ingest.scaffold_round", "synthetic_new")
    assert result.returncode == 0, result.stderr
    assert "next:" in result.stdout and "make manifest" in result.stdout
    rows = list(csv.DictReader(io.StringIO((project.root / "data/raw/foi_rounds/synthetic_new.csv").read_text())))
    forces = list(csv.DictReader(io.StringIO((REAL_ROOT / "data/raw/reference/police_forces.csv").read_text(encoding="utf-8"))))
    assert sorted(r["force_as_reported"] for r in rows) == sorted(f["force_name"] for f in forces)
    assert all(r["round_id"] == "synthetic_new" and r["count_text"] == "" for r in rows)
    listed = (project.root / "data/raw/foi_rounds/rounds.csv").read_text().splitlines()
    assert listed[-1].startswith("synthetic_new,")
    again = project.run("missing_offenders.ingest.scaffold_round", "synthetic_new")
    assert again.returncode == 1 and "already exists" in again.stderr
    project.manifest()  # the empty scaffold cleans: every force not_published
    cleaned = project.run("missing_offenders.clean.round_outputs", "synthetic_new")
    assert cleaned.returncode == 0, cleaned.stderr


def test_the_shipped_rounds_have_no_unread_field():
    from golden import SHIPPED_ROUNDS

    for round_id in SHIPPED_ROUNDS:
        assert (cleaning.clean_round(round_id).force_returns["duration_status"] != "unread").all(), round_id


def test_adding_a_round_does_not_break_the_golden_values(tmp_path):
    """A copy of the project with a SYNTHETIC new round (a Met figure, a dated national total):
    the pinned values, scoped to the shipped rounds, still hold."""
    root = tmp_path / "project"
    shutil.copytree(REAL_ROOT / "data", root / "data")
    shutil.copy(REAL_ROOT / "pyproject.toml", root)
    env = {**SyntheticProject.env(type("P", (), {"root": root})()), "PYTHONPATH": str(REAL_ROOT / "tests")}

    def run(*args):
        return subprocess.run([sys.executable, *args], env=env, capture_output=True, text=True, cwd=root)

    assert run("-m", "missing_offenders.ingest.scaffold_round", "synthetic_2030").returncode == 0
    round_file = root / "data/raw/foi_rounds/synthetic_2030.csv"
    row = {**synthetic_row("Metropolitan Police Service", "999"), "round_id": "synthetic_2030"}
    round_file.write_text(csv_text(ROUND_COLUMNS, [row]))
    rounds_file = root / "data/raw/foi_rounds/rounds.csv"
    lines = rounds_file.read_text().splitlines()
    header = next(csv.reader([lines[0]]))
    line = {c: "" for c in header} | {"round_id": "synthetic_2030", "total_missing_or_wanted": "1500",
                                      "measure": "stock", "snapshot_end": "2030-01-31", "verbatim": "SYNTHETIC"}
    rounds_file.write_text("\n".join(lines[:-1]) + "\n" + csv_text(header, [line]).splitlines()[1] + "\n")
    assert run("-m", "missing_offenders.ingest.manifest", "write").returncode == 0
    cleaned = run("-m", "missing_offenders.clean.round_outputs", "synthetic_2030")
    assert cleaned.returncode == 0, cleaned.stderr
    check = run("-c", "import golden; golden.check_met_series(); print(golden.check_national_totals())\n"
                      "from missing_offenders.analyse import trends\n"
                      "print('synthetic_2030' in set(trends.force_series('metropolitan')['round_id']))")
    assert check.returncode == 0, check.stderr
    # the new round is in the data (unscoped, the old pinned dictionary would have failed), not in the pins
    assert check.stdout.splitlines() == ["[322, 337, 317, 396]", "True"]


def test_checks_catch_unread_rows_with_durations_and_loose_figure_dates():
    from missing_offenders.clean import checks
    from missing_offenders.ingest import registry

    good = cleaning.clean_round("2015_pa").force_returns
    broken = good.copy()
    broken.loc[broken["force_id"] == "cambridgeshire", "duration_status"] = "unread"
    broken.loc[broken["force_id"] == "kent", "figure_date"] = "1 March"
    broken.loc[broken["force_id"] == "essex", "duration_status"] = "maybe"
    problems = " ".join(checks.force_return_problems(broken, registry.load().ids))
    assert "durations on a row whose duration is unread: cambridgeshire" in problems
    assert "figure_date not YYYY-MM-DD or YYYY-MM: kent" in problems
    assert "duration_status outside" in problems and "essex" in problems


def test_no_shipped_figure_is_far_above_the_forces_other_rounds():
    from golden import SHIPPED_ROUNDS

    from missing_offenders.ingest import rounds

    returns = {r: frame for r, frame in round_history.processed_rounds().items() if r in SHIPPED_ROUNDS}
    assert sorted(returns) == sorted(SHIPPED_ROUNDS)
    assert round_history.history_outliers(returns, {r: rounds.info_for(r).measure for r in returns}).empty


def test_strict_check_over_processed_rounds(monkeypatch):
    returns = {"synthetic_a": pd.DataFrame({"force_id": ["kent"], "duration_status": ["unread"], "raw_file": ["x.csv"],
                                            "raw_line": [2], "duration_text": ["SYNTHETIC"]})}
    assert round_history.unread_fields(returns) == ["synthetic_a: kent (x.csv, line 2, column duration_text: 'SYNTHETIC')"]
    monkeypatch.setattr(round_history, "processed_rounds", lambda: {})
    assert round_history.main(["strict"]) == 0


def test_a_readings_file_named_after_no_round_is_an_error(project):
    project.write_round([synthetic_row("Kent Police", "3", UNREADABLE_DURATION)])
    folder = project.root / "data/raw/readings"
    folder.mkdir()
    (folder / "synthetic_tset.csv").write_text(readings.header_line() + "\n")
    project.manifest()
    result = project.clean()
    assert result.returncode == 1
    assert "data/raw/readings/synthetic_tset.csv is not the readings of a round" in result.stderr
