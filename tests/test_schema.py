"""One schema for every processed table: the frames follow it, the README documents it, and the
Data Package built from it validates against the committed files with the frictionless library."""
import json
import re

import pytest

from missing_offenders.analyse import analysis
from missing_offenders.clean import round_summary, schema
from missing_offenders.ingest import paths, rounds

README = (paths.ROOT / "README.md").read_text(encoding="utf-8")


def readme_section(table: str) -> str:
    start = README.index(f"### `data/processed/<round_id>/{table}.csv`")
    end = re.compile(r"\n##+ ").search(README, start + 1)
    return README[start:end.start() if end else len(README)]


@pytest.mark.parametrize("table", list(schema.TABLES))
def test_the_readme_documents_every_column_of_every_table(table):
    section = readme_section(table)
    documented = {name for span in re.findall(r"`([a-z_, ]+)`", section) for name in span.split(", ")}
    missing = [c for c in schema.columns(table) if c not in documented]
    assert not missing, f"README section for {table}.csv does not name {missing}"


@pytest.mark.parametrize("round_id", rounds.discover())
def test_every_processed_file_has_the_schema_columns(round_id):
    folder = paths.PROCESSED / round_id
    for table in schema.TABLES:
        header = (folder / f"{table}.csv").read_text(encoding="utf-8").splitlines()[0]
        assert header.split(",") == list(schema.columns(table)), f"{round_id}/{table}.csv"


def test_the_committed_datapackage_is_what_the_schema_gives():
    committed = json.loads((paths.PROCESSED / "datapackage.json").read_text())
    assert committed == schema.datapackage(rounds.discover())
    for table in schema.TABLES:
        assert json.loads((paths.PROCESSED / "schemas" / f"{table}.json").read_text()) == schema.table_schema(table)


def test_the_datapackage_validates_with_frictionless():
    from frictionless import Package

    report = Package(str(paths.PROCESSED / "datapackage.json")).validate()
    problems = [f"{task.name}: {error.message}" for task in report.tasks for error in task.errors][:20]
    assert report.valid, "\n".join(problems)


def test_frictionless_catches_a_value_outside_the_schema(tmp_path):
    """The validation can fail: a status outside the allowed values is an error."""
    from frictionless import Resource, Schema

    good = (paths.PROCESSED / "2015_pa" / "force_returns.csv").read_text(encoding="utf-8")
    (tmp_path / "force_returns.csv").write_text(good.replace(",reported,", ",SYNTHETIC-not-a-status,", 1), encoding="utf-8")
    report = Resource("force_returns.csv", basepath=str(tmp_path),
                      schema=Schema.from_descriptor(schema.table_schema("force_returns"))).validate()
    assert not report.valid and "enum" in str(report.flatten(["note"])) and "SYNTHETIC-not-a-status" in str(report)


@pytest.mark.parametrize("text, count", [
    ("39 forces reported missing RSOs (Guardian photo caption says 'Thirty eight')", 39),
    ("38 forces", 38), ("'all 50 forces' (BBC: 'in England and Wales')", 50), ("46 of 52 forces replied", 46),
    ("Thirty eight forces", 38), ("unknown", None), ("", None), ("most of the UK's 45 forces", None),
])
def test_forces_basis_is_read_once_into_a_number(text, count):
    assert round_summary.forces_basis_count(text) == count


def test_downstream_reads_typed_facts_not_summary_text():
    facts = analysis.round_facts(analysis.load_round("2015_pa"))
    assert int(facts["forces_basis"]) == 39 and int(facts["national_total_reported"]) == 396
    assert facts["snapshot_end"].isoformat() == "2015-03-10" and facts["measure"] == "stock"
    package_src = paths.ROOT / "src" / "missing_offenders"
    for module in [*(package_src / "analyse").glob("*.py"), *(package_src / "publish").glob("*.py")]:
        text = module.read_text(encoding="utf-8")
        assert '"snapshot_end")[:4]' not in text and '"forces_basis_reported").split()' not in text, module.name
