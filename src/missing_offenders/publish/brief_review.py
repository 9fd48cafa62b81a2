"""What in a force's row still waits for a person, and what a person has read: for the brief.

A duration no rule reads does not block the round (issue 10): the force keeps its figure and its
duration stays blank with `duration_status` = `unread`. The brief must then say so in words, give
no time-missing figure, and list the force's items of the round's needs_review.csv, each with its
raw row and the ready-to-fill reading line. A field a person has read (data/raw/readings/) is shown
with the reading, who read it and why, so the reporter sees it is not the parser's own reading.
"""
from __future__ import annotations

from html import escape

import pandas as pd

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
    return (f"<p class='note'>Read by a person, not by the code: {escape(column.replace('_', ' '))} "
            f"read as '{escape(found.reading)}' by {escape(found.who)}, because: {escape(found.why)} "
            f"({escape(found.where)}).</p>")


def figure_date_note(row: pd.Series) -> str:
    """The figure's own date (figure_date) and the note it came from (figure_note), where the force gave one."""
    date, note = row.get("figure_date"), row.get("figure_note")
    date = date if isinstance(date, str) and date else ""
    note = note if isinstance(note, str) and note else ""
    if not date and not note:
        return ""
    # A note is not always a date ("of 812 managed"): only figure_date says the force dated the figure.
    if date:
        said = f"The force dated this figure {date}" + (f" (as written: '{note}')" if note else "")
    else:
        said = f"Given with the figure: '{note}'"
    return f"<p class='note'>{escape(said)}.</p>"


def needs_review_html(ctx: BriefContext) -> str:
    """The force's items in the round's needs_review.csv; '' when there are none."""
    if ctx.review.empty:
        return ""
    base = paths.BRIEFS / ctx.round_id
    items = []
    for item in ctx.review.itertuples():
        where = (audit.raw_line_link(item.raw_file, int(item.raw_line), base=base)
                 if item.raw_file and str(item.raw_line).strip() else "")
        fill = (f"<br>Line to fill in <code>data/raw/readings/{escape(ctx.round_id)}.csv</code>: "
                f"<code>{escape(item.reading_line.strip())}</code>" if item.reading_line.strip() else "")
        text = f"{review.KINDS.get(item.kind, item.kind)}" + (f": {item.detail}" if item.detail else "")
        items.append(f"<li>{escape(text)}" + (f" ({where})" if where else "") + f"{fill}</li>")
    return ("<h2>Needs review</h2><p>Settle these before using this force's figures (from "
            f"<code>data/processed/{escape(ctx.round_id)}/needs_review.csv</code>):</p><ul>{''.join(items)}</ul>")
