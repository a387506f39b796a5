// The concept index (begrippen): themes, partners and instruments as an A–Z list or a broader/narrower tree,
// with Dutch and English labels, acronym, definition, legal source and what each plan owner does with them.

import { get } from "./api.js";
import { entityHref, fold, h, hashHref, loading, replace } from "./dom.js";
import { typeBadge } from "./parts.js";

const KINDS = [["", "Alle begrippen"], ["theme", "Thema's"], ["partner", "Partners"], ["instrument", "Instrumenten"]];
const VIEWS = [["az", "A–Z"], ["boom", "Boom"]];

/** "BWBR0013798 op wetten.overheid.nl": the law's official page. */
export function legalLink(legal) {
  if (!legal) return null;
  return h("a", { class: "legal-link", href: legal.url, rel: "noopener", target: "_blank" },
    `${legal.identifier} op wetten.overheid.nl`, h("span", { class: "sr-only", text: " (opent in een nieuw venster)" }));
}

/** Per plan owner: how many actions and priorities name the concept, as a small table. */
export function usageTable(usage, caption) {
  if (!usage || usage.length === 0) return h("p", { class: "muted", text: "Nog door geen enkele eigenaar genoemd in acties of prioriteiten." });
  return h("table", { class: "usage" },
    h("caption", { text: caption }),
    h("thead", {}, h("tr", {}, h("th", { scope: "col", text: "Eigenaar" }), h("th", { scope: "col", class: "num", text: "Acties" }),
      h("th", { scope: "col", class: "num", text: "Prioriteiten" }))),
    h("tbody", {}, usage.map((u) => h("tr", {}, h("th", { scope: "row", text: u.owner }),
      h("td", { class: "num", text: u.actions }), h("td", { class: "num", text: u.priorities })))));
}

function refs(items) {
  return items.map((r, i) => [i ? ", " : "", h("a", { href: entityHref(r.id), text: r.label })]);
}

/** The thesaurus rows of one concept (labels, acronym, definition, law, hierarchy) as a definition list. */
export function conceptFacts(c) {
  const rows = [
    ["Engels", c.label_en && c.label_en !== c.label ? h("span", { lang: "en", text: c.label_en }) : null],
    ["Afkorting", c.acronym],
    ["Definitie", c.definition],
    ["Wettelijke bron", legalLink(c.legal)],
    ["Breder begrip", c.broader.length ? refs(c.broader) : null],
    ["Smallere begrippen", c.narrower.length ? refs(c.narrower) : null],
    ["Verwant", c.related.length ? refs(c.related) : null],
  ].filter(([, v]) => v !== null && v !== undefined && v !== "");
  return rows.length ? h("dl", { class: "facts" }, rows.map(([k, v]) => [h("dt", { text: k }), h("dd", {}, v)])) : null;
}

function usageLine(c) {
  if (!c.usage.length) return null;
  return h("p", { class: "usage-line" }, c.usage.map((u, i) => [i ? " · " : "",
    h("strong", { text: u.owner }), `: ${u.actions} ${u.actions === 1 ? "actie" : "acties"}, `,
    `${u.priorities} ${u.priorities === 1 ? "prioriteit" : "prioriteiten"}`]));
}

function entry(c) {
  return h("li", { class: "concept" },
    h("h3", {}, h("a", { href: entityHref(c.id), text: c.label }), " ", typeBadge(c.type),
      c.acronym && c.acronym !== c.label ? h("span", { class: "muted", text: ` (${c.acronym})` }) : null),
    conceptFacts(c), usageLine(c));
}

const OTHER = "0–9"; // labels that start with a digit or sign ("24-uur blauw", "7-stappenmodel")

function initial(label) {
  const ch = fold(label).charAt(0).toUpperCase();
  return /[A-Z]/.test(ch) ? ch : OTHER;
}

const letterId = (k) => `letter-${k === OTHER ? "cijfers" : k}`;

function alphabetical(concepts) {
  const groups = new Map();
  for (const c of concepts) {
    const k = initial(c.label);
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k).push(c);
  }
  const letters = [...groups.keys()].sort((a, b) => (a === OTHER) - (b === OTHER) || a.localeCompare(b));
  const sections = letters.map((k) => h("section", { class: "letter", "aria-labelledby": letterId(k) },
    h("h2", { id: letterId(k), text: k }), h("ul", { class: "plain concepts" }, groups.get(k).map(entry))));
  const jump = (k) => {
    const b = h("button", { type: "button", class: "link-button", text: k, "aria-label": `Naar ${k === OTHER ? "de cijfers" : `de letter ${k}`}` });
    b.addEventListener("click", () => {
      const target = document.getElementById(letterId(k));
      target.setAttribute("tabindex", "-1");
      target.scrollIntoView({ block: "start" });
      target.focus({ preventScroll: true });
    });
    return h("li", {}, b);
  };
  return [h("nav", { class: "az-nav", "aria-label": "Letters" }, h("ul", { class: "az" }, letters.map(jump))), sections];
}

function tree(concepts) {
  const byId = new Map(concepts.map((c) => [c.id, c]));
  const node = (c, seen) => h("li", {}, h("a", { href: entityHref(c.id), text: c.label }),
    c.label_en && c.label_en !== c.label ? h("span", { class: "muted", lang: "en", text: ` — ${c.label_en}` }) : null,
    branch(c.narrower.map((r) => byId.get(r.id)).filter((x) => x && !seen.has(x.id)), new Set([...seen, c.id])));
  const branch = (items, seen) => items.length ? h("ul", { class: "tree" }, items.map((c) => node(c, seen))) : null;
  return KINDS.slice(1).map(([type, title]) => {
    const own = concepts.filter((c) => c.type === type);
    const tops = own.filter((c) => !c.broader.some((b) => byId.has(b.id)));
    return own.length ? h("section", { class: "card", "aria-labelledby": `tree-${type}` },
      h("h2", { id: `tree-${type}`, text: `${title} (${own.length})` }), branch(tops, new Set())) : null;
  });
}

export async function render({ main, params, signal }) {
  document.title = "Begrippen — IVP-kennisgraaf";
  const kind = params.get("soort") || "";
  const view = params.get("weergave") === "boom" ? "boom" : "az";
  replace(main, h("h1", { text: "Begrippen" }), loading());
  const data = await get("/api/concepts", { type: kind }, signal);
  if (signal.aborted) return;
  const concepts = data.concepts || [];
  const select = h("select", { id: "concept-kind" },
    KINDS.map(([v, t]) => h("option", { value: v, selected: v === kind, text: t })));
  select.addEventListener("change", () => { location.hash = hashHref("begrippen", { soort: select.value, weergave: view }); });
  replace(main,
    h("h1", { text: "Begrippen" }),
    h("p", { class: "intro", text: "De thema's, partners en instrumenten waarmee de plannen worden gelezen, met hun namen in het " +
      "Nederlands en Engels, definities en wettelijke bronnen, en per eigenaar hoeveel acties en prioriteiten ze noemen." }),
    h("div", { class: "toolbar" },
      h("label", { for: "concept-kind", text: "Soort " }), select,
      h("ul", { class: "view-switch", "aria-label": "Weergave" }, VIEWS.map(([v, t]) => h("li", {},
        h("a", { href: hashHref("begrippen", { soort: kind, weergave: v }), "aria-current": v === view ? "page" : null, text: t }))))),
    h("p", { class: "status", role: "status", text: `${concepts.length} begrippen` }),
    view === "boom" ? tree(concepts) : alphabetical(concepts));
}
