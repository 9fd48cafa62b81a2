"""`python -m missing_offenders.ingest.scaffold_round ROUND_ID` (`make round ROUND=<id>`): start a new FOI round.

Writes data/raw/foi_rounds/<round_id>.csv with one row per force of the registry (the name as
the registry spells it, every other field blank) and appends a line for the round to rounds.csv,
to be filled in by hand. This is the one place where code writes under data/raw/, and only
because a person asked for it; it refuses to touch a round that already exists. Standard library
only, like rounds.py.
"""
from __future__ import annotations

import csv
import io
import sys

from missing_offenders.ingest import paths, registry, rounds
from missing_offenders.ingest.errors import InputError


def _csv_line(values: list[str]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(values)
    return out.getvalue()


def scaffold(round_id: str) -> list[str]:
    """Create the round's file and rounds.csv line; return what a person does next."""
    if not rounds.ROUND_ID.match(round_id):
        raise InputError(f"round id {round_id!r}: expected lower-case letters, digits, '_' or '-' "
                         "(it names a folder under data/processed/).")
    target = paths.FOI_ROUNDS / f"{round_id}.csv"
    taken = [p for p in (target, target.with_suffix(".xlsx")) if p.exists()]
    if taken:
        raise InputError(f"{paths.relative(taken[0])} already exists: round {round_id!r} is not new. "
                         "Edit that file, or choose another round id.")
    if round_id in rounds.discover():
        raise InputError(f"round {round_id!r} already exists (in a round file or in "
                         f"{paths.relative(paths.ROUNDS_FILE)}): choose another round id.")
    header = rounds.ROUNDS_COLUMNS
    with paths.ROUNDS_FILE.open(encoding="utf-8-sig", newline="") as stream:
        header = next(csv.reader(stream))
    forces = registry.load().forces
    table = _csv_line(list(rounds.ROUND_FILE_COLUMNS)) + "".join(
        _csv_line([round_id, force.name] + [""] * (len(rounds.ROUND_FILE_COLUMNS) - 2)) for force in forces)
    listing = paths.ROUNDS_FILE.read_text(encoding="utf-8")
    line = _csv_line([round_id if name == "round_id" else "" for name in header])
    target.write_text(table, encoding="utf-8")
    paths.ROUNDS_FILE.write_text(listing + ("" if listing.endswith("\n") else "\n") + line, encoding="utf-8")
    return [
        f"wrote {paths.relative(target)}: {len(forces)} rows, one per force of the registry",
        f"added round {round_id!r} to {paths.relative(paths.ROUNDS_FILE)} (last line)",
        "next:",
        f"  1. fill in {paths.relative(target)}: each force's figure as given (count_text), duration_text, "
        "verbatim, source_title, source_url, published_date, confidence; leave a force's fields blank if "
        "no figure was published (it stays 'not_published'); delete no row",
        f"  2. fill in the line in {paths.relative(paths.ROUNDS_FILE)}: publisher_of_foi, total_missing_or_wanted, "
        "measure (stock or flow), snapshot_start and snapshot_end (ISO dates, blank if unknown)",
        "  3. `make manifest`, then `make all`; fields the code cannot read are listed with lines to fill in "
        f"for {paths.relative(paths.RAW / 'readings' / (round_id + '.csv'))}",
    ]


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m missing_offenders.ingest.scaffold_round ROUND_ID", file=sys.stderr)
        return 2
    try:
        steps = scaffold(argv[0])
    except InputError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print("\n".join(steps))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
