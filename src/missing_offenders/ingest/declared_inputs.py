"""What a notebook reads, declared in the notebook itself and held to while it runs.

Each notebook names, in the cell right after its parameters (before anything is read), the files and
folders it reads, from the package's own path constants:

    READS = declared_inputs.declare(paths.PROCESSED / round_id, paths.NSPCC_STAFFING)

`build_rules` reads that cell without running it (the notebook's default parameters fill in
`round_id`), so `make` reruns the notebook when, and only when, one of them changes. While the
notebook runs, opening for reading any other file under data/ or claims/ is an error naming the
file, so a declaration that falls behind the code says so on the next run.

The guard sees what Python opens with `open()` (pandas, csv, pathlib and yaml all do); it does not see
reads by C libraries, child processes or `os.open`, so it keeps the declarations honest rather than
sandboxing the notebook. Standard library only, like the rest of ingest/.
"""
from __future__ import annotations

import os
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

from missing_offenders.ingest import paths

GUARDED = (paths.RAW, paths.PROCESSED, paths.CLAIMS)
ALWAYS_ALLOWED = (paths.MANIFEST,)  # every raw file is checked against it before it is read

_allowed: tuple[str, ...] | None = None  # None: no declaration in force (a test, a shell, another notebook)
_hooked = False
_rewriting = threading.local()  # .depth > 0 while this thread compares an output with what is already there


class UndeclaredRead(PermissionError):
    """A notebook opened a data file its READS cell does not name."""


def _under(path: str, folders) -> bool:
    return any(path == folder or path.startswith(folder + os.sep) for folder in folders)


def _check_open(event: str, args) -> None:
    if event != "open" or _allowed is None or getattr(_rewriting, "depth", 0):
        return
    target, mode = args[0], args[1]
    if not isinstance(target, (str, os.PathLike)) or not isinstance(mode, str):
        return  # a file descriptor, or os.open (the standard library's own, never ours)
    if any(flag in mode for flag in "wax+"):
        return  # writing is the runner's business (nbrun refuses writes outside reports/ and build/)
    resolved = os.path.realpath(os.fspath(target))  # the file itself, through any symbolic link
    if _under(resolved, _GUARDED) and not _under(resolved, _allowed):
        raise UndeclaredRead(
            f"{paths.relative(Path(resolved))} is read but not declared: add it (or its folder) to the "
            "notebook's READS = declared_inputs.declare(...) cell, so that make reruns the notebook when it changes.")


_GUARDED = tuple(os.path.realpath(folder) for folder in GUARDED)


def declare(*inputs: Path) -> tuple[Path, ...]:
    """Hold this run to `inputs` (files or folders, each of which must exist); returns them."""
    global _allowed, _hooked
    missing = [paths.relative(p) for p in inputs if not Path(p).exists()]
    if missing:
        raise FileNotFoundError(f"the notebook declares {', '.join(missing)}, which does not exist: "
                                "run the step that writes it first (`make all` runs them in order).")
    _allowed = tuple(os.path.realpath(p) for p in (*inputs, *ALWAYS_ALLOWED))
    if not _hooked:
        sys.addaudithook(_check_open)  # cannot be removed: release() turns it off instead
        _hooked = True
    return tuple(Path(p) for p in inputs)


@contextmanager
def reading_own_outputs():
    """Reading a file the run is about to rewrite (to leave it untouched when unchanged) reads no input."""
    _rewriting.depth = getattr(_rewriting, "depth", 0) + 1
    try:
        yield
    finally:
        _rewriting.depth -= 1


def release() -> None:
    """No declaration in force (the kernel runs another notebook next)."""
    global _allowed
    _allowed = None


def describe(inputs) -> str:
    """The declared inputs as a fact-checker reads them: one relative path per line."""
    return "\n".join(f"reads {paths.relative(p)}{'/' if Path(p).is_dir() else ''}" for p in inputs)
