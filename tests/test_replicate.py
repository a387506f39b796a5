"""The replicated scale state (bench/replicate.py): FACTOR x the counts, copies found by search, per-copy owners."""
from __future__ import annotations

from kg import state as st
from kg.settings import Settings
from kg.workspace import Workspace
from search.engine import Filters


def test_two_copies_are_counted_searched_and_owned_apart(ingested, tmp_path):
    from bench.replicate import build

    source = st.current_state(ingested.data_dir)
    build(source, tmp_path / "data", 2)
    ws = Workspace(Settings(data_dir=tmp_path / "data"))
    src_docs = ingested.manifest()["documents"]
    docs = ws.manifest()["documents"]
    assert len(docs) == 2 * len(src_docs)
    engine = ws.engine()
    assert len(engine.passages) == 2 * len(ingested.engine().passages)

    hits = engine.search("aanpak mensenhandel", 20)
    assert {h.passage.doc_id.endswith("-x1") for h in hits} == {True, False}  # both copies are found

    copy_owner = next(d["owner"] for k, d in docs.items() if k.endswith("-x1"))
    assert copy_owner not in {d["owner"] for d in src_docs.values()}
    owned = engine.search("drugs preventie jongeren", 10, Filters(basisteam=copy_owner))
    assert owned and all(h.passage.owner == copy_owner and h.passage.doc_id.endswith("-x1") for h in owned)

    ws.compare(copy_owner, sorted(d["owner"] for d in src_docs.values())[0])  # a known owner: no FilterError
    assert copy_owner in [c["owner"] for c in ws.coverage() if c["documents"]]  # the graph knows the copy's owner
    copy_doc = next(k for k in docs if k.endswith("-x1"))
    text = ws.document_text(copy_doc)
    assert text and len(text["passages"]) == docs[copy_doc]["passages"]
