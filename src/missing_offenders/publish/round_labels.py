"""Rounds as readers should see them: who asked and when ("Press Association, Mar 2015"), never the
internal id ("2015_pa"). Machine-readable files keep the ids; pages show these words."""
from __future__ import annotations

import re
from functools import lru_cache

from missing_offenders.analyse import processed_rounds
from missing_offenders.ingest import rounds


@lru_cache(maxsize=1)
def _labels() -> dict[str, str]:
    labels = {}
    for round_id in processed_rounds.round_ids():
        info = processed_rounds.info(round_id)
        who = (info.publisher or "").split(" (")[0].strip()
        if not who or who.lower() == "unknown":
            who = "requester not named" if info.source_line else "a force's answer in the press"
        labels[round_id] = f"{who}, {_when(info)}"
    return labels


def _when(info: rounds.RoundInfo) -> str:
    start, end = info.snapshot_start, info.snapshot_end
    if start and end and (start.year, start.month) != (end.year, end.month):
        return f"{start:%b} to {end:%b %Y}" if start.year == end.year else f"{start:%b %Y} to {end:%b %Y}"
    if start or end:
        return f"{(end or start):%b %Y}"
    published = re.match(r"\d{4}-\d{2}-\d{2}", info.published_date or "")
    return f"published {published.group(0)}" if published else "undated"


def label(round_id: str) -> str:
    return _labels().get(round_id, round_id)


def in_words(text: str) -> str:
    """`text` with every round id it names replaced by the round's label."""
    ids = sorted(_labels(), key=len, reverse=True)
    if not ids or not isinstance(text, str):
        return text
    pattern = re.compile(r"(?<![\w/])(" + "|".join(map(re.escape, ids)) + r")(?![\w.])")
    return pattern.sub(lambda m: label(m.group(1)), text)
