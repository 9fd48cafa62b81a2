"""Draft the claims of a published story from its text, for a person to review and promote.

Every sentence with a number is drafted; each number becomes part of a claim checked by the same
quantities and match rules as a reviewed claims file (claims.py):
    a force and a count          "Norfolk Police said one registered sex offender ..."   force_missing, exact
    a national figure            "nearly 400 ... across the UK"                           national_total, nearly
    a duration with a force      "for 14 years", "for two months", "since August"         force_cases / force_duration_text
    a range of durations         "between two and eight years"                            force_duration_range
    a ratio                      "one police staff member ... for every 50"               staffing_ratio, rounded
    the register or its staff    "more than 46,000 registered sex offenders", "900 ... staff"
A sentence naming no force takes the force of the sentence before it in the same paragraph ("They had
been missing for ..."). Numbers no rule maps are kept as one not_checkable claim with reason
`not_mapped`: nothing with a number is dropped. The draft is marked `reviewed: false`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from missing_offenders.ingest import registry
from missing_offenders.ingest.errors import UnknownForceError

_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
          "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
WORD_VALUES = {w: i for i, w in enumerate(_UNITS)} | _TENS | {"hundred": 100, "dozen": 12, "half": 0.5}
_WORD = "|".join(sorted((w for w in WORD_VALUES if w != "zero"), key=len, reverse=True))
_N = rf"(?<![\w-])(?:\d[\d,]*(?:\.\d+)?s?|(?:{'|'.join(_TENS)})-(?:{'|'.join(_UNITS[1:10])})|(?:{_WORD})s?)(?![\w-])"
NUMBER = re.compile(_N, re.IGNORECASE)
_QUALIFIER = r"(?P<q>nearly|almost|around|about|more than|over|at least|some|just under|fewer than)?\s*"
_OFFENDERS = r"(?:\s+(?:convicted|registered|known|dangerous))*(?:\s+sex(?:ual)?)?\s+(?:offenders?|criminals|perverts)"
_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December")
_NATIONAL = re.compile(r"\b(UK|United Kingdom|Britain|country|nationally|nationwide|England and Wales)\b")
_SENTENCE_END = re.compile(r"(?<=[.!?])[”’\"']?\s+(?=[“‘\"'A-Z0-9])")
# a sentence that goes on about the force named before: "They had been missing ...", "Two have been missing since ..."
_PRONOUN_START = re.compile(rf"^[“‘\"']?(?:They|It|He|She|This|These|Those|Of these|Of them)\b|^{_N} (?:have|had|were|are)\b",
                            re.IGNORECASE)


def value_of(text: str) -> float | None:
    """'10' -> 10, 'Ten' -> 10, '46,000' -> 46000, 'twenty-five' -> 25; a decade '60s' -> None."""
    word = text.lower().replace(",", "")
    if word.endswith("s") and word[:-1].isdigit():
        return None
    if re.fullmatch(r"\d+(\.\d+)?", word):
        number = float(word)
        return int(number) if number.is_integer() else number
    if "-" in word:
        tens, unit = word.split("-")
        return _TENS[tens] + _UNITS.index(unit)
    return WORD_VALUES.get(word.rstrip("s") if word not in WORD_VALUES else word)


def sentences(text: str) -> list[tuple[int, str]]:
    """(paragraph number, sentence) for every sentence, each exactly as it stands in the text."""
    found = []
    for number, paragraph in enumerate(p.strip() for p in text.split("\n")):
        if not paragraph:
            continue
        for sentence in _SENTENCE_END.split(paragraph):
            if sentence.strip():
                found.append((number, sentence.strip()))
    return found


@dataclass
class _Sentence:
    text: str
    forces: list[tuple[int, str]]       # (position, force_id) of every force named in it
    carried: str | None                 # the force of the sentence before, for "They had been ..."
    used: set                           # positions of numbers already mapped

    def numbers(self):
        return [m for m in NUMBER.finditer(self.text) if m.start() not in self.used]

    def nearest_force(self, position: int) -> str | None:
        if not self.forces:
            return self.carried
        return min(self.forces, key=lambda f: (abs(f[0] - position), f[0]))[1]


def forces_named(sentence: str, forces: registry.Registry) -> list[tuple[int, str]]:
    """(position, force_id) for each force named in the sentence: runs of capitalised words (up to four,
    longest first) that the registry resolves to exactly one force."""
    words = list(re.finditer(r"[A-Z][\w’'&.-]*", sentence))
    found, taken = [], set()
    for size in (4, 3, 2, 1):
        for i in range(len(words) - size + 1):
            run = words[i:i + size]
            span = range(run[0].start(), run[-1].end())
            if any(p in taken for p in span) or not re.fullmatch(r"[\w’'&.\- ]+", sentence[span.start:span.stop]):
                continue
            try:
                force_id = forces.resolve(sentence[span.start:span.stop]).force_id
            except UnknownForceError:
                continue
            found.append((span.start, force_id))
            taken.update(span)
    return sorted(found)


def _claim(sentence: str, asserts: str, **fields) -> dict:
    return {"sentence": sentence, "asserts": asserts, **fields}


def _match_for(qualifier: str | None, tolerance_nearly: int = 20) -> dict:
    q = (qualifier or "").lower()
    if q in ("nearly", "almost", "just under", "fewer than"):
        return {"match": "nearly", "tolerance": tolerance_nearly}
    if q in ("more than", "over"):
        return {"match": "more_than"}
    if q in ("around", "about", "some"):
        return {"match": "about", "tolerance": max(1, tolerance_nearly // 2)}
    return {"match": "exact"}


def _years(number: float, unit: str) -> float:
    return round(number / 12, 4) if unit.lower().startswith("month") else number


def _draft_sentence(s: _Sentence) -> list[dict]:
    text, claims = s.text, []

    def take(match, *groups):
        for g in groups:
            s.used.add(match.start(g))

    for m in re.finditer(rf"between (?P<a>{_N}) and (?P<b>{_N}) (?P<unit>years|months)", text, re.IGNORECASE):
        force = s.nearest_force(m.start())
        a, b = value_of(m.group("a")), value_of(m.group("b"))
        if force and a is not None and b is not None:
            claims.append(_claim(text, f"{force}: shortest and longest time missing", quantity="force_duration_range",
                                 force_id=force, claimed=[_years(a, m.group("unit")), _years(b, m.group("unit"))],
                                 printed=m.group(0), match="range"))
            take(m, "a", "b")
    for m in re.finditer(rf"\b(?P<one>one|a|1)\b[^.]{{0,80}}?\b(?:staff|officer)[^.]{{0,60}}?for every (?P<n>{_N})",
                         text, re.IGNORECASE):
        n = value_of(m.group("n"))
        if n is not None:
            claims.append(_claim(text, "offenders per police staff member", quantity="staffing_ratio", claimed=n,
                                 printed=f"one ... for every {m.group('n')}", match="rounded",
                                 to=10 if n % 10 == 0 else 1))
            take(m, "one", "n")
    for m in re.finditer(rf"\bfor (?:more than |over |at least )?(?P<n>{_N}) (?P<unit>years?|months?)", text,
                         re.IGNORECASE):
        force, n = s.nearest_force(m.start()), value_of(m.group("n"))
        if force and n is not None and m.start("n") not in s.used:
            claims.append(_claim(text, f"{force}: a case missing for {m.group('n')} {m.group('unit')}",
                                 quantity="force_cases", force_id=force, claimed=_years(n, m.group("unit")),
                                 printed=m.group(0), match="has_case"))
            take(m, "n")
    for m in re.finditer(rf"\bsince (?P<when>(?:{_MONTHS})(?: (?P<y1>\d{{4}}))?|(?P<y2>\d{{4}}))", text):
        force = s.nearest_force(m.start())
        if force:
            claims.append(_claim(text, f"{force}: a case missing {m.group(0)}", quantity="force_duration_text",
                                 force_id=force, claimed=m.group(0), match="described"))
            for g in ("y1", "y2"):
                if m.group(g):
                    take(m, g)
    gone = r"\s+(?:have|are|were|had)\s+(?:gone\s+|been\s+)?(?:missing|unaccounted)"
    for m in re.finditer(rf"(?P<incl>including\s+)?{_QUALIFIER}(?P<n>{_N})(?P<what>{_OFFENDERS}|"
                         rf"\s+(?:police\s+)?(?:officers|staff)|{gone})", text, re.IGNORECASE):
        n = value_of(m.group("n"))
        if n is None or m.start("n") in s.used or m.group("incl"):  # "including one offender who...": a case
            continue
        # national when no force is named, or when the national words follow the number ("400 ... across the UK")
        national = _NATIONAL.search(text) if not s.forces else _NATIONAL.search(text[m.end("n"):m.end("n") + 80])
        qualifier = m.group("q")
        printed = f"{qualifier} {m.group('n')}" if qualifier else m.group("n")
        if re.search(r"officers|staff", m.group("what"), re.IGNORECASE):
            claims.append(_claim(text, "police staff managing offenders", quantity="staffing_staff", claimed=n,
                                 printed=printed, **_match_for(qualifier, 0)))
        elif n >= 10000:
            claims.append(_claim(text, "registered sex offenders managed (the register)", quantity="staffing_offenders",
                                 claimed=n, printed=printed, **_match_for(qualifier, 1000)))
        elif national and (not s.forces or n > 100):
            claims.append(_claim(text, "the national total", quantity="national_total", claimed=n,
                                 printed=printed, **_match_for(qualifier)))
        elif s.forces:  # a count only for a force named in the sentence ("Two have been ..." may be some of them)
            force = s.nearest_force(m.start("n"))
            fields = _match_for(qualifier, 0) if qualifier else {"match": "exact"}
            claims.append(_claim(text, f"{force}'s figure", quantity="force_missing", force_id=force, claimed=n,
                                 printed=printed, **fields))
        else:
            continue
        s.used.add(m.start("n"))
    # a force's count told another way: "25 are missing in Greater Manchester", "lost track of 12"
    for m in re.finditer(rf"(?P<n>{_N}) (?:are|were|was|is|had|have) (?:been )?(?:missing|wanted|unaccounted)", text,
                         re.IGNORECASE):
        force, n = s.nearest_force(m.start()), value_of(m.group("n"))
        if s.forces and n is not None and m.start("n") not in s.used:
            claims.append(_claim(text, f"{force}'s figure", quantity="force_missing", force_id=force, claimed=n,
                                 printed=m.group("n"), match="exact"))
            s.used.add(m.start("n"))
    left = s.numbers()
    if left:
        claims.append(_claim(text, "numbers the drafter could not map: " + ", ".join(m.group(0) for m in left),
                             claimed=", ".join(m.group(0) for m in left), match="not_checkable", reason="not_mapped",
                             note="drafted: read the sentence and write a claim (or a reason) for each number"))
    return claims


def draft(story_id: str, text: str, story_url: str, round_id: str) -> dict:
    """A claims file (the schema of claims/*.yaml) drafted from the story's text, `reviewed: false`."""
    forces = registry.load()
    drafted, carried, paragraph_of = [], None, None
    for paragraph, sentence in sentences(text):
        if paragraph != paragraph_of:
            carried, paragraph_of = None, paragraph
        named = forces_named(sentence, forces)
        state = _Sentence(sentence, named, carried if _PRONOUN_START.match(sentence) else None, set())
        if NUMBER.search(sentence):
            drafted.extend(_draft_sentence(state))
        carried = named[-1][1] if named else carried
    for number, claim in enumerate(drafted, start=1):
        claim["id"] = f"D{number:02d}"
    return {"story": story_id, "story_url": story_url, "round_id": round_id, "reviewed": False,
            "claims": [{"id": c.pop("id"), **c} for c in drafted]}


def draft_yaml(spec: dict) -> str:
    import yaml

    head = ("# DRAFT claims, made by drafter.py from the story's text: NOT reviewed.\n"
            "# To promote: check every claim (the quantity, force and match rule), add claims for sentences\n"
            "# without a number that assert a fact, give each not_checkable claim its reason, remove the\n"
            "# `reviewed: false` line, and save as claims/<story_id>.yaml.\n")
    return head + yaml.safe_dump(spec, sort_keys=False, allow_unicode=True, width=120)
