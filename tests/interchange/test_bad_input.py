"""Each kind of bad input names file, record and field in Nynorsk, and stores nothing."""

import pytest
from django.core.management import CommandError, call_command

from tests.interchange.helpers import snapshot

VALID_MUNICIPALITY = '  - {number: "4999", name: Ny kommune}\n'


def run_import(tmp_path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CommandError) as failure:
        call_command("import", str(path))
    return str(failure.value)


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        pytest.param(
            "broken.yaml",
            "municipalities:\n  - {number: [1\n",
            "broken.yaml: linje 3: ikkje gyldig YAML",
            id="malformed-yaml",
        ),
        pytest.param(
            "broken.json",
            '{"municipalities": [}',
            "broken.json: linje 1: ikkje gyldig JSON",
            id="malformed-json",
        ),
        pytest.param(
            "unknown.yaml",
            "municipalities:\n"
            + VALID_MUNICIPALITY
            + "cooperations:\n  - {slug: ny, name: Ny, host: '9999'}\n",
            "unknown.yaml: samarbeid nr. 1 «ny», feltet «host»: ukjend kommune «9999»",
            id="unknown-municipality",
        ),
        pytest.param(
            "missing.yaml",
            "municipalities:\n"
            + VALID_MUNICIPALITY
            + "decisions:\n  - {slug: v, body: sogn-ko-styret}\n",
            "missing.yaml: vedtak nr. 1 «v», feltet «title»: er påkravd, men manglar",
            id="missing-field",
        ),
        pytest.param(
            "date.yaml",
            "municipalities:\n"
            + VALID_MUNICIPALITY
            + "decisions:\n  - {slug: v, body: sogn-ko-styret, title: T, text: T,"
            + " date: 2025-02-30}\n",
            "date.yaml: vedtak nr. 1 «v», feltet «date»: «2025-02-30» er ikkje ein dato",
            id="wrong-date",
        ),
        pytest.param(
            "child.yaml",
            "cooperations:\n  - slug: barnevern\n    name: Barnevern\n    participants:\n"
            "      - {municipality: '4640', status: kanskje}\n",
            "child.yaml: samarbeid nr. 1 «barnevern», deltakar nr. 1, feltet «status»",
            id="bad-child-value",
        ),
        pytest.param(
            "field.yaml",
            "municipalities:\n  - {number: '4999', name: X, mayor: Y}\n",
            "field.yaml: kommune nr. 1 «4999», feltet «mayor»: ukjend felt",
            id="unknown-field",
        ),
        pytest.param(
            "twice.yaml",
            "municipalities:\n" + VALID_MUNICIPALITY + VALID_MUNICIPALITY,
            "twice.yaml: kommune nr. 2 «4999»: står meir enn éin gong",
            id="duplicate",
        ),
        pytest.param(
            "section.yaml",
            "municipalities:\n" + VALID_MUNICIPALITY + "kommunar: []\n",
            "section.yaml: ukjend bolk «kommunar»",
            id="unknown-section",
        ),
        pytest.param(
            "number.yaml",
            "municipalities:\n  - {number: '12', name: Feil}\n",
            "number.yaml: kommune nr. 1 «12», feltet «number»: Eit kommunenummer har fire siffer.",
            id="malformed-number",
        ),
        pytest.param(
            "hostile.yaml",
            "municipalities:\n"
            + VALID_MUNICIPALITY
            + 'persons:\n  - {slug: "x\'; DROP TABLE registry_person;--", name: X}\n',
            "hostile.yaml: person nr. 1 «x'; DROP TABLE registry_person;--», feltet «slug»",
            id="hostile-string",
        ),
    ],
)
def test_bad_input_is_named_and_nothing_is_stored(sogn, tmp_path, name, text, expected):
    before = snapshot()
    message = run_import(tmp_path, name, text)
    assert message.startswith("Ingenting vart lagra")
    assert expected in message
    assert snapshot() == before


def test_every_problem_of_a_file_is_reported_at_once(sogn, tmp_path):
    message = run_import(
        tmp_path,
        "many.yaml",
        (
            "cooperations:\n"
            "  - {slug: a, name: A, host: '9999', start: '2025-13', phase: kanskje}\n"
            "  - {slug: b}\n"
        ),
    )
    for part in (
        "«host»: ukjend kommune «9999»",
        "«start»: «2025-13»",
        "«phase»",
        "samarbeid nr. 2 «b», feltet «name»: er påkravd",
    ):
        assert part in message


def test_an_unreadable_file_is_named(tmp_path):
    with pytest.raises(CommandError, match="finst-ikkje.yaml: kan ikkje lesast"):
        call_command("import", str(tmp_path / "finst-ikkje.yaml"))
