"""The Indonesian catalogue is complete and its compiled form is in step with it."""

from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

CATALOGUES = [Path(p) for p in settings.LOCALE_PATHS]


def _po(lang: str) -> polib.POFile:
    return polib.pofile(str(CATALOGUES[0] / lang / "LC_MESSAGES" / "django.po"))


def test_every_message_has_an_indonesian_translation():
    po = _po("id")
    missing = [e.msgid for e in po if not e.obsolete and (not e.translated() or "fuzzy" in e.flags)]
    assert missing == [], f"{len(missing)} untranslated messages in id/django.po"
    assert len(po) > 100


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_compiled_catalogue_matches_its_source(lang):
    po = _po(lang)
    mo = polib.mofile(str(CATALOGUES[0] / lang / "LC_MESSAGES" / "django.mo"))
    compiled = {(e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items()))) for e in mo}
    source = {
        (e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items())))
        for e in po
        if e.translated() and "fuzzy" not in e.flags and not e.obsolete
    }
    assert compiled == source, "run `padu compilemessages` (needs gettext's msgfmt) after editing the .po file"


def test_messages_switch_language():
    with translation.override("id"):
        assert translation.gettext("Not found.") == "Tidak ditemukan."
    with translation.override("en"):
        assert translation.gettext("Not found.") == "Not found."
