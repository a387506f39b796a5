"""Per-line character clean-up shared by the line-based builders (txt, pdf).

Only characters change here, never words: NFC, odd spaces to plain spaces, control characters
out, and a symbol-font bullet (private-use glyph) read as the bullet it draws.
"""
from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t]")
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200d\u2060\ufeff]")
_PRIVATE_LEAD = re.compile(r"^(\s*)[\ue000-\uf8ff]+\s*")
_PRIVATE = re.compile(r"[\ue000-\uf8ff]")
_SENTENCE_END = re.compile(r"[.!?:;]['’”\")]?$")


def clean_line(text: str) -> str:
    """One line's characters normalised; leading/trailing whitespace removed."""
    text = unicodedata.normalize("NFC", text)
    text = _SPACES.sub(" ", text)
    text = _CONTROLS.sub("", text)
    text = _PRIVATE_LEAD.sub(r"\1• ", text)
    return _PRIVATE.sub("", text).strip()


def indent_of(raw: str) -> int:
    """Leading blank columns, tabs counted as four."""
    expanded = raw.replace("\t", "    ")
    return len(expanded) - len(expanded.lstrip(" \u00a0"))


def ends_sentence(text: str) -> bool:
    return bool(_SENTENCE_END.search(text.rstrip()))


def join_wrapped(parts: list[str]) -> str:
    """Wrapped lines as one text, single-spaced; hyphenation is left as written (cleaning decides)."""
    return " ".join(" ".join(p.split()) for p in parts if p.strip())
