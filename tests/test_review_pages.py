"""What the review workflow (issue 10) produces in the briefs and the index: an unread duration said in
words with no time-missing figure, a person's reading with who and why, a figure's own date, the force's
needs-review items, and in the index the per-round counts, the default round's items, the check across
rounds, the new charts and the round comparison. The shipped data have no unread field, no reading and
no outlier, so those cases are SYNTHETIC, built here on a real row and named so."""
import re
from html import escape

import pandas as pd

from missing_offenders.clean import readings, review
from missing_offenders.ingest import paths
from missing_offenders.publish import brief, brief_context, index_page, index_review

UNREAD_TEXT = "SYNTHETIC <since> the spring of oh-six"


def _text(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html).replace("&#x27;", "'").replace("&quot;", '"').replace("&lt;", "<").replace(
        "&gt;", ">").replace("&amp;", "&")


def _synthetic_unread(force_id: str = "kent") -> brief.BriefContext:
    """SYNTHETIC: a real force's row whose duration no rule read (duration_status 'unread', years blank)."""
    ctx = brief.context("2015_pa", force_id)
    ctx.row = ctx.row.copy()
    ctx.row["status"], ctx.row["missing_min"], ctx.row["missing_max"] = "reported", 13, 13
    ctx.row["duration_text"], ctx.row["duration_status"] = UNREAD_TEXT, "unread"
    ctx.row["longest_missing_years_min"] = ctx.row["longest_missing_years_max"] = pd.NA
    ctx.cases = ctx.cases.iloc[0:0]
    ctx.review = review.frame([review.item(
        "2015_pa", "unread_duration", force_id=force_id, raw_file="data/raw/foi_rounds/2015_pa.csv", raw_line=20,
        column="duration_text", raw_text=UNREAD_TEXT, detail="no rule reads <this>",
        reading_line='foi_rounds/2015_pa.csv,20,duration_text,"SYNTHETIC",,,')]).astype({"raw_line": "str"})
    return ctx


def test_unread_duration_is_said_in_words_with_no_figure():
    ctx = _synthetic_unread()
    html = brief.section_html(ctx, "duration")
    assert "&lt;since&gt;" in html and "<since>" not in html                     # the raw text is escaped
    text = _text(html)
    assert f"The duration text '{UNREAD_TEXT}' could not be read yet" in text
    assert "cannot be worked out" not in text and "years)" not in text        # no time-missing figure
    assert "longest time missing" not in _text(brief.section_html(ctx, "wording")).lower()
    assert "the duration text could not be read yet" in _text(brief.section_html(ctx, "caveats"))


def test_brief_lists_the_forces_needs_review_items():
    ctx = _synthetic_unread()
    html = brief.section_html(ctx, "review")
    text = _text(html)
    assert "Needs review" in text and review.KINDS["unread_duration"] in text
    assert "no rule reads <this>" in text and "<this>" not in html
    assert "foi_rounds/2015_pa.csv,20,duration_text" in text                  # the line to fill in
    assert "../../audit/raw/foi_rounds/2015_pa.csv.html#L20" in html          # the raw row, linked
    assert brief.section_html(brief.context("2015_pa", "kent"), "review") == ""    # shipped: nothing waiting


def test_context_takes_the_forces_items_from_needs_review_csv(monkeypatch, tmp_path):
    """SYNTHETIC needs_review.csv in a copy of the round's folder: the brief gets the force's rows only."""
    folder = tmp_path / "2015_pa"
    folder.mkdir()
    for name in ("force_returns.csv", "summary.csv", "missing_cases.csv"):
        (folder / name).write_bytes((paths.PROCESSED / "2015_pa" / name).read_bytes())
    items = review.frame([review.item("2015_pa", "unread_duration", force_id=f, raw_file="data/raw/foi_rounds/2015_pa.csv",
                                      raw_line=n, column="duration_text", raw_text="x") for n, f in ((9, "kent"), (8, "essex"))])
    items.to_csv(folder / "needs_review.csv", index=False)
    monkeypatch.setattr(paths, "PROCESSED", tmp_path)
    found = brief_context.force_review("2015_pa", "kent")
    assert list(found["force_id"]) == ["kent"] and list(found["raw_line"]) == ["9"]


def test_a_persons_reading_is_shown_with_who_and_why(monkeypatch):
    """SYNTHETIC reading of a real row's duration, keyed by (raw_file, raw_line, column) as readings.load gives them."""
    row = brief.context("2015_pa", "metropolitan").row
    key = (row["raw_file"], int(row["raw_line"]), "duration_text")
    reading = readings.Reading(*key, row["duration_text"], "14 years", "SYNTHETIC <A.B.>", "the force's letter & call",
                               "data/raw/readings/2015_pa.csv", 2)
    monkeypatch.setattr(readings, "load", lambda round_id: {key: reading, ("other.csv", 1, "duration_text"): None})
    ctx = brief.context("2015_pa", "metropolitan")
    assert ctx.readings == {"duration_text": reading}
    ctx.row = ctx.row.copy()
    ctx.row["duration_status"] = "manual_reading"
    html = brief.section_html(ctx, "duration")
    assert "&lt;A.B.&gt;" in html and "&amp; call" in html
    text = _text(html)
    assert "Read by a person" in text and "read as '14 years' by SYNTHETIC <A.B.>" in text
    assert "data/raw/readings/2015_pa.csv, line 2" in text
    ctx.readings = {}
    assert "Read by a person" not in brief.section_html(ctx, "duration")


def test_figure_shows_its_own_date_and_note():
    ctx = brief.context("2015_pa", "kent")
    ctx.row = ctx.row.copy()
    ctx.row["figure_date"], ctx.row["figure_note"] = "2015-03-01", "as of <1 March>"   # SYNTHETIC
    html = brief.section_html(ctx, "figure")
    assert "The force dated this figure 2015-03-01 (as written: 'as of <1 March>')." in _text(html)
    assert "<1 March>" not in html
    assert "dated this figure" not in brief.section_html(brief.context("2015_pa", "kent"), "figure")
    ctx.row["figure_date"], ctx.row["figure_note"] = pd.NA, "of 812 managed"   # a note that is no date
    text = _text(brief.section_html(ctx, "figure"))
    assert "Given with the figure: 'of 812 managed'." in text and "dated" not in text


def test_index_review_items_and_history_are_listed_escaped():
    """SYNTHETIC items and outliers: each shows, escaped, with its brief and raw row linked."""
    items = review.frame([review.item("2015_pa", "unread_duration", force_id="kent", raw_file="data/raw/foi_rounds/2015_pa.csv",
                                      raw_line=20, column="duration_text", raw_text="<odd>", detail="d",
                                      reading_line="foi_rounds/2015_pa.csv,20,duration_text,odd,,,")]).astype(str)
    html = index_review.items_html("2015_pa", items)
    assert "briefs/2015_pa/kent.html" in html and "audit/raw/foi_rounds/2015_pa.csv.html#L20" in html
    assert "&lt;odd&gt;" in html and "foi_rounds/2015_pa.csv,20,duration_text" in html
    assert "None" in index_review.items_html("2015_pa", items.iloc[0:0])
    outliers = pd.DataFrame([{"round_id": "r2", "force_id": "kent", "force_name": "Kent <Police>", "missing_min": 130,
                              "other_rounds": "r1: 13", "other_max": 13, "detail": "130 against at most 13"}])
    html = index_review.history_html(outliers)
    assert "1 figure at least 3 times" in _text(html) and "Kent &lt;Police&gt;" in html
    assert "None: no figure is" in _text(index_review.history_html(outliers.iloc[0:0]))
    counts = index_review.counts_html(pd.DataFrame({"round_id": ["2015_pa"], "needs_review": [2]}))
    assert "2 items waiting across 1 rounds" in _text(counts) and "../data/processed/2015_pa/needs_review.csv" in counts


def test_index_shows_review_history_new_charts_and_round_comparison():
    text = (paths.REPORTS / "index.html").read_text(encoding="utf-8")
    section = text[text.index("<h2>Needs review</h2>"):text.index("<h2>Charts</h2>")]
    assert "0 items waiting across" in section and "../data/processed/2015_pa/needs_review.csv" in section
    assert "None: every field of this round was read" in section
    assert "None: no figure is at least 3 times" in section                   # the shipped data: said, not hidden
    for name in ("force_series", "2015_pa_case_durations"):
        alt = (paths.CHARTS / f"{name}.alt.txt").read_text(encoding="utf-8").strip()
        assert f'srcset="figures/{name}.phone.png"' in text and f"figures/{name}.svg" in text
        assert f"figures/{name}.csv" in text and f"figures/{name}.alt.txt" in text
        assert escape(alt, quote=True) in text
    assert "<a href='round_comparison.csv'>round_comparison.csv</a>" in text
    assert "<td>Metropolitan Police Service</td><td>112</td><td>167</td><td>55</td>" in text
