// Small building blocks shared by the pages: entity chips, badges, citations, evidence.

import { entityHref, h, highlight } from "./dom.js";
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

/** "Title, p. 12 · Section": where a passage or fact comes from. */
export function citation({ title, page, section }) {
  return h("p", { class: "citation" },
    h("span", { class: "sr-only", text: "Bron: " }),
    h("cite", { text: title || "onbekend document" }),
    page ? `, p. ${page}` : null,
    section ? h("span", { class: "section" }, " · ", section) : null);
}

/** A quoted sentence with its source, for the evidence behind a relation. */
export function evidence(item, terms) {
  return h("figure", { class: "evidence" },
    h("blockquote", {}, terms ? highlight(item.text, terms) : item.text),
    h("figcaption", {}, citation({ title: item.document, page: item.page })));
}

/** Definition list rows, skipping empty values. */
export function facts(rows) {
  const items = rows.filter(([, v]) => v !== null && v !== undefined && v !== "" && !(Array.isArray(v) && v.length === 0));
  if (items.length === 0) return null;
  return h("dl", { class: "facts" }, items.map(([k, v]) => [h("dt", { text: k }),
    h("dd", {}, Array.isArray(v) ? v.join(", ") : v)]));
}
