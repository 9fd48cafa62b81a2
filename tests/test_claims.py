"""The claims ledger: verdicts are pinned, sentences are quoted exactly, and the judge can say no."""
import pandas as pd
import pytest

from missing_offenders import claims, paths

STORY = "cambs_times_2015-03-10"
EXPECTED_VERDICTS = {
    "C01": "supported", "C02": "supported", "C03": "supported", "C04": "supported", "C05": "supported",
    "C06": "supported", "C07": "not_checkable", "C08": "not_checkable", "C09": "not_checkable",
    "C10": "not_checkable",  # Suffolk and Norfolk: the story is the only source, so it can only agree with itself
    "C11": "supported", "C12": "supported", "C13": "not_checkable", "C14": "supported", "C15": "supported",
    "C16": "not_checkable", "C17": "supported", "C18": "not_checkable", "C19": "supported", "C20": "supported",
    "C21": "supported", "C22": "not_checkable", "C23": "supported", "C24": "not_checkable",
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
    assert (ledger.loc[ledger["verdict"] == "not_checkable", "note"] != "").all()


def test_claims_that_need_care_carry_their_caveat(ledger):
    notes = dict(zip(ledger["claim_id"], ledger["note"]))
    assert "Gloucestershire Constabulary at least 14.0 years" in notes["C15"]   # as long as the Met's 14
    assert "neither is shown to be longer" in notes["C15"]
    assert "only 19 of the forces can be named" in notes["C11"]                 # "39 forces"
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
