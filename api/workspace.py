"""The service behind the CLI and the HTTP API: commits ingests atomically, serves reads.

An ingest builds the next state beside the active one (graph snapshot + changed documents +
re-built indexes) and switches to it in one rename; readers notice the switch and reopen.
"""
from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ingest.model import ExtractedDocument, IngestError
from ingest.pipeline import doc_id_for, extract_file, file_sha256, iter_files
from kg import state as st
from kg.lineage import refresh_lineage
from kg.mapping import document_triples
from kg.remote import RemoteStore
from kg.store import EmbeddedStore, StoreError
from ontology.labels import LabelIndex, load_ontology_graph, ontology_files
from ontology.vocab import ONTOLOGY_GRAPH, graph_iri
from search.encoders import make_encoder
from kg.projection import full_iri
from kg.queries import entity as entity_view
from kg.queries import find_entities
from search.answer import answer
from search.contract import hit_json, make_filters
from search.engine import Filters, IndexMissing, SearchEngine, Weights
from search.index import build_indexes
from search.passages import PASSAGES_FILE, StoredPassage, from_document, read_passages
from search.vectors import VectorCache

from .settings import Settings

Progress = Callable[[str, int, int], None]


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # "file: reason"
    encoded: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)


class Workspace:
    def __init__(self, settings: Settings | None = None):
        self.settings = settings or Settings()
        self.data_dir = self.settings.data_dir
        self._encoder = None
        self._labels: LabelIndex | None = None
        self._reader: tuple[str, EmbeddedStore, SearchEngine | None] | None = None
        self._lock = threading.Lock()
        self._derived: dict = {}

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
    def ingest(self, paths: list[Path], progress: Progress | None = None) -> IngestReport:
        report = IngestReport()
        with st.writer_lock(self.data_dir):
            st.sweep(self.data_dir)
            current = st.current_state(self.data_dir)
            manifest = st.read_manifest(current)
            known = manifest.get("documents", {})
            files = list(iter_files(paths))
            docs: list[ExtractedDocument] = []
            for n, f in enumerate(files, 1):
                if progress:
                    progress("read", n, len(files))
                try:
                    if not f.exists():
                        raise IngestError(f, "file not found")
                    sha = file_sha256(f)
                    doc_id = doc_id_for(f)
                    if doc_id in known and known[doc_id]["sha256"] == sha and not self._ontology_changed(manifest):
                        report.unchanged.append(doc_id)
                        continue
                    docs.append(extract_file(f, self.labels, sha))
                    (report.updated if doc_id in known else report.added).append(doc_id)
                except IngestError as exc:
                    report.errors.append(str(exc))
                except Exception as exc:  # an extractor bug must not lose the other files
                    report.errors.append(f"{f.name}: could not be read ({exc.__class__.__name__}: {exc})")
            if docs or (current is None and not report.errors) or self._ontology_changed(manifest):
                try:
                    report.encoded = self._commit(current, manifest, docs, [], progress)
                except OSError as exc:  # a full disk, a read-only mount: nothing was switched
                    raise st.StateError(f"could not write the new state in {self.data_dir} ({exc.strerror or exc}); "
                                        "the previous state is unchanged") from exc
        self._reader = None
        return report

    def remove(self, doc_id: str) -> IngestReport:
        report = IngestReport()
        with st.writer_lock(self.data_dir):
            current = st.current_state(self.data_dir)
            manifest = st.read_manifest(current)
            if doc_id not in manifest.get("documents", {}):
                raise KeyError(doc_id)
            self._commit(current, manifest, [], [doc_id], None)
            report.removed.append(doc_id)
        self._reader = None
        return report

    def reindex(self, progress: Progress | None = None) -> int:
        """Rebuild the indexes of the active state from its stored passages (graph is the fallback)."""
        with st.writer_lock(self.data_dir):
            current = st.current_state(self.data_dir)
            if current is None:
                raise StoreError("nothing ingested yet: run `ivp ingest PATH` first")
            manifest = st.read_manifest(current)
            return self._commit(current, manifest, [], [], progress)

    def _commit(self, current: Path | None, manifest: dict, docs: list[ExtractedDocument], removed: list[str],
                progress: Progress | None) -> int:
        new = st.new_state_dir(self.data_dir)
        try:
            store = self._remote()
            if store is None:
                if current is not None and (current / "store").exists():
                    EmbeddedStore(current / "store", read_only=True).backup(new / "store")
                store = EmbeddedStore(new / "store")
            if self._ontology_changed(manifest) or current is None:
                from rdflib import Graph

                onto: Graph = load_ontology_graph()
                store.replace_graph(ONTOLOGY_GRAPH, iter(onto))
            passages = self._previous_passages(current, store) if current is not None else []
            changed = {d.doc_id for d in docs} | set(removed)
            passages = [p for p in passages if p.doc_id not in changed]
            documents = {k: v for k, v in manifest.get("documents", {}).items() if k not in changed}
            for doc_id in removed:
                store.remove_graph(graph_iri(doc_id))
            for doc in docs:
                store.replace_graph(graph_iri(doc.doc_id), document_triples(doc))
                passages.extend(from_document(doc))
                documents[doc.doc_id] = {
                    "sha256": doc.sha256, "source": doc.source_name, "title": doc.meta.title,
                    "kind": doc.meta.kind, "basisteam": doc.meta.basisteam, "format": doc.fmt,
                    "passages": len(doc.passages), "actions": len(doc.actions), "priorities": len(doc.priorities),
                }
            cache = VectorCache(self.data_dir / "cache" / "vectors.sqlite")
            try:
                refresh_lineage(store, lambda texts: cache.encode(self.encoder, texts)[0])
                store.close()
                passages.sort(key=lambda p: (p.doc_id, p.id))
                encoded = build_indexes(new, passages, self.encoder, cache,
                                        (lambda d, t: progress("encode", d, t)) if progress else None,
                                        self.settings.exact_index_limit)
            finally:
                cache.close()
            st.commit_state(self.data_dir, new, {
                "documents": documents, "ontology": _ontology_hash(), "model": self.encoder.name,
            })
            return encoded
        except BaseException:
            st.abandon_state(new)
            raise

    def _previous_passages(self, current: Path, store: EmbeddedStore) -> list[StoredPassage]:
        try:
            return read_passages(current / PASSAGES_FILE)
        except (OSError, ValueError, TypeError):
            return passages_from_graph(store)

    def _ontology_changed(self, manifest: dict) -> bool:
        return bool(manifest.get("documents")) and manifest.get("ontology") != _ontology_hash()

    # -- reads -------------------------------------------------------------------------------
    def reader(self) -> tuple[EmbeddedStore, SearchEngine | None]:
        """Store and search engine of the active state, reopened when an ingest switched states."""
        current = st.current_state(self.data_dir)
        if current is None:
            raise StoreError(f"no data in {self.data_dir}: run `ivp ingest PATH` first")
        with self._lock:
            if self._reader is None or self._reader[0] != current.name:
                store = self._remote() or EmbeddedStore(current / "store", read_only=True)
                try:
                    engine = SearchEngine(current, self.encoder, self.labels, self.weights())
                except IndexMissing:
                    engine = None
                self._reader = (current.name, store, engine)
            return self._reader[1], self._reader[2]

    def store(self) -> EmbeddedStore:
        return self.reader()[0]

    def engine(self) -> SearchEngine:
        engine = self.reader()[1]
        if engine is None:
            current = st.current_state(self.data_dir)
            SearchEngine(current, self.encoder, self.labels, self.weights())  # raises the precise IndexMissing
        return engine

    def _per_state(self, key: tuple, build):
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
        from kg.projection import Projection

        return self._per_state(("projection",), Projection.build)

    # -- the product's questions, shared by the CLI and the HTTP API ---------------------------
    def filters(self, **values) -> Filters:
        return make_filters(self.engine(), self.labels, **values)

    def search_json(self, query: str, k: int = 10, filters: Filters | None = None) -> dict:
        hits = self.engine().search(query, k, filters)
        return {"query": query, "results": [hit_json(h, self.labels) for h in hits]}

    def answer(self, question: str, filters: Filters | None = None) -> dict:
        return answer(self.engine(), self.store(), self.labels, question, filters)

    def find(self, name: str, type: str | None = None, limit: int = 20) -> list[dict]:
        return find_entities(self.projection(), self.labels, name, type, limit)

    def entity(self, entity_id: str, depth: int = 1) -> dict | None:
        return entity_view(self.projection(), self.store(), full_iri(entity_id), depth)

    def compare(self, a: str, b: str) -> dict:
        """Two basisteams side by side."""
        from kg.compare import compare

        return self._per_state(("compare", a, b), lambda store: compare(store, self.labels, a, b))

    def actions(self) -> list[dict]:
        """All actions of the active state with lineage and sources."""
        from kg.actions import all_actions

        return self._per_state(("actions",), all_actions)

    def manifest(self) -> dict:
        return st.read_manifest(st.current_state(self.data_dir))

    def is_empty(self) -> bool:
        return st.current_state(self.data_dir) is None


def passages_from_graph(store: EmbeddedStore) -> list[StoredPassage]:
    """Recover the passages from the graph when the passage file is lost or corrupt."""
    prefixes = "PREFIX ivp: <https://ivp-kg.nl/def#> PREFIX dcterms: <http://purl.org/dc/terms/> " \
               "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
    mentions: dict[str, list[str]] = {}
    for r in store.query(prefixes + "SELECT ?id ?m WHERE { ?p dcterms:identifier ?id ; ivp:mentions ?m }"):
        mentions.setdefault(str(r.id), []).append(str(r.m))
    q = prefixes + """SELECT ?id ?text ?sp ?kind ?page ?title ?bt ?dkind ?ps ?pe WHERE {
      ?p a ivp:Passage ; dcterms:identifier ?id ; dcterms:isPartOf ?d ; ivp:text ?text ; ivp:sectionPath ?sp .
      ?d dcterms:title ?title ; ivp:kind ?dkind .
      OPTIONAL { ?p ivp:passageKind ?kind } OPTIONAL { ?p ivp:page ?page }
      OPTIONAL { ?d ivp:basisteam/skos:prefLabel ?bt FILTER(lang(?bt) = "nl" || lang(?bt) = "") }
      OPTIONAL { ?d ivp:periodStart ?ps } OPTIONAL { ?d ivp:periodEnd ?pe } }"""
    out = []
    for r in store.query(q):
        pid = str(r.id)
        out.append(StoredPassage(
            pid, pid.split(":")[0], str(r.text), [s for s in str(r.sp).split(" > ") if s],
            int(r.page) if r.page is not None else None, str(r.kind or "paragraph"), mentions.get(pid, []),
            str(r.title), str(r.bt) if r.bt else None, str(r.dkind),
            int(r.ps) if r.ps is not None else None, int(r.pe) if r.pe is not None else None))
    return out


def _ontology_hash() -> str:
    h = hashlib.sha256()
    for f in ontology_files():
        h.update(f.name.encode())
        h.update(f.read_bytes())
    return h.hexdigest()[:16]
