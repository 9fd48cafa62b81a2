"""Whole numbers as people write them: digits ("167", "3,186") or words ("SIX", "one hundred and two")."""
from __future__ import annotations

import re

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000}

_WORD = "|".join(sorted([*UNITS, *TENS, *SCALES, "a", "and"], key=len, reverse=True))
_DIGITS = r"\d{1,3}(?:,\d{3})+|\d+"
# A number in digits, or a run of number words joined by spaces, hyphens or "and".
NUMBER = rf"(?:{_DIGITS}|(?:{_WORD})(?:[\s-]+(?:{_WORD}))*)"
_NUMBER_RE = re.compile(rf"^(?:{NUMBER})$", re.IGNORECASE)
_DIGITS_RE = re.compile(rf"^(?:{_DIGITS})$")


def parse_number(text: str) -> int:
    """Read a non-negative whole number written in digits or English words; ValueError otherwise.

    >>> parse_number("one hundred and sixty-seven"), parse_number("SIX"), parse_number("3,186")
    (167, 6, 3186)
    """
    cleaned = " ".join(text.strip().lower().split())
    if _DIGITS_RE.match(cleaned):
        return int(cleaned.replace(",", ""))
    if not cleaned or not _NUMBER_RE.match(cleaned):
        raise ValueError(f"{text!r} is not a whole number in digits or words")
    return _words_to_int(cleaned, original=text)


def _words_to_int(cleaned: str, original: str) -> int:
    words = [w for w in re.split(r"[\s-]+", cleaned) if w != "and"]
    if not words:
        raise ValueError(f"{original!r} is not a whole number in digits or words")
    total = 0    # completed thousands/millions
    current = 0  # the group below the next scale word
    last = None  # kind of the previous word, to refuse "five six" or "twenty thirty"
    for position, word in enumerate(words):
        if word == "a":
            # "a hundred", "a thousand": only before a scale word
            if position + 1 >= len(words) or words[position + 1] not in SCALES:
                raise ValueError(f"{original!r}: 'a' must be followed by hundred/thousand/million")
            current += 1
            last = "unit"
        elif word in UNITS:
            if last in ("unit", "teen") or (last == "tens" and UNITS[word] >= 10):
                raise ValueError(f"{original!r}: {word!r} cannot follow the word before it")
            current += UNITS[word]
            last = "teen" if UNITS[word] >= 10 else "unit"
        elif word in TENS:
            if last in ("unit", "teen", "tens"):
                raise ValueError(f"{original!r}: {word!r} cannot follow the word before it")
            current += TENS[word]
            last = "tens"
        else:
            scale = SCALES[word]
            if scale == 100:
                if current == 0 or current >= 100 or last == "hundred":
                    raise ValueError(f"{original!r}: 'hundred' needs a number from one to ninety-nine before it")
                current *= 100
                last = "hundred"
            else:
                if current == 0:
                    raise ValueError(f"{original!r}: {word!r} needs a number before it")
                if total and total < scale:
                    raise ValueError(f"{original!r}: scales out of order")
                total += current * scale
                current = 0
                last = "scale"
    return total + current
