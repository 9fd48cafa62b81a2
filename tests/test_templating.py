"""The Jinja2 environment every page is rendered through."""
import jinja2
import pytest
from markupsafe import Markup

from missing_offenders.publish import html_page, templating


def render_string(source: str, **values) -> str:
    return templating.ENVIRONMENT.from_string(source).render(**values)


def test_values_are_escaped_as_html_escape_does():
    assert render_string("{{ v }}", v="<b>Tom's \"x\" & co</b>") == "&lt;b&gt;Tom&#x27;s &quot;x&quot; &amp; co&lt;/b&gt;"


def test_markup_is_not_escaped_twice():
    assert render_string("{{ v }}", v=Markup("<em>a &amp; b</em>")) == "<em>a &amp; b</em>"


def test_a_misspelt_name_is_an_error_not_an_empty_string():
    with pytest.raises(jinja2.UndefinedError):
        render_string("{{ missing }}")


def test_a_javascript_title_cannot_break_out_of_the_page():
    page = html_page.page("</title><script>alert(1)</script>", Markup("<p>x</p>"), nav=[('"><script>', "<b>")])
    assert "<script>" not in page


def test_a_plain_string_body_is_refused():
    with pytest.raises(TypeError, match="Markup"):
        html_page.page("t", "<p>text that was never escaped</p>")
