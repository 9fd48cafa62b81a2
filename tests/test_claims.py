"""The claims ledger: verdicts are pinned, sentences are quoted exactly, and the judge can say no."""
import pandas as pd
import pytest

from missing_offenders.analyse import claims
from missing_offenders.ingest import paths

STORY = "cambs_times_2015-03-10"
EXPECTED_VERDICTS = {
    "C01": "supported", "C02": "supported", "C03": "supported", "C04": "supported", "C05": "supported",
    "C06": "supported", "C07": "not_checkable", "C08": "not_checkable", "C09": "not_checkable",
    "C10": "not_checkable",  # Suffolk and Norfolk: the story is the only source, so it can only agree with itself
    "C11": "not_checkable",  # changed from supported: the requester's own count, not computable (issue 11)
    "C12": "supported", "C13": "not_checkable", "C14": "supported", "C15": "supported",
    "C16": "not_checkable", "C17": "supported", "C18": "not_checkable", "C19": "supported", "C20": "supported",
    "C21": "supported", "C22": "not_checkable", "C23": "supported", "C24": "not_checkable",
    # added (issue 11): photo caption, notification duty, "released today", two job titles, "alarming"
    "C25": "not_checkable", "C26": "not_checkable", "C27": "not_checkable", "C28": "not_checkable",
    "C29": "not_checkable", "C30": "not_checkable",
}
EXPECTED_REASONS = {
    "C07": "circular", "C08": "circular", "C09": "circular", "C10": "circular", "C11": "requester_count",
    "C13": "not_in_data", "C16": "not_in_data", "C18": "quote", "C22": "opinion", "C24": "opinion",
    "C25": "unrelated", "C26": "law", "C27": "not_in_data", "C28": "not_in_data", "C29": "not_in_data", "C30": "quote",
}


@pytest.fixture(scope="module")
def ledger():
    return claims.ledger(STORY)


def test_verdicts_do_not_change(ledger):
    assert dict(zip(ledger["claim_id"], ledger["verdict"])) == EXPECTED_VERDICTS


def test_committed_ledger_is_current(ledger):
    committed = pd.read_csv(claims.ledger_path(), dtype=str, keep_default_na=False)
    assert committed.equals(ledger.astype(str)), "reports/claims_ledger.csv is stale: run `make all`"


def test_every_checked_claim_has_evidence_and_every_other_a_reason(ledger):
    checked = ledger[ledger["verdict"] != "not_checkable"]
    assert checked["evidence"].str.contains("data/").all()
    assert (checked["reason"] == "").all()
    unchecked = ledger[ledger["verdict"] == "not_checkable"]
    assert (unchecked["note"] != "").all()
    assert unchecked["reason"].isin(list(claims.REASONS)).all()
    assert dict(zip(unchecked["claim_id"], unchecked["reason"])) == EXPECTED_REASONS


def test_a_changed_verdict_is_explained_in_its_note(ledger):
    notes = dict(zip(ledger["claim_id"], ledger["note"]))
    assert notes["C11"].startswith("verdict changed from supported")


def test_c11_is_not_computed_from_a_transcribers_note(ledger):
    row = ledger.set_index("claim_id").loc["C11"]
    assert row["computed"].startswith("not computable") and "39" not in row["computed"]


def test_c12_stores_the_sentence_and_counts_only_police_answers(ledger):
    row = ledger.set_index("claim_id").loc["C12"]
    assert "in 1 of 1 police FOI answers" in row["computed"]          # the Home Office blog is not an answer
    assert "will change as arrests are made or new cases come to light" in row["computed"]


def test_c16_is_a_fact_not_an_opinion(ledger):
    row = ledger.set_index("claim_id").loc["C16"]
    assert row["reason"] == "not_in_data" and "workforce statistics" in row["note"]


def test_flags_on_the_page(ledger):
    notes = dict(zip(ledger["claim_id"], ledger["note"]))
    assert notes["C25"].startswith("FLAG") and "St Albans" in notes["C25"]
    assert notes["C26"].startswith("FLAG") and "to the police" in notes["C26"]


def test_claims_that_need_care_carry_their_caveat(ledger):
    notes = dict(zip(ledger["claim_id"], ledger["note"]))
    assert "Gloucestershire Constabulary at least 14.0 years" in notes["C15"]   # the Met's longest is 14
    assert "longer than this force's longest (14 years, as stated)" in notes["C15"]
    assert "only 19 of the forces can be named" in notes["C11"]                 # "39 forces"
    assert "requester's own count" in notes["C11"]
    assert "Thirty eight" in notes["C11"]                                       # the sources conflict
    assert notes["C07"].startswith("circular")                                  # the story checked against itself
    assert "West Yorkshire Police" in notes["C12"]                              # a 2015 answer, not other years
    assert "48.5 to 54.2" in notes["C17"]                                       # "about 900" staff
    assert "49,466" in notes["C20"]                                             # NSPCC vs MoJ basis


def test_sentences_are_quoted_exactly():
    story = (paths.PUBLISHED_STORY / f"{STORY}.txt").read_text(encoding="utf-8")
    for claim in claims.load(STORY)["claims"]:
        assert claim["sentence"] in story


@pytest.mark.parametrize("claim, value, verdict", [
    ({"id": "x", "match": "exact", "claimed": 10}, 11, "contradicted"),
    ({"id": "x", "match": "nearly", "claimed": 400, "tolerance": 20}, 402, "contradicted"),
    ({"id": "x", "match": "nearly", "claimed": 400, "tolerance": 20}, 350, "contradicted"),
    ({"id": "x", "match": "more_than", "claimed": 46000}, 45999, "contradicted"),
    ({"id": "x", "match": "rounded", "claimed": 50, "to": 10}, 56.0, "contradicted"),
    ({"id": "x", "match": "rounded", "claimed": 50, "to": 10}, 51.2, "supported"),
    ({"id": "x", "match": "range", "claimed": [2, 8]}, [2.0, 9.0], "contradicted"),
    ({"id": "x", "match": "has_case", "claimed": 14}, [(14.09, 15.19)], "contradicted"),
    ({"id": "x", "match": "increasing", "claimed": "yearly"}, [1, 3, 2], "contradicted"),
    ({"id": "x", "match": "exact", "claimed": 10}, None, "not_checkable"),
])
def test_judge_can_contradict(claim, value, verdict):
    assert claims.judge(claim, claims.Computed(value, "", "")) == verdict
