"""Every HTML page comes from a Jinja2 template in publish/templates/, with autoescaping on.

A value put into a template is escaped unless it is already markup (`Markup`, or the result of
another rendering), so no caller escapes by hand. Values are escaped with `html.escape`, the
escaping the pages have always used, so a page's bytes do not depend on which path built it.
Undefined names are an error, not an empty string: a misspelt field never prints as nothing.

The pages' bodies have always been one line of HTML. A template writes its markup one element per
line for reading and wraps it in `{% joinlines %}...{% endjoinlines %}`: inside, each line break and
the indentation after it are not output (so a sentence is never broken across lines there).
"""
from __future__ import annotations

import re
from html import escape
from pathlib import Path

import jinja2
import jinja2.ext
from markupsafe import Markup

TEMPLATES = Path(__file__).with_name("templates")


def _escaped(value) -> Markup:
    if hasattr(value, "__html__"):
        return Markup(value.__html__())
    return Markup(escape(str(value)))


class JoinLines(jinja2.ext.Extension):
    """`{% joinlines %}...{% endjoinlines %}`: the template's own line breaks and indentation inside are
    dropped before it is compiled (values are untouched); the line break after the end tag too."""
    _REGION = re.compile(r"\{% joinlines %\}(.*?)\{% endjoinlines %\}\n?", re.S)

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        return self._REGION.sub(lambda m: re.sub(r"\n[ \t]*", "", m.group(1)), source)


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
                             trim_blocks=True, lstrip_blocks=True, finalize=_escaped, extensions=[JoinLines])
    return env


ENVIRONMENT = _environment()


def render(template: str, **values) -> Markup:
    """The template rendered with `values`, as markup (safe to put into another template)."""
    return Markup(ENVIRONMENT.get_template(template).render(**values))


def macro(template: str, name: str):
    """The macro `name` of `template`, to call from Python; what it returns is markup."""
    return getattr(ENVIRONMENT.get_template(template).module, name)
