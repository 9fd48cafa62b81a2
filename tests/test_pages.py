"""The page shell and the committed pages read on a phone: a main landmark, wide tables scrolling in
their own box, charts in their phone layout, titles and prose in words (the browser check itself is
tools/check_pages.py, `make pages-check`)."""
import re

import pytest

from markupsafe import Markup

from missing_offenders.publish import html_page, index_page, templating
from missing_offenders.ingest import paths, registry

BRIEFS = paths.BRIEFS / "2015_pa"
CODES = re.compile(r"status: |\b(?:not_published|cases_only|no_response)\b|\branks \d+ of the\b|\(2015_pa\)")


def visible_text(page: str) -> str:
    page = re.sub(r"<(style|code)>.*?</\1>", "", page, flags=re.S)
    page = re.sub(r"data:image/png;base64,[^\"']+", "", page)
    return re.sub(r"<[^>]+>", " ", page)


def test_page_shell_has_main_and_scrolling_tables():
    page = html_page.page("A title", Markup("<h1>x</h1><table><tr><td>1</td></tr></table><table></table>"),
                          nav=[("index.html", "Home")])
    assert page.count("<main>") == 1 and page.index("<nav") < page.index("<main>")
    assert page.count('<div class="table-wrap" role="region" tabindex="0" aria-label="Table') == 2
    assert ".table-wrap { overflow-x: auto;" in page


def test_figure_serves_the_phone_layout_on_narrow_screens():
    html = templating.macro("figure.html.j2", "figure")("figures/a.png", "Alt 'text'", "figures/a.phone.png",
                                                        Markup("c"), html_page.NARROW)
    assert '<source media="(max-width: 40rem)" srcset="figures/a.phone.png">' in html
    assert 'alt="Alt &#x27;text&#x27;"' in html


def test_index_uses_the_shell_the_phone_charts_and_words():
    page = (paths.REPORTS / "index.html").read_text(encoding="utf-8")
    assert "<main>" in page and page.count(".phone.png\">") == len(index_page.CHARTS)
    assert "<th>claim id</th>" in page
    assert not CODES.search(visible_text(page))


@pytest.mark.parametrize("force_id", registry.load().ids)
def test_brief_titles_and_text_are_in_words(force_id):
    page = (BRIEFS / f"{force_id}.html").read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", page).group(1)
    assert title == f"{registry.load().by_id[force_id].name.replace('&', '&amp;')}: missing registered sex offenders"
    assert "<main>" in page
    assert not CODES.search(visible_text(page)), CODES.search(visible_text(page))
