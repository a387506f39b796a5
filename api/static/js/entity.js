// Entity page: an entity's relations grouped by relation, each with the sentences that support it.

import { cached, entityPath, get } from "./api.js";
import { actionHref, entityHref, h, hashHref, replace } from "./dom.js";
import { conceptFacts, usageTable } from "./concepts.js";
import { evidence, typeBadge } from "./parts.js";
import { capitalise, relationFrom, relationName } from "./words.js";

const SHOWN = 25; // long groups (a document mentions many things) start folded to this many

function neighbour(n) {
  const rel = n.depth > 1 ? h("span", { class: "muted", text: `${relationName(n.relation)} ` }) : null;
  return h("li", { class: "neighbour" },
    h("div", { class: "neighbour-head" }, rel,
      h("a", { href: entityHref(n.id), text: n.label }), " ", typeBadge(n.type)),
    (n.evidence || []).length ? h("div", { class: "evidence-list" }, n.evidence.map((e) => evidence(e))) : null);
}

function groupSection(title, items, headingLevel = "h3") {
  const list = h("ul", { class: "neighbours" }, items.slice(0, SHOWN).map(neighbour));
  const section = h("section", { class: "relation-group" },
    h(headingLevel, {}, title, h("span", { class: "count", text: ` (${items.length})` })), list);
  if (items.length > SHOWN) {
    const more = h("button", { type: "button", class: "link-button", text: `Toon alle ${items.length}` });
    more.addEventListener("click", () => {
      replace(list, items.map(neighbour));
      more.remove();
    });
    section.append(more);
  }
  return section;
}

function grouped(neighbours, key) {
  const groups = new Map();
  for (const n of neighbours) {
    const k = key(n);
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k).push(n);
  }
  // Relations with evidence first, then larger groups: the supported facts are what a reader wants.
  const withEvidence = (items) => items.some((n) => (n.evidence || []).length > 0);
  return [...groups.entries()].sort((a, b) => (withEvidence(b[1]) - withEvidence(a[1])) || (b[1].length - a[1].length));
}

/**
 * Where the actions board says more than the graph: a theme's actions (only when it has any, since the
 * board refuses a theme without actions) and an action's own page with its status and lineage.
 */
async function actionLink(data) {
  if (data.type === "action") return h("a", { href: actionHref(data.id), text: "Naar de actiepagina" });
  if (data.type !== "theme") return null;
  let all;
  try {
    all = (await cached("/api/actions")).actions || [];
  } catch {
    return null;
  }
  const label = String(data.label).toLowerCase();
  const n = all.filter((a) => (a.themes || []).some((t) => t.toLowerCase() === label)).length;
  return n ? h("a", { href: hashHref("acties", { theme: data.label }), text: `Acties over dit thema (${n})` }) : null;
}

export async function render({ main, rest, params, signal }) {
  const id = rest;
  const depth = params.get("depth") === "2" ? 2 : 1;
  replace(main, h("h1", { text: "Entiteit" }), h("p", { class: "muted", role: "status", text: "Laden…" }));
  let data;
  try {
    data = await get(entityPath(id), { depth }, signal);
  } catch (err) {
    if (err.status !== 404) throw err;
    document.title = "Onbekende entiteit — IVP-kennisgraaf";
    replace(main, h("h1", { text: "Onbekende entiteit" }),
      h("p", { class: "error", role: "alert", text: "Deze entiteit bestaat niet (meer) in de kennisgraaf. " +
        "Misschien is het document waaruit ze kwam verwijderd, of is de link onvolledig." }),
      h("p", {}, h("a", { href: "#/begrippen", text: "Naar de begrippen" }), " · ", h("a", { href: "#/zoeken", text: "Naar zoeken" })));
    return;
  }
  const toActions = await actionLink(data);
  if (signal.aborted) return;
  document.title = `${data.label} — IVP-kennisgraaf`;
  const direct = data.neighbors.filter((n) => n.depth === 1);
  const indirect = data.neighbors.filter((n) => n.depth > 1);
  const evidenceCount = direct.reduce((s, n) => s + (n.evidence || []).length, 0);

  const depthToggle = h("input", { type: "checkbox", id: "depth2", checked: depth === 2 });
  depthToggle.addEventListener("change", () => {
    location.hash = entityHref(id) + (depthToggle.checked ? "?depth=2" : "");
  });
  const showInGraph = h("button", { type: "button", class: "primary", text: "Toon in graaf" });
  showInGraph.addEventListener("click", () => { location.hash = hashHref("graaf", { start: data.id }); });

  replace(main,
    h("div", { class: "entity-head" },
      h("h1", {}, data.label),
      h("p", { class: "entity-meta" }, typeBadge(data.type),
        data.concept && data.concept.label_en && data.concept.label_en !== data.label
          ? h("span", { class: "muted", lang: "en", text: ` ${data.concept.label_en}` }) : null)),
    h("div", { class: "toolbar" }, showInGraph, toActions,
      h("span", { class: "check" }, depthToggle, h("label", { for: "depth2", text: " Toon ook indirecte relaties (twee stappen)" }))),
    h("p", { class: "status", role: "status",
      text: `${direct.length} relaties, ${evidenceCount} bronzinnen` + (depth === 2 ? `, ${indirect.length} indirecte relaties` : "") }),
    data.concept ? h("section", { class: "card concept-card", "aria-labelledby": "concept-title" },
      h("h2", { id: "concept-title", text: "Begrip" }), conceptFacts(data.concept),
      h("h3", { text: "Per eigenaar" }),
      usageTable(data.concept.usage, `Acties en prioriteiten die „${data.label}” noemen, per eigenaar`),
      h("p", {}, h("a", { href: hashHref("begrippen", { soort: data.type }), text: "Alle begrippen van deze soort" }))) : null,
    h("h2", { text: "Relaties" }),
    direct.length === 0 ? h("p", { class: "muted", text: "Geen relaties gevonden." }) : null,
    grouped(direct, (n) => relationFrom(n.relation, data.type, n.type)).map(([rel, items]) => groupSection(capitalise(rel), items)),
    depth === 2 && indirect.length ? [h("h2", { text: "Indirecte relaties" }),
      grouped(indirect, (n) => `Via ${n.via ? n.via.label : "?"}`).map(([k, items]) => groupSection(k, items))] : null);
}
