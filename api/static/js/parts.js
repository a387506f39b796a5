// Small building blocks shared by the pages: entity chips, badges, citations, evidence.

import { entityHref, h, highlight, readerHref } from "./dom.js";
import { statusName, typeName } from "./words.js";

/** A link to an entity page that shows the entity's type as a coloured chip. */
export function entityChip(entity, showType = true) {
  return h("a", { class: `chip type-${entity.type}`, href: entityHref(entity.id),
    title: `${typeName(entity.type)}: ${entity.label}` },
  showType ? h("span", { class: "chip-type", text: typeName(entity.type) }) : null, entity.label);
}

/** Entity chips; `showType` false where a heading already names the type. */
export function chipList(entities, label, showType = true) {
  if (!entities || entities.length === 0) return null;
  return h("ul", { class: "chips", "aria-label": label }, entities.map((e) => h("li", {}, entityChip(e, showType))));
}

export function typeBadge(type) {
  return h("span", { class: `badge type-${type}`, text: typeName(type) });
}

export function statusBadge(status) {
  return h("span", { class: `badge status status-${status || "none"}`, text: statusName(status) });
}

/**
 * "Title, p. 12 · Section": where a passage or fact comes from. With the document's id (`doc`) and the
 * passage's id (`passage`) the title is a link that opens the reader at that passage.
 */
export function citation({ title, page, section, doc, passage }) {
  const name = title || "onbekend document";
  const href = doc ? readerHref(doc, passage) : null;
  return h("p", { class: "citation" },
    h("span", { class: "sr-only", text: "Bron: " }),
    href ? h("a", { class: "cite-link", href, title: "Open het document bij deze passage" }, h("cite", { text: name }))
      : h("cite", { text: name }),
    page ? `, p. ${page}` : null,
    section ? h("span", { class: "section" }, " · ", section) : null);
}

/** The citation of an API `Source` ({document, page, document_id, passage}). */
export function sourceCitation(src) {
  return citation({ title: src.document, page: src.page, doc: src.document_id, passage: src.passage });
}

/** A quoted sentence with its source, for the evidence behind a relation or an action. */
export function evidence(item, terms) {
  return h("figure", { class: "evidence" }, ownWords(item, terms), h("figcaption", {}, sourceCitation(item)));
}

/**
 * The words a fact was read from: an action's own sentence where the source has one, with the whole passage
 * (which may hold the actions around it) folded away beneath it; otherwise the passage itself.
 */
export function ownWords(src, terms) {
  const quote = (text) => (terms ? highlight(text, terms) : text);
  const own = src.sentence && src.sentence.trim() !== (src.text || "").trim() ? src.sentence : null;
  return [h("blockquote", { class: "source-text" }, quote(own || src.text || "")),
    own && src.text ? h("details", { class: "source-passage" }, h("summary", { text: "Hele passage" }),
      h("blockquote", {}, quote(src.text))) : null];
}

/** Definition list rows, skipping empty values. */
export function facts(rows) {
  const items = rows.filter(([, v]) => v !== null && v !== undefined && v !== "" && !(Array.isArray(v) && v.length === 0));
  if (items.length === 0) return null;
  return h("dl", { class: "facts" }, items.map(([k, v]) => [h("dt", { text: k }),
    h("dd", {}, Array.isArray(v) ? v.join(", ") : v)]));
}

/** "Na een actie of controle (2023-01-01 – …)": the plan's own words with the dates read from them. */
export function timelineText(t) {
  if (!t) return null;
  const range = t.start || t.end ? `${t.start || "…"} – ${t.end || "…"}` : null;
  if (t.text && range) return `${t.text} (${range})`;
  return t.text || range;
}

/**
 * An action's status badge. A status read from the result text is marked "afgeleid" and carries the
 * words it was read from, so a reader can judge the reading instead of trusting a colour.
 */
export function actionStatus(a) {
  if (!a.status) {
    return h("span", { class: "badge status status-none", text: a.result ? "Geen status" : "Gepland" });
  }
  const why = a.status_basis ? `“${a.status_basis}”` : null;
  return h("span", { class: "action-status" },
    h("span", { class: `badge status status-${a.status}`,
      title: a.status_derived ? `Afgeleid uit de resultaattekst${why ? ": " + why : ""}` : null,
      text: statusName(a.status) }),
    a.status_derived ? h("span", { class: "derived", text: why ? ` afgeleid uit ${why}` : " afgeleid" }) : null);
}
