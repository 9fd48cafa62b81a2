"""Every HTML page comes from a Jinja2 template in publish/templates/, with autoescaping on.

A value put into a template is escaped unless it is already markup (`Markup`, or the result of
another rendering), so no caller escapes by hand. Values are escaped with `html.escape`, the
escaping the pages have always used, so a page's bytes do not depend on which path built it.
Undefined names are an error, not an empty string: a misspelt field never prints as nothing.
"""
from __future__ import annotations

from html import escape
from pathlib import Path

import jinja2
from markupsafe import Markup

TEMPLATES = Path(__file__).with_name("templates")


def _escaped(value) -> Markup:
    if hasattr(value, "__html__"):
        return Markup(value.__html__())
    return Markup(escape(str(value)))


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
                             trim_blocks=True, lstrip_blocks=True, finalize=_escaped)
    return env


ENVIRONMENT = _environment()


def render(template: str, **values) -> Markup:
    """The template rendered with `values`, as markup (safe to put into another template)."""
    return Markup(ENVIRONMENT.get_template(template).render(**values))
