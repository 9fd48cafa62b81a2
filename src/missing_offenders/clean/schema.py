"""Every processed table in one place: its columns, their types and allowed values, and what they mean.

The cleaning builds its frames from these column lists, the checks test them, the README's data
dictionary is tested against them, and `datapackage()` turns them into a Frictionless Data Package
(data/processed/datapackage.json) that people reusing the data can validate and load with one call.
"""
from __future__ import annotations

from dataclasses import dataclass

STATUSES = ("reported", "cases_only", "refused", "no_response", "not_published")
COUNTED = STATUSES[:2]  # statuses whose figure counts towards what the forces account for
# How a force's duration_text was read: by a rule, by a person (data/raw/readings/), not yet
# (unread: listed for review, durations blank), or there was none to read.
DURATION_STATUSES = ("read", "manual_reading", "unread", "none")
CASE_KINDS = ("cases", "shortest", "longest")
LOG_OUTCOMES = ("used", "corrected", "excluded", "unread", "ignored")
MEASURES = ("stock", "flow")
YEARS_DECIMALS = 2


@dataclass(frozen=True)
class Field:
    name: str
    type: str                       # Frictionless: string, integer, number, date, boolean
    description: str
    required: bool = False
    enum: tuple[str, ...] = ()
    minimum: int | None = None


def _text(name, description, **kw):
    return Field(name, "string", description, **kw)


def _count(name, description, **kw):
    return Field(name, "integer", description, minimum=0, **kw)


RAW_PLACE = (_text("raw_file", "the raw file the row came from, relative to the project root", required=True),
             _count("raw_line", "the line of the raw file the record starts on (the header is line 1)", required=True))

TABLES: dict[str, tuple[str, tuple[Field, ...]]] = {
    "force_returns": ("One row per force of the registry, sorted by force_id.", (
        _text("round_id", "the FOI round", required=True),
        _text("force_id", "canonical force id (data.police.uk; police-scotland, btp)", required=True),
        _text("force_name", "the force's name in the registry", required=True),
        _text("country", "England, Wales, Scotland, Northern Ireland or UK-wide", required=True),
        _text("status", "what the force's answer was", required=True, enum=STATUSES),
        _count("missing_min", "lowest number of missing offenders the figure allows (blank when unknown)"),
        _count("missing_max", "highest number the figure allows (blank when unbounded or unknown)"),
        _text("figure_date", "the figure's own snapshot date when its text gives one (YYYY-MM-DD or YYYY-MM)"),
        _text("figure_note", "the bracketed qualifier after the figure, verbatim"),
        Field("longest_missing_years_min", "number", "lowest bound on the longest time missing, in years"),
        Field("longest_missing_years_max", "number", "highest bound on the longest time missing, in years"),
        _count("cases_described", "how many offenders the duration text describes individually", required=True),
        _text("duration_status", "how duration_text was read", required=True, enum=DURATION_STATUSES),
        _text("exemptions", "FOI exemptions cited in a refusal, ';'-separated"),
        _text("force_as_reported", "the force's name as the source wrote it (verbatim)"),
        _text("count_text", "the figure as written (verbatim)"),
        _text("duration_text", "how long offenders had been missing, as written (verbatim)"),
        _text("confidence", "the transcriber's confidence that the figure is the force's (high, medium, low)"),
        _text("verbatim", "the source sentence (verbatim)"),
        _text("source_title", "the source's title"),
        _text("source_url", "the source's address"),
        _text("published_date", "when the source was published, as transcribed"),
        _text("corroborating_sources", "other sources for the same figure, as transcribed"),
        _text("notes", "the transcriber's note"),
        _text("raw_file", "the raw file the row came from (blank for a force with no row)"),
        _count("raw_line", "the line of the raw file the record starts on"),
    )),
    "cleaning_log": ("One line per raw field interpreted, with the rule that read it.", (
        _text("round_id", "the FOI round", required=True), *RAW_PLACE,
        _text("column", "the raw column read", required=True),
        _text("raw_text", "the raw value as written (on a corrected line, what the file says before the correction)"),
        _text("parsed_value", "what the rule read it as"),
        _text("rule", "the rule that fired", required=True),
        _text("outcome", "what became of the field", required=True, enum=LOG_OUTCOMES),
    )),
    "missing_cases": ("The durations, case by case where the text gives them.", (
        _text("round_id", "the FOI round", required=True),
        _text("force_id", "canonical force id", required=True),
        _text("kind", "N offenders with this duration, or an end of a range covering all cases", required=True,
              enum=CASE_KINDS),
        _count("cases", "how many offenders (blank for shortest/longest)"),
        Field("years_min", "number", "lowest bound on the time missing, in years"),
        Field("years_max", "number", "highest bound on the time missing, in years"),
        _text("text", "the clause read", required=True),
        _text("rule", "the rule that read it", required=True),
        *RAW_PLACE,
    )),
    "summary": ("The round in one long table: a value per measure, with its detail.", (
        _text("round_id", "the FOI round", required=True),
        _text("measure", "what is counted (see the README)", required=True),
        Field("value", "integer", "the count (blank where the measure is text only or unknown)"),
        _text("detail", "how it was counted, or the forces it counts"),
    )),
    "needs_review": ("What a person must look at before the round is used; nothing here changes a figure.", (
        _text("round_id", "the FOI round", required=True),
        _text("kind", "what needs review", required=True),
        _text("force_id", "the force concerned (blank for a file-wide item)"),
        _text("raw_file", "the raw file"),
        _count("raw_line", "the raw line"),
        _text("column", "the raw column"),
        _text("raw_text", "the raw value"),
        _text("detail", "why it needs review"),
        _text("reading_line", "a ready-to-fill line for data/raw/readings/<round_id>.csv"),
    )),
    "round": ("The round's facts, typed: downstream code reads these instead of parsing summary text.", (
        _text("round_id", "the FOI round", required=True),
        _text("requester", "who asked the forces (publisher_of_foi in rounds.csv)"),
        _count("national_total_reported", "the national total as the requester published it"),
        _count("forces_basis", "how many forces the requester said had missing offenders, as a number"),
        _text("forces_basis_as_published", "the same, as transcribed, with any conflicting count"),
        _text("measure", "stock (a count on a day) or flow (over a period)", enum=MEASURES),
        Field("snapshot_start", "date", "first day the count can have been taken"),
        Field("snapshot_end", "date", "last day the count can have been taken"),
        _text("snapshot_rule", "where the snapshot window came from", required=True),
        Field("published_date", "date", "when the round was published (the day of published_as_transcribed)"),
        _text("published_as_transcribed", "when the round was published, as transcribed: rounds.csv published_date, "
              "or for a round not listed there the date all its rows share (blank if they differ)"),
        _count("row_publication_dates", "how many different publication dates the round's rows give"),
        _text("verbatim", "the sentence giving the national figures, as published"),
        _text("source_title", "the title of that source"),
        _text("source_url", "the source of the national figures"),
        _text("notes", "the transcriber's notes on the round (other sources, conflicting counts)"),
        _count("rounds_csv_line", "the round's line in data/raw/foi_rounds/rounds.csv (blank if not listed)"),
    )),
}


def columns(table: str) -> tuple[str, ...]:
    return tuple(field.name for field in TABLES[table][1])


def table_schema(table: str) -> dict:
    """A Frictionless Table Schema: blanks are missing values, text stays text."""
    fields = []
    for field in TABLES[table][1]:
        spec = {"name": field.name, "type": field.type, "description": field.description}
        if field.type == "date":
            spec["format"] = "%Y-%m-%d"
        constraints = {}
        if field.required:
            constraints["required"] = True
        if field.enum:
            constraints["enum"] = list(field.enum)
        if field.minimum is not None:
            constraints["minimum"] = field.minimum
        if constraints:
            spec["constraints"] = constraints
        fields.append(spec)
    return {"fields": fields, "missingValues": [""]}


def datapackage(round_ids: list[str]) -> dict:
    """The Data Package describing data/processed/: one resource per table per round."""
    resources = []
    for round_id in round_ids:
        for table, (description, _) in TABLES.items():
            resources.append({
                "name": f"{round_id.replace('_', '-')}-{table.replace('_', '-')}",
                "path": f"{round_id}/{table}.csv",
                "profile": "tabular-data-resource",
                "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
                "description": description,
                "schema": f"schemas/{table}.json",
            })
    return {
        "name": "missing-registered-sex-offenders",
        "title": "Registered sex offenders whose whereabouts are unknown: FOI returns by police force, cleaned",
        "description": ("Freedom of Information answers from UK police forces on registered sex offenders "
                         "wanted or missing, cleaned from data/raw/ by notebooks/01_clean_round.ipynb. Every "
                         "row is tied to its raw file and line."),
        "licenses": [{"name": "MIT", "title": "MIT License (code and derived tables; sources keep their own terms)"}],
        "sources": [{"title": "Published FOI returns and press reports, each row's source_url",
                     "path": "data/raw/SOURCES.md"}],
        "profile": "tabular-data-package",
        "resources": resources,
    }
