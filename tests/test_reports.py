"""Briefs and the index page: one brief per force, each naming its force, figure and source;
an index that opens from disk with no server and no internet."""
import re

import pandas as pd
from html.parser import HTMLParser

import pytest

from missing_offenders import analysis, brief, paths, registry

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
    assert ("Cambridgeshire Constabulary said 10 registered sex offenders were wanted because their whereabouts "
            "were unknown.") in html
    assert re.search(r'<img alt="Horizontal bar chart: [^"]+" src="data:image/png;base64,', html)


def test_humane_years():
    assert brief.humane_years(8.0, 8.0) == "about 8 years"
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
    missing = [link for link in local if not (index.parent / link).resolve().exists()]
    assert not missing
    text = index.read_text(encoding="utf-8")
    assert text.count("briefs/2015_pa/") == 46 and "claims_ledger.csv" in text
    assert "snapshot 01 February 2015 to 10 March 2015" in text


@pytest.mark.parametrize("low, high, expected", [
    (372, pd.NA, "said at least 372 registered sex offenders were wanted"),
    (0, 4, "gave a censored figure: between 0 and 4"),
    (0, 0, "said it had no registered sex offenders"),
])
def test_figure_sentence_for_bounds_and_ranges(low, high, expected):
    """SYNTHETIC figures on a real row: 'at least N' and censored figures must read right, not crash."""
    ctx = brief.context("2015_pa", "kent")
    ctx.row = ctx.row.copy()
    ctx.row["status"], ctx.row["missing_min"], ctx.row["missing_max"] = "reported", low, high
    assert expected in brief.figure_sentence(ctx)
    assert "Suggested wording" in brief.suggested_wording(ctx)
