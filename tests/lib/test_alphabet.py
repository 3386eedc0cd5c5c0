"""Norwegian alphabetical order, pure: the key behind every "A–Å" sort on SQLite."""

from hypothesis import given
from hypothesis import strategies as st

from samvirke.lib.alphabet import compare, sort_key

# what PostgreSQL's ICU collation nb-NO-x-icu gives for these names (checked with psql)
ICU_ORDER = [
    "ab", "Ab", "AB", "Aurland", "Bodø", "Bø", "egersund", "Eid", "émile", "Lom", "Luster",
    "Lærdal", "Zeta", "Ærøy", "Øygarden", "aaland", "Ålesund", "Årdal", "Åsen", "Aasen",
]  # fmt: skip


def test_the_order_of_icus_norwegian_collation():
    assert sorted(reversed(ICU_ORDER), key=sort_key) == ICU_ORDER


def test_ae_oe_aa_come_after_z_in_that_order():
    assert sorted(["Årdal", "Ørsta", "Ærøy", "Zeta"], key=sort_key) == [
        "Zeta", "Ærøy", "Ørsta", "Årdal",
    ]  # fmt: skip


texts = st.text(alphabet="aAbBeEéøØæÆåÅzZ ", max_size=6)


@given(texts, texts)
def test_compare_is_antisymmetric_and_zero_only_for_equal_texts(a, b):
    assert compare(a, b) == -compare(b, a)
    assert (compare(a, b) == 0) == (a == b)


@given(texts, texts, texts)
def test_compare_is_transitive(a, b, c):
    ordered = sorted([a, b, c], key=sort_key)
    assert compare(ordered[0], ordered[1]) <= 0 and compare(ordered[1], ordered[2]) <= 0
    assert compare(ordered[0], ordered[2]) <= 0
