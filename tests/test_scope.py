"""Owners named in a question, and comparisons ranked per side (search/scope.py)."""
import numpy as np

from search.lexical import Analyzer
from search.passages import StoredPassage
from search.scope import (COMPARE, MAX_SIDES, OwnerFinder, best_rows, interleave, leading_owners, lexical_query,
                          rows_by_owner, side_pattern, side_rankings, unnamed_sides)


def _passage(i: int, owner: str | None) -> StoredPassage:
    return StoredPassage(f"p{i}", f"d{owner}", f"tekst {i}", [], None, "paragraph", owner=owner, basisteam=owner)


def test_owner_finder_reads_owner_names_in_any_case_and_order():
    find = OwnerFinder(["Hoog Kanaal", "Zandvoort-Noord", "Kanaal"])
    assert find("Wat doet zandvoort-noord aan inbraken, en HOOG KANAAL?") == ["Zandvoort-Noord", "Hoog Kanaal"]
    assert find("kanaal en kanaal") == ["Kanaal"]  # once, and the longer name is not read into the shorter
    assert find("inbraken in de wijk") == []


def test_lexical_query_drops_owner_words_and_comparison_words_only():
    a = Analyzer()
    assert lexical_query("Welke partners werken tegen drugs in Hoog Kanaal?", a, ["Hoog Kanaal"], False) \
        == "partners werken drugs"
    assert lexical_query("How do both districts tackle burglary?", a, [], True) == "tackle burglary"
    # nothing to drop, or nothing would be left: the question as asked
    assert lexical_query("inbraak", a, [], False) == "inbraak"
    assert lexical_query("Hoog Kanaal", a, ["Hoog Kanaal"], False) == "Hoog Kanaal"


def test_compare_words_in_both_languages():
    for q in ("Compare the plans", "Hoe verschillen de basisteams?", "what does each district do",
              "Wat zeggen beide plannen", "in the two plans"):
        assert COMPARE.search(q), q
    assert not COMPARE.search("Wat doet de gemeente aan drugs in twee jaar?")


def test_side_words_come_from_the_question_vocabulary():
    """ontology/questions.toml [sides]: "word*" matches the longer words it begins, "two *" any next word, the
    rest whole words only."""
    pattern = side_pattern(["vergelijk*", "two *", "vs"])
    assert [m.group(0) for m in pattern.finditer("Vergelijking van two plans, VS en vsx, vergelijk")] == [
        "Vergelijking", "two plans", "VS", "vergelijk"]
    assert not pattern.search("onvergelijkbaar") and unnamed_sides("beide plannen") == (2, False)
    assert unnamed_sides("each district") == (MAX_SIDES, True)


def test_interleave_gives_every_side_its_best_passages_first():
    passages = [_passage(i, owner) for i, owner in enumerate(["A", "A", "A", "A", "B", None])]
    fused = np.array([9.0, 8.0, 7.0, 6.0, 1.0, 5.0])  # side B's best passage ranks low overall
    rows = rows_by_owner(passages)
    assert sorted(rows) == ["A", "B"] and rows["A"].tolist() == [0, 1, 2, 3]
    sides = [rows["A"], rows["B"]]
    order = list(np.argsort(-fused))
    out = interleave(side_rankings(fused, sides, 3), order, depth=3)
    assert out[:2] == [0, 4], "B's best passage is second, not fifth"
    assert out[2:] == [1, 2, 3, 5], "then the sides' next ones, then the rest in fused order"
    masked = np.where(np.arange(6) == 4, -np.inf, fused)  # a filter removed B's only passage
    assert side_rankings(masked, sides, 3)[1] == []
    assert 4 not in interleave(side_rankings(masked, sides, 3), [0, 1], depth=3)


def test_best_rows_is_a_stable_sort_of_every_score_cut_to_depth():
    rng = np.random.default_rng(3)
    for _ in range(200):
        scores = rng.integers(0, 6, rng.integers(1, 40)).astype(float)  # many ties
        scores[rng.random(len(scores)) < 0.2] = -np.inf  # filtered out
        depth = int(rng.integers(0, 45))
        full = [int(i) for i in np.argsort(-scores, kind="stable")[:depth] if np.isfinite(scores[i])]
        assert best_rows(scores, depth).tolist() == full


def test_sides_without_names_are_the_owners_of_the_best_passages():
    passages = [_passage(i, owner) for i, owner in enumerate(["A", None, "B", "A", "C", "D", "E", "F", "G"])]
    assert leading_owners([4, 1, 0, 3, 2], passages) == ["C", "A", "B"]  # by their best passage; none skipped
    assert leading_owners([4, 0, 3, 2, 6], passages, most=2) == ["C", "A"]  # A has most; C before B: first seen
    assert leading_owners(range(9), passages, most=3) == ["A", "B", "C"]
    # one passage of a short plan at the top does not make it a side of "both plans" beside two long ones
    ranked = [_passage(0, "Short"), *(_passage(i, "Long1" if i % 2 else "Long2") for i in range(1, 12))]
    assert leading_owners(range(12), ranked, most=2) == ["Long1", "Long2"]
    assert leading_owners(range(12), ranked, most=2, pool=2) == ["Short", "Long1"]


def test_both_means_two_sides_and_districts_mean_basisteams():
    assert unnamed_sides("Hoe verschillen beide basisteams in hun aanpak van jeugd?") == (2, True)
    assert unnamed_sides("What do both plans say about reporting crime?") == (2, False)
    assert unnamed_sides("Compare the two plans on youth") == (2, False)
    assert unnamed_sides("Who takes the lead in each district?") == (MAX_SIDES, True)
    assert unnamed_sides("Vergelijk de aanpak van drugs") == (MAX_SIDES, False)
    # a gemeente's own plan (basisteam known or not) is a side of its own, or part of its basisteam's side
    passages = [StoredPassage("p0", "d0", "t", [], None, "paragraph", owner="Wijchen", basisteam="Tweestromenland"),
                StoredPassage("p1", "d1", "t", [], None, "paragraph", owner="Zuidermeer"),
                StoredPassage("p2", "d2", "t", [], None, "paragraph", owner="De Waarden", basisteam="De Waarden")]
    assert leading_owners(range(3), passages, 2) == ["Wijchen", "Zuidermeer"]
    assert leading_owners(range(3), passages, 2, teams=True) == ["Tweestromenland", "De Waarden"]


def _owners(engine) -> list[str]:
    return sorted({p.owner for p in engine.passages if p.owner})


def test_a_named_owner_ranks_its_own_passages_first(ingested):
    engine = ingested.engine()
    owners = _owners(engine)
    assert len(owners) >= 2
    for owner in owners:
        hits = engine.search(f"Welke partners werken samen tegen drugs in {owner}?", 5)
        assert [h.passage.owner for h in hits] == [owner] * 5, owner


def test_a_comparison_without_names_sees_every_owner(ingested):
    hits = ingested.engine().search("How do both districts tackle online crime?", 4)
    assert {h.passage.owner for h in hits} == set(_owners(ingested.engine()))
