"""How press reports and FOI answers word a duration clause, reduced to its parts.

A clause is read as: [connective] [subject with its count] [verb of disappearance] temporal
expression. This module only reduces the words (pure text functions); `durations.py` reads
the temporal expression that is left. The vocabulary comes from the phrasing corpus in
tests/phrasings/ (published localisations of FOI rounds, 2007-2023).
"""
from __future__ import annotations

import re

from missing_offenders.ingest.numbers import NUMBER, parse_number

MONTH_NAMES = ("january|february|march|april|may|june|july|august|september|october|november|december|"
               "jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec")

# A text cut short by the source or the transcriber: its last clause is never read.
TRUNCATION_RE = re.compile(r"\s*(?:\[\s*truncated\s*\]|\.\.\.|…)\s*$", re.IGNORECASE)

# Something that can date a disappearance or measure its length. A clause without one is
# context or unreadable, never a duration. ("Sexual Offences Act 2003" is not a date.)
_TEMPORAL_RES = [
    re.compile(rf"(?:\b(?:{NUMBER})|\ba|\ban|\d+(?:\.\d+)?)\s*(?:decades?|years?|months?|weeks?|days?)\b", re.IGNORECASE),
    re.compile(r"(?<!\bact )\b(?:19|20)\d{2}\b", re.IGNORECASE),
    re.compile(rf"\b(?:since|last|this)\s+(?:the\s+start\s+of\s+)?(?:this\s+|last\s+)?(?:year|{MONTH_NAMES})\b", re.IGNORECASE),
]

# Context a force gives instead of, or beside, a duration. Searched in order; the first wins.
CONTEXT_PATTERNS: dict[str, str] = {
    "context_declined": r"\b(?:refused|declined|would\s+not|will\s+not|did\s+not|does\s+not)\b.*"
                        r"\b(?:reveal|disclos\w*|give|say|comment|provide|confirm)\b",
    "context_abroad": r"\b(?:abroad|overseas|out\s+of\s+the\s+(?:uk|country)|(?:outside|outwith)\s+(?:of\s+)?the\s+uk"
                      r"|no\s+longer\s+(?:be\s+)?in\s+the\s+(?:uk|country)|not\s+in\s+the\s+uk|left\s+the\s+(?:uk|country)"
                      r"|fle[de]|flee|country\s+of\s+origin|home\s+countr\w*|known\s+countries)\b",
    "context_custody": r"\b(?:in\s+prison|in\s+custody|jail(?:ed)?|imprisoned|in\s+hospital)\b",
    "context_traced": r"\b(?:traced|arrested|located)\b",
    "context_in_uk": r"\b(?:with)?in\s+the\s+uk\b|\bother\s+parts\s+of\s+the\s+uk\b|\bpolice\s+area\b",
    "context_never_registered": r"\bnever\s+(?:even\s+)?registered\b",
    "context_breach": r"\bbreach\w*\s+(?:of\s+)?(?:their\s+)?notification|\bnotification\s+requirements\b",
    "context_risk": r"\b(?:high|medium|low)\s+risk\b",
}
_CONTEXT_RES = [(rule, re.compile(pattern, re.IGNORECASE)) for rule, pattern in CONTEXT_PATTERNS.items()]

_CONNECTIVE_RE = re.compile(
    r"^(?:while|whilst|and|but|with|including|however|although|also|of\s+(?:whom|which|those)|"
    r"(?:\w+\s+)?figures\s+(?:include|show)|said)\b[\s,]*",
    re.IGNORECASE,
)
# Lead-ins before the subject or the temporal expression that carry no reading.
_LEAD_RE = re.compile(
    r"^(?:the\s+(?:whereabouts|location)\s+of\s+|a\s+further\s+|at\s+least\s+(?=(?:" + NUMBER + r")\b)"
    r"|the\s+length\s+of\s+time\s+(?:ranged|ranges|was)\s+)",
    re.IGNORECASE,
)
# Words between the subject and the temporal expression: nouns, auxiliaries and the verbs of
# disappearance ("absconded", "vanished", "lost track", "untraceable", "on the run", ...).
_FILLER_RE = re.compile(
    r"^(?:registered|convicted|known|sex(?:ual)?|offenders?|others?|in\s+the\s+area|who|which|that|whom|"
    r"has|have|had|been|was|were|is|are|being|went|gone|going|go|to\s+disappear|missing|disappeared|"
    r"vanished|vanishing|absconded|wanted|unknown|whereabouts|of\s+the\s+offender|became|become|"
    r"on\s+the\s+run|at\s+large|untraceable|untraced|lost\s+track|not\s+been\s+seen|last\s+seen|"
    r"listed\s+as|avoided\s+arrest|dodged\s+officers|over\s+separate\s+periods|seemingly|even|for|"
    r"(?:a\s+)?(?:time\s+)?period\s+of|of\s+(?:the|those|these|them|whom|which)(?:\s+offenders)?|failed\s+to\s+"
    r"(?:register|comply|notify))\b\s*",
    re.IGNORECASE,
)
_SINGULAR_SUBJECT_RE = re.compile(
    r"^(?:another|the\s+other|the\s+remaining|the\s+(?:most\s+recent|latest|longest-missing)|an?(?=\s+(?:sex\s+|registered\s+)*offender\b))\b\s*",
    re.IGNORECASE,
)
_PLURAL_SUBJECT_RE = re.compile(r"^(?:they|the\s+offenders|the\s+others|others|offenders|some|all|many|most|those|these)\b",
                                re.IGNORECASE)
_COUNTED_SUBJECT_RE = re.compile(rf"^(?:the\s+)?(?P<count>(?:{NUMBER})(?:\s+(?:{NUMBER}))*)\b\s*", re.IGNORECASE)
# "in Gloucestershire", "in Northumbria": a place inside the clause, not a date ("in May 2002").
_PLACE_RE = re.compile(rf"\bin\s+(?!(?i:{MONTH_NAMES})\b)(?!(?:UK|United)\b)[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*")


def has_temporal(text: str) -> bool:
    return any(pattern.search(text) for pattern in _TEMPORAL_RES)


def context_rule(text: str) -> str | None:
    """The rule naming the context a clause without a duration gives, or None."""
    return next((rule for rule, pattern in _CONTEXT_RES if pattern.search(text)), None)


def strip_connectives(text: str) -> str:
    text = text.strip(" ,")
    while match := _CONNECTIVE_RE.match(text):
        text = text[match.end():].strip(" ,")
    return text


def split_subject(clause: str) -> tuple[int | None, bool, str]:
    """(count, plural_without_count, rest) of a clause whose connectives are already stripped.

    "the whereabouts of one sex offender have been unknown for eight years" -> (1, False, "eight years");
    "another in Northumbria disappeared in May 2002" -> (1, False, "in may 2002"); "the offenders have been
    missing for ..." -> (None, True, ...); no subject at all -> (None, False, clause).
    """
    text = _PLACE_RE.sub(" ", clause)
    text = " ".join(text.split()).lower()
    while match := _LEAD_RE.match(text):
        text = text[match.end():]
    count: int | None = None
    plural = False
    if match := _SINGULAR_SUBJECT_RE.match(text):
        count, text = 1, text[match.end():]
    elif match := _COUNTED_SUBJECT_RE.match(text):
        words = match["count"].split()
        # the longest run of words that reads as a number ("ninety six"); a unit after it
        # means it was a length, not a count ("two months")
        for size in range(len(words), 0, -1):
            if words[size - 1].lower() == "and":
                continue
            try:
                value = parse_number(" ".join(words[:size]))
            except ValueError:
                continue
            rest = text[len(" ".join(words[:size])):].strip()
            # a unit after the number makes it a length ("two months"); "and" a range ("two and
            # eight years"), never a count
            if not re.match(r"(?:decades?|years?|months?|weeks?|days?|and)\b", rest):
                count, text = value, rest
            break
    elif _PLURAL_SUBJECT_RE.match(text):
        plural = True
        text = _PLURAL_SUBJECT_RE.sub("", text, count=1).strip()
    return count, plural, strip_filler(text)


def strip_filler(text: str) -> str:
    text = text.strip()
    while match := _FILLER_RE.match(text):
        text = text[match.end():]
    return text.strip()
