"""The notebook runner: bytes that cannot depend on timing, outputs only where outputs belong, and
failures (a failing cell, a killed kernel) that name the notebook, parameters and cell.

Every run happens in a throw-away project (MISSING_OFFENDERS_ROOT) under pytest's tmp_path, with
SYNTHETIC notebooks written here: nothing is written into the checkout.
"""
import json
import os
import subprocess
import sys

import nbformat
import pytest

from missing_offenders.pipeline import nbrun

# A cell that prints one line in two chunks, flushed apart: the kernel sends two stream messages.
SPLIT_LINE = "import sys, time\nprint('passed its checks', end='')\nsys.stdout.flush()\ntime.sleep(0.2)\nprint()"


def write_notebook(path, *sources, parameters='x = "1"'):
    cells = [{"cell_type": "code", "id": "parameters", "metadata": {"tags": ["parameters"]},
              "execution_count": None, "outputs": [], "source": parameters}]
    cells += [{"cell_type": "code", "id": f"c{i}", "metadata": {}, "execution_count": None, "outputs": [],
               "source": source} for i, source in enumerate(sources)]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"cells": cells, "metadata": {"kernelspec": {
        "name": "python3", "display_name": "Python 3", "language": "python"}}, "nbformat": 4, "nbformat_minor": 5}))
    return path


@pytest.fixture()
def project(tmp_path):
    (tmp_path / "pyproject.toml").write_text("# synthetic test project marker\n")
    (tmp_path / "data" / "raw" / "foi_rounds").mkdir(parents=True)
    (tmp_path / "data" / "raw" / "SHA256SUMS").write_text("synthetic manifest\n")
    (tmp_path / "notebooks").mkdir()
    return tmp_path


def run_cli(project, *args, module="missing_offenders.pipeline.nbrun"):
    env = {**os.environ, "MISSING_OFFENDERS_ROOT": str(project), "MISSING_OFFENDERS_READ_ONLY": "0"}
    return subprocess.run([sys.executable, "-m", module, *args], cwd=project, env=env,
                          capture_output=True, text=True)


def test_merge_streams_joins_consecutive_chunks_of_one_stream_only():
    cell = nbformat.v4.new_code_cell("")
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="passed its checks"),
                    nbformat.v4.new_output("stream", name="stdout", text="\n"),
                    nbformat.v4.new_output("stream", name="stderr", text="warning\n"),
                    nbformat.v4.new_output("stream", name="stdout", text="after\n")]
    nb = nbformat.v4.new_notebook(cells=[cell])
    nbrun.merge_streams(nb)
    assert [(o.name, o.text) for o in cell.outputs] == [
        ("stdout", "passed its checks\n"), ("stderr", "warning\n"), ("stdout", "after\n")]


def test_a_line_printed_in_two_chunks_is_stored_as_one_output(project):
    source = write_notebook(project / "notebooks" / "split.ipynb", SPLIT_LINE)
    outputs = []
    for attempt in (1, 2):
        target = project / "reports" / f"split_{attempt}.ipynb"
        result = run_cli(project, str(source), str(target))
        assert result.returncode == 0, result.stderr
        cell = json.loads(target.read_text())["cells"][1]
        outputs.append(cell["outputs"])
    assert outputs[0] == [{"name": "stdout", "output_type": "stream", "text": ["passed its checks\n"]}]
    assert outputs[0] == outputs[1]


@pytest.mark.parametrize("target", ["data/raw/SHA256SUMS", "data/raw/foi_rounds/new.ipynb", "notebooks/other.ipynb",
                                    "reports/table.csv", "../outside.ipynb"])
def test_outputs_outside_reports_and_build_are_refused_in_one_line(project, target):
    source = write_notebook(project / "notebooks" / "ok.ipynb", "print(x)")
    manifest_before = (project / "data/raw/SHA256SUMS").read_bytes()
    result = run_cli(project, str(source), target)
    assert result.returncode == 2
    assert result.stderr.startswith("error: refusing to write ") and result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert (project / "data/raw/SHA256SUMS").read_bytes() == manifest_before
    assert not (project / "data/raw/foi_rounds/new.ipynb").exists() and not (project / "reports").exists()


def test_a_template_may_be_run_in_place(project):
    source = write_notebook(project / "notebooks" / "ok.ipynb", "print(x)")
    result = run_cli(project, str(source), str(source))
    assert result.returncode == 0, result.stderr
    assert json.loads(source.read_text())["cells"][1]["outputs"][0]["text"] == ["1\n"]


def test_a_failing_cell_keeps_the_previous_output_and_parks_the_failed_run(project):
    source = write_notebook(project / "notebooks" / "fails.ipynb", "print(x)",
                            "raise ValueError('synthetic failure for the test')")
    output = project / "reports" / "fails.ipynb"
    output.parent.mkdir()
    output.write_text("previous good output")
    result = run_cli(project, str(source), str(output), "-r", "x", "2")
    assert result.returncode == 1
    assert "notebooks/fails.ipynb (x=2) failed in cell 3 (id c1): ValueError: synthetic failure" in result.stderr
    assert "Traceback" not in result.stderr
    assert output.read_text() == "previous good output"
    assert (project / "build/failed/fails.ipynb").is_file()
    assert not list(output.parent.glob(".*.tmp.ipynb"))


def test_a_killed_kernel_names_notebook_parameters_and_cell_and_the_next_run_still_runs(project):
    source = write_notebook(project / "notebooks" / "dies.ipynb", "print(x)",
                            "import os, signal\nif x == 'dies': os.kill(os.getpid(), signal.SIGKILL)", "print('end', x)")
    script = (
        "import sys\nfrom pathlib import Path\nfrom missing_offenders.pipeline import nbrun\n"
        "runs = [nbrun.Run(Path('notebooks/dies.ipynb'), Path(f'reports/{x}.ipynb'), {'x': x}) for x in ('dies', 'lives')]\n"
        "for run, message in nbrun.execute(runs):\n    print(message)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=project, capture_output=True, text=True,
                            env={**os.environ, "MISSING_OFFENDERS_ROOT": str(project)})
    assert result.returncode == 0 and not result.stderr, result.stderr
    assert "notebooks/dies.ipynb (x=dies) failed in cell 3 (id c1): the kernel died" in result.stdout
    assert "the failed run is in build/failed/dies.ipynb" in result.stdout
    assert (project / "build/failed/dies.ipynb").is_file()
    assert not (project / "reports/dies.ipynb").exists()
    lives = json.loads((project / "reports/lives.ipynb").read_text())
    assert lives["cells"][-1]["outputs"][0]["text"] == ["end lives\n"]


def test_runs_sharing_a_kernel_start_from_an_empty_namespace_numbered_from_one(project):
    source = write_notebook(project / "notebooks" / "leak.ipynb",
                            "print('leftover' in dir())", "leftover = x\nleftover")
    runs = [nbrun.Run(source, project / "reports" / f"{x}.ipynb", {"x": x}) for x in ("a", "b")]
    env = {**os.environ, "MISSING_OFFENDERS_ROOT": str(project)}
    script = ("from pathlib import Path\nfrom missing_offenders.pipeline import nbrun\n"
              f"runs = {[(str(r.source), str(r.output), r.parameters) for r in runs]!r}\n"
              "assert not nbrun.execute([nbrun.Run(Path(s), Path(o), p) for s, o, p in runs])\n")
    result = subprocess.run([sys.executable, "-c", script], cwd=project, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    second = json.loads((project / "reports/b.ipynb").read_text())
    assert [c["execution_count"] for c in second["cells"]] == [1, 2, 3, 4]
    assert second["cells"][2]["outputs"][0]["text"] == ["False\n"]
    assert second["cells"][3]["outputs"][0]["execution_count"] == 4


def test_kernel_shutdown_sends_no_interrupt():
    """jupyter_client interrupts (SIGINT) before a shutdown request; a kernel still busy then logs
    'KeyboardInterrupt caught in kernel' on a successful build."""
    import signal

    from jupyter_client.utils import run_sync

    from missing_offenders.pipeline.kernels import socket_file_kernel_manager

    manager = socket_file_kernel_manager()(kernel_name="python3")
    sent = []
    original = manager._async_signal_kernel

    async def record(signum):
        sent.append(signum)
        await original(signum)

    manager._async_signal_kernel = record
    run_sync(manager.start_kernel)()
    try:
        run_sync(manager.shutdown_kernel)()
    finally:
        run_sync(manager.cleanup_resources)()
    assert signal.SIGINT not in sent


@pytest.mark.parametrize("workers", ["0", "-1", "two"])
def test_worker_counts_below_one_are_refused_in_one_line(workers):
    result = subprocess.run([sys.executable, "-m", "missing_offenders.pipeline.brief_runner", "2015_pa", "--workers", workers],
                            capture_output=True, text=True)
    assert result.returncode == 2
    assert "expected a whole number of at least 1" in result.stderr and "Traceback" not in result.stderr
