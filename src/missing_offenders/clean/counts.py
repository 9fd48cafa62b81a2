"""A figure as written in an FOI return ("34 (of 3,186 managed)", "fewer than 5", "refused under s.12")
read into bounds on a count, or an explicit status when there is no count.

>>> parse_figure("7 Wanted RSOs")
Figure(kind='count', minimum=7, maximum=7, exemptions=(), rule='digits', note='')
>>> parse_figure("fewer than 5").maximum, parse_figure("at least 372").maximum
(4, None)
>>> parse_figure("withheld: sections 30, 31 and 38").exemptions
('s30', 's31', 's38')

A figure inside a sentence, as press reports and FOI answers word it, is read when every other
word belongs to a closed vocabulary (`DESCRIPTION_WORDS`); the rule is "described_" + the rule
of the number itself, or "described_zero":

>>> parse_figure("the whereabouts of seven registered sex offenders were unknown").rule
'described_number_words'
>>> parse_figure("None of the 4,775 registered sex offenders have been missing").note
'of the 4,775'
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from missing_offenders.ingest.numbers import NUMBER, parse_number
from missing_offenders.clean.phrasing import context_rule

KINDS = ("count", "zero", "range", "at_least", "refused", "no_response", "blank")

EXPECTED = (
    "expected a whole number (digits or words), a zero phrase ('none', 'nil'), "
    "a censored figure ('fewer than 5', '1-4'), a lower bound ('at least 372'), "
    "a refusal citing its section ('refused under section 12'), "
    "or a non-response ('did not provide a figure')"
)


@dataclass(frozen=True)
class Figure:
    kind: str            # one of KINDS
    minimum: int | None  # lowest value consistent with the text; None when there is no figure
    maximum: int | None  # highest value; None when unbounded ("at least 372") or no figure
    exemptions: tuple[str, ...] = ()  # FOI exemptions cited: "s12", "s40(2)", "ncnd"
    rule: str = ""       # which rule read the text, so odd readings can be audited
    note: str = ""       # bracketed qualifier kept aside: "of 3,186 managed"

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown figure kind {self.kind!r}; expected one of {', '.join(KINDS)}")


class FigureError(ValueError):
    """The text cannot be read as a figure; str(error) explains why and what forms are accepted."""


def _error(reason: str) -> FigureError:
    # The caller prefixes file, line, column and the value itself, so only say why and what would do.
    return FigureError(f"{reason}; {EXPECTED}")


# Words that may follow a figure without changing it ("7 Wanted RSOs"). A closed list, so that
# "5 years" is an error rather than 5.
TAIL_WORDS = ("wanted", "missing", "registered", "sex", "sexual", "offender", "offenders",
              "rso", "rsos", "rso's", "people", "person", "persons", "individual", "individuals")
_TAIL_RE = re.compile(rf"(?P<body>.*?)(?P<tail>(?:\s+(?:{'|'.join(map(re.escape, TAIL_WORDS))}))*)")
_ZERO_WORDS = {"none", "nil", "nil return", "not any"}  # plus "no" when followed by tail words

_N = rf"({NUMBER})"
# (rule, pattern, bounds from the number); tried in order after the plain number. Some
# alternatives put the number in a second group, hence "first group that matched" below.
_FORMS = [
    ("fewer_than", rf"(?:(?:fewer|less) than|under|below|<)\s*{_N}", lambda n: (0, n - 1)),
    ("at_most", rf"(?:up to|no more than|not more than|at most|(?:a )?maximum of|<=|≤)\s*{_N}"
                rf"|{_N}\s+or\s+(?:fewer|less|under)", lambda n: (0, n)),
    ("at_least", rf"(?:at least|(?:a )?minimum of|no fewer than|no less than|not less than|>=|≥)\s*{_N}"
                 rf"|{_N}(?:\s+or\s+(?:more|over|above)|\s*\+)", lambda n: (n, None)),
    ("more_than", rf"(?:more than|over|in excess of|greater than|>)\s*{_N}", lambda n: (n + 1, None)),
]
_FORMS = [(rule, re.compile(pattern), bounds) for rule, pattern, bounds in _FORMS]
_NUMBER_RE = re.compile(NUMBER)
_LEADING_NUMBER_RE = re.compile(rf"{_N}\s+(.+)")

_REFUSAL_RE = re.compile(r"refus|withh[eo]ld|exempt|declin|\bcost|appropriate limit|neither\s+confirm|\bncnd\b")
_NCND_RE = re.compile(r"neither\s+confirm\w*\s+nor\s+den\w*|\bncnd\b")
_COST_RE = re.compile(r"\bcost|appropriate limit")  # the cost limit is section 12 whether or not cited
# "section 12", "sections 30, 31 and 38", "s.40(2) & s40(3)", "sec 31"; not the "s" of "it's 12".
_SECTION_WORD = r"(?<![\w'])(?:sections?|secs?\.?|ss?\.?)\s*"
_SECTION_ID = r"\d+(?:\((?:\d{1,2}|[a-z]|[ivx]{1,4})\))*"
_SECTIONS_RE = re.compile(
    rf"{_SECTION_WORD}{_SECTION_ID}(?:\s*(?:,|&|/|\band\b|\bor\b)\s*(?:{_SECTION_WORD})?{_SECTION_ID})*"
)
_NON_RESPONSE_RE = re.compile(
    r"\b(?:(?:did not|didn't|does not|failed to|has not|have not)\s+(?:provide|give|supply|reply|respond|answer|return)"
    r"|no\s+(?:response|reply|answer|figures?\s+(?:given|provided|supplied))"
    r"|not\s+(?:provided|supplied|given|returned|disclosed)|unanswered)\b"
)


def parse_figure(text: str | None) -> Figure:
    """Read one `count_text` value; raise FigureError if it fits none of the accepted forms."""
    if text is None or not text.strip():
        return Figure("blank", None, None, rule="blank")
    # Dashes and quotes typed by word processors, and a sentence's full stop, carry no meaning here.
    cleaned = " ".join(text.split()).translate(str.maketrans("–—−‐’‘", "----''")).rstrip(".").strip()
    body, note = _split_note(cleaned)
    match = _TAIL_RE.fullmatch(body.lower())
    body, tail = match["body"], match["tail"]

    figure = _numeric(body, tail, note)
    if figure is not None:
        return figure
    lowered = cleaned.lower()
    # A stated refusal outranks a non-response phrase ("not provided: exempt under s40").
    if _REFUSAL_RE.search(lowered):
        return _refusal(lowered)
    if _NON_RESPONSE_RE.search(lowered):
        return Figure("no_response", None, None, rule="non_response")
    if _SECTIONS_RE.search(lowered):  # a bare citation ("s31") is still a refusal
        return _refusal(lowered)
    described = _described(cleaned)
    if described is not None:
        return described
    raise _error(_why_not(lowered))


def _split_note(text: str) -> tuple[str, str]:
    """Split off a final bracketed qualifier, matching nested brackets: '5 (of 812 managed)'."""
    if not text.endswith(")"):
        return text, ""
    depth = 0
    for i in range(len(text) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(text[i], 0)
        if depth == 0:
            return text[:i].strip(), text[i + 1:-1].strip()
    return text, ""  # unbalanced: left whole so that it fails as unrecognised


def _numeric(body: str, tail: str, note: str) -> Figure | None:
    """The figure if `body` is a number form, None if it is not one at all."""
    if body in _ZERO_WORDS or (body == "no" and tail):
        return _finish(0, 0, "zero_phrase", note)
    if _NUMBER_RE.fullmatch(body):
        try:
            n = parse_number(body)
        except ValueError as exc:
            # "five-ten" is not a number but may still be a range
            if (pair := _range(body)) is None:
                raise _error(str(exc)) from None
            return _finish(*pair, "range", note)
        rule = "zero_phrase" if n == 0 else "digits" if body[0].isdigit() else "number_words"
        return _finish(n, n, rule, note)
    for rule, pattern, bounds in _FORMS:
        if match := pattern.fullmatch(body):
            number = next(group for group in match.groups() if group is not None)
            try:
                n = parse_number(number)
            except ValueError as exc:
                raise _error(str(exc)) from None
            return _finish(*bounds(n), rule, note)
    if (pair := _range(body)) is not None:
        return _finish(*pair, "range", note)
    return None


def _range(body: str) -> tuple[int, int] | None:
    """'1-4', '1 to 4', 'between 1 and 4': try every separator, as number words hold '-' and 'and'."""
    between = re.fullmatch(r"between\s+(.+)", body)
    inner = between[1] if between else re.sub(r"^from\s+", "", body)
    separator = r"\s+and\s+" if between else r"\s*-\s*|\s+to\s+"
    for sep in re.finditer(separator, inner):
        left, right = inner[:sep.start()], inner[sep.end():]
        if _NUMBER_RE.fullmatch(left) and _NUMBER_RE.fullmatch(right):
            try:
                return parse_number(left), parse_number(right)
            except ValueError:
                continue
    return None


def _finish(low: int, high: int | None, rule: str, note: str) -> Figure:
    if high is not None and low > high:
        raise _error(f"the bounds contradict each other (lowest {low}, highest {high})")
    if low == high:
        # a known value is a count whatever the wording ("between 4 and 4"), and a known 0 a zero
        kind = "zero" if low == 0 else "count"
    else:
        kind = "range" if high is not None else "at_least"
    return Figure(kind, low, high, rule=rule, note=_check_note(note, low, high))


def _check_note(note: str, low: int, high: int | None) -> str:
    """Drop a note that only restates the figure ('0 (zero)'); check a '+' breakdown adds up."""
    if not note:
        return ""
    try:
        restated = parse_number(note)
    except ValueError:
        pass
    else:
        if low == high:
            if restated == low:
                return ""
            raise _error(f"the figure in brackets ({restated}) differs from the figure before it ({low})")
    parts = [re.match(rf"\s*{_N}(?:[\s,=]|$)", part.lower()) for part in note.split("+")]
    if len(parts) > 1 and all(parts):
        try:
            numbers = [parse_number(part[1]) for part in parts]
        except ValueError:
            return note  # not a breakdown after all
        total = sum(numbers)
        if total < low or (high is not None and total > high):
            shown = f"{low}" if low == high else f"{low} to {high if high is not None else 'unbounded'}"
            raise _error(
                f"the breakdown in brackets adds up to {total} ({' + '.join(map(str, numbers))}), not {shown}"
            )
    return note


def _refusal(lowered: str) -> Figure:
    sections = {f"s{ident}" for found in _SECTIONS_RE.finditer(lowered)
                for ident in re.findall(_SECTION_ID, found[0])}
    if _COST_RE.search(lowered):
        sections.add("s12")
    ncnd = bool(_NCND_RE.search(lowered))
    exemptions = (("ncnd",) if ncnd else ()) + tuple(sorted(sections, key=_section_order))
    return Figure("refused", None, None, exemptions, "neither_confirm_nor_deny" if ncnd else "refusal")


def _section_order(section: str) -> tuple[int, str]:
    number = re.match(r"s(\d+)", section)[1]
    return int(number), section  # numeric, so s9 would sort before s12


def _why_not(lowered: str) -> str:
    """The most specific reason a text that matched no rule was refused."""
    body = _split_note(lowered)[0]
    if re.match(rf"(?:-|minus\s+)\s*{NUMBER}", body):
        return "a count cannot be negative"
    if re.search(r"\d\.\d|\d/\d|\b(?:half|halves|quarters?|thirds?|point)\b", body):
        return "a count must be a whole number"
    leading = _LEADING_NUMBER_RE.fullmatch(body)
    if leading:
        try:
            parse_number(leading[1])
        except ValueError:
            pass
        else:
            return (f"{leading[2]!r} after the number is not an accepted description "
                    f"(only: {', '.join(TAIL_WORDS)})")
    return "not a recognised figure"


# ---------------------------------------------------------------- a figure inside a sentence
#
# "the whereabouts of seven registered sex offenders were unknown", "lost track of five sex
# offenders", "no registered sex offenders were currently missing": one number (or a zero word)
# among words from a closed vocabulary of offenders and verbs of disappearance. Any other word
# (a place, "years", "about") leaves the text unread, so nothing is guessed.

DESCRIPTION_WORDS = frozenset("""
    the whereabouts of registered sex sexual offender offenders rso rsos rso's people person persons
    individual individuals criminals convicted known child were was are is be been have has had
    unknown wanted missing currently now still recorded as because their whose who that which there
    or and lost track vanished disappeared gone absconded untraced unaccounted for at large on run
    outstanding off radar seemingly classed listed reported in area country each does do did not know
    unable to find failed keep them informed register offences breaching registration notification
    requirements they
""".split())
# The words that make a text about missing offenders at all ("the 5" alone is not a figure).
_ANCHOR_WORDS = frozenset("""offender offenders rso rsos rso's criminals people individuals missing wanted
    unknown lost vanished disappeared gone absconded untraced unaccounted large run outstanding""".split())
_ZERO_WORDS_IN_SENTENCE = frozenset({"no", "none"})
# "none of the 4,775 registered sex offenders", "five ... from the 812 they manage": the register size
_REGISTER_RE = re.compile(rf"\b(?:of|from)\s+the\s+(?P<size>{NUMBER})(?=\s|$)(?:\s+(?:they|it)\s+manages?)?")
_QUALIFIER_WORDS = ("at least", "more than", "fewer than", "less than", "up to", "no more than", "over", "under")


def _described(cleaned: str) -> Figure | None:
    """A figure stated in a sentence, rule "described_<rule of the number>", or None."""
    head, _, tail = cleaned.partition(",")
    note = ""
    if tail and _context_note(tail):
        cleaned, note = head, tail.strip()
    text = re.sub(r"[\"“”‘’]|(?<!\w)'|'(?!\w)", " ", cleaned.lower())
    text = " ".join(re.sub(r"\ba dozen\b|\bdozen\b", "12", text).split())
    register = _REGISTER_RE.search(text)
    if register is not None:
        note = "; ".join(part for part in (register[0], note) if part)
        text = " ".join((text[:register.start()] + " " + text[register.end():]).split())
    words = text.split()
    spans = _number_spans(words)
    if not spans:
        if not _ZERO_WORDS_IN_SENTENCE & set(words) or not _is_description(
                [w for w in words if w not in _ZERO_WORDS_IN_SENTENCE]):
            return None
        return _finish(0, 0, "described_zero", note)
    if len(spans) != 1:
        return None
    start, end = spans[0]
    number = " ".join(words[start:end])
    qualifier = next((q for q in _QUALIFIER_WORDS if " ".join(words[max(0, start - len(q.split())):start]) == q), "")
    rest = words[: start - len(qualifier.split()) if qualifier else start] + words[end:]
    if not _is_description(rest):
        return None
    figure = _numeric(f"{qualifier} {number}".strip(), "", "")
    if figure is None:
        return None
    return Figure(figure.kind, figure.minimum, figure.maximum, rule=f"described_{figure.rule}",
                  note=_check_note(note, figure.minimum, figure.maximum) if note else "")


def _number_spans(words: list[str]) -> list[tuple[int, int]]:
    """(start, end) of each longest run of words that reads as one number."""
    spans, i = [], 0
    while i < len(words):
        end = next((j for j in range(min(len(words), i + 8), i, -1) if _reads_as_number(words[i:j])), None)
        if end is None:
            i += 1
            continue
        spans.append((i, end))
        i = end
    return spans


def _reads_as_number(words: list[str]) -> bool:
    if words[0] == "and" or words[-1] == "and":
        return False
    try:
        parse_number(" ".join(words))
    except ValueError:
        return False
    return True


def _is_description(words: list[str]) -> bool:
    return bool(words) and all(w in DESCRIPTION_WORDS for w in words) and bool(_ANCHOR_WORDS & set(words))


def _context_note(text: str) -> bool:
    return context_rule(text) is not None  # the same context vocabulary as the durations
