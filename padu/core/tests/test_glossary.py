"""One word per thing: the UI glossary in docs/glossary.md names the words the pages avoid,
and no page text (Indonesian translations, English source strings, the user guide) uses them."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
GLOSSARY = ROOT / "docs" / "glossary.md"
PO = ROOT / "padu" / "locale" / "id" / "LC_MESSAGES" / "django.po"


def _rows() -> list[dict[str, str]]:
    text = GLOSSARY.read_text()
    section = text[text.index("## Words on the pages") :]
    lines = [line for line in section.splitlines() if line.startswith("|")]
    header = [cell.strip() for cell in lines[0].strip("|").split("|")]
    return [dict(zip(header, (cell.strip() for cell in line.strip("|").split("|")), strict=True)) for line in lines[2:]]


def _avoided(column: str) -> list[str]:
    words = []
    for row in _rows():
        words += [w.strip() for w in row[column].split(",") if w.strip()]
    return words


def _allowed(text: str) -> str:
    """Remove the phrases the glossary's exceptions keep (a phone app, the name kementerian/lembaga)."""
    phone_apps = ("aplikasi autentikator", "aplikasi QRIS", "aplikasi mobile banking", "aplikasi pembaca")
    for phrase in (*phone_apps, "aplikasi tersebut", "aplikasi di ponsel", "aplikasi apa pun", "di aplikasi"):
        text = re.sub(r"\s+".join(map(re.escape, phrase.split())), "", text, flags=re.I)
    return re.sub(r"kementerian/lembaga", "", text, flags=re.I)


def _hits(texts: list[tuple[str, str]], words: list[str]) -> list[str]:
    found = []
    for where, text in texts:
        clean = _allowed(text)
        for word in words:
            match = re.search(rf"(?<![\w/-]){re.escape(word)}(?![\w/-])", clean, re.I)
            if match:
                found.append(f"{word!r} in {where}: {clean[max(0, match.start() - 30) : match.end() + 30]!r}")
    return found


def test_the_glossary_table_is_read():
    rows = _rows()
    assert len(rows) >= 10
    assert "surel" in _avoided("Indonesian: avoid")
    assert "e-mail" in _avoided("English: avoid")


def test_the_detector_finds_an_avoided_word_and_respects_the_exceptions():
    words = ["surel", "aplikasi", "e-mail"]
    assert _hits([("x", "Kirim lewat surel.")], words) == ["'surel' in x: 'Kirim lewat surel.'"]
    assert _hits([("x", "Kirim surel-nya")], words) == []  # a whole word only
    assert _hits([("x", "Pasang aplikasi autentikator di ponsel Anda.")], words) == []
    assert _hits([("x", "Alamat email")], words) == []


def test_indonesian_translations_use_the_glossary_words():
    po = polib.pofile(str(PO))
    texts = [(f"msgid {e.msgid[:40]!r}", e.msgstr) for e in po if e.msgstr and not e.obsolete]
    texts += [(f"msgid {e.msgid[:40]!r}", s) for e in po for s in e.msgstr_plural.values()]
    assert _hits(texts, _avoided("Indonesian: avoid")) == []


def test_english_source_strings_use_the_glossary_words():
    po = polib.pofile(str(PO))
    texts = [(f"{e.occurrences[:1]}", e.msgid) for e in po if not e.obsolete]
    assert _hits(texts, _avoided("English: avoid")) == []


@pytest.mark.parametrize("language, column", [("id", "Indonesian: avoid"), ("en", "English: avoid")])
def test_the_user_guide_uses_the_glossary_words(language, column):
    texts = [
        (str(p.relative_to(ROOT)), p.read_text()) for p in sorted((ROOT / "docs" / "guide" / language).glob("*.md"))
    ]
    assert texts
    assert _hits(texts, _avoided(column)) == []
