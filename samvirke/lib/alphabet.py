"""Norwegian alphabetical order (pure: no Django): A–Z, then Æ, Ø, Å.

The order Norwegian readers expect of a list sorted "A–Å", and the one PostgreSQL's ICU
collation for Norwegian Bokmål (nb-NO-x-icu) gives, which the SQLite database gets from
``compare``: case and accents only break ties (é sorts as e), ä sorts as æ and ö as ø,
and "aa" as å (Aasen beside Åsen), as in ICU's Norwegian rules.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# After z: æ (and ä), ø (and ö), å (and the old spelling aa)
_AFTER_Z = {"æ": "\x7f1", "ä": "\x7f1", "ø": "\x7f2", "ö": "\x7f2", "å": "\x7f3"}


@lru_cache(maxsize=65536)
def sort_key(text: str) -> tuple[str, str, str]:
    """The key that sorts texts in Norwegian order: letters first, then accents, then case."""
    folded = text.casefold()
    letters = []
    for char in folded.replace("aa", "å"):
        if char in _AFTER_Z:
            letters.append(_AFTER_Z[char])
        else:
            # é → e, ü → u: the base letter (the accent only breaks ties, below)
            letters.append(unicodedata.normalize("NFD", char)[0])
    # ties: accents (and aa after å), then lower case before upper case
    return "".join(letters), folded.replace("aa", "å\U0010ffff"), text.swapcase()


def compare(a: str, b: str) -> int:
    """-1, 0 or 1: a collation function (sqlite3.Connection.create_collation)."""
    key_a, key_b = sort_key(a), sort_key(b)
    return (key_a > key_b) - (key_a < key_b)
