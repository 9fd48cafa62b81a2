"""Byte-stability under load: cold `make all` on a fresh clone while two busy processes compete for
the cores, three times; each time `git status --porcelain` must be empty (run by `make load-check`).

How a kernel's output is chunked, which kernel finishes first and how long a shutdown takes all
change when the machine is busy; none of it may reach a committed byte. Exits 1 on any difference,
printing it.
"""
from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ROUNDS = 3
CLEAN_ENV = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES")}


def spin(stop_at: float) -> None:
    """A busy process: pure CPU until `stop_at` (a bounded loop, so nothing is left running)."""
    while time.monotonic() < stop_at:
        sum(i * i for i in range(10_000))


def make(clone: Path, *goals: str) -> None:
    subprocess.run(["make", *goals], cwd=clone, check=True, env=CLEAN_ENV,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def main() -> int:
    failures = 0
    with tempfile.TemporaryDirectory(prefix="load-check-") as folder:
        clone = Path(folder) / "clone"
        subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
        make(clone, "venv")
        for attempt in range(1, ROUNDS + 1):
            make(clone, "clean")
            busy = [multiprocessing.Process(target=spin, args=(time.monotonic() + 1800,)) for _ in range(2)]
            for process in busy:
                process.start()
            start = time.perf_counter()
            try:
                make(clone, "all")
            finally:
                for process in busy:
                    process.terminate()
                    process.join()
            dirty = subprocess.run(["git", "status", "--porcelain"], cwd=clone, capture_output=True,
                                   text=True, check=True).stdout
            print(f"run {attempt}: cold make all under load in {time.perf_counter() - start:.0f} s; "
                  f"git status {'clean' if not dirty else 'DIRTY'}")
            if dirty:
                failures += 1
                print(dirty + subprocess.run(["git", "diff", "--stat"], cwd=clone, capture_output=True,
                                             text=True).stdout)
                subprocess.run(["git", "checkout", "--", "."], cwd=clone, check=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
