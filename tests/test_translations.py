"""The catalogues are complete and their compiled form matches the source."""

from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parent.parent / "samvirke" / "locale"


@pytest.mark.parametrize("language", ["nn", "nb"])
def test_every_text_is_translated(language):
    catalogue = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    assert catalogue.untranslated_entries() == []
    assert catalogue.fuzzy_entries() == []


@pytest.mark.parametrize("language", ["nn", "nb"])
def test_the_compiled_catalogue_matches_the_source(language):
    folder = LOCALE / language / "LC_MESSAGES"
    source = {
        (e.msgid, e.msgstr, tuple(sorted(e.msgstr_plural.items())))
        for e in polib.pofile(str(folder / "django.po"))
        if e.msgid
    }
    compiled = {
        (e.msgid, e.msgstr, tuple(sorted(e.msgstr_plural.items())))
        for e in polib.mofile(str(folder / "django.mo"))
        if e.msgid
    }
    assert compiled == source
