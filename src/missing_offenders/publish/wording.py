"""Wording rules for the briefs: say what the force said, in its own term, who reported it and
when the count was taken. Plain functions on strings and dates, each tested on its own.

The house rule: never put words in a force's mouth. "Wanted", "missing", "whereabouts unknown",
"lost contact" and "no contact" are not the same (Police Scotland counts "wanted" and "missing"
separately), so the term is read from the sentence the figure came from and kept.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_SMALL = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def count_words(n: int, noun: str = "registered sex offender") -> str:
    """House style: numbers below ten in words; 'one registered sex offender', '39 registered sex offenders'."""
    return f"{_SMALL[n] if 0 <= n < 10 else n} {noun}{'' if n == 1 else 's'}"


def drop_parentheticals(text: str) -> str:
    """Transcribers' notes in parentheses, nested or not, removed: 'since 2000 (more than 14 years)' ->
    'since 2000'. The text is for readers; the notes stay in the data."""
    out, depth = [], 0
    for char in text:
        if char == "(":
            depth += 1
        elif char == ")" and depth:
            depth -= 1
        elif depth == 0:
            out.append(char)
    return re.sub(r"\s+([,.;])", r"\1", re.sub(r"\s{2,}", " ", "".join(out))).strip()


def requester_name(publisher: str | None) -> str | None:
    """'Press Association (FOI to every UK force)' -> 'the Press Association'; None if unknown."""
    if not publisher:
        return None
    name = publisher.split(" (")[0].strip()
    if not name or name.lower().startswith("unknown"):
        return None
    return name if name.lower().startswith("the ") else f"the {name}"


def outlet_of(source_title: str | None) -> str | None:
    """The outlet named in the last parentheses of a source title: 'Sex offenders are ‘missing’ (Stamford
    Mercury)' -> 'Stamford Mercury'; '(codewit.com republication; ...)' -> 'codewit.com'."""
    if not isinstance(source_title, str):
        return None
    found = re.findall(r"\(([^()]*)\)\s*$", source_title.strip())
    if not found:
        return None
    outlet = re.split(r"[;,]", found[0])[0].strip()
    outlet = re.sub(r"\s+(republication|copy)$", "", outlet)
    return outlet or None


_NEWSPAPER = re.compile(r"\b(Times|Mercury|Guardian|Examiner|Express|Gazette|Post|Echo|Standard|Star|Telegraph|Mail)$")


def outlet_phrase(outlet: str) -> str:
    """A newspaper's name as used in a sentence: 'the Cambs Times', 'The Week', 'BBC News', 'codewit.com'."""
    if outlet.lower().startswith("the ") or not _NEWSPAPER.search(outlet):
        return outlet
    return f"the {outlet}"


def subject(force_name: str) -> str:
    """A force's name at the start of a sentence: 'The Metropolitan Police Service', 'Suffolk Constabulary'."""
    return f"The {force_name}" if force_name.startswith(("Metropolitan Police Service", "Police Service")) else force_name


def count_period(start: dt.date | None, end: dt.date | None) -> str | None:
    """When the count was taken, from the round's snapshot window, as a reader would say it:
    1 Feb to 10 Mar 2015 -> 'in February or early March 2015'; one month -> 'in January 2008'."""
    if end is None:
        return None
    if start is None:
        return f"by {end.day} {MONTHS[end.month - 1]} {end.year}"
    same_year = start.year == end.year
    if start == end:
        return f"on {end.day} {MONTHS[end.month - 1]} {end.year}"
    if start.day == 1 and (start.year, start.month) == (end.year, end.month):
        return f"in {MONTHS[end.month - 1]} {end.year}"
    next_month = (start.year + start.month // 12, start.month % 12 + 1)
    if start.day == 1 and (end.year, end.month) == next_month and end.day <= 10:
        year = f" {start.year}" if not same_year else ""
        return f"in {MONTHS[start.month - 1]}{year} or early {MONTHS[end.month - 1]} {end.year}"
    return f"between {start.day} {MONTHS[start.month - 1]}{'' if same_year else f' {start.year}'} and " \
           f"{end.day} {MONTHS[end.month - 1]} {end.year}"


_AS_OF = re.compile(r"\bas (?:of|at) (?:(\d{1,2}) (%s)|(%s) (\d{1,2}))(?:st|nd|rd|th)?\b(?: (\d{4}|this year))?"
                    % ("|".join(MONTHS), "|".join(MONTHS)), re.IGNORECASE)


def own_count_date(verbatim: str | None, start: dt.date | None, end: dt.date | None) -> tuple[str, bool] | None:
    """A count date the sentence itself gives ('as of February 12 this year'): (phrase, year_inferred).
    Without a year, the year is the snapshot window's (and says so)."""
    if not isinstance(verbatim, str):
        return None
    match = _AS_OF.search(verbatim)
    if not match:
        return None
    day = int(match.group(1) or match.group(4))
    month = (match.group(2) or match.group(3)).capitalize()
    year_text = match.group(5)
    if year_text and year_text.isdigit():
        return f"on {day} {month} {year_text}", False
    year = (end or start).year if (end or start) else None
    if year is None:
        return f"on {day} {month} (year not given)", True
    return f"on {day} {month} {year}", True


@dataclass(frozen=True)
class Term:
    key: str        # what the force said the offenders were
    pattern: str    # how it is found in the sentence (regex, case-insensitive)
    plural: str     # the figure clause; {n} is the number and noun, {were} the verb
    zero: str       # the clause for a figure of zero


# Most specific first: "wanted because their whereabouts were unknown" before "wanted".
TERMS = (
    Term("classed as “wanted”", r"classed as [“\"']?wanted[”\"']?",
         "{n} {were} classed as “wanted”", "none of its registered sex offenders were classed as “wanted”"),
    Term("wanted because their whereabouts were unknown", r"wanted because (?:their|his|her) whereabouts",
         "{n} {were} wanted because their whereabouts were unknown",
         "no registered sex offenders were wanted because their whereabouts were unknown"),
    Term("whereabouts unknown", r"whereabouts",
         "the whereabouts of {n} were unknown", "the whereabouts of all its registered sex offenders were known"),
    Term("lost contact with", r"lost contact with",
         "it had lost contact with {n}", "it had not lost contact with any registered sex offender"),
    Term("“lost”", r"[“\"]+lost[”\"]+",
         "it had “lost” {n}", "it had not “lost” any registered sex offender"),
    Term("lost track of", r"lost track of",
         "it had lost track of {n}", "it had not lost track of any registered sex offender"),
    Term("no contact with", r"no contact with",
         "it had no contact with {n}", "it was in contact with all its registered sex offenders"),
    Term("missing", r"missing",
         "{n} {were} missing", "none of its registered sex offenders were missing"),
    Term("wanted", r"wanted",
         "{n} {were} wanted", "none of its registered sex offenders were wanted"),
    Term("at large", r"at large|on the run",
         "{n} {were} at large", "none of its registered sex offenders were at large"),
)


def _count_pattern(count_text: str) -> str:
    return r"\b" + re.escape(count_text.strip()) + r"\b"


def force_clause(verbatim: str, count_text: str | None, force_words: tuple[str, ...] = ()) -> str:
    """The part of the sentence about this force's figure: the clause holding the count, or the one
    naming the force; the whole sentence if neither is found."""
    clauses = [c.strip() for c in re.split(r"[,;](?=\s)|\.\s|\bwhile\b|\.\.\.|…", verbatim) if c.strip()]
    if isinstance(count_text, str) and count_text.strip():
        first = count_text.strip().split()[0]
        with_count = [c for c in clauses if re.search(_count_pattern(first), c, re.IGNORECASE)]
        if len(with_count) == 1:
            return with_count[0]
        named = [c for c in with_count if any(w.lower() in c.lower() for w in force_words)]
        if named:
            return named[0]
        if with_count:
            return with_count[0]
    named = [c for c in clauses if any(w.lower() in c.lower() for w in force_words)]
    return named[0] if named else verbatim


def own_term(verbatim: str | None, count_text: str | None = None, force_words: tuple[str, ...] = ()) -> Term | None:
    """The force's own term for its figure, read from the clause the figure came from."""
    if not isinstance(verbatim, str) or not verbatim.strip():
        return None
    clause = force_clause(verbatim, count_text, force_words)
    for text in (clause, verbatim):
        for term in TERMS:
            if re.search(term.pattern, text, re.IGNORECASE):
                return term
    return None


def figure_clause(term: Term | None, n: int, at_least: bool = False) -> str:
    """'five registered sex offenders were classed as “wanted”'; a figure of zero in the same term;
    'at least 372 registered sex offenders were ...' for a lower bound."""
    if term is None:  # no term in the sentence: say only what is known
        return f"its figure was {'at least ' if at_least else ''}{n}"
    if n == 0 and not at_least:
        return term.zero
    counted = ("at least " if at_least else "") + count_words(n)
    return term.plural.format(n=counted, were="was" if n == 1 and not at_least else "were")


_CONTEXT = re.compile(r"abroad|no longer in the country|left the uk|outwith the uk|country of origin|"
                      r"fled the country|in custody|traced and arrested", re.IGNORECASE)


def force_context(duration_text, notes) -> list[str]:
    """Context in the force's own answer that changes how a figure reads (offenders believed
    abroad...), from the duration text and the transcriber's notes, as written."""
    found = []
    for text in (duration_text, notes):
        if not isinstance(text, str):
            continue
        for part in re.split(r";\s*", text):
            if _CONTEXT.search(part):
                clean = drop_parentheticals(part).strip(" .")
                if clean and clean not in found:
                    found.append(clean)
    return found


INFERRED_RULES = ("since_month_relative", "went_missing_month_relative")


def inferred_year_note(rule: str, low_years: float | None = None, count_date: dt.date | None = None) -> str:
    """Relative dates ('since August') carry no year: say that it is inferred from the count date."""
    if rule not in INFERRED_RULES:
        return ""
    if count_date is not None and low_years is not None:
        year = (count_date - dt.timedelta(days=round(low_years * 365.25))).year
        return f"the year, {year}, is inferred from the date of the count, not stated"
    return "the year is inferred from the date of the count, not stated"


def exact_duration(years: float) -> str:
    """A stated duration in the units it was stated in: 8.75 -> '8 years and 9 months', 14 -> '14 years',
    0.17 -> '2 months', 1.5 -> '1 year and 6 months'. Never rounds to 'about 9 years'."""
    months = round(years * 12)
    if abs(months - years * 12) > 0.05:  # not a whole number of months: weeks or days
        weeks = round(years * 365.25 / 7)
        return f"{weeks} week{'' if weeks == 1 else 's'}"
    whole, rest = divmod(months, 12)
    parts = []
    if whole:
        parts.append(f"{whole} year{'' if whole == 1 else 's'}")
    if rest:
        parts.append(f"{rest} month{'' if rest == 1 else 's'}")
    return " and ".join(parts) if parts else "less than a month"
