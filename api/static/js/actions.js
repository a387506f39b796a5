// Actions board: every action of the plans per basisteam and priority, with its status and its place
// in the chain of plans (evaluated plan -> next plan). Filters live in the hash, so a view can be shared.
// An evaluated action shows two readings side by side: the colour the report's own legend gives it (with
// the report's words) and the finer status derived from its result (with the words it was read from).

import { cached, get } from "./api.js";
import { actionHref, entityHref, errorBox, h, hashHref, loading, replace } from "./dom.js";
import { actionStatus, timelineText } from "./parts.js";
import { STATUS_ORDER, statusName } from "./words.js";

const FILTERS = ["basisteam", "cycle", "status", "colour", "theme", "trekker", "due_after", "due_before", "overdue"];
const COLOURS = ["rood", "oranje", "groen"];
const colourName = (c) => c.charAt(0).toUpperCase() + c.slice(1);

/** The colour the report gives an action, titled with the report's own legend line. */
export function colourBadge(a) {
  if (!a.report_colour) return null;
  return h("span", { class: `badge report-colour colour-${a.report_colour}`,
    title: a.colour_basis ? `Kleur volgens de legenda van de rapportage: “${a.colour_basis}”` : "Kleur in de rapportage",
    text: `Rapportage: ${a.report_colour}` });
}

/** "Over tijd": the deadline has passed and no evaluation closed the action. */
export function overdueBadge(a) {
  return a.overdue ? h("span", { class: "badge overdue", title: "De deadline is verstreken en de actie is niet " +
    "afgerond, vervallen of overgeheveld", text: "Over tijd" }) : null;
}

/** The report's legend per evaluated plan: its colours in its own words, and how many actions carry each. */
function colourLegend(legends) {
  if (!legends || !legends.length) return null;
  return h("section", { class: "card colour-legend", "aria-label": "Kleuren van de rapportage" },
    h("h2", { text: "Kleuren van de rapportage" }),
    h("p", { class: "muted", text: "De kleur is die van de rapportage zelf, volgens haar legenda. De status ernaast is " +
      "fijner en afgeleid uit de resultaattekst; de woorden staan erbij." }),
    legends.map((g) => h("div", { class: "colour-legend-plan" },
      h("h3", { text: `${g.plan_owner}${g.cycle ? ` · evaluatie ${g.cycle}` : ""}` }),
      h("ul", { class: "plain colour-legend-list" }, g.colours.map((c) => h("li", { class: "colour-legend-item" },
        h("span", { class: `swatch colour-${c.colour}`, "aria-hidden": "true" }),
        h("strong", { text: ` ${colourName(c.colour)}` }), ` (${c.count} ${c.count === 1 ? "actie" : "acties"})`,
        c.words ? h("q", { class: "legend-words", text: c.words }) : h("span", { class: "muted", text: " gemarkeerd in de rapportage" })))))));
}

/** Cycles with at least one status or result: those plans have been evaluated, the others are plans. */
function evaluatedCycles(actions) {
  return new Set(actions.filter((a) => a.cycle && (a.status || a.result)).map((a) => a.cycle));
}

function cycleName(cycle, evaluated) {
  if (!cycle) return "Zonder cyclus";
  return `${cycle} (${evaluated.has(cycle) ? "geëvalueerd" : "gepland"})`;
}

const sortNl = (values) => [...new Set(values.filter(Boolean))].sort((x, y) => x.localeCompare(y, "nl"));

/** A filter select; a value from the address that the data lacks is kept, so the API can say why it is wrong. */
function select(id, label, options, value) {
  const known = options.some((o) => o.value.toLowerCase() === value.toLowerCase());
  const all = value && !known ? [...options, { value, text: value }] : options;
  return h("div", { class: "field" }, h("label", { for: `actions-${id}`, text: label }),
    h("select", { id: `actions-${id}`, name: id },
      h("option", { value: "", text: "Alle" }),
      all.map((o) => h("option", { value: o.value, text: o.text, selected: o.value.toLowerCase() === value.toLowerCase() }))));
}

function dateField(id, label, value) {
  return h("div", { class: "field" }, h("label", { for: `actions-${id}`, text: label }),
    h("input", { type: "date", id: `actions-${id}`, name: id, value }));
}

function filterForm(all, evaluated, chosen) {
  const overdue = h("input", { type: "checkbox", id: "actions-overdue", name: "overdue", value: "true",
    checked: chosen.overdue === "true" });
  const form = h("form", { class: "filters", role: "search", "aria-label": "Acties filteren" },
    select("basisteam", "Eigenaar", sortNl(all.map((a) => a.plan_owner)).map((v) => ({ value: v, text: v })), chosen.basisteam),
    select("cycle", "Cyclus", sortNl(all.map((a) => a.cycle)).map((v) => ({ value: v, text: cycleName(v, evaluated) })), chosen.cycle),
    select("status", "Status", STATUS_ORDER.map((v) => ({ value: v, text: statusName(v) })), chosen.status),
    select("colour", "Kleur in rapportage", COLOURS.map((v) => ({ value: v, text: colourName(v) })), chosen.colour),
    select("theme", "Thema", sortNl(all.flatMap((a) => a.themes || [])).map((v) => ({ value: v, text: v })), chosen.theme),
    select("trekker", "Trekker", sortNl(all.map((a) => a.trekker)).map((v) => ({ value: v, text: v })), chosen.trekker),
    dateField("due_after", "Deadline na", chosen.due_after),
    dateField("due_before", "Deadline vóór", chosen.due_before),
    h("div", { class: "field field-check" }, h("span", { class: "field-label", text: "Over tijd" }),
      h("label", { class: "check", for: "actions-overdue" }, overdue, " deadline verstreken, niet afgerond")));
  form.addEventListener("change", () => {
    const data = new FormData(form);
    location.hash = hashHref("acties", Object.fromEntries(FILTERS.map((k) => [k, data.get(k)])));
  });
  form.addEventListener("submit", (ev) => ev.preventDefault());
  return form;
}

/** A stacked bar of status counts with a legend in words: the colours alone would say nothing to many. */
function statusBar(entry) {
  const counts = [...STATUS_ORDER, "onbekend"].map((s) => [s, entry.status[s] || 0]).filter(([, n]) => n > 0);
  const word = (s) => (s === "onbekend" ? "zonder status" : statusName(s).toLowerCase());
  const text = counts.map(([s, n]) => `${n} ${word(s)}`).join(", ");
  return h("div", { class: "status-summary" },
    h("div", { class: "status-bar", role: "img", "aria-label": `Evaluatie ${entry.cycle}: ${entry.total} acties, ${text}` },
      counts.map(([s, n]) => h("span", { class: `status-${s === "onbekend" ? "none" : s}`, style: `flex-grow:${n}`,
        title: `${n} ${word(s)}` }))),
    h("p", { class: "status-legend", "aria-hidden": "true" },
      h("span", { class: "muted", text: `Evaluatie ${entry.cycle} (${entry.total}): ` }),
      counts.map(([s, n]) => h("span", { class: "legend-item" },
        h("span", { class: `swatch status-${s === "onbekend" ? "none" : s}` }), ` ${n} ${word(s)}`))));
}

/** "→ vervolg" / "← voorganger": a link to the linked action, or to this action's page when there are several. */
function lineageHint(a, links, byId, kind) {
  if (!links || links.length === 0) return null;
  const word = kind === "next" ? "→ vervolg" : "← voorganger";
  const names = links.map((l) => byId.get(l.id)).filter(Boolean).map((x) => `${x.title} (${x.cycle || "?"})`);
  return h("a", { class: `lineage lineage-${kind}`, href: actionHref(links.length === 1 ? links[0].id : a.id),
    title: names.join("\n") || null, text: links.length === 1 ? word : `${word} (${links.length})` });
}

function actionItem(a, byId) {
  const planning = timelineText(a.timeline);
  const themes = a.themes && a.themes.length ? a.themes : a.theme ? [a.theme] : [];
  return h("li", { class: "board-action" },
    h("div", { class: "action-head" },
      h("a", { class: "action-title", href: actionHref(a.id), text: a.title }),
      h("span", { class: "lineage-hints" },
        lineageHint(a, a.predecessors, byId, "prev"), lineageHint(a, a.follow_ups, byId, "next"))),
    h("div", { class: "action-meta" },
      colourBadge(a), a.report_colour ? " " : null, actionStatus(a), overdueBadge(a) ? [" ", overdueBadge(a)] : null,
      h("span", { class: "muted" }, [a.cycle, planning, a.trekker ? `trekker ${a.trekker}` : null,
        themes.length ? `thema ${themes.join(", ")}` : null]
        .filter(Boolean).map((t) => [" · ", t]))));
}

/** Actions per basisteam, then per priority number; actions without a priority come last. */
function grouped(actions) {
  const teams = new Map();
  for (const a of actions) {
    if (!teams.has(a.plan_owner)) teams.set(a.plan_owner, new Map());
    const prios = teams.get(a.plan_owner);
    const key = a.priority ? a.priority.number : null;
    if (!prios.has(key)) prios.set(key, { priority: a.priority, actions: [] });
    prios.get(key).actions.push(a);
  }
  const byNumber = ([x], [y]) => (x === null) - (y === null) || x - y;
  return [...teams.entries()].sort(([x], [y]) => x.localeCompare(y, "nl"))
    .map(([team, prios]) => [team, [...prios.entries()].sort(byNumber).map(([, g]) => g)]);
}

function priorityGroup(team, group, summary, evaluated, byId) {
  const p = group.priority;
  const label = p && p.labels && p.labels.length ? p.labels[0] : null;
  const bars = summary.filter((s) => s.basisteam === team && evaluated.has(s.cycle) &&
    s.priority_number === (p ? p.number : null));
  const cycles = new Map();
  for (const a of group.actions) {
    if (!cycles.has(a.cycle)) cycles.set(a.cycle, []);
    cycles.get(a.cycle).push(a);
  }
  return h("section", { class: "card action-group" },
    h("h3", {}, p ? h("a", { href: entityHref(p.id) }, `Prioriteit ${p.number}`, label ? `: ${label}` : "") : "Zonder prioriteit",
      h("span", { class: "count", text: ` (${group.actions.length})` })),
    bars.map(statusBar),
    [...cycles.entries()].sort(([x], [y]) => String(x).localeCompare(String(y))).map(([cycle, items]) => [
      h("h4", { text: `${cycleName(cycle, evaluated)} · ${items.length} ${items.length === 1 ? "actie" : "acties"}` }),
      h("ul", { class: "plain board-actions" }, items.map((a) => actionItem(a, byId)))]));
}

export async function render({ main, params, signal, samePage }) {
  document.title = "Acties — IVP-kennisgraaf";
  const focused = samePage && document.activeElement ? document.activeElement.id : null;
  if (!samePage) replace(main, h("h1", { text: "Acties" }), loading());
  const chosen = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) || ""]));
  const all = (await cached("/api/actions")).actions || [];
  const evaluated = evaluatedCycles(all);
  const byId = new Map(all.map((a) => [a.id, a]));
  const body = h("div", { class: "board" });
  try {
    const [found, sum] = await Promise.all([
      get("/api/actions", chosen, signal),
      get("/api/actions/summary", { basisteam: chosen.basisteam, cycle: chosen.cycle }, signal)]);
    const actions = found.actions || [];
    const filtered = FILTERS.some((k) => chosen[k]);
    replace(body,
      colourLegend(found.legends),
      h("p", { class: "status", role: "status" },
        `${actions.length} ${actions.length === 1 ? "actie" : "acties"}` + (filtered ? ` van ${all.length}` : ""),
        filtered ? [" · ", h("a", { href: "#/acties", text: "Filters wissen" })] : null,
        " · ", boardCsvLink(chosen)),
      boardCoverage(found.coverage),
      actions.length ? grouped(actions).map(([team, groups]) => [
        h("h2", { text: team }),
        groups.map((g) => priorityGroup(team, g, sum.summary || [], evaluated, byId))])
        : h("p", { class: "muted", text: all.length ? "Geen acties voor deze filters." :
          "Nog geen acties ingelezen: lees een uitvoeringsplan of evaluatie in." }));
  } catch (err) {
    if (err.name === "AbortError") throw err;
    replace(body, errorBox(err));
  }
  if (signal.aborted) return;
  replace(main, h("h1", { text: "Acties" }),
    h("p", { class: "muted", text: "Alle acties uit de uitvoeringsplannen en evaluaties, per prioriteit. Een geëvalueerde " +
      "actie heeft de kleur die de rapportage haar geeft (volgens haar legenda) en een status die is afgeleid uit de " +
      "resultaattekst; de woorden waaruit hij is afgeleid staan erbij. Pijlen wijzen naar dezelfde actie in het vorige " +
      "of volgende plan." }),
    filterForm(all, evaluated, chosen), body);
  if (focused) {
    const again = document.getElementById(focused);
    if (again) again.focus();
  }
}

// -- CSV export and coverage notes (self-contained block, kept apart from the board's own code) ---------

/** The board's current filters as a CSV download (semicolons: what Excel with Dutch settings splits on). */
function boardCsvLink(chosen) {
  const q = new URLSearchParams(Object.entries({ ...chosen, sep: ";" }).filter(([, v]) => v));
  return h("a", { class: "csv-link", href: `/api/actions/export.csv?${q}`, download: "", text: "CSV",
    title: "Download deze acties als CSV (Excel)" });
}

/** What is loaded per owner on the board, where something is missing (an IVP only, no evaluation...). */
function boardCoverage(coverage) {
  const gaps = (coverage || []).filter((c) => c.missing.length || c.gaps.length);
  if (!gaps.length) return null;
  return h("ul", { class: "plain coverage-notes", "aria-label": "Wat is ingelezen" },
    gaps.map((c) => h("li", { class: "coverage gap", text: c.note })));
}
