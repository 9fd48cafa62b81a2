"""What became of every raw row of a round: a force's row, or set aside with its reason.

The notebooks assert on this table that nothing was dropped or counted twice: each raw row read
has exactly one fate, and the fates add up to the rows read."""
from __future__ import annotations

import pandas as pd

from missing_offenders.ingest import rounds
from missing_offenders.ingest.rawio import RawRow

FORCE_ROW, SET_ASIDE, UNACCOUNTED = "force row", "set aside", "unaccounted"
COLUMNS = ["raw_file", "raw_line", "force_as_reported", "fate", "force_id", "reason"]


def round_raw_rows(round_id: str) -> list[RawRow]:
    """The round's raw rows as the cleaning reads them (transcription corrections applied)."""
    all_rows, _ = rounds.read_round_rows()
    return [row for row in all_rows if row.get("round_id") == round_id]


def row_fates(raw_rows: list[RawRow], force_returns: pd.DataFrame, excluded: list[dict]) -> pd.DataFrame:
    """One line per raw row: the force it became (`force row`), why it was `set aside`, or
    `unaccounted` (in neither: a row dropped silently). A row in both gets both fates, joined by ' and '."""
    used = force_returns.dropna(subset=["raw_line"])
    kept = {(file, int(line)): force_id for file, line, force_id in
            zip(used["raw_file"], used["raw_line"], used["force_id"])}
    aside = {(row["raw_file"], int(row["raw_line"])): row["reason"] for row in excluded}
    records = []
    for raw in raw_rows:
        place = (raw.file, raw.line)
        fates = [fate for fate, found in ((FORCE_ROW, place in kept), (SET_ASIDE, place in aside)) if found]
        records.append({"raw_file": raw.file, "raw_line": raw.line, "force_as_reported": raw.get("force_as_reported"),
                        "fate": " and ".join(fates) or UNACCOUNTED, "force_id": kept.get(place, ""),
                        "reason": aside.get(place, "")})
    frame = pd.DataFrame(records, columns=COLUMNS)
    frame["raw_line"] = frame["raw_line"].astype("int64")
    return frame
