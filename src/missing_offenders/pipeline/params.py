"""Validation of notebook parameters: papermill passes strings (or ints, given `-p`), so check both
type and value before anything is read or written."""
from __future__ import annotations

from missing_offenders.ingest import paths
from missing_offenders.ingest.errors import ParameterError
from missing_offenders.ingest.rounds import ROUND_ID, discover


def _string(value: object) -> str:
    if not isinstance(value, str):
        raise ParameterError(
            f"round_id must be a string, got {type(value).__name__} {value!r}: pass it with `-r round_id ...`."
        )
    return value


def check_round_id(value: object) -> str:
    value = _string(value)
    if not ROUND_ID.fullmatch(value):
        raise ParameterError(f"round_id {value!r} may hold only lower-case letters, digits, '_' and '-'.")
    known = discover()
    if value not in known:
        raise ParameterError(f"round_id {value!r} is not a round in data/raw/foi_rounds/. Known: {', '.join(known)}.")
    return value


def check_cleaned_round_id(value: object) -> str:
    """A round id for a step after the cleaning: checked against the cleaned rounds (data/processed/), which
    are what that step reads, not against data/raw/ (which it does not read)."""
    from missing_offenders.analyse import processed_rounds

    value = _string(value)
    known = processed_rounds.round_ids()
    if value not in known:
        raise ParameterError(f"round_id {value!r} is not a cleaned round in data/processed/ (run `make rounds` "
                             f"first). Cleaned: {', '.join(known) or 'none'}.")
    return value


def check_force_id(value: object, known: list[str]) -> str:
    if not isinstance(value, str):
        raise ParameterError(f"force_id must be a string, got {type(value).__name__} {value!r}.")
    if value not in known:
        raise ParameterError(f"force_id {value!r} is not in the force registry. Known: {', '.join(known)}.")
    return value


def check_story(value: object) -> str:
    if not isinstance(value, str) or not ROUND_ID.fullmatch(value.lower()):
        raise ParameterError(f"story must be a claims file name such as 'cambs_times_2015-03-10', got {value!r}.")
    known = sorted(p.stem for p in paths.CLAIMS.glob("*.yaml"))
    if value not in known:
        raise ParameterError(f"story {value!r} has no claims file in claims/. Known: {', '.join(known)}.")
    return value
