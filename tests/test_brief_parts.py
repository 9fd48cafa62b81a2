"""The brief's parts on their own: wording rules returning plain strings, the notebook's checks, the
templates, and the brief runner taking the published brief from the notebook's last cell."""
import ast
import re

import nbformat
import pandas as pd
import pytest

from missing_offenders.ingest import paths, registry
from missing_offenders.pipeline import brief_runner
from missing_offenders.publish import brief, brief_context, brief_facts, brief_review

PUBLISH = paths.ROOT / "src" / "missing_offenders" / "publish"


@pytest.fixture(scope="module")
def cambs():
    return brief.context("2015_pa", "cambridgeshire")


def _with_row(ctx, **values):
    ctx.row = ctx.row.copy()
    for column, value in values.items():
        ctx.row[column] = value
    return ctx


# Wording rules: plain strings, no markup

def test_rank_sentence_names_place_and_share(cambs):
    assert brief_context.rank_sentence(cambs) == (
        "Cambridgeshire Constabulary has the 7th highest figure of the 19 forces whose figure was found in "
        "published reports (none was found for 24). It is 2.5% of the national total of 396.")


def test_a_force_that_reported_none_gets_no_rank_and_no_share():
    sentence = brief_context.rank_sentence(brief.context("2015_pa", "police-scotland"))
    assert sentence == "Police Scotland reported none: one of the 19 forces whose figure was found in published reports."


def test_rank_sentence_for_a_force_known_only_from_cases_and_one_not_ranked():
    assert "is not ranked: only described cases are known, so its figure is at least 1." in \
        brief_context.rank_sentence(brief.context("2015_pa", "gloucestershire"))
    assert brief_context.rank_sentence(brief.context("2015_pa", "kent")).startswith(
        "Kent Police is not in the national ranking: 22 forces")


def test_rank_sentence_names_the_forces_level_with_it():
    text = brief_context.rank_sentence(brief.context("2015_pa", "essex"))
    assert "(level with Sussex Police, West Yorkshire Police)" in text


def test_longest_at_count_gives_words_without_false_precision():
    row = pd.Series({"longest_missing_years_min": 8.09, "longest_missing_years_max": 9.19})
    assert brief_context.longest_at_count(row) == "The longest time missing at the count was 8 to 10 years."
    row = pd.Series({"longest_missing_years_min": 12.67, "longest_missing_years_max": float("nan")})
    assert brief_context.longest_at_count(row).endswith("was at least 12 years.")
    row = pd.Series({"longest_missing_years_min": float("nan"), "longest_missing_years_max": float("nan")})
    assert brief_context.longest_at_count(row) == "The longest time missing cannot be worked out from what was published."


def test_suggested_text_is_plain_text_with_a_hedge(cambs):
    text = brief_context.suggested_text(cambs)
    assert "<" not in text and "&#x27;" not in text
    assert "[Attribution confidence medium: confirm the figure with Cambridgeshire Constabulary first.]" in text


def test_suggested_text_asks_for_confirmation_where_sources_conflict():
    met = brief.context("2015_pa", "metropolitan")
    assert len(met.conflicts) and brief_context.suggested_text(met).endswith(
        "[Sources conflict on Metropolitan Police Service's figures (see Conflicting figures): confirm with "
        "Metropolitan Police Service before publishing.]")


def test_context_only_the_transcriber_noted_stays_out_of_the_suggested_wording():
    met = brief.context("2015_pa", "metropolitan")
    assert any("living abroad" in part for part in brief_context.noted_context(met))
    assert "living abroad" not in brief_context.suggested_text(met)
    assert "its source is not recorded" in brief.section_html(met, "figure")


def test_a_circular_figure_is_hedged_next_to_the_figure_itself():
    suffolk = brief.context("2015_pa", "suffolk")
    assert suffolk.tier == "circular"
    assert "Attribution confidence circular: the only source is the story being checked" in brief.section_html(suffolk, "figure")
    assert brief_context.figure_hedge(brief.context("2015_pa", "west-midlands")) == ""


def test_suggested_text_for_a_force_without_a_figure_asks_for_it():
    text = brief_context.suggested_text(brief.context("2015_pa", "kent"))
    assert text.startswith("No figure for Kent Police was among those published.")
    assert text.endswith("[Ask Kent Police for its figure before reporting one.]")


def test_figure_date_note_and_review_item_text_are_plain():
    row = pd.Series({"figure_date": "2015-03-01", "figure_note": "as of <1 March>"})   # SYNTHETIC
    assert brief_review.figure_date_note(row) == "The force dated this figure 2015-03-01 (as written: 'as of <1 March>')."
    assert brief_review.figure_date_note(pd.Series({"figure_date": "", "figure_note": ""})) == ""
    assert brief_review.review_item_text("no_such_kind", "") == "no_such_kind"
    assert brief_review.review_item_text("no_such_kind", "a <b>") == "no_such_kind: a <b>"


def test_case_label():
    assert brief.case_label("longest", pd.NA) == "longest case"
    assert brief.case_label("case", 2) == "two cases"
    assert brief.case_label("case", pd.NA) == ""


# The notebook's checks

@pytest.mark.parametrize("label, bounds", [("10", (10, 10)), ("0-4", (0, 4)), ("1+", (1, None)),
                                           ("no figure", (None, None))])
def test_label_bounds(label, bounds):
    assert brief_facts.label_bounds(label) == bounds


def test_label_bounds_refuses_what_it_cannot_read():
    with pytest.raises(ValueError, match="figure label 'about 10'"):
        brief_facts.label_bounds("about 10")


@pytest.mark.parametrize("force_id", registry.load().ids)
def test_every_brief_passes_the_notebooks_checks(force_id):
    ctx = brief.context("2015_pa", force_id)
    assert brief_facts.label_bounds(brief.figure_label(ctx)) == brief_facts.row_bounds(ctx.row)
    assert brief_facts.bounds_in_order(ctx.row)
    assert brief_facts.times_ranked(ctx) == brief_facts.expected_times_ranked(ctx.row)
    assert brief_facts.share_recomputes(ctx) and brief_facts.tier_matches(ctx)
    assert brief_facts.longest_recomputes(ctx)


def test_checks_fail_on_a_wrong_row(cambs):
    """SYNTHETIC errors on a real row: each check must be able to fail."""
    ctx = brief.context("2015_pa", "cambridgeshire")
    assert not brief_facts.bounds_in_order(_with_row(ctx, missing_min=12, missing_max=10).row)
    assert brief_facts.label_bounds("10") != brief_facts.row_bounds(_with_row(ctx, missing_min=9, missing_max=10).row)
    ctx = brief.context("2015_pa", "cambridgeshire")
    ctx.ranked = pd.concat([ctx.ranked, ctx.ranked[ctx.ranked["force_id"] == "cambridgeshire"]])
    assert brief_facts.times_ranked(ctx) == 2
    ctx = brief.context("2015_pa", "cambridgeshire")
    ctx.ranked = ctx.ranked.assign(share_of_national_pct=ctx.ranked["share_of_national_pct"] + 1)
    assert brief_facts.shown_share(ctx) == 3.5 and not brief_facts.share_recomputes(ctx)
    ctx = brief.context("2015_pa", "cambridgeshire")
    assert not brief_facts.longest_recomputes(_with_row(ctx, longest_missing_years_max=9.0))
    assert not brief_facts.longest_recomputes(_with_row(ctx, longest_missing_years_min=7.0))
    ctx.cases = ctx.cases.iloc[0:0]
    assert not brief_facts.longest_recomputes(ctx)


def test_tier_check_compares_with_the_one_rule(cambs, monkeypatch):
    assert brief_facts.shown_tier(cambs) == "medium" and brief_facts.tier_matches(cambs)
    # SYNTHETIC: a brief that states another tier than the rule's
    monkeypatch.setattr(brief.attribution, "explain", lambda tier, grade, independent: "Attribution confidence: high (x).")
    assert brief_facts.shown_tier(cambs) == "high" and not brief_facts.tier_matches(cambs)


def test_tier_check_fails_when_a_brief_with_a_source_states_no_tier(cambs, monkeypatch):
    # SYNTHETIC: a source section that lost its attribution sentence
    monkeypatch.setattr(brief.attribution, "explain", lambda tier, grade, independent: "Checked.")
    assert brief_facts.shown_tier(cambs) is None and not brief_facts.tier_matches(cambs)


# Templates: the whole brief from one context

def test_the_brief_body_has_every_section_in_order(cambs):
    body = brief.render(cambs, brief.Chart(b"PNG", "SYNTHETIC alt <text>"))
    headings = re.findall(r"<h[12]>(.*?)</h[12]>", body)
    assert headings == ["Cambridgeshire Constabulary: registered sex offenders whose whereabouts are unknown",
                        "The figure", "The source", "How long", "Nationally", "Forces with similar figures",
                        "Conflicting figures", "This force across rounds", "Caveats", "Suggested wording",
                        "Check it yourself"]
    assert '<img alt="SYNTHETIC alt &lt;text&gt;" src="data:image/png;base64,UE5H">' in body


def test_brief_modules_hold_no_hand_made_html():
    """The sections are templates: no escape() and no HTML tags in the brief modules' strings."""
    for name in ("brief.py", "brief_review.py", "brief_rounds.py", "brief_context.py", "brief_facts.py"):
        tree = ast.parse((PUBLISH / name).read_text(encoding="utf-8"))
        calls = [n.func for n in ast.walk(tree) if isinstance(n, ast.Call)]
        assert not [f for f in calls if getattr(f, "id", getattr(f, "attr", "")) == "escape"], name
        strings = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
        assert not [s for s in strings if re.search(r"<(p|h\d|ul|li|tr|td|table|svg|rect|text|a|div)[ >]", s)], name


# The runner takes the brief from the notebook's brief-body cell

def _executed(*cells):
    nb = nbformat.v4.new_notebook()
    nb.cells = list(cells)
    return nb


def _cell(tags, *html):
    cell = nbformat.v4.new_code_cell("display(HTML(x))", metadata={"tags": list(tags)})
    cell.outputs = [nbformat.v4.new_output("display_data", data={"text/html": h, "text/plain": "<HTML>"}) for h in html]
    return cell


def test_runner_publishes_the_brief_body_cell_output_only():
    nb = _executed(_cell([], "<p>analysis</p>"), _cell(["brief-body"], "<h1>The brief</h1>"))
    assert brief_runner.brief_body(nb) == "<h1>The brief</h1>"
    page = brief_runner.render(nb, "Title")
    assert "<h1>The brief</h1>" in page and "analysis" not in page


def test_runner_refuses_a_notebook_without_one_brief():
    with pytest.raises(brief_runner.BriefBodyMissing, match="expected one cell tagged 'brief-body', found 0"):
        brief_runner.brief_body(_executed(_cell([], "<p>a</p>")))
    with pytest.raises(brief_runner.BriefBodyMissing, match="displayed 2 HTML outputs"):
        brief_runner.brief_body(_executed(_cell(["brief-body"], "<p>a</p>", "<p>b</p>")))
    with pytest.raises(brief_runner.BriefBodyMissing, match="displayed 0 HTML outputs"):
        brief_runner.brief_body(_executed(_cell(["brief-body"])))


def test_the_template_notebook_tags_its_last_cell_as_the_brief():
    nb = nbformat.read(brief_runner.TEMPLATE, as_version=4)
    tagged = [i for i, c in enumerate(nb.cells) if brief_runner.BODY_TAG in c.metadata.get("tags", [])]
    assert tagged == [len(nb.cells) - 1]
    assert "brief.render(ctx" in nb.cells[-1].source
    assert brief_runner.brief_body(nb).startswith("<h1>Cambridgeshire Constabulary")
