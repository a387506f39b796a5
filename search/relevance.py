"""Is a hit about the question at all? A calibrated yes/no on top of the ranking.

The ranking always has a best passage, even for a question the documents never discuss, and e5 cosines
are compressed (a nonsense question still scores ~0.75-0.8 against every passage), so neither a rank nor a
raw cosine says "nothing matches". Three signals that mean the same thing on any corpus are combined:

- dense: the passage's cosine in standard deviations above the mean cosine of the question over all
  passages (z). Measured on the calibration questions, the best passage stands out as far for "zzz" as for
  a real question, so z does not tell whether anything matches; it does tell, within a real question,
  the passages that are hardly closer to it than the average passage.
- words: the share of the question's content words (stop words dropped, stemmed, compounds split) that the
  passage contains, each weighted by its inverse document frequency; a word no passage contains counts
  fully against it ("appeltaart"), a word every passage contains ("gemeente") hardly counts at all. Or, if
  larger, the share of its long words whose first seven letters begin a word of the passage: an English
  question meets its Dutch passage through the words both languages share ("evaluation" / "evaluatie").
- concept: the passage mentions a concept the question was grounded in (an English question meets its
  Dutch passage here: "human trafficking" -> mensenhandel).

They are combined logistically into a probability-like score per hit; a hit is relevant above THRESHOLD,
and a search has no match when none of its hits is.

Where the state has token states (`search/late.py`), a fourth signal decides instead: late, how well each of
the question's words finds its counterpart among the passage's contextual token states (IDF-weighted). A
nonsense or out-of-domain question's rare words find no counterpart in any passage, while a real question's
do, in either language and in other words ("kids" / "jongeren"): over the calibration questions and the tuning
halves its best hit separates the two with an AUC of 0.98, where the signals above answered 90% of the real
questions at 90% of the unanswerable ones flagged. Fitted on those questions only (a logistic regression on
late, words and concept put nearly all the weight on late and concept), a hit is relevant from late LATE_AT on,
LATE_CONCEPT lower when it mentions a concept the question was grounded in.
"""
from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from .grounding import Grounding
from .lexical import LexicalIndex
from .passages import StoredPassage

# Chosen on bench/relevance_calibration.jsonl only (32 real questions about the sample plans, 32 out-of-domain
# or nonsense ones, Dutch and English); no held-out question was looked at. `python bench/relevance.py --fit`
# fits a logistic model of "the question is real" on its strongest hit: the dense z got a weight of ~0.06,
# i.e. the best passage stands out of the cosine distribution as much for "zzz" as for a real question, so the
# question-level decision rests on words and concepts. The fitted weights are regularised towards a boundary
# (words >= 0.83) that missed real questions; the data separate at any words share between the highest of
# the nonsense questions (0.30) and the lowest of the real ones without a grounded concept (0.45), so the
# boundary is set midway, at 0.375, and a grounded concept alone suffices. The dense signal decides per hit:
# a passage hardly closer to the question than the average passage is not about it, whatever word it
# shares. Z_FLOOR is the 5th percentile of z over the hits of real calibration questions that have word or
# concept evidence (0.99), so only that tail is penalised; W_DENSE makes a concept-only hit below z 0.4 and a
# words-only hit at the boundary below z 1.0 irrelevant.
W_WORDS = 10.0  # for a passage holding all of the question's content words (idf-weighted share)
W_CONCEPT = 5.0  # for a passage that mentions a concept the question was grounded in
BIAS = -3.75  # words share 0.375 without a concept is the boundary (score 0.5)
Z_FLOOR = 1.0  # below this dense z a hit loses W_DENSE per standard deviation
W_DENSE = 2.0
THRESHOLD = 0.5  # a hit whose score is at least this is relevant
# With token states: the boundary (score 0.5) in late score, the shift a grounded concept gives, and the slope
# (40: 0.05 of late score is 2 logits). Over the calibration questions and the tuning halves, boundaries 0.58-0.60
# with shifts 0.03-0.07 flag 92-96% of the unanswerable questions and answer 94-97% of the real ones; 0.59 and
# 0.04 flag 94.4% and answer 96.2% (docs/BENCHMARKS.md).
LATE_AT = 0.59
LATE_CONCEPT = 0.04
W_LATE = 40.0
PLACE_TYPES = frozenset({"gemeente", "basisteam"})  # concepts that say where to look, not what about
SHORT = 2  # a question of at most this many words (place names aside) may be too short for the late signal
START = 7  # letters of a long question word a passage word must begin with (start_coverage); 6 and 8: fewer
# real questions answered on the tuning half at the same share of nonsense flagged (docs/BENCHMARKS.md)


@dataclass(frozen=True)
class Evidence:
    """The signals of one passage for one question."""

    dense: float
    words: float
    concept: bool
    late: float | None = None  # the late-interaction score, where the state has token states

    def score(self) -> float:
        if self.late is not None:
            x = W_LATE * (self.late - LATE_AT + LATE_CONCEPT * self.concept)
        else:
            x = W_WORDS * self.words + W_CONCEPT * self.concept + W_DENSE * min(self.dense - Z_FLOOR, 0.0) + BIAS
        return 1.0 / (1.0 + math.exp(-x))


def dense_z(dense: np.ndarray) -> np.ndarray:
    """Cosines in standard deviations above the question's mean over all passages (0 for a flat corpus)."""
    std = float(dense.std()) if len(dense) else 0.0
    return (dense - dense.mean()) / std if std > 1e-9 else np.zeros_like(dense)


def place_words(names: Iterable[str], lexical: LexicalIndex) -> frozenset[str]:
    """The words of the plan owners' and gemeenten's names."""
    return frozenset(w for name in names for w in lexical.analyzer.words(name))


def word_coverage(query: str, lexical: LexicalIndex, rows: list[int], places: frozenset[str] = frozenset()
                  ) -> np.ndarray:
    """Idf-weighted share of the question's content words each passage in `rows` contains. A place name
    says where to look, not what about ("Bibob in <owner>" is not answered by every passage that names the
    owner), so the names in `places` are left out unless nothing else is left."""
    words = lexical.analyzer.words(query)
    topic = [w for w in words if w not in places] or words
    terms = sorted(set(lexical.analyzer(" ".join(topic))))
    return _share([lexical.holding(t) for t in terms], lexical.n_docs, rows)


def start_coverage(query: str, lexical: LexicalIndex, rows: list[int], places: frozenset[str] = frozenset()
                   ) -> np.ndarray:
    """Idf-weighted share of the question's long words (at least START letters, place names left out) whose
    first START letters begin a word of each passage in `rows`: the words Dutch and English share
    (evaluation / evaluatie, intervention / interventie, organisation / organisatie) and inflections the
    stemmer keeps apart, which `word_coverage` misses."""
    words = dict.fromkeys(w for w in lexical.analyzer.words(query) if len(w) >= START and w not in places)
    return _share([lexical.holding_start(w[:START]) for w in words], lexical.n_docs, rows)


def _share(held: list[np.ndarray], n_docs: int, rows: list[int]) -> np.ndarray:
    """Per passage in `rows`, the idf-weighted share of the words (given as the rows holding each) it holds;
    a word no passage holds weighs as the rarest and counts against every passage."""
    if not held or not rows:
        return np.zeros(len(rows))
    n = max(n_docs, 1)
    found = np.zeros(len(rows))
    total = 0.0
    mask = np.zeros(n_docs, dtype=bool)
    for holders in held:
        mask[:] = False
        mask[holders] = True  # a mark per passage: holders may repeat, and a mask is cheaper than a set test
        count = int(mask.sum())
        idf = math.log(1 + (n - count + 0.5) / (count + 0.5))
        found += idf * mask[rows]
        total += idf
    return found / total if total else found


def unheard(query: str, lexical: LexicalIndex, places: frozenset[str] = frozenset(),
            known: frozenset[str] = frozenset()) -> bool:
    """A question of at most SHORT words (place names aside) that no passage holds and that are not among the
    `known` words questions use to say what they ask ("zzz"). Its one or two tokens' best matches among every
    passage's token states are chance: the late signal scored "zzz" above "phishing" (bench/relevance.py)."""
    words = [w for w in lexical.analyzer.words(query) if w not in places]
    if not words or len(words) > SHORT or any(w in known for w in words):
        return False
    return all(len(lexical.holding(t)) == 0 for t in set(lexical.analyzer(" ".join(words))))


def judge(query: str, grounding: Grounding, dense: np.ndarray, lexical: LexicalIndex,
          passages: list[StoredPassage], rows: list[int], places: frozenset[str] = frozenset(),
          late: np.ndarray | None = None, known: frozenset[str] = frozenset()) -> list[Evidence]:
    """Evidence for the passages `rows` (indexes into `passages`), in that order; `late`: their late-interaction
    scores, in the same order, where the state has token states. A short question the documents and the
    question vocabulary (`known`) do not know, and that names no concept, matches nothing."""
    z = dense_z(dense)
    words = np.maximum(word_coverage(query, lexical, rows, places), start_coverage(query, lexical, rows, places))
    related = grounding.related - {c.iri for c in grounding.concepts if c.type in PLACE_TYPES}
    if not related and unheard(query, lexical, places, known):  # no signal to go by: a word's first letters
        late, words = None, np.zeros(len(rows))  # ("belastingaangifte" / "belastingdienst") are chance too
    lates = [None] * len(rows) if late is None else [round(float(x), 4) for x in late]
    return [Evidence(round(float(z[i]), 3), round(float(w), 3), bool(related & set(passages[i].mentions)), x)
            for i, w, x in zip(rows, words, lates)]


def is_relevant(score: float) -> bool:
    return score >= THRESHOLD


def no_match_message(query: str, owner: str | None = None) -> str:
    """The Dutch line shown instead of unrelated passages; with an owner or gemeente filter it names it."""
    if owner:
        return f"De documenten van {owner} noemen dit niet."
    return f"Niets relevants gevonden voor '{query}'."
