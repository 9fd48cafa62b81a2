"""The published stories to check: data/raw/published_story/stories.csv and one text file each.

    story_id,outlet,url,published_date,round_id
    cambs_times_2015-03-10,Cambs Times (Archant),https://www.cambstimes.co.uk/...,2015-03-10,2015_pa

The text is data/raw/published_story/<story_id>.txt, as published. A story with a reviewed claims
file (claims/<story_id>.yaml) is checked against it; any other story's claims are drafted from its
text (drafter.py) and marked unreviewed. Every text file in the folder must be listed, so a story
dropped in without its line is an error, not a story silently left unchecked.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from missing_offenders.ingest import paths, urls
from missing_offenders.ingest.rawio import read_csv

STORIES_FILE = paths.PUBLISHED_STORY / "stories.csv"
COLUMNS = ("story_id", "outlet", "url", "published_date", "round_id")
_ID = re.compile(r"[a-z0-9][a-z0-9_\-]*")


class StoryError(ValueError):
    pass


@dataclass(frozen=True)
class Story:
    story_id: str
    outlet: str
    url: str
    published_date: str
    round_id: str
    line: int
    folder: Path = paths.PUBLISHED_STORY

    @property
    def text_path(self) -> Path:
        return self.folder / f"{self.story_id}.txt"

    @property
    def text(self) -> str:
        return self.text_path.read_text(encoding="utf-8")

    @property
    def claims_path(self) -> Path:
        return paths.CLAIMS / f"{self.story_id}.yaml"

    @property
    def reviewed(self) -> bool:
        return self.claims_path.is_file()


def load(path: Path = STORIES_FILE, *, verify: bool = True) -> list[Story]:
    """Every story listed; `verify=False` only for tests' synthetic files (outside the manifest)."""
    shown = paths.relative(path)
    if not path.is_file():
        raise StoryError(f"{shown} is missing: list every published story there ({', '.join(COLUMNS)}).")
    known_rounds = {r.get("round_id") for r in read_csv(paths.ROUNDS_FILE, ("round_id",))}
    stories, seen = [], {}
    for row in read_csv(path, COLUMNS, verify=verify):
        if row.is_blank:
            continue
        where = f"{shown}, line {row.line}"
        values = {c: row.get(c).strip() for c in COLUMNS}
        if not _ID.fullmatch(values["story_id"]):
            raise StoryError(f"{where}, column story_id: value {values['story_id']!r}: expected lower-case letters, "
                             "digits, '_' or '-' (it names the text file <story_id>.txt)")
        if values["story_id"] in seen:
            raise StoryError(f"{where}: story_id {values['story_id']!r} repeats line {seen[values['story_id']]}")
        seen[values["story_id"]] = row.line
        if not urls.is_web_url(values["url"]):
            raise StoryError(f"{where}, column url: value {values['url']!r}: expected the story's http(s) address "
                             "(a figure whose only source is this address cannot confirm the story)")
        if values["round_id"] not in known_rounds:
            raise StoryError(f"{where}, column round_id: value {values['round_id']!r}: expected a round of "
                             f"{paths.relative(paths.ROUNDS_FILE)} ({', '.join(sorted(known_rounds))})")
        story = Story(**values, line=row.line, folder=path.parent)
        if not story.text_path.is_file():
            raise StoryError(f"{where}: the story's text {paths.relative(story.text_path)} is missing: save the "
                             "text as published, as UTF-8, then run `make manifest`")
        stories.append(story)
    listed = {s.story_id for s in stories}
    unlisted = sorted(p.stem for p in path.parent.glob("*.txt") if p.stem not in listed)
    if unlisted:
        raise StoryError(f"{shown}: text files without a line in it: {', '.join(f'{u}.txt' for u in unlisted)}; "
                         f"add a line ({', '.join(COLUMNS)}) for each")
    return stories


def check_against_claims(story: Story, spec: dict) -> None:
    """A reviewed claims file must describe the same story as its line in stories.csv."""
    same_url = urls.normalise_url(str(spec.get("story_url", ""))) == urls.normalise_url(story.url)
    if not same_url or str(spec.get("round_id")) != story.round_id:
        raise StoryError(f"{paths.relative(story.claims_path)} says story_url {spec.get('story_url')!r}, round "
                         f"{spec.get('round_id')!r}; {paths.relative(STORIES_FILE)} line {story.line} says "
                         f"{story.url!r}, round {story.round_id!r}: correct one of them")
