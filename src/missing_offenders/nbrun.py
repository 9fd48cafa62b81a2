"""Run one notebook through papermill so that a failed run never replaces a good one.

The executed notebook is written to a temporary file beside the target, stripped of what
changes on every run (timestamps, durations, the injected cell's random id, temp paths),
and moved into place only if every cell succeeded and the result differs from what is
there (an unchanged file keeps its mtime, so make stays a no-op). A failure names the
notebook and the cell, and keeps the failed run under build/failed/ for inspection.

    python -m missing_offenders.nbrun notebooks/01_clean_round.ipynb OUT.ipynb -r round_id 2015_pa
"""
from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
from pathlib import Path

from . import environment, paths


def socket_file_kernel_manager(base=None):
    """A kernel manager (subclass of `base`, default AsyncKernelManager) talking to its kernel over
    Unix sockets with a prefix of its own.

    Over TCP, two kernels started at once (make -j2, the brief workers, nbval under xdist) can draw
    the same free port and one fails with 'Address already in use'; socket files named by process
    and manager cannot collide. It also avoids ipykernel 7's 'running over TCP without encryption'
    warning on every run.
    """
    if base is None:
        from jupyter_client.manager import AsyncKernelManager as base

    class SocketFileKernelManager(base):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.transport = "ipc"
            self.ip = os.path.join(tempfile.gettempdir(), f"missing-offenders-kernel-{os.getpid()}-{id(self):x}")

    return SocketFileKernelManager


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


def replace_if_changed(temporary: Path, target: Path) -> bool:
    if target.exists() and target.read_bytes() == temporary.read_bytes():
        temporary.unlink()
        return False
    os.chmod(temporary, 0o644)  # mkstemp makes 0600
    os.replace(temporary, target)
    return True


def run(source: Path, output: Path, parameters: dict[str, str]) -> bool:
    import nbformat
    import papermill
    from papermill.exceptions import PapermillExecutionError

    environment.apply()  # the kernel inherits it

    source = paths.inside_project(source)
    output = paths.inside_project(output)
    declared = {p for p in papermill.inspect_notebook(str(source))}
    unknown = sorted(set(parameters) - declared)
    if unknown:
        raise SystemExit(
            f"{paths.relative(source)}: unknown parameter(s) {', '.join(unknown)}; "
            f"the notebook declares {', '.join(sorted(declared))}."
        )
    output.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{output.stem}.", suffix=".tmp.ipynb", dir=output.parent)
    os.close(handle)
    temporary = Path(name)
    try:
        papermill.execute_notebook(
            str(source), str(temporary), parameters=parameters or None, kernel_name="python3",
            progress_bar=False, log_output=False, cwd=str(source.parent),
            kernel_manager_class=socket_file_kernel_manager(),
        )
    except PapermillExecutionError as error:
        failed = paths.ROOT / "build" / "failed" / output.name
        failed.parent.mkdir(parents=True, exist_ok=True)
        os.replace(temporary, failed)
        print(
            f"error: {paths.relative(source)} {parameters or ''} failed in code cell "
            f"[{error.exec_count}] (cell {error.cell_index}): {error.ename}: {error.evalue}\n"
            f"The previous {paths.relative(output)} is unchanged; the failed run is in {paths.relative(failed)}.",
            file=sys.stderr,
        )
        return False
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    nb = nbformat.read(temporary, as_version=4)
    strip_volatile(nb, output, source)
    nbformat.write(nb, temporary)
    if output == source:
        # A notebook run in place gets new outputs, not new code: keep the mtime its code
        # was last edited at, so make does not rerun what depends on the notebook.
        before = source.stat()
        replace_if_changed(temporary, output)
        os.utime(output, ns=(before.st_atime_ns, before.st_mtime_ns))
    elif not replace_if_changed(temporary, output):
        os.utime(output)  # unchanged, but up to date: tell make so
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebook", type=Path)
    parser.add_argument("output", type=Path)
    parser.add_argument("-r", "--raw-parameter", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"),
                        help="a string parameter (repeatable)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    return 0 if run(args.notebook, args.output, dict(args.raw_parameter)) else 1


if __name__ == "__main__":
    sys.exit(main())
