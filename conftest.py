"""Give a bare `pytest` (and the nbval kernels it starts) the environment `make` exports."""
import os

from missing_offenders import environment

environment.apply()
os.environ.setdefault("MISSING_OFFENDERS_READ_ONLY", "1")  # nbval re-runs notebooks to compare, never to rewrite


def pytest_configure(config):
    """nbval starts one kernel per notebook, two at a time under xdist: give them Unix sockets
    of their own, as `make` does, so two kernels can never race for the same TCP port."""
    try:
        import nbval.kernel
        from jupyter_client.manager import KernelManager
    except ImportError:
        return
    from missing_offenders.kernels import socket_file_kernel_manager

    nbval.kernel.KernelManager = socket_file_kernel_manager(KernelManager)
