"""The README's headline numbers are the computed ones: a README row that names a summary.csv measure
must give that measure's value, and the ledger counts must be the ledger's. (SOURCES.md once said the
remainder was 79 while the pipeline computed 76.)"""
import re

import pandas as pd
import pytest

from missing_offenders.analyse import analysis, claims
from missing_offenders.ingest import paths

README = (paths.ROOT / "README.md").read_text(encoding="utf-8")
ROW = re.compile(r"^\| (?P<finding>[^|]+) \| (?P<value>[^|]+) \|.*`summary\.csv` \(`(?P<measure>[a-z_]+)`", re.M)


def readme_rows():
    return [(m["finding"].strip(), m["value"].strip(), m["measure"]) for m in ROW.finditer(README)]


def test_the_readme_names_summary_measures():
    measures = {measure for *_, measure in readme_rows()}
    assert {"exact_figures_sum", "attributed_min", "unattributed_max", "attributed_min_high",
            "attributed_min_high_medium", "unattributed_max_high_medium"} <= measures


@pytest.mark.parametrize("finding, value, measure", readme_rows())
def test_readme_value_is_the_computed_one(finding, value, measure):
    summary = analysis.load_round("2015_pa")["summary"]
    leading = int(re.match(r"\d+", value).group())
    assert leading == analysis.summary_value(summary, measure), f"README row {finding!r}"


def test_readme_ledger_counts_are_the_ledgers():
    ledger = pd.read_csv(claims.ledger_path(), dtype=str, keep_default_na=False)
    counts = ledger["verdict"].value_counts()
    match = re.search(r"Of (\d+) claims, (\d+) are\s+supported and (\d+) are not checkable", README)
    assert match, "README: ledger counts sentence not found"
    assert [int(g) for g in match.groups()] == [len(ledger), counts.get("supported", 0), counts.get("not_checkable", 0)]


def test_sources_md_remainder_is_the_computed_one():
    """SOURCES.md is written by a person (code never writes data/raw): it must not contradict the pipeline."""
    sources = (paths.RAW / "SOURCES.md").read_text(encoding="utf-8")
    summary = analysis.load_round("2015_pa")["summary"]
    remainder = analysis.summary_value(summary, "unattributed_max")
    assert re.search(rf"at most {remainder} are\s+spread over forces", sources)
