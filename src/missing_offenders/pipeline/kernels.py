"""One kernel reused for many runs of a notebook, each run as if in a fresh kernel.

Starting a kernel and importing pandas costs about as much as running a whole cleaning or
brief notebook, so a `KernelSession` starts one kernel and runs notebook after notebook through
it. Papermill's own pieces do the work (parameter injection, metadata, the per-cell bookkeeping
behind its error reports), so an executed notebook is the same as `papermill.execute_notebook`
makes. Before each run a cell clears the namespace, closes figures and re-arms warnings, and is
removed afterwards with the execution counts renumbered from 1; nbval, which runs each committed
notebook in a kernel of its own, proves the outputs are what a fresh kernel gives.

A kernel that dies is reported as a failure of that run (`RunFailure`, naming the cell it was
running); the next run gets a new kernel.
"""
from __future__ import annotations

import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from missing_offenders.pipeline import environment
from missing_offenders.ingest import paths

KERNEL_NAME = "python3"
QUIET = logging.getLogger("missing_offenders.pipeline.kernels")  # failures are reported once, as RunFailure
QUIET.addHandler(logging.NullHandler())
QUIET.propagate = False
RESET_CELL_ID = "reset-namespace"
RESET_SOURCE = "\n".join([
    "%reset -f",
    "import sys, warnings",
    "if 'matplotlib.pyplot' in sys.modules:",
    "    sys.modules['matplotlib.pyplot'].close('all')",
    "warnings._filters_mutated()  # a warning shown in an earlier run is shown again, as in a fresh kernel",
    "if 'missing_offenders.ingest.declared_inputs' in sys.modules:  # the last notebook's READS end with it",
    "    sys.modules['missing_offenders.ingest.declared_inputs'].release()",
    "del sys, warnings",
])


def socket_file_kernel_manager(base=None):
    """A kernel manager (subclass of `base`, default AsyncKernelManager) talking to its kernel over
    Unix sockets with a prefix of its own, and shutting it down without an interrupt.

    Over TCP, two kernels started at once (make -j2, the brief workers, nbval under xdist) can draw
    the same free port and one fails with 'Address already in use'; socket files named by process
    and manager cannot collide. It also avoids ipykernel 7's 'running over TCP without encryption'
    warning on every run.

    jupyter_client's shutdown_kernel sends SIGINT before its shutdown request; a kernel still busy
    with its last message when the signal lands (likely on a loaded machine) logs
    '[IPKernelApp] ERROR | KeyboardInterrupt caught in kernel' on a successful build. A shutdown
    request alone stops an idle kernel, so the interrupt is skipped while shutting down.
    """
    if base is None:
        from jupyter_client.manager import AsyncKernelManager as base

    class SocketFileKernelManager(base):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.transport = "ipc"
            self.ip = os.path.join(tempfile.gettempdir(), f"missing-offenders-kernel-{os.getpid()}-{id(self):x}")

        async def _async_interrupt_kernel(self):
            if self.shutting_down:
                return
            await super()._async_interrupt_kernel()

    return SocketFileKernelManager


class RunFailure(Exception):
    """A notebook run that failed: which notebook, with which parameters, in which cell, and why.

    `partial` is the executed notebook as far as it got (None if nothing ran)."""

    def __init__(self, source: Path, parameters: dict, cell: str, reason: str, partial=None):
        self.source, self.parameters, self.cell, self.reason, self.partial = source, parameters, cell, reason, partial
        shown = " ".join(f"{k}={v}" for k, v in parameters.items())
        super().__init__(f"{paths.relative(source)}{' (' + shown + ')' if shown else ''} failed in {cell}: {reason}")


def _cell_label(nb, index: int) -> str:
    """'cell 5 (id clean)', counted as in the notebook the user edits (without the reset cell)."""
    cell = nb.cells[index]
    shown_index = index - 1 if nb.cells and nb.cells[0].get("id") == RESET_CELL_ID else index
    return f"cell {shown_index} (id {cell.get('id', '?')})"


def _first_error(nb) -> tuple[int, str] | None:
    """The first cell that failed and why, as papermill's raise_for_execution_errors finds it."""
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error" and not (
                    output.get("ename") == "SystemExit" and output.get("evalue") in ("", "0")):
                return index, f"{output.get('ename')}: {output.get('evalue')}"
        if cell.metadata.get("papermill", {}).get("exception") is True:
            return index, "the cell raised an exception with no error output"
    return None


def _last_started_cell(nb) -> int | None:
    """The last cell papermill started: the one running when the kernel died."""
    started = [i for i, cell in enumerate(nb.cells) if cell.metadata.get("papermill", {}).get("start_time")]
    return started[-1] if started else None


def remove_reset_cell(nb) -> None:
    """Drop the namespace-reset cell and number executions from 1, as a fresh kernel would (a reused
    kernel keeps counting across runs)."""
    if nb.cells and nb.cells[0].get("id") == RESET_CELL_ID:
        del nb.cells[0]
    executed = [c for c in nb.cells if c.cell_type == "code" and c.get("execution_count") is not None]
    for number, cell in enumerate(executed, start=1):
        cell.execution_count = number
        for output in cell.get("outputs", []):
            if output.get("execution_count") is not None:
                output["execution_count"] = number


@dataclass
class KernelSession:
    """A kernel started lazily in `cwd` and reused by `run` until `close`."""
    cwd: Path
    start_timeout: int = 120

    def __post_init__(self):
        self._manager = None

    def __enter__(self):
        return self

    def __exit__(self, *_exc):
        self.close()

    def _kernel(self):
        from jupyter_client.utils import run_sync

        if self._manager is None:
            environment.apply()  # the kernel inherits it
            manager = socket_file_kernel_manager()(kernel_name=KERNEL_NAME)
            run_sync(manager.start_kernel)(cwd=str(self.cwd))
            self._manager = manager
        return self._manager

    def close(self) -> None:
        from jupyter_client.utils import run_sync

        manager, self._manager = self._manager, None
        if manager is None:
            return
        try:
            if run_sync(manager.is_alive)():
                run_sync(manager.shutdown_kernel)()
        finally:
            run_sync(manager.cleanup_resources)()

    def run(self, source: Path, parameters: dict[str, str]):
        """Execute `source` with `parameters`; return the executed notebook (reset cell removed).

        Raises RunFailure, whose `partial` holds the run as far as it got.
        """
        import nbformat
        from nbclient.exceptions import DeadKernelError
        from papermill.clientwrap import PapermillNotebookClient
        from papermill.execute import prepare_notebook_metadata, remove_error_markers
        from papermill.iorw import load_notebook_node
        from papermill.parameterize import parameterize_notebook
        from papermill.engines import NotebookExecutionManager
        from papermill.utils import chdir

        nb = load_notebook_node(str(source))
        if parameters:
            nb = parameterize_notebook(nb, parameters, kernel_name=KERNEL_NAME)
        nb = prepare_notebook_metadata(nb, str(source), None)  # nbrun records the real output path
        nb = remove_error_markers(nb)
        reset = nbformat.v4.new_code_cell(RESET_SOURCE, id=RESET_CELL_ID)
        nb.cells.insert(0, reset)
        manager = self._kernel()
        book = NotebookExecutionManager(nb, output_path=None, progress_bar=False, log_output=False)
        book.notebook_start()
        client = PapermillNotebookClient(book, km=manager, kernel_name=KERNEL_NAME, log=QUIET,
                                         startup_timeout=self.start_timeout, log_output=False)
        try:
            with chdir(str(self.cwd)):
                client.execute()
        except DeadKernelError:
            running = _last_started_cell(book.nb)
            book.notebook_complete()
            self._discard_dead_kernel()
            where = _cell_label(book.nb, running) if running is not None else "kernel start-up"
            raise RunFailure(source, parameters, where,
                             "the kernel died (killed, or out of memory); the next run starts a new one", book.nb) from None
        finally:
            if client.kc is not None:
                client.kc.stop_channels()
        book.notebook_complete()
        failed = _first_error(book.nb)
        if failed is not None:
            raise RunFailure(source, parameters, _cell_label(book.nb, failed[0]), failed[1], book.nb)
        remove_reset_cell(book.nb)
        return book.nb

    def _discard_dead_kernel(self) -> None:
        from jupyter_client.utils import run_sync

        manager, self._manager = self._manager, None
        if manager is not None:
            try:
                run_sync(manager.shutdown_kernel)(now=True)
            except Exception:  # the process is gone already; only its files remain
                pass
            run_sync(manager.cleanup_resources)()
