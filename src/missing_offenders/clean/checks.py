"""Data-quality checks on the processed tables: run in the notebook before writing, and in the tests.

Each check returns plain sentences naming the rows at fault, so a failure reads as a list
of what is wrong rather than a traceback.
"""
from __future__ import annotations

import pandas as pd

from missing_offenders.clean.schema import COUNTED, DURATION_STATUSES, STATUSES
from missing_offenders.clean.schema import columns as _columns

FORCE_RETURN_COLUMNS = _columns("force_returns")


class DataQualityError(ValueError):
    pass


def force_return_problems(frame: pd.DataFrame, registry_ids: list[str]) -> list[str]:
    problems: list[str] = []
    if list(frame.columns) != list(FORCE_RETURN_COLUMNS):
        return [f"columns are {list(frame.columns)}, expected {list(FORCE_RETURN_COLUMNS)}"]

    def rows(mask) -> str:
        return ", ".join(frame.loc[mask, "force_id"].astype(str)) or "?"

    if frame["round_id"].nunique() != 1:
        problems.append(f"more than one round_id: {sorted(frame['round_id'].unique())}")
    duplicated = frame["force_id"].duplicated(keep=False)
    if duplicated.any():
        problems.append(f"force_id repeated: {rows(duplicated)}")
    unknown = ~frame["force_id"].isin(registry_ids)
    if unknown.any():
        problems.append(f"force_id not in the registry: {rows(unknown)}")
    absent = sorted(set(registry_ids) - set(frame["force_id"]))
    if absent:
        problems.append(f"registry forces without a row: {', '.join(absent)}")
    if list(frame["force_id"]) != sorted(frame["force_id"]):
        problems.append("rows are not sorted by force_id")
    bad_status = ~frame["status"].isin(STATUSES)
    if bad_status.any():
        problems.append(f"status outside {STATUSES}: {rows(bad_status)}")
    for column in ("missing_min", "missing_max", "cases_described"):
        if not pd.api.types.is_integer_dtype(frame[column]):
            problems.append(f"{column} is {frame[column].dtype}, expected whole numbers")
        elif (frame[column].dropna() < 0).any():
            problems.append(f"{column} negative: {rows(frame[column] < 0)}")
    for low, high in (("missing_min", "missing_max"), ("longest_missing_years_min", "longest_missing_years_max")):
        inverted = (frame[low] > frame[high]).fillna(False)
        if inverted.any():
            problems.append(f"{low} > {high}: {rows(inverted)}")
    status = frame["status"]
    counted = status.isin(COUNTED)
    if frame.loc[counted, "missing_min"].isna().any():
        problems.append(f"reported or cases_only without missing_min: {rows(counted & frame['missing_min'].isna())}")
    uncounted = ~counted
    has_figure = uncounted & (frame["missing_min"].notna() | frame["missing_max"].notna())
    if has_figure.any():
        problems.append(f"a figure on a row whose status has none: {rows(has_figure)}")
    open_cases = (status == "cases_only") & frame["missing_max"].notna()
    if open_cases.any():
        problems.append(f"cases_only rows must leave missing_max blank: {rows(open_cases)}")
    bad_duration = ~frame["duration_status"].isin(DURATION_STATUSES)
    if bad_duration.any():
        problems.append(f"duration_status outside {DURATION_STATUSES}: {rows(bad_duration)}")
    unread = frame["duration_status"] == "unread"
    unread_with_values = unread & (frame["longest_missing_years_min"].notna() | (frame["cases_described"] != 0))
    if unread_with_values.any():
        problems.append(f"durations on a row whose duration is unread: {rows(unread_with_values)}")
    dates = frame["figure_date"].fillna("")
    bad_date = (dates != "") & ~dates.str.fullmatch(r"\d{4}-\d{2}(?:-\d{2})?")
    if bad_date.any():
        problems.append(f"figure_date not YYYY-MM-DD or YYYY-MM: {rows(bad_date)}")
    no_source = (status != "not_published") & (frame["source_url"].isna() | (frame["source_url"] == ""))
    if no_source.any():
        problems.append(f"rows with a figure but no source_url: {rows(no_source)}")
    unsourced = (status == "not_published") & frame["raw_line"].isna() & frame["count_text"].notna()
    if unsourced.any():
        problems.append(f"not_published rows carrying raw text: {rows(unsourced)}")
    return problems


def check_force_returns(frame: pd.DataFrame, registry_ids: list[str]) -> None:
    problems = force_return_problems(frame, registry_ids)
    if problems:
        raise DataQualityError("force_returns failed its checks: " + "; ".join(problems) + ".")
