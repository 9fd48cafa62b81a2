"""reports/index.html: the findings, every chart, the claims ledger, and links to every brief and
processed file. Self-contained: inline CSS, relative links, no CDN; dated by the data, not the build.

    python -m missing_offenders.publish.index_page 2015_pa
"""
from __future__ import annotations

import sys
from types import SimpleNamespace

import pandas as pd
from markupsafe import Markup

from missing_offenders.analyse import analysis, claims, conflicts, processed_rounds, round_comparison, staffing, trends
from missing_offenders.clean import attribution
from missing_offenders.ingest import paths, registry, stories
from missing_offenders.publish import (
    audit, call_list, html_page, index_review, links, page_wording, publication, round_labels, templating,
)
from missing_offenders.ingest.outputs import write_texts

CHARTS = ("{round_id}_missing_by_force", "{round_id}_longest_missing", "{round_id}_case_durations", "national_totals",
          "force_series", "staffing_ratio")


def _rel(path) -> str:
    return path.relative_to(paths.REPORTS).as_posix() if paths.REPORTS in path.parents else \
        "../" + path.relative_to(paths.ROOT).as_posix()


def _section(name: str, *args) -> Markup:
    return templating.macro("index_sections.html.j2", name)(*args)


def findings(round_id: str) -> Markup:
    tables = analysis.load_round(round_id)
    summary = tables["summary"]
    values = {m: analysis.summary_value(summary, m) for m in summary["measure"]}
    top = analysis.missing_by_force(tables["force_returns"], values["national_total_reported"]).iloc[0]
    years, leaders = publication.longest_leaders(analysis.longest_missing(tables["force_returns"]))
    ratio = staffing.load()
    return _section("findings", page_wording.findings(
        values, top_force=top["force_name"], top_label=top["label"], top_share_pct=top["share_of_national_pct"],
        years=years, leaders=leaders, offenders=ratio.offenders, staff=ratio.staff, per_staff=ratio.per_staff,
        published_ratio=ratio.published_ratio))


def charts_html(round_id: str) -> Markup:
    names = [template.format(round_id=round_id) for template in CHARTS]
    return _section("charts", [(name, (paths.CHARTS / f"{name}.alt.txt").read_text(encoding="utf-8").strip())
                               for name in names], html_page.NARROW)


def round_comparison_html() -> Markup:
    """reports/round_comparison.csv in short: the forces with a figure in both rounds, and the caveats once."""
    table = pd.read_csv(round_comparison.OUTPUT, dtype=str, keep_default_na=False)
    if table.empty:
        return _section("round_comparison", None)
    missing = "no published figure found"
    both = table[(table["previous_figure"] != missing) & (table["current_figure"] != missing)]
    first = table.iloc[0]
    return _section("round_comparison", SimpleNamespace(
        current=trends.round_words(first.current_round), previous=trends.round_words(first.previous_round),
        forces=len(table), caveats=round_labels.in_words("; ".join(sorted(set(table["round_caveats"])))),
        rows=both[["force_name", "previous_figure", "current_figure", "change", "change_basis"]].values.tolist()))


def ledger_html() -> Markup:
    ledger = pd.read_csv(claims.ledger_path(), dtype=str, keep_default_na=False)
    columns = ["claim_id", "published_text", "claimed", "computed", "verdict", "reason", "note"]
    shown = ledger.assign(verdict=ledger["verdict"].map(page_wording.in_words))
    rows = [[*row[:-1], audit.evidence_html(row[-1], base=paths.REPORTS)]
            for row in shown[columns + ["evidence"]].itertuples(index=False)]
    return _section("ledger", len(ledger), page_wording.verdict_counts(ledger["verdict"]),
                    [page_wording.in_words(c) for c in columns + ["evidence"]], rows, list(claims.REASONS.items()))


def stories_html() -> Markup:
    """Every published story checked (stories.csv), with its ledger and whether its claims were reviewed."""
    found = []
    for story in stories.load():
        ledger = pd.read_csv(paths.REPORTS / "ledgers" / f"{story.story_id}.csv", dtype=str, keep_default_na=False)
        found.append(SimpleNamespace(
            link=links.source_link(story.url, f"{story.outlet}, {story.published_date}"), story_id=story.story_id,
            reviewed=story.reviewed, verdicts=page_wording.verdict_counts(ledger["verdict"])))
    return _section("stories", found)


def call_list_html(frame: pd.DataFrame, round_id: str) -> Markup:
    """The reporters' call list: who to call, and why."""
    calls = [SimpleNamespace(force_id=r.force_id, force_name=r.force_name, why=page_wording.in_words(r.why),
                             detail=round_labels.in_words(r.detail),
                             evidence=audit.evidence_html(round_labels.in_words(r.evidence), base=paths.REPORTS))
             for r in frame.itertuples()]
    return _section("call_list", round_id, calls, page_wording.calls_by_reason(frame["why"], call_list.WHY))


def audit_html() -> Markup:
    def listed(pages):
        return [(page.relative_to(paths.REPORTS).as_posix(), paths.relative(source)) for source, page in pages]

    return _section("audit", listed((nb, audit.notebook_page_path(nb)) for nb in audit.notebook_sources()),
                    listed((raw, audit.raw_page_path(raw)) for raw in audit.raw_files()))


def tiers_html(round_id: str) -> Markup:
    """The attributed total and the remainder by attribution confidence, with the rule."""
    summary = analysis.load_round(round_id)["summary"]
    value = lambda m: analysis.summary_value(summary, m)  # noqa: E731
    rows = [(attribution.CUMULATIVE_LABEL[key], value(f"attributed_min_{key}"), value(f"unattributed_max_{key}"))
            for key, _ in attribution.CUMULATIVE]
    return _section("tiers", rows, list(attribution.TIER_MEANING.items()))


def conflicts_html() -> Markup:
    found = pd.read_csv(conflicts.conflicts_path(), dtype=str, keep_default_na=False)
    return _section("conflicts", [(r.force_name, round_labels.in_words(r.figures), round_labels.in_words(r.why))
                                  for r in found.itertuples()])


def briefs_html(round_id: str) -> Markup:
    return _section("briefs", round_id, registry.load().forces)


def files_html() -> Markup:
    found = {}
    for path in sorted(paths.PROCESSED.rglob("*.csv")):
        found.setdefault(path.parent.name, []).append((_rel(path), path.name))
    return _section("files", [(trends.round_words(round_id), files) for round_id, files in found.items()])


def sources_html(round_id: str) -> Markup:
    returns = analysis.load_round(round_id)["force_returns"]
    used = returns.dropna(subset=["source_url"]).drop_duplicates("source_url").sort_values("source_title")
    return _section("sources", [links.source_link(r.source_url, r.source_title) for r in used.itertuples()])


def page(round_id: str, calls: pd.DataFrame | None = None) -> str:
    """The index page; `calls` is call_list.build(round_id), built here unless the caller has it already."""
    calls = call_list.build(round_id) if calls is None else calls
    info = processed_rounds.info(round_id)
    body = templating.render(
        "index.html.j2",
        dated=page_wording.dated(info.publisher, info.snapshot_start, info.snapshot_end, info.published_date),
        findings=findings(round_id), tiers=tiers_html(round_id), conflicts=conflicts_html(),
        needs_review=index_review.needs_review_html(round_id), charts=charts_html(round_id),
        round_comparison=round_comparison_html(), ledger=ledger_html(), stories=stories_html(),
        call_list=call_list_html(calls, round_id), audit=audit_html(),
        briefs=briefs_html(round_id), files=files_html(), sources=sources_html(round_id))
    return html_page.page("Missing registered sex offenders: findings", body, width="60rem")


def main(argv: list[str]) -> int:
    round_id = argv[0] if argv else "2015_pa"
    target = paths.REPORTS / "index.html"
    calls = call_list.build(round_id)
    if not write_texts({target: page(round_id, calls), call_list.call_list_path(): calls.to_csv(index=False, lineterminator="\n")},
                       under=paths.REPORTS):
        target.touch()  # unchanged but up to date: tell make so
    print(f"wrote {paths.relative(target)}, {paths.relative(call_list.call_list_path())} ({len(calls)} calls)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
