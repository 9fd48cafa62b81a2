"""Every path of the project, anchored at the project root.

papermill runs kernels in the caller's directory and nbval in the notebook's, so no
path may depend on the working directory: everything is found from the marker file
`pyproject.toml` above this package.
"""
from __future__ import annotations

import os
from pathlib import Path

_MARKER = "pyproject.toml"


def _find_root() -> Path:
    override = os.environ.get("MISSING_OFFENDERS_ROOT")
    if override:
        return Path(override).resolve()
    here = Path(__file__).resolve()
    for parent in here.parents:
        if (parent / _MARKER).is_file() and (parent / "data" / "raw").is_dir():
            return parent
    raise RuntimeError(
        f"Could not find the project root (a folder holding {_MARKER} and data/raw/) "
        f"above {here}. Install the package in editable mode from a checkout, "
        "or set MISSING_OFFENDERS_ROOT."
    )


ROOT = _find_root()
RAW = ROOT / "data" / "raw"
PROCESSED = ROOT / "data" / "processed"
REPORTS = ROOT / "reports"
CHARTS = REPORTS / "figures"
BRIEFS = REPORTS / "briefs"
NOTEBOOKS = ROOT / "notebooks"

MANIFEST = RAW / "SHA256SUMS"
FOI_ROUNDS = RAW / "foi_rounds"
ROUNDS_FILE = FOI_ROUNDS / "rounds.csv"
CORRECTIONS_FILE = RAW / "corrections" / "transcription_corrections.csv"
REFERENCE = RAW / "reference"
FORCES_FILE = REFERENCE / "police_forces.csv"
NSPCC_STAFFING = REFERENCE / "nspcc_2015_staffing.csv"
MAPPA_NATIONAL = REFERENCE / "mappa_england_wales_national.csv"
MAPPA_AREAS = REFERENCE / "mappa_area_figures.csv"
SCOTLAND_NI_REGISTERS = REFERENCE / "scotland_ni_rso.csv"
DISCLOSURE_LOGS = REFERENCE / "foi_disclosure_logs.csv"
READINGS = RAW / "readings"
PUBLISHED_STORY = RAW / "published_story"
CLAIMS = ROOT / "claims"


def relative(path: Path) -> str:
    """A path as shown to people and written into outputs: relative to the root, POSIX style."""
    try:
        return Path(path).resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


def inside_project(path: Path, *, under: Path = ROOT) -> Path:
    """Resolve `path` and refuse it unless it lies under `under` (a write must never escape)."""
    resolved = Path(path).resolve()
    base = Path(under).resolve()
    if resolved != base and base not in resolved.parents:
        raise ValueError(f"{path} resolves to {resolved}, outside {base}: refusing to write there.")
    return resolved
