"""A ledger for every published story of data/raw/published_story/stories.csv.

A story with a reviewed claims file (claims/<story_id>.yaml) is checked against it; any other story's
claims are drafted from its text (drafter.py), checked by the same rules, marked `reviewed` false,
and the draft is written to reports/drafts/<story_id>.yaml for a person to review and promote.

    reports/ledgers/<story_id>.csv    the ledger (claims.LEDGER_COLUMNS)
    reports/ledgers/<story_id>.html   the same, every evidence reference a link to its audit line
    reports/drafts/<story_id>.yaml    the drafted claims (stories without a claims file only)
"""
from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace

import pandas as pd

from missing_offenders.publish import audit, html_page, links, page_wording, templating
from missing_offenders.analyse import claims, drafter
from missing_offenders.ingest import outputs, paths, stories

LEDGERS = paths.REPORTS / "ledgers"
DRAFTS = paths.REPORTS / "drafts"


def spec_for(story: stories.Story) -> dict:
    """The reviewed claims file, or a draft made from the story's text."""
    if story.reviewed:
        spec = claims.load(story.story_id)
        stories.check_against_claims(story, spec)
        return spec
    spec = drafter.draft(story.story_id, story.text, story.url, story.round_id)
    claims.validate(spec, story.text, f"draft of {paths.relative(story.text_path)}")
    return spec


def ledger_page(story: stories.Story, ledger: pd.DataFrame) -> str:
    claims_shown = [SimpleNamespace(**{**r._asdict(), "evidence": audit.evidence_html(r.evidence, base=LEDGERS)})
                    for r in ledger.itertuples(index=False)]
    body = templating.render("ledger.html.j2", story=story, link=links.source_link(story.url, story.url),
                             state=page_wording.ledger_state(story.story_id, story.reviewed), claims=claims_shown,
                             verdicts=page_wording.verdict_counts(ledger["verdict"]))
    return html_page.page(f"Claims ledger: {story.story_id}", body, nav=[("../index.html", "All findings")],
                          width="90rem")


def build(stories_file: Path = stories.STORIES_FILE, *, verify: bool = True
          ) -> tuple[dict[Path, str], list[tuple[stories.Story, pd.DataFrame]]]:
    """Every story's outputs (path -> text) and its ledger."""
    files, ledgers = {}, []
    for story in stories.load(stories_file, verify=verify):
        spec = spec_for(story)
        ledger = claims.ledger_from_spec(spec)
        files[LEDGERS / f"{story.story_id}.csv"] = outputs.csv_text(ledger)
        files[LEDGERS / f"{story.story_id}.html"] = ledger_page(story, ledger)
        if not story.reviewed:
            files[DRAFTS / f"{story.story_id}.yaml"] = drafter.draft_yaml(spec)
        ledgers.append((story, ledger))
    return files, ledgers


def stale(files: dict[Path, str]) -> list[Path]:
    """Outputs of stories no longer listed (or drafts of stories since reviewed): to remove."""
    found = [p for folder in (LEDGERS, DRAFTS) if folder.is_dir() for p in folder.iterdir() if p.is_file()]
    return sorted(p for p in found if p not in files)


def remove_stale(files: dict[Path, str]) -> list[Path]:
    """Remove the outputs of stories no longer listed (not on a read-only run: nbval re-runs the notebook)."""
    gone = stale(files)
    if os.environ.get(outputs.READ_ONLY) != "1":
        for path in gone:
            path.unlink()
    return gone
