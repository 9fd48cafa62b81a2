"""Web addresses in raw text: which are safe to link (only http and https), and one form for comparing
two addresses of the same page."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

WEB_SCHEMES = ("http", "https")


def is_web_url(url: str) -> bool:
    parts = urlsplit(url.strip())
    return parts.scheme.lower() in WEB_SCHEMES and bool(parts.netloc)


def normalise_url(url: str) -> str:
    """The address without scheme, 'www.', trailing slash or punctuation: so one page counts once."""
    text = url.strip().rstrip(".,;)'\"").lower()
    text = re.sub(r"^https?://", "", text)
    text = re.sub(r"^www\.", "", text)
    return text.rstrip("/")
