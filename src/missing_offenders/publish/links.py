"""Links to outside sources. Only http and https URLs become links: a source_url is raw text, and
`javascript:` (or any other scheme) in it must never become something a reader can click."""
from __future__ import annotations

from markupsafe import Markup

from missing_offenders.ingest.urls import is_web_url
from missing_offenders.publish import templating


def source_link(url: str, text: str) -> Markup:
    """`text` linked to `url` if it is a web address; otherwise the text, then the address as text."""
    link = templating.macro("links.html.j2", "source_link")
    if is_web_url(url):
        return link(text, href=url.strip())
    return link(text, unlinked=url if url.strip() else "")
