"""Scale by replication: a state FACTOR x an ingested one, built without encoding, then measured.

Encoding is linear in the passages and already measured (bench/scale.py, bench/floor.py), and 1000x the sample
corpus would take hours of it. So everything but encoding is measured here at 1000x: the store, the indexes,
graph queries, search latency and memory. How a FACTOR x state is made from one ingested state:

* graph: bench/graphscale.scaled_store (each copy's document graphs get their own IRIs, `...-x{n}`); then each
  copy n >= 1 gets an owner of its own: the basisteam/plan owner its facts point to becomes `<owner>-x{n}` with
  a made-up name (so owner filters, compare and coverage work per copy, as with more districts), and its
  passages' `dcterms:identifier` gets the copy's document id (so citations open the copy's document);
* passages: copied per copy with the copy's document id, passage id, owner and mentions; text unchanged;
* vectors: NOT ENCODED. Every vector the index build asks for (passages, and their sentences) is the source
  state's cached vector of the same text, exact for copy 0 and plus Gaussian noise (sigma 0.01 per dimension)
  for every other copy, re-normalised: near-duplicates, as renamed plans would be;
* indexes: built by the project's own search/index.build_indexes from those passages and vectors (lexical BM25,
  and the dense index: exact up to IVP_EXACT_INDEX_LIMIT passages, HNSW above), then the state is committed
  with kg/state.commit_state, so Workspace.engine() and the graph queries load it the normal way.

Questions in the latency figures are new text each time (numbered per size), so each is really encoded; the
same questions are then asked again with their vectors known (`beyond_encoding_*`): the search's own cost, which
is what grows with the data, apart from the encoder, whose time swings with the load on the shared cores.

    python bench/replicate.py [--keep] [--compare-max 10] 1 10 100 1000
                                        (also: python bench/scale.py --replicate ...; compare, which grows faster
                                         than linearly, is measured up to --compare-max only)
"""
from __future__ import annotations

import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]  # bench/http.py shadows the stdlib's
sys.path.insert(0, str(HERE.parent))

import numpy as np  # noqa: E402
import pyoxigraph as ox  # noqa: E402

from bench.graphscale import scaled_store  # noqa: E402
from kg import state as st  # noqa: E402
from kg.settings import Settings  # noqa: E402
from kg.workspace import Workspace  # noqa: E402
from ontology.vocab import DCTERMS, ID, IVP, ONTOLOGY_GRAPH, RDF, SKOS  # noqa: E402
import faiss  # noqa: E402
from search.index import build_indexes  # noqa: E402
from search.passages import PASSAGES_FILE, StoredPassage, read_passages  # noqa: E402
from search.vectors import VectorCache, content_hash, passage_key  # noqa: E402

SIGMA = 0.01
QUESTIONS = ["what are we doing on mensenhandel", "welke acties lopen er rond Bibob?", "drugs preventie jongeren",
             "Wie is portefeuillehouder van digitale veiligheid?", "verkeerscontroles alcohol", "Halt jongeren",
             "cybercrime awareness for seniors", "zorg en veiligheid regieteams", "13b Opiumwet woningen", "polarisatie"]
_SYLLABLES = ["Rijn", "Veld", "Maas", "Lande", "Bosch", "Dijk", "Hoven", "Waard", "Brug", "Kamp", "Heuvel", "Meer"]


def copy_name(i: int) -> str:
    """A made-up owner name, distinct for i < 12**4."""
    parts = [_SYLLABLES[(i // 12 ** k) % 12] for k in range(4)]
    return parts[0] + "".join(p.lower() for p in parts[1:])


class _Replicas:
    """Stands in for the vector cache in build_indexes, which asks for every text it indexes (passages, and
    whatever else it embeds): each text's vector is the source state's cached vector of the same text, exact
    at its first occurrence and plus N(0, sigma) per dimension, re-normalised, at every later one (the copies).
    Nothing is encoded; a text the source never encoded is an error."""

    def __init__(self, cache: Path, sigma: float = SIGMA, seed: int = 0):
        self.cache, self.sigma, self.rng = cache, sigma, np.random.default_rng(seed)

    def encode(self, encoder, texts, progress=None, **_) -> tuple[np.ndarray, int]:
        hashes = [content_hash(t) for t in texts]
        cache = VectorCache(self.cache)
        try:
            have = cache.get_many(passage_key(encoder), list(dict.fromkeys(hashes)))
        finally:
            cache.close()
        missing = len(set(hashes)) - len(have)
        if missing:
            raise RuntimeError(f"{missing} texts have no vector in the source's cache {self.cache}")
        keys = list(have)
        pos = {h: i for i, h in enumerate(keys)}
        idx = np.fromiter((pos[h] for h in hashes), np.int64, len(hashes))
        out = np.stack([have[h] for h in keys]).astype(np.float32)[idx]
        copy = np.ones(len(idx), dtype=bool)
        copy[np.unique(idx, return_index=True)[1]] = False
        for start in range(0, len(out), 65536):  # in chunks: the noise never needs a second full-size array
            block, rows = out[start:start + 65536], copy[start:start + 65536]
            block[rows] += self.rng.normal(0, self.sigma, (int(rows.sum()), out.shape[1])).astype(np.float32)
            block /= np.linalg.norm(block, axis=1, keepdims=True)
        return out, 0


def ingest_source(data_dir: Path) -> Path:
    """The sample corpus ingested with a real Workspace (the tests' kept vectors, if any, save the encoding)."""
    kept = Path(tempfile.gettempdir()) / f"ivp-kg-test-vectors-{os.getuid()}.sqlite"
    if kept.is_file() and not (data_dir / "cache" / "vectors.sqlite").exists():
        (data_dir / "cache").mkdir(parents=True, exist_ok=True)
        shutil.copyfile(kept, data_dir / "cache" / "vectors.sqlite")
    ws = Workspace(Settings(data_dir=data_dir))
    if ws.is_empty():
        report = ws.ingest([HERE.parent / "corpus"])
        assert not report.errors, report.errors
    return st.current_state(data_dir)


def _owners(src: ox.Store) -> dict[str, str]:
    """IRI -> label of every owner the document graphs point to (plan owner or basisteam)."""
    onto = ox.NamedNode(str(ONTOLOGY_GRAPH))
    iris = {q.object.value for p in (IVP.planOwner, IVP.basisteam)
            for q in src.quads_for_pattern(None, ox.NamedNode(str(p)), None) if q.graph_name != onto}
    out = {}
    for iri in sorted(iris):
        labels = [q.object.value for q in src.quads_for_pattern(ox.NamedNode(iri), ox.NamedNode(str(SKOS.prefLabel)),
                                                                 None) if q.object.language in ("nl", None)]
        out[iri] = labels[0] if labels else iri.rsplit("/", 1)[-1]
    return out


def _separate_copies(store_dir: Path, factor: int, owners: dict[str, str], names: dict[tuple[int, str], str]) -> None:
    """Give each copy n >= 1 its own owners and its own passage identifiers (see the module docstring).

    A copy's owner is typed and named once, in the first of its document graphs, as an ontology basisteam is
    named once. (kg/mapping.py writes an owner outside the ontology into each of its documents; the union
    graph repeats such a name, which the queries read once each since kg/sparql.once: bench/repeats.py.)"""
    store = ox.Store(str(store_dir))
    ident, label, rdf_type = (ox.NamedNode(str(x)) for x in (DCTERMS.identifier, SKOS.prefLabel, RDF.type))
    types = {o: [q.object for q in store.quads_for_pattern(ox.NamedNode(o), rdf_type, None)] for o in owners}
    graphs = [g for g in store.named_graphs() if isinstance(g, ox.NamedNode)]
    named: set[str] = set()  # an owner's type and name once per copy, as an ontology basisteam's are
    for g in graphs:
        tail = g.value.rsplit("/", 1)[-1].rsplit("-x", 1)
        if len(tail) < 2 or not tail[1].isdigit():
            continue  # the ontology, or copy 0: the source's own graphs
        n = int(tail[1])
        old, new = [], []
        for o in owners:
            own = ox.NamedNode(f"{o}-x{n}")
            found = list(store.quads_for_pattern(None, None, ox.NamedNode(o), g))
            old += found
            new += [ox.Quad(q.subject, q.predicate, own, g) for q in found]
            if found and own.value not in named:
                named.add(own.value)
                new += [ox.Quad(own, rdf_type, t, g) for t in types[o]]
                new.append(ox.Quad(own, label, ox.Literal(names[(n, o)], language="nl"), g))
        for q in store.quads_for_pattern(None, ident, None, g):
            doc, rest = q.object.value.split(":", 1)
            old.append(q)
            new.append(ox.Quad(q.subject, ident, ox.Literal(f"{doc}-x{n}:{rest}"), g))
        for q in old:
            store.remove(q)
        store.bulk_extend(new)
    store.flush()
    del store


def build(source: Path, data_dir: Path, factor: int, sigma: float = SIGMA, seed: int = 0) -> dict:
    """A FACTOR x copy of the state `source` committed as the active state of `data_dir`; nothing is encoded."""
    settings = Settings(data_dir=data_dir)
    manifest = st.read_manifest(source)
    encoder = Workspace(settings).encoder  # the source's settings: its model names the index, its kind the cache rows
    src_passages = read_passages(source / PASSAGES_FILE)
    t0 = time.perf_counter()
    with st.writer_lock(data_dir):
        new = st.new_state_dir(data_dir)
        scaled_store(source / "store", new / "store", factor)
        src = ox.Store.read_only(str(source / "store"))
        owners = _owners(src)
        onto = ox.NamedNode(str(ONTOLOGY_GRAPH))
        shared = {q.subject.value for q in src.quads_for_pattern(None, None, None, onto)}
        del src
        by_label = {label: iri for iri, label in owners.items()}
        names = {(n, o): copy_name(n * len(owners) + j) for n in range(1, factor) for j, o in enumerate(owners)}
        _separate_copies(new / "store", factor, owners, names)
        graph_s = time.perf_counter() - t0
        passages: list[StoredPassage] = []
        documents = {}
        for n in range(factor):
            def rename(label: str | None) -> str | None:
                return names[(n, by_label[label])] if n and label in by_label else label

            def mention(iri: str) -> str:
                if iri in owners:
                    return f"{iri}-x{n}"
                return f"{iri}-x{n}" if iri.startswith(str(ID)) and iri not in shared else iri

            suffix = f"-x{n}" if n else ""
            for p in src_passages:
                passages.append(replace(p, id=p.doc_id + suffix + p.id[len(p.doc_id):], doc_id=p.doc_id + suffix,
                                        basisteam=rename(p.basisteam), owner=rename(p.owner),
                                        mentions=[mention(m) if n else m for m in p.mentions]))
            for doc_id, entry in manifest["documents"].items():
                documents[doc_id + suffix] = {**entry, "basisteam": rename(entry.get("basisteam")),
                                              "owner": rename(entry.get("owner"))}
        passages.sort(key=lambda p: (p.doc_id, p.id))  # as an ingest commits them
        t1 = time.perf_counter()
        faiss.omp_set_num_threads(2)  # building only (search/dense.py keeps queries on one thread)
        build_indexes(new, passages, encoder, _Replicas(source.parent.parent / "cache" / "vectors.sqlite",
                                                              sigma, seed), exact_limit=settings.exact_index_limit,
                      late=False)
        index_s = time.perf_counter() - t1
        st.commit_state(data_dir, new, {**manifest, "documents": documents})
    return {"graph_s": round(graph_s, 1), "index_s": round(index_s, 1), "build_s": round(time.perf_counter() - t0, 1)}


def du(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[int(q * (len(values) - 1))]


def timed(fn) -> tuple[object, float]:
    t = time.perf_counter()
    out = fn()
    return out, (time.perf_counter() - t) * 1000


def measure(data_dir: Path, factor: int, questions: int = 60, compare_max: int = 10) -> dict:
    """The figures of one size, read through a Workspace on the committed state, as a user's process would."""
    from kg.compare import compare
    from search.engine import Filters

    ws = Workspace(Settings(data_dir=data_dir))
    state = st.current_state(data_dir)
    docs = ws.manifest()["documents"]
    engine, load_ms = timed(ws.engine)
    engine.search(f"opwarmen {factor}")
    lat = []
    for i in range(questions):
        q = f"{QUESTIONS[i % len(QUESTIONS)]} {factor}x{i}"  # new text: its vector is not cached anywhere
        lat.append(timed(lambda: engine.search(q, 10))[1])
    beyond = [timed(lambda: engine.search(f"{QUESTIONS[i % len(QUESTIONS)]} {factor}x{i}", 10))[1]
              for i in range(questions)]  # the same questions again, their vectors now known: all but encoding
    hits = engine.search("aanpak mensenhandel en arbeidsuitbuiting", 30)
    copies = {h.passage.doc_id.rsplit("-x", 1)[1] if "-x" in h.passage.doc_id else "0" for h in hits}
    owner = sorted({d["owner"] for d in docs.values() if d.get("owner")})[-1]
    own_hits = engine.search("drugs preventie jongeren", 10, Filters(basisteam=owner))
    theme = ws.labels.find("drugs")[0].iri
    _, filtered_first = timed(lambda: engine.search("aanpak van drugs", 10, Filters(theme=theme)))
    filtered = [timed(lambda: engine.search(f"{QUESTIONS[i % len(QUESTIONS)]} {factor}x{i}", 10,  # vectors known
                                            Filters(basisteam=owner, theme=theme, year=2024)))[1]
                for i in range(questions)]
    _, projection_ms = timed(ws.projection)
    riec = ws.find("RIEC")[0]["id"]
    _, entity_first = timed(lambda: ws.entity(riec, 2))
    entity_warm = statistics.median(timed(lambda: ws.entity(riec, 2))[1] for _ in range(5))
    teams = sorted({d["owner"] for d in docs.values() if d.get("owner")})
    a, b = teams[0], teams[-1]
    compared: dict = {"compare": f"{a} / {b}"}
    if factor <= compare_max:  # first call reads every action once (1x 0.14 s, 100x 34 s); above the cap not run
        _, first = timed(lambda: ws.compare(a, b))
        actions, coverage = ws.actions(), ws.coverage([a, b])
        warm = statistics.median(timed(lambda: compare(ws.store(), ws.labels, a, b, actions, coverage))[1]
                                 for _ in range(3))
        compared |= {"compare_first_ms": round(first), "compare_warm_ms": round(warm)}
    else:
        compared |= {"compare_first_ms": "skipped", "compare_warm_ms": "skipped"}
    return {
        "factor": factor, "documents": len(docs), "passages": len(engine.passages),
        "dense_index": type(engine.dense.index).__name__,
        "store_mb": round(du(state / "store") / 1e6, 1), "index_mb": round(du(state / "index") / 1e6, 1),
        "passages_mb": round((state / PASSAGES_FILE).stat().st_size / 1e6, 1),
        "engine_load_s": round(load_ms / 1000, 1),
        "query_p50_ms": round(statistics.median(lat), 1), "query_p95_ms": round(pct(lat, 0.95), 1),
        "beyond_encoding_p50_ms": round(statistics.median(beyond), 1), "beyond_encoding_p95_ms": round(pct(beyond, 0.95), 1),
        "filtered_first_ms": round(filtered_first, 1), "filtered_p50_ms": round(statistics.median(filtered), 1),
        "filtered_p95_ms": round(pct(filtered, 0.95), 1),
        "questions": len(lat), "projection_s": round(projection_ms / 1000, 2),
        "entity_d2_first_ms": round(entity_first), "entity_d2_warm_ms": round(entity_warm, 1),
        **compared,
        "copies_in_top30": len(copies), "owner_filter": owner,
        "owner_filter_ok": bool(own_hits) and all(h.passage.owner == owner for h in own_hits),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "loadavg": Path("/proc/loadavg").read_text().split()[:3],
    }


def one_size(work: Path, factor: int, compare_max: int) -> dict:
    """Build in a child process (its peak memory is the build's), then measure here."""
    target = work / f"data-{factor}x"
    shutil.rmtree(target, ignore_errors=True)
    done = subprocess.run([sys.executable, __file__, "--build", str(st.current_state(work / "source")), str(target),
                           str(factor)], capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(done.stderr[-3000:])
    built = json.loads(done.stdout.strip().splitlines()[-1])
    built["build_peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
    return {**built, **measure(target, factor, compare_max=compare_max)}


def main(argv: list[str]) -> None:
    if argv[:1] == ["--build"]:
        print(json.dumps(build(Path(argv[1]), Path(argv[2]), int(argv[3]))), flush=True)
        return
    if argv[:1] == ["--size"]:
        print(json.dumps(one_size(Path(argv[1]), int(argv[2]), int(argv[3]))), flush=True)
        return
    keep = "--keep" in argv
    compare_max = int(argv[argv.index("--compare-max") + 1]) if "--compare-max" in argv else 10
    argv = [a for i, a in enumerate(argv) if not (i and argv[i - 1] == "--compare-max")]
    factors = [int(a) for a in argv if a.isdigit()] or [1, 10]
    work = Path(tempfile.mkdtemp(prefix="ivp-replicate-"))
    print(f"# replicated states: each copy's vectors (passages, sentences) = the source's vector of the same text "
          f"+ N(0, {SIGMA}) per dimension, re-normalised (not encoded); questions are new text each (encoded)",
          flush=True)
    try:
        ingest_source(work / "source")
        for f in factors:  # one process per size: each peak memory is that size's own
            done = subprocess.run([sys.executable, __file__, "--size", str(work), str(f), str(compare_max)], capture_output=True,
                                  text=True)
            if done.returncode:
                print(done.stderr[-3000:], file=sys.stderr)
                raise SystemExit(f"size {f}x failed")
            print(done.stdout.strip().splitlines()[-1], flush=True)
            if not keep:
                shutil.rmtree(work / f"data-{f}x", ignore_errors=True)
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"# kept {work}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
