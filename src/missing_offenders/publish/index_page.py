"""reports/index.html: the findings, every chart, the claims ledger, and links to every brief and
processed file. Self-contained: inline CSS, relative links, no CDN; dated by the data, not the build.

    python -m missing_offenders.publish.index_page 2015_pa
"""
from __future__ import annotations

import sys
from html import escape

import pandas as pd

from missing_offenders.analyse import analysis, claims, conflicts, round_comparison, staffing, trends
from missing_offenders.clean import attribution
from missing_offenders.ingest import paths, registry, rounds, stories
from missing_offenders.publish import audit, call_list, html_page, index_review, links, publication, round_labels
from missing_offenders.ingest.outputs import write_texts

CHARTS = ("{round_id}_missing_by_force", "{round_id}_longest_missing", "{round_id}_case_durations", "national_totals",
          "force_series", "staffing_ratio")


def _rel(path) -> str:
    return path.relative_to(paths.REPORTS).as_posix() if paths.REPORTS in path.parents else \
        "../" + path.relative_to(paths.ROOT).as_posix()


def _table(frame: pd.DataFrame, columns: list[str]) -> str:
    head = "".join(f"<th>{escape(c.replace('_', ' '))}</th>" for c in columns)  # headers in words, not column ids
    body = "".join("<tr>" + "".join(f"<td>{'' if pd.isna(v) else escape(str(v))}</td>" for v in row) + "</tr>"
                   for row in frame[columns].itertuples(index=False))
    return f"<table><tr>{head}</tr>{body}</table>"


def findings(round_id: str) -> str:
    tables = analysis.load_round(round_id)
    summary = tables["summary"]
    value = lambda m: analysis.summary_value(summary, m)  # noqa: E731
    total = value("national_total_reported")
    ranked = analysis.missing_by_force(tables["force_returns"], total)
    top = ranked.iloc[0]
    years, leaders = publication.longest_leaders(analysis.longest_missing(tables["force_returns"]))
    ratio = staffing.load()
    items = [
        f"{total} registered sex offenders were reported missing across the UK (national total as published).",
        f"The forces' own published figures account for at least {value('attributed_min')} of them "
        f"({value('exact_figures_sum')} from exact figures); at most {value('unattributed_max')} cannot be attributed "
        f"to a named force. {value('forces_not_published')} of the {value('forces_in_registry')} forces have no "
        "published figure.",
        "By attribution confidence (the same rule as the ledger and the briefs): " + "; ".join(
            f"{attribution.CUMULATIVE_LABEL[key]}: {value(f'attributed_min_{key}')} attributed, at most "
            f"{value(f'unattributed_max_{key}')} not" for key, _ in attribution.CUMULATIVE) + ". 'At most "
        f"{value('unattributed_max')} unattributed' holds only if every medium, low and circular figure is right.",
        f"{top['force_name']}: {top['label']}, {top['share_of_national_pct']:.1f}% of the national total.",
        f"Longest time missing described: at least {years} years ({' and '.join(leaders)}).",
        f"{ratio.offenders:,} registered sex offenders and about {ratio.staff} police staff managing them: "
        f"{ratio.per_staff:.1f} per member of staff, published as 'one for every {ratio.published_ratio}'.",
    ]
    return "<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>"


def charts_html(round_id: str) -> str:
    parts = []
    for template in CHARTS:
        name = template.format(round_id=round_id)
        alt = (paths.CHARTS / f"{name}.alt.txt").read_text(encoding="utf-8").strip()
        parts.append(html_page.figure(
            f"figures/{name}.png", alt, phone_src=f"figures/{name}.phone.png",
            caption=f"Download: <a href='figures/{name}.svg'>SVG</a> · <a href='figures/{name}.png'>PNG</a> · "
                    f"<a href='figures/{name}.csv'>data (CSV)</a> · <a href='figures/{name}.alt.txt'>alt text</a>"))
    return "".join(parts)


def round_comparison_html() -> str:
    """reports/round_comparison.csv in short: the forces with a figure in both rounds, and the caveats once."""
    table = pd.read_csv(round_comparison.OUTPUT, dtype=str, keep_default_na=False)
    if table.empty:
        return "<p>No earlier comparable round to compare with (<a href='round_comparison.csv'>round_comparison.csv</a>).</p>"
    missing = "no published figure found"
    both = table[(table["previous_figure"] != missing) & (table["current_figure"] != missing)]
    first = table.iloc[0]
    caveats = round_labels.in_words("; ".join(sorted(set(table["round_caveats"]))))
    rows = "".join(f"<tr><td>{escape(r.force_name)}</td><td>{escape(r.previous_figure)}</td><td>{escape(r.current_figure)}</td>"
                   f"<td>{escape(r.change)}</td><td>{escape(r.change_basis)}</td></tr>" for r in both.itertuples())
    return (f"<p>{escape(trends.round_words(first.current_round))} against the previous comparable round, "
            f"{escape(trends.round_words(first.previous_round))}: {len(both)} of {len(table)} forces have a figure in "
            "both (the others, each with why, are in <a href='round_comparison.csv'>round_comparison.csv</a>). "
            f"Why a comparison may not hold: {escape(caveats)}.</p>"
            "<table><tr><th>force</th><th>figure, earlier round</th><th>figure, this round</th>"
            f"<th>change</th><th>how the change was worked out</th></tr>{rows}</table>")


def ledger_html() -> str:
    ledger = pd.read_csv(claims.ledger_path(), dtype=str, keep_default_na=False)
    counts = ledger["verdict"].value_counts()
    summary = ", ".join(f"{counts.get(v, 0)} {v.replace('_', ' ')}" for v in claims.VERDICTS)
    return (f"<p>{len(ledger)} claims: {summary}. Full ledger with evidence: "
            f"<a href='claims_ledger.csv'>claims_ledger.csv</a>.</p>"
            + _evidence_table(ledger.assign(verdict=ledger["verdict"].str.replace("_", " ")), ["claim_id", "published_text", "claimed", "computed", "verdict", "reason", "note"])
            + "<p>Reasons a claim is not checkable: " + "; ".join(
                f"<strong>{escape(code)}</strong>: {escape(meaning)}" for code, meaning in claims.REASONS.items())
            + ".</p>")


def _evidence_table(frame: pd.DataFrame, columns: list[str]) -> str:
    """A table of `columns` and an evidence column whose raw references link to their audit lines."""
    head = "".join(f"<th>{escape(c.replace('_', ' '))}</th>" for c in columns + ["evidence"])
    body = "".join("<tr>" + "".join(f"<td>{escape(str(v))}</td>" for v in row[:-1])
                   + f"<td>{audit.evidence_html(row[-1], base=paths.REPORTS)}</td></tr>"
                   for row in frame[columns + ["evidence"]].itertuples(index=False))
    return f"<table><tr>{head}</tr>{body}</table>"


def stories_html() -> str:
    """Every published story checked (stories.csv), with its ledger and whether its claims were reviewed."""
    items = []
    for story in stories.load():
        ledger = pd.read_csv(paths.REPORTS / "ledgers" / f"{story.story_id}.csv", dtype=str, keep_default_na=False)
        counts = ledger["verdict"].value_counts()
        kind = "claims reviewed" if story.reviewed else \
            f"claims drafted, not reviewed (<a href='drafts/{escape(story.story_id, quote=True)}.yaml'>draft</a>)"
        items.append(f"<li>{links.source_link(story.url, f'{story.outlet}, {story.published_date}')}: "
                     f"<a href='ledgers/{escape(story.story_id, quote=True)}.html'>ledger</a> "
                     f"(<a href='ledgers/{escape(story.story_id, quote=True)}.csv'>CSV</a>), {kind}; "
                     + escape(", ".join(f"{counts.get(v, 0)} {v.replace('_', ' ')}" for v in claims.VERDICTS))
                     + "</li>")
    return ("<p>Every story listed in <code>data/raw/published_story/stories.csv</code>, checked against its round "
            "(the README says how to add one):</p><ul>" + "".join(items) + "</ul>")


def call_list_html(frame: pd.DataFrame, round_id: str) -> str:
    """The reporters' call list: who to call, and why."""
    counts = frame["why"].value_counts()
    summary = "; ".join(f"{escape(call_list.WHY[w])}: {counts.get(w, 0)}" for w in call_list.WHY)
    body = "".join(
        f"<tr><td><a href='briefs/{escape(round_id, quote=True)}/{escape(r.force_id, quote=True)}.html'>{escape(r.force_name)}</a></td>"
        f"<td>{escape(r.why.replace('_', ' '))}</td><td>{escape(round_labels.in_words(r.detail))}</td>"
        f"<td>{audit.evidence_html(round_labels.in_words(r.evidence), base=paths.REPORTS)}</td></tr>"
        for r in frame.itertuples())
    return (f"<p>{len(frame)} calls to make before publishing (<a href='call_list.csv'>call_list.csv</a>): "
            f"{summary}.</p><table><tr><th>force</th><th>why</th><th>detail</th><th>evidence</th></tr>{body}</table>")


def audit_html() -> str:
    notebooks = "".join(f"<li><a href='{escape(audit.notebook_page_path(nb).relative_to(paths.REPORTS).as_posix(), quote=True)}'>"
                        f"{escape(paths.relative(nb))}</a></li>" for nb in audit.notebook_sources())
    raws = "".join(f"<li><a href='{escape(audit.raw_page_path(r).relative_to(paths.REPORTS).as_posix(), quote=True)}'>"
                   f"{escape(paths.relative(r))}</a></li>" for r in audit.raw_files())
    return ("<p>Every step as run, with its code, and every raw file with numbered lines: each evidence reference "
            "above links to the line it rests on.</p><h3>Notebooks, as executed</h3><ul>" + notebooks
            + "</ul><h3>Raw files</h3><ul class='columns'>" + raws + "</ul>")


def tiers_html(round_id: str) -> str:
    """The attributed total and the remainder by attribution confidence, with the rule."""
    summary = analysis.load_round(round_id)["summary"]
    value = lambda m: analysis.summary_value(summary, m)  # noqa: E731
    rows = "".join(f"<tr><td>{escape(attribution.CUMULATIVE_LABEL[key])}</td><td>{value(f'attributed_min_{key}')}</td>"
                   f"<td>{value(f'unattributed_max_{key}')}</td></tr>" for key, _ in attribution.CUMULATIVE)
    rule = "; ".join(f"<strong>{t}</strong>: {escape(m)}" for t, m in attribution.TIER_MEANING.items())
    return ("<table><tr><th>figures counted</th><th>attributed to named forces, at least</th>"
            f"<th>not attributed, at most</th></tr>{rows}</table><p>Attribution confidence, one rule for the "
            f"ledger, the briefs and these totals: {rule}.</p>")


def conflicts_html() -> str:
    found = pd.read_csv(conflicts.conflicts_path(), dtype=str, keep_default_na=False)
    if found.empty:
        return "<p>No conflicting figures were found.</p>"
    return (f"<p>{len(found)} conflicts between figures for the same force, found by general rules "
            "(<a href='conflicts.csv'>conflicts.csv</a>, with sources):</p>"
            + _table(found.assign(figures=found["figures"].map(round_labels.in_words),
                                  why=found["why"].map(round_labels.in_words)), ["force_name", "figures", "why"]))


def briefs_html(round_id: str) -> str:
    items = "".join(f"<li><a href='briefs/{round_id}/{f.force_id}.html'>{escape(f.name)}</a></li>"
                    for f in registry.load().forces)
    return f"<ul class='columns'>{items}</ul>"


def files_html() -> str:
    files = sorted(p for p in paths.PROCESSED.rglob("*.csv"))
    rounds = {}
    for path in files:
        rounds.setdefault(path.parent.name, []).append(path)
    rows = "".join(
        f"<li>{escape(trends.round_words(round_id))}: " + " · ".join(f"<a href='{_rel(p)}'>{p.name}</a>" for p in found) + "</li>"
        for round_id, found in rounds.items())
    return f"<ul>{rows}</ul>"


def sources_html(round_id: str) -> str:
    returns = analysis.load_round(round_id)["force_returns"]
    used = returns.dropna(subset=["source_url"]).drop_duplicates("source_url").sort_values("source_title")
    items = "".join(f"<li>{links.source_link(r.source_url, r.source_title)}</li>"
                    for r in used.itertuples())
    return (f"<ul>{items}</ul><p>Reference data (MAPPA registers, NSPCC staffing, FOI disclosure logs) and every "
            "other round's sources are listed row by row in <code>data/raw/</code>; see <code>data/raw/SOURCES.md</code>.</p>")


def page(round_id: str) -> str:
    info = rounds.info_for(round_id)
    dated = (f"Data: FOI responses to the {info.publisher.split(' (')[0]}, snapshot {info.snapshot_start:%d %B %Y} to "
             f"{info.snapshot_end:%d %B %Y}, published {info.published_date}.")
    body = (
        "<h1>Missing registered sex offenders: the findings, checked</h1>"
        f"<p class='round'>{escape(dated)}</p>"
        f"<h2>Headline findings</h2>{findings(round_id)}"
        f"<h2>How much rests on which figures</h2>{tiers_html(round_id)}"
        f"<h2>Conflicting figures</h2>{conflicts_html()}"
        f"<h2>Needs review</h2>{index_review.needs_review_html(round_id)}"
        f"<h2>Charts</h2>{charts_html(round_id)}"
        f"<h2>Round to round</h2>{round_comparison_html()}"
        f"<h2>Claims ledger</h2>{ledger_html()}"
        f"<h2>Every published story checked</h2>{stories_html()}"
        f"<h2>Call list for reporters</h2>{call_list_html(call_list.build(round_id), round_id)}"
        f"<h2>Audit trail</h2>{audit_html()}"
        f"<h2>Force briefs</h2>{briefs_html(round_id)}"
        f"<h2>Processed data</h2>{files_html()}"
        f"<h2>Sources</h2>{sources_html(round_id)}"
    )
    return html_page.page("Missing registered sex offenders: findings", body, width="60rem")


def main(argv: list[str]) -> int:
    round_id = argv[0] if argv else "2015_pa"
    target = paths.REPORTS / "index.html"
    calls = call_list.build(round_id)
    if not write_texts({target: page(round_id), call_list.call_list_path(): calls.to_csv(index=False, lineterminator="\n")},
                       under=paths.REPORTS):
        target.touch()  # unchanged but up to date: tell make so
    print(f"wrote {paths.relative(target)}, {paths.relative(call_list.call_list_path())} ({len(calls)} calls)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
