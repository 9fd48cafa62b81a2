"""The audit trail: every raw file as an HTML page with a link target on every line, every executed
notebook as HTML with its code, and evidence text turned into links to those lines.

    reports/audit/raw/foi_rounds/2015_pa.csv.html#L7      line 7 of data/raw/foi_rounds/2015_pa.csv
    reports/audit/notebooks/04_claims_ledger.html         notebooks/04_claims_ledger.ipynb, run
    reports/audit/notebooks/01_clean_round/2023_bbc_sdu.html

Evidence such as "data/raw/foi_rounds/2015_pa.csv line 7" (or "... lines 3, 5") becomes a link to
that line; a raw file named without a line links to its page. Only pages that exist are linked to:
`evidence_refs` names the file and lines, and the tests follow every link.

    python -m missing_offenders.publish.audit        (writes reports/audit/, only files that changed)
"""
from __future__ import annotations

import csv
import io
import re
import sys
from pathlib import Path
from types import SimpleNamespace

from markupsafe import Markup

from missing_offenders.publish import html_page, links, templating
from missing_offenders.ingest import paths
from missing_offenders.ingest.outputs import write_texts
from missing_offenders.ingest.raw_refs import (  # noqa: F401  (re-exported: the pages and their addresses go together)
    AUDIT, NOTEBOOK_AUDIT, RAW_AUDIT, RAW_REF, evidence_refs, evidence_urls, notebook_page_path, raw_page_path, ref_href,
)

def raw_files() -> list[Path]:
    """Every raw file a page is made for (the manifest itself is not evidence)."""
    return sorted(p for p in paths.RAW.rglob("*") if p.is_file() and not p.name.startswith(".")
                  and p.name != "SHA256SUMS")


def raw_page(raw: Path) -> str:
    """One raw file as a table (templates/audit_raw.html.j2): a row per record (a CSV) or per line (text)."""
    text = raw.read_bytes().decode("utf-8-sig")
    shown = paths.relative(raw)
    records, lines = [], []
    if raw.suffix == ".csv":
        reader = csv.reader(io.StringIO(text, newline=""))
        line = 1
        for record in reader:
            end = reader.line_num
            records.append(SimpleNamespace(line=line, more_lines=range(line + 1, end + 1), cells=record,
                                           tag="th" if line == 1 else "td"))
            line = end + 1
    else:
        lines = list(enumerate(text.splitlines(), start=1))
    body = templating.render("audit_raw.html.j2", shown=shown, records=records, lines=lines)
    depth = len(raw.relative_to(paths.RAW).parts) - 1
    up = "../" * (depth + 2)
    return html_page.page(shown, body, nav=[(f"{up}index.html", "All findings")], width="100rem")


def notebook_sources() -> list[Path]:
    """The executed notebooks: the templates run in place, and every other round's cleaning."""
    found = sorted(paths.NOTEBOOKS.glob("*.ipynb"))
    found += sorted((paths.REPORTS / "notebooks").rglob("*.ipynb"))
    return found


def notebook_page(notebook: Path) -> str:
    """The executed notebook with its code and outputs (nbconvert's basic template, inline images)."""
    import nbformat
    from nbconvert import HTMLExporter

    nb = nbformat.read(notebook, as_version=4)
    exporter = HTMLExporter(template_name="basic")
    body, _ = exporter.from_notebook_node(nb)
    shown = paths.relative(notebook)
    depth = len(notebook_page_path(notebook).relative_to(AUDIT).parts) - 1
    page = templating.render("audit_notebook.html.j2", shown=shown, up="../" * depth, notebook=Markup(body))
    return html_page.page(shown, page, nav=[("../" * (depth + 1) + "index.html", "All findings")], width="60rem")


def pages() -> dict[Path, str]:
    found = {raw_page_path(raw): raw_page(raw) for raw in raw_files()}
    found.update({notebook_page_path(nb): notebook_page(nb) for nb in notebook_sources()})
    return found


def _links(name: str):
    return templating.macro("links.html.j2", name)


def raw_line_link(raw_file: str, line, *, base: Path) -> Markup:
    """'data/raw/x.csv, line 7' as a link to the audit page line (raw_file as in force_returns.raw_file)."""
    name = str(raw_file).removeprefix("data/raw/")
    return _links("link")(ref_href(name, int(line), base=base), f"{raw_file}, line {int(line)}")


def evidence_html(text: str, *, base: Path) -> Markup:
    """Evidence text, escaped, with every raw reference a link to its audit line and every web address
    a link (links.source_link: http and https only)."""
    text = text or ""
    parts, last = [], 0
    pattern = re.compile(RAW_REF.pattern + r"|(?P<url>https?://[^\s;,)'\"]+)")
    for match in pattern.finditer(text):
        parts.append(text[last:match.start()])
        if match.group("url"):
            parts.append(links.source_link(match.group("url"), match.group("url")))
        else:
            refs = evidence_refs(match.group(0))
            lines = [(ref_href(f, n, base=base), n) for f, n in refs] if match.group("lines") else []
            parts.append(_links("raw_ref")(ref_href(refs[0][0], refs[0][1], base=base),
                                           match.group(0).split(" line")[0], lines))
        last = match.end()
    parts.append(text[last:])
    return _links("evidence")(parts)


def sources_html(text: str) -> Markup:
    """Corroborating sources ('URL (\\'the sentence\\') ; URL') as links, each with the sentence it supports."""
    items = []
    for part in (p.strip() for p in str(text).split(" ; ")):
        if not part:
            continue
        url = re.match(r"https?://[^\s;,)'\"]+", part)
        if url:
            items.append((links.source_link(url.group(0), url.group(0)), part[url.end():].strip()))
        else:
            items.append((part, ""))
    return _links("sources")(items)


def main(argv: list[str]) -> int:
    written = write_texts(pages(), under=paths.REPORTS)
    stale = [p for p in AUDIT.rglob("*.html") if p not in set(pages_paths())] if AUDIT.is_dir() else []
    for path in stale:  # a raw file or notebook that is gone takes its page with it
        path.unlink()
    print(f"audit pages: {len(pages_paths())} in {paths.relative(AUDIT)} ({len(written)} changed, {len(stale)} removed)")
    return 0


def pages_paths() -> list[Path]:
    return [raw_page_path(r) for r in raw_files()] + [notebook_page_path(n) for n in notebook_sources()]


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
