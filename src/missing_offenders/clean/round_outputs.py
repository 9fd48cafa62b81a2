"""Writing a cleaned round: its six files in data/processed/<round_id>/, all or none, each only if it
changed; the Data Package describing all of data/processed/ (`--datapackage`); and
`python -m missing_offenders.clean.round_outputs ROUND_ID`, which cleans, checks and writes one round
without a notebook."""
from __future__ import annotations

import json

from missing_offenders.clean import checks, cleaning, schema
from missing_offenders.clean.schema import YEARS_DECIMALS
from missing_offenders.ingest import paths, registry, rounds
from missing_offenders.ingest.errors import InputError
from missing_offenders.ingest.outputs import csv_text, write_texts


def output_dir(round_id: str):
    return paths.PROCESSED / round_id


def rendered_outputs(cleaned: cleaning.CleanedRound) -> dict:
    years = {c: YEARS_DECIMALS for c in ("longest_missing_years_min", "longest_missing_years_max")}
    texts = (csv_text(cleaned.force_returns, years),
             csv_text(cleaned.cases, {"years_min": YEARS_DECIMALS, "years_max": YEARS_DECIMALS}),
             csv_text(cleaned.log_frame), csv_text(cleaned.summary), csv_text(cleaned.needs_review),
             csv_text(cleaned.round_table))
    return dict(zip(output_paths(cleaned.info.round_id), texts))


def output_paths(round_id: str) -> list:
    """The round's six files, in the order they are rendered (naming them renders nothing)."""
    folder = output_dir(round_id)
    return [folder / name for name in ("force_returns.csv", "missing_cases.csv", "cleaning_log.csv", "summary.csv",
                                       "needs_review.csv", "round.csv")]


def write(cleaned: cleaning.CleanedRound) -> list:
    """Write the round's six files (all or none); return the paths that changed."""
    return write_texts(rendered_outputs(cleaned), under=paths.PROCESSED)


def datapackage_files(round_ids: list[str]) -> dict:
    """data/processed/datapackage.json and one Table Schema per table (schemas/<table>.json)."""
    files = {paths.PROCESSED / "datapackage.json": json.dumps(schema.datapackage(round_ids), indent=1) + "\n"}
    for table in schema.TABLES:
        files[paths.PROCESSED / "schemas" / f"{table}.json"] = json.dumps(schema.table_schema(table), indent=1) + "\n"
    return files


def main(argv: list[str]) -> int:
    """`python -m missing_offenders.clean.round_outputs ROUND_ID`: clean, check and write one round without a notebook."""
    import sys

    if argv == ["--datapackage"]:
        write_texts(datapackage_files(rounds.discover()), under=paths.PROCESSED)
        print(f"data/processed/datapackage.json: {len(rounds.discover())} rounds x {len(schema.TABLES)} tables")
        return 0
    if len(argv) != 1:
        print("usage: python -m missing_offenders.clean.round_outputs ROUND_ID | --datapackage", file=sys.stderr)
        return 2
    try:
        cleaned = cleaning.clean_round(argv[0])
        checks.check_force_returns(cleaned.force_returns, registry.load().ids)
    except (InputError, checks.DataQualityError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for warning in cleaned.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    for path in write(cleaned):
        print(f"wrote {paths.relative(path)}")
    if len(cleaned.needs_review):
        print(f"{len(cleaned.needs_review)} item(s) need review: see "
              f"{paths.relative(output_dir(cleaned.info.round_id) / 'needs_review.csv')}")
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(main(sys.argv[1:]))
