"""Render notification texts in a restricted template engine.

Agency admins may edit template texts, so the engine loads no files and no tag libraries
(`load`, `include`, `extends`, `debug`, `url` … are removed), escapes nothing (the texts are
plain; pages escape when they show them), and sees only plain values: anything else in the
context is turned into its string form first, so a template cannot walk an object graph.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import cache
from typing import Any

from django.template import Context, Engine, Library, TemplateSyntaxError
from django.utils import formats

BLOCKED_TAGS = frozenset({"load", "include", "extends", "block", "debug", "url", "csrf_token", "ssi"})


class TemplateSyntaxProblem(ValueError):
    pass


@cache
def engine() -> Engine:
    eng = Engine(dirs=[], app_dirs=False, loaders=[], libraries={}, autoescape=False, string_if_invalid="")
    safe = Library()
    for lib in eng.template_builtins:
        safe.tags.update({k: v for k, v in lib.tags.items() if k not in BLOCKED_TAGS})
        safe.filters.update(lib.filters)
    eng.template_builtins = [safe]
    return eng


def check_syntax(source: str) -> None:
    try:
        engine().from_string(source)
    except TemplateSyntaxError as exc:
        raise TemplateSyntaxProblem(str(exc)) from exc


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, str | int | float | bool | Decimal):
        return value
    if isinstance(value, dt.datetime | dt.date):
        return formats.date_format(value, "DATE_FORMAT")
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return str(value)


def render_text(source: str, context: dict[str, Any]) -> str:
    """Render one text; the caller sets the language (dates are formatted in it)."""
    try:
        template = engine().from_string(source)
    except TemplateSyntaxError as exc:
        raise TemplateSyntaxProblem(str(exc)) from exc
    plain = {str(k): _plain(v) for k, v in context.items()}
    return template.render(Context(plain, autoescape=False)).strip()
