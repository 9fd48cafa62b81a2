"""Give a bare `pytest` (and the nbval kernels it starts) the environment `make` exports; keep every
file a test run writes out of the checkout."""
import atexit
import os
import shutil
import tempfile

# Tests write only under temporary folders: matplotlib's font cache (make exports build/mplconfig
# for the build; nbval's kernels inherit this one) and hypothesis's storage (its constants cache
# would otherwise land in .hypothesis/ in the checkout).
_SCRATCH = tempfile.mkdtemp(prefix="missing-offenders-tests-")
atexit.register(shutil.rmtree, _SCRATCH, ignore_errors=True)
os.environ["MPLCONFIGDIR"] = os.path.join(_SCRATCH, "mplconfig")
os.environ["HYPOTHESIS_STORAGE_DIRECTORY"] = os.path.join(_SCRATCH, "hypothesis")

from missing_offenders.pipeline import environment  # noqa: E402  (reads MPLCONFIGDIR set above)

environment.apply()
os.environ.setdefault("MISSING_OFFENDERS_READ_ONLY", "1")  # nbval re-runs notebooks to compare, never to rewrite

try:
    from hypothesis import settings
    from hypothesis.configuration import set_hypothesis_home_dir
except ImportError:
    pass
else:
    set_hypothesis_home_dir(os.environ["HYPOTHESIS_STORAGE_DIRECTORY"])
    settings.register_profile("no-database", database=None)
    settings.load_profile("no-database")


def pytest_configure(config):
    """nbval starts one kernel per notebook, two at a time under xdist: give them Unix sockets
    of their own, as `make` does, so two kernels can never race for the same TCP port."""
    try:
        import nbval.kernel
        from jupyter_client.manager import KernelManager
    except ImportError:
        return
    from missing_offenders.pipeline.kernels import socket_file_kernel_manager

    nbval.kernel.KernelManager = socket_file_kernel_manager(KernelManager)
