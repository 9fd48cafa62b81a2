"""Stories dropped in by a fact-checker: drafted claims, checked by the same rules.

Every story text here is SYNTHETIC, written for these tests (never published): it mixes figures the
2015_pa round confirms from independent sources, a wrong figure, a figure whose only source is the
synthetic story's own address, and numbers no rule can map. The figures are checked against the
committed processed data of the real round.
"""
from __future__ import annotations

import pandas as pd
import pytest

from missing_offenders.analyse import claims, drafter
from missing_offenders.ingest import stories
from missing_offenders.publish import story_ledgers

CAMBS_TIMES = ("https://www.cambstimes.co.uk/news/cambridgeshire-loses-10-registered-sex-offenders-as-figures-"
               "reveal-nearly-4863994")
SYNTHETIC_URL = "https://example.invalid/synthetic-story"

SYNTHETIC_TEXT = """SYNTHETIC TEST STORY: 12 sex offenders missing in Cambridgeshire

Cambridgeshire Police said 12 registered sex offenders were wanted because their whereabouts were unknown.

The Metropolitan Police said 167 registered sex offenders were wanted in London alone, including one offender who had been missing for 14 years.

West Midlands Police has lost contact with 39 registered offenders, while 25 are missing in Greater Manchester.

They are among nearly 400 convicted sex offenders who have gone missing across the UK.

The council spent 3 million pounds on 12 new cameras last year.
"""


def _ledger(text: str, url: str = SYNTHETIC_URL, story_id: str = "synthetic_story") -> pd.DataFrame:
    spec = drafter.draft(story_id, text, url, "2015_pa")
    claims.validate(spec, text, "synthetic story")
    return claims.ledger_from_spec(spec)


def _row(ledger: pd.DataFrame, sentence_part: str, asserts_part: str) -> pd.Series:
    found = ledger[ledger["published_text"].str.contains(sentence_part, regex=False)
                   & ledger["asserts"].str.contains(asserts_part, regex=False)]
    assert len(found) == 1, ledger[["published_text", "asserts"]].to_string()
    return found.iloc[0]


def test_a_wrong_force_figure_is_contradicted():
    ledger = _ledger(SYNTHETIC_TEXT)
    row = _row(ledger, "Cambridgeshire Police said 12", "cambridgeshire's figure")
    assert (row["claimed"], row["computed"], row["verdict"]) == ("12", "10", "contradicted")


def test_figures_confirmed_by_independent_sources_are_supported():
    ledger = _ledger(SYNTHETIC_TEXT)
    assert _row(ledger, "167", "metropolitan's figure")["verdict"] == "supported"
    assert _row(ledger, "167", "missing for 14")["verdict"] == "supported"
    assert _row(ledger, "39 registered", "west-midlands's figure")["verdict"] == "supported"
    assert _row(ledger, "nearly 400", "national total")["verdict"] == "supported"


def test_the_nearest_force_takes_each_figure():
    ledger = _ledger(SYNTHETIC_TEXT)
    manchester = _row(ledger, "25 are missing", "greater-manchester's figure")
    assert manchester["claimed"] == "25"


def test_unmappable_numbers_are_kept_as_not_mapped():
    ledger = _ledger(SYNTHETIC_TEXT)
    row = _row(ledger, "3 million pounds", "could not map")
    assert (row["verdict"], row["reason"]) == ("not_checkable", "not_mapped")
    assert "3" in row["claimed"] and "12" in row["claimed"]
    # "including one offender": a case, not the force's count; kept, not dropped
    assert _row(ledger, "167", "could not map")["claimed"] == "one"


def test_every_sentence_with_a_number_is_in_the_ledger():
    ledger = _ledger(SYNTHETIC_TEXT)
    numbered = {s for _, s in drafter.sentences(SYNTHETIC_TEXT) if drafter.NUMBER.search(s)}
    assert numbered == set(ledger["published_text"])
    assert set(ledger["reviewed"]) == {"false"}


def test_a_figure_whose_only_source_is_the_story_is_circular():
    # Suffolk's 5 has one source in the data: the Cambs Times page. A story at that address cannot confirm it.
    text = "SYNTHETIC: Suffolk Constabulary said five registered sex offenders were classed as wanted.\n"
    row = _row(_ledger(text, url=CAMBS_TIMES), "Suffolk", "suffolk's figure")
    assert (row["verdict"], row["reason"]) == ("not_checkable", "circular")
    # the same sentence in a story at another address: the Cambs Times is then an independent source
    assert _row(_ledger(text), "Suffolk", "suffolk's figure")["verdict"] == "supported"


def test_a_sentence_going_on_about_the_force_before_takes_its_durations_not_its_count():
    text = ("SYNTHETIC: Lincolnshire Police said the whereabouts of seven registered sex offenders were unknown. "
            "Two have been missing since 2006 and three since 2014.\n")
    drafted = drafter.draft("synthetic", text, SYNTHETIC_URL, "2015_pa")["claims"]
    later = [c for c in drafted if c["sentence"].startswith("Two")]
    assert [(c.get("quantity"), c.get("force_id"), c["claimed"]) for c in later] == [
        ("force_duration_text", "lincolnshire", "since 2006"), ("force_duration_text", "lincolnshire", "since 2014"),
        (None, None, "Two, three")]


def test_a_national_figure_whose_only_source_is_the_story_is_circular():
    # the 2015 round's national total has one address in rounds.csv: the Guardian's story
    guardian = "https://www.theguardian.com/society/2015/mar/10/hundreds-of-convicted-sex-offenders-are-missing-new-figures-show"
    text = "SYNTHETIC: nearly 400 convicted sex offenders have gone missing across the UK.\n"
    assert _row(_ledger(text, url=guardian), "nearly 400", "national total")["reason"] == "circular"
    assert _row(_ledger(text), "nearly 400", "national total")["verdict"] == "supported"


@pytest.mark.parametrize("sentence, quantity, match, claimed", [
    ("SYNTHETIC: Norfolk Police said one offender had been missing since August.", "force_duration_text",
     "described", "since August"),
    ("SYNTHETIC: Cambridgeshire Police said they had been missing for between two and eight years.",
     "force_duration_range", "range", [2, 8]),
    ("SYNTHETIC: Kent Police said one offender had been missing for two months.", "force_cases", "has_case",
     round(2 / 12, 4)),
    ("SYNTHETIC: there was one police staff member for every 50 registered sex offenders.", "staffing_ratio",
     "rounded", 50),
])
def test_durations_and_ratios_are_drafted(sentence, quantity, match, claimed):
    drafted = drafter.draft("synthetic", sentence + "\n", SYNTHETIC_URL, "2015_pa")["claims"]
    first = drafted[0]
    assert (first["quantity"], first["match"], first["claimed"]) == (quantity, match, claimed)


def test_number_words_and_figures():
    assert [drafter.value_of(w) for w in ("Ten", "46,000", "twenty-five", "one", "60s")] == [10, 46000, 25, 1, None]


def test_a_story_dropped_in_gets_its_ledger_and_draft(tmp_path):
    """As the README says: a line in stories.csv and the text; no code change."""
    (tmp_path / "synthetic_story.txt").write_text(SYNTHETIC_TEXT, encoding="utf-8")
    (tmp_path / "stories.csv").write_text(
        "story_id,outlet,url,published_date,round_id\n"
        f"synthetic_story,SYNTHETIC test outlet,{SYNTHETIC_URL},2015-03-10,2015_pa\n", encoding="utf-8")
    files, ledgers = story_ledgers.build(tmp_path / "stories.csv", verify=False)
    names = sorted(p.relative_to(story_ledgers.paths.REPORTS).as_posix() for p in files)
    assert names == ["drafts/synthetic_story.yaml", "ledgers/synthetic_story.csv", "ledgers/synthetic_story.html"]
    (story, ledger), = ledgers
    assert not story.reviewed and set(ledger["verdict"]) == {"supported", "contradicted", "not_checkable"}
    assert "reviewed: false" in files[story_ledgers.DRAFTS / "synthetic_story.yaml"]


def test_an_unlisted_story_text_is_an_error(tmp_path):
    for name in ("synthetic_story", "synthetic_listed"):
        (tmp_path / f"{name}.txt").write_text("SYNTHETIC", encoding="utf-8")
    (tmp_path / "stories.csv").write_text("story_id,outlet,url,published_date,round_id\n"
                                          f"synthetic_listed,x,{SYNTHETIC_URL},2015,2015_pa\n", encoding="utf-8")
    with pytest.raises(stories.StoryError, match="without a line in it: synthetic_story.txt"):
        stories.load(tmp_path / "stories.csv", verify=False)


@pytest.mark.parametrize("line, expected", [
    (f"Bad Id,x,{SYNTHETIC_URL},2015,2015_pa", "column story_id"),
    ("synthetic_story,x,javascript:alert(1),2015,2015_pa", "column url"),
    (f"synthetic_story,x,{SYNTHETIC_URL},2015,no_such_round", "column round_id"),
])
def test_bad_story_lines_name_the_line_and_column(tmp_path, line, expected):
    (tmp_path / "synthetic_story.txt").write_text("SYNTHETIC", encoding="utf-8")
    (tmp_path / "stories.csv").write_text("story_id,outlet,url,published_date,round_id\n" + line + "\n",
                                          encoding="utf-8")
    with pytest.raises(stories.StoryError, match=f"line 2, {expected}"):
        stories.load(tmp_path / "stories.csv", verify=False)


def test_the_seed_story_is_listed_and_reviewed():
    seed, = [s for s in stories.load() if s.story_id == "cambs_times_2015-03-10"]
    assert seed.reviewed and seed.round_id == "2015_pa"
    stories.check_against_claims(seed, claims.load(seed.story_id))


def test_the_seed_ledger_is_also_at_its_old_place():
    old = pd.read_csv(claims.ledger_path(), dtype=str, keep_default_na=False)
    new = pd.read_csv(story_ledgers.LEDGERS / "cambs_times_2015-03-10.csv", dtype=str, keep_default_na=False)
    pd.testing.assert_frame_equal(old, new)
    assert set(new["reviewed"]) == {"true"}
