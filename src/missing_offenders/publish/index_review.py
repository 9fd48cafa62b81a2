"""The index's "Needs review" section: what the code could not settle alone, waiting for a person.

Per round, the `needs_review` count of its summary.csv; for the default round, each item of its
needs_review.csv (a duration no rule reads yet, with the reading line to fill in, an unknown
column, a figure's date that cannot be placed, a figure far above the force's register); and the
check across rounds, figures far above the force's own figures in its other rounds
(round_history.history_outliers). Nothing here changes a figure; an empty list says so in words.
"""
from __future__ import annotations

from html import escape

import pandas as pd

from missing_offenders.analyse import analysis, round_history, trends
from missing_offenders.clean import review
from missing_offenders.ingest import paths, rounds
from missing_offenders.publish import audit


def review_counts(round_ids: list[str]) -> pd.DataFrame:
    """round_id and needs_review (the count in each round's summary.csv)."""
    return pd.DataFrame(
        [(r, analysis.summary_value(analysis.load_round(r)["summary"], "needs_review")) for r in round_ids],
        columns=["round_id", "needs_review"])


def round_items(round_id: str) -> pd.DataFrame:
    return pd.read_csv(paths.PROCESSED / round_id / "needs_review.csv", dtype=str, keep_default_na=False)


def history() -> pd.DataFrame:
    """Figures far above the force's own figures in its other rounds, across every processed round."""
    measures = {round_id: rounds.info_for(round_id).measure for round_id in rounds.discover()}
    return round_history.history_outliers(round_history.processed_rounds(), measures)


def counts_html(counts: pd.DataFrame) -> str:
    rows = "".join(
        f"<tr><td>{escape(trends.round_words(r.round_id))} (<code>{escape(r.round_id)}</code>)</td>"
        f"<td>{'' if pd.isna(r.needs_review) else int(r.needs_review)}</td>"
        f"<td><a href='../data/processed/{escape(r.round_id, quote=True)}/needs_review.csv'>needs_review.csv</a></td></tr>"
        for r in counts.itertuples())
    waiting = int(counts["needs_review"].fillna(0).sum())
    return (f"<p>{waiting} item{'' if waiting == 1 else 's'} waiting across {len(counts)} rounds.</p>"
            f"<table><tr><th>round</th><th>items to review</th><th>file</th></tr>{rows}</table>")


def items_html(round_id: str, items: pd.DataFrame) -> str:
    heading = f"<h3>Items for {escape(trends.round_words(round_id))}</h3>"
    if items.empty:
        return heading + "<p>None: every field of this round was read, and no figure was flagged.</p>"
    rows = []
    for item in items.itertuples():
        force = (f"<a href='briefs/{escape(round_id, quote=True)}/{escape(item.force_id, quote=True)}.html'>"
                 f"{escape(item.force_id)}</a>" if item.force_id else "")
        where = (audit.raw_line_link(item.raw_file, int(item.raw_line), base=paths.REPORTS)
                 if item.raw_file and str(item.raw_line).strip() else escape(item.raw_file))
        fill = f"<code>{escape(item.reading_line.strip())}</code>" if item.reading_line.strip() else ""
        rows.append(f"<tr><td>{force}</td><td>{escape(review.KINDS.get(item.kind, item.kind))}</td><td>{where}</td>"
                    f"<td>{escape(item.raw_text)}</td><td>{escape(item.detail)}</td><td>{fill}</td></tr>")
    return (heading + "<table><tr><th>force</th><th>what</th><th>raw row</th><th>as written</th><th>detail</th>"
            f"<th>reading line to fill in</th></tr>{''.join(rows)}</table>")


def history_html(outliers: pd.DataFrame) -> str:
    heading = "<h3>Figures far above the force's other rounds</h3>"
    rule = (f"at least {round_history.HISTORY_FACTOR} times, and {round_history.HISTORY_MIN_GAP} more than, the "
            "force's highest figure in its other rounds (counts over a period are left out)")
    if outliers.empty:
        return heading + f"<p>None: no figure is {escape(rule)}.</p>"
    rows = "".join(f"<tr><td>{escape(r.round_id)}</td><td>{escape(r.force_name)}</td><td>{r.missing_min}</td>"
                   f"<td>{escape(r.other_rounds)}</td><td>{escape(r.detail)}</td></tr>" for r in outliers.itertuples())
    return (heading + f"<p>{len(outliers)} figure{'' if len(outliers) == 1 else 's'} {escape(rule)}:</p>"
            f"<table><tr><th>round</th><th>force</th><th>figure</th><th>other rounds</th><th>detail</th></tr>{rows}</table>")


def needs_review_html(round_id: str) -> str:
    return ("<p>What the code could not settle alone waits here for a person; nothing here changes a figure. "
            "A duration no rule reads leaves the force's figure in place and its time missing blank until a reading "
            "is written in <code>data/raw/readings/&lt;round_id&gt;.csv</code> (see its README).</p>"
            + counts_html(review_counts(rounds.discover())) + items_html(round_id, round_items(round_id))
            + history_html(history()))
