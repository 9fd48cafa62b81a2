"""Benchmark the pipeline on a fresh clone of HEAD (run by `make bench`; prints, asserts nothing).

Measures, in one run on this machine: venv creation from the lock, cold `make all` (venv present,
outputs removed; also with -j2), no-op `make all`, all force briefs, `make test`, and one trivial
notebook run through papermill, the yardstick every other figure is also given as a ratio to.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


# Each measured command starts as a person's would, not as a child of the `make bench` that runs this.
CLEAN_ENV = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES")}


def timed(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=CLEAN_ENV)
    return time.perf_counter() - start


def trivial_notebook_seconds(clone: Path) -> float:
    scratch = clone / "build" / "bench"
    scratch.mkdir(parents=True, exist_ok=True)
    notebook = scratch / "trivial.ipynb"
    notebook.write_text(json.dumps({
        "cells": [{"cell_type": "code", "id": "p", "metadata": {"tags": ["parameters"]}, "execution_count": None,
                   "outputs": [], "source": "x = \"1\""},
                  {"cell_type": "code", "id": "a", "metadata": {}, "execution_count": None, "outputs": [],
                   "source": "print(x)"}],
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
        "nbformat": 4, "nbformat_minor": 5}))
    python = str(clone / ".venv" / "bin" / "python")
    runs = [timed([python, "-m", "missing_offenders.nbrun", str(notebook), str(scratch / "out.ipynb"),
                   "-r", "x", "2"], clone) for _ in range(3)]
    return sorted(runs)[1]


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="bench-") as folder:
        clone = Path(folder) / "clone"
        subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
        results = {"venv creation (make venv)": timed(["make", "venv"], clone)}
        results["first make all on the fresh clone"] = timed(["make", "all"], clone)
        results["fresh clone to all results"] = results["venv creation (make venv)"] + results["first make all on the fresh clone"]
        subprocess.run(["make", "clean"], cwd=clone, check=True, stdout=subprocess.DEVNULL, env=CLEAN_ENV)
        results["cold make all (venv present, outputs removed; 2 jobs, the default)"] = timed(["make", "all"], clone)
        results["no-op make all"] = timed(["make", "all"], clone)
        subprocess.run(["make", "clean"], cwd=clone, check=True, stdout=subprocess.DEVNULL, env=CLEAN_ENV)
        results["cold make JOBS=1 all (one job at a time)"] = timed(["make", "JOBS=1", "all"], clone)
        python = str(clone / ".venv" / "bin" / "python")
        results["all 46 force briefs (brief_runner, 2 kernels)"] = timed(
            [python, "-m", "missing_offenders.brief_runner", "2015_pa", "--workers", "2"], clone)
        results["make test"] = timed(["make", "test"], clone)
        dirty = subprocess.run(["git", "status", "--porcelain"], cwd=clone, capture_output=True, text=True).stdout
        yardstick = trivial_notebook_seconds(clone)
        shutil.rmtree(clone / ".venv", ignore_errors=True)
    width = max(map(len, results)) + 2
    print(f"{'measure':<{width}} {'seconds':>8} {'x trivial nb':>13}")
    for name, seconds in results.items():
        print(f"{name:<{width}} {seconds:8.2f} {seconds / yardstick:13.1f}")
    print(f"{'one trivial notebook through papermill (median of 3)':<{width}} {yardstick:8.2f} {1.0:13.1f}")
    print("git status after all runs: " + ("clean" if not dirty else "DIRTY\n" + dirty))
    return 0


if __name__ == "__main__":
    sys.exit(main())
