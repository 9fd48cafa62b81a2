"""Figures read across rounds once every round is cleaned: a force's figure far above its own other
rounds (flagged for review, never changed), and the strict check that no processed round still has
an unread field (`make all STRICT=1`).

    python -m missing_offenders.analyse.round_history history|strict
"""
from __future__ import annotations

import sys

import pandas as pd

from missing_offenders.ingest import paths

HISTORY_FACTOR = 3
HISTORY_MIN_GAP = 20
HISTORY_COLUMNS = ("round_id", "force_id", "force_name", "missing_min", "other_rounds", "other_max", "detail")


# ---------------------------------------------------------------- against the force's other rounds


def history_outliers(returns_by_round: dict[str, pd.DataFrame], measures: dict[str, str | None]) -> pd.DataFrame:
    """Figures at least HISTORY_FACTOR times, and HISTORY_MIN_GAP above, the force's highest figure
    in its other rounds. Flows (disappearances over a period) count something else and are left out;
    rounds of unstated measure (most single-force answers) are point-in-time counts and stay in."""
    figures = []
    for round_id, returns in sorted(returns_by_round.items()):
        if measures.get(round_id) == "flow":
            continue
        known = returns[returns["missing_min"].notna()]
        figures.extend((round_id, r.force_id, r.force_name, int(r.missing_min)) for r in known.itertuples())
    table = pd.DataFrame(figures, columns=["round_id", "force_id", "force_name", "missing_min"])
    rows = []
    for record in table.itertuples():
        others = table[(table["force_id"] == record.force_id) & (table["round_id"] != record.round_id)]
        if others.empty:
            continue
        highest = int(others["missing_min"].max())
        if record.missing_min >= HISTORY_FACTOR * highest and record.missing_min - highest >= HISTORY_MIN_GAP:
            shown = ", ".join(f"{o.round_id}: {o.missing_min}" for o in others.itertuples())
            rows.append({
                "round_id": record.round_id, "force_id": record.force_id, "force_name": record.force_name,
                "missing_min": record.missing_min, "other_rounds": shown, "other_max": highest,
                "detail": (f"{record.missing_min} against at most {highest} in the force's other rounds. Surveys "
                           "differ, so this may be real; check the source before using it."),
            })
    result = pd.DataFrame(rows, columns=HISTORY_COLUMNS)
    result["missing_min"] = result["missing_min"].astype("Int64")
    result["other_max"] = result["other_max"].astype("Int64")
    return result


def processed_rounds() -> dict[str, pd.DataFrame]:
    """force_returns of every cleaned round, by round id."""
    from missing_offenders.analyse import analysis, processed_rounds as cleaned

    return {round_id: analysis.load_round(round_id)["force_returns"] for round_id in cleaned.round_ids()}


def unread_fields(returns_by_round: dict[str, pd.DataFrame]) -> list[str]:
    """Every force row of every processed round whose duration is still unread."""
    found = []
    for round_id, returns in sorted(returns_by_round.items()):
        unread = returns[returns["duration_status"] == "unread"]
        found.extend(f"{round_id}: {r.force_id} ({r.raw_file}, line {r.raw_line}, column duration_text: "
                     f"{r.duration_text!r})" for r in unread.itertuples())
    return found


def main(argv: list[str]) -> int:
    """`history`: print the cross-round comparison as CSV; `strict`: fail if any processed round has an unread field."""
    from missing_offenders.analyse import processed_rounds as cleaned

    if argv == ["history"]:
        from missing_offenders.ingest.outputs import csv_text

        measures = {round_id: cleaned.info(round_id).measure for round_id in cleaned.round_ids()}
        sys.stdout.write(csv_text(history_outliers(processed_rounds(), measures)))
        return 0
    if argv == ["strict"]:
        unread = unread_fields(processed_rounds())
        if unread:
            print(f"error: {len(unread)} field(s) still unread (strict mode); give each a reading in "
                  "data/raw/readings/<round_id>.csv (see needs_review.csv in the round's folder):\n  "
                  + "\n  ".join(unread), file=sys.stderr)
            return 1
        print("no unread field in any processed round")
        return 0
    print("usage: python -m missing_offenders.analyse.round_history history|strict", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
