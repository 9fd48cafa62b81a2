"""The index's "Needs review" section: what the code could not settle alone, waiting for a person.

Per round, the `needs_review` count of its summary.csv; for the default round, each item of its
needs_review.csv (a duration no rule reads yet, with the reading line to fill in, an unknown
column, a figure's date that cannot be placed, a figure far above the force's register); and the
check across rounds, figures far above the force's own figures in its other rounds
(round_history.history_outliers). Nothing here changes a figure; an empty list says so in words.
"""
from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
from markupsafe import Markup

from missing_offenders.analyse import analysis, processed_rounds, round_history, trends
from missing_offenders.clean import review
from missing_offenders.ingest import paths
from missing_offenders.publish import audit, page_wording, templating


def review_counts(round_ids: list[str]) -> pd.DataFrame:
    """round_id and needs_review (the count in each round's summary.csv)."""
    return pd.DataFrame(
        [(r, analysis.summary_value(analysis.load_round(r)["summary"], "needs_review")) for r in round_ids],
        columns=["round_id", "needs_review"])


def round_items(round_id: str) -> pd.DataFrame:
    return pd.read_csv(paths.PROCESSED / round_id / "needs_review.csv", dtype=str, keep_default_na=False)


def history() -> pd.DataFrame:
    """Figures far above the force's own figures in its other rounds, across every processed round."""
    measures = {round_id: processed_rounds.info(round_id).measure for round_id in processed_rounds.round_ids()}
    return round_history.history_outliers(round_history.processed_rounds(), measures)


def _section(name: str, *args) -> Markup:
    return templating.macro("index_review.html.j2", name)(*args)


def counts_html(counts: pd.DataFrame) -> Markup:
    rows = [SimpleNamespace(words=trends.round_words(r.round_id), round_id=r.round_id,
                            needs_review="" if pd.isna(r.needs_review) else int(r.needs_review))
            for r in counts.itertuples()]
    return _section("counts", rows, page_wording.waiting(int(counts["needs_review"].fillna(0).sum()), len(counts)))


def items_html(round_id: str, items: pd.DataFrame) -> Markup:
    rows = [SimpleNamespace(
        force_id=item.force_id, what=review.KINDS.get(item.kind, item.kind),
        where=(audit.raw_line_link(item.raw_file, int(item.raw_line), base=paths.REPORTS)
               if item.raw_file and str(item.raw_line).strip() else item.raw_file),
        raw_text=item.raw_text, detail=item.detail, reading_line=item.reading_line.strip())
        for item in items.itertuples()]
    return _section("items", round_id, trends.round_words(round_id), rows)


def history_html(outliers: pd.DataFrame) -> Markup:
    rows = [(r.round_id, r.force_name, r.missing_min, r.other_rounds, r.detail) for r in outliers.itertuples()]
    return _section("history", page_wording.history(len(outliers)), rows)


def needs_review_html(round_id: str) -> Markup:
    return _section("section", counts_html(review_counts(processed_rounds.round_ids())), items_html(round_id, round_items(round_id)),
                    history_html(history()))
