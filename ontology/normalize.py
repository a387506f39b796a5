"""Text normalisation for label matching: case- and accent-folded word tokens that keep their offsets.

Labels and running text are compared as sequences of tokens (runs of letters and digits), so that
"Zorg- en\\nVeiligheidshuis", "zorg en veiligheidshuis" and "ZORG- EN VEILIGHEIDSHUIS" look alike
while every match can still be mapped back to the exact characters of the original text. PDF text
breaks words at line ends ("ondermijnings-\\nonderzoeken"); such a break is healed into one token so
compound matching still sees the whole word.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_DASHES = dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d", "-")
_SINGLE_QUOTES = dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u00b4`", "'")
_DOUBLE_QUOTES = dict.fromkeys("\u201c\u201d\u201e\u201f\u2033", '"')
_SPECIAL = {**_DASHES, **_SINGLE_QUOTES, **_DOUBLE_QUOTES, "\u00ad": "", "\u00a0": " ", "\u200b": ""}

_TOKEN = re.compile(r"[0-9a-z]+|&")
# A word broken over a line: a hyphen (or soft hyphen) then a newline.
_LINE_BREAK_HYPHEN = re.compile(r"[-\u00ad\u2010\u2011][ \t]*\r?\n\s*")
# Small words that follow "Zorg-\n" style breaks; joining them would destroy "zorg- en veiligheid".
_NOT_A_WORD_TAIL = frozenset({"en", "of", "tot", "naar", "en/of"})


@dataclass(frozen=True, slots=True)
class Token:
    """One word of a text: its folded form, where it sits, and the original characters."""

    norm: str
    start: int
    end: int
    raw: str


@lru_cache(maxsize=4096)
def fold_char(c: str) -> str:
    """Lower-case, accent-free, typographic dashes and quotes made plain; may return 0-2 chars."""
    if c in _SPECIAL:
        return _SPECIAL[c]
    if c.isascii():
        return c.lower()
    decomposed = unicodedata.normalize("NFKD", c)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def fold(text: str) -> str:
    """The folded text (no offsets): what label keys are compared on."""
    return "".join(fold_char(c) for c in text)


def tokenize(text: str) -> list[Token]:
    """Word tokens of `text` with offsets into the original string; '&' reads as the word 'en'."""
    chars: list[str] = []
    offsets: list[int] = []
    for i, c in enumerate(text):
        for f in fold_char(c):
            chars.append(f)
            offsets.append(i)
    folded = "".join(chars)
    tokens: list[Token] = []
    for m in _TOKEN.finditer(folded):
        s, e = m.span()
        start, end = offsets[s], offsets[e - 1] + 1
        norm = "en" if m.group() == "&" else m.group()
        tokens.append(Token(norm, start, end, text[start:end]))
    return _heal_line_breaks(tokens, text)


def _heal_line_breaks(tokens: list[Token], text: str) -> list[Token]:
    """Join 'ondermijnings-\\nonderzoeken' into one token; keep 'Gelderland-\\nZuid' and 'RIEC-\\ntafel' apart.

    Only a lower-case word continued in lower case is a broken word; a capital on either side is a
    real hyphenated compound whose parts are matched separately.
    """
    out: list[Token] = []
    for tok in tokens:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.raw[:1].islower()
            and tok.raw[:1].islower()
            and prev.norm.isalpha()
            and tok.norm not in _NOT_A_WORD_TAIL
            and _LINE_BREAK_HYPHEN.fullmatch(text[prev.end:tok.start])
        ):
            out[-1] = Token(prev.norm + tok.norm, prev.start, tok.end, prev.raw + tok.raw)
        else:
            out.append(tok)
    return out


def key(text: str) -> str:
    """A comparison key: the folded tokens joined by single spaces ("Zorg- en Veiligheidshuis" -> "zorg en veiligheidshuis")."""
    return " ".join(t.norm for t in tokenize(text))
