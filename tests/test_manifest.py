import shutil

import pytest

from missing_offenders.ingest import manifest, paths
from missing_offenders.ingest.errors import RawDataChangedError


def test_shipped_raw_data_matches_manifest():
    assert manifest.problems() == []


def test_manifest_detects_changed_unlisted_and_missing_files(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(paths.RAW, raw)
    assert manifest.problems(raw) == []
    (raw / "foi_rounds" / "2015_pa.csv").write_text("edited\n")
    (raw / "reference" / "new.csv").write_text("a\n")
    (raw / "reference" / "police_forces.csv").unlink()
    found = " ".join(manifest.problems(raw))
    assert "foi_rounds/2015_pa.csv has changed" in found
    assert "reference/new.csv is not listed" in found
    assert "reference/police_forces.csv is listed in the manifest but missing" in found
    with pytest.raises(RawDataChangedError, match="make manifest"):
        manifest.verify_all(raw)
    manifest.write(raw)
    assert manifest.problems(raw) == []
