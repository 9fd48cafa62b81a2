"""Numbers a story is built on, from one round's processed tables: missing per force, the
national picture and time missing. Pure functions over DataFrames; the notebooks show them."""
from __future__ import annotations

import datetime as dt

import math

import pandas as pd

from missing_offenders.clean import attribution, schema
from missing_offenders.ingest import paths

COUNTED = schema.COUNTED
STATUS_WORDS = {  # force_returns.csv `status`, as a reader should see it
    "reported": "figure published",
    "cases_only": "cases described, no total published",
    "refused": "refused to give a figure",
    "no_response": "gave no figure",
    "not_published": "no published figure found",
}


def status_words(status: str) -> str:
    return STATUS_WORDS.get(status, status.replace("_", " "))


def ordinal(n: int) -> str:
    """1 -> '1st', 2 -> '2nd', 11 -> '11th', 22 -> '22nd'."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _read(path, integers=(), decimals=(), dates=()) -> pd.DataFrame:
    """A processed CSV as written: text stays text, blanks stay missing, numbers and dates typed explicitly."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
    for column in integers:
        frame[column] = pd.to_numeric(frame[column]).astype("Int64")
    for column in decimals:
        frame[column] = pd.to_numeric(frame[column]).astype("Float64")
    for column in dates:
        frame[column] = [None if pd.isna(v) else dt.date.fromisoformat(v) for v in frame[column]]
    return frame


def load_round(round_id: str) -> dict[str, pd.DataFrame]:
    """The processed tables of a round."""
    folder = paths.PROCESSED / round_id
    return {
        "force_returns": _read(folder / "force_returns.csv",
                               ("missing_min", "missing_max", "cases_described", "raw_line"),
                               ("longest_missing_years_min", "longest_missing_years_max")),
        "summary": _read(folder / "summary.csv", ("value",)),
        "cases": _read(folder / "missing_cases.csv", ("cases", "raw_line"), ("years_min", "years_max")),
        "round": read_round_table(round_id),
    }


def read_round_table(round_id: str) -> pd.DataFrame:
    """round.csv of a round: its facts, typed (one row)."""
    return _read(paths.PROCESSED / round_id / "round.csv",
                 ("national_total_reported", "forces_basis", "row_publication_dates", "rounds_csv_line"),
                 dates=("snapshot_start", "snapshot_end", "published_date"))


def round_facts(tables: dict[str, pd.DataFrame]) -> pd.Series:
    """The round's typed facts (round.csv): total, forces basis, measure, snapshot window, requester, source."""
    return tables["round"].iloc[0]


def summary_value(summary: pd.DataFrame, measure: str):
    values = summary.loc[summary["measure"] == measure, "value"]
    if len(values) != 1:
        raise KeyError(f"summary has {len(values)} rows for {measure!r}")
    value = values.iloc[0]
    return None if pd.isna(value) else int(value)


def tier_table(summary: pd.DataFrame) -> pd.DataFrame:
    """The round summary's attributed total and remainder by cumulative confidence tier, as one small table."""
    rows = [{"figures counted": attribution.CUMULATIVE_LABEL[key],
             "attributed, at least": summary_value(summary, f"attributed_min_{key}"),
             "unattributed, at most": summary_value(summary, f"unattributed_max_{key}")}
            for key, _ in attribution.CUMULATIVE]
    frame = pd.DataFrame(rows)
    for column in ("attributed, at least", "unattributed, at most"):
        frame[column] = frame[column].astype("Int64")
    return frame


def summary_detail(summary: pd.DataFrame, measure: str) -> str:
    return str(summary.loc[summary["measure"] == measure, "detail"].iloc[0])


def floor1(value: float) -> float:
    """A lower bound shown to one decimal never rounds up: 14.09 years shows as 14.0."""
    return math.floor(value * 10) / 10


def ceil1(value: float) -> float:
    """An upper bound shown to one decimal never rounds down."""
    return math.ceil(value * 10) / 10


def bounds_label(low, high, *, lower, upper, exact, span) -> str:
    """Bounds on a duration in words, the one shape every label of a duration takes: blank when nothing is
    known, 'at least' a lower bound alone, 'up to' an upper bound alone, an exact value (min = max: stated
    as such) by `exact`, else `span` of the two. `lower` rounds a lower bound down and `upper` an upper
    bound up, so a label never claims more than the data allow."""
    if pd.isna(low) and pd.isna(high):
        return ""
    if pd.isna(high):
        return f"at least {lower(low)}"
    if pd.isna(low):
        return f"up to {upper(high)}"
    if low == high:
        return exact(low)
    return span(lower(low), upper(high))


def years_label(low, high) -> str:
    """Bounds on a duration in years, for charts and tables: '8.0', '8.0 to 9.2', 'at least 14.0'."""
    return bounds_label(low, high, lower=lambda v: f"{floor1(v):.1f}", upper=lambda v: f"{ceil1(v):.1f}",
                        exact=lambda v: f"{v:.1f}", span=lambda a, b: f"{a} to {b}")


def figure_label(low, high) -> str:
    """'10', '0-4', '1+' (a lower bound), '' when unknown."""
    if pd.isna(low):
        return ""
    if pd.isna(high):
        return f"{int(low)}+"
    return str(int(low)) if low == high else f"{int(low)}-{int(high)}"


def missing_by_force(returns: pd.DataFrame, national_total: int | None) -> pd.DataFrame:
    """Forces with a figure (or described cases), ranked by the lowest value their figure allows; a force
    known only by a lower bound comes last, unranked; share of the national total where exact."""
    counted = returns[returns["status"].isin(COUNTED)].copy()
    counted["label"] = [figure_label(lo, hi) for lo, hi in zip(counted["missing_min"], counted["missing_max"])]
    # A force known only by a lower bound ('1+': cases described, no total) could have any figure
    # from its bound up: it is listed after the ranked forces and not ranked (rank blank).
    counted["open_ended"] = counted["missing_max"].isna()
    counted = counted.sort_values(
        ["open_ended", "missing_min", "missing_max", "force_name"], ascending=[True, False, False, True],
        na_position="last"
    )
    bounded = counted["missing_min"].where(~counted["open_ended"])
    counted["rank"] = bounded.rank(method="min", ascending=False).astype("Int64")
    exact = counted["missing_min"] == counted["missing_max"]
    if national_total:
        share = counted["missing_min"].astype("Float64") / national_total * 100
        counted["share_of_national_pct"] = share.where(exact).round(1)
    else:
        counted["share_of_national_pct"] = pd.array([pd.NA] * len(counted), dtype="Float64")
    columns = ["rank", "force_id", "force_name", "status", "missing_min", "missing_max", "label",
               "share_of_national_pct", "confidence"]
    return counted[columns].reset_index(drop=True)


def share_words(label: str, share, national_total: int | None) -> str:
    """A force's figure against the national total, in words: '167 of 396 = 42.2% of the national total';
    a share only for an exact figure of a round with a national total, and the reason when there is none."""
    if not national_total:
        return f"{label} (no national total for this round, so no share)"
    if pd.isna(share):
        return f"{label} of {national_total} (not an exact figure, so no share)"
    return f"{label} of {national_total} = {share:.1f}% of the national total"


def forces_by_status(returns: pd.DataFrame) -> dict[str, list[str]]:
    """Force names listed by what they said: none, refused, no response, no published figure."""
    none = returns[(returns["status"] == "reported") & (returns["missing_max"] == 0)]
    groups = {"reported none": none}
    for status in ("refused", "no_response", "not_published"):
        groups[status.replace("_", " ")] = returns[returns["status"] == status]
    return {label: sorted(frame["force_name"]) for label, frame in groups.items()}


def national_picture(summary: pd.DataFrame, facts: pd.Series) -> pd.DataFrame:
    """Reported total against what the forces' own figures attribute, and the forces count."""
    value = lambda m: summary_value(summary, m)  # noqa: E731
    basis = facts["forces_basis_as_published"]
    basis = "" if pd.isna(basis) else basis
    rows = [
        ("national total as reported", value("national_total_reported"), "rounds.csv"),
        ("sum of exact force figures found", value("exact_figures_sum"), "force_returns.csv"),
        ("attributed to named forces, at least", value("attributed_min"), "sum of missing_min"),
        ("attributed to named forces, at most", value("attributed_max"), "blank: some forces give only a lower bound"),
        ("unattributed remainder, at most", value("unattributed_max"), "national total minus attributed minimum"),
        ("unattributed remainder, at least", value("unattributed_min"), "national total minus attributed maximum"),
        ("forces said to report missing offenders", None if pd.isna(facts["forces_basis"]) else int(facts["forces_basis"]),
         f"as published: {basis}"),
        ("forces found with missing offenders", value("forces_with_missing"), "reported > 0 or cases described"),
        ("forces with no published figure", value("forces_not_published"),
         f"of the {value('forces_in_registry')} forces in the registry"),
    ]
    frame = pd.DataFrame(rows, columns=["measure", "value", "basis"])
    frame["value"] = frame["value"].astype("Int64")
    return frame


def longest_missing(returns: pd.DataFrame) -> pd.DataFrame:
    """Forces with any bound on their longest-missing case, longest first."""
    known = returns[returns["longest_missing_years_min"].notna() | returns["longest_missing_years_max"].notna()]
    frame = known[["force_id", "force_name", "status", "longest_missing_years_min", "longest_missing_years_max",
                   "duration_text"]].copy()
    frame["order"] = frame["longest_missing_years_min"].fillna(frame["longest_missing_years_max"])
    frame = frame.sort_values(["order", "force_name"], ascending=[False, True]).drop(columns="order")
    return frame.reset_index(drop=True)


def longest_leaders(longest: pd.DataFrame) -> tuple[int, list[str]]:
    """Whole years the longest described case had at least reached, and every force with such a case
    (bounds overlap, so a force whose lower bound is a few weeks higher is not 'longer')."""
    floors = longest["longest_missing_years_min"].dropna().map(math.floor)
    years = int(floors.max())
    return years, list(longest.loc[floors[floors == years].index, "force_name"])


def case_durations(cases: pd.DataFrame) -> pd.DataFrame:
    """Per-case durations where the text gives them, one row per offender (ranges excluded)."""
    explicit = cases[cases["kind"] == "cases"]
    rows = []
    for record in explicit.itertuples():
        rows.extend([{"force_id": record.force_id, "years_min": record.years_min, "years_max": record.years_max,
                      "text": record.text}] * int(record.cases))
    return pd.DataFrame(rows, columns=["force_id", "years_min", "years_max", "text"])


def duration_bands(per_case: pd.DataFrame) -> pd.DataFrame:
    """Described cases per band of time missing; a case whose bounds straddle a band edge is 'band uncertain'."""
    bands = [(0, 1, "under 1 year"), (1, 5, "1 to 5 years"), (5, 10, "5 to 10 years"), (10, None, "10 years or more")]
    counts = dict.fromkeys([label for *_, label in bands] + ["band uncertain"], 0)
    for low, high in zip(per_case["years_min"], per_case["years_max"]):
        label = "band uncertain"
        for lower, upper, name in bands:
            fits_above = not pd.isna(low) and low >= lower
            fits_below = upper is None or (not pd.isna(high) and high < upper)
            if fits_above and fits_below:
                label = name
                break
        counts[label] += 1
    return pd.DataFrame({"band": list(counts), "cases": list(counts.values())})
