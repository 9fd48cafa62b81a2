"""build/rules.mk: written only from validated text, errors as one paragraph, a bad file regenerated,
and one make at a time per checkout. Everything runs in a SYNTHETIC throw-away project."""
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from synthetic_project import REAL_ROOT, SyntheticProject, synthetic_row


@pytest.fixture()
def project(tmp_path):
    project = SyntheticProject(tmp_path)
    project.manifest()
    return project


def rules(project):
    return project.run("missing_offenders.pipeline.build_rules", "build/rules.mk")


def one_paragraph_error(result, *fragments):
    assert result.returncode == 1, result.stdout + result.stderr
    message = result.stderr.strip()
    assert message.startswith("error: ") and "Traceback" not in message and message.count("\n") == 0, message
    for fragment in fragments:
        assert fragment in message, message
    return message


def test_a_row_of_commas_is_called_blank(project):
    text = project.round_file.read_text()
    project.round_file.write_text(text + "," * 10 + "\n")
    project.manifest()
    one_paragraph_error(rules(project), "synthetic_test.csv, line 5", "the row is blank")


def test_a_round_listed_twice_in_rounds_csv(project):
    rounds_csv = project.root / "data/raw/foi_rounds/rounds.csv"
    lines = rounds_csv.read_text().splitlines()
    rounds_csv.write_text("\n".join([*lines, lines[1]]) + "\n")
    project.manifest()
    one_paragraph_error(rules(project), "rounds.csv, line 3", "already listed on line 2")


def test_a_windows_1252_file(project):
    text = project.round_file.read_text().replace("SYNTHETIC TEST ROW", "SYNTHETIC \u2019quoted\u2019")
    project.round_file.write_bytes(text.encode("cp1252"))
    project.manifest()
    one_paragraph_error(rules(project), "is not UTF-8", "Windows-1252")


def test_a_damaged_manifest(project):
    manifest = project.root / "data/raw/SHA256SUMS"
    manifest.write_text(manifest.read_text() + "this is not a checksum line\n")
    one_paragraph_error(rules(project), "SHA256SUMS")


def test_a_semicolon_separated_file(project):
    project.round_file.write_text(project.round_file.read_text().replace(",", ";"))
    project.manifest()
    one_paragraph_error(rules(project), "synthetic_test.csv, line 1", "missing column(s)")


def test_a_round_id_with_a_trailing_newline_is_refused_and_nothing_is_written(project):
    row = synthetic_row("Kent Police", "3")
    row["round_id"] = "synthetic_test\n"
    project.write_round([row])
    project.manifest()
    one_paragraph_error(rules(project), "column round_id", "'synthetic_test\\n'")
    assert not (project.root / "build/rules.mk").exists()


def copy_build_skeleton(target: Path) -> None:
    """The Makefile, the package and the raw data: enough for make to generate rules and plan a build."""
    for name in ("Makefile", "pyproject.toml", "matplotlibrc", "requirements.txt", "requirements-bootstrap.txt"):
        shutil.copy(REAL_ROOT / name, target / name)
    shutil.copytree(REAL_ROOT / "src", target / "src", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REAL_ROOT / "data/raw", target / "data/raw")
    shutil.copytree(REAL_ROOT / "notebooks", target / "notebooks")


def test_a_rules_file_make_cannot_read_is_regenerated(tmp_path):
    copy_build_skeleton(tmp_path)
    bad = tmp_path / "build/rules.mk"
    bad.parent.mkdir()
    bad.write_text('ROUNDS := 2015_pa\n"\nRAW_2015_pa := x\n')  # what an unvalidated newline once produced
    result = subprocess.run(["make", "-n", "rounds"], cwd=tmp_path, capture_output=True, text=True)
    assert "missing separator" not in result.stderr
    assert result.returncode == 0, result.stderr
    assert "ROUNDS := 2007_newsoftheworld" in bad.read_text()


def test_a_claims_file_added_or_removed_reaches_the_rules(tmp_path):
    """A notebook that declares claims/ depends on each file in it: a new reviewed claims file reruns it,
    and a removed one is dropped from the rules instead of stopping make with 'No rule to make target'."""
    copy_build_skeleton(tmp_path)
    shutil.copytree(REAL_ROOT / "claims", tmp_path / "claims")
    rules = tmp_path / "build/rules.mk"

    def plan() -> str:
        result = subprocess.run(["make", "-n", "ledger", "PY=true", "VENV_OK=build/venv-ok"], cwd=tmp_path,
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        return rules.read_text()

    (tmp_path / "build").mkdir()
    (tmp_path / "build/venv-ok").touch()
    assert "claims/second_story.yaml" not in plan()
    (tmp_path / "claims/second_story.yaml").write_text("story: second_story\n")
    assert "claims/second_story.yaml" in plan()
    (tmp_path / "claims/second_story.yaml").unlink()
    assert "claims/second_story.yaml" not in plan()


def test_a_second_make_waits_for_the_first(tmp_path):
    """With the lock held (as a running make holds it), a build goal says so and waits."""
    copy_build_skeleton(tmp_path)
    (tmp_path / "build").mkdir()
    (tmp_path / "build/venv-ok").touch()  # newer than the lock files: no venv is built
    holder = subprocess.Popen(["flock", "build/make.lock", "sleep", "3"], cwd=tmp_path)
    time.sleep(0.5)
    start = time.monotonic()
    # PY=true and an up-to-date VENV_OK: every recipe is a no-op, so only the lock is exercised.
    result = subprocess.run(["make", "rounds", "PY=true", "VENV_OK=build/venv-ok"], cwd=tmp_path,
                            capture_output=True, text=True)
    waited = time.monotonic() - start
    holder.wait()
    assert result.returncode == 0, result.stderr
    assert "Another make is running in this checkout; waiting for it to finish." in result.stderr
    assert waited >= 2


def test_two_rules_generators_at_once_do_not_collide(project):
    results = []
    threads = [threading.Thread(target=lambda: results.append(rules(project))) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [r.returncode for r in results] == [0, 0, 0, 0], [r.stderr for r in results]
    assert not list((project.root / "build").glob(".rules.mk.*"))


def test_interactive_goals_stream_their_output():
    """`make lab` must show Jupyter's URL at once: no output grouping outside the build goals."""
    plan = subprocess.run(["make", "-pq", "lab"], cwd=REAL_ROOT, capture_output=True, text=True).stdout
    flags = [line for line in plan.splitlines() if line.startswith("MAKEFLAGS")]
    assert flags and not any("output-sync" in line for line in flags), flags


def dry_run(folder: Path, goal: str = "rounds") -> list[str]:
    """The recipe lines make would run (PY=true, VENV_OK up to date: nothing real is executed)."""
    result = subprocess.run(["make", "-n", goal, "PY=true", "VENV_OK=build/venv-ok"], cwd=folder,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


@pytest.fixture()
def built_skeleton(tmp_path):
    """A copy of the project whose rounds make considers built (every recipe a no-op)."""
    copy_build_skeleton(tmp_path)
    (tmp_path / "build").mkdir()
    (tmp_path / "build/venv-ok").touch()
    subprocess.run(["make", "rounds", "PY=true", "VENV_OK=build/venv-ok"], cwd=tmp_path, check=True,
                   capture_output=True)
    assert not [line for line in dry_run(tmp_path) if "round_runner" in line]
    time.sleep(1.1)  # coarse file systems: let later edits be visibly newer
    return tmp_path


def runner_lines(lines: list[str]) -> list[str]:
    return [line for line in lines if "round_runner" in line]


def test_adding_a_round_cleans_that_round_alone(built_skeleton):
    raw = built_skeleton / "data/raw/foi_rounds"
    (raw / "synthetic_added.csv").write_text(
        "round_id,force_as_reported,count_text,duration_text,verbatim,source_title,source_url,published_date,"
        "corroborating_sources,confidence,notes\n"
        "synthetic_added,Kent Police,3,,SYNTHETIC TEST ROW,synthetic,https://example.invalid,2015-03-10,,high,synthetic\n")
    subprocess.run(["make", "manifest"], cwd=built_skeleton, check=True, capture_output=True)
    assert runner_lines(dry_run(built_skeleton)) == ["true -m missing_offenders.pipeline.round_runner --prune synthetic_added"]


def test_editing_one_round_in_a_shared_file_cleans_that_round_alone(built_skeleton):
    shared = built_skeleton / "data/raw/foi_rounds/single_force_returns.csv"
    text = shared.read_text()
    assert "some missing up to 14 years" in text  # a met_2012 row
    shared.write_text(text.replace("some missing up to 14 years", "some missing up to 15 years"))
    subprocess.run(["make", "manifest"], cwd=built_skeleton, check=True, capture_output=True)
    assert runner_lines(dry_run(built_skeleton)) == ["true -m missing_offenders.pipeline.round_runner --prune met_2012"]


def test_withdrawing_a_round_removes_its_outputs(built_skeleton):
    processed = built_skeleton / "data/processed/sun_undated"
    processed.mkdir(parents=True)
    (processed / "force_returns.csv").write_text("SYNTHETIC stand-in for a processed file\n")
    executed = built_skeleton / "reports/notebooks/01_clean_round/sun_undated.ipynb"
    executed.parent.mkdir(parents=True)
    executed.write_text("{}")
    (built_skeleton / "data/raw/foi_rounds/sun_undated.csv").unlink()
    rounds_csv = built_skeleton / "data/raw/foi_rounds/rounds.csv"
    rounds_csv.write_text("".join(line for line in rounds_csv.read_text().splitlines(keepends=True)
                                  if not line.startswith("sun_undated,")))
    subprocess.run(["make", "manifest"], cwd=built_skeleton, check=True, capture_output=True)
    # Rounds listed below it in rounds.csv rerun too: their line numbers, which outputs cite, moved up.
    planned = " ".join(runner_lines(dry_run(built_skeleton)))
    assert "--prune" in planned and "sun_undated" not in planned and "2007_newsoftheworld" not in planned
    env = {**os.environ, "MISSING_OFFENDERS_ROOT": str(built_skeleton)}
    result = subprocess.run([sys.executable, "-m", "missing_offenders.pipeline.round_runner", "--prune"], cwd=built_skeleton,
                            env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "removed reports/notebooks/01_clean_round/sun_undated.ipynb" in result.stdout
    assert not processed.exists() and not executed.exists()
    assert (built_skeleton / "data/processed").is_dir()


def test_make_round_scaffolds_a_round_to_fill_in(tmp_path):
    copy_build_skeleton(tmp_path)
    assert subprocess.run(["make", "round"], cwd=tmp_path, capture_output=True, text=True).returncode == 2
    result = subprocess.run(["make", "round", "ROUND=synthetic_new"], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    scaffold = (tmp_path / "data/raw/foi_rounds/synthetic_new.csv").read_text().splitlines()
    assert scaffold[0].startswith("round_id,force_as_reported,count_text")
    assert len(scaffold) == 1 + 46 and scaffold[1].startswith("synthetic_new,")
    assert "\nsynthetic_new," in (tmp_path / "data/raw/foi_rounds/rounds.csv").read_text()
