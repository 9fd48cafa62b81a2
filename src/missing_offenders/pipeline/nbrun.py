"""Run notebooks through papermill so that a failed run never replaces a good one, and an
executed notebook's bytes depend on nothing but its inputs.

Each run is written to a temporary file, normalised (timestamps, durations, the injected cell's
random id and the split of printed text into stream chunks all vary from run to run) and moved
into place only if every cell succeeded and the result differs from what is there (an unchanged
file keeps its mtime, so make stays a no-op). A failure names the notebook, its parameters and the
cell, and keeps the failed run under build/failed/. Outputs go only under reports/ or build/, or
over the template notebook itself: never into data/raw/.

Several runs of one notebook share a kernel per worker (see kernels.py).

    python -m missing_offenders.pipeline.nbrun notebooks/01_clean_round.ipynb OUT.ipynb -r round_id 2015_pa
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from missing_offenders.ingest import paths
from missing_offenders.pipeline.kernels import KernelSession, RunFailure

WRITABLE = ("reports", "build")  # besides a template notebook run in place


class RunRefused(ValueError):
    """A run that must not start: an output where executed notebooks must not go, a missing notebook,
    a parameter the notebook does not declare. Its message is one line for a person."""


@dataclass(frozen=True)
class Run:
    source: Path
    output: Path
    parameters: dict[str, str] = field(default_factory=dict)


def check_output(source: Path, output: Path) -> Path:
    """The resolved output path, or RunRefused if it is not where outputs belong."""
    try:
        resolved = paths.inside_project(output)
    except ValueError as error:
        raise RunRefused(f"refusing to write {output}: {error}") from None
    in_place = resolved == Path(source).resolve() and resolved.parent == paths.NOTEBOOKS.resolve()
    allowed = any(paths.ROOT / folder in resolved.parents for folder in WRITABLE)
    if resolved.suffix != ".ipynb" or not (in_place or allowed):
        raise RunRefused(
            f"refusing to write {output}: an executed notebook goes under {' or '.join(f'{f}/' for f in WRITABLE)} "
            "(as a .ipynb), or over its own template in notebooks/; never into data/raw/."
        )
    return resolved


def merge_streams(nb) -> None:
    """Join consecutive stream outputs of the same name, as nbval does before comparing.

    How a kernel's stdout is chunked depends on timing: one printed line can arrive as
    '...passed its checks' then '\\n'. Merged, the stored bytes cannot depend on it.
    """
    for cell in nb.cells:
        merged = []
        for output in cell.get("outputs", []):
            previous = merged[-1] if merged else None
            if (output.get("output_type") == "stream" and previous is not None
                    and previous.get("output_type") == "stream" and previous.get("name") == output.get("name")):
                previous["text"] = "".join([previous["text"], output["text"]])
            else:
                merged.append(output)
        if "outputs" in cell:
            cell["outputs"] = merged


def strip_volatile(nb, output: Path, source: Path) -> None:
    """Remove run-specific metadata in place; keep outputs and parameters."""
    run = nb.metadata.get("papermill")
    if run is not None:
        for key in ("start_time", "end_time", "duration", "exception"):
            run.pop(key, None)
        run["input_path"] = paths.relative(source)
        run["output_path"] = paths.relative(output)
    nb.metadata.get("language_info", {}).pop("version", None)  # patch releases differ between machines
    for cell in nb.cells:
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell["id"] = "injected-parameters"  # papermill draws a random id on every run
        cell.metadata.pop("execution", None)
        cell.metadata.pop("papermill", None)


def normalise(nb, output: Path, source: Path) -> None:
    strip_volatile(nb, output, source)
    merge_streams(nb)


def replace_if_changed(temporary: Path, target: Path) -> bool:
    if target.exists() and target.read_bytes() == temporary.read_bytes():
        temporary.unlink()
        return False
    os.chmod(temporary, 0o644)  # mkstemp makes 0600
    os.replace(temporary, target)
    return True


def check_parameters(source: Path, parameters: dict[str, str]) -> None:
    import papermill

    if not source.is_file():
        raise RunRefused(f"{source}: no such notebook.")
    declared = set(papermill.inspect_notebook(str(source)))
    unknown = sorted(set(parameters) - declared)
    if unknown:
        raise RunRefused(
            f"{paths.relative(source)}: unknown parameter(s) {', '.join(unknown)}; "
            f"the notebook declares {', '.join(sorted(declared)) or 'none'}."
        )


def park_failure(failure: RunFailure, output: Path) -> Path:
    """Keep the failed run for inspection: build/failed/<output name>."""
    import nbformat

    parked = paths.ROOT / "build" / "failed" / output.name
    parked.parent.mkdir(parents=True, exist_ok=True)
    if failure.partial is not None:
        nbformat.write(failure.partial, parked)
    return parked


def failure_message(failure: RunFailure, output: Path, parked: Path) -> str:
    return (f"error: {failure}\nThe previous {paths.relative(output)} is unchanged; "
            f"the failed run is in {paths.relative(parked)}.")


def write_executed(nb, run: Run, output: Path) -> None:
    import nbformat

    normalise(nb, output, run.source)
    handle, name = tempfile.mkstemp(prefix=f".{output.stem}.", suffix=".tmp.ipynb", dir=output.parent)
    os.close(handle)
    temporary = Path(name)
    try:
        nbformat.write(nb, temporary)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    if output == Path(run.source).resolve():
        # A notebook run in place gets new outputs, not new code: keep the mtime its code
        # was last edited at, so make does not rerun what depends on the notebook.
        before = output.stat()
        replace_if_changed(temporary, output)
        os.utime(output, ns=(before.st_atime_ns, before.st_mtime_ns))
    elif not replace_if_changed(temporary, output):
        os.utime(output)  # unchanged, but up to date: tell make so


Failure = tuple[Run, str]  # a run that failed, and the message saying where and why


def _run_in_one_kernel(runs: list[Run]) -> list[Failure]:
    """Worker: every run through one kernel, in order; returns the failures."""
    errors = []
    if not runs:
        return errors
    with KernelSession(cwd=Path(runs[0].source).resolve().parent) as session:
        for run in runs:
            output = Path(run.output).resolve()
            try:
                nb = session.run(Path(run.source), run.parameters)
            except RunFailure as failure:
                errors.append((run, failure_message(failure, output, park_failure(failure, output))))
                continue
            output.parent.mkdir(parents=True, exist_ok=True)
            write_executed(nb, run, output)
    return errors


def execute(runs: list[Run], workers: int = 1) -> list[Failure]:
    """Execute every run (checked first), `workers` kernels at a time; return the failures."""
    for run in runs:
        check_output(run.source, run.output)
        check_parameters(Path(run.source), run.parameters)
    workers = max(1, min(workers, len(runs)))
    if workers == 1:
        return _run_in_one_kernel(runs)
    chunks = [runs[i::workers] for i in range(workers)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return [error for errors in pool.map(_run_in_one_kernel, chunks) for error in errors]


def run(source: Path, output: Path, parameters: dict[str, str]) -> bool:
    """One run; prints its failure and returns False if it failed."""
    failures = execute([Run(Path(source), Path(output), parameters)])
    for _, message in failures:
        print(message, file=sys.stderr)
    return not failures


def positive_int(text: str) -> int:
    """argparse type: a whole number of at least 1 (a worker or job count)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {value}")
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebook", type=Path)
    parser.add_argument("output", type=Path)
    parser.add_argument("-r", "--raw-parameter", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"),
                        help="a string parameter (repeatable)")
    args = parser.parse_args(argv)
    try:
        return 0 if run(args.notebook, args.output, dict(args.raw_parameter)) else 1
    except RunRefused as refusal:
        print(f"error: {refusal}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
