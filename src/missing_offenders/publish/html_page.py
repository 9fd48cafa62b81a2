"""One self-contained HTML page shell (templates/page.html.j2) for every page: inline CSS, no scripts, no CDN.

Made to be read on a phone as well as a desk: the page never scrolls sideways at 390 CSS px (a wide
table scrolls inside its own focusable box), the content sits in a `main` landmark, and a chart
is served in its phone layout (`<name>.phone.png`, see charts.py) on narrow screens.
"""
from __future__ import annotations

import re

from markupsafe import Markup

from missing_offenders.publish import templating

NARROW = "40rem"  # below this width a page gets the phone layout of each chart

_TABLE = re.compile(r"<table\b.*?</table>", re.S)


def _scrolling_tables(body: str) -> str:
    """Wrap each table in a box that scrolls sideways on its own, labelled and focusable so that a
    keyboard user can scroll it too."""
    count = 0
    wrap_table = templating.macro("table.html.j2", "scrolling_table")

    def wrap(match: re.Match) -> str:
        nonlocal count
        count += 1
        return str(wrap_table(count, Markup(match.group(0))))

    return _TABLE.sub(wrap, body)


def figure(src: str, alt: str, *, phone_src: str | None = None, caption: str = "") -> Markup:
    """A chart: the phone layout below NARROW, the print PNG above it, alt text, a caption (HTML)."""
    return templating.macro("figure.html.j2", "figure")(src, alt, phone_src, Markup(caption), NARROW)


def page(title: str, body: str, *, nav: list[tuple[str, str]] = (), width: str = "46rem") -> str:
    """A whole page (templates/page.html.j2); `nav` is (href, label) pairs, `body` HTML already made
    safe (its tables are made to scroll inside their own box)."""
    return str(templating.render("page.html.j2", title=title, nav=list(nav), width=width, narrow=NARROW,
                                 body=Markup(_scrolling_tables(str(body).strip()))))
