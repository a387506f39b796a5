"""Which of a handful of short texts (the titles of the actions a question is answered with) the question's own
words name, where no concept of the graph covers them ("wie is trekker van de straatcoaches?", "the newsletter").

Two signals, in this order. Literally: the texts that hold every one of the words (stemmed, compounds split as
the lexical index splits them: "preventie" finds "Inbraakpreventie-avonden"). Otherwise by meaning: the cosine of
the words, read as a question, with each text (search/engine.closeness), which reaches across languages ("street
coaches" / "Straatcoaches"). Measured on the sample plans and the fixtures: a title that names the subject stands
0.03-0.05 above the next and 0.04-0.08 above the median, while words no title names ("camera toezicht", "new
plan") leave many titles within 0.03 of the best; one Dutch word alone ("nieuwsbrief") is too short for its
vector to stand out among a hundred titles, and is found literally (tests/test_answer_topic.py).
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np

BAND = 0.03  # texts within this cosine of the best still fit
MOST = 5  # more fitting texts than this: the words do not choose
LEAD = 0.04  # the best text must stand this far above the median
FEWEST = 3  # fewer texts than this: nothing to choose among


def pick(engine, words: str, texts: Sequence[str]) -> list[int] | None:
    """Positions of the texts the words name, or None when they name no few of them."""
    if len(texts) < FEWEST:
        return None
    analyzer = engine.lexical.analyzer
    wanted = {analyzer.stem(w) for w in analyzer.words(words)}
    if wanted:
        literal = [i for i, t in enumerate(texts) if wanted <= set(analyzer(t))]
        if 0 < len(literal) <= MOST:
            return literal
    scores = engine.closeness(words, list(texts))
    best = float(scores.max())
    fit = [i for i, x in enumerate(scores) if x >= best - BAND]
    if len(fit) > MOST or best - float(np.median(scores)) < LEAD:
        return None
    return fit
