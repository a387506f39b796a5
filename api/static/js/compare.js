// Compare page: two plan owners' priorities side by side. Each priority sits in one row and each action is
// counted in its own priority's row, so the counts here are the actions board's counts (kg/compare.py).

import { cached, get } from "./api.js";
import { actionHref, entityHref, errorBox, h, hashHref, loading, replace } from "./dom.js";
import { chipList, statusBadge } from "./parts.js";
import { kindName } from "./words.js";

const ACTIONS_SHOWN = 6;
const CHIPS_SHOWN = 10;

function matchBadge(kind, text) {
  return h("span", { class: `badge match match-${kind}`, text });
}

/** "2023-2024 (20) · 2025-2026 (19)": how a side's actions spread over the plan cycles. */
function cycleLine(cycles) {
  const parts = Object.entries(cycles || {}).map(([c, n]) => `${c || "zonder cyclus"} (${n})`);
  return parts.length ? h("p", { class: "muted cycles", text: `Per cyclus: ${parts.join(" · ")}` }) : null;
}

function actionItem(a) {
  return h("li", {},
    h("a", { href: actionHref(a.id), text: a.label }), " ",
    statusBadge(a.status),
    h("span", { class: "muted" }, [a.cycle, a.kind ? kindName(a.kind).toLowerCase() : null].filter(Boolean)
      .map((t) => [" · ", t])));
}

function actionList(entry, team) {
  const actions = entry.actions || [];
  const count = entry.action_count ?? actions.length;
  const board = h("a", { href: hashHref("acties", { basisteam: team }), text: "op het actiebord" });
  if (count === 0) return h("p", { class: "muted side-block", text: "Geen acties ingelezen bij deze prioriteit." });
  // All actions are in the list, the ones past the first few folded on screen (a printout shows them all).
  const items = actions.map((a, i) => {
    const li = actionItem(a);
    if (i >= ACTIONS_SHOWN) li.classList.add("folded");
    return li;
  });
  const ul = h("ul", { class: "compact" }, items);
  const box = h("div", { class: "side-block" }, h("h4", { text: `Acties (${count})` }), cycleLine(entry.cycles), ul);
  if (actions.length > ACTIONS_SHOWN) {
    const more = h("button", { type: "button", class: "link-button", text: `Toon alle ${actions.length}` });
    more.addEventListener("click", () => { items.forEach((li) => li.classList.remove("folded")); more.remove(); });
    box.append(more);
  }
  box.append(h("p", { class: "muted small" }, "Dezelfde acties ", board, "."));
  return box;
}

/** Partners or instruments as chips; a long list starts folded. */
function chips(items, type, title) {
  if (!items || items.length === 0) return null;
  const all = items.map((x) => ({ ...x, type }));
  const box = h("div", { class: "side-block" }, h("h4", { text: `${title} (${all.length})` }),
    chipList(all.slice(0, CHIPS_SHOWN), title, false));
  if (all.length > CHIPS_SHOWN) {
    const more = h("button", { type: "button", class: "link-button", text: `Toon alle ${all.length}` });
    more.addEventListener("click", () => { box.querySelector("ul").replaceWith(chipList(all, title, false)); more.remove(); });
    box.append(more);
  }
  return box;
}

/** One owner's side of a row: its priority, wordings and what it does on the theme. */
function side(entry, otherTheme, team, elsewhere, teamName) {
  if (!entry) {
    const note = elsewhere
      ? h("span", { class: "muted" }, `Geen eigen prioriteit. ${teamName} werkt hieraan onder prioriteit ${elsewhere.number} ` +
        `(${elsewhere.actions} ${elsewhere.actions === 1 ? "actie" : "acties"}); die acties tellen mee bij de rij `,
      h("a", { href: entityHref(elsewhere.row.id), text: elsewhere.row.label }), ".")
      : h("span", { class: "muted", text: "Geen prioriteit op dit thema" });
    return h("td", { class: "side empty", "data-owner": teamName }, note);
  }
  return h("td", { class: "side", "data-owner": teamName },
    h("p", { class: "priority-number" }, `Prioriteit ${entry.number}`,
      otherTheme ? h("span", { class: "muted" }, " · onder thema ", h("a", { href: entityHref(otherTheme.id), text: otherTheme.label })) : null),
    (entry.wordings || []).length ? h("ul", { class: "wordings" }, entry.wordings.map((w) => h("li", {}, h("q", { text: w })))) : null,
    actionList(entry, team),
    chips(entry.partners, "partner", "Partners"),
    chips(entry.instruments, "instrument", "Instrumenten"));
}

function row(item, marker, data) {
  const away = item.elsewhere || null;
  return h("tr", { class: `row-${marker.kind}` },
    h("th", { scope: "row", class: "theme-cell" },
      h("a", { href: entityHref(item.theme.id), text: item.theme.label }), h("br"), matchBadge(marker.kind, marker.text)),
    side(item.a, item.a_theme, data.a, away && away.side === "a" ? away : null, data.a),
    side(item.b, item.b_theme, data.b, away && away.side === "b" ? away : null, data.b));
}

function picker(id, label, names, value) {
  return h("div", { class: "field" }, h("label", { for: id, text: label }),
    h("select", { id, name: id }, names.map((n) => h("option", { value: n, text: n, selected: n === value }))));
}

/** What is loaded for each owner, so a side without actions is not read as a side without work. */
function coverageNotes(data) {
  const notes = ["a", "b"].map((k) => data.coverage && data.coverage[k]).filter(Boolean);
  if (!notes.length) return null;
  return h("section", { class: "coverage-notes", "aria-label": "Wat is ingelezen" },
    h("h2", { class: "sr-only", text: "Wat is ingelezen" }),
    h("ul", { class: "plain" }, notes.map((c) => h("li", { class: c.missing.length || c.gaps.length ? "coverage gap" : "coverage" },
      c.note))));
}

function split(part, title, type, data) {
  if (!part) return null;
  const group = (items, label) => h("div", { class: "split-col" }, h("h4", { text: `${label} (${items.length})` }),
    items.length ? chipList(items.map((x) => ({ ...x, type })), `${title}: ${label}`, false) : h("p", { class: "muted", text: "–" }));
  return h("div", { class: "card split" }, h("h3", { text: title }),
    h("div", { class: "split-cols" }, group(part.shared, "Beide"), group(part.only_a, `Alleen ${data.a}`),
      group(part.only_b, `Alleen ${data.b}`)));
}

/** A CSV link for the page's own query (self-contained: other pages add their own). */
function csvLink(path, params) {
  const q = new URLSearchParams({ ...params, sep: ";" });
  return h("a", { class: "csv-link", href: `${path}?${q}`, download: "", text: "CSV", title: "Download als CSV (Excel)" });
}

export async function render({ main, params, signal }) {
  document.title = "Vergelijken — IVP-kennisgraaf";
  replace(main, h("h1", { text: "Plannen vergelijken" }), loading());
  const filters = await cached("/api/filters");
  const names = filters.basisteam || [];
  const a = params.get("a") || names[0] || "";
  const b = params.get("b") || names.find((n) => n !== a) || "";
  const form = h("form", { class: "compare-form" },
    picker("a", "Eigenaar A", names, a), picker("b", "Eigenaar B", names, b),
    h("button", { type: "submit", class: "primary", text: "Vergelijken" }));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const data = new FormData(form);
    location.hash = hashHref("vergelijk", { a: data.get("a"), b: data.get("b") });
  });
  const body = h("div", {}, loading("Vergelijken…"));
  replace(main, h("h1", { text: "Plannen vergelijken" }),
    h("p", { class: "muted", text: "De prioriteiten van twee basisteams, gemeenten of samenwerkingen per thema naast elkaar. " +
      "Gedeeld: beide hebben het thema als prioriteit. Gedeeltelijk: de een heeft het thema als eigen prioriteit, de ander " +
      "onder een breder of smaller thema. Elke actie telt in één rij: die van haar eigen prioriteit, zoals op het actiebord." }),
    form, body);
  if (!a || !b) {
    replace(body, h("p", { class: "muted", text: "Er zijn minder dan twee planeigenaren ingelezen." }));
    return;
  }
  if (a === b) {
    replace(body, h("p", { class: "error", role: "alert", text: "Kies twee verschillende eigenaren." }));
    return;
  }
  let data;
  try {
    data = await get("/api/compare", { a, b }, signal);
  } catch (err) {
    if (err.name === "AbortError") throw err;
    replace(body, errorBox(err));
    return;
  }
  const shared = data.shared || [];
  const full = shared.filter((x) => x.match === "full");
  const partial = shared.filter((x) => x.match !== "full");
  const rows = [
    ...full.map((x) => row(x, { kind: "full", text: "gedeeld" }, data)),
    ...partial.map((x) => row(x, { kind: "partial", text: "gedeeltelijk" }, data)),
    ...(data.only_a || []).map((x) => row(x, { kind: "only-a", text: `alleen ${data.a}` }, data)),
    ...(data.only_b || []).map((x) => row(x, { kind: "only-b", text: `alleen ${data.b}` }, data)),
  ];
  const loose = data.without_priority || { a: [], b: [] };
  const totals = data.totals || {};
  replace(body,
    coverageNotes(data),
    h("div", { class: "toolbar" },
      h("p", { class: "status", role: "status",
        text: `${full.length} gedeeld, ${partial.length} gedeeltelijk, ${(data.only_a || []).length} alleen ${data.a}, ` +
          `${(data.only_b || []).length} alleen ${data.b} · acties: ${data.a} ${totals.a ?? "?"}, ${data.b} ${totals.b ?? "?"}` }),
      csvLink("/api/compare/export.csv", { a: data.a, b: data.b })),
    rows.length ? h("div", { class: "table-scroll" }, h("table", { class: "compare" },
      h("caption", { class: "sr-only", text: `Prioriteiten van ${data.a} en ${data.b} per thema` }),
      h("colgroup", {}, h("col", { class: "col-theme" }), h("col", { class: "col-side" }), h("col", { class: "col-side" })),
      h("thead", {}, h("tr", {}, h("th", { scope: "col", text: "Thema" }), h("th", { scope: "col", text: data.a }),
        h("th", { scope: "col", text: data.b }))),
      h("tbody", {}, rows))) : h("p", { class: "muted", text: "Geen prioriteiten gevonden om te vergelijken." }),
    ["a", "b"].filter((k) => (loose[k] || []).length).map((k) => h("section", { class: "card" },
      h("h3", { text: `${data[k]}: acties zonder prioriteit (${loose[k].length})` }),
      h("ul", { class: "compact" }, loose[k].map(actionItem)))),
    data.summary ? h("section", { class: "compare-summary" }, h("h2", { text: "Partners en instrumenten" }),
      split(data.summary.partners, "Partners", "partner", data),
      split(data.summary.instruments, "Instrumenten", "instrument", data)) : null);
}
