"""Wording rules for the briefs, each on its own: the force's own term, who reported it, when."""
import datetime as dt

import pytest

from missing_offenders.publish import wording

WINDOW = (dt.date(2015, 2, 1), dt.date(2015, 3, 10))


@pytest.mark.parametrize("verbatim, count_text, words, key", [
    ("Suffolk Constabulary said five registered sex offenders were classed as “wanted” but did not reveal the "
     "length of time they had been missing.", "five", ("Suffolk",), "classed as “wanted”"),
    ("Norfolk Police said one registered sex offender had been missing since August.", "one", ("Norfolk",), "missing"),
    ("West Midlands Police has \"\"lost\"\" 39 registered offenders, Greater Manchester Police is missing 25, and "
     "Essex and Sussex have no contact with 11 offenders.", "39", ("West Midlands",), "“lost”"),
    ("West Midlands Police has \"\"lost\"\" 39 registered offenders, Greater Manchester Police is missing 25, and "
     "Essex and Sussex have no contact with 11 offenders.", "25", ("Greater Manchester",), "missing"),
    ("West Midlands Police has \"\"lost\"\" 39 registered offenders, Greater Manchester Police is missing 25, and "
     "Essex and Sussex have no contact with 11 offenders.", "11", ("Essex",), "no contact with"),
    ("None of the 4,775 registered sex offenders have been missing in Scotland.", "none", ("Scotland",), "missing"),
    ("Cambridgeshire Police said 10 registered sex offenders were wanted because their whereabouts were unknown.",
     "10", ("Cambridgeshire",), "wanted because their whereabouts were unknown"),
    ("Lincolnshire Police said the whereabouts of seven registered sex offenders were unknown.", "seven",
     ("Lincolnshire",), "whereabouts unknown"),
])
def test_own_term_is_the_forces_word(verbatim, count_text, words, key):
    assert wording.own_term(verbatim, count_text, words).key == key


def test_one_template_no_longer_puts_words_in_mouths():
    """The old brief said every force's offenders 'were wanted because their whereabouts were unknown'."""
    suffolk = wording.own_term("Suffolk Constabulary said five registered sex offenders were classed as “wanted”.",
                               "five")
    assert wording.figure_clause(suffolk, 5) == "five registered sex offenders were classed as “wanted”"
    norfolk = wording.own_term("Norfolk Police said one registered sex offender had been missing since August.", "one")
    assert wording.figure_clause(norfolk, 1) == "one registered sex offender was missing"
    scotland = wording.own_term("None of the 4,775 registered sex offenders have been missing in Scotland.", "none")
    assert "wanted" not in wording.figure_clause(scotland, 0)
    assert wording.figure_clause(None, 3) == "its figure was 3"  # no term found: no term invented


def test_count_period_is_the_snapshot_window_in_words():
    assert wording.count_period(*WINDOW) == "in February or early March 2015"
    assert wording.count_period(dt.date(2008, 1, 1), dt.date(2008, 1, 31)) == "in January 2008"
    assert wording.count_period(dt.date(2017, 3, 31), dt.date(2017, 3, 31)) == "on 31 March 2017"  # an "as of" day
    assert wording.count_period(None, dt.date(2008, 12, 24)) == "by 24 December 2008"
    assert wording.count_period(dt.date(2019, 1, 1), dt.date(2021, 12, 31)) == "between 1 January 2019 and 31 December 2021"
    assert wording.count_period(None, None) is None


def test_own_count_date_in_the_sentence_says_when_its_year_is_inferred():
    sentence = "as of February 12 this year 11 registered sex offenders were wanted"
    assert wording.own_count_date(sentence, *WINDOW) == ("on 12 February 2015", True)
    assert wording.own_count_date("as of 31 May 2018, 14 wanted", None, None) == ("on 31 May 2018", False)
    assert wording.own_count_date("as of 31 May, 14 wanted", None, None) == ("on 31 May (year not given)", True)
    assert wording.own_count_date("no date here", *WINDOW) is None


def test_requester_and_outlet():
    assert wording.requester_name("Press Association (FOI to every UK force)") == "the Press Association"
    assert wording.requester_name("The Sun (survey of forces)") == "The Sun"
    assert wording.requester_name("unknown (reported Jan 2008)") is None
    assert wording.outlet_of("Sex offenders are ‘missing’ (Stamford Mercury)") == "Stamford Mercury"
    assert wording.outlet_of("Police Forces Lose Track Of 396 Sex Offenders (codewit.com republication; text "
                             "matches Sky News-attributed quotes - provenance uncertain)") == "codewit.com"
    assert wording.outlet_phrase("Cambs Times") == "the Cambs Times"
    assert wording.outlet_phrase("The Week") == "The Week"
    assert wording.outlet_phrase("BBC News") == "BBC News"


def test_nested_parentheses_do_not_leak():
    """Gloucestershire's duration text once gave '(one offender missing since 2000 (more than 14 years))'."""
    assert wording.drop_parentheticals("one offender missing since 2000 (more than 14 years)") == \
        "one offender missing since 2000"
    assert wording.drop_parentheticals("a (b (c) d) e.") == "a e."


def test_exact_duration_keeps_the_stated_units():
    assert wording.exact_duration(8.75) == "8 years and 9 months"   # West Yorkshire, not "about 9 years"
    assert wording.exact_duration(14.0) == "14 years"
    assert wording.exact_duration(1.5) == "1 year and 6 months"
    assert wording.exact_duration(2 / 12) == "2 months"
    assert wording.exact_duration(7 / 365.25) == "1 week"


def test_force_context_is_kept():
    notes = "Met spokeswoman: a large percentage 'either known or believed to be living abroad, having returned to " \
            "their country of origin'"
    assert wording.force_context("one offender missing for 14 years", notes) == [notes]
    assert wording.force_context("one week to eight years and nine months; seven believed no longer in the country",
                                 None) == ["seven believed no longer in the country"]
    assert wording.force_context("two since 2006", "matches source article") == []


def test_inferred_year_is_said():
    assert wording.inferred_year_note("since_month_relative", 0.42, dt.date(2015, 3, 10)) == \
        "the year, 2014, is inferred from the date of the count, not stated"
    assert wording.inferred_year_note("since_year", 8.09, dt.date(2015, 3, 10)) == ""
