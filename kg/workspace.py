"""The service behind the CLI and the HTTP API alike: writes through `StateWriter`, reads from the active state.

Every question the product answers (search, grouped answers, entities, compare, actions, documents,
exports) is a method here, so routers and CLI commands only translate arguments and render results.
Readers open the active state read-only and reopen when an ingest switched states.
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from ontology.labels import LabelIndex
from ontology.vocab import full_iri
from search.contract import FilterError, hit_json, make_filters
from search.encoders import make_encoder
from search.engine import Filters, IndexMissing, SearchEngine, Weights

from . import state as st
from .commit import IngestReport, Progress, StateWriter
from .remote import RemoteStore
from .settings import Settings
from .store import EmbeddedStore, GraphStore, StoreError

__all__ = ["IngestReport", "Workspace"]


class Workspace:
    def __init__(self, settings: Settings | None = None):
        self.settings = settings or Settings()
        self.data_dir = self.settings.data_dir
        self._encoder = None
        self._labels: LabelIndex | None = None
        self._reader: tuple[str, GraphStore, SearchEngine | None] | None = None
        self._lock = threading.Lock()
        self._derived: dict = {}
        self._writer = StateWriter(self.data_dir, lambda: self.labels, lambda: self.encoder, self._remote,
                                   self.settings.exact_index_limit)

    # -- shared resources, created lazily (after any fork) ------------------------------------
    @property
    def labels(self) -> LabelIndex:
        if self._labels is None:
            self._labels = LabelIndex.default()
        return self._labels

    @property
    def encoder(self):
        if self._encoder is None:
            self._encoder = make_encoder(self.settings.model)
        return self._encoder

    def _remote(self) -> RemoteStore | None:
        """A shared SPARQL graph server, when one is configured, holds the facts instead of the local store
        (several replicas, one graph); passages and indexes stay in the local state either way."""
        s = self.settings
        return RemoteStore(s.sparql_query_url, s.sparql_update_url) if s.sparql_query_url else None

    def weights(self) -> Weights:
        s = self.settings
        return Weights(s.weight_dense, s.weight_dense_en, s.weight_concept, s.fusion)

    # -- writes ------------------------------------------------------------------------------
    def ingest(self, paths: list[Path], progress: Progress | None = None, replace: bool = False) -> IngestReport:
        """Add new files; a changed file replaces its stored document only with `replace` (else: a conflict)."""
        try:
            return self._writer.ingest(paths, progress, replace)
        finally:
            self._reader = None

    def remove(self, doc_id: str) -> IngestReport:
        """Remove one document and exactly its facts; KeyError for an unknown id."""
        try:
            return self._writer.remove(doc_id)
        finally:
            self._reader = None

    def reindex(self, progress: Progress | None = None) -> int:
        """Rebuild the indexes of the active state from its stored passages."""
        try:
            return self._writer.reindex(progress)
        finally:
            self._reader = None

    # -- the active state ----------------------------------------------------------------------
    def reader(self) -> tuple[GraphStore, SearchEngine | None]:
        """Store and search engine of the active state, reopened when an ingest switched states."""
        current = st.current_state(self.data_dir)
        if current is None:
            raise StoreError("no data in the data directory: run `ivp ingest PATH` first")
        with self._lock:
            if self._reader is None or self._reader[0] != current.name:
                store = self._remote() or EmbeddedStore(current / "store", read_only=True)
                try:
                    engine = SearchEngine(current, self.encoder, self.labels, self.weights())
                except IndexMissing:
                    engine = None
                self._reader = (current.name, store, engine)
            return self._reader[1], self._reader[2]

    def store(self) -> GraphStore:
        return self.reader()[0]

    def engine(self) -> SearchEngine:
        engine = self.reader()[1]
        if engine is None:
            current = st.current_state(self.data_dir)
            SearchEngine(current, self.encoder, self.labels, self.weights())  # raises the precise IndexMissing
        return engine

    def _per_state(self, key: tuple, build: Callable[[GraphStore], object]):
        """Derived views (projection, actions, comparisons) are built once per active state."""
        store = self.store()
        state = self._reader[0]
        if self._derived.get("state") != state:
            self._derived = {"state": state}
        if key not in self._derived:
            self._derived[key] = build(store)
        return self._derived[key]

    def projection(self):
        """The networkx projection of the active state."""
        from .projection import Projection

        return self._per_state(("projection",), Projection.build)

    def manifest(self) -> dict:
        return st.read_manifest(st.current_state(self.data_dir))

    def is_empty(self) -> bool:
        return st.current_state(self.data_dir) is None

    # -- search and answers --------------------------------------------------------------------
    def filters(self, **values) -> Filters:
        return make_filters(self.engine(), self.labels, **values)

    def filter_values(self) -> dict:
        """Valid filter values for forms: what the indexed documents hold, and every theme."""
        values = self.engine().values()
        themes = ({"id": c.iri.rsplit("/id/", 1)[-1], "label": c.label} for c in self.labels.concepts("theme"))
        values["theme"] = sorted(themes, key=lambda t: t["label"])
        return values

    def search_json(self, query: str, k: int = 10, filters: Filters | None = None) -> dict:
        hits = self.engine().search(query, k, filters)
        return {"query": query, "results": [hit_json(h, self.labels) for h in hits]}

    def answer(self, question: str, filters: Filters | None = None) -> dict:
        from .answer import answer

        return answer(self.engine(), self.store(), self.labels, question, filters)

    # -- the graph -----------------------------------------------------------------------------
    def stats(self) -> dict:
        from .queries import stats

        return stats(self.store())

    def find(self, name: str, type: str | None = None, limit: int = 20) -> list[dict]:
        from .queries import find_entities

        return find_entities(self.projection(), self.labels, name, type, limit)

    def entities(self, type: str | None = None, limit: int = 50) -> list[dict]:
        from .queries import entity_list

        return entity_list(self.projection(), type, limit)

    def entity(self, entity_id: str, depth: int = 1) -> dict | None:
        from .queries import entity

        return entity(self.projection(), self.store(), full_iri(entity_id), depth)

    def subgraph(self, types: list[str], basisteam: str | None = None, limit: int = 2000) -> dict:
        from .queries import subgraph

        return subgraph(self.projection(), types, basisteam, limit)

    def export(self, fmt: str) -> bytes:
        """The whole graph in `fmt` (kg.export.FORMATS); FilterError for another format."""
        from .export import FORMATS, export

        if fmt not in FORMATS:
            raise FilterError(f"unknown format {fmt!r}; valid: {', '.join(FORMATS)}")
        return export(self.store(), fmt, self.projection() if fmt == "graphml" else None)

    def compare(self, a: str, b: str) -> dict:
        """Two basisteams side by side; names are case-insensitive, unknown ones raise FilterError."""
        from .compare import basisteams, compare

        valid = basisteams(self.store())
        canon = {v.lower(): v for v in valid}
        for name in (a, b):
            if name.lower() not in canon:
                raise FilterError(f"unknown basisteam {name!r}; valid: {', '.join(valid)}")
        a, b = canon[a.lower()], canon[b.lower()]
        return self._per_state(("compare", a, b), lambda store: compare(store, self.labels, a, b))

    # -- actions -------------------------------------------------------------------------------
    def actions(self) -> list[dict]:
        """All actions of the active state with lineage and sources (internal fields included)."""
        from .actions import all_actions

        return self._per_state(("actions",), all_actions)

    def find_actions(self, basisteam: str | None = None, theme: str | None = None, status: str | None = None,
                     cycle: str | None = None, due_before: str | None = None) -> list[dict]:
        """The board's filters; an unknown value raises ActionFilterError (a FilterError) naming the valid ones."""
        from .actions import filter_actions, public

        return [public(a) for a in filter_actions(self.actions(), basisteam, theme, status, cycle, due_before)]

    def action_summary(self, basisteam: str | None = None, cycle: str | None = None) -> list[dict]:
        from .actions import filter_actions, summary

        return summary(filter_actions(self.actions(), basisteam, None, None, cycle, None))

    def action(self, action_id: str) -> dict | None:
        """One action with its follow-ups and predecessors titled, or None."""
        from .actions import public

        every = {a["id"]: a for a in self.actions()}
        a = every.get(action_id) or every.get(f"action/{action_id}")
        if a is None:
            return None
        out = public(a)
        for key in ("follow_ups", "predecessors"):
            out[key] = [{**link, "title": every[link["id"]]["title"], "cycle": every[link["id"]]["cycle"]}
                        for link in a[key] if link["id"] in every]
        return out

    # -- documents -----------------------------------------------------------------------------
    def documents(self) -> list[dict]:
        docs = {} if self.is_empty() else self.manifest().get("documents", {})
        return [{"id": k, **v} for k, v in sorted(docs.items())]

    def document(self, doc_id: str) -> dict | None:
        """One document's manifest entry with its sections and extracted facts, or None."""
        from .queries import document_facts

        docs = self.manifest().get("documents", {})
        if doc_id not in docs:
            return None
        return {"id": doc_id, **docs[doc_id], "status": "ingested", **document_facts(self.store(), doc_id)}
