"""Which rounds were cleaned, and what each one is, from data/processed/<round_id>/round.csv alone.

Nothing after the cleaning reads data/raw/ again: the analysis and the pages take a round's requester,
count window, source and notes from the typed round.csv the cleaning wrote, so what they say about a
round is what the processed data say, and a reuser of data/processed/ sees the same facts.
"""
from __future__ import annotations

from functools import lru_cache

import pandas as pd

from missing_offenders.analyse import analysis
from missing_offenders.ingest import paths
from missing_offenders.ingest.rounds import RoundInfo


def round_ids() -> list[str]:
    """Every cleaned round, sorted (the cleaning removes the outputs of a withdrawn round)."""
    return sorted(path.parent.name for path in paths.PROCESSED.glob("*/round.csv"))


def _text(value) -> str:
    return "" if pd.isna(value) else str(value)


def facts(round_id: str) -> pd.Series:
    """The round's one row of round.csv (blank text as "", blank numbers and dates as missing)."""
    path = paths.PROCESSED / round_id / "round.csv"
    if not path.is_file():
        raise FileNotFoundError(f"{paths.relative(path)} does not exist: round {round_id!r} has not been cleaned "
                                f"(cleaned rounds: {', '.join(round_ids()) or 'none'}). Run `make rounds`.")
    return _read(round_id, path.stat().st_mtime_ns).copy()  # a copy: no caller can change the cached row


@lru_cache(maxsize=64)
def _read(round_id: str, mtime_ns: int) -> pd.Series:
    """round.csv read once per version of the file (a kernel that runs many briefs asks often)."""
    return analysis.read_round_table(round_id).iloc[0]


def info(round_id: str) -> RoundInfo:
    """The round's metadata as the cleaning read it (the same fields as ingest.rounds.info)."""
    row = facts(round_id)
    listed = not pd.isna(row["rounds_csv_line"])
    return RoundInfo(
        round_id=round_id, publisher=_text(row["requester"]),
        total_reported=None if pd.isna(row["national_total_reported"]) else int(row["national_total_reported"]),
        forces_basis=_text(row["forces_basis_as_published"]), measure=_text(row["measure"]) or None,
        snapshot_start=row["snapshot_start"], snapshot_end=row["snapshot_end"], snapshot_rule=_text(row["snapshot_rule"]),
        verbatim=_text(row["verbatim"]), source_url=_text(row["source_url"]),
        published_date=_text(row["published_as_transcribed"]) if listed else "",
        source_line=int(row["rounds_csv_line"]) if listed else None,
    )


def published_as_transcribed(round_id: str) -> str:
    """When the round was published, as transcribed (for a round not in rounds.csv, the date its rows share)."""
    return _text(facts(round_id)["published_as_transcribed"])


def row_dates_vary(round_id: str) -> bool:
    """True when the round's rows give different publication dates (so the round has no one date)."""
    return int(facts(round_id)["row_publication_dates"]) > 1


def source_title(round_id: str) -> str:
    return _text(facts(round_id)["source_title"])


def notes(round_id: str) -> str:
    return _text(facts(round_id)["notes"])
