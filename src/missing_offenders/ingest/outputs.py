"""Writing processed files: fixed formatting, atomic replacement, no rewrite when unchanged.

Every output is rendered to text first; only when all of a step's outputs are rendered
are they moved into place, each through a temporary file, so a failure leaves the
previous outputs whole. A file whose content is unchanged is not touched (its mtime
stays, so make and nbval re-runs do not dirty anything).
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd

from missing_offenders.ingest import declared_inputs, paths


def csv_text(frame: pd.DataFrame, decimals: dict[str, int] | None = None) -> str:
    """CSV with '\\n' line ends, no index, blanks for missing values and fixed decimals."""
    formatted = frame.copy()
    for column, places in (decimals or {}).items():
        formatted[column] = [
            "" if pd.isna(value) else f"{float(value):.{places}f}" for value in formatted[column]
        ]
    return formatted.to_csv(index=False, lineterminator="\n")


READ_ONLY = "MISSING_OFFENDERS_READ_ONLY"


def write_texts(files: dict[Path, str | bytes], *, under: Path = paths.ROOT) -> list[Path]:
    """Write every file atomically (all rendered before any is moved); return those that changed.

    With MISSING_OFFENDERS_READ_ONLY=1 (set by `make test` and conftest.py) nothing is written: nbval
    re-runs the notebooks to compare their outputs, and must not rewrite the committed files while
    another notebook reads them.
    """
    if os.environ.get(READ_ONLY) == "1":
        for target in files:
            paths.inside_project(target, under=under)
        return []
    staged: list[tuple[Path, Path]] = []
    try:
        for target, content in files.items():
            target = paths.inside_project(target, under=under)
            data = content.encode("utf-8") if isinstance(content, str) else content
            with declared_inputs.reading_own_outputs():
                unchanged = target.is_file() and target.read_bytes() == data
            if unchanged:
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.chmod(name, 0o644)  # mkstemp makes 0600; outputs are for everyone to read
            staged.append((Path(name), target))
    except BaseException:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        raise
    for temporary, target in staged:
        os.replace(temporary, target)
    return [target for _, target in staged]
