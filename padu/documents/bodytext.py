"""A letter body written as plain paragraphs with placeholders, for administrators who do not
write HTML: a blank line starts a new paragraph, a single line break stays a line break,
and `{{ pemohon.nama }}` (picked from a list) is filled in when the letter is issued.

The text becomes the body HTML the sandbox renders (`text_to_body`); a body made that way
comes back as the text it was written as (`body_to_text`). Tags (`{% if %}`) and comments
(`{# #}`) need the HTML editor: in text they are refused with the line they are on, and so
is a placeholder that is not in the list.
"""

from __future__ import annotations

import html
import re
from collections.abc import Collection

from django.utils.translation import gettext as _

from padu.core.errors import InvalidInput

# A placeholder's path: `nomor`, `pemohon.nama`, `jawaban.nama_usaha`.
PATH = re.compile(r"[a-z_][a-z0-9_]*(?:\.[a-z0-9_]+)*")
_TOKEN = re.compile(r"\{\{(.*?)\}\}")
# The service form's answers: any field name may be printed, the forms change more often
# than the templates.
OPEN_PREFIXES = ("jawaban.",)
MAX_ERRORS = 10


def _line_problems(number: int, line: str, known: Collection[str]) -> list[str]:
    problems = []
    for mark in ("{%", "{#"):
        if mark in line:
            problems.append(
                _("Line %(line)d: “%(mark)s” starts a tag, which only the HTML editor allows.")
                % {"line": number, "mark": mark}
            )
    rest = _TOKEN.sub("", line)
    if "{{" in rest:
        problems.append(_("Line %(line)d: a placeholder opened with “{{” is not closed with “}}”.") % {"line": number})
    for match in _TOKEN.finditer(line):
        path = match.group(1).strip()
        if not PATH.fullmatch(path) or (path not in known and not path.startswith(OPEN_PREFIXES)):
            problems.append(
                _("Line %(line)d: “%(text)s” is not one of the placeholders in the list.")
                % {"line": number, "text": match.group(0)}
            )
    return problems


def text_check(text: str, known: Collection[str]) -> None:
    """Refuse text that cannot become a body, every problem with its line (up to ten)."""
    problems: list[str] = []
    for number, line in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        problems.extend(_line_problems(number, line, known))
    if problems:
        shown = problems[:MAX_ERRORS]
        raise InvalidInput(shown[0], code="template_invalid", errors={"body": shown})


def _line_html(line: str) -> str:
    out, at = [], 0
    for match in _TOKEN.finditer(line):
        out.append(html.escape(line[at : match.start()], quote=False))
        out.append("{{ " + match.group(1).strip() + " }}")
        at = match.end()
    out.append(html.escape(line[at:], quote=False))
    return "".join(out).strip()


def text_to_body(text: str, known: Collection[str]) -> str:
    """The body HTML of text written as paragraphs (checked first: `InvalidInput`
    `template_invalid`, the problems by line at `body`)."""
    text_check(text, known)
    paragraphs = [p for p in re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n").strip()) if p.strip()]
    return "".join("<p>" + "<br>".join(_line_html(t) for t in p.split("\n")) + "</p>" for p in paragraphs)


_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.DOTALL)


def body_to_text(body: str) -> str | None:
    """The text a body was written as, when it is only paragraphs, line breaks, text and
    placeholders; None when it holds anything else (tables, tags, styles): HTML only then."""
    body = body.strip()
    paragraphs = _PARAGRAPH.findall(body)
    if not paragraphs or "".join(f"<p>{p}</p>" for p in paragraphs) != body:
        return None
    lines = []
    for paragraph in paragraphs:
        plain = paragraph.replace("<br>", "\n")
        if "<" in plain or ">" in plain or "{%" in plain or "{#" in plain:
            return None
        lines.append(html.unescape(plain))
    return "\n\n".join(lines)
