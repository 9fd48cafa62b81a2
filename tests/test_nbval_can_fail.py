"""nbval guards the committed outputs: a changed raw figure, outputs not regenerated, must fail it.

The project is copied to a temporary folder (the real one is never touched), a figure in the
copy's raw data is edited and its manifest rewritten, as a person would with `make manifest`,
and nbval runs over the copy's committed cleaning notebook.
"""
import os
import shutil
import subprocess
import sys

from missing_offenders.ingest import paths

NOTEBOOK = "notebooks/01_clean_round.ipynb"


def copy_project(target):
    for name in ("pyproject.toml", "conftest.py", "matplotlibrc"):
        shutil.copy(paths.ROOT / name, target / name)
    for folder in ("data/raw", "notebooks", "tests", "claims"):  # claims/: the stories checked decide circularity
        shutil.copytree(paths.ROOT / folder, target / folder)
    shutil.copytree(paths.PROCESSED / "2015_pa", target / "data/processed/2015_pa")


def nbval(root):
    env = {**os.environ, "MISSING_OFFENDERS_ROOT": str(root)}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:xdist", "--nbval", NOTEBOOK],
        cwd=root, env=env, capture_output=True, text=True,
    )


def test_nbval_passes_on_an_untouched_copy_and_fails_after_a_raw_edit(tmp_path):
    copy_project(tmp_path)
    untouched = nbval(tmp_path)
    assert untouched.returncode == 0, untouched.stdout[-3000:]

    raw = tmp_path / "data/raw/foi_rounds/2015_pa.csv"
    text = raw.read_text(encoding="utf-8")
    assert ",Cambridgeshire Police,10," in text
    raw.write_text(text.replace(",Cambridgeshire Police,10,", ",Cambridgeshire Police,12,"), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "missing_offenders.ingest.manifest", "write"], check=True, capture_output=True,
                   env={**os.environ, "MISSING_OFFENDERS_ROOT": str(tmp_path)})

    edited = nbval(tmp_path)
    assert edited.returncode == 1, edited.stdout[-3000:]
    assert "2 failed" in edited.stdout
    # nbval's diff: '-' is the new run, '+' the committed output
    assert "-      <td>12</td>" in edited.stdout and "+      <td>10</td>" in edited.stdout
    assert "-     <td>319</td>" in edited.stdout and "+     <td>317</td>" in edited.stdout
