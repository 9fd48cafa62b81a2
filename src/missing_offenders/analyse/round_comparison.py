"""Every force's figures in every round, which rounds can be compared, and one round against the last
comparable one. Numbers only (the charts are in series_charts).

Rounds are separate surveys: requester, question, coverage and date differ. A round is compared with
another only when both count a stock (offenders missing on a day, `measure` in rounds.csv), both are
national (listed in rounds.csv with a national total) and the other was counted earlier; even then every
difference that could explain a change is written next to it. Points of a force's series are joined only
when they come from the same source counting the same way on known days.
"""
from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from missing_offenders.analyse import analysis, processed_rounds, trends
from missing_offenders.ingest import paths
from missing_offenders.ingest.outputs import csv_text, write_texts

COUNTED = analysis.COUNTED  # statuses that carry a figure (an exact one, a range or a lower bound)
OUTPUT = paths.REPORTS / "round_comparison.csv"
NATIONAL, SINGLE = "national", "single force"
NOT_NATIONAL_REQUESTER = "one force's answer, reported in the press"
STOCK_DATE_BASES = ("end of the count window", "count date ('as of')")

CATALOGUE_COLUMNS = ["round_id", "scope", "measure", "requester", "snapshot_start", "snapshot_end", "when",
                     "date_basis", "forces_basis", "source_line"]
FIGURE_COLUMNS = ["round_id", "force_id", "force_name", "status", "missing_min", "missing_max", "count_text",
                  "date", "x_year", "date_basis", "when", "measure", "scope", "requester", "series", "source_title",
                  "source_url"]
COMPARISON_COLUMNS = ["force_name", "previous_round", "previous_figure", "previous_status", "current_round",
                      "current_figure", "current_status", "previous_min", "current_min", "change", "change_basis",
                      "force_caveats", "round_caveats", "force_id"]


# --- which rounds exist, and what they are ------------------------------------------------------

def round_catalogue() -> pd.DataFrame:
    """One row per round: scope (national if rounds.csv lists it with a national total), measure, requester
    in words, and its snapshot window (blank where the source gives none)."""
    records = []
    for round_id in processed_rounds.round_ids():
        info = processed_rounds.info(round_id)
        national = info.source_line is not None and info.total_reported is not None
        published = processed_rounds.published_as_transcribed(round_id)
        _, _, basis, when = trends._dated(info, published)  # the one dating rule, shared with national_totals
        records.append({
            "round_id": round_id, "scope": NATIONAL if national else SINGLE, "measure": info.measure or "",
            "requester": trends.requester_label(info.publisher, "") if national else NOT_NATIONAL_REQUESTER,
            "snapshot_start": info.snapshot_start, "snapshot_end": info.snapshot_end, "when": when,
            "date_basis": basis, "forces_basis": info.forces_basis, "source_line": info.source_line,
        })
    return pd.DataFrame(records, columns=CATALOGUE_COLUMNS)


def previous_comparable(round_id: str, catalogue: pd.DataFrame) -> str | None:
    """The round to compare `round_id` with: a stock count of the same scope, counted before it (its
    window ends before this one starts), the closest such; None if there is none. Undated rounds never
    qualify: 'before' cannot be shown. Two candidates ending the same day are an error, not a guess."""
    table = catalogue.set_index("round_id")
    if round_id not in table.index:
        raise KeyError(f"round {round_id!r} is not among the rounds found: {', '.join(table.index)}")
    me = table.loc[round_id]
    if me["measure"] != "stock":
        raise ValueError(f"round {round_id!r} is not a stock count (measure {me['measure']!r}): "
                         "only stock counts are compared round to round")
    starts = me["snapshot_start"] if not _missing(me["snapshot_start"]) else me["snapshot_end"]
    if _missing(starts):
        return None
    candidates = table[(table.index != round_id) & (table["measure"] == "stock") & (table["scope"] == me["scope"])
                       & table["snapshot_end"].map(lambda d: not _missing(d) and d < starts)]
    if candidates.empty:
        return None
    latest = max(candidates["snapshot_end"])
    closest = candidates[candidates["snapshot_end"] == latest]
    if len(closest) > 1:
        raise ValueError(f"rounds {', '.join(closest.index)} both end on {latest}: cannot tell which is the "
                         f"previous comparable round for {round_id!r}")
    return str(closest.index[0])


def _missing(value) -> bool:
    return value is None or (not isinstance(value, dt.date) and pd.isna(value))


# --- every force's figure in every round --------------------------------------------------------

def _series_key(row: pd.Series) -> str:
    """Which source a figure belongs to: a national survey by its requester; a force's own answer by the
    source it was published in, without a version note ('... page (version as of 31/03/2017)')."""
    if row["scope"] == NATIONAL:
        return row["requester"]
    return re.sub(r"\s*\((?:version|as of)[^()]*\)\s*$", "", str(row["source_title"]))


def _year_fraction(iso: str) -> float:
    day = dt.date.fromisoformat(iso)
    return day.year + (day.timetuple().tm_yday - 1) / 365.25


def force_figures(loaded: dict[str, dict[str, pd.DataFrame]] | None = None,
                  catalogue: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every figure any force gave in any round (reported, or at least the cases described), dated like
    national_totals: by count window, else publication; undated figures keep a blank date."""
    catalogue = round_catalogue() if catalogue is None else catalogue
    frames = []
    for meta in catalogue.itertuples():
        returns = (loaded or {}).get(meta.round_id) or analysis.load_round(meta.round_id)
        counted = returns["force_returns"]
        counted = counted[counted["status"].isin(COUNTED)].copy()
        info = processed_rounds.info(meta.round_id)
        dated = [trends._dated(info, published) for published in counted["published_date"].fillna("")]
        counted["date"] = [d[0] for d in dated]
        counted["date_basis"] = [d[2] for d in dated]
        counted["when"] = [d[3] for d in dated]
        for column in ("measure", "scope", "requester"):
            counted[column] = getattr(meta, column)
        frames.append(counted)
    figures = pd.concat(frames, ignore_index=True)
    figures["x_year"] = pd.array([_year_fraction(d) if d else pd.NA for d in figures["date"]], dtype="Float64")
    figures["series"] = figures.apply(_series_key, axis=1).astype("str")
    figures = figures[FIGURE_COLUMNS]
    return figures.sort_values(["force_name", "date", "round_id"]).reset_index(drop=True)


def forces_with_series(figures: pd.DataFrame, least: int = 2) -> list[str]:
    """Forces with a figure in at least `least` rounds, by name."""
    rounds_per_force = figures.groupby("force_name")["round_id"].nunique()
    return sorted(rounds_per_force[rounds_per_force >= least].index)


def is_stock_on_known_days(row) -> bool:
    """A count on a known day (or window): a stock by rounds.csv, or a force's own 'as of' count."""
    stock = row["measure"] == "stock" or (row["measure"] == "" and row["date_basis"] == "count date ('as of')")
    return bool(stock and row["date_basis"] in STOCK_DATE_BASES + (trends.PUBLICATION_BASIS,)
                and row["date"] != "")


def comparable_pairs(figures: pd.DataFrame) -> pd.DataFrame:
    """Consecutive figures of one force that may be joined by a line: same source (series), both stock
    counts on known days, both exact. Everything else stays an unjoined point."""
    pairs = []
    for (force_id, series), group in figures.groupby(["force_id", "series"], sort=True):
        usable = group[group.apply(is_stock_on_known_days, axis=1)
                       & (group["missing_min"] == group["missing_max"])].sort_values("date")
        for (_, a), (_, b) in zip(usable.iterrows(), usable.iloc[1:].iterrows()):
            pairs.append({"force_id": force_id, "series": series, "from_round": a["round_id"], "to_round": b["round_id"],
                          "from_x": a["x_year"], "to_x": b["x_year"], "from_figure": a["missing_min"],
                          "to_figure": b["missing_min"]})
    return pd.DataFrame(pairs, columns=["force_id", "series", "from_round", "to_round", "from_x", "to_x",
                                        "from_figure", "to_figure"])


# --- one round against the previous comparable one ----------------------------------------------

def figure_words(status: str, low, high) -> str:
    """A figure as written in the table: '10', '2 to 8', 'at least 1', or the status in words."""
    if status not in COUNTED:
        return analysis.status_words(status)
    if pd.isna(high):
        return f"at least {low}"
    return f"{low}" if low == high else f"{low} to {high}"


def round_caveats(previous: pd.Series, current: pd.Series) -> list[str]:
    """Differences between two rounds that could explain a change as well as a real one."""
    notes = []
    if previous["requester"] != current["requester"]:
        notes.append(f"different requesters ({previous['requester']}; {current['requester']}): each asked its own "
                     "question in its own words, so forces may have counted different things")
    if previous["forces_basis"] != current["forces_basis"]:
        notes.append(f"different coverage ({previous['forces_basis']!r}; {current['forces_basis']!r})")
    notes.append(f"when counted: {previous['round_id']} {previous['when']}, dated by {previous['date_basis']}; "
                 f"{current['round_id']} {current['when']}, dated by {current['date_basis']}")
    start = current["snapshot_start"] if not _missing(current["snapshot_start"]) else current["snapshot_end"]
    if not _missing(start) and not _missing(previous["snapshot_end"]):
        gap = (start - previous["snapshot_end"]).days / 365.25
        notes.append(f"the counts are at least {analysis.floor1(gap):.1f} years apart, long enough for registers, "
                     "practice and recording to have changed")
    return notes


def _force_caveats(prev, cur, previous_round: str, current_round: str) -> list[str]:
    notes = []
    for row, round_id in ((prev, previous_round), (cur, current_round)):
        if row["status"] not in COUNTED:
            notes.append(f"{analysis.status_words(row['status'])} in {round_id}")
        elif pd.isna(row["missing_max"]):
            notes.append(f"{round_id}: only a lower bound (cases described, no total)")
        elif row["missing_max"] != row["missing_min"]:
            notes.append(f"{round_id}: a range, not one figure")
        if not pd.isna(row.get("figure_date")) and row.get("figure_date"):
            notes.append(f"{round_id}: the force dated its own figure {row['figure_date']}")
        if row["status"] in COUNTED and row.get("confidence") == "low":
            notes.append(f"{round_id}: the transcriber rated the attribution low")
        elif row["status"] in COUNTED and (pd.isna(row.get("confidence")) or row.get("confidence") == ""):
            notes.append(f"{round_id}: the transcriber did not rate the attribution")
    return notes


def compare(previous_returns: pd.DataFrame, current_returns: pd.DataFrame, previous: pd.Series,
            current: pd.Series) -> pd.DataFrame:
    """Per force with a figure in either round: both figures, the change where both are exact, and every
    reason the change may not hold. `previous`/`current` are rows of round_catalogue()."""
    for name, table in (("previous", previous_returns), ("current", current_returns)):
        if table["force_id"].duplicated().any():
            raise ValueError(f"{name} round has more than one row for a force: "
                             f"{', '.join(table.loc[table['force_id'].duplicated(), 'force_id'])}")
    merged = current_returns.merge(previous_returns, on="force_id", how="outer", suffixes=("_cur", "_prev"),
                                   indicator=True, sort=False)
    unmatched = merged[merged["_merge"] != "both"]
    if len(unmatched):  # both rounds list every registry force: a force in one only is a registry change
        raise ValueError(f"forces listed in one round only: {', '.join(unmatched['force_id'])}")
    shown = merged[merged["status_cur"].isin(COUNTED) | merged["status_prev"].isin(COUNTED)]
    order = {force: i for i, force in enumerate(current_returns["force_id"])}
    shown = shown.sort_values("force_id", key=lambda s: s.map(order))
    shared = "; ".join(round_caveats(previous, current))
    records = []
    for row in shown.to_dict("records"):
        prev = {k.removesuffix("_prev"): v for k, v in row.items() if k.endswith("_prev")}
        cur = {k.removesuffix("_cur"): v for k, v in row.items() if k.endswith("_cur")}
        both_exact = all(r["status"] in COUNTED and not pd.isna(r["missing_max"]) and r["missing_min"] == r["missing_max"]
                         for r in (prev, cur))
        change = cur["missing_min"] - prev["missing_min"] if both_exact else pd.NA
        basis = ("both rounds give one figure: current minus previous" if both_exact
                 else "no change computed: " + ("a figure is missing in one round"
                                                if not (prev["status"] in COUNTED and cur["status"] in COUNTED)
                                                else "a range or lower bound in one round"))
        records.append({
            "force_name": cur["force_name"], "previous_round": previous["round_id"],
            "previous_figure": figure_words(prev["status"], prev["missing_min"], prev["missing_max"]),
            "previous_status": prev["status"], "current_round": current["round_id"],
            "current_figure": figure_words(cur["status"], cur["missing_min"], cur["missing_max"]),
            "current_status": cur["status"],
            "previous_min": prev["missing_min"] if prev["status"] in COUNTED else pd.NA,
            "current_min": cur["missing_min"] if cur["status"] in COUNTED else pd.NA,
            "change": change, "change_basis": basis,
            "force_caveats": "; ".join(_force_caveats(prev, cur, previous["round_id"], current["round_id"])),
            "round_caveats": shared, "force_id": row["force_id"],
        })
    table = pd.DataFrame(records, columns=COMPARISON_COLUMNS)
    for column in ("previous_min", "current_min", "change"):
        table[column] = pd.array(table[column], dtype="Int64")
    return table.reset_index(drop=True)


def comparison_for(round_id: str) -> tuple[pd.DataFrame, pd.Series, pd.Series]:
    """The comparison of a round with its previous comparable round: (table, previous, current)."""
    catalogue = round_catalogue()
    previous_id = previous_comparable(round_id, catalogue)
    if previous_id is None:
        raise ValueError(f"round {round_id!r} has no earlier national stock round to compare with")
    by_id = catalogue.set_index("round_id", drop=False)
    previous, current = by_id.loc[previous_id], by_id.loc[round_id]
    table = compare(analysis.load_round(previous_id)["force_returns"], analysis.load_round(round_id)["force_returns"],
                    previous, current)
    return table, previous, current


def write(table: pd.DataFrame) -> list:
    """reports/round_comparison.csv (unchanged content is not rewritten)."""
    return write_texts({OUTPUT: csv_text(table)}, under=paths.REPORTS)
