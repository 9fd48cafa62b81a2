"""The environment every run needs for byte-identical outputs, whoever starts it.

`make` exports these too, but a notebook run by hand (`python -m missing_offenders.pipeline.nbrun`), a bare
`pytest` or the brief runner must get the same: kernels inherit their parent's environment, and
matplotlib reads MATPLOTLIBRC only at import.
"""
from __future__ import annotations

import os

from missing_offenders.ingest import paths

REPRODUCIBLE = {
    "SOURCE_DATE_EPOCH": "1425945600",   # the data date, 10 March 2015: stamped into SVG/PDF metadata
    "PYTHONHASHSEED": "0",               # stable set and dict-of-str ordering in kernels
    "TZ": "UTC",
    "MATPLOTLIBRC": str(paths.ROOT / "matplotlibrc"),  # kernels run in notebooks/, not at the root
    "MPLCONFIGDIR": str(paths.ROOT / "build" / "mplconfig"),
    "PYDEVD_DISABLE_FILE_VALIDATION": "1",
}


def apply() -> None:
    """Set each variable unless the caller set it already."""
    for key, value in REPRODUCIBLE.items():
        os.environ.setdefault(key, value)
