"""One self-contained HTML page shell for the briefs and the index: inline CSS, no scripts, no CDN.

Made to be read on a phone as well as a desk: the page never scrolls sideways at 390 CSS px (a wide
table scrolls inside its own focusable box), the content sits in a `main` landmark, and a chart
is served in its phone layout (`<name>.phone.png`, see charts.py) on narrow screens.
"""
from __future__ import annotations

import re
from html import escape

NARROW = "40rem"  # below this width a page gets the phone layout of each chart

_STYLE = """*, *::before, *::after { box-sizing: border-box; }
body { font-family: Georgia, 'Times New Roman', serif; max-width: %(width)s; margin: 2rem auto; padding: 0 1rem;
       color: #1a1a1a; line-height: 1.5; overflow-wrap: break-word; }
h1 { font-size: 1.6rem; line-height: 1.25; } h2 { font-size: 1.15rem; margin-top: 1.8rem; }
.round, .note, .status { color: #555; font-size: 0.9rem; } .figure strong { font-size: 2.4rem; }
blockquote { border-left: 4px solid #0072B2; margin: 0.5rem 0; padding: 0.2rem 1rem; background: #f4f8fb; }
.table-wrap { overflow-x: auto; max-width: 100%%; margin: 0.5rem 0; }
.table-wrap:focus { outline: 2px solid #0057a0; outline-offset: 2px; }
table { border-collapse: collapse; } td, th { border-bottom: 1px solid #ddd; padding: 0.25rem 0.6rem;
       text-align: left; vertical-align: top; } tr.me td { font-weight: bold; background: #fff3d6; }
.table-wrap td { min-width: 6rem; } .table-wrap td:first-child { min-width: 0; }
.wording { background: #fff3d6; padding: 0.8rem 1rem; } img { max-width: 100%%; height: auto; }
a { color: #0057a0; overflow-wrap: anywhere; } nav { font-size: 0.9rem; }
code { overflow-wrap: anywhere; }
figure { margin: 1.5rem 0; } figcaption { font-size: 0.85rem; color: #555; }
.columns { columns: 3 14rem; }
@media (max-width: %(narrow)s) { body { margin: 1rem auto; } h1 { font-size: 1.35rem; } .figure strong { font-size: 2rem; } }"""

_TABLE = re.compile(r"<table\b.*?</table>", re.S)


def _scrolling_tables(body: str) -> str:
    """Wrap each table in a box that scrolls sideways on its own, labelled and focusable so that a
    keyboard user can scroll it too."""
    count = 0

    def wrap(match: re.Match) -> str:
        nonlocal count
        count += 1
        return (f'<div class="table-wrap" role="region" tabindex="0" aria-label="Table {count} (scrolls sideways)">'
                f"{match.group(0)}</div>")

    return _TABLE.sub(wrap, body)


def figure(src: str, alt: str, *, phone_src: str | None = None, caption: str = "") -> str:
    """A chart: the phone layout below NARROW, the print PNG above it, alt text, a caption (HTML)."""
    source = (f'<source media="(max-width: {NARROW})" srcset="{escape(phone_src, quote=True)}">'
              if phone_src else "")
    return (f'<figure><picture>{source}<img src="{escape(src, quote=True)}" alt="{escape(alt, quote=True)}">'
            f"</picture>" + (f"<figcaption>{caption}</figcaption>" if caption else "") + "</figure>")


def page(title: str, body: str, *, nav: list[tuple[str, str]] = (), width: str = "46rem") -> str:
    """A whole page; `nav` is (href, label) pairs, `body` already-escaped HTML (its tables are made to
    scroll inside their own box)."""
    links = " · ".join(f'<a href="{escape(href, quote=True)}">{escape(label)}</a>' for href, label in nav)
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>\n{_STYLE % {'width': width, 'narrow': NARROW}}\n</style>\n</head>\n<body>\n"
        + (f'<nav aria-label="Pages">{links}</nav>\n' if links else "")
        + f"<main>\n{_scrolling_tables(body.strip())}\n</main>\n</body>\n</html>\n"
    )
