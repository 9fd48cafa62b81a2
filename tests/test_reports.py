"""Briefs and the index page: one brief per force, each naming its force, figure and source;
an index that opens from disk with no server and no internet."""
import re

import pandas as pd
from html.parser import HTMLParser

import pytest

from missing_offenders.analyse import analysis
from missing_offenders.publish import brief
from missing_offenders.ingest import paths, registry

BRIEFS = paths.BRIEFS / "2015_pa"


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.assets = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and "href" in attrs:
            self.links.append(attrs["href"])
        if tag in ("img", "script", "link") and (attrs.get("src") or attrs.get("href")):
            self.assets.append(attrs.get("src") or attrs.get("href"))


def parse(path):
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_one_brief_per_force():
    assert sorted(p.stem for p in BRIEFS.glob("*.html") if p.stem != "index") == sorted(registry.load().ids)


@pytest.mark.parametrize("force_id", registry.load().ids)
def test_brief_names_force_figure_and_source(force_id):
    html = re.sub(r"data:image/png;base64,[^\"]+", "", (BRIEFS / f"{force_id}.html").read_text(encoding="utf-8"))
    row = analysis.load_round("2015_pa")["force_returns"].set_index("force_id").loc[force_id]
    assert row["force_name"].replace("&", "&amp;") in html
    assert "<script" not in html and "://cdn" not in html and "<link" not in html
    assert "def " not in html and "import " not in html  # no code cells
    if row["status"] == "not_published":
        assert "No figure for" in html and "Ask " in html
    else:
        assert f"<strong>{analysis.figure_label(row['missing_min'], row['missing_max']) or 'no figure'}</strong>" in html
        assert row["source_url"] in html


def test_cambridgeshire_brief_has_the_suggested_wording():
    html = (BRIEFS / "cambridgeshire.html").read_text(encoding="utf-8")
    assert ("Cambridgeshire Constabulary told the Press Association in February or early March 2015 that 10 "
            "registered sex offenders were wanted because their whereabouts were unknown.") in html
    assert re.search(r'<img alt="Horizontal bar chart: [^"]+" src="data:image/png;base64,', html)


def test_humane_years():
    assert brief.humane_years(8.0, 8.0) == "8 years"
    assert brief.humane_years(8.75, 8.75) == "8 years and 9 months"   # West Yorkshire: not "about 9 years"
    assert brief.humane_years(8.09, 9.19) == "8 to 10 years"   # bounds round outwards
    assert brief.humane_years(0.42, 0.61) == "5 to 8 months"
    assert brief.humane_years(0.09, 1.19) == "1 month to 2 years"
    assert brief.humane_years(12.67, float("nan")) == "at least 12 years"  # never "13"
    assert brief.humane_years(1.0, float("nan")) == "at least a year"


def test_index_opens_from_disk():
    index = paths.REPORTS / "index.html"
    parsed = parse(index)
    assert all(not a.startswith(("http:", "https:", "//")) for a in parsed.assets)
    local = [link for link in parsed.links if not link.startswith(("http:", "https:"))]
    # a link to a line of an audit page ends in '#L7': the file is the part before it
    missing = [link for link in local if not (index.parent / link.split("#")[0]).resolve().exists()]
    assert not missing
    text = index.read_text(encoding="utf-8")
    assert len(set(re.findall(r"briefs/2015_pa/[\w-]+\.html", text))) == 46 and "claims_ledger.csv" in text
    assert "snapshot 01 February 2015 to 10 March 2015" in text


@pytest.mark.parametrize("low, high, expected", [
    (372, pd.NA, "that its figure was at least 372"),
    (0, 4, "that its figure was between 0 and 4"),
    (0, 0, "that its figure was 0"),
])
def test_figure_sentence_for_bounds_and_ranges(low, high, expected):
    """SYNTHETIC figures on a real row: 'at least N' and censored figures must read right, not crash."""
    ctx = brief.context("2015_pa", "kent")
    ctx.row = ctx.row.copy()
    ctx.row["status"], ctx.row["missing_min"], ctx.row["missing_max"] = "reported", low, high
    assert expected in brief.figure_sentence(ctx)
    assert "Suggested wording" in brief.section_html(ctx, "wording")


def _text(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html).replace("&#x27;", "'").replace("&quot;", '"')


@pytest.mark.parametrize("force_id, own_words", [
    ("suffolk", "five registered sex offenders were classed as “wanted”"),
    ("norfolk", "one registered sex offender was missing"),
    ("west-midlands", "it had lost contact with 39 registered sex offenders"),
    ("police-scotland", "none of its registered sex offenders were missing"),
])
def test_wording_uses_the_forces_own_term_requester_and_date(force_id, own_words):
    ctx = brief.context("2015_pa", force_id)
    text = _text(brief.section_html(ctx, "wording"))
    assert own_words in text
    assert "told the Press Association in February or early March 2015" in text
    if force_id != "police-scotland":
        assert "wanted because their whereabouts were unknown" not in text.split("Nationally")[0]


def test_scotland_brief_says_wanted_and_missing_are_counted_apart():
    caveats = _text(brief.section_html(brief.context("2015_pa", "police-scotland"), "caveats"))
    assert "counts 'wanted' and 'missing' registered sex offenders separately" in caveats


def test_met_longest_is_14_years_with_its_context():
    ctx = brief.context("2015_pa", "metropolitan")
    assert ctx.row["longest_missing_years_max"] == 14.0
    text = _text(brief.section_html(ctx, "wording") + brief.section_html(ctx, "figure"))
    assert "The longest time missing was 14 years." in text and "at least 14" not in text
    assert "believed to be living abroad" in text                     # the force's own context, next to the figure


def test_west_yorkshire_duration_as_stated():
    text = _text(brief.section_html(brief.context("2015_pa", "west-yorkshire"), "wording"))
    assert "8 years and 9 months" in text and "about 9 years" not in text
    assert "on 12 February 2015 (the year is inferred, not stated)" in text


def test_norfolk_year_is_inferred_and_says_so():
    ctx = brief.context("2015_pa", "norfolk")
    assert "the year, 2014, is inferred from the date of the count, not stated" in _text(brief.section_html(ctx, "wording"))
    assert "inferred" in _text(brief.section_html(ctx, "duration"))


def test_gloucestershire_has_no_nested_parenthesis():
    text = _text(brief.section_html(brief.context("2015_pa", "gloucestershire"), "figure") +
                 brief.section_html(brief.context("2015_pa", "gloucestershire"), "wording"))
    assert "(more than 14 years)" not in text and "))" not in text


def test_cambridgeshire_duration_table_names_shortest_and_longest():
    html = brief.section_html(brief.context("2015_pa", "cambridgeshire"), "duration")
    assert "shortest case" in html and "longest case" in html


def test_top_table_does_not_cut_a_tie():
    """SYNTHETIC ranking: the fifth and sixth forces are level, so both are shown."""
    ranked = pd.DataFrame({"rank": [1, 2, 3, 4, 5, 5, 7], "force_id": list("abcdefg")})
    assert list(brief.with_ties(ranked, 0, 4)["force_id"]) == list("abcdef")
    assert list(brief.with_ties(ranked, 3, 6)["force_id"]) == list("defg")


def test_briefs_show_conflicts():
    ctx = brief.context("2015_pa", "west-yorkshire")
    html = brief.section_html(ctx, "conflicts") + brief.section_html(ctx, "rounds")
    # the other source is named in words for readers (its round id stays in conflicts.csv)
    assert "Conflicting figures" in html and "one force&#x27;s answer, undated: 13" in html
    assert "yep_undated:" not in html
    assert "Conflicting figures" not in brief.section_html(brief.context("2015_pa", "suffolk"), "conflicts")


def test_index_shows_tiers_and_conflicts():
    text = (paths.REPORTS / "index.html").read_text(encoding="utf-8")
    assert "high confidence only" in text and "high and medium confidence" in text
    assert "conflicts.csv" in text and "West Yorkshire Police" in text


def test_longest_leaders_leave_out_a_force_whose_stated_maximum_is_shorter():
    """The Met's longest is 14 years as stated; Gloucestershire's case since 2000 is at least 14.09."""
    from missing_offenders.publish import publication
    longest = analysis.longest_missing(analysis.load_round("2015_pa")["force_returns"])
    assert publication.longest_leaders(longest) == (14, ["Gloucestershire Constabulary"])
    synthetic = pd.DataFrame({"force_name": ["A", "B", "C"], "longest_missing_years_min": [14.0, 14.5, 3.0],
                              "longest_missing_years_max": [14.0, float("nan"), 4.0]})  # SYNTHETIC
    assert publication.longest_leaders(synthetic) == (14, ["B"])
