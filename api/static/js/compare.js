// Compare page: two basisteams' priorities side by side, one row per theme.

import { cached, get } from "./api.js";
import { actionHref, entityHref, errorBox, h, hashHref, loading, replace } from "./dom.js";
import { chipList } from "./parts.js";

const ACTIONS_SHOWN = 6;
const CHIPS_SHOWN = 10;

function matchBadge(kind, text) {
  return h("span", { class: `badge match match-${kind}`, text });
}

function actionList(actions) {
  if (!actions || actions.length === 0) return null;
  // Actions open their own page (status, result, lineage); an id of another kind falls back to its entity page.
  const href = (id) => (String(id).startsWith("action/") ? actionHref(id) : entityHref(id));
  const items = (list) => list.map((a) => h("li", {}, h("a", { href: href(a.id), text: a.label })));
  const ul = h("ul", { class: "compact" }, items(actions.slice(0, ACTIONS_SHOWN)));
  const box = h("div", { class: "side-block" }, h("h4", { text: `Acties (${actions.length})` }), ul);
  if (actions.length > ACTIONS_SHOWN) {
    const more = h("button", { type: "button", class: "link-button", text: `Toon alle ${actions.length}` });
    more.addEventListener("click", () => { replace(ul, items(actions)); more.remove(); });
    box.append(more);
  }
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

/** One basisteam's side of a row: its priority wordings and what it deploys on the theme. */
function side(entry, otherTheme) {
  if (!entry) return h("td", { class: "side empty" }, h("span", { class: "muted", text: "Geen prioriteit op dit thema" }));
  return h("td", { class: "side" },
    h("p", { class: "priority-number" }, entry.number ? `Prioriteit ${entry.number}` : "Prioriteit",
      otherTheme ? h("span", { class: "muted" }, " · onder thema ", h("a", { href: entityHref(otherTheme.id), text: otherTheme.label })) : null),
    (entry.wordings || []).length ? h("ul", { class: "wordings" }, entry.wordings.map((w) => h("li", {}, h("q", { text: w })))) : null,
    actionList(entry.actions),
    chips(entry.partners, "partner", "Partners"),
    chips(entry.instruments, "instrument", "Instrumenten"));
}

function row(item, marker) {
  return h("tr", { class: `row-${marker.kind}` },
    h("th", { scope: "row", class: "theme-cell" },
      h("a", { href: entityHref(item.theme.id), text: item.theme.label }), h("br"), matchBadge(marker.kind, marker.text)),
    side(item.a, item.a_theme), side(item.b, item.b_theme));
}

function picker(id, label, names, value) {
  return h("div", { class: "field" }, h("label", { for: id, text: label }),
    h("select", { id, name: id }, names.map((n) => h("option", { value: n, text: n, selected: n === value }))));
}

export async function render({ main, params, signal }) {
  document.title = "Vergelijken — IVP-kennisgraaf";
  replace(main, h("h1", { text: "Basisteams vergelijken" }), loading());
  const filters = await cached("/api/filters");
  const names = filters.basisteam || [];
  const a = params.get("a") || names.find((n) => n === "Tweestromenland") || names[0] || "";
  const b = params.get("b") || names.find((n) => n !== a) || "";
  const form = h("form", { class: "compare-form" },
    picker("a", "Basisteam A", names, a), picker("b", "Basisteam B", names, b),
    h("button", { type: "submit", class: "primary", text: "Vergelijken" }));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const data = new FormData(form);
    location.hash = hashHref("vergelijk", { a: data.get("a"), b: data.get("b") });
  });
  const body = h("div", {}, loading("Vergelijken…"));
  replace(main, h("h1", { text: "Basisteams vergelijken" }),
    h("p", { class: "muted", text: "De prioriteiten van twee basisteams per thema naast elkaar. Gedeeld: beide hebben het thema als " +
      "prioriteit. Gedeeltelijk: de een heeft het thema als eigen prioriteit, de ander onder een breder of smaller thema." }),
    form, body);
  if (!a || !b) {
    replace(body, h("p", { class: "muted", text: "Er zijn minder dan twee basisteams ingelezen." }));
    return;
  }
  if (a === b) {
    replace(body, h("p", { class: "error", role: "alert", text: "Kies twee verschillende basisteams." }));
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
    ...full.map((x) => row(x, { kind: "full", text: "gedeeld" })),
    ...partial.map((x) => row(x, { kind: "partial", text: "gedeeltelijk" })),
    ...(data.only_a || []).map((x) => row(x, { kind: "only-a", text: `alleen ${data.a}` })),
    ...(data.only_b || []).map((x) => row(x, { kind: "only-b", text: `alleen ${data.b}` })),
  ];
  replace(body,
    h("p", { class: "status", role: "status",
      text: `${full.length} gedeeld, ${partial.length} gedeeltelijk, ${(data.only_a || []).length} alleen ${data.a}, ` +
        `${(data.only_b || []).length} alleen ${data.b}` }),
    rows.length ? h("table", { class: "compare" },
      h("caption", { class: "sr-only", text: `Prioriteiten van ${data.a} en ${data.b} per thema` }),
      h("colgroup", {}, h("col", { class: "col-theme" }), h("col", { class: "col-side" }), h("col", { class: "col-side" })),
      h("thead", {}, h("tr", {}, h("th", { scope: "col", text: "Thema" }), h("th", { scope: "col", text: data.a }),
        h("th", { scope: "col", text: data.b }))),
      h("tbody", {}, rows)) : h("p", { class: "muted", text: "Geen prioriteiten gevonden om te vergelijken." }));
}
