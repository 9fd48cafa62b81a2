"""Notebook display settings: fixed widths so printed tables are the same on every machine."""
from __future__ import annotations

import pandas as pd

CELL_WIDTH = 70  # characters of a cell shown by default: keeps wide tables legible


def setup() -> None:
    pd.set_option("display.max_rows", 200)
    pd.set_option("display.max_columns", 40)
    pd.set_option("display.width", 160)
    pd.set_option("display.max_colwidth", CELL_WIDTH)
    pd.set_option("display.precision", 2)


def in_full(frame: pd.DataFrame, show=None) -> None:
    """Show a table with every cell's text whole, for the columns a fact-checker reads word for word
    (raw text, details, sources): `setup()` cuts cells at CELL_WIDTH characters everywhere else."""
    if show is None:
        from IPython.display import display as show
    with pd.option_context("display.max_colwidth", None):
        show(frame)
