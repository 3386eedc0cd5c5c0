"""Text bound for a spreadsheet, neutralised as OWASP's CSV injection guidance says. Pure.

A cell whose text starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return (or
their full-width forms, which some spreadsheet programs also read) can run as a formula when
the file is opened. samvirke's own formulas are written as formulas, never through here;
names, labels and sources from the register or an import are text and stay text.
"""

from __future__ import annotations

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_START)


def neutralise(text: str) -> str:
    """The text with a leading apostrophe if a spreadsheet could read it as a formula (the
    apostrophe is the spreadsheet's own sign for "this is text")."""
    return f"'{text}" if looks_like_formula(text) else text
