"""Benchmark the pipeline on a fresh clone of HEAD (run by `make bench`; prints, asserts nothing).

Every figure is also given as a multiple of one trivial notebook run through papermill on the same
machine in the same run (the yardstick), so figures from a busy or a quiet machine compare, and
each is set against its target. Measured: venv creation from the lock, fresh clone to all results,
cold `make all`, no-op `make all`, all force briefs, `make test`, and adding one round (a real
round withdrawn from the clone, built without it, then put back) followed by `make all`.
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
ADDED_ROUND = "sun_undated"  # a round with a file of its own and a rounds.csv line

# Each measured command starts as a person's would, not as a child of the `make bench` that runs this.
CLEAN_ENV = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES")}

# name: (target as a multiple of the trivial notebook, or None; target in seconds, or None)
TARGETS = {
    "venv creation (make venv)": (10, None),
    "fresh clone to all results": (40, None),
    "cold make all (venv present, outputs removed)": (20, None),
    "no-op make all": (None, 1.0),
    "all 46 force briefs (brief_runner, 2 kernels)": (10, None),
    "make test": (20, None),
    "adding one round, then make all": (8, None),
}


FAILED: list[str] = []


def timed(command: list[str], cwd: Path) -> float:
    """Seconds the command took; a command that fails is timed all the same and reported at the end."""
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=CLEAN_ENV)
    if result.returncode:
        FAILED.append(f"{' '.join(command)} (exit {result.returncode})")
    return time.perf_counter() - start


def quiet(command: list[str], cwd: Path) -> None:
    subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=CLEAN_ENV)


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
    runs = [timed([python, "-m", "papermill", "--no-progress-bar", "-k", "python3", str(notebook),
                   str(scratch / "out.ipynb"), "-r", "x", "2"], clone) for _ in range(3)]
    return sorted(runs)[1]


def add_round_seconds(clone: Path) -> float:
    """Withdraw a real round from the clone, build without it, put it back: time that last build."""
    round_file = clone / "data/raw/foi_rounds" / f"{ADDED_ROUND}.csv"
    rounds_csv = clone / "data/raw/foi_rounds/rounds.csv"
    kept_file, kept_rounds = round_file.read_bytes(), rounds_csv.read_bytes()
    round_file.unlink()
    rounds_csv.write_bytes(b"".join(line for line in kept_rounds.splitlines(keepends=True)
                                    if not line.startswith(f"{ADDED_ROUND},".encode())))
    quiet(["make", "manifest"], clone)
    quiet(["make", "all"], clone)
    round_file.write_bytes(kept_file)
    rounds_csv.write_bytes(kept_rounds)
    quiet(["make", "manifest"], clone)
    return timed(["make", "all"], clone)


def verdict(name: str, seconds: float, ratio: float) -> tuple[str, str]:
    times, limit = TARGETS.get(name, (None, None))
    if times is not None:
        return f"<= {times}x", "met" if ratio <= times else "MISSED"
    if limit is not None:
        return f"< {limit:g} s", "met" if seconds < limit else "MISSED"
    return "", ""


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="bench-") as folder:
        clone = Path(folder) / "clone"
        subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
        results = {"venv creation (make venv)": timed(["make", "venv"], clone)}
        first = timed(["make", "all"], clone)
        results["fresh clone to all results"] = results["venv creation (make venv)"] + first
        quiet(["make", "clean"], clone)
        results["cold make all (venv present, outputs removed)"] = timed(["make", "all"], clone)
        results["no-op make all"] = timed(["make", "all"], clone)
        python = str(clone / ".venv" / "bin" / "python")
        results["all 46 force briefs (brief_runner, 2 kernels)"] = timed(
            [python, "-m", "missing_offenders.pipeline.brief_runner", "2015_pa", "--workers", "2"], clone)
        results["make test"] = timed(["make", "test"], clone)
        dirty = subprocess.run(["git", "status", "--porcelain"], cwd=clone, capture_output=True, text=True).stdout
        results["adding one round, then make all"] = add_round_seconds(clone)
        yardstick = trivial_notebook_seconds(clone)
        shutil.rmtree(clone / ".venv", ignore_errors=True)
    width = max(map(len, results)) + 2
    print(f"{'measure':<{width}} {'seconds':>8} {'x trivial':>10} {'target':>9}  verdict")
    missed = []
    for name, seconds in results.items():
        ratio = seconds / yardstick
        target, outcome = verdict(name, seconds, ratio)
        print(f"{name:<{width}} {seconds:8.2f} {ratio:10.1f} {target:>9}  {outcome}")
        if outcome == "MISSED":
            missed.append(name)
    print(f"{'one trivial notebook through papermill (median of 3)':<{width}} {yardstick:8.2f} {1.0:10.1f}")
    print("git status after make all and make test: " + ("clean" if not dirty else "DIRTY\n" + dirty))
    print("targets missed: " + (", ".join(missed) if missed else "none"))
    if FAILED:
        print("commands that FAILED (their times are not meaningful): " + "; ".join(FAILED))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
