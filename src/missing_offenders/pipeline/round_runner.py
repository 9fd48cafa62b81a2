"""Clean FOI rounds: run the cleaning notebook for the rounds given, two kernels shared by all of
them, then remove what a withdrawn round left behind.

The default round's run is the committed template itself (notebooks/01_clean_round.ipynb); every
other round's executed copy goes to reports/notebooks/01_clean_round/<round_id>.ipynb.

    python -m missing_offenders.pipeline.round_runner [ROUND_ID ...] [--workers 2] [--prune]
"""
from __future__ import annotations

import argparse
import ast
import shutil
import sys
import time
from pathlib import Path

from missing_offenders.ingest import paths
from missing_offenders.pipeline.nbrun import RunRefused, Run, execute, positive_int

TEMPLATE = paths.NOTEBOOKS / "01_clean_round.ipynb"
EXECUTED = paths.REPORTS / "notebooks" / TEMPLATE.stem


def default_round() -> str:
    """The round the template's own parameters cell names (its committed outputs are that run)."""
    import papermill

    return ast.literal_eval(papermill.inspect_notebook(str(TEMPLATE))["round_id"]["default"])


def output_for(round_id: str, default: str) -> Path:
    return TEMPLATE if round_id == default else EXECUTED / f"{round_id}.ipynb"


def prune_withdrawn(known: set[str]) -> list[str]:
    """Remove the executed notebook and processed folder of every round no longer in data/raw."""
    removed = []
    for notebook in sorted(EXECUTED.glob("*.ipynb")):
        if notebook.stem not in known and not notebook.name.startswith("."):
            notebook.unlink()
            removed.append(paths.relative(notebook))
    for folder in sorted(p for p in paths.PROCESSED.glob("*") if p.is_dir()):
        if folder.name not in known and (folder / "force_returns.csv").is_file():
            shutil.rmtree(folder)
            removed.append(paths.relative(folder) + "/")
    return removed


def main(argv: list[str] | None = None) -> int:
    from missing_offenders.ingest import rounds
    from missing_offenders.ingest.errors import InputError

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("round_ids", nargs="*", metavar="ROUND_ID", help="rounds to clean")
    parser.add_argument("--workers", type=positive_int, default=2, help="kernels run at once (default 2)")
    parser.add_argument("--prune", action="store_true", help="first remove the outputs of withdrawn rounds")
    args = parser.parse_args(argv)
    try:
        known = set(rounds.discover())
    except InputError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    unknown = sorted(set(args.round_ids) - known)
    if unknown:
        print(f"error: no such round(s): {', '.join(unknown)}. Known: {', '.join(sorted(known))}.", file=sys.stderr)
        return 2
    for removed in prune_withdrawn(known) if args.prune else ():
        print(f"removed {removed} (its round is no longer in data/raw/foi_rounds/)")
    if not args.round_ids:
        return 0
    default = default_round()
    # The default round runs the template as it stands (no injected cell in a committed template).
    runs = [Run(TEMPLATE, output_for(r, default), {} if r == default else {"round_id": r})
            for r in sorted(set(args.round_ids))]
    start = time.perf_counter()
    try:
        failures = execute(runs, workers=args.workers)
    except RunRefused as refusal:
        print(f"error: {refusal}", file=sys.stderr)
        return 2
    print(f"cleaned {len(runs) - len(failures)} of {len(runs)} round(s) in {time.perf_counter() - start:.1f} s "
          f"with {min(args.workers, len(runs))} kernel(s)")
    for _, message in failures:
        print(message, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
