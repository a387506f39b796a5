// The document reader: a document's stored text in reading order with its headings, page markers and a table
// of contents that jumps; a citation opens it at the cited passage, marked and scrolled into view.

import { h, readerHref } from "./dom.js";

/** Where a link into the reader lands: "#/documenten/<id>?kop=<n>" for the n-th heading. */
function headingHref(doc, n) {
  return readerHref(doc) + "?kop=" + n;
}

/** Move the reader to `target`: scrolled to, and focused for keyboard and screen-reader users. */
export function jumpTo(target) {
  if (!target) return;
  target.setAttribute("tabindex", "-1");
  target.scrollIntoView({ block: "start" });
  target.focus({ preventScroll: true });
}

/**
 * The text of `doc` (GET /api/documents/{id}/text) as { toc, text, cited, headings }: `cited` is the element of
 * passage `passageId` (null when absent), `headings` the heading elements by number.
 */
export function readerParts(doc, passageId) {
  const headings = [];
  const tocItems = [];
  const body = [];
  let path = [];
  let page = null;
  let cited = null;
  for (const p of doc.passages) {
    if (p.page !== null && p.page !== undefined && p.page !== page) {
      page = p.page;
      body.push(h("p", { class: "page-marker", text: `Pagina ${page}` }));
    }
    const next = p.section_path || [];
    const same = next.findIndex((part, i) => part !== path[i]);
    const from = same === -1 ? next.length : same;
    for (let i = from; i < next.length; i++) {
      const n = headings.length + 1;
      const heading = h(`h${Math.min(3 + i, 6)}`, { class: "reader-heading", id: `kop-${n}`, text: next[i] });
      headings.push(heading);
      body.push(heading);
      const link = h("a", { href: headingHref(doc.id, n), text: next[i] });
      link.addEventListener("click", (event) => {
        event.preventDefault();
        history.replaceState(null, "", headingHref(doc.id, n));
        jumpTo(heading);
      });
      // Indented through the CSSOM (the CSP refuses style attributes, not this).
      tocItems.push(h("li", { class: i === 0 ? "chapter" : null, style: `padding-left:${Math.min(i, 4) * 1.1}rem` }, link));
    }
    path = next;
    const isCited = p.id === passageId;
    const block = h("div", { class: `reader-passage${isCited ? " cited" : ""}`, "data-passage": p.id },
      isCited ? h("p", { class: "cited-label" }, h("strong", { text: "Geciteerde passage" }),
        p.page ? ` · pagina ${p.page}` : null) : null,
      h("p", { class: "reader-text" }, isCited ? h("mark", { class: "cited-text", text: p.text }) : p.text));
    if (isCited) cited = block;
    body.push(block);
  }
  const toc = h("nav", { class: "reader-toc card", "aria-labelledby": "toc-title" },
    h("h2", { id: "toc-title", text: `Hoofdstukken en paragrafen (${tocItems.length})` }),
    tocItems.length ? h("ul", { class: "sections plain" }, tocItems) : h("p", { class: "muted", text: "Geen indeling gevonden." }));
  const text = h("article", { class: "reader-body card", "aria-labelledby": "reader-title" },
    h("h2", { id: "reader-title", text: "Tekst" }),
    doc.pages ? null : h("p", { class: "muted", text: "Dit bestand heeft geen pagina's; de tekst staat in leesvolgorde." }),
    body);
  return { toc, text, cited, headings };
}

/** The download link: the original file where it was kept, else the text as it was read. */
export function downloadLink(doc) {
  const href = "/api/documents/" + encodeURIComponent(doc.id) + "/file";
  if (doc.original) {
    return h("p", { class: "download" },
      h("a", { class: "button", href, download: "" }, "Origineel downloaden (" + (doc.source || doc.id) + ")"));
  }
  return h("p", { class: "download" },
    h("a", { class: "button", href, download: "" }, "Tekst downloaden (.txt)"),
    h("span", { class: "muted", text: " Het originele bestand is niet bewaard; dit is de tekst zoals die is ingelezen." }));
}
