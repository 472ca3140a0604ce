"""Rich text for the whole platform: one allow-list, one sanitiser, one size cap.

Anything a person types as formatted text (news bodies, abstracts of regulations, ...) goes
through `sanitise()` before it is stored, and through `render()` again when it is shown,
so a row edited behind the application's back is still harmless on a page.

The allow-list: paragraphs and line breaks, strong/em, lists, headings h2–h4, block
quotes, simple tables, links and images. Links may point to http, https or mailto
addresses, or to a path on this site; they always get `rel="noopener nofollow"`.
Images are kept only when their address is a path on this site under one of the allowed
prefixes (the platform's own media), never another host or a `data:` address, nor one that
climbs out with `..` however it is written (percent-encoded, twice, with backslashes). Scripts,
styles, frames, objects, embeds, forms, SVG and MathML are removed with their content;
event handlers, `style` and `class` attributes never survive.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from urllib.parse import unquote

import nh3
from django.conf import settings
from django.utils.formats import number_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from padu.core.errors import InvalidInput

# The largest body we accept, in characters of the submitted HTML (about 200 KB of text:
# a long regulation's abstract or a news article with tables fits many times over).
MAX_LENGTH = 200_000

TAGS = frozenset(
    {
        "p",
        "br",
        "strong",
        "em",
        "b",
        "i",
        "u",
        "ul",
        "ol",
        "li",
        "a",
        "h2",
        "h3",
        "h4",
        "blockquote",
        "table",
        "caption",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "th",
        "td",
        "img",
    }
)
# Removed together with everything inside them (the rest of the unknown tags are unwrapped:
# their text stays, the tag goes).
DROP_WITH_CONTENT = frozenset(
    {
        "script",
        "style",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "noscript",
        "noembed",
        "template",
        "svg",
        "math",
        "textarea",
        "select",
        "title",
        "xmp",
        "plaintext",
        "noframes",
    }
)
ATTRIBUTES: dict[str, set[str]] = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "noopener nofollow"
_NUMBER = re.compile(r"^[0-9]{1,4}$")
_SCOPES = frozenset({"row", "col", "rowgroup", "colgroup"})
# The sanitiser's output always double-quotes attribute values and escapes `"` inside them,
# so this reads every <img> it writes exactly.
_IMG = re.compile(r'<img((?:\s+[a-z-]+="[^"]*")*)\s*/?>')
# Percent-decoding an image address more often than this means it was built to hide something.
_DECODE_ROUNDS = 5
# A URL parser drops these wherever they stand, so "/media/.\t./x" is "/media/../x".
_URL_IGNORED = str.maketrans("", "", "\t\n\r")


class RichTextTooLarge(InvalidInput):
    status = 413
    code = "rich_text_too_large"


def default_image_prefixes() -> tuple[str, ...]:
    """Site paths images may come from: the platform's media address, plus any configured."""
    media = "/" + str(getattr(settings, "MEDIA_URL", "media/")).lstrip("/")
    extra = tuple(getattr(settings, "RICHTEXT_IMAGE_PREFIXES", ()))
    return (media, *extra)


def _is_site_path(value: str) -> bool:
    # "/x" is a path on this site; "//host/x" and "/\host" are other hosts to a browser.
    return value.startswith("/") and not value.startswith(("//", "/\\"))


def _as_browser_reads(path: str) -> str | None:
    """The path a browser would request for an address: percent-encoding undone until
    nothing changes (`%252e` is `%2e` is `.`), backslashes read as slashes and tabs and line
    breaks dropped, as a URL parser does. None when the decoding never settles. (HTML
    entities are decoded already: the parser hands the attribute's value over.)"""
    for _round in range(_DECODE_ROUNDS):
        decoded = unquote(path)
        if decoded == path:
            return path.replace("\\", "/").translate(_URL_IGNORED)
        path = decoded
    return None


def _is_media_image(value: str, image_prefixes: tuple[str, ...]) -> bool:
    """An address on this site under an allowed prefix that cannot climb out of it ("..")."""
    read = _as_browser_reads(value)
    return (
        read is not None
        and _is_site_path(value)
        and _is_site_path(read)
        and ".." not in read
        and value.startswith(image_prefixes)
        and read.startswith(image_prefixes)
    )


def _filter(image_prefixes: tuple[str, ...]):  # type: ignore[no-untyped-def]
    def keep(element: str, attribute: str, value: str) -> str | None:
        value = value.strip()
        if element == "img" and attribute == "src":
            return value if _is_media_image(value, image_prefixes) else None
        if element == "a" and attribute == "href":
            if value.startswith("#") or _is_site_path(value):
                return value
            scheme = value.split(":", 1)[0].lower() if ":" in value else ""
            return value if scheme in URL_SCHEMES else None
        if attribute in ("width", "height", "colspan", "rowspan", "start"):
            return value if _NUMBER.match(value) else None
        if attribute == "scope":
            return value if value in _SCOPES else None
        return value

    return keep


def _cleaner(image_prefixes: tuple[str, ...]) -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=set(TAGS),
        clean_content_tags=set(DROP_WITH_CONTENT),
        attributes={k: set(v) for k, v in ATTRIBUTES.items()},
        attribute_filter=_filter(image_prefixes),
        strip_comments=True,
        link_rel=LINK_REL,
        url_schemes=set(URL_SCHEMES),
    )


def check_size(value: str, *, field: str = "body", max_length: int = MAX_LENGTH) -> None:
    if len(value) > max_length:
        message = _("The text is too long: it has %(got)s characters, at most %(max)s are accepted.") % {
            "got": number_format(len(value), force_grouping=True),
            "max": number_format(max_length, force_grouping=True),
        }
        raise RichTextTooLarge(message, errors={field: [message]})


def sanitise(
    value: str,
    *,
    field: str = "body",
    max_length: int = MAX_LENGTH,
    image_prefixes: Iterable[str] | None = None,
) -> str:
    """The allowed part of `value` as HTML, ready to store.

    Raises `RichTextTooLarge` (code `rich_text_too_large`, the message at `field`) when the
    input is longer than `max_length` characters; nothing is parsed then.
    `image_prefixes` are the site paths images may come from (default: the media address).
    """
    if not value:
        return ""
    check_size(value, field=field, max_length=max_length)
    prefixes = tuple(image_prefixes) if image_prefixes is not None else default_image_prefixes()
    return _fix_images(_cleaner(prefixes).clean(value.replace("\x00", ""))).strip()


def _fix_image(match: re.Match[str]) -> str:
    attributes = match.group(1)
    if ' src="' not in attributes:
        return ""  # its address was refused: nothing left to show
    if ' alt="' not in attributes:
        attributes += ' alt=""'  # decorative unless the author describes it
    return f"<img{attributes}>"


def _fix_images(cleaned: str) -> str:
    return _IMG.sub(_fix_image, cleaned)


def render(value: str, *, image_prefixes: Iterable[str] | None = None) -> SafeString:
    """Stored rich text made safe to put in a page (sanitised again, so a hand-edited row
    cannot smuggle markup in)."""
    prefixes = tuple(image_prefixes) if image_prefixes is not None else default_image_prefixes()
    return mark_safe(_fix_images(_cleaner(prefixes).clean(value or "")))  # noqa: S308 - sanitised just now


def to_text(value: str, *, limit: int | None = None) -> str:
    """The words of rich text, without markup, whitespace folded (for summaries, feeds and search)."""
    if not value:
        return ""
    # Block ends become spaces so "<p>a</p><p>b</p>" does not read "ab".
    spaced = re.sub(r"(?i)<\s*(br|/p|/li|/h[2-4]|/td|/th|/tr|/blockquote)\b[^>]*>", " ", value)
    bare = nh3.clean(spaced, tags=set(), clean_content_tags=set(DROP_WITH_CONTENT))
    text = " ".join(html.unescape(bare).split())
    if limit is not None and len(text) > limit:
        text = text[: max(0, limit - 1)].rstrip() + "…"
    return text


_BLOCK = re.compile(r"<\s*/?\s*(p|br|ul|ol|li|h[1-6]|blockquote|table|div)\b", re.IGNORECASE)


def from_plain_text(value: str) -> str:
    """Text typed as paragraphs: a blank line starts a new paragraph, a single line break
    stays a line break. Text without markup is escaped; inline tags (<strong>, <a>, ...)
    are kept for the sanitiser to judge. Text that already has block tags (<p>, lists,
    headings, tables) is returned as it is."""
    if not value or _BLOCK.search(value):
        return value or ""
    has_tags = re.search(r"<[a-zA-Z/!]", value) is not None

    def line(text: str) -> str:
        return text.strip() if has_tags else html.escape(text.strip())

    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", value.replace("\r\n", "\n")) if p.strip()]
    return "".join("<p>" + "<br>".join(line(t) for t in p.split("\n")) + "</p>" for p in paragraphs)


_PARAGRAPHS = re.compile(r"(?:<p>(?:(?!</?p>).)*</p>)+", re.DOTALL)


def to_plain_paragraphs(value: str) -> str:
    """The reverse of `from_plain_text` for an editor: stored rich text that is only
    paragraphs (with line breaks and inline tags) comes back as typed text; anything else
    (lists, tables, headings, escaped characters) is returned as HTML, unchanged."""
    if (
        not value
        or "&" in value
        or not _PARAGRAPHS.fullmatch(value)
        or _BLOCK.search(value.replace("<p>", "").replace("</p>", "").replace("<br>", ""))
    ):
        return value or ""
    paragraphs = re.findall(r"<p>(.*?)</p>", value, re.DOTALL)
    return "\n\n".join(p.replace("<br>", "\n") for p in paragraphs)
