"""Readers: real fixtures built in tmp_path; every malformed file gives one clear IngestError."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.model import IngestError, RawDocument
from ingest.readers import SUPPORTED, read_file


def _reason(path: Path, **kw) -> str:
    with pytest.raises(IngestError) as info:
        read_file(path, **kw)
    assert info.value.path == str(path)
    assert "\n" not in str(info.value)
    return info.value.reason


# --- plain text --------------------------------------------------------------------------------


def test_txt_is_one_page_without_number_and_keeps_form_feeds(tmp_path):
    p = tmp_path / "plan.txt"
    p.write_bytes("\ufeffEerste pagina\r\nmet tekst\fTweede pagina\n".encode("utf-8"))
    raw = read_file(p)
    assert raw.fmt == "txt"
    assert len(raw.pages) == 1 and raw.pages[0].number is None
    assert raw.pages[0].text == "Eerste pagina\nmet tekst\fTweede pagina\n"  # BOM and CR gone, \f kept


def test_md_is_read_as_text(tmp_path):
    p = tmp_path / "plan.md"
    p.write_text("# Integraal Veiligheidsplan\n\n- ✓ Drugs\n", encoding="utf-8")
    raw = read_file(p)
    assert raw.fmt == "md" and raw.pages[0].text.startswith("# Integraal")


def test_latin1_text_is_refused_not_guessed(tmp_path):
    p = tmp_path / "oud.txt"
    p.write_bytes("Veiligheid is één van de belangrijkste thema’s".encode("cp1252"))
    assert "not UTF-8" in _reason(p)


def test_random_bytes_and_nul_bytes_in_txt(tmp_path):
    p = tmp_path / "data.txt"
    p.write_bytes(os.urandom(4096))
    assert _reason(p)  # not UTF-8 or NUL bytes: either way a reason, no traceback
    q = tmp_path / "nul.txt"
    q.write_bytes(b"tekst\x00\x00meer tekst")
    assert "NUL" in _reason(q)
    r = tmp_path / "controls.txt"
    r.write_bytes(bytes(range(1, 9)) * 40)
    assert "binary" in _reason(r)


def test_empty_missing_too_large_and_unsupported(tmp_path):
    empty = tmp_path / "leeg.txt"
    empty.write_bytes(b"")
    assert _reason(empty) == "empty file"
    assert _reason(tmp_path / "weg.pdf") == "file not found"
    big = tmp_path / "groot.txt"
    big.write_text("x" * 2000, encoding="utf-8")
    assert "too large" in _reason(big, max_bytes=1000)
    rtf = tmp_path / "plan.rtf"
    rtf.write_text("{\\rtf1}", encoding="utf-8")
    reason = _reason(rtf)
    assert "unsupported" in reason and all(ext in reason for ext in SUPPORTED)
    blank = tmp_path / "spaties.txt"
    blank.write_text(" \n\n ", encoding="utf-8")
    assert "no text" in _reason(blank)


# --- PDF ---------------------------------------------------------------------------------------


def _pdf(path: Path, pages: list[str]) -> Path:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path))
    for text in pages:
        c.drawString(72, 720, text)
        c.showPage()
    c.save()
    return path


def test_pdf_pages_come_back_numbered(tmp_path):
    p = _pdf(tmp_path / "plan.pdf", [f"Prioriteit {n}: pagina {n} van het plan" for n in (1, 2, 3)])
    raw = read_file(p)
    assert raw.fmt == "pdf"
    assert [pg.number for pg in raw.pages] == [1, 2, 3]
    for n, pg in enumerate(raw.pages, 1):
        assert f"pagina {n} van het plan" in pg.text


def test_encrypted_pdf(tmp_path):
    from pypdf import PdfWriter

    plain = _pdf(tmp_path / "plain.pdf", ["Vertrouwelijk"])
    writer = PdfWriter(clone_from=str(plain))
    writer.encrypt("geheim")
    enc = tmp_path / "enc.pdf"
    with open(enc, "wb") as fh:
        writer.write(fh)
    assert "encrypted" in _reason(enc)


def test_truncated_pdf(tmp_path):
    data = _pdf(tmp_path / "heel.pdf", ["Eerste pagina", "Tweede pagina"]).read_bytes()
    cut = tmp_path / "half.pdf"
    cut.write_bytes(data[: len(data) // 2])
    assert "corrupt PDF" in _reason(cut)


def test_pdf_without_text_layer(tmp_path):
    from reportlab.pdfgen import canvas

    p = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(p))
    c.rect(50, 50, 200, 200, fill=1)
    c.showPage()
    c.save()
    assert "no text layer" in _reason(p) and "OCR" in _reason(p)


# --- DOCX --------------------------------------------------------------------------------------


def test_docx_headings_lists_and_tables_in_order(tmp_path):
    import docx

    d = docx.Document()
    d.add_heading("Integraal Veiligheidsplan", level=1)
    d.add_paragraph("De gemeenten werken samen.")
    d.add_heading("Prioriteit 1: Drugs", level=2)
    d.add_paragraph("Aanpak hennep", style="List Bullet")
    d.add_paragraph("Voorlichting op scholen", style="List Number")
    table = d.add_table(rows=2, cols=3)
    for r, row in enumerate([["Gemeente", "2023", "2024"], ["Wijchen", "8", "6"]]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    d.add_paragraph("Na de tabel.")
    p = tmp_path / "plan.docx"
    d.save(p)

    raw = read_file(p)
    assert raw.fmt == "docx" and raw.pages[0].number is None
    lines = [line for line in raw.pages[0].text.split("\n") if line]
    assert lines == [
        "# Integraal Veiligheidsplan",
        "De gemeenten werken samen.",
        "## Prioriteit 1: Drugs",
        "- Aanpak hennep",
        "- Voorlichting op scholen",
        "Gemeente | 2023 | 2024",
        "Wijchen | 8 | 6",
        "Na de tabel.",
    ]


def test_corrupt_docx(tmp_path):
    p = tmp_path / "kapot.docx"
    p.write_bytes(b"PK\x03\x04 dit is geen echt zip-archief" + os.urandom(200))
    assert "corrupt DOCX" in _reason(p)
    q = tmp_path / "tekst.docx"
    q.write_text("gewone tekst met een verkeerde extensie", encoding="utf-8")
    assert "corrupt DOCX" in _reason(q)


def test_docx_zip_bomb_is_refused_before_it_is_inflated(tmp_path):
    """A real DOCX whose document part is replaced by 40 MB of zeros (about 40 kB packed)."""
    import zipfile

    import docx

    d = docx.Document()
    d.add_paragraph("Gewone tekst.")
    plain = tmp_path / "plain.docx"
    d.save(plain)
    bomb = tmp_path / "bom.docx"
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item) if item.filename != "word/document.xml" else b"\0" * 40_000_000
            dst.writestr(item.filename, data)
    assert bomb.stat().st_size < 1_000_000
    assert "zip bomb" in _reason(bomb)  # the central-directory check, which runs before python-docx inflates
    assert read_file(plain).pages[0].text.strip() == "Gewone tekst."


def test_docx_with_too_many_parts_is_refused(tmp_path):
    import zipfile

    p = tmp_path / "veel.docx"
    with zipfile.ZipFile(p, "w") as z:
        for i in range(5_001):
            z.writestr(f"word/media/x{i}.bin", b"")
    assert "parts" in _reason(p)


# --- anything at all ---------------------------------------------------------------------------


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(min_size=0, max_size=3000), ext=st.sampled_from(SUPPORTED),
       prefix=st.sampled_from([b"", b"%PDF-1.4\n", b"PK\x03\x04"]))
def test_any_bytes_give_a_document_or_an_ingest_error(data, ext, prefix):
    with tempfile.TemporaryDirectory() as tmp:
        p = Path(tmp) / f"fuzz{ext}"
        p.write_bytes(prefix + data)
        try:
            raw = read_file(p)
        except IngestError as e:
            assert e.reason and "\n" not in e.reason
        else:
            assert isinstance(raw, RawDocument) and raw.pages


def test_html_page_keeps_its_main_content_as_headed_lines(tmp_path):
    p = tmp_path / "jaarplan.html"
    p.write_text("<html><head><title>x</title><style>p{}</style></head><body>"
                 "<nav><a href='/'>Home</a> <a href='/zoek'>Zoeken</a></nav><main>"
                 "<h1>Jaarplan Veiligheid Lindehoven 2026</h1><p>Inleiding over de wijken.</p>"
                 "<h2>Speerpunten</h2><ul><li>Ondermijning<ul><li>Vastgoed</li></ul></li><li>Jeugd</li></ul>"
                 "<table><tr><th>Activiteit</th><th>Wie</th></tr><tr><td>Buurtpreventie</td><td>Wijkteam</td></tr></table>"
                 "</main><footer>Cookies en privacy</footer></body></html>", encoding="utf-8")
    raw = read_file(p)
    lines = [line for line in raw.pages[0].text.split("\n") if line.strip()]
    assert raw.fmt == "html"
    assert lines == ["# Jaarplan Veiligheid Lindehoven 2026", "Inleiding over de wijken.", "## Speerpunten",
                     "- Ondermijning", "  - Vastgoed", "- Jeugd", "Activiteit | Wie", "Buurtpreventie | Wijkteam"]
