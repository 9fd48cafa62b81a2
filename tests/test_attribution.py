"""One attribution-confidence rule for the ledger, the briefs, the summary and the index."""
import pandas as pd
import pytest

from missing_offenders.analyse import analysis, claims
from missing_offenders.clean import attribution
from missing_offenders.publish import brief

STORY = "https://www.cambstimes.co.uk/news/cambridgeshire-loses-10-registered-sex-offenders-as-figures-reveal-nearly-4863994"


@pytest.mark.parametrize("transcriber, independent, expected", [
    ("high", 0, "circular"), ("high", 1, "medium"), ("high", 2, "high"), ("high", 3, "high"),
    ("medium", 3, "medium"), ("low", 3, "low"), ("", 1, "medium"), (None, 2, "medium"), ("low", 0, "circular"),
])
def test_tier_rule(transcriber, independent, expected):
    assert attribution.tier(transcriber, independent) == expected


def test_tier_rejects_an_unknown_rating():
    with pytest.raises(ValueError, match="expected high, medium, low or blank"):
        attribution.tier("certain", 2)


def test_the_story_itself_is_not_an_independent_source():
    """SYNTHETIC row: the story's own address, written with http and www, does not count."""
    row = pd.Series({"source_url": STORY, "confidence": "high",
                     "corroborating_sources": STORY.replace("https://www.", "http://") + " ; https://example.org/a ('x')"})
    tier, independent = attribution.row_tier(row, (STORY,))
    assert independent == ["https://example.org/a"] and tier == "medium"


def test_suffolk_and_norfolk_are_circular_in_brief_and_ledger_alike():
    """The old briefs said 'attribution confidence: high' for figures the ledger called circular."""
    ledger = claims.ledger("cambs_times_2015-03-10").set_index("claim_id")
    for force_id, claim_id in (("suffolk", "C07"), ("norfolk", "C09")):
        ctx = brief.context("2015_pa", force_id)
        assert ctx.tier == "circular"
        assert ledger.loc[claim_id, "reason"] == "circular"
        html = brief.section_html(ctx, "source") + brief.section_html(ctx, "wording")
        assert "confidence: high" not in html
        assert "Attribution confidence: circular" in html
        assert "confirm it with" in html                          # hedged
        wording = brief.section_html(ctx, "wording")
        assert " said five" not in wording and " said one" not in wording  # the old unhedged "X said N"


def test_summary_has_totals_by_tier():
    summary = analysis.load_round("2015_pa")["summary"]
    value = lambda m: analysis.summary_value(summary, m)  # noqa: E731
    assert value("attributed_min_all") == value("attributed_min") == 320
    assert value("unattributed_max_all") == value("unattributed_max") == 76
    assert value("attributed_min_high") < value("attributed_min_high_medium") < value("attributed_min_all")
    for key, _ in attribution.CUMULATIVE:
        assert value(f"attributed_min_{key}") + value(f"unattributed_max_{key}") == 396
    table = analysis.tier_table(summary)
    assert list(table["attributed, at least"]) == [value("attributed_min_high"), value("attributed_min_high_medium"), 320]
