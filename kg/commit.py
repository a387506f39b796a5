"""The write transaction: an ingest or removal builds the next state beside the active one and switches.

Under the writer lock, the next state gets a snapshot of the graph, the changed documents' named graphs,
the recomputed lineage, the merged passages and indexes rebuilt from cached vectors; the manifest is
written last and `CURRENT` switches in one rename (`kg.state`). A crash before that leaves the active
state as it was. A state is graph and indexes together, which is why this layer builds search's indexes.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ingest.fingerprint import NEAR_COPY, signature, similarity
from ingest.model import ExtractedDocument, IngestError
from ingest.pipeline import doc_id_for, extract_file, file_sha256, iter_files
from ingest.report import document_report
from ontology.labels import LabelIndex, load_ontology_graph, ontology_files
from ontology.vocab import ONTOLOGY_GRAPH, graph_iri
from search.index import build_indexes
from search.passages import PASSAGES_FILE, StoredPassage, from_document, read_passages
from search.vectors import VectorCache

from . import originals
from . import state as st
from .lineage import refresh_lineage
from .mapping import document_triples
from .sparql import PREFIXES, once
from .store import EmbeddedStore, GraphStore, StoreError

Progress = Callable[[str, int, int], None]


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)  # ids of changed files not replaced (not asked to)
    near_copies: list[dict] = field(default_factory=list)  # {"source", "of", "similarity"}: not ingested again
    documents: list[dict] = field(default_factory=list)  # ingest.report.document_report of each extracted file
    errors: list[str] = field(default_factory=list)  # "file: reason"
    encoded: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)


class StateWriter:
    """Commits ingests, removals and re-indexes of one data directory; the only writer of states."""

    def __init__(self, data_dir: Path, labels: Callable[[], LabelIndex], encoder: Callable[[], object],
                 remote: Callable[[], GraphStore | None], exact_index_limit: int, sentences: bool = True,
                 late: bool = True):
        self.data_dir = data_dir
        self._labels, self._encoder, self._remote = labels, encoder, remote
        self.exact_index_limit = exact_index_limit
        self.sentences = sentences  # sentence vectors double the encoding; IVP_WEIGHT_SENTENCE=0 skips them
        self.late = late  # token states for late interaction; IVP_WEIGHT_LATE=0 skips them

    @property
    def labels(self) -> LabelIndex:
        return self._labels()

    @property
    def encoder(self):
        return self._encoder()

    def ingest(self, paths: list[Path], progress: Progress | None = None, replace: bool = False) -> IngestReport:
        """Add new files; a file whose id exists with other content replaces it only when `replace` is set,
        otherwise it is reported as a conflict and nothing of the stored document changes."""
        report = IngestReport()
        with st.writer_lock(self.data_dir):
            st.sweep(self.data_dir)
            current = st.current_state(self.data_dir)
            manifest = st.read_manifest(current)
            known = manifest.get("documents", {})
            files = list(iter_files(paths))
            docs: list[ExtractedDocument] = []
            prints: dict[str, list[int] | None] = {}  # fingerprints of this batch's documents
            ontology = _ontology_hash()  # what the batch is read under, hashed once
            for n, f in enumerate(files, 1):
                if progress:
                    progress("read", n, len(files))
                try:
                    doc = self._take(f, known, ontology, replace, report, prints)
                except IngestError as exc:
                    report.errors.append(str(exc))
                except Exception as exc:  # an extractor bug must not lose the other files
                    reason = str(exc).replace(str(f.parent), "")  # the user's file name, never a server path
                    report.errors.append(f"{f.name}: could not be read ({exc.__class__.__name__}: {reason})")
                else:
                    docs += [doc] if doc is not None else []
            if docs or (current is None and not report.errors) or self._ontology_changed(manifest):
                try:
                    report.encoded = self._commit(current, manifest, docs, [], progress, prints,
                                                  {d["id"]: d for d in report.documents})
                    self._forget_replaced(known, report.updated)
                except OSError as exc:  # a full disk, a read-only mount: nothing was switched
                    raise st.StateError(f"could not write the new state in the data directory "
                                        f"({exc.strerror or exc.__class__.__name__}); the previous state is unchanged") from exc
        return report

    def _take(self, f: Path, known: dict, ontology: str, replace: bool, report: IngestReport,
              prints: dict[str, list[int] | None]) -> ExtractedDocument | None:
        """One file: skipped when unchanged (the same bytes, read under the same ontology), refused when it would
        replace without `replace` or when it nearly copies another document, else extracted; every outcome is
        recorded in `report`."""
        if not f.exists():
            raise IngestError(f, "file not found")
        sha = file_sha256(f)
        doc_id = doc_id_for(f)
        same = doc_id in known and known[doc_id]["sha256"] == sha
        if same and known[doc_id].get("ontology") == ontology:  # read under this ontology: nothing new
            report.unchanged.append(doc_id)
            return None
        if doc_id in known and not same and not replace:
            report.conflicts.append(doc_id)
            return None
        doc = extract_file(f, self.labels, sha)
        prints[doc_id] = _fingerprint(doc)
        twin = _near_copy(doc_id, prints, known)
        if twin is not None:
            del prints[doc_id]
            report.near_copies.append({"source": f.name, "of": twin[0], "similarity": round(twin[1], 2)})
            return None
        originals.keep(self.data_dir, f, sha)
        report.documents.append(document_report(doc))
        (report.updated if doc_id in known else report.added).append(doc_id)
        return doc

    def _forget_replaced(self, before: dict, updated: list[str]) -> None:
        """The originals of replaced versions, once no stored document has their content."""
        kept = {d["sha256"] for d in st.read_manifest(st.current_state(self.data_dir))["documents"].values()}
        for doc_id in updated:
            originals.forget(self.data_dir, before[doc_id]["sha256"], before[doc_id].get("source") or "", kept)

    def remove(self, doc_id: str) -> IngestReport:
        report = IngestReport()
        with st.writer_lock(self.data_dir):
            current = st.current_state(self.data_dir)
            manifest = st.read_manifest(current)
            if doc_id not in manifest.get("documents", {}):
                raise KeyError(doc_id)
            gone = manifest["documents"][doc_id]
            self._commit(current, manifest, [], [doc_id], None)
            kept = {d["sha256"] for d in st.read_manifest(st.current_state(self.data_dir))["documents"].values()}
            originals.forget(self.data_dir, gone["sha256"], gone.get("source") or "", kept)
            report.removed.append(doc_id)
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
                progress: Progress | None, prints: dict[str, list[int] | None] | None = None,
                findings: dict[str, dict] | None = None) -> int:
        """Build the next state (`prints` and `findings`: this batch's fingerprints and ingest reports, kept in
        the manifest) and switch to it."""
        new = st.new_state_dir(self.data_dir)
        ontology = _ontology_hash()
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
                    "owner": doc.meta.owner or doc.meta.basisteam, "fingerprint": (prints or {}).get(doc.doc_id),
                    "ontology": ontology,  # per document: a later ingest of other files leaves this one stale
                    "report": {k: v for k, v in (findings or {}).get(doc.doc_id, {}).items()
                               if k in ("counts", "warnings", "period")} or None,
                }
            cache = VectorCache(self.data_dir / "cache" / "vectors.sqlite")
            try:
                refresh_lineage(store, lambda texts: cache.encode(self.encoder, texts)[0])
                store.close()
                passages.sort(key=lambda p: (p.doc_id, p.id))
                encoded = build_indexes(new, passages, self.encoder, cache,
                                        (lambda d, t: progress("encode", d, t)) if progress else None,
                                        self.exact_index_limit, self.sentences, self.late)
            finally:
                cache.close()
            st.commit_state(self.data_dir, new, {
                "documents": documents, "ontology": ontology, "model": self.encoder.name,
            })
            return encoded
        except BaseException:
            st.abandon_state(new)
            raise

    def _previous_passages(self, current: Path, store: GraphStore) -> list[StoredPassage]:
        try:
            return read_passages(current / PASSAGES_FILE)
        except (OSError, ValueError, TypeError):
            return passages_from_graph(store)

    def _ontology_changed(self, manifest: dict) -> bool:
        return bool(manifest.get("documents")) and manifest.get("ontology") != _ontology_hash()


def _fingerprint(doc: ExtractedDocument) -> list[int] | None:
    return signature(" ".join(p.text for p in doc.passages))


def _near_copy(doc_id: str, prints: dict[str, list[int] | None], known: dict) -> tuple[str, float] | None:
    """The stored (or earlier in this batch) document `doc_id` nearly copies, with the similarity; else None.

    The document's own id does not count: a changed file replacing itself is an update, not a copy.
    """
    mine = prints[doc_id]
    others = [(i, e.get("fingerprint")) for i, e in known.items() if i != doc_id]
    others += [(i, sig) for i, sig in prints.items() if i != doc_id]
    best = max(((i, similarity(mine, sig)) for i, sig in others), key=lambda x: x[1], default=None)
    return best if best is not None and best[1] >= NEAR_COPY else None


def passages_from_graph(store: GraphStore) -> list[StoredPassage]:
    """Recover the passages from the graph when the passage file is lost or corrupt."""
    mentions: dict[str, list[str]] = {}
    for r in store.query(PREFIXES + "SELECT ?id ?m WHERE { ?p dcterms:identifier ?id ; ivp:mentions ?m }"):
        mentions.setdefault(str(r.id), []).append(str(r.m))
    q = PREFIXES + """SELECT ?id ?text ?sp ?kind ?page ?title ?bt ?dkind ?ps ?pe WHERE {
      ?p a ivp:Passage ; dcterms:identifier ?id ; dcterms:isPartOf ?d ; ivp:text ?text ; ivp:sectionPath ?sp .
      ?d dcterms:title ?title ; ivp:kind ?dkind .
      OPTIONAL { ?p ivp:passageKind ?kind } OPTIONAL { ?p ivp:page ?page }
      OPTIONAL { ?d ivp:basisteam ?b . """ + once('?b skos:prefLabel ?bt FILTER(lang(?bt) = "nl" || lang(?bt) = "")',
                                                "?b", "?bt") + """ }
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
