"""One self-contained HTML page shell for the briefs and the index: inline CSS, no scripts, no CDN."""
from __future__ import annotations

from html import escape

_STYLE = """body { font-family: Georgia, 'Times New Roman', serif; max-width: %(width)s; margin: 2rem auto; padding: 0 1rem;
       color: #1a1a1a; line-height: 1.5; }
h1 { font-size: 1.6rem; line-height: 1.25; } h2 { font-size: 1.15rem; margin-top: 1.8rem; }
.round, .note, .status { color: #555; font-size: 0.9rem; } .figure strong { font-size: 2.4rem; }
blockquote { border-left: 4px solid #0072B2; margin: 0.5rem 0; padding: 0.2rem 1rem; background: #f4f8fb; }
table { border-collapse: collapse; margin: 0.5rem 0; } td, th { border-bottom: 1px solid #ddd; padding: 0.25rem 0.6rem;
       text-align: left; } tr.me td { font-weight: bold; background: #fff3d6; }
.wording { background: #fff3d6; padding: 0.8rem 1rem; } img { max-width: 100%%; height: auto; }
a { color: #0057a0; } nav { font-size: 0.9rem; }
figure { margin: 1.5rem 0; } figcaption { font-size: 0.85rem; color: #555; }
.columns { columns: 3 14rem; } td { vertical-align: top; }"""


def page(title: str, body: str, *, nav: list[tuple[str, str]] = (), width: str = "46rem") -> str:
    """A whole page; `nav` is (href, label) pairs, `body` already-escaped HTML."""
    links = " · ".join(f'<a href="{escape(href, quote=True)}">{escape(label)}</a>' for href, label in nav)
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>\n{_STYLE % {'width': width}}\n</style>\n</head>\n<body>\n"
        + (f"<nav>{links}</nav>\n" if links else "")
        + f"{body.strip()}\n</body>\n</html>\n"
    )
