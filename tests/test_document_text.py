"""The reader's API: a document's stored text (GET /api/documents/{id}/text), its download (/file), and the
passage ids that citations carry so the reader opens at the cited passage. Real server, sample corpus."""
import httpx
import pytest

pytestmark = pytest.mark.slow


def get(server, path, **params):
    return httpx.get(server + path, params=params, timeout=60)


@pytest.fixture(scope="module")
def documents(server) -> list[dict]:
    return get(server, "/api/documents").json()["documents"]


def test_text_holds_every_passage_in_reading_order(server, documents):
    for d in documents:
        text = get(server, f"/api/documents/{d['id']}/text").json()
        assert text["id"] == d["id"] and text["title"] == d["title"]
        assert len(text["passages"]) == d["passages"]
        ids = [p["id"] for p in text["passages"]]
        assert ids == sorted(ids) and len(set(ids)) == len(ids)
        assert text["pages"] == any(p["page"] is not None for p in text["passages"])


def test_a_search_hit_is_found_in_its_document_text(server):
    hit = get(server, "/api/search", q="cameratoezicht", k=1).json()["results"][0]
    text = get(server, f"/api/documents/{hit['document']['id']}/text").json()
    found = [p for p in text["passages"] if p["id"] == hit["id"]]
    assert found and found[0]["page"] == hit["page"] and found[0]["section_path"] == hit["section_path"]


def test_citations_carry_the_passage_they_were_read_from(server):
    actions = get(server, "/api/actions").json()["actions"]
    src = next(s for a in actions for s in a["sources"])
    text = get(server, f"/api/documents/{src['document_id']}/text").json()
    passage = next(p for p in text["passages"] if p["id"] == src["passage"])
    assert text["title"] == src["document"] and src["text"] == passage["text"]
    partner = get(server, "/api/entities", type="partner", limit=1000).json()["results"]
    evidence = next(e for p in partner for n in get(server, "/api/entities/" + p["id"]).json()["neighbors"]
                    for e in n["evidence"])
    cited = get(server, f"/api/documents/{evidence['document_id']}/text").json()
    passage = next(p for p in cited["passages"] if p["id"] == evidence["passage"])
    assert " ".join(evidence["text"].split()) in " ".join(passage["text"].split())


def test_download_is_the_original_file_as_ingested(server, documents, corpus_dir):
    for d in documents:
        r = get(server, f"/api/documents/{d['id']}/file")
        assert r.status_code == 200 and r.headers["content-type"] == "text/plain; charset=utf-8"
        assert "attachment" in r.headers["content-disposition"] and d["source"] in r.headers["content-disposition"]
        assert r.content == (corpus_dir / d["source"]).read_bytes()
        assert get(server, f"/api/documents/{d['id']}/text").json()["original"] is True


def test_without_its_original_a_document_downloads_the_text_read_from_it(ingested, tmp_path):
    """Documents ingested before originals were kept: the download is the stored text, and says so."""
    import shutil

    from kg.settings import Settings
    from kg.workspace import Workspace

    data = tmp_path / "data"
    shutil.copytree(ingested.data_dir, data, ignore=shutil.ignore_patterns(".lock"))
    shutil.rmtree(data / "originals")
    ws = Workspace(Settings(data_dir=data))
    d = ws.documents()[0]
    name, media_type, body = ws.document_download(d["id"])
    text = ws.document_text(d["id"])
    assert name.endswith(".tekst.txt") and media_type == "text/plain; charset=utf-8" and not text["original"]
    body = body.decode("utf-8")
    assert body.startswith(d["title"]) and all(p["text"] in body for p in text["passages"])
    if text["pages"]:
        first = next(p["page"] for p in text["passages"] if p["page"] is not None)
        assert f"[pagina {first}]" in body


def test_removing_a_document_forgets_its_original(ingested, tmp_path):
    import shutil

    from kg.settings import Settings
    from kg.workspace import Workspace

    data = tmp_path / "data"
    shutil.copytree(ingested.data_dir, data, ignore=shutil.ignore_patterns(".lock"))
    ws = Workspace(Settings(data_dir=data))
    d = ws.documents()[0]
    before = sorted(p.name for p in (data / "originals").iterdir())
    ws.remove(d["id"])
    after = sorted(p.name for p in (data / "originals").iterdir())
    assert len(after) == len(before) - 1 and not any(n.startswith(d["sha256"]) for n in after)


@pytest.mark.parametrize("suffix", ["text", "file"])
def test_unknown_document_is_a_404(server, suffix):
    r = get(server, f"/api/documents/no-such-document/{suffix}")
    assert r.status_code == 404 and "no-such-document" in r.json()["error"]["message"]
