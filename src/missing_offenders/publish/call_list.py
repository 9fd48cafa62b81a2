"""Whom a reporter should call before using a figure: reports/call_list.csv and a section of the index.

One row per force and reason, for the round the index covers:
    no_published_figure  no figure was published for the force (or it refused, or gave none)
    medium_confidence    attribution confidence medium (attribution.py)
    low_confidence       attribution confidence low
    circular             the only source is a story being checked (claims/*.yaml)
    conflict             figures for the force that cannot all be right (conflicts.py, every round)
"""
from __future__ import annotations

import pandas as pd

from missing_offenders.analyse import analysis, conflicts
from missing_offenders.clean import attribution
from missing_offenders.publish import audit
from missing_offenders.ingest import paths

COLUMNS = ["force_id", "force_name", "why", "detail", "evidence", "evidence_url"]
WHY = {
    "no_published_figure": "no published figure: ask the force for its figure",
    "medium_confidence": "medium attribution confidence: confirm the figure with the force",
    "low_confidence": "low attribution confidence: confirm the figure with the force",
    "circular": "the only source is a story being checked: confirm the figure with the force",
    "conflict": "conflicting figures: ask the force which is right",
}
NO_FIGURE = {"not_published": "no published figure found", "refused": "refused to give a figure",
             "no_response": "no figure given"}


def story_urls(round_id: str) -> tuple[str, ...]:
    """The stories checked against the round, by the same rule as the briefs and the round summary
    (attribution.checked_story_urls: the reviewed claims files)."""
    return attribution.checked_story_urls(round_id)


def _where(row) -> str:
    return "" if pd.isna(row["raw_line"]) else f"{row['raw_file']} line {int(row['raw_line'])}"


def build(round_id: str) -> pd.DataFrame:
    returns = analysis.load_round(round_id)["force_returns"]
    rows = []
    for _, row in attribution.with_tiers(returns, story_urls(round_id)).iterrows():
        status = row["status"]
        if status in NO_FIGURE:
            rows.append((row["force_id"], row["force_name"], "no_published_figure",
                         f"{NO_FIGURE[status]} in round {round_id}", _where(row)))
        elif row["attribution"] in ("medium", "low", "circular"):
            why = row["attribution"] if row["attribution"] == "circular" else f"{row['attribution']}_confidence"
            rows.append((row["force_id"], row["force_name"], why,
                         f"{analysis.figure_label(row['missing_min'], row['missing_max']) or status} in round "
                         f"{round_id}; transcriber's rating {row['confidence'] if isinstance(row['confidence'], str) else 'none'}; "
                         f"{int(row['independent_sources'])} independent source(s)", _where(row)))
    if conflicts.conflicts_path().is_file():
        found = pd.read_csv(conflicts.conflicts_path(), dtype=str, keep_default_na=False)
        for c in found.itertuples():
            rows.append((c.force_id, c.force_name, "conflict", f"{c.figures}: {c.why}", c.sources))
    frame = pd.DataFrame(rows, columns=COLUMNS[:-1])
    frame["evidence_url"] = [audit.evidence_urls(e) for e in frame["evidence"]]
    order = {w: i for i, w in enumerate(WHY)}
    frame["_order"] = frame["why"].map(order)
    frame = frame.sort_values(["_order", "force_id", "detail"]).drop(columns="_order").reset_index(drop=True)
    return frame[COLUMNS].astype("str")


def call_list_path():
    return paths.REPORTS / "call_list.csv"
