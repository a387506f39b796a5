// Action page: one action with its status, result and its lineage across the plans (the same work in the
// previous and the next plan), each link backed by the sentences the actions were read from. The report's
// colour stands beside the derived status; partners, instruments, portefeuillehouder and trekker are links.

import { cached, get } from "./api.js";
import { actionHref, entityHref, h, hashHref, loading, replace } from "./dom.js";
import { colourBadge, overdueBadge } from "./actions.js";
import { actionStatus, entityChip, evidence, facts, ownWords, sourceCitation, timelineText, typeBadge } from "./parts.js";

function actionPath(id) {
  return "/api/actions/" + String(id).split("/").map(encodeURIComponent).join("/");
}

/** Theme labels as links to their entity pages; a label without a known entity stays plain text. */
function themeLinks(labels, themes) {
  if (!labels.length) return null;
  const ids = new Map(themes.map((t) => [String(t.label).toLowerCase(), t.id]));
  return h("span", {}, labels.map((label, i) => {
    const id = ids.get(label.toLowerCase());
    return [i ? ", " : null, id ? h("a", { href: entityHref(id), text: label }) : label];
  }));
}

/** A linked action in another plan: how sure the match is, its status, and where it was written down. */
function linked(link, full) {
  const src = full && full.sources && full.sources.length ? full.sources[0] : null;
  return h("li", { class: "lineage-item" },
    h("div", { class: "action-head" },
      h("a", { class: "action-title", href: actionHref(link.id), text: link.title || link.id })),
    h("div", { class: "action-meta" },
      full ? actionStatus(full) : null,
      h("span", { class: "muted" }, " ", link.cycle ? `plan ${link.cycle}` : null,
        typeof link.confidence === "number" ? ` · overeenkomst ${Math.round(link.confidence * 100)}%` : null)),
    src ? h("div", { class: "action-source" }, sourceCitation(src),
      h("details", {}, h("summary", { text: "Bronzin" }), ownWords(src))) : null);
}

/** Partners or instruments the action names, as chips that open their entity pages. */
function entityList(label, entities) {
  if (!entities || !entities.length) return null;
  return h("ul", { class: "chips", "aria-label": label }, entities.map((e) => h("li", {}, entityChip(e, false))));
}

function lineageList(title, links, fulls, empty) {
  return h("section", { class: "lineage-block" },
    h("h3", {}, title, h("span", { class: "count", text: ` (${links.length})` })),
    links.length ? h("ul", { class: "plain" }, links.map((l) => linked(l, fulls.get(l.id))))
      : h("p", { class: "muted", text: empty }));
}

export async function render({ main, rest, signal }) {
  replace(main, h("h1", { text: "Actie" }), loading());
  const id = rest.startsWith("action/") ? rest : `action/${rest}`;
  const a = await get(actionPath(id), {}, signal);
  document.title = `${a.title} — IVP-kennisgraaf`;
  const links = [...(a.predecessors || []), ...(a.follow_ups || [])];
  const [filters, ...others] = await Promise.all([
    cached("/api/filters").catch(() => ({})),
    ...links.map((l) => get(actionPath(l.id), {}, signal).catch(() => null))]);
  if (signal.aborted) return;
  const fulls = new Map(links.map((l, i) => [l.id, others[i]]));
  const p = a.priority;
  const themes = a.themes && a.themes.length ? a.themes : a.theme ? [a.theme] : [];
  const evaluated = Boolean(a.status || a.result);

  const showInGraph = h("button", { type: "button", text: "Toon in graaf" });
  showInGraph.addEventListener("click", () => { location.hash = hashHref("graaf", { start: a.id }); });

  replace(main,
    h("p", { class: "breadcrumb" }, h("a", { href: hashHref("acties", { basisteam: a.plan_owner }), text: "← Alle acties" })),
    h("div", { class: "entity-head" },
      h("h1", { text: a.title }),
      h("p", { class: "entity-meta" }, typeBadge("action"), " ", h("code", { class: "muted", text: a.id }))),
    facts([
      ["Eigenaar", a.plan_owner], ["Basisteam", a.basisteam],
      ["Trekker", a.trekker ? h("a", { href: hashHref("acties", { trekker: a.trekker }), title: "Alle acties van deze trekker",
        text: a.trekker }) : null],
      ["Plan", a.cycle ? `${a.cycle} (${evaluated ? "geëvalueerd" : "gepland"})` : null],
      ["Prioriteit", p ? h("a", { href: entityHref(p.id) }, `Prioriteit ${p.number}`,
        p.labels && p.labels.length ? `: ${p.labels[0]}` : "") : null],
      [themes.length > 1 ? "Thema's" : "Thema", themeLinks(themes, filters.theme || [])],
      ["Portefeuillehouder", a.owner && a.owner_id ? h("a", { href: entityHref(a.owner_id), text: a.owner }) : a.owner],
      ["Partners", entityList("Partners", a.partners)],
      ["Instrumenten", entityList("Instrumenten", a.instruments)],
      ["Groep", a.group],
      ["Planning", timelineText(a.timeline)],
      ["Kleur in rapportage", a.report_colour ? h("span", {}, colourBadge(a),
        a.colour_basis ? h("q", { class: "legend-words", text: a.colour_basis }) : null) : null],
      ["Status", actionStatus(a)],
      ["Deadline", overdueBadge(a)],
    ]),
    h("div", { class: "toolbar" }, showInGraph, h("a", { href: entityHref(a.id), text: "Relaties van deze actie" })),
    h("section", { class: "card" }, h("h2", { text: "Resultaat" }),
      a.result ? h("p", { class: "result-text", text: a.result })
        : h("p", { class: "muted", text: evaluated ? "Geen resultaat vermeld." : "Nog niet geëvalueerd: deze actie staat in een plan." })),
    h("section", { class: "card lineage-card" }, h("h2", { text: "Door de plannen heen" }),
      lineageList("Voorganger in een eerder plan", a.predecessors || [], fulls, "Geen voorganger gevonden."),
      lineageList("Vervolg in een later plan", a.follow_ups || [], fulls, "Geen vervolg gevonden.")),
    h("section", { class: "card action-sources" },
      h("h2", {}, "Bronzinnen", h("span", { class: "count", text: ` (${(a.sources || []).length})` })),
      (a.sources || []).length ? a.sources.map((s) => evidence(s))
        : h("p", { class: "muted", text: "Geen bronzinnen bekend." })));
}
