"""Only http/https source URLs become links."""
import pytest

from missing_offenders.publish.links import is_web_url, source_link


@pytest.mark.parametrize("url", ["https://www.bbc.co.uk/news/x", "http://example.org/a?b=c&d=e", " HTTPS://x.org "])
def test_web_addresses_become_links(url):
    assert is_web_url(url)
    assert source_link(url, "A <source>").startswith("<a href='") and "A &lt;source&gt;</a>" in source_link(url, "A <source>")


@pytest.mark.parametrize("url", ["javascript:alert(document.cookie)", "JavaScript:alert(1)", "data:text/html,<b>x</b>",
                                 "vbscript:x", "file:///etc/passwd", "//evil.example/x", "www.bbc.co.uk", "https:"])
def test_anything_else_is_shown_as_text(url):
    html = source_link(url, "Source")
    assert "<a " not in html and "href" not in html
    assert "<b>" not in html  # escaped


def test_a_quote_cannot_break_out_of_the_attribute():
    html = source_link('https://x.org/"onmouseover="alert(1)', "Source")
    assert '"onmouseover' not in html and "&quot;onmouseover" in html


EVIL = "javascript:alert(document.cookie)"


def test_a_brief_never_links_a_non_web_source():
    import dataclasses

    from missing_offenders.publish import brief

    ctx = brief.context("2015_pa", "metropolitan")
    row = ctx.row.copy()
    row["source_url"] = EVIL
    others = ctx.other_rounds.copy()
    others["source_url"] = EVIL
    evil = dataclasses.replace(ctx, row=row, other_rounds=others)
    html = brief.section_html(evil, "source") + brief.section_html(evil, "conflicts") + brief.section_html(evil, "rounds")
    assert EVIL in html and "href='javascript" not in html and 'href="javascript' not in html


def test_the_index_never_links_a_non_web_source(monkeypatch):
    from missing_offenders.analyse import analysis
    from missing_offenders.publish import index_page

    real = analysis.load_round

    def with_evil_source(round_id):
        tables = dict(real(round_id))
        returns = tables["force_returns"].copy()
        returns["source_url"] = returns["source_url"].where(returns["source_url"].isna(), EVIL)
        tables["force_returns"] = returns
        return tables

    monkeypatch.setattr(analysis, "load_round", with_evil_source)
    html = index_page.sources_html("2015_pa")
    assert EVIL in html and "href" not in html
