"""bench/structured_eval.py scores a reading field by field: each wrong field is named, a right one is not."""
from bench.structured_eval import reading_errors

EXPECTED = {"intent": "actions", "owners": ["Noord"], "gemeente": None, "not_loaded": None, "years": [2024],
            "status": "vertraagd", "colour": None, "deadline": None, "overdue": False, "unowned": False,
            "kind": None, "theme": "Jeugd"}
READ = {"intent": "actions", "owners": ["Noord"], "gemeenten": [], "not_loaded": [], "years": [2024],
        "status": "vertraagd", "colour": None, "deadline": None, "overdue": False, "unowned": False, "kind": None,
        "concepts": [{"id": "theme/jeugd", "label": "Jeugd", "type": "theme"}]}


def test_a_reading_as_expected_has_no_errors():
    assert reading_errors(EXPECTED, READ) == []


def test_each_wrong_field_is_named():
    wrong = {**READ, "status": None, "owners": [], "concepts": [],
             "deadline": {"from": None, "before": "2025-01-01"}, "not_loaded": ["gemeente Zwolle"]}
    assert sorted(reading_errors(EXPECTED, wrong)) == ["deadline", "not_loaded", "owners", "status", "theme"]
    assert reading_errors({**EXPECTED, "not_loaded": "Zwolle"}, {**READ, "not_loaded": ["gemeente Zwolle"]}) == []
    assert reading_errors({**EXPECTED, "not_loaded": "Zwolle"}, READ) == ["not_loaded"]
