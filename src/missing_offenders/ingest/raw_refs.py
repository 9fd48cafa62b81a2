"""References to raw lines in evidence text ("data/raw/foi_rounds/2015_pa.csv line 7") and the address
of the audit page that shows each one (audit.py writes the pages). Pure text and path functions, so
the ledger (analyse) and the pages (publish) link the same way."""
from __future__ import annotations

import re
from pathlib import Path

from missing_offenders.ingest import paths

AUDIT = paths.REPORTS / "audit"
RAW_AUDIT = AUDIT / "raw"
NOTEBOOK_AUDIT = AUDIT / "notebooks"

# "data/raw/foi_rounds/2015_pa.csv line 7", "data/raw/reference/x.csv lines 3, 5", "data/raw/reference/x.csv"
RAW_REF = re.compile(r"(?:data/raw/)?(?P<file>(?:foi_rounds|reference|corrections|published_story)/[A-Za-z0-9_.\-]+"
                  r"\.(?:csv|txt|md))(?: (?:line|lines) (?P<lines>\d+(?:(?:, | and )\d+)*))?")


def raw_page_path(raw: Path) -> Path:
    return RAW_AUDIT / f"{raw.relative_to(paths.RAW).as_posix()}.html"


def notebook_page_path(notebook: Path) -> Path:
    if paths.NOTEBOOKS in notebook.parents:
        relative = notebook.relative_to(paths.NOTEBOOKS)
    else:
        relative = notebook.relative_to(paths.REPORTS / "notebooks")
    return NOTEBOOK_AUDIT / relative.with_suffix(".html")


def evidence_refs(text: str) -> list[tuple[str, int | None]]:
    """(raw file relative to data/raw, line or None) for every raw reference in an evidence text, in order."""
    refs = []
    for match in RAW_REF.finditer(text or ""):
        lines = match.group("lines")
        numbers = [int(n) for n in re.split(r", | and ", lines)] if lines else [None]
        for number in numbers:
            if (match.group("file"), number) not in refs:
                refs.append((match.group("file"), number))
    return refs


def ref_href(raw_file: str, line: int | None, *, base: Path) -> str:
    """The relative address, from a page in folder `base`, of a raw file's audit page (at the line)."""
    target = RAW_AUDIT / f"{raw_file}.html"
    relative = Path(*([".."] * len(base.relative_to(paths.REPORTS).parts))) / target.relative_to(paths.REPORTS)
    return relative.as_posix() + (f"#L{line}" if line else "")


def evidence_urls(text: str, *, base: Path = paths.REPORTS) -> str:
    """Every raw reference of `text` as an address relative to `base`, joined by ' ; '."""
    return " ; ".join(ref_href(f, n, base=base) for f, n in evidence_refs(text))
