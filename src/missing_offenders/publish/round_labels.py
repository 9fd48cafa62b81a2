"""Rounds as readers should see them: who asked and when ("Press Association, Mar 2015"), never the
internal id ("2015_pa"). Machine-readable files keep the ids; pages show these words."""
from __future__ import annotations

import re
from functools import lru_cache

from missing_offenders.analyse import processed_rounds
from missing_offenders.ingest import dates, rounds


@lru_cache(maxsize=1)
def _labels() -> dict[str, str]:
    labels = {}
    for round_id in processed_rounds.round_ids():
        info = processed_rounds.info(round_id)
        who = (info.publisher or "").split(" (")[0].strip()
        if not who or who.lower() == "unknown":
            who = "requester not named" if info.source_line else "one force's answer"  # in the press or its own page
        labels[round_id] = f"{who}, {_when(info, processed_rounds.published_as_transcribed(round_id))}"
    return labels


def _when(info: rounds.RoundInfo, published: str) -> str:
    """The count window if known, else when the round was published (the day, month or year given)."""
    start, end = info.snapshot_start, info.snapshot_end
    if start and end and (start.year, start.month) != (end.year, end.month):
        return f"{start:%b} to {end:%b %Y}" if start.year == end.year else f"{start:%b %Y} to {end:%b %Y}"
    if start or end:
        return f"{(end or start):%b %Y}"
    found = dates.leading_date(published or "")
    if found is None:
        return "undated"
    return "published " + {"day": found.date.isoformat(), "month": f"{found.date:%b %Y}",
                           "year": str(found.date.year)}[found.precision]


def label(round_id: str) -> str:
    return _labels().get(round_id, round_id)


def in_words(text: str) -> str:
    """`text` with every round id it names replaced by the round's label."""
    ids = sorted(_labels(), key=len, reverse=True)
    if not ids or not isinstance(text, str):
        return text
    pattern = re.compile(r"(?<![\w/])(" + "|".join(map(re.escape, ids)) + r")(?![\w.])")
    return pattern.sub(lambda m: label(m.group(1)), text)
