"""Every evidence reference is a working link: follow every local link of the ledgers, briefs, index and
call list to an existing audit page and anchor."""
from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pandas as pd
import pytest

from missing_offenders.publish import audit
from missing_offenders.ingest import paths

REPORTS = paths.REPORTS
_HREF = re.compile(r"""href=(['"])(.*?)\1""")
_ID = re.compile(r"""id=(['"])(.*?)\1""")


def _pages() -> list[Path]:
    return ([REPORTS / "index.html"] + sorted((REPORTS / "ledgers").glob("*.html"))
            + sorted((REPORTS / "briefs").rglob("*.html")))


def _ids(page: Path, cache: dict = {}) -> set[str]:  # noqa: B006  (a cache across calls, on purpose)
    if page not in cache:
        cache[page] = {unescape(m.group(2)) for m in _ID.finditer(page.read_text(encoding="utf-8"))}
    return cache[page]


def _follow(href: str, base: Path) -> str | None:
    """None if the link works, else why not. Web addresses are not followed (no network)."""
    parts = urlsplit(href)
    if parts.scheme in ("http", "https"):
        return None
    if parts.scheme:
        return f"{href}: not a web address, yet a link"
    target = (base / unquote(parts.path)).resolve() if parts.path else None
    if target is not None and not target.exists():
        return f"{href}: {target} does not exist"
    if parts.fragment and target is not None and target.suffix == ".html" and parts.fragment not in _ids(target):
        return f"{href}: no id {parts.fragment!r} in {paths.relative(target)}"
    return None


@pytest.mark.parametrize("page", _pages(), ids=lambda p: paths.relative(p))
def test_every_link_of_a_page_works(page):
    text = page.read_text(encoding="utf-8")
    broken = [why for m in _HREF.finditer(text) if (why := _follow(unescape(m.group(2)), page.parent))]
    assert not broken, broken[:5]


@pytest.mark.parametrize("page", _pages(), ids=lambda p: paths.relative(p))
def test_every_raw_line_named_in_a_page_is_a_link(page):
    text = page.read_text(encoding="utf-8")
    named = re.findall(r"data/raw/[\w/.\-]+\.csv(?:, line | line |</a> lines? <a[^>]*>)\d+(?:</a>)?", text)
    unlinked = [n for n in named if not n.endswith("</a>")]
    assert not unlinked, unlinked[:5]


def _csvs() -> list[Path]:
    return [REPORTS / "claims_ledger.csv", REPORTS / "call_list.csv"] + sorted((REPORTS / "ledgers").glob("*.csv"))


@pytest.mark.parametrize("table", _csvs(), ids=lambda p: paths.relative(p))
def test_every_evidence_url_of_a_table_works(table):
    frame = pd.read_csv(table, dtype=str, keep_default_na=False)
    links = [u for cell in frame["evidence_url"] for u in cell.split(" ; ") if u]
    assert links, "no evidence link at all"
    broken = [why for u in links if (why := _follow(u, REPORTS))]
    assert not broken, broken[:5]
    for evidence, urls in zip(frame["evidence"], frame["evidence_url"]):
        assert len(audit.evidence_refs(evidence)) == len([u for u in urls.split(" ; ") if u]), evidence


def test_a_raw_page_anchors_the_line_the_evidence_names():
    page = (audit.RAW_AUDIT / "foi_rounds" / "2015_pa.csv.html").read_text(encoding="utf-8")
    row = re.search(r"<tr id='L7'>.*?</tr>", page).group(0)
    assert "Cambridgeshire" in row


def test_evidence_text_is_escaped_and_only_web_addresses_link():
    html = audit.evidence_html("<script>x</script> javascript:alert(1) data/raw/foi_rounds/2015_pa.csv line 7",
                               base=REPORTS)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "href='javascript" not in html
    assert "href='audit/raw/foi_rounds/2015_pa.csv.html#L7'" in html


def test_every_executed_notebook_has_an_audit_page_with_its_code():
    for notebook in audit.notebook_sources():
        page = audit.notebook_page_path(notebook)
        assert page.is_file(), page
    page = (audit.NOTEBOOK_AUDIT / "04_claims_ledger.html").read_text(encoding="utf-8")
    assert "claims.ledger(story)" in unescape(re.sub(r"<[^>]+>", "", page))  # the code, highlighted


def test_references_are_read_with_every_line():
    assert audit.evidence_refs("data/raw/reference/foi_disclosure_logs.csv lines 3, 5; "
                               "data/raw/foi_rounds/2015_pa.csv line 7") == [
        ("reference/foi_disclosure_logs.csv", 3), ("reference/foi_disclosure_logs.csv", 5),
        ("foi_rounds/2015_pa.csv", 7)]
