"""Text from the data reaches every page escaped, never as markup: a SYNTHETIC value with a script tag
and quotes, put where a source's text goes on each page (index, audit pages, a story ledger, the briefs'
index), prints as text; and the templates join lines without changing a sentence."""
from types import SimpleNamespace

import pandas as pd
from markupsafe import Markup

from missing_offenders.analyse import claims
from missing_offenders.ingest import stories
from missing_offenders.pipeline import brief_runner
from missing_offenders.publish import audit, index_page, story_ledgers, templating

EVIL = "<script>alert('x')</script> \"quoted\" & co"
ESCAPED = "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &quot;quoted&quot; &amp; co"


def _safe(html: str) -> None:
    assert "<script>" not in html and ESCAPED in html, html[:500]


def test_joinlines_drops_the_templates_own_line_breaks_not_the_values():
    template = templating.ENVIRONMENT.from_string("{% joinlines %}\n<p>\n  {{ v }}\n</p>\n{% endjoinlines %}\nafter")
    assert template.render(v="a\n  b") == "<p>a\n  b</p>after"


def test_the_index_template_escapes_every_value():
    sections = ["findings", "tiers", "conflicts", "needs_review", "charts", "round_comparison", "ledger", "stories",
                "call_list", "audit", "briefs", "files", "sources"]
    html = templating.render("index.html.j2", dated=EVIL, **{s: EVIL for s in sections})
    assert html.count(ESCAPED) == len(sections) + 1 and "<script>" not in html


def test_index_sections_escape_names_text_and_links():
    calls = pd.DataFrame([{"force_id": "x'y", "force_name": EVIL, "why": "conflict", "detail": EVIL, "evidence": EVIL}])
    html = index_page.call_list_html(calls, "2015_pa")
    _safe(html)
    assert "briefs/2015_pa/x&#x27;y.html" in html
    _safe(index_page._section("findings", [EVIL]))
    _safe(index_page._section("conflicts", [(EVIL, "1 and 2", "why")]))
    _safe(index_page._section("briefs", "2015_pa", [SimpleNamespace(force_id="kent", name=EVIL)]))
    _safe(index_page._section("charts", [("name", EVIL)], "40rem"))


def test_an_audit_raw_page_shows_the_file_as_text(tmp_path, monkeypatch):
    monkeypatch.setattr(audit.paths, "RAW", tmp_path)
    raw = tmp_path / "synthetic.csv"
    raw.write_text(f'a,b\n"{EVIL.replace(chr(34), chr(34) * 2)}",2\n', encoding="utf-8")
    html = audit.raw_page(raw)
    _safe(html)
    assert "<tr id='L2'><td class='n'><a href='#L2'>2</a></td><td>" in html
    text = tmp_path / "synthetic.txt"
    text.write_text(f"line one\n{EVIL}\n", encoding="utf-8")
    _safe(audit.raw_page(text))
    assert f"<pre>{ESCAPED}</pre>" in audit.raw_page(text)


def test_an_audit_notebook_page_escapes_its_name_but_keeps_the_notebooks_html():
    html = templating.render("audit_notebook.html.j2", shown=EVIL, up="../", notebook=Markup("<div class='cell'></div>"))
    _safe(html)
    assert "<div class='cell'></div>" in html and "<a href='../raw/'>" in html


def test_evidence_and_sources_escape_text_around_their_links():
    _safe(audit.evidence_html(f"{EVIL} data/raw/foi_rounds/2015_pa.csv lines 3, 5", base=audit.paths.REPORTS))
    html = audit.sources_html(f"https://example.org/a ({EVIL}) ; {EVIL}")
    _safe(html)
    assert html.startswith("<ul class='sources'><li><a href='https://example.org/a'>")


def test_a_story_ledger_page_escapes_the_story_and_its_claims():
    story = stories.Story(story_id="synthetic", outlet=EVIL, url="javascript:alert(1)", published_date="2015-03-10",
                          round_id="2015_pa", line=2)
    row = {c: EVIL for c in claims.LEDGER_COLUMNS} | {"claim_id": "c'1"}
    html = story_ledgers.ledger_page(story, pd.DataFrame([row], columns=claims.LEDGER_COLUMNS))
    _safe(html)
    assert "<tr id='c&#x27;1'>" in html and "href='javascript" not in html


def test_the_briefs_index_escapes_force_names():
    html = brief_runner.index_page("2015_pa", [SimpleNamespace(force_id="a'b", name=EVIL)])
    _safe(html)
    assert "<a href='a&#x27;b.html'>" in html
