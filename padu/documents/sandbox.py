"""The only tags and filters a letter template may use: formatting, no I/O, no loading."""

from __future__ import annotations

from django.template import Library, defaultfilters, defaulttags

register = Library()

for _tag in ("if", "for", "with", "comment", "firstof", "spaceless", "cycle", "verbatim"):
    register.tag(_tag, defaulttags.register.tags[_tag])

for _filter in (
    "upper",
    "lower",
    "title",
    "capfirst",
    "date",
    "time",
    "default",
    "default_if_none",
    "linebreaks",
    "linebreaksbr",
    "floatformat",
    "length",
    "join",
    "first",
    "last",
    "yesno",
    "truncatewords",
    "truncatechars",
    "escape",
    "add",
    "cut",
    "center",
    "ljust",
    "rjust",
    "stringformat",
    "slice",
    "wordwrap",
    "pluralize",
):
    register.filter(_filter, defaultfilters.register.filters[_filter])
