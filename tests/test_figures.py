"""Reading the figure as written in an FOI return (`count_text`) into a Figure."""
from __future__ import annotations

import csv

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from missing_offenders.clean.counts import Figure, FigureError, parse_figure
from missing_offenders.ingest.numbers import parse_number
from missing_offenders.ingest.paths import FOI_ROUNDS

# No example database: the tests must not write into the checkout.
SETTINGS = settings(database=None, max_examples=300, deadline=None)


def count(n: int, rule: str = "digits", note: str = "") -> Figure:
    return Figure("count", n, n, rule=rule, note=note)


def words(n: int) -> Figure:
    return count(n, "number_words")


ZERO = Figure("zero", 0, 0, rule="zero_phrase")
BLANK = Figure("blank", None, None, rule="blank")
NO_RESPONSE = Figure("no_response", None, None, rule="non_response")


def refused(*exemptions: str, rule: str = "refusal") -> Figure:
    return Figure("refused", None, None, exemptions, rule)


# Every distinct count_text in data/raw/foi_rounds/*.csv, with the reading it must get.
SHIPPED = {
    "": BLANK,
    "3": count(3), "5": count(5), "10": count(10), "11": count(11), "12": count(12),
    "13": count(13), "14": count(14), "15": count(15), "18": count(18), "25": count(25),
    "30": count(30), "34": count(34), "39": count(39), "88": count(88), "112": count(112),
    "121": count(121), "123": count(123), "128": count(128), "167": count(167),
    "one": words(1), "two": words(2), "three": words(3), "five": words(5), "six": words(6),
    "SIX": words(6), "seven": words(7), "eight": words(8), "nine": words(9),
    "none": ZERO, "no missing": ZERO, "no missing offenders": ZERO,
    "did not provide a figure": NO_RESPONSE, "failed to reply": NO_RESPONSE,
    "34 (of 3,186 managed)": count(34, note="of 3,186 managed"),
    "5 (of 812 managed)": count(5, note="of 812 managed"),
    "159 (63 missing under supervision + 96 wanted, believed abroad)":
        count(159, note="63 missing under supervision + 96 wanted, believed abroad"),
    "7 Wanted RSOs": count(7), "14 Wanted RSOs": count(14),
}


def shipped_values() -> set[str]:
    values = set()
    for path in sorted(FOI_ROUNDS.glob("*.csv")):
        with path.open(newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            if "count_text" in (reader.fieldnames or ()):
                values.update(row["count_text"] for row in reader)
    return values


@pytest.mark.parametrize(("text", "expected"), list(SHIPPED.items()))
def test_shipped_values(text, expected):
    assert parse_figure(text) == expected


def test_every_shipped_value_has_an_expectation():
    # A new spelling in the raw data must get an explicit expected reading above.
    assert shipped_values() - SHIPPED.keys() == set()


@pytest.mark.parametrize(("text", "expected"), [
    # blanks
    (None, BLANK), ("   ", BLANK), ("\t\n", BLANK),
    # zeros: every exact 0 is kind "zero", rule "zero_phrase"
    ("0", ZERO), ("zero", ZERO), ("ZERO", ZERO), ("0 (zero)", ZERO), ("nil", ZERO), ("Nil.", ZERO),
    ("nil return", ZERO), ("none", ZERO), ("None.", ZERO), ("no missing sex offenders", ZERO),
    ("no registered sex offenders missing", ZERO), ("not any", ZERO), ("0 wanted RSOs", ZERO),
    # counts with trailing words, case, whitespace and a full stop
    ("  7 Wanted RSOs. ", count(7)), ("five registered sex offenders", words(5)),
    ("9 offenders", count(9)), ("3 RSO's", count(3)), ("3 RSO’s", count(3)), ("two missing", words(2)),
    ("1 offender", count(1)), ("12 people", count(12)), ("4 individuals", count(4)),
    ("one hundred and sixty-seven", words(167)), ("Three Thousand One Hundred And Eighty-Six", words(3186)),
    ("3,186", count(3186)), ("5 (five)", count(5)), ("34 missing (of 3,186 managed)", count(34, note="of 3,186 managed")),
    # censored figures
    ("fewer than 5", Figure("range", 0, 4, rule="fewer_than")),
    ("Less than 5", Figure("range", 0, 4, rule="fewer_than")),
    ("under 5", Figure("range", 0, 4, rule="fewer_than")),
    ("<5", Figure("range", 0, 4, rule="fewer_than")),
    ("< 5", Figure("range", 0, 4, rule="fewer_than")),
    ("below 5", Figure("range", 0, 4, rule="fewer_than")),
    ("fewer than five offenders", Figure("range", 0, 4, rule="fewer_than")),
    ("fewer than 1", Figure("zero", 0, 0, rule="fewer_than")),
    ("1-4", Figure("range", 1, 4, rule="range")),
    ("1 - 4", Figure("range", 1, 4, rule="range")),
    ("1–4", Figure("range", 1, 4, rule="range")),
    ("1 to 4", Figure("range", 1, 4, rule="range")),
    ("between 1 and 4", Figure("range", 1, 4, rule="range")),
    ("between one hundred and one and one hundred and five", Figure("range", 101, 105, rule="range")),
    ("sixty-seven to seventy", Figure("range", 67, 70, rule="range")),
    ("between 4 and 4", count(4, "range")),
    ("5 or fewer", Figure("range", 0, 5, rule="at_most")),
    ("up to 5", Figure("range", 0, 5, rule="at_most")),
    ("no more than 5", Figure("range", 0, 5, rule="at_most")),
    ("at most 5", Figure("range", 0, 5, rule="at_most")),
    # lower bounds
    ("at least 372", Figure("at_least", 372, None, rule="at_least")),
    ("a minimum of 372", Figure("at_least", 372, None, rule="at_least")),
    ("372 or more", Figure("at_least", 372, None, rule="at_least")),
    ("372+", Figure("at_least", 372, None, rule="at_least")),
    ("At least 372 missing", Figure("at_least", 372, None, rule="at_least")),
    ("more than 10", Figure("at_least", 11, None, rule="more_than")),
    ("over 10", Figure("at_least", 11, None, rule="more_than")),
    ("in excess of 10", Figure("at_least", 11, None, rule="more_than")),
    ("more than ten", Figure("at_least", 11, None, rule="more_than")),
    # refusals
    ("refused under section 12", refused("s12")),
    ("Refused - section 12 (cost)", refused("s12")),
    ("refused – section 12 (cost)", refused("s12")),
    ("s.12 cost limit", refused("s12")),
    ("cost limit exceeded", refused("s12")),
    ("refused under sec 30", refused("s30")),
    ("exempt under s31 and s38", refused("s31", "s38")),
    ("exempt under S38 and S31", refused("s31", "s38")),
    ("refused (s.40(2))", refused("s40(2)")),
    ("refused (s 40)", refused("s40")),
    ("withheld: sections 30, 31 and 38", refused("s30", "s31", "s38")),
    ("exemption s40(2) & s40(3)", refused("s40(2)", "s40(3)")),
    ("Section 31", refused("s31")),
    ("refused", refused()), ("Withheld.", refused()), ("exempt", refused()),
    ("neither confirm nor deny", refused("ncnd", rule="neither_confirm_nor_deny")),
    ("NCND", refused("ncnd", rule="neither_confirm_nor_deny")),
    ("NCND under s23 and s24", refused("ncnd", "s23", "s24", rule="neither_confirm_nor_deny")),
    ("neither confirmed nor denied (section 31)", refused("ncnd", "s31", rule="neither_confirm_nor_deny")),
    # non-responses
    ("did not provide a figure", NO_RESPONSE), ("failed to reply", NO_RESPONSE),
    ("did not reply", NO_RESPONSE), ("Did not respond.", NO_RESPONSE), ("no response", NO_RESPONSE),
    ("no reply", NO_RESPONSE), ("not provided", NO_RESPONSE), ("did not answer", NO_RESPONSE),
])
def test_forms(text, expected):
    assert parse_figure(text) == expected


@pytest.mark.parametrize(("text", "reason"), [
    ("-3", "negative"), ("minus three", "negative"),
    ("2.5", "whole number"), ("two and a half", "whole number"),
    ("lots", "not a recognised figure"), ("several", "not a recognised figure"),
    ("a few", "not a recognised figure"), ("unknown", "not a recognised figure"),
    ("n/a", "not a recognised figure"), ("no", "not a recognised figure"), (".", "not a recognised figure"),
    ("about 40", "not a recognised figure"),
    ("5 years", "'years' after the number"),
    ("one offender missing for 14 years", "after the number"),
    ("five six", "cannot follow"),
    ("4-1", "contradict"), ("between 9 and 2", "contradict"), ("fewer than 0", "contradict"),
    ("159 (63 missing + 95 wanted)", "adds up to 158"),
    ("5 (six)", "differs"),
    ("34 (of 3,186 managed", "after the number"),
])
def test_errors(text, reason):
    with pytest.raises(FigureError, match=reason) as caught:
        parse_figure(text)
    # The message always says what would have been accepted; location is the caller's job.
    assert "expected a whole number" in str(caught.value)
    assert "line" not in str(caught.value)


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="unknown figure kind"):
        Figure("lots", None, None)


@pytest.mark.parametrize("text", ["five six", "1.5", "-3", "", "a", "   ", "hundred", "twenty thirty"])
def test_parse_number_errors(text):
    with pytest.raises(ValueError):
        parse_number(text)


# An English number writer independent of numbers.py's tables, to cross-check them.
ONES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen").split()
TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


def write_words(n: int, *, hyphen: bool, use_and: bool) -> str:
    """0..999,999 in British English: 'one thousand and five', 'one hundred and sixty-seven'."""
    def below_100(k: int) -> str:
        if k < 20:
            return ONES[k]
        tens, units = divmod(k, 10)
        return TENS[tens] + (("-" if hyphen else " ") + ONES[units] if units else "")

    def below_1000(k: int) -> str:
        hundreds, rest = divmod(k, 100)
        if not hundreds:
            return below_100(rest)
        head = f"{ONES[hundreds]} hundred"
        return head if not rest else head + (" and " if use_and else " ") + below_100(rest)

    if n == 0:
        return "zero"
    thousands, rest = divmod(n, 1000)
    parts = [f"{below_1000(thousands)} thousand"] if thousands else []
    if rest:
        parts.append(("and " if use_and and thousands and rest < 100 else "") + below_1000(rest))
    return " ".join(parts)


@pytest.mark.parametrize(("n", "hyphen", "use_and", "expected"), [
    (167, True, True, "one hundred and sixty-seven"),
    (3186, False, False, "three thousand one hundred eighty six"),
    (1005, True, True, "one thousand and five"),
    (0, True, True, "zero"),
])
def test_word_writer(n, hyphen, use_and, expected):
    assert write_words(n, hyphen=hyphen, use_and=use_and) == expected


@SETTINGS
@given(st.integers(0, 999_999), st.booleans())
def test_digits_round_trip(n, commas):
    text = f"{n:,}" if commas else str(n)
    figure = parse_figure(text)
    assert (figure.minimum, figure.maximum) == (n, n)
    assert parse_number(text) == n


@SETTINGS
@given(st.integers(0, 999_999), st.booleans(), st.booleans(), st.data())
def test_words_round_trip(n, hyphen, use_and, data):
    text = write_words(n, hyphen=hyphen, use_and=use_and)
    upper = data.draw(st.lists(st.booleans(), min_size=len(text), max_size=len(text)))
    text = "".join(c.upper() if up else c for c, up in zip(text, upper))
    assert parse_number(text) == n
    figure = parse_figure(text)
    assert (figure.minimum, figure.maximum) == (n, n)
    assert figure.kind == ("zero" if n == 0 else "count")


@SETTINGS
@given(st.integers(0, 999_999))
def test_plain_digits_are_counts_or_zeros(n):
    figure = parse_figure(str(n))
    assert figure.kind == ("zero" if n == 0 else "count")
    assert (figure.minimum, figure.maximum, figure.exemptions) == (n, n, ())


@SETTINGS
@given(st.integers(0, 999_999), st.sampled_from(["wanted RSOs", "missing", "registered sex offenders", "people"]))
def test_trailing_words_do_not_change_the_number(n, words_after):
    figure = parse_figure(f"{n:,} {words_after}")
    assert (figure.minimum, figure.maximum) == (n, n)


@SETTINGS
@given(st.integers(0, 999_999), st.integers(0, 999_999), st.sampled_from(["{}-{}", "{} to {}", "between {} and {}"]))
def test_ranges(low, high, form):
    text = form.format(low, high)
    if low > high:
        with pytest.raises(FigureError, match="contradict"):
            parse_figure(text)
    else:
        figure = parse_figure(text)
        assert (figure.minimum, figure.maximum) == (low, high)
        assert figure.kind == ("range" if low < high else "zero" if low == 0 else "count")


@SETTINGS
@given(st.integers(1, 999_999))
def test_censored_and_lower_bounds(n):
    assert parse_figure(f"fewer than {n}").maximum == n - 1
    assert parse_figure(f"at least {n}") == Figure("at_least", n, None, rule="at_least")
    assert parse_figure(f"more than {n}").minimum == n + 1


# ---------------------------------------------------------------- a figure inside a sentence (tests/phrasings/)


def described(kind: str, low: int | None, high: int | None, rule: str, note: str = "") -> Figure:
    return Figure(kind, low, high, rule=rule, note=note)


@pytest.mark.parametrize(("text", "expected"), [
    ("the whereabouts of seven registered sex offenders were unknown", described("count", 7, 7, "described_number_words")),
    ("lost track of 12 sex offenders", described("count", 12, 12, "described_digits")),
    ("A dozen registered sex offenders", described("count", 12, 12, "described_digits")),
    ("five convicted sex offenders have absconded", described("count", 5, 5, "described_number_words")),
    ("3 RSOs currently recorded as wanted because their whereabouts are unknown", described("count", 3, 3, "described_digits")),
    ("unable to find at least 227 sex offenders", described("at_least", 227, None, "described_at_least")),
    ("fewer than 5 registered sex offenders were unaccounted for", described("range", 0, 4, "described_fewer_than")),
    ("no registered sex offenders currently missing", described("zero", 0, 0, "described_zero")),
    ("There are no RSOs whose whereabouts are unknown", described("zero", 0, 0, "described_zero")),
    ("None of the 4,775 registered sex offenders have been missing",
     described("zero", 0, 0, "described_zero", note="of the 4,775")),
    ("five missing sex offenders from the 812 they manage",
     described("count", 5, 5, "described_number_words", note="from the 812 they manage")),
    ("12 registered sex offenders were wanted, all of whom are believed to be out of the UK",
     described("count", 12, 12, "described_digits", note="all of whom are believed to be out of the UK")),
])
def test_figures_inside_sentences(text, expected):
    assert parse_figure(text) == expected


@pytest.mark.parametrize("text", [
    "25 are missing in Greater Manchester",       # a place: the force belongs in its own column
    "about 40 sex offenders are missing",          # approximate
    "Some 160 sex offenders",                      # approximate
    "five sex offenders missing for 14 years",     # two numbers
    "2 offenders have been traced",                # traced is the opposite of missing
    "the 5",                                       # nothing about offenders
    "none of those missing are classed as very high risk",  # not a zero figure
])
def test_sentences_that_are_not_figures_are_refused(text):
    with pytest.raises(FigureError, match="expected a whole number"):
        parse_figure(text)
