"""Run the brief notebook for every force and publish each brief: the output of its last cell.

Starting a kernel costs about as much as running a whole brief, so each of the (two) worker
processes starts one kernel and runs the parameterised notebook through it once per force:
papermill injects the parameters exactly as on the command line, the namespace is cleared with
`%reset -f` before each run, and every cell runs top to bottom. The notebook's cells above the
last are the analysis behind the brief, for a fact-checker; the last, tagged `brief-body`, renders
the brief from the same computed context, and its HTML output, in the page shell, is the published
brief. A brief that fails is reported by force and cell, and leaves the previous HTML in place.

    python -m missing_offenders.pipeline.brief_runner 2015_pa [--workers 2]
"""
from __future__ import annotations

import argparse
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from markupsafe import Markup

from missing_offenders.publish import html_page
from missing_offenders.ingest import paths
from missing_offenders.ingest.registry import load as load_registry

TEMPLATE = paths.NOTEBOOKS / "05_force_brief.ipynb"
BODY_TAG = "brief-body"  # the cell whose HTML output is the brief
BRIEF_NAV = [("../../index.html", "All findings"), ("index.html", "All force briefs")]


class BriefBodyMissing(ValueError):
    """The executed notebook has no single HTML output in one cell tagged BODY_TAG."""


def brief_body(executed) -> str:
    """The HTML the cell tagged `brief-body` displayed: the brief, as rendered in that run."""
    cells = [cell for cell in executed.cells if BODY_TAG in cell.get("metadata", {}).get("tags", [])]
    if len(cells) != 1:
        raise BriefBodyMissing(f"{paths.relative(TEMPLATE)}: expected one cell tagged {BODY_TAG!r}, found {len(cells)}")
    html = [output["data"]["text/html"] for output in cells[0].get("outputs", [])
            if "text/html" in output.get("data", {})]
    if len(html) != 1:
        raise BriefBodyMissing(f"{paths.relative(TEMPLATE)}: the cell tagged {BODY_TAG!r} (id {cells[0].get('id')}) "
                               f"displayed {len(html)} HTML outputs; expected exactly one, the brief")
    return "".join(html[0]) if isinstance(html[0], list) else html[0]


def render(executed, title: str) -> str:
    """The executed brief's body in the page shell: self-contained, no code, no CDN assets."""
    # The body is what brief.render displayed in our own notebook: already rendered, escaped, HTML.
    return html_page.page(title, Markup(brief_body(executed)), nav=BRIEF_NAV)


def _run_forces(round_id: str, force_ids: list[str]) -> list[tuple[str, str | None, str | None]]:
    """Worker: one kernel, every brief of `force_ids`; returns (force_id, html, error)."""
    from missing_offenders.pipeline.kernels import KernelSession, RunFailure
    from missing_offenders.pipeline.nbrun import park_failure

    results = []
    with KernelSession(cwd=paths.NOTEBOOKS) as session:
        for force_id in force_ids:
            try:
                nb = session.run(TEMPLATE, {"round_id": round_id, "force_id": force_id})
            except RunFailure as failure:
                parked = park_failure(failure, Path(f"05_force_brief-{round_id}-{force_id}.ipynb"))
                results.append((force_id, None, f"{failure}; the failed run is in {paths.relative(parked)}"))
                continue
            title = f"{load_registry().by_id[force_id].name}: missing registered sex offenders"
            try:
                results.append((force_id, render(nb, title), None))
            except BriefBodyMissing as missing:
                results.append((force_id, None, str(missing)))
    return results


def index_page(round_id: str, forces) -> str:
    """The list of every force's brief (templates/briefs_index.html.j2)."""
    from missing_offenders.analyse.trends import round_words
    from missing_offenders.publish import templating

    heading = f"Force briefs: {round_words(round_id)}"
    body = templating.render("briefs_index.html.j2", heading=heading, forces=forces)
    return html_page.page(heading, body, nav=BRIEF_NAV[:1])


def main(argv: list[str] | None = None) -> int:
    from missing_offenders.pipeline import params
    from missing_offenders.ingest import registry
    from missing_offenders.pipeline.nbrun import positive_int
    from missing_offenders.ingest.outputs import write_texts

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("round_id")
    parser.add_argument("--workers", type=positive_int, default=2, help="kernels run at once (default 2)")
    args = parser.parse_args(argv)
    round_id = params.check_cleaned_round_id(args.round_id)
    forces = registry.load().forces
    ids = [f.force_id for f in forces]
    chunks = [ids[i:: args.workers] for i in range(args.workers)]
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=args.workers) as pool:
        results = [r for chunk in pool.map(_run_forces, [round_id] * len(chunks), chunks) for r in chunk]
    folder = paths.BRIEFS / round_id
    failures = [(force_id, error) for force_id, _, error in results if error]
    pages = {folder / f"{force_id}.html": html for force_id, html, _ in results if html}
    pages[folder / "index.html"] = index_page(round_id, forces)
    write_texts(pages, under=paths.BRIEFS)
    for stale in sorted(folder.glob("*.html")):
        if stale not in pages and not any(stale.stem == f for f, _ in failures):
            stale.unlink()  # a force no longer in the registry
    print(f"{len(pages) - 1} briefs for round {round_id} in {time.perf_counter() - start:.1f} s "
          f"with {args.workers} kernels")
    for force_id, error in failures:
        print(f"error: brief for {force_id} failed: {error}; its previous HTML is unchanged", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
