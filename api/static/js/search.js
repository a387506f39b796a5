// Search page: the grouped answer (per basisteam: priorities and actions) above the cited passages.

import { cached, get } from "./api.js";
import { actionHref, entityHref, errorBox, h, hashHref, highlight, loading, queryTerms, replace, statusLine } from "./dom.js";
import { chipList, citation, facts, ownWords, sourceCitation, statusBadge } from "./parts.js";
import { colourBadge } from "./actions.js";
import { kindName } from "./words.js";

const FILTERS = ["basisteam", "theme", "kind", "year"];
const EXAMPLES = ["mensenhandel", "Welke acties lopen er rond Bibob?", "Welke acties zijn vertraagd?", "what are we doing on youth crime"];

function select(name, label, options, value) {
  const id = `filter-${name}`;
  return h("div", { class: "field" },
    h("label", { for: id, text: label }),
    h("select", { id, name },
      h("option", { value: "", text: "Alle" }),
      options.map(([v, text]) => h("option", { value: v, text, selected: String(v) === value }))));
}

function form(params, filters) {
  const f = h("form", { class: "search-form", role: "search", "aria-label": "Zoeken in de plannen" });
  const input = h("input", { id: "q", name: "q", type: "search", value: params.get("q") || "", required: true,
    placeholder: "Bijvoorbeeld: wat doen we aan mensenhandel?", autocomplete: "off" });
  const row = h("div", { class: "search-row" },
    h("label", { for: "q", class: "sr-only", text: "Zoekvraag" }), input,
    h("button", { type: "submit", class: "primary", text: "Zoeken" }));
  const filterBox = h("fieldset", { class: "filters" }, h("legend", { text: "Filters" }),
    select("basisteam", "Basisteam", (filters.basisteam || []).map((b) => [b, b]), params.get("basisteam") || ""),
    select("theme", "Thema", (filters.theme || []).map((t) => [t.label, t.label]), params.get("theme") || ""),
    select("kind", "Soort document", (filters.kind || []).map((k) => [k, kindName(k)]), params.get("kind") || ""),
    select("year", "Jaar", (filters.year || []).map((y) => [String(y), String(y)]), params.get("year") || ""));
  f.append(row, filterBox);
  f.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const data = new FormData(f);
    const next = { q: String(data.get("q") || "").trim() };
    for (const k of FILTERS) next[k] = data.get(k) || "";
    location.hash = hashHref("zoeken", next);
  });
  // A changed filter re-runs the current search at once.
  filterBox.addEventListener("change", () => {
    if (input.value.trim()) f.requestSubmit();
  });
  return f;
}

function timeline(t) {
  if (!t) return null;
  if (t.text) return t.text;
  if (t.start || t.end) return `${t.start || "?"} – ${t.end || "?"}`;
  return null;
}

function action(a, terms) {
  const src = a.source || {};
  return h("li", { class: "action" },
    h("div", { class: "action-head" },
      statusBadge(a.status),
      colourBadge(a),
      h("a", { href: actionHref(a.id), class: "action-title" }, highlight(a.title, terms))),
    facts([
      ["Cyclus", a.cycle],
      ["Planning", timeline(a.timeline)],
      ["Prioriteit", a.priority],
      ["Portefeuillehouder", a.owners],
      ["Trekker", a.trekker],
      ["Partners", a.partners],
      ["Instrumenten", a.instruments],
      ["Status volgens bron", a.status_basis && a.status_basis !== a.status ? `“${a.status_basis}”` : null],
    ]),
    src.document ? h("div", { class: "action-source" },
      sourceCitation(src),
      src.text ? h("details", {}, h("summary", { text: "Bronzin" }), ownWords(src, terms)) : null) : null);
}

/** A list of linked concepts (partners, instruments) a question asked for, each a link to its entity page. */
function linkedList(title, items) {
  return items.length ? h("section", {}, h("h4", { text: `${title} (${items.length})` }),
    h("ul", { class: "plain" }, items.map((x) => h("li", {}, h("a", { href: entityHref(x.id), text: x.label }))))) : null;
}

function group(g, terms) {
  const prios = g.priorities || [];
  const actions = g.actions || [];
  const lists = [linkedList("Partners", g.partners || []), linkedList("Instrumenten", g.instruments || [])].filter(Boolean);
  const responsible = g.responsible || [];
  return h("article", { class: "card answer-group" },
    h("h3", { text: g.basisteam || "Zonder basisteam" }),
    lists,
    responsible.length ? h("section", {}, h("h4", { text: "Trekkers" }),
      h("ul", { class: "plain" }, responsible.map((r) => h("li", { text: r })))) : null,
    prios.length ? h("section", {}, h("h4", { text: "Prioriteiten" }),
      h("ul", { class: "plain" }, prios.map((p) => h("li", { class: p.about ? "about" : null },
        h("a", { href: entityHref(p.id) }, p.number ? `Prioriteit ${p.number}: ` : "", highlight(p.label, terms)),
        p.about ? h("span", { class: "badge about", text: "over dit thema" }) : null))),
      // a comparison on a theme marks the priorities about it; a side with none says so
      prios.some((p) => p.about === false) && !prios.some((p) => p.about)
        ? h("p", { class: "muted", text: "Geen van deze prioriteiten gaat over dit thema." }) : null) : null,
    actions.length || !(lists.length || prios.length) ? h("section", {}, h("h4", { text: `Acties (${actions.length})` }),
      actions.length ? h("ul", { class: "actions" }, actions.map((a) => action(a, terms)))
        : h("p", { class: "muted", text: "Geen acties gevonden voor deze vraag." })) : null);
}

/** How the question was read ("gelezen als: basisteam …, thema …"), with notes on filters and missing data. */
function readAs(data) {
  const r = data.read_as;
  if (!r) return null;
  const cmp = data.comparison;
  return h("div", { class: "read-as" },
    h("p", { class: "muted read-as-line", text: r.description }),
    (r.notes || []).map((n) => h("p", { class: "read-as-note", role: "status", text: n })),
    cmp ? h("p", {}, h("a", { href: hashHref("vergelijk", { a: cmp.a, b: cmp.b }),
      text: `Volledige vergelijking ${cmp.a} – ${cmp.b}` })) : null);
}

function answer(data, terms) {
  const groups = data.basisteams || [];
  return h("section", { class: "answer", "aria-labelledby": "answer-h" },
    h("h2", { id: "answer-h", text: "Antwoord per basisteam" }),
    readAs(data),
    (data.concepts || []).length ? h("div", { class: "concepts" },
      h("span", { class: "muted", text: "Herkende begrippen: " }), chipList(data.concepts, "Herkende begrippen")) : null,
    groups.length ? h("div", { class: "groups" }, groups.map((g) => group(g, terms)))
      : h("p", { class: "muted", text: "Geen prioriteiten of acties gevonden; zie de passages hieronder." }),
    thesaurus(data.thesaurus));
}

/** Partners or instruments the thesaurus relates to the theme where no document links any: background, apart. */
function thesaurus(hint) {
  if (!hint || !(hint.items || []).length) return null;
  const type = hint.type === "partners" ? "partner" : "instrument";
  return h("section", { class: "thesaurus", "aria-label": "Uit de thesaurus" },
    h("h4", { text: "Uit de thesaurus" }),
    h("p", { class: "muted", text: hint.note }),
    chipList(hint.items.map((x) => ({ ...x, type })), "Uit de thesaurus", false));
}

function sectionPath(r) {
  if (Array.isArray(r.section_path)) return r.section_path.filter(Boolean);
  return r.section_path ? [String(r.section_path)] : r.section ? [r.section] : [];
}

/**
 * The passage text as the reader should see it: the index prepends the section headings as a first
 * line ("A > B"), which the citation already shows, so that line is dropped here.
 */
function passageText(r) {
  const text = String(r.text || "");
  const nl = text.indexOf("\n");
  if (nl > 0) {
    const heads = text.slice(0, nl).split(" > ");
    const path = sectionPath(r);
    if (heads.every((x) => path.includes(x))) return text.slice(nl + 1);
  }
  return text;
}

/** A long passage starts folded to a few lines, with a button to read all of it. */
function passage(text, terms) {
  const p = h("p", { class: "passage" }, highlight(text, terms));
  if (text.length <= 700) return p;
  p.classList.add("clamped");
  const btn = h("button", { type: "button", class: "link-button", "aria-expanded": "false", text: "Hele passage tonen" });
  btn.addEventListener("click", () => {
    const open = p.classList.toggle("clamped") === false;
    btn.textContent = open ? "Minder tonen" : "Hele passage tonen";
    btn.setAttribute("aria-expanded", String(open));
  });
  return h("div", {}, p, btn);
}

function result(r, terms) {
  const doc = r.document || {};
  return h("li", { class: "card result" },
    h("h3", { class: "result-title" }, r.section || sectionPath(r).slice(-1)[0] || doc.title || "Passage",
      doc.basisteam ? h("span", { class: "badge basisteam", text: doc.basisteam }) : null),
    citation({ title: doc.title, page: r.page, section: sectionPath(r).join(" › "), doc: doc.id, passage: r.id }),
    passage(passageText(r), terms),
    chipList(r.entities, "Genoemde entiteiten"));
}

function intro() {
  return h("section", { class: "intro" },
    h("p", { text: "Zoek in de integrale veiligheidsplannen, uitvoeringsplannen en evaluaties van de basisteams. " +
      "Vragen mogen in het Nederlands of Engels." }),
    h("p", {}, "Voorbeelden: ", EXAMPLES.map((q, i) => [i ? ", " : "", h("a", { href: hashHref("zoeken", { q }), text: q })])));
}

export async function render({ main, params, signal }) {
  document.title = "Zoeken — IVP-kennisgraaf";
  const q = (params.get("q") || "").trim();
  const body = h("div", { id: "search-body" });
  const filterSlot = h("div", {}, loading("Filters laden…"));
  replace(main, h("h1", { text: "Zoeken in de veiligheidsplannen" }), filterSlot, body);
  let filters = {};
  try {
    filters = await cached("/api/filters");
  } catch (err) {
    filterSlot.append(errorBox(err));
  }
  replace(filterSlot, form(params, filters));
  if (!q) {
    replace(body, intro());
    return;
  }
  document.title = `${q} — Zoeken — IVP-kennisgraaf`;
  replace(body, loading("Zoeken…"));
  const f = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) || ""]));
  const [ask, found] = await Promise.allSettled([
    get("/api/ask", { q, ...f }, signal),
    get("/api/search", { q, k: 10, ...f }, signal),
  ]);
  if (signal.aborted) return;
  const concepts = ask.status === "fulfilled" ? (ask.value.concepts || [])
    .filter((c) => ["theme", "partner", "instrument"].includes(c.type)).map((c) => c.label) : [];
  const terms = queryTerms(q, concepts);
  // Passages about the question first; with none, the server's Dutch message. Passages the relevance signal
  // doubts stay reachable, folded away and labelled as weak: a question in everyday words may share no word
  // with the plan that answers it.
  const all = found.status === "fulfilled" ? (found.value.results || []) : [];
  const results = all.filter((r) => r.relevant !== false);
  const weak = all.filter((r) => r.relevant === false);
  const noMatch = found.status === "fulfilled" && found.value.no_match;
  replace(body,
    ask.status === "fulfilled" ? answer(ask.value, terms) : errorBox(ask.reason),
    h("section", { class: "results", "aria-labelledby": "results-h" },
      h("h2", { id: "results-h", text: "Passages" }),
      found.status === "fulfilled"
        ? [statusLine(noMatch ? found.value.message || "Niets relevants gevonden."
          : results.length === 1 ? "1 passage gevonden" : `${results.length} passages gevonden`),
          results.length ? searchCsvLink({ q, k: 10, ...f }) : null,
          h("ol", { class: "result-list" }, results.map((r) => result(r, terms))),
          weak.length ? h("details", { class: "weak-results" },
            h("summary", { text: `Zwakke overeenkomsten (${weak.length}): deze passages delen geen woord of begrip met uw vraag` }),
            h("ol", { class: "result-list" }, weak.map((r) => result(r, terms)))) : null]
        : errorBox(found.reason)));
}

// -- CSV export (self-contained block) ----------------------------------------------------------------

/** These results as a CSV download (semicolons: what Excel with Dutch settings splits on). */
function searchCsvLink(params) {
  const q = new URLSearchParams(Object.entries({ ...params, sep: ";" }).filter(([, v]) => v !== "" && v != null));
  return h("p", {}, h("a", { class: "csv-link", href: `/api/search/export.csv?${q}`, download: "", text: "CSV",
    title: "Download deze passages als CSV (Excel)" }));
}
