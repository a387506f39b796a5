"""The graph store: named graphs per document, snapshots, read-only use, atomic state switches."""
from pathlib import Path

import pytest
from rdflib import Literal

from kg import state as st
from kg.store import EmbeddedStore, StoreError
from ontology.vocab import ID, IVP, graph_iri

A, B = graph_iri("doc-a"), graph_iri("doc-b")


def _t(n: int, doc: str):
    return (ID[f"x/{doc}-{n}"], IVP.text, Literal(f"fact {n} of {doc}"))


def test_replace_graph_touches_only_that_document(tmp_path: Path):
    s = EmbeddedStore(tmp_path / "store")
    s.replace_graph(A, [_t(i, "a") for i in range(3)])
    s.replace_graph(B, [_t(i, "b") for i in range(2)])
    s.replace_graph(A, [_t(9, "a")])
    assert s.triple_count() == 3
    assert sorted(s.document_ids()) == ["doc-a", "doc-b"]
    s.remove_graph(B)
    assert s.document_ids() == ["doc-a"]
    rows = list(s.query("SELECT ?t WHERE { ?s <https://ivp-kg.nl/def#text> ?t }"))
    assert [str(r[0]) for r in rows] == ["fact 9 of a"]


def test_backup_is_a_consistent_copy_and_read_only_refuses_writes(tmp_path: Path):
    s = EmbeddedStore(tmp_path / "store")
    s.replace_graph(A, [_t(1, "a")])
    s.backup(tmp_path / "copy")
    s.replace_graph(A, [_t(2, "a"), _t(3, "a")])
    s.close()
    copy = EmbeddedStore(tmp_path / "copy", read_only=True)
    assert copy.triple_count() == 1
    with pytest.raises(Exception):
        copy.replace_graph(B, [_t(1, "b")])


def test_unopenable_store_gives_a_clear_error(tmp_path: Path):
    bad = tmp_path / "notastore"
    bad.write_text("garbage")
    with pytest.raises(StoreError, match="cannot open the graph store"):
        EmbeddedStore(bad)


def test_state_switch_is_atomic_and_abandoned_states_are_swept(tmp_path: Path):
    assert st.current_state(tmp_path) is None
    first = st.new_state_dir(tmp_path)
    (first / "payload").write_text("one")
    st.commit_state(tmp_path, first, {"documents": {"a": {}}})
    assert st.current_state(tmp_path) == first
    half = st.new_state_dir(tmp_path)  # a writer that died before committing
    (half / "payload").write_text("half")
    assert st.current_state(tmp_path) == first
    assert st.read_manifest(first)["documents"] == {"a": {}}
    second = st.new_state_dir(tmp_path)
    st.commit_state(tmp_path, second, {"documents": {}})
    assert st.current_state(tmp_path) == second
    assert not half.exists(), "the half-built state is swept by the next commit"


def test_second_writer_is_refused_while_one_holds_the_lock(tmp_path: Path):
    with st.writer_lock(tmp_path):
        with pytest.raises(st.StateError, match="another ingest"):
            with st.writer_lock(tmp_path):
                pass
