"""The service behind the CLI and the HTTP API alike: writes through `StateWriter`, reads from the active state.

Every question the product answers (search, grouped answers, entities, compare, actions, documents,
exports) is a method here, so routers and CLI commands only translate arguments and render results.
Readers open the active state read-only and reopen when an ingest switched states.
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from ontology.labels import LabelIndex
from ontology.vocab import full_iri
from ontology.vocab import short_id as short_id_of
from search import loose
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
        self._opened: str | None = None  # the state last opened: a different one means an ingest switched
        self._lock = threading.Lock()
        self._derived: dict = {}
        self._query_cache = None
        self._export_lock = threading.Lock()
        self._writer = StateWriter(self.data_dir, lambda: self.labels, lambda: self.encoder, self._remote,
                                   self.settings.exact_index_limit, sentences=self.settings.weight_sentence > 0,
                                   late=self.settings.weight_late > 0)

    # -- shared resources, created lazily (after any fork) ------------------------------------
    @property
    def labels(self) -> LabelIndex:
        if self._labels is None:
            self._labels = LabelIndex.default()
        return self._labels

    @property
    def encoder(self):
        if self._encoder is None:
            self._encoder = make_encoder(self.settings.model, self.settings.threads, self.settings.int8)
        return self._encoder

    def _remote(self) -> RemoteStore | None:
        """A shared SPARQL graph server, when one is configured, holds the facts instead of the local store
        (several replicas, one graph); passages and indexes stay in the local state either way."""
        s = self.settings
        return RemoteStore(s.sparql_query_url, s.sparql_update_url) if s.sparql_query_url else None

    def weights(self) -> Weights:
        s = self.settings
        return Weights(dense=s.weight_dense, dense_en=s.weight_dense_en, concept=s.weight_concept, fusion=s.fusion,
                       owner=s.weight_owner, sentence=s.weight_sentence, echo=s.weight_echo,
                       late=s.weight_late)

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
                    engine = SearchEngine(current, self.encoder, self.labels, self.weights(), self._query_vectors())
                except IndexMissing:
                    engine = None
                switched = self._opened not in (None, current.name)
                self._reader, self._opened = (current.name, store, engine), current.name
                if switched and self.settings.warm:  # an ingest switched states: its first visitor does not wait
                    threading.Thread(target=self._prepare_views, name="ivp-prepare", daemon=True).start()
            return self._reader[1], self._reader[2]

    def _query_vectors(self):
        """Question vectors shared by the server's workers, beside the passage vectors (opened once)."""
        from search.vectors import VectorCache

        if self._query_cache is None:
            self._query_cache = VectorCache(self.data_dir / "cache" / "vectors.sqlite", timeout=0.05)
        return self._query_cache

    def store(self) -> GraphStore:
        return self.reader()[0]

    def warm(self) -> None:
        """Load the encoder, the active state's search indexes, its graph indexes and its actions (the board and
        every comparison read them) and the question reader's word forms ahead of the first request (a server's
        start-up)."""
        warm = getattr(self.encoder, "warm", None)
        if warm is not None:
            warm()
        loose.warm()
        if not self.is_empty():
            self.engine()
            self._prepare_views()

    def _prepare_views(self) -> None:
        """The active state's graph indexes and actions, built now rather than by the first request for them
        (seconds at 10x, minutes at 1000x); at start and, in a server, whenever an ingest switched states."""
        try:
            self.projection().prepare(self.store())
            self.actions()
        except Exception:  # noqa: BLE001 - preparing is an optimisation: the first request builds and reports
            logging.getLogger("ivp.kg").exception("preparing the state's views failed; they are built on first use")

    def engine(self) -> SearchEngine:
        engine = self.reader()[1]
        if engine is None:
            current = st.current_state(self.data_dir)
            SearchEngine(current, self.encoder, self.labels, self.weights())  # raises the precise IndexMissing
        return engine

    def _per_state(self, key: tuple, build: Callable[[GraphStore], object]):
        """Derived views (projection, actions, comparisons) are built once per active state: a request that
        asks for a view being built (by another request or by `_prepare_views`) waits for it."""
        store = self.store()
        state = self._reader[0]
        with self._lock:
            if self._derived.get("state") != state:
                self._derived = {"state": state}
            derived = self._derived
            building = derived.setdefault(("building", *key), threading.Lock())
        with building:
            if key not in derived:
                derived[key] = build(store)
        return derived[key]

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
        """Hits carry `relevant`; `no_match` and a Dutch message when none is about the question."""
        from search.relevance import no_match_message

        hits = self.engine().search(query, k, filters)
        out = {"query": query, "results": [{**hit_json(h, self.labels), "relevant": h.relevant} for h in hits],
               "no_match": not any(h.relevant for h in hits)}
        if out["no_match"]:
            out["message"] = no_match_message(query, filters and (filters.basisteam or filters.gemeente))
        return out

    def answer(self, question: str, filters: Filters | None = None) -> dict:
        from .answer import answer

        return answer(self.engine(), self.store(), self.labels, question, filters, board=self.actions,
                      compare_fn=self.compare, coverage_fn=self.coverage)

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

    def graph_view(self, view: str = "alles", owner: str | None = None, types: list[str] | None = None,
                   limit: int = 2000) -> dict:
        """A labelled view of the graph for the browser (kg/graphviews.py), only the owner's facts under an
        owner; the facts behind the views are read once per state."""
        from .graphviews import GraphFacts, graph_view

        projection = self.projection()
        facts = self._per_state(("graphfacts",), lambda store: GraphFacts.build(store, projection))
        return graph_view(facts, projection, self.store(), view, owner, types or [], limit)

    def export(self, fmt: str) -> bytes:
        """The whole graph in `fmt` (kg.export.FORMATS); FilterError for another format."""
        return self.export_file(fmt).read_bytes()

    def export_file(self, fmt: str) -> Path:
        """A file holding the whole graph in `fmt`, written once per state and format (a state never changes),
        so many clients exporting at once cost one serialisation and stream from disk; FilterError for an
        unknown format."""
        from .export import FORMATS, export_to

        if fmt not in FORMATS:
            raise FilterError(f"unknown format {fmt!r}; valid: {', '.join(FORMATS)}")
        store = self.store()
        state = self.data_dir / "states" / self._reader[0]
        with self._export_lock:  # one serialisation at a time: the others wait for its file
            return export_to(state, store, fmt, self.projection() if fmt == "graphml" else None)

    def compare(self, a: str, b: str) -> dict:
        """Two basisteams side by side; names are case-insensitive, unknown ones raise FilterError."""
        from .compare import basisteams, compare

        valid = basisteams(self.store())
        canon = {v.lower(): v for v in valid}
        for name in (a, b):
            if name.lower() not in canon:
                raise FilterError(f"unknown basisteam {name!r}; valid: {', '.join(valid)}")
        a, b = canon[a.lower()], canon[b.lower()]
        return self._per_state(("compare", a, b), lambda store: compare(store, self.labels, a, b, self.actions(),
                                                                         self.coverage([a, b])))

    def coverage(self, owner: str | list[str] | None = None) -> list[dict]:
        """What is loaded per plan owner (documents, kinds, cycles) and what is missing, in a Dutch sentence;
        all owners, or the named ones (case-insensitive; an unknown one is reported with no documents)."""
        from .coverage import coverage

        names = [owner] if isinstance(owner, str) else owner
        key = ("coverage", tuple(n.lower() for n in names) if names else None)
        return self._per_state(key, lambda store: coverage(store, names))

    # -- actions -------------------------------------------------------------------------------
    def actions(self) -> list[dict]:
        """All actions of the active state with lineage and sources (internal fields included)."""
        from .actions import all_actions

        return self._per_state(("actions",), all_actions)

    def find_actions(self, basisteam: str | None = None, theme: str | None = None, status: str | None = None,
                     cycle: str | None = None, due_before: str | None = None, **more: Any) -> list[dict]:
        """The board's filters (`more`: due_after, trekker, colour, overdue; see kg/actions.filter_actions); an
        unknown value raises ActionFilterError (a FilterError) naming the valid ones."""
        from .actions import filter_actions, public

        return [public(a) for a in filter_actions(self.actions(), basisteam, theme, status, cycle, due_before, **more)]

    def action_board(self, basisteam: str | None = None, theme: str | None = None, status: str | None = None,
                     cycle: str | None = None, due_before: str | None = None, **more: Any) -> dict:
        """The board: the filtered actions, the report colour legends of the evaluations among them, and the
        coverage of the owners they (or the filter) involve, so an owner with few or no actions is explained
        (only an IVP loaded, no evaluation...)."""
        from .actions import ActionFilterError, legends

        try:
            found = self.find_actions(basisteam, theme, status, cycle, due_before, **more)
        except ActionFilterError:
            # an owner whose plans hold no actions yet (only an IVP) is no error on the board: say what is loaded
            known = {c["owner"].lower() for c in self.coverage() if c["documents"]}
            if not basisteam or basisteam.lower() not in known:
                raise
            self.find_actions(None, theme, status, cycle, due_before, **more)  # the other filters still count
            return {"actions": [], "legends": [], "coverage": self.coverage([basisteam])}
        owners = sorted({a["plan_owner"] for a in found} | ({basisteam} if basisteam else set()), key=str.lower)
        every = self.find_actions(basisteam, None, None, cycle)
        return {"actions": found, "legends": legends(every), "coverage": self.coverage(owners) if owners else []}

    def action_summary(self, basisteam: str | None = None, cycle: str | None = None) -> list[dict]:
        from .actions import filter_actions, summary

        return summary(filter_actions(self.actions(), basisteam, None, None, cycle, None))

    def action(self, action_id: str) -> dict | None:
        """One action with its follow-ups and predecessors titled, or None."""
        from .actions import is_overdue, public

        every = {a["id"]: a for a in self.actions()}
        a = every.get(action_id) or every.get(f"action/{action_id}")
        if a is None:
            return None
        out = public(a) | {"overdue": is_overdue(a, date.today())}
        for key in ("follow_ups", "predecessors"):
            out[key] = [{**link, "title": every[link["id"]]["title"], "cycle": every[link["id"]]["cycle"]}
                        for link in a[key] if link["id"] in every]
        return out

    # -- documents -----------------------------------------------------------------------------
    def documents(self) -> list[dict]:
        docs = {} if self.is_empty() else self.manifest().get("documents", {})
        return [{"id": k, **v} for k, v in sorted(docs.items())]

    def document_text(self, doc_id: str) -> dict | None:
        """A document as the reader shows it: its stored passages in order, each with its section path and page,
        or None for an unknown id. This text is what was read from it; `original` says whether the file itself
        can be downloaded (kg/originals.py)."""
        from search.passages import PASSAGES_FILE, read_passages

        from . import originals
        from .commit import passages_from_graph

        docs = self.manifest().get("documents", {})
        if doc_id not in docs:
            return None
        path = st.current_state(self.data_dir) / PASSAGES_FILE
        try:
            stored = read_passages(path)
        except (OSError, ValueError, TypeError):  # lost or damaged: the graph holds the same passages
            stored = passages_from_graph(self.store())
        own = sorted((p for p in stored if p.doc_id == doc_id), key=lambda p: p.id)
        passages = [{"id": p.id, "text": p.text, "section_path": p.section_path, "page": p.page, "kind": p.kind}
                    for p in own]
        entry = docs[doc_id]
        kept = originals.original_path(self.data_dir, entry["sha256"], entry.get("source") or doc_id).is_file()
        return {"id": doc_id, "title": entry.get("title") or entry.get("source") or doc_id,
                "source": entry.get("source"), "format": entry.get("format"), "original": kept,
                "pages": any(p.page is not None for p in own), "passages": passages}

    def document_download(self, doc_id: str) -> tuple[str, str, bytes] | None:
        """(file name, content type, bytes) to download a document, or None for an unknown id: the original file
        as it was ingested (kg/originals.py). A document ingested before originals were kept gets the text read
        from it instead: UTF-8 plain text with its section headings and page markers ("<name>.tekst.txt")."""
        from . import originals

        entry = self.manifest().get("documents", {}).get(doc_id)
        if entry is None:
            return None
        source = entry.get("source") or doc_id
        kept = originals.original_path(self.data_dir, entry["sha256"], source)
        if kept.is_file():
            return Path(source).name, originals.content_type(source), kept.read_bytes()
        doc = self.document_text(doc_id)
        if doc is None:
            return None
        lines: list[str] = [doc["title"], ""]
        section: list[str] = []
        page = None
        for p in doc["passages"]:
            if p["page"] is not None and p["page"] != page:
                page = p["page"]
                lines += [f"[pagina {page}]", ""]
            if p["section_path"] and p["section_path"] != section:
                section = p["section_path"]
                lines += [" > ".join(section), ""]
            lines += [p["text"], ""]
        stem = Path(doc["source"] or doc_id).stem or doc_id
        return f"{stem}.tekst.txt", "text/plain; charset=utf-8", "\n".join(lines).encode("utf-8")

    def concepts(self, type: str | None = None) -> list[dict]:
        """The concept index (kg/concepts.py): themes, partners and instruments with labels, definition, legal
        identifier, broader/narrower and each plan owner's actions and priorities naming them."""
        from .concepts import concept_index

        return self._per_state(("concepts", type), lambda store: concept_index(store, self.labels, type))

    def concept(self, entity_id: str) -> dict | None:
        """One concept's index entry, or None when the id is no theme, partner or instrument."""
        target = short_id_of(entity_id)
        return next((c for c in self.concepts() if c["id"] == target), None)

    def document(self, doc_id: str) -> dict | None:
        """One document's manifest entry with its sections and extracted facts, or None."""
        from .queries import document_facts

        docs = self.manifest().get("documents", {})
        if doc_id not in docs:
            return None
        return {"id": doc_id, **docs[doc_id], "status": "ingested", **document_facts(self.store(), doc_id)}
