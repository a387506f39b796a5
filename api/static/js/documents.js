// Documents: the ingested documents, and per document its text in the reader (reader.js) and the facts
// extracted from it.

import { get, labelsFor } from "./api.js";
import { entityHref, h, loading, readerHref, replace } from "./dom.js";
import { downloadLink, jumpTo, readerParts } from "./reader.js";
import { relationName, kindName } from "./words.js";

function docHref(id) {
  return readerHref(id);
}

async function list(main, signal) {
  document.title = "Documenten — IVP-kennisgraaf";
  replace(main, h("h1", { text: "Documenten" }), loading());
  const data = await get("/api/documents", {}, signal);
  const docs = data.documents || [];
  replace(main, h("h1", { text: "Documenten" }),
    h("p", { class: "status", role: "status", text: `${docs.length} ${docs.length === 1 ? "document" : "documenten"} ingelezen` }),
    docs.length ? h("table", { class: "documents" },
      h("thead", {}, h("tr", {}, ["Titel", "Soort", "Eigenaar", "Passages", "Prioriteiten", "Acties", "Opmerkingen"]
        .map((t, i) => h("th", { scope: "col", class: i > 2 && i < 6 ? "num" : null, text: t })))),
      h("tbody", {}, docs.map((d) => h("tr", {},
        h("td", {}, h("a", { href: docHref(d.id), text: d.title || d.source || d.id })),
        h("td", { text: kindName(d.kind) }),
        h("td", { text: d.owner || d.basisteam || "—" }),
        h("td", { class: "num", text: d.passages ?? "" }),
        h("td", { class: "num", text: d.priorities ?? "" }),
        h("td", { class: "num", text: d.actions ?? "" }),
        h("td", { class: "warnings", text: ((d.report || {}).warnings || []).join("; ") || "—" })))))
      : h("p", { class: "muted", text: "Nog geen documenten ingelezen (gebruik `ivp ingest PAD`)." }));
}

function factList(items, empty) {
  if (!items || items.length === 0) return h("p", { class: "muted", text: empty });
  return h("ul", { class: "compact" }, items.map((x) => h("li", {}, h("a", { href: entityHref(x.id), text: x.label }))));
}

async function detail(main, id, params, signal) {
  replace(main, h("h1", { text: "Document" }), loading());
  const [d, text] = await Promise.all([get("/api/documents/" + encodeURIComponent(id), {}, signal),
    get("/api/documents/" + encodeURIComponent(id) + "/text", {}, signal)]);
  document.title = `${d.title || id} — IVP-kennisgraaf`;
  const labels = await labelsFor((d.relations || []).flatMap((r) => [r.subject, r.object]));
  const name = (id) => labels.get(id).label;
  const rels = [...(d.relations || [])].sort((x, y) =>
    name(x.subject).localeCompare(name(y.subject), "nl") || name(x.object).localeCompare(name(y.object), "nl"));
  if (signal.aborted) return;
  const link = (x) => h("a", { href: entityHref(x), text: name(x) });
  const meta = [
    ["Soort", kindName(d.kind)], ["Eigenaar", d.owner], ["Basisteam", d.basisteam], ["Periode", (d.report || {}).period],
    ["Bestand", d.source], ["Formaat", d.format], ["Passages", d.passages],
  ].filter(([, v]) => v !== null && v !== undefined && v !== "");
  const warnings = (d.report || {}).warnings || [];
  const passage = params.get("passage");
  const reader = readerParts(text, passage);
  const cited = passage ? text.passages.find((p) => p.id === passage) : null;
  replace(main,
    h("p", { class: "breadcrumb" }, h("a", { href: "#/documenten", text: "← Alle documenten" })),
    h("h1", { text: d.title || id }),
    passage ? h("p", { class: "status", role: "status",
      text: cited ? `Geopend bij de geciteerde passage${cited.page ? ` op pagina ${cited.page}` : ""}.`
        : "De geciteerde passage staat niet (meer) in dit document; de hele tekst staat hieronder." }) : null,
    h("dl", { class: "facts" }, meta.map(([k, v]) => [h("dt", { text: k }), h("dd", { text: String(v) })])),
    downloadLink(text),
    warnings.length ? h("section", { class: "card warnings", "aria-labelledby": "warn-title" },
      h("h2", { id: "warn-title", text: "Opmerkingen bij het inlezen" }),
      h("ul", { class: "compact" }, warnings.map((w) => h("li", { text: w })))) : null,
    h("div", { class: "reader" }, reader.toc, reader.text),
    h("div", { class: "doc-columns" },
      h("section", { class: "card" }, h("h2", { text: `Prioriteiten (${(d.priorities || []).length})` }),
        factList(d.priorities, "Geen prioriteiten in dit document.")),
      h("section", { class: "card" }, h("h2", { text: `Acties (${(d.actions || []).length})` }),
        factList(d.actions, "Geen acties in dit document.")),
      h("section", { class: "card" }, h("h2", { text: `Relaties (${rels.length})` }),
        rels.length ? h("ul", { class: "compact relations" }, rels.map((r) => h("li", {},
          link(r.subject), h("span", { class: "relation", text: ` ${relationName(r.relation)} ` }), link(r.object))))
          : h("p", { class: "muted", text: "Geen relaties uit dit document." }))));
  // The router focuses the heading and scrolls to the top once this returns; the jump comes after that.
  const kop = Number(params.get("kop"));
  const target = reader.cited || (kop ? reader.headings[kop - 1] : null);
  if (target) setTimeout(() => { if (!signal.aborted) jumpTo(target); }, 0);
}

export async function render({ main, rest, params, signal }) {
  if (rest) await detail(main, rest, params, signal);
  else await list(main, signal);
}
