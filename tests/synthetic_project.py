"""A throw-away project tree with SYNTHETIC raw data, for tests of the command-line pipeline.

Nothing here is a real figure: rows are made up to exercise one rule each, and the round
is named `synthetic_test` so it can never be mistaken for a published return.
"""
from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

REAL_ROOT = Path(__file__).resolve().parents[1]
ROUND_COLUMNS = [
    "round_id", "force_as_reported", "count_text", "duration_text", "verbatim", "source_title",
    "source_url", "published_date", "corroborating_sources", "confidence", "notes",
]
ROUNDS_COLUMNS = [
    "round_id", "publisher_of_foi", "snapshot_or_period", "total_missing_or_wanted", "forces_basis", "verbatim",
    "source_title", "source_url", "published_date", "notes", "measure", "snapshot_start", "snapshot_end",
]


def synthetic_row(force: str, count: str, duration: str = "") -> dict[str, str]:
    return {
        "round_id": "synthetic_test", "force_as_reported": force, "count_text": count, "duration_text": duration,
        "verbatim": f"SYNTHETIC TEST ROW: {force} said {count}.", "source_title": "synthetic test data",
        "source_url": "https://example.invalid/synthetic", "published_date": "2015-03-10",
        "corroborating_sources": "", "confidence": "high", "notes": "synthetic",
    }


def csv_text(columns: list[str], rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


class SyntheticProject:
    def __init__(self, root: Path):
        self.root = root
        raw = root / "data" / "raw"
        (raw / "foi_rounds").mkdir(parents=True)
        (raw / "reference").mkdir()
        (root / "pyproject.toml").write_text("# synthetic test project marker\n")
        shutil.copy(REAL_ROOT / "data/raw/reference/police_forces.csv", raw / "reference" / "police_forces.csv")
        # The notebooks say what the build runs and what each reads (build_rules reads them).
        shutil.copytree(REAL_ROOT / "notebooks", root / "notebooks")
        self.round_file = raw / "foi_rounds" / "synthetic_test.csv"
        self.write_rounds(total="30")
        self.write_round([
            synthetic_row("Cambridgeshire Police", "ten", "between two and eight years"),
            synthetic_row("Notts Police", "fewer than 5"),
            synthetic_row("SUSSEX Police", "refused under section 12"),
        ])

    def env(self) -> dict[str, str]:
        return {**os.environ, "MISSING_OFFENDERS_ROOT": str(self.root), "MISSING_OFFENDERS_READ_ONLY": "0"}

    def write_rounds(self, total: str) -> None:
        row = {c: "" for c in ROUNDS_COLUMNS}
        row.update(round_id="synthetic_test", total_missing_or_wanted=total, measure="stock",
                   snapshot_start="2015-02-01", snapshot_end="2015-03-10", verbatim="SYNTHETIC")
        (self.root / "data/raw/foi_rounds/rounds.csv").write_text(csv_text(ROUNDS_COLUMNS, [row]), encoding="utf-8")

    def write_round(self, rows: list[dict[str, str]], columns: list[str] = ROUND_COLUMNS) -> None:
        self.round_file.write_text(csv_text(columns, rows), encoding="utf-8")

    def run(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", *args], env=self.env(), capture_output=True, text=True,
                              cwd=self.root)

    def manifest(self) -> None:
        result = self.run("missing_offenders.ingest.manifest", "write")
        assert result.returncode == 0, result.stderr

    def clean(self) -> subprocess.CompletedProcess:
        return self.run("missing_offenders.clean.round_outputs", "synthetic_test")

    @property
    def processed(self) -> Path:
        return self.root / "data" / "processed" / "synthetic_test"

    def processed_snapshot(self) -> dict[str, bytes]:
        return {p.name: p.read_bytes() for p in sorted(self.processed.glob("*"))}
