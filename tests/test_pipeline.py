"""Document ids: readable, stable per file name, and never shared by two different names."""
import pytest

from ingest.pipeline import doc_id_for


@pytest.mark.parametrize("a,b", [("x.txt", "x.TXT"), ("report.pdf", "report.txt"), ("план.txt", "安全计划.txt"),
                                 ("plan 2024.txt", "plan-2024.txt"), ("Über.md", "Uber.md")])
def test_different_names_never_share_an_id(a, b):
    assert doc_id_for(a) != doc_id_for(b)


def test_the_id_is_stable_readable_and_ignores_the_folder():
    assert doc_id_for("/some/where/IVP Tiel 2024.docx") == doc_id_for("IVP Tiel 2024.docx")
    assert doc_id_for("IVP Tiel 2024.docx").startswith("ivp-tiel-2024-")
    assert doc_id_for("安全计划.txt").startswith("document-")
    # the same name written in composed and decomposed Unicode (as macOS stores it) is one document
    assert doc_id_for("Caf\u00e9.txt") == doc_id_for("Cafe\u0301.txt")
