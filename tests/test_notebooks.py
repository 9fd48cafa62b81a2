"""The committed notebooks: executed (nbval skips unexecuted cells), parameterised, machine-independent."""
import json
import re

import pytest

from missing_offenders.pipeline import nbrun
from missing_offenders.ingest import paths

COMMITTED = sorted(
    p for p in [*paths.NOTEBOOKS.glob("*.ipynb"), *(paths.REPORTS / "notebooks").rglob("*.ipynb")]
    if not p.name.startswith(".")
)


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def test_there_are_notebooks():
    assert len(COMMITTED) >= 18


@pytest.mark.parametrize("path", COMMITTED, ids=lambda p: paths.relative(p))
def test_every_code_cell_executed_in_order(path):
    counts = [c["execution_count"] for c in load(path)["cells"] if c["cell_type"] == "code"]
    assert None not in counts, f"{paths.relative(path)} has unexecuted code cells: nbval would skip them"
    assert counts == list(range(1, len(counts) + 1))


@pytest.mark.parametrize("path", [p for p in COMMITTED if p.parent == paths.NOTEBOOKS], ids=lambda p: p.name)
def test_parameters_cell_holds_literals_and_is_validated_next(path):
    cells = [c for c in load(path)["cells"] if c["cell_type"] == "code"]
    tagged = [i for i, c in enumerate(cells) if "parameters" in c["metadata"].get("tags", [])]
    assert len(tagged) == 1, "exactly one cell tagged parameters"
    source = "".join(cells[tagged[0]]["source"])
    for line in filter(None, source.splitlines()):
        assert re.fullmatch(r'[a-z_]+ = "[^"]*"', line), f"not a literal string parameter: {line}"
    # Next the declaration of what the notebook reads (it reads nothing itself), then the parameters are
    # checked before anything else is read: in the declaration cell, if a declared path is built from one.
    declaration, validation = ("".join(cells[tagged[0] + i]["source"]) for i in (1, 2))
    assert "READS = declared_inputs.declare(" in declaration
    assert "params.check_" in declaration + validation


@pytest.mark.parametrize("path", COMMITTED, ids=lambda p: paths.relative(p))
def test_no_machine_specific_text(path):
    text = path.read_text(encoding="utf-8")
    for volatile in (str(paths.ROOT), "/tmp/", "start_time", "end_time", '"duration"'):
        assert volatile not in text, f"{paths.relative(path)} contains {volatile!r}"


def test_strip_volatile_pins_injected_cell_and_drops_timings():
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["papermill"] = {"start_time": "x", "end_time": "y", "duration": 1.0, "parameters": {"a": "b"}}
    cell = nbformat.v4.new_code_cell("a = 'b'")
    cell.metadata["tags"] = ["injected-parameters"]
    cell.metadata["execution"] = {"iopub.status.busy": "2026"}
    nb.cells.append(cell)
    nbrun.strip_volatile(nb, paths.ROOT / "out.ipynb", paths.ROOT / "in.ipynb")
    assert nb.metadata["papermill"] == {"parameters": {"a": "b"}, "input_path": "in.ipynb", "output_path": "out.ipynb"}
    assert cell["id"] == "injected-parameters" and "execution" not in cell.metadata


@pytest.mark.parametrize("path", COMMITTED, ids=lambda p: paths.relative(p))
def test_no_output_claims_a_write(path):
    """nbval re-runs every notebook read-only: an output saying 'wrote ...' would then be false."""
    for cell in load(path)["cells"]:
        for output in cell.get("outputs", []):
            text = "".join(output.get("text", []))
            assert not re.search(r"(?m)^wrote ", text), f"{paths.relative(path)}: {text[:80]!r}"
