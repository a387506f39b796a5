"""Phrases of the question vocabulary found loosely: in any inflection of their words, with a few other words
between them. A question rarely repeats the vocabulary's wording: it says "verschilt" where the vocabulary has
"verschillen", "veiligheidsplannen" for "veiligheidsplan", "rated" for "rate", "lopen in 2025 nog" for "lopen nog".

The vocabulary lists base forms where any inflection will do ("verschillen", "veiligheidsplan", "tackle") and
inflected forms where only that form means it ("running" is a status, "runs" is not; "doing" asks what is done,
"does" does not). So a question's word matches a vocabulary word that is the word itself or its lemma in Dutch or
English, from simplemma's lemma dictionaries (a kept library, MIT); function words ("does", "is", "zijn") match
only as written, as their lemmas ("do", "be") are words of other meaning in the vocabulary.
"""
from __future__ import annotations

from functools import lru_cache

import simplemma

from ontology.normalize import Token

from .lexical import STOPWORDS

GAP = 2  # words that may stand between two words of a phrase ("lopen in 2025 nog" holds "lopen nog")
LANGS = ("nl", "en")


@lru_cache(maxsize=65536)
def forms(word: str) -> frozenset[str]:
    """The question's word and its lemma in each language ("verschilt": verschilt, verschillen)."""
    if word in STOPWORDS or not word.isalpha():
        return frozenset((word,))
    return frozenset((word, *(simplemma.lemmatize(word, lang=lang).lower() for lang in LANGS)))


def loose(toks: list[Token], used: list[bool], phrases, gap: int = GAP,
          as_written: frozenset[str] = frozenset()) -> list[tuple[list[int], str]]:
    """(positions, phrase) of each of `phrases` whose words stand in order among the free tokens, each as
    written or inflected (`forms`; the words of `as_written` only as written: "later" is not "late"), with at
    most `gap` other words between each two; the words in between may be anything (a year, a name). Callers
    find the phrases written out first."""
    def fits(word: str, tok: Token) -> bool:
        return word == tok.norm or word not in as_written and word in forms(tok.norm)

    out = []
    for phrase in phrases:
        words = phrase.split()
        for i, tok in enumerate(toks):
            if used[i] or not fits(words[0], tok):
                continue
            at = [i]
            for w in words[1:]:
                nxt = next((j for j in range(at[-1] + 1, min(at[-1] + 2 + gap, len(toks)))
                            if not used[j] and fits(w, toks[j])), None)
                if nxt is None:
                    break
                at.append(nxt)
            else:
                out.append((at, phrase))
    return out


def warm() -> None:
    """Load the lemma dictionaries now rather than at a process's first question."""
    for lang in LANGS:
        simplemma.lemmatize("acties", lang=lang)
