"""Each notebook declares what it reads (READS = declared_inputs.declare(...)): make depends on exactly
that, and a run that reads anything else under data/ or claims/ stops, naming the file."""
import json
import re
from pathlib import Path

import pytest

from missing_offenders.ingest import declared_inputs, paths
from missing_offenders.ingest.errors import InputError
from missing_offenders.pipeline import build_rules

NOTEBOOKS = sorted(paths.NOTEBOOKS.glob("*.ipynb"))


@pytest.fixture
def held_to():
    def declare(*inputs):
        return declared_inputs.declare(*inputs)
    yield declare
    declared_inputs.release()


def test_reading_an_undeclared_data_file_stops_the_run_and_names_it(held_to):
    held_to(paths.PROCESSED / "2015_pa", paths.FORCES_FILE)
    (paths.PROCESSED / "2015_pa" / "force_returns.csv").read_text(encoding="utf-8")  # declared folder
    paths.FORCES_FILE.read_bytes()  # declared file
    with pytest.raises(declared_inputs.UndeclaredRead, match=r"data/raw/reference/nspcc_2015_staffing.csv is read but not declared"):
        paths.NSPCC_STAFFING.read_text(encoding="utf-8")
    with pytest.raises(declared_inputs.UndeclaredRead, match="data/processed/met_2012/round.csv"):
        open(paths.PROCESSED / "met_2012" / "round.csv", encoding="utf-8")


def test_files_outside_data_and_claims_and_writes_are_not_held(held_to, tmp_path):
    held_to(paths.FORCES_FILE)
    (paths.ROOT / "README.md").read_text(encoding="utf-8")
    (tmp_path / "out.txt").write_text("x")
    assert (tmp_path / "out.txt").read_text() == "x"


def test_comparing_an_output_with_its_previous_content_reads_no_input(held_to):
    held_to(paths.FORCES_FILE)
    with declared_inputs.reading_own_outputs():
        (paths.PROCESSED / "2015_pa" / "round.csv").read_bytes()
    with pytest.raises(declared_inputs.UndeclaredRead):
        (paths.PROCESSED / "2015_pa" / "round.csv").read_bytes()


def test_after_release_nothing_is_held():
    declared_inputs.declare(paths.FORCES_FILE)
    declared_inputs.release()
    paths.NSPCC_STAFFING.read_text(encoding="utf-8")


def test_a_declared_path_that_does_not_exist_is_an_error_naming_it():
    with pytest.raises(FileNotFoundError, match="data/processed/no_such_round"):
        declared_inputs.declare(paths.PROCESSED / "no_such_round")


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_notebook_declares_existing_inputs_from_path_constants(notebook):
    declared = build_rules.notebook_reads(notebook)
    assert declared and all(p.exists() for p in declared)


def test_a_declaration_is_read_with_the_notebook_default_parameters():
    declared = build_rules.notebook_reads(paths.NOTEBOOKS / "02_round_analysis.ipynb")
    assert paths.PROCESSED / "2015_pa" in declared and paths.NSPCC_STAFFING in declared


def _notebook(tmp_path: Path, *sources: str) -> Path:
    cells = [{"cell_type": "code", "id": f"c{i}", "metadata": {"tags": ["parameters"]} if i == 0 else {},
              "source": source, "outputs": [], "execution_count": None} for i, source in enumerate(sources)]
    path = tmp_path / "99_synthetic.ipynb"
    path.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    return path


def test_a_declaration_may_use_parameters_and_f_strings(tmp_path):
    notebook = _notebook(tmp_path, 'round_id = "met_2012"',
                         'READS = declared_inputs.declare(paths.PROCESSED / round_id, paths.READINGS / f"{round_id}.csv")')
    assert build_rules.notebook_reads(notebook) == [paths.PROCESSED / "met_2012", paths.READINGS / "met_2012.csv"]


def test_a_declaration_that_calls_code_is_refused(tmp_path):
    notebook = _notebook(tmp_path, 'x = 1', 'READS = declared_inputs.declare(paths.PROCESSED / pick())')
    with pytest.raises(InputError, match=r"99_synthetic.ipynb: READS names 'pick\(\)'"):
        build_rules.notebook_reads(notebook)


def test_a_notebook_without_a_declaration_is_refused(tmp_path):
    with pytest.raises(InputError, match="has no READS"):
        build_rules.notebook_reads(_notebook(tmp_path, 'x = 1', 'print(x)'))


def test_a_processed_round_is_made_by_its_cleaning_step():
    default = build_rules.make_prerequisites(paths.PROCESSED / "2015_pa", "2015_pa")
    other = build_rules.make_prerequisites(paths.PROCESSED / "met_2012", "2015_pa")
    every = build_rules.make_prerequisites(paths.PROCESSED, "2015_pa")
    assert default == ["build/stamps/01_clean_round.done"] and other == ["build/stamps/rounds.done"]
    assert every == ["build/stamps/01_clean_round.done", "build/stamps/rounds.done"]
    folder = build_rules.make_prerequisites(paths.REFERENCE, "2015_pa")
    assert "data/raw/reference/police_forces.csv" in folder and all(not p.endswith("SHA256SUMS") for p in folder)


def test_every_notebook_after_the_cleaning_is_in_the_build():
    """Adding a notebook to the build is one entry: its name in the Makefile's IN_PLACE list."""
    makefile = (paths.ROOT / "Makefile").read_text(encoding="utf-8")
    listed = re.search(r"^IN_PLACE := (.*)$", makefile, re.M).group(1).split()
    assert listed == [p.stem for p in NOTEBOOKS if p.stem != "01_clean_round"]


def test_data_reached_through_a_symbolic_link_is_the_same_file(held_to, tmp_path):
    link = tmp_path / "forces.csv"
    link.symlink_to(paths.FORCES_FILE)
    held_to(paths.FORCES_FILE)
    link.read_bytes()  # the declared file, under another name
    other = tmp_path / "staffing.csv"
    other.symlink_to(paths.NSPCC_STAFFING)
    with pytest.raises(declared_inputs.UndeclaredRead, match="nspcc_2015_staffing.csv"):
        other.read_bytes()


def test_another_thread_is_not_let_through_while_one_compares_an_output(held_to):
    import threading
    held_to(paths.FORCES_FILE)
    seen = []

    def read_undeclared():
        try:
            paths.NSPCC_STAFFING.read_bytes()
        except declared_inputs.UndeclaredRead:
            seen.append("stopped")

    with declared_inputs.reading_own_outputs():
        worker = threading.Thread(target=read_undeclared)
        worker.start()
        worker.join()
    assert seen == ["stopped"]


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_the_declaration_comes_before_anything_is_read(notebook):
    """The READS cell is the first code cell after the parameters: a read before it would go unchecked."""
    code = [c for c in json.loads(notebook.read_text(encoding="utf-8"))["cells"] if c["cell_type"] == "code"]
    assert "parameters" in code[0]["metadata"].get("tags", [])
    assert "READS = declared_inputs.declare(" in "".join(code[1]["source"])
