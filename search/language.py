"""Is a question English or Dutch? Decides how much the lexical side is trusted: Dutch passages
share few words with an English question, so its BM25 ranking is mostly noise."""
from __future__ import annotations

import re

_EN = {"the", "what", "who", "how", "which", "when", "where", "why", "does", "do", "doing", "did", "are", "is", "was",
       "were", "we", "our", "us", "of", "for", "with", "about", "and", "to", "in", "on", "any", "there", "this",
       "that", "they", "their", "can", "will", "should", "would", "has", "have", "been", "from", "into", "against"}
_NL = {"de", "het", "een", "wat", "wie", "welke", "hoe", "wanneer", "waar", "waarom", "zijn", "is", "er", "van",
       "voor", "bij", "met", "worden", "wordt", "en", "in", "op", "aan", "door", "die", "dat", "ook", "niet", "te",
       "heeft", "hebben", "naar", "over", "om", "rond", "onze", "gaan", "doen", "kan", "zij", "we", "wij"}
_WORD = re.compile(r"[a-z']+")


def is_english(query: str) -> bool:
    words = _WORD.findall(query.lower())
    return sum(w in _EN for w in words) > sum(w in _NL for w in words)
