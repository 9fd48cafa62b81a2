"""How far a force's figure can be trusted to be the force's: one rule for the ledger, the briefs,
the round summary and the index.

The rule looks at three things only:
- the sources independent of the story being checked: every distinct address in `source_url` and
  `corroborating_sources` except the story's own (http/https and "www." are ignored when comparing);
- how many there are;
- the transcriber's confidence (`confidence`: high / medium / low; blank counts as medium).

Tiers, from the most to the least trusted:
    high      transcriber "high" and at least two independent sources
    medium    at least one independent source, and neither "high" nor "low"
    low       transcriber "low" (whatever the number of sources)
    circular  no independent source: the only source is the story being checked, which cannot
              confirm itself (and a figure with no source at all)

Pure functions; the stories checked for a round are read from claims/*.yaml.
"""
from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd
import yaml

from missing_offenders.clean import schema
from missing_offenders.ingest import paths
from missing_offenders.ingest.urls import normalise_url

TIERS = ("high", "medium", "low", "circular")
TIER_MEANING = {
    "high": "rated high by the transcriber and carried by at least two sources independent of the story checked",
    "medium": "one independent source, or the transcriber rated it medium or did not rate it",
    "low": "the transcriber rated the attribution low",
    "circular": "the only source is the story being checked, so it cannot confirm the story",
}
# Cumulative sets used for totals: each figure counts from its own tier down.
CUMULATIVE = (("high", ("high",)), ("high_medium", ("high", "medium")), ("all", TIERS))
CUMULATIVE_LABEL = {"high": "high confidence only", "high_medium": "high and medium confidence",
                    "all": "all figures (including low confidence and circular)"}

_URL = re.compile(r"https?://[^\s;,)'\"]+")


def source_urls(source_url, corroborating) -> list[str]:
    """Every distinct source address of a row, in order of appearance."""
    found = []
    for text in (source_url, corroborating):
        if isinstance(text, str):
            found.extend(_URL.findall(text))
    seen, distinct = set(), []
    for url in found:
        key = normalise_url(url)
        if key not in seen:
            seen.add(key)
            distinct.append(url)
    return distinct


def independent_sources(source_url, corroborating, story_urls) -> list[str]:
    story = {normalise_url(u) for u in story_urls}
    return [u for u in source_urls(source_url, corroborating) if normalise_url(u) not in story]


def tier(transcriber, independent_count: int) -> str:
    """The one confidence rule (see the module docstring)."""
    grade = transcriber.strip().lower() if isinstance(transcriber, str) and transcriber.strip() else "medium"
    if grade not in ("high", "medium", "low"):
        raise ValueError(f"transcriber confidence {transcriber!r}: expected high, medium, low or blank")
    if independent_count == 0:
        return "circular"
    if grade == "low":
        return "low"
    if grade == "high" and independent_count >= 2:
        return "high"
    return "medium"


def row_tier(row: pd.Series, story_urls) -> tuple[str, list[str]]:
    """(tier, independent source addresses) for a row of force_returns."""
    independent = independent_sources(row.get("source_url"), row.get("corroborating_sources"), story_urls)
    return tier(row.get("confidence"), len(independent)), independent


def explain(tier_name: str, transcriber, independent: list[str]) -> str:
    """One reader-facing sentence: the tier and why."""
    grade = transcriber if isinstance(transcriber, str) and transcriber.strip() else "not rated"
    n = len(independent)
    sources = "no source independent of the story checked" if n == 0 else \
        f"{n} source{'' if n == 1 else 's'} independent of the story checked"
    return f"Attribution confidence: {tier_name} (transcriber's rating: {grade}; {sources})."


@lru_cache(maxsize=None)
def _claims_files() -> tuple[tuple[str, str], ...]:
    found = []
    for path in sorted(paths.CLAIMS.glob("*.yaml")):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        found.append((str(spec["round_id"]), str(spec["story_url"])))
    return tuple(found)


def checked_story_urls(round_id: str) -> tuple[str, ...]:
    """The addresses of the published stories checked against this round (claims/*.yaml)."""
    return tuple(url for rid, url in _claims_files() if rid == round_id)


def with_tiers(returns: pd.DataFrame, story_urls) -> pd.DataFrame:
    """force_returns with `attribution` (the tier) and `independent_sources` (their number) added."""
    results = [row_tier(row, story_urls) for _, row in returns.iterrows()]
    out = returns.copy()
    out["attribution"] = pd.array([t for t, _ in results], dtype="str")
    out["independent_sources"] = pd.array([len(s) for _, s in results], dtype="Int64")
    return out


def totals_by_tier(returns: pd.DataFrame, story_urls, national_total: int | None,
                   counted_statuses=schema.COUNTED) -> pd.DataFrame:
    """Attributed total (sum of missing_min) and the remainder of the national total, for each
    cumulative tier set: high only; high and medium; all."""
    tiered = with_tiers(returns[returns["status"].isin(counted_statuses)], story_urls)
    rows = []
    for key, tiers in CUMULATIVE:
        chosen = tiered[tiered["attribution"].isin(tiers)]
        attributed = int(chosen["missing_min"].fillna(0).sum())
        remainder = national_total - attributed if national_total is not None else None
        named = chosen[chosen["missing_min"].fillna(0) > 0]["force_id"]
        rows.append({"tiers": key, "label": CUMULATIVE_LABEL[key], "attributed_min": attributed,
                     "unattributed_max": remainder, "forces": ";".join(sorted(named))})
    frame = pd.DataFrame(rows)
    frame["unattributed_max"] = frame["unattributed_max"].astype("Int64")
    return frame
