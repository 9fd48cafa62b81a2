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


def page(title: str, body: Markup, *, nav: list[tuple[str, str]] = (), width: str = "46rem") -> str:
    """A whole page (templates/page.html.j2); `nav` is (href, label) pairs, `body` rendered HTML (Markup:
    a plain string is refused, so text never reaches a page unescaped); its tables scroll in their own box."""
    if not isinstance(body, Markup):
        raise TypeError(f"page body must be rendered HTML (Markup), not {type(body).__name__}: render it from a template")
    return str(templating.render("page.html.j2", title=title, nav=list(nav), width=width, narrow=NARROW,
                                 body=Markup(_scrolling_tables(str(body).strip()))))
