"""The wording rules of the index, its review section and the ledger pages, each on its own: plain
values in, plain text out (the templates only place and escape it). Values are SYNTHETIC."""
import datetime as dt

from missing_offenders.analyse import claims, round_history
from missing_offenders.clean import attribution
from missing_offenders.publish import call_list, page_wording


def test_plural_says_one_and_many():
    assert page_wording.plural(1, "figure") == "1 figure"
    assert page_wording.plural(0, "figure") == "0 figures" and page_wording.plural(2, "item") == "2 items"


def test_codes_are_shown_in_words():
    assert page_wording.in_words("not_checkable") == "not checkable" and page_wording.in_words("claim_id") == "claim id"


def test_dated_line_names_the_requester_without_its_aside_and_the_window():
    line = page_wording.dated("Press Association (news agency)", dt.date(2015, 2, 1), dt.date(2015, 3, 2), "2015-03-10")
    assert line == ("Data: FOI responses to the Press Association, snapshot 01 February 2015 to 02 March 2015, "
                    "published 2015-03-10.")


def test_verdict_counts_name_every_verdict_in_order_even_at_zero():
    text = page_wording.verdict_counts([claims.VERDICTS[1], claims.VERDICTS[1]])
    parts = text.split(", ")
    assert len(parts) == len(claims.VERDICTS)
    assert parts[1] == f"2 {claims.VERDICTS[1].replace('_', ' ')}"
    assert all(p.startswith("0 ") for i, p in enumerate(parts) if i != 1) and "_" not in text


def test_calls_by_reason_keep_the_reasons_order_and_zeros():
    text = page_wording.calls_by_reason(["conflict", "conflict", "circular"], call_list.WHY)
    assert text.split("; ")[0] == f"{call_list.WHY['no_published_figure']}: 0"
    assert f"{call_list.WHY['conflict']}: 2" in text and f"{call_list.WHY['circular']}: 1" in text


def test_waiting_counts_items_across_rounds():
    assert page_wording.waiting(1, 3) == "1 item waiting across 3 rounds."
    assert page_wording.waiting(0, 3) == "0 items waiting across 3 rounds."


def test_history_says_none_in_words_or_how_many_with_the_rule():
    rule = f"at least {round_history.HISTORY_FACTOR} times, and {round_history.HISTORY_MIN_GAP} more than"
    assert page_wording.history(0).startswith(f"None: no figure is {rule}") and page_wording.history(0).endswith(".")
    assert page_wording.history(1).startswith(f"1 figure {rule}") and page_wording.history(2).startswith("2 figures ")
    assert page_wording.history(2).endswith(":")


def test_ledger_state_says_who_reviewed_and_where_the_claims_are():
    assert page_wording.ledger_state("s1", True) == "claims reviewed by a person (claims/s1.yaml)"
    assert page_wording.ledger_state("s1", False) == "claims DRAFTED from the text, not reviewed: see ../drafts/s1.yaml"


def test_findings_state_each_number_with_its_basis():
    values = {"national_total_reported": 400, "attributed_min": 300, "exact_figures_sum": 250, "unattributed_max": 100,
              "forces_not_published": 5, "forces_in_registry": 46}
    for key, _ in attribution.CUMULATIVE:
        values[f"attributed_min_{key}"], values[f"unattributed_max_{key}"] = 11, 22
    sentences = page_wording.findings(values, top_force="Force A", top_label="at least 40", top_share_pct=10.04,
                                      years=12, leaders=["Force A", "Force B"], offenders=52000, staff=1000,
                                      per_staff=52.04, published_ratio=52)
    assert sentences[0].startswith("400 registered sex offenders were reported missing")
    assert "at least 300 of them (250 from exact figures); at most 100 cannot be attributed" in sentences[1]
    assert "5 of the 46 forces have no published figure" in sentences[1]
    assert sentences[2].count("11 attributed, at most 22 not") == len(attribution.CUMULATIVE)
    assert sentences[3] == "Force A: at least 40, 10.0% of the national total."
    assert sentences[4] == "Longest time missing described: at least 12 years (Force A and Force B)."
    assert sentences[5].startswith("52,000 registered sex offenders and about 1000 police staff") and "52.0 per" in sentences[5]
