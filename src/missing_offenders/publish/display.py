"""Notebook display settings: fixed widths so printed tables are the same on every machine."""
from __future__ import annotations

import pandas as pd


def setup() -> None:
    pd.set_option("display.max_rows", 200)
    pd.set_option("display.max_columns", 40)
    pd.set_option("display.width", 160)
    pd.set_option("display.max_colwidth", 70)
    pd.set_option("display.precision", 2)
