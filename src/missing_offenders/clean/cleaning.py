"""Clean one FOI round: raw rows in, one audited row per force of the registry out.

The steps (each kept so the notebook can show counts before and after):
1. read the round's rows from every round file, with transcription corrections applied;
2. set aside rows that cannot stand for one force (blank rows, joint figures for several
   forces, which must not be split or double counted), each logged with its reason;
3. resolve every force name to a registry id; a force may appear once per round;
4. read every figure (`count_text`) and duration (`duration_text`), or a person's reading of it
   (data/raw/readings/<round_id>.csv); every field no rule reads is collected, and all are reported
   at once: an unreadable figure stops the round, an unreadable duration is left blank with
   `duration_status` = `unread` and listed for review (MISSING_OFFENDERS_STRICT=1 stops on it too);
5. decide each force's status, and fill in every registry force without a row as
   `not_published`;
6. summarise the round: national total as reported against what the forces' own figures
   account for.
Nothing is written here: see `write` for the outputs.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from missing_offenders.clean import figure_dates, readings, review, round_summary, schema
from missing_offenders.clean.counts import Figure, FigureError, parse_figure
from missing_offenders.clean.durations import DurationError, DurationReading, SnapshotWindow, parse_duration
from missing_offenders.clean.readings import Unreadable
from missing_offenders.ingest import paths, registry, rounds
from missing_offenders.ingest.errors import DuplicateForceError, InputError, UnknownForceError, UnreadableValueError, located
from missing_offenders.ingest.rawio import RawRow

# The processed tables' columns and allowed values live in schema.py (read by the checks too).
STATUSES, DURATION_STATUSES, YEARS_DECIMALS = schema.STATUSES, schema.DURATION_STATUSES, schema.YEARS_DECIMALS
FORCE_RETURN_COLUMNS, LOG_COLUMNS = schema.columns("force_returns"), schema.columns("cleaning_log")
CASE_COLUMNS = schema.columns("missing_cases")


@dataclass
class Row:
    """One raw row on its way through the steps."""
    raw: RawRow
    force_id: str = ""
    figure: Figure | None = None
    durations: DurationReading | None = None
    duration_status: str = "none"
    figure_date: figure_dates.FigureDate | None = None


@dataclass
class CleanedRound:
    info: rounds.RoundInfo
    rows_read: int
    log: list[dict] = field(default_factory=list)
    steps: list[dict] = field(default_factory=list)
    excluded: list[dict] = field(default_factory=list)
    unreadable: list[Unreadable] = field(default_factory=list)  # fields no rule read and no person has read yet
    readings: dict = field(default_factory=dict)                # (file, line, column) -> readings.Reading
    readings_used: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    review_items: list[dict] = field(default_factory=list)
    force_returns: pd.DataFrame | None = None
    cases: pd.DataFrame | None = None
    summary: pd.DataFrame | None = None
    round_table: pd.DataFrame | None = None  # the round's facts, typed (schema "round")

    def note(self, raw: RawRow, column: str, parsed: object, rule: str, outcome: str = "used",
             raw_text: str | None = None) -> None:  # raw_text: the file's own, where a correction changed it
        raw_text = (raw.get(column) if column in raw.values else "") if raw_text is None else raw_text
        self.log.append({
            "round_id": self.info.round_id, "raw_file": raw.file, "raw_line": raw.line, "column": column,
            "raw_text": raw_text, "parsed_value": parsed,
            "rule": rule, "outcome": outcome,
        })

    def step(self, name: str, rows_in: int, rows_out: int, detail: str = "") -> None:
        self.steps.append({"step": name, "rows_in": rows_in, "rows_out": rows_out, "detail": detail})

    @property
    def log_frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.log, columns=LOG_COLUMNS)

    @property
    def steps_frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.steps, columns=["step", "rows_in", "rows_out", "detail"])

    @property
    def needs_review(self) -> pd.DataFrame:
        """What a person must look at: unread durations, unknown columns, figure dates, outliers."""
        return review.frame(self.review_items)

    @property
    def readings_frame(self) -> pd.DataFrame:
        """The people's readings applied in this round (data/raw/readings/<round_id>.csv)."""
        return pd.DataFrame(self.readings_used, columns=["raw_file", "raw_line", "column", "raw_text", "reading",
                                                         "parsed_value", "who", "why", "readings_line"])

    @property
    def needed_rules(self) -> pd.DataFrame:
        """Log lines where a rule beyond a plain number, an exact name or a copied value fired."""
        log = self.log_frame
        plain = {"digits", "canonical_name", "copied", "blank"}
        return log[~log["rule"].isin(plain)].reset_index(drop=True)


def _window(info: rounds.RoundInfo) -> SnapshotWindow:
    return SnapshotWindow(info.snapshot_start, info.snapshot_end)


def _figure_summary(figure: Figure) -> str:
    """'10', '0 to 4', '372+' or the kind with its exemptions ('refused (s12)')."""
    if figure.minimum is None:
        extra = f" ({', '.join(figure.exemptions)})" if figure.exemptions else ""
        return f"{figure.kind}{extra}"
    if figure.maximum is None:
        return f"{figure.minimum}+"
    return str(figure.minimum) if figure.minimum == figure.maximum else f"{figure.minimum} to {figure.maximum}"


def _years(value: float | None) -> str:
    return "?" if value is None else f"{value:.{YEARS_DECIMALS}f}"


def _duration_summary(reading: DurationReading) -> str:
    parts = [
        f"{'' if g.cases is None else str(g.cases) + ' x '}{g.kind} {_years(g.years_min)}-{_years(g.years_max)} y"
        for g in reading.groups
    ]
    parts += [f"note: {n}" for n in reading.notes]
    return "; ".join(parts) or ("not disclosed" if not reading.disclosed else "")


def _load(round_id: str) -> tuple[CleanedRound, list[Row]]:
    all_rows, applied = rounds.read_round_rows()
    mine = [row for row in all_rows if row.get("round_id") == round_id]
    info = rounds.info(round_id, mine)
    if not mine and info.source_line is None:
        raise InputError(
            f"round {round_id!r} has no rows in {paths.relative(paths.FOI_ROUNDS)}/ and no line in "
            f"{paths.relative(paths.ROUNDS_FILE)}. Known rounds: {', '.join(rounds.discover())}."
        )
    cleaned = CleanedRound(info=info, rows_read=len(mine))
    _unknown_columns(cleaned, mine)
    readings.check_folder(rounds.discover())
    cleaned.readings = readings.load(round_id)
    readings.check_against(cleaned.readings, mine)
    for correction in applied:
        for row in mine:
            if (row.file, row.line) == (correction.file, correction.line):
                cleaned.note(row, correction.column, correction.corrected_value,
                             f"transcription_correction (corrections line {correction.source_line}: {correction.reason})",
                             outcome="corrected", raw_text=correction.raw_value)  # what the file itself says
    cleaned.step("read rows of the round", len(mine), len(mine),
                 f"rows whose round_id is {round_id!r}, from {', '.join(sorted({r.file for r in mine})) or 'no round file'}")
    return cleaned, [Row(raw) for raw in mine]


def _unknown_columns(cleaned: CleanedRound, rows: list[RawRow]) -> None:
    """A column the round files do not have is not used: say so, never drop it silently."""
    first_rows = {}
    for row in rows:
        first_rows.setdefault(row.file, row)
    for file, row in sorted(first_rows.items()):
        for column in row.values:
            if column in rounds.ROUND_FILE_COLUMNS:
                continue
            message = (f"{file}, line 1: column {column!r} is not a column of round files, so its values are not "
                       f"used. If it holds one of {', '.join(rounds.ROUND_FILE_COLUMNS)}, rename it; otherwise move "
                       "its content into notes. Then run `make manifest`.")
            cleaned.warnings.append(message)
            cleaned.log.append({"round_id": cleaned.info.round_id, "raw_file": file, "raw_line": 1, "column": column,
                                "raw_text": column, "parsed_value": "", "rule": "unknown_column", "outcome": "ignored"})
            cleaned.review_items.append(review.item(
                cleaned.info.round_id, "unknown_column", raw_file=file, raw_line=1, column=column, raw_text=column,
                detail="not a column of round files, so its values are not used: rename it or move its content into notes"))


def _set_aside(cleaned: CleanedRound, rows: list[Row], forces: registry.Registry) -> list[Row]:
    kept = []
    for row in rows:
        name = row.raw.get("force_as_reported").strip()
        reason = None
        if row.raw.is_blank or not name:
            reason = "row has no force name" if not row.raw.is_blank else "blank row"
        else:
            try:
                forces.resolve(name)
            except UnknownForceError:
                joint = forces.joint_forces(name)
                if joint:
                    reason = (f"joint figure for {' + '.join(joint)}: kept out of every force's row so it is "
                              "neither split nor counted twice; counted in the summary as a joint return")
                    row.figure = _read_figure(cleaned, row)
        if reason:
            cleaned.note(row.raw, "force_as_reported", "", f"excluded: {reason}", outcome="excluded")
            cleaned.excluded.append({"raw_file": row.raw.file, "raw_line": row.raw.line, "force_as_reported": name,
                                     "count_text": row.raw.get("count_text"), "reason": reason,
                                     "figure": row.figure})
        else:
            kept.append(row)
    cleaned.step("set aside rows that stand for no single force", len(rows), len(kept),
                 f"{len(rows) - len(kept)} excluded (blank or joint returns), each in the cleaning log")
    return kept


def _resolve(cleaned: CleanedRound, rows: list[Row], forces: registry.Registry) -> None:
    first_line: dict[str, RawRow] = {}
    for row in rows:
        name = row.raw.get("force_as_reported")
        where = f"{row.raw.file}, line {row.raw.line}, column force_as_reported"
        resolution = forces.resolve(name.strip(), where=where)
        row.force_id = resolution.force_id
        exact = name.strip() == forces.by_id[row.force_id].name
        cleaned.note(row.raw, "force_as_reported", row.force_id,
                     "canonical_name" if exact else f"normalised_{resolution.rule}")
        if row.force_id in first_line:
            earlier = first_line[row.force_id]
            raise DuplicateForceError(
                f"{row.raw.file}, line {row.raw.line}: force {row.force_id!r} ({name!r}) already has a row in round "
                f"{cleaned.info.round_id!r} at {earlier.file}, line {earlier.line} ({earlier.get('force_as_reported')!r}). "
                "One round holds one figure per force: if these are two snapshots, give them different round ids "
                "(a transcription correction); if one is wrong, correct or remove it; then run `make manifest`."
            )
        first_line[row.force_id] = row.raw
    cleaned.step("resolve force names", len(rows), len(rows),
                 f"{sum(1 for r in rows if r.raw.get('force_as_reported').strip() != forces.by_id[r.force_id].name)} "
                 "names needed normalisation or an alias")


def _read_field(cleaned: CleanedRound, raw: RawRow, column: str, parse, summarise):
    """(value, how): a person's reading if there is one, else the parser's; (None, "unread") when
    neither reads it, the field being added to cleaned.unreadable (all are reported together)."""
    reading = cleaned.readings.get((raw.file, raw.line, column))
    if reading is not None:
        try:
            value = parse(reading.reading)
        except (FigureError, DurationError) as error:
            raise UnreadableValueError(
                f"{reading.where}, column reading: value {reading.reading!r}: the reading of {raw.file}, line "
                f"{raw.line}, column {column} cannot be read either: {error}. Write it in the forms the message "
                "lists, then run `make manifest`."
            ) from None
        cleaned.readings_used.append({
            "raw_file": raw.file, "raw_line": raw.line, "column": column, "raw_text": raw.get(column),
            "reading": reading.reading, "parsed_value": summarise(value), "who": reading.who, "why": reading.why,
            "readings_line": reading.source_line})
        return value, readings.RULE
    text = raw.get(column)
    try:
        return parse(text), "parser"
    except (FigureError, DurationError) as error:
        cleaned.unreadable.append(Unreadable(raw.file, raw.line, column, text, str(error)))
        return None, "unread"


def _read_figure(cleaned: CleanedRound, row: Row) -> Figure | None:
    figure, how = _read_field(cleaned, row.raw, "count_text", parse_figure, _figure_summary)
    if figure is not None:
        cleaned.note(row.raw, "count_text", _figure_summary(figure), readings.RULE if how == readings.RULE else figure.rule)
    return figure


def _figure_date(cleaned: CleanedRound, row: Row) -> None:
    """The figure's own date, from its bracketed note ("12 (as of 1 March)"), kept as figure_date."""
    note = row.figure.note if row.figure is not None else ""
    if not note:
        return
    published = None
    if cleaned.info.snapshot_end is None:
        from missing_offenders.ingest.dates import leading_date

        loose = leading_date(row.raw.get("published_date"))
        published = loose.date if loose is not None and loose.precision == "day" else None
    found = figure_dates.from_note(note, cleaned.info.snapshot_end or published)
    if found is None:
        return
    row.figure_date = found
    cleaned.note(row.raw, "count_text", found.value or f"undated: {found.problem}", "figure_date")
    start, end = cleaned.info.snapshot_start, cleaned.info.snapshot_end
    problem = found.problem
    if not problem and start and end and len(found.value) == 10 and not start.isoformat() <= found.value <= end.isoformat():
        problem = f"{found.value} is outside the round's snapshot window {start} to {end}"
    if problem:
        cleaned.review_items.append(review.item(
            cleaned.info.round_id, "figure_date", force_id=row.force_id, raw_file=row.raw.file, raw_line=row.raw.line,
            column="count_text", raw_text=row.raw.get("count_text"), detail=f"{found.text!r}: {problem}"))


def _read_values(cleaned: CleanedRound, rows: list[Row]) -> None:
    window = _window(cleaned.info)
    for row in rows:
        row.figure = _read_figure(cleaned, row)
        _figure_date(cleaned, row)
        text = row.raw.get("duration_text")
        reading, how = _read_field(cleaned, row.raw, "duration_text", lambda t: parse_duration(t, window),
                                   _duration_summary)
        if reading is None:
            row.durations = DurationReading(groups=(), notes=(), disclosed=True, rule="unread")
            row.duration_status = "unread"
        else:
            row.durations = reading
            row.duration_status = "none" if not text.strip() else "manual_reading" if how == readings.RULE else "read"
            rules = sorted({g.rule for g in reading.groups}) or [reading.rule]
            cleaned.note(row.raw, "duration_text", _duration_summary(reading),
                         readings.RULE if how == readings.RULE else "+".join(rules))
        for column in ("confidence", "source_url", "verbatim"):
            cleaned.note(row.raw, column, row.raw.get(column), "copied")
    cleaned.step("read figures and durations", len(rows), len(rows),
                 f"snapshot window {cleaned.info.snapshot_start or '?'} to {cleaned.info.snapshot_end or '?'} "
                 f"({cleaned.info.snapshot_rule}); {len(cleaned.readings_used)} read by a person, "
                 f"{len(cleaned.unreadable)} unread")
    _stop_on_unreadable(cleaned, rows)


def _blocks(field: Unreadable, rows_by_place: dict) -> bool:
    """A figure blocks; so does a duration that is the force's only figure (blank count_text)."""
    if field.column == "count_text":
        return True
    row = rows_by_place.get((field.file, field.line))
    return row is None or not row.raw.get("count_text").strip()


def _stop_on_unreadable(cleaned: CleanedRound, rows: list[Row]) -> None:
    if not cleaned.unreadable:
        return
    by_place = {(row.raw.file, row.raw.line): row for row in rows}
    blocking = [f for f in cleaned.unreadable if _blocks(f, by_place)]
    strict = review.is_strict()
    if blocking or strict:
        raise UnreadableValueError(readings.unreadable_message(cleaned.info.round_id, cleaned.unreadable, blocking, strict))
    for field_ in cleaned.unreadable:
        row = by_place[(field_.file, field_.line)]
        cleaned.note(row.raw, field_.column, "", "unread: needs a reading", outcome="unread")
        cleaned.review_items.append(review.item(
            cleaned.info.round_id, "unread_duration", force_id=row.force_id, raw_file=field_.file, raw_line=field_.line,
            column=field_.column, raw_text=field_.raw_text, detail=field_.problem,
            reading_line=readings.template_line(field_)))


def _status(row: Row) -> tuple[str, int | None, int | None]:
    figure, reading = row.figure, row.durations
    described = reading.cases_described
    if figure.kind in ("count", "zero", "range", "at_least"):
        if figure.maximum is not None and described > figure.maximum:
            raise UnreadableValueError(located(
                row.raw.file, row.raw.line, "duration_text", row.raw.get("duration_text"),
                f"describes {described} cases but count_text {row.raw.get('count_text')!r} allows at most "
                f"{figure.maximum}. Check the transcription.",
            ))
        return "reported", max(figure.minimum, described), figure.maximum
    if figure.kind == "refused":
        return "refused", None, None
    if figure.kind == "no_response":
        return "no_response", None, None
    if described:
        return "cases_only", described, None  # no total, but N cases described: a lower bound
    return "not_published", None, None


def _force_rows(cleaned: CleanedRound, rows: list[Row], forces: registry.Registry) -> pd.DataFrame:
    by_force = {row.force_id: row for row in rows}
    records = []
    for force in forces.forces:
        record = dict.fromkeys(FORCE_RETURN_COLUMNS, None)
        record.update(round_id=cleaned.info.round_id, force_id=force.force_id, force_name=force.name,
                      country=force.country, status="not_published", exemptions="", cases_described=0,
                      duration_status="none", figure_date="", figure_note="")
        row = by_force.get(force.force_id)
        if row is not None:
            status, low, high = _status(row)
            exact = low if low == high else None
            longest_min, longest_max = row.durations.longest(exact)
            record.update(
                status=status, missing_min=low, missing_max=high,
                figure_date=row.figure_date.value if row.figure_date else "", figure_note=row.figure.note,
                longest_missing_years_min=longest_min, longest_missing_years_max=longest_max,
                cases_described=row.durations.cases_described, duration_status=row.duration_status,
                exemptions=";".join(row.figure.exemptions),
                raw_file=row.raw.file, raw_line=row.raw.line,
                **{c: row.raw.get(c) for c in ("force_as_reported", "count_text", "duration_text", "confidence",
                                               "verbatim", "source_title", "source_url", "published_date",
                                               "corroborating_sources", "notes")},
            )
        records.append(record)
    frame = pd.DataFrame(records, columns=FORCE_RETURN_COLUMNS)
    for column in ("missing_min", "missing_max", "cases_described", "raw_line"):
        frame[column] = frame[column].astype("Int64")
    for column in ("longest_missing_years_min", "longest_missing_years_max"):
        frame[column] = frame[column].astype("Float64").round(YEARS_DECIMALS)
    cleaned.step("one row per force of the registry", len(rows), len(frame),
                 f"{len(frame) - len(rows)} registry forces without a row in this round are not_published")
    return frame


def _cases(cleaned: CleanedRound, rows: list[Row]) -> pd.DataFrame:
    records = [
        {"round_id": cleaned.info.round_id, "force_id": row.force_id, "kind": g.kind, "cases": g.cases,
         "years_min": g.years_min, "years_max": g.years_max, "text": g.text, "rule": g.rule,
         "raw_file": row.raw.file, "raw_line": row.raw.line}
        for row in sorted(rows, key=lambda r: r.force_id) for g in row.durations.groups
    ]
    frame = pd.DataFrame(records, columns=CASE_COLUMNS)
    frame["cases"] = frame["cases"].astype("Int64")
    for column in ("years_min", "years_max"):
        frame[column] = frame[column].astype("Float64").round(YEARS_DECIMALS)
    return frame


def clean_round(round_id: str) -> CleanedRound:
    forces = registry.load()
    cleaned, rows = _load(round_id)
    raw_rows = [row.raw for row in rows]
    rows = _set_aside(cleaned, rows, forces)
    _resolve(cleaned, rows, forces)
    _read_values(cleaned, rows)
    cleaned.force_returns = _force_rows(cleaned, rows, forces)
    cleaned.review_items.extend(review.register_outliers(round_id, cleaned.force_returns, cleaned.info.snapshot_end))
    cleaned.cases = _cases(cleaned, rows)
    cleaned.summary = round_summary.summarise(cleaned)
    cleaned.round_table = round_summary.round_table(cleaned.info, raw_rows)
    return cleaned
