"""search/loose.py: a vocabulary phrase is found in an inflected question word, with a few words between its
words; inflected vocabulary words and function words match only as written."""
import pytest

from ontology.normalize import tokenize
from search.loose import forms, loose
from search.understand import words


def _found(question: str, phrases: tuple[str, ...], gap: int = 2) -> list[str]:
    toks = tokenize(question)
    return [p for _, p in loose(toks, [False] * len(toks), phrases, gap, words().as_written)]


@pytest.mark.parametrize("question, phrase", [
    ("Verschilt de aanpak van Noord van die van Zuid?", "verschillen"),  # a verb's third person
    ("Hoe verhoudt de aanpak zich tot die van Zuid?", "verhouden"),
    ("in de veiligheidsplannen van beide gemeenten", "veiligheidsplan"),  # a plural with a doubled consonant
    ("How is human trafficking tackled?", "tackle"),
    ("Which measures still lack an owner?", "lack owner"),  # an inflected word and a word between
    ("Welke acties lopen in 2025 nog?", "lopen nog"),
])
def test_an_inflected_word_matches_its_base_form(question, phrase):
    assert _found(question, (phrase,)) == [phrase]


@pytest.mark.parametrize("question, phrase", [
    ("who runs the parents' evening", "running"),  # "running" is a status; "runs" is not
    ("What does the plan say about youth?", "doing"),  # "does" is a function word: only as written
    ("What does Noord say about youth?", "do about"),
    ("Welke acties volgen later?", "late"),  # listed in questions.toml [forms] as_written
])
def test_an_inflected_vocabulary_word_or_a_function_word_matches_only_as_written(question, phrase):
    assert _found(question, (phrase,)) == []


def test_words_between_are_bounded_and_ordered():
    assert _found("nobody has been made responsible", ("nobody responsible",)) == []  # three words between
    assert _found("nobody has been made responsible", ("nobody made responsible",)) == ["nobody made responsible"]
    assert _found("responsible nobody", ("nobody responsible",)) == []
    assert _found("lopen in 2025 nog", ("lopen nog",), gap=0) == []


def test_used_words_are_not_matched_again():
    toks = tokenize("Verschillen de plannen?")
    assert loose(toks, [True] + [False] * (len(toks) - 1), ("verschillen",)) == []


def test_forms_hold_the_word_and_its_lemmas():
    assert {"verschilt", "verschillen"} <= forms("verschilt")
    assert forms("does") == {"does"} and forms("2025") == {"2025"}
