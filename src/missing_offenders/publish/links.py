"""Links to outside sources. Only http and https URLs become links: a source_url is raw text, and
`javascript:` (or any other scheme) in it must never become something a reader can click."""
from __future__ import annotations

from html import escape

from missing_offenders.ingest.urls import is_web_url


def source_link(url: str, text: str) -> str:
    """`text` linked to `url` if it is a web address; otherwise the text, then the address as text."""
    if is_web_url(url):
        return f"<a href='{escape(url.strip(), quote=True)}'>{escape(text)}</a>"
    if url.strip():
        return f"{escape(text)} (address not linked: <code>{escape(url)}</code>)"
    return escape(text)
