"""What in a force's row still waits for a person, and what a person has read: for the brief.

A duration no rule reads does not block the round (issue 10): the force keeps its figure and its
duration stays blank with `duration_status` = `unread`. The brief must then say so in words, give
no time-missing figure, and list the force's items of the round's needs_review.csv, each with its
raw row and the ready-to-fill reading line. A field a person has read (data/raw/readings/) is shown
with the reading, who read it and why, so the reporter sees it is not the parser's own reading.
"""
from __future__ import annotations

import pandas as pd
from markupsafe import Markup

from missing_offenders.clean import readings, review
from missing_offenders.publish import audit
from missing_offenders.publish.brief_context import BriefContext
from missing_offenders.ingest import paths

UNREAD = "unread"
MANUAL = readings.RULE  # duration_status of a duration read by a person


def unread_duration_text(text: str) -> str:
    """The sentence for a duration no rule reads yet: the text quoted, and no figure."""
    return (f"The duration text '{text}' could not be read yet, so no time missing is given for this force "
            "until a person reads it (see 'Needs review').")


def reading_note(ctx: BriefContext, column: str) -> str:
    """'Read by a person: ...' for the force's field `column`, or '' if the parser read it itself."""
    found = ctx.readings.get(column)
    if found is None:
        return ""
    return (f"Read by a person, not by the code: {column.replace('_', ' ')} read as '{found.reading}' by "
            f"{found.who}, because: {found.why} ({found.where}).")


def figure_date_note(row: pd.Series) -> str:
    """The figure's own date (figure_date) and the note it came from (figure_note), where the force gave
    one; '' when it gave neither."""
    date, note = row.get("figure_date"), row.get("figure_note")
    date = date if isinstance(date, str) and date else ""
    note = note if isinstance(note, str) and note else ""
    if not date and not note:
        return ""
    # A note is not always a date ("of 812 managed"): only figure_date says the force dated the figure.
    if date:
        return f"The force dated this figure {date}" + (f" (as written: '{note}')" if note else "") + "."
    return f"Given with the figure: '{note}'."


def review_item_text(kind: str, detail: str) -> str:
    """One needs_review item in words: what kind of thing waits, and the detail."""
    return f"{review.KINDS.get(kind, kind)}" + (f": {detail}" if detail else "")


def review_items(ctx: BriefContext) -> list[dict]:
    """The force's items in the round's needs_review.csv, each with its words, its raw row (a link to
    the audit page line, or None) and the reading line to fill in ('' when there is none)."""
    base = paths.BRIEFS / ctx.round_id
    return [{"text": review_item_text(item.kind, item.detail),
             "where": (Markup(audit.raw_line_link(item.raw_file, int(item.raw_line), base=base))
                       if item.raw_file and str(item.raw_line).strip() else None),
             "reading_line": item.reading_line.strip()}
            for item in ctx.review.itertuples()]
