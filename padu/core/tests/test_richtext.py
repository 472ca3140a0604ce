"""The platform's rich-text sanitiser against hostile input."""

from __future__ import annotations

import time
from html.parser import HTMLParser

import pytest
from django.template import Context, Template
from hypothesis import given, settings
from hypothesis import strategies as st

from padu.core.richtext import ATTRIBUTES, MAX_LENGTH, TAGS, RichTextTooLarge, render, sanitise, to_text


class Elements(HTMLParser):
    """What a browser would build from the output: every tag and attribute."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))

    handle_startendtag = handle_starttag


def assert_harmless(html: str) -> None:
    parser = Elements()
    parser.feed(html)
    parser.close()
    for tag, attrs in parser.found:
        assert tag in TAGS, (tag, html)
        for name, value in attrs:
            assert name in ATTRIBUTES.get(tag, set()) | ({"rel"} if tag == "a" else set()), (name, html)
            value = (value or "").strip().lower()
            if name == "href":
                assert value.startswith(("http://", "https://", "mailto:", "/", "#")), html
                assert not value.startswith(("//", "/\\")), html
            if name == "src":
                assert value.startswith("/media/") and ".." not in value, html
    assert "alert(1)" not in html or "<" not in html.split("alert(1)")[0][-10:], html


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        "<scr<script>ipt>alert(1)</script>",
        "<<script>script>alert(1)<</script>/script>",
        "<img src=x onerror=alert(1)>",
        '<img src="/media/a.png" onload="alert(1)">',
        '<p onclick="alert(1)" onmouseover="alert(2)">x</p>',
        '<body onload="alert(1)">',
        '<a href="javascript:alert(1)">x</a>',
        '<a href="JaVaScRiPt:alert(1)">x</a>',
        '<a href="jav&#x61;script:alert(1)">x</a>',
        '<a href="jav&#97;script&colon;alert(1)">x</a>',
        '<a href="java\tscript:alert(1)">x</a>',
        '<a href=" javascript:alert(1)">x</a>',
        '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
        '<img src="data:image/svg+xml;base64,PHN2Zz4=">',
        "<svg onload=alert(1)><circle/></svg>",
        '<svg><script>alert(1)</script><a xlink:href="javascript:alert(1)">s</a></svg>',
        '<svg><foreignObject><iframe src="javascript:alert(1)"></iframe></foreignObject></svg>',
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
        '<iframe src="https://www.youtube.com/embed/x"></iframe>',
        '<object data="evil.swf"></object><embed src="evil.swf">',
        '<p style="background:url(javascript:alert(1))">x</p>',
        "<style>body{display:none}</style>",
        '<base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
        '<form action="https://evil.example"><input name="nik"><button>Kirim</button></form>',
        "<!--<script>alert(1)</script>--><p>c</p>",
        '<a href="https://ok.example" target="_blank" onfocus="alert(1)" autofocus>ok</a>',
        '<details open ontoggle="alert(1)">x</details>',
        '<video><source onerror="alert(1)"></video>',
        '<template><img src=x onerror="alert(1)"></template>',
    ],
)
def test_hostile_input_comes_out_harmless(hostile):
    cleaned = sanitise(hostile)
    assert_harmless(cleaned)
    assert_harmless(str(render(hostile)))


def test_allowed_formatting_survives():
    html = (
        "<h2>Jadwal</h2><p>Pelayanan <strong>tetap buka</strong> dan <em>gratis</em>.</p>"
        '<ul><li>Senin</li><li>Selasa</li></ul><ol start="3"><li>c</li></ol>'
        "<blockquote>Kutipan</blockquote><h3>a</h3><h4>b</h4>"
        '<table><caption>Biaya</caption><thead><tr><th scope="col">Layanan</th></tr></thead>'
        '<tbody><tr><td colspan="2">Gratis</td></tr></tbody></table>'
    )
    assert sanitise(html) == html


def test_headings_above_h2_and_unknown_tags_keep_their_text():
    assert sanitise("<h1>Judul</h1> <div><span>teks</span></div>") == "Judul teks"


def test_links_get_rel_and_keep_only_safe_addresses():
    assert sanitise('<a href="https://bandungkab.go.id">x</a>') == (
        '<a href="https://bandungkab.go.id" rel="noopener nofollow">x</a>'
    )
    assert 'href="mailto:humas@desa.id"' in sanitise('<a href="mailto:humas@desa.id">surel</a>')
    assert 'href="/layanan/"' in sanitise('<a href="/layanan/">layanan</a>')
    # Another host written as a site path is refused.
    assert "href" not in sanitise('<a href="//evil.example/x">x</a>')
    assert "href" not in sanitise('<a href="/\\evil.example/x">x</a>')
    assert "href" not in sanitise('<a href="ftp://files.example/x">x</a>')
    # A rel the author wrote cannot weaken ours.
    assert sanitise('<a href="https://a.id" rel="opener">x</a>').count("rel=") == 1


def test_images_only_from_our_own_media():
    assert sanitise('<img src="/media/berita/a.png" alt="Warga antre">') == (
        '<img src="/media/berita/a.png" alt="Warga antre">'
    )
    assert sanitise('<img src="https://evil.example/media/a.png" alt="x">') == ""
    assert sanitise('<img src="//evil.example/media/a.png">') == ""
    assert sanitise('<img src="/media/../akun/ekspor/">') == ""
    assert sanitise('<img src="/akun/ekspor/">') == ""
    # An image without a description is marked decorative, so screen readers skip it.
    assert sanitise('<img src="/media/a.png">') == '<img src="/media/a.png" alt="">'
    # A caller may allow its own image route.
    assert sanitise('<img src="/berita/gambar/3/" alt="x">', image_prefixes=["/berita/gambar/"]) == (
        '<img src="/berita/gambar/3/" alt="x">'
    )


def test_attribute_values_are_checked():
    assert sanitise('<td colspan="999999">x</td>') == "x"  # a cell outside a table is unwrapped
    out = sanitise('<table><tr><td colspan="2;alert(1)" rowspan="3">x</td></tr></table>')
    assert "colspan" not in out and 'rowspan="3"' in out
    assert "width" not in sanitise('<img src="/media/a.png" width="100%" alt="">')


def test_too_large_input_is_refused_quickly_with_a_clear_error():
    huge = "<p>" + "a" * (MAX_LENGTH + 1) + "</p>"
    started = time.perf_counter()
    with pytest.raises(RichTextTooLarge) as caught:
        sanitise(huge, field="body")
    assert time.perf_counter() - started < 0.5
    assert caught.value.code == "rich_text_too_large"
    assert caught.value.status == 413
    assert "body" in caught.value.errors
    assert "200.000" in str(caught.value.message) or "200,000" in str(caught.value.message)


def test_deeply_nested_input_does_not_break_the_sanitiser():
    nested = "<blockquote>" * 5000 + "x" + "</blockquote>" * 5000
    started = time.perf_counter()
    out = sanitise(nested)
    assert time.perf_counter() - started < 5
    assert "x" in out


def test_size_limit_can_be_lowered_per_field():
    with pytest.raises(RichTextTooLarge):
        sanitise("<p>" + "b" * 50 + "</p>", max_length=20, field="abstract")


def test_empty_and_nul_bytes():
    assert sanitise("") == ""
    assert sanitise("<p>a\x00b</p>") == "<p>ab</p>"


def test_to_text_reads_words_without_markup():
    assert to_text("<p>Posyandu</p><p>balita &amp; lansia<script>x()</script></p>") == "Posyandu balita & lansia"
    assert to_text("<p>" + "kata " * 100 + "</p>", limit=20).endswith("…")
    assert len(to_text("<p>" + "kata " * 100 + "</p>", limit=20)) == 20


def test_template_filters_sanitise_again():
    template = Template("{% load richtext %}{{ body|richtext }}|{{ body|richtext_text:50 }}")
    out = template.render(Context({"body": '<p onclick="x()">Halo<script>alert(1)</script></p>'}))
    assert out == "<p>Halo</p>|Halo"


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>/=\"' ajvscriptonerrorhfimg:&#;x0123456789")), max_size=200))
def test_random_markup_never_yields_active_content(fragment):
    assert_harmless(sanitise(fragment))


def test_plain_text_becomes_paragraphs_and_stays_escaped():
    from padu.core.richtext import from_plain_text

    assert from_plain_text("Baris satu\nbaris dua\n\nParagraf 5 < 7 & 8") == (
        "<p>Baris satu<br>baris dua</p><p>Paragraf 5 &lt; 7 &amp; 8</p>"
    )
    assert from_plain_text("<p>sudah HTML</p>") == "<p>sudah HTML</p>"
    # Inline markup stays for the sanitiser; the paragraphs are still made.
    assert sanitise(from_plain_text("Satu <strong>tebal</strong>\n\nDua <script>x()</script>")) == (
        "<p>Satu <strong>tebal</strong></p><p>Dua </p>"
    )
    assert from_plain_text("") == ""


@pytest.mark.parametrize(
    "typed",
    ["Satu baris", "Paragraf satu\nbaris dua\n\nParagraf <strong>dua</strong>", "Dua\n\nParagraf"],
)
def test_plain_paragraphs_round_trip_for_the_editor(typed):
    from padu.core.richtext import from_plain_text, to_plain_paragraphs

    stored = sanitise(from_plain_text(typed))
    assert to_plain_paragraphs(stored) == typed
    assert sanitise(from_plain_text(to_plain_paragraphs(stored))) == stored


@pytest.mark.parametrize(
    "stored", ["<p>a &amp; b</p>", "<ul><li>a</li></ul>", "<p>a</p><h2>b</h2>", "<p>5 &lt; 7</p>", "teks"]
)
def test_other_rich_text_stays_html_in_the_editor(stored):
    from padu.core.richtext import to_plain_paragraphs

    assert to_plain_paragraphs(stored) == stored
