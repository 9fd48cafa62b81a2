"""The sentences of the index, its review section and the story ledger pages: which sentence to print
is decided here, in plain functions of plain values returning plain text (tests/test_page_wording.py);
the templates only place it and escape it."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

from missing_offenders.analyse import claims, round_history
from missing_offenders.clean import attribution


def plural(count: int, word: str) -> str:
    """'1 figure', '2 figures'."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def in_words(code: str) -> str:
    """A code as words: 'not_checkable' -> 'not checkable'."""
    return code.replace("_", " ")


def dated(publisher: str, snapshot_start, snapshot_end, published_date: str) -> str:
    """The line under the index's heading: whose figures, counted when, published when."""
    return (f"Data: FOI responses to the {publisher.split(' (')[0]}, snapshot {snapshot_start:%d %B %Y} to "
            f"{snapshot_end:%d %B %Y}, published {published_date}.")


def verdict_counts(verdicts: Iterable[str]) -> str:
    """How many claims got each verdict, every verdict named even at 0: '3 true, 0 false, ...'."""
    counts = Counter(verdicts)
    return ", ".join(f"{counts.get(v, 0)} {in_words(v)}" for v in claims.VERDICTS)


def findings(values: Mapping[str, object], *, top_force: str, top_label: str, top_share_pct: float,
             years, leaders: list[str], offenders: int, staff, per_staff: float, published_ratio) -> list[str]:
    """The headline findings, one sentence each; `values` are the round's summary values by measure."""
    return [
        f"{values['national_total_reported']} registered sex offenders were reported missing across the UK "
        "(national total as published).",
        f"The forces' own published figures account for at least {values['attributed_min']} of them "
        f"({values['exact_figures_sum']} from exact figures); at most {values['unattributed_max']} cannot be "
        f"attributed to a named force. {values['forces_not_published']} of the {values['forces_in_registry']} "
        "forces have no published figure.",
        "By attribution confidence (the same rule as the ledger and the briefs): " + "; ".join(
            f"{attribution.CUMULATIVE_LABEL[key]}: {values[f'attributed_min_{key}']} attributed, at most "
            f"{values[f'unattributed_max_{key}']} not" for key, _ in attribution.CUMULATIVE) + ". 'At most "
        f"{values['unattributed_max']} unattributed' holds only if every medium, low and circular figure is right.",
        f"{top_force}: {top_label}, {top_share_pct:.1f}% of the national total.",
        f"Longest time missing described: at least {years} years ({' and '.join(leaders)}).",
        f"{offenders:,} registered sex offenders and about {staff} police staff managing them: "
        f"{per_staff:.1f} per member of staff, published as 'one for every {published_ratio}'.",
    ]


def calls_by_reason(whys: Iterable[str], reasons: Mapping[str, str]) -> str:
    """How many calls for each reason, every reason named even at 0, in the reasons' order."""
    counts = Counter(whys)
    return "; ".join(f"{meaning}: {counts.get(why, 0)}" for why, meaning in reasons.items())


def waiting(items: int, rounds: int) -> str:
    """The review section's count across rounds."""
    return f"{plural(items, 'item')} waiting across {rounds} rounds."


def history_rule() -> str:
    return (f"at least {round_history.HISTORY_FACTOR} times, and {round_history.HISTORY_MIN_GAP} more than, the "
            "force's highest figure in its other rounds (counts over a period are left out)")


def history(outliers: int) -> str:
    """What the check across rounds found: none, said in words, or how many figures (a table follows)."""
    if not outliers:
        return f"None: no figure is {history_rule()}."
    return f"{plural(outliers, 'figure')} {history_rule()}:"


def ledger_state(story_id: str, reviewed: bool) -> str:
    """Whether a person reviewed the claims of a story's ledger, and where they are."""
    if reviewed:
        return f"claims reviewed by a person (claims/{story_id}.yaml)"
    return f"claims DRAFTED from the text, not reviewed: see ../drafts/{story_id}.yaml"
