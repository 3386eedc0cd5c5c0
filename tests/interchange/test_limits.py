"""Issue 13, rows 7, 10 and 14: hostile files get a clear message naming the file, never
a traceback, a MemoryError or minutes of work; nothing is stored."""

import pytest
from django.core.management import CommandError, call_command

from samvirke.interchange import importer
from tests.interchange.helpers import snapshot

ALIAS_BOMB = """\
a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g, *g]
i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h, *h]
"""


def refused(tmp_path, name: str, content: str | bytes) -> str:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    before = snapshot()
    with pytest.raises(CommandError) as failure:
        call_command("import", str(path))
    assert snapshot() == before
    message = str(failure.value)
    assert name in message and "Traceback" not in message
    return message


def test_row_10_a_yaml_alias_bomb_inside_record_fields_is_refused_unexpanded(sogn, tmp_path):
    text = "x:\n" + "".join(f"  {line}\n" for line in ALIAS_BOMB.splitlines())
    text += "cooperations:\n  - {slug: bomb, name: *i}\n"
    message = refused(tmp_path, "bomb.yaml", text)
    assert str(importer.MAX_ALIAS_NODES) in message


@pytest.mark.parametrize("suffix", ["yaml", "json"])
def test_row_10_deep_nesting_is_refused_with_its_line(sogn, tmp_path, suffix):
    depth = 100_000 if suffix == "json" else 5_000
    text = '{"municipalities": ' + "[" * depth + "]" * depth + "}"
    message = refused(tmp_path, f"deep.{suffix}", text)
    assert str(importer.MAX_DEPTH) in message


@pytest.mark.parametrize("suffix", ["yaml", "json"])
def test_row_14_a_number_of_5000_digits_is_a_message_not_a_value_error(sogn, tmp_path, suffix):
    text = '{"municipalities": [{"number": "4999", "name": "X", "valid_from": %s}]}' % ("9" * 5000)
    message = refused(tmp_path, f"long.{suffix}", "\n" + text)
    assert "5000" in message and ("linje 2" in message or "line 2" in message)


def test_row_7_a_nul_in_an_imported_file_is_a_message(sogn, tmp_path):
    text = 'municipalities:\n  - {number: "4999", name: "Ny\x00kommune"}\n'
    message = refused(tmp_path, "nul.yaml", text)
    assert "NUL" in message and ("linje 2" in message or "line 2" in message)


def test_a_file_over_the_size_limit_is_refused_unread(sogn, tmp_path, monkeypatch):
    monkeypatch.setattr(importer, "MAX_FILE_BYTES", 1024 * 1024)
    message = refused(tmp_path, "big.yaml", "# " + "x" * (2 * 1024 * 1024) + "\n")
    assert "MB" in message


def test_aliases_within_the_bound_still_load(sogn, tmp_path):
    path = tmp_path / "anchors.yaml"
    path.write_text(
        "municipalities:\n"
        "  - {number: '4998', name: Ankerby, county: &county Vestland}\n"
        "  - {number: '4997', name: Ankervik, county: *county}\n",
        encoding="utf-8",
    )
    call_command("import", str(path))
    from samvirke.registry.models import Municipality

    assert Municipality.objects.get(number="4997").county == "Vestland"
