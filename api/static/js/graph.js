// Graph browser (cytoscape.js). Opens on a labelled view of one plan owner's facts (partners x themes,
// instruments x themes, priorities and actions), drawn in columns with every label visible and nodes sized
// by the owner's actions; the whole graph only on request. Clicking an edge shows the passages behind it.
// The view, owner, types and selection live in the hash (#/graaf?weergave=&eigenaar=&typen=&knoop=), so
// reload, back and a shared link restore them. "Verkennen" (start from one entity, double-click to grow)
// keeps its drawing between visits to an entity page.

import { entityPath, get } from "./api.js";
import { entityHref, errorBox, h, hashHref, replace } from "./dom.js";
import { evidence } from "./parts.js";
import { typeName, TYPE_ORDER, relationName } from "./words.js";

export const COLOURS = {
  basisteam: "#1f4e79", gemeente: "#4a90c2", theme: "#c0392b", partner: "#1e8449", instrument: "#8e44ad",
  action: "#d35400", priority: "#b7950b", document: "#6c7a89", person: "#148f77",
};
const SHAPES = {
  basisteam: "hexagon", gemeente: "round-rectangle", theme: "ellipse", partner: "round-diamond", instrument: "triangle",
  action: "round-rectangle", priority: "star", document: "rectangle", person: "ellipse",
};
const EXPLORE = "verkennen"; // start from one entity and grow the drawing
const DEFAULT_VIEW = "partners-themas";
const BIG = 400; // from this many nodes the graph is drawn for speed, not looks
const LIST_LIMIT = 300;
const ROW = 34; // vertical room per node in a column
const WRAP = 28; // nodes per column of the whole graph before it wraps
const READABLE = 0.85; // the least zoom a drawing opens at: 12 px labels drawn at 10 px
const NARROW = 600; // a canvas narrower than this (a phone) gets closer columns and shorter labels

// Kept between visits to an entity page while exploring: what the user built stays.
const kept = { elements: [], zoom: null, pan: null, start: null };

function style() {
  return [
    { selector: "node", style: {
      "background-color": (n) => COLOURS[n.data("type")] || "#555", shape: (n) => SHAPES[n.data("type")] || "ellipse",
      label: "data(short)", "font-size": 12, color: "#1b1b1b", "text-valign": "bottom", "text-halign": "center",
      "text-margin-y": 3, "text-wrap": "ellipsis", "text-max-width": 200, width: "data(size)", height: "data(size)",
      "min-zoomed-font-size": 0, "text-background-color": "#ffffff", "text-background-opacity": 0.8,
      "text-background-padding": 1,
    } },
    // Layered views put labels outward: left of the first column, right of the last.
    { selector: "node.label-left", style: { "text-halign": "left", "text-valign": "center", "text-margin-x": -6, "text-margin-y": 0 } },
    { selector: "node.label-right", style: { "text-halign": "right", "text-valign": "center", "text-margin-x": 6, "text-margin-y": 0 } },
    { selector: "node.narrow", style: { "text-max-width": 120 } },
    { selector: "node.expanded", style: { "border-width": 3, "border-color": "#111" } },
    { selector: "node.start", style: { "font-weight": "bold", "font-size": 13 } },
    { selector: "node:selected", style: { "border-width": 4, "border-color": "#111", "font-weight": "bold" } },
    { selector: "edge", style: {
      width: 1.4, "line-color": "#9aa5b1", "curve-style": "straight", opacity: 0.75, label: "",
      "font-size": 10, color: "#333", "text-rotation": "autorotate", "text-background-color": "#fff",
      "text-background-opacity": 0.85, "overlay-padding": 5,
    } },
    { selector: "edge.has-evidence", style: { width: 2 } },
    { selector: "edge:selected", style: { width: 4, "line-color": "#1f4e79", opacity: 1, label: "data(label)" } },
    { selector: "edge.near", style: { "line-color": "#4a5b6b", opacity: 0.95 } },
    // Last, so they win over the type and edge rules above.
    { selector: ".faded", style: { opacity: 0.15 } },
    { selector: ".hidden", style: { display: "none" } },
  ];
}

function shortLabel(label) {
  const s = String(label || "");
  return s.length > 48 ? s.slice(0, 46) + "…" : s;
}

/** Size by the owner's actions naming the node; by its edges in this view where the owner has no actions. */
function nodeSize(weight) {
  return Math.min(56, 16 + 6 * Math.sqrt(weight || 0));
}

function nodeData(e, byDegree = false) {
  return { id: e.id, label: e.label, short: shortLabel(e.label), type: e.type, actions: e.actions || 0,
    size: nodeSize(byDegree ? e.degree : e.actions) };
}

function edgeId(a, rel, b) {
  return `${a}|${rel}|${b}`;
}

function edgeData(e) {
  return { id: edgeId(e.source, e.relation, e.target), source: e.source, target: e.target, relation: e.relation,
    label: relationName(e.relation), evidence: e.evidence || [] };
}

/**
 * Positions for `count` new neighbours of a node at `origin`: a full ring for a fresh node, else an
 * arc facing away from the neighbours already drawn, so new nodes do not land on the existing ones.
 */
export function ring(origin, count, drawn) {
  if (count === 0) return [];
  const full = 2 * Math.PI;
  let dir = 0;
  let spread = full;
  if (drawn.length) {
    const cx = drawn.reduce((s, p) => s + p.x, 0) / drawn.length;
    const cy = drawn.reduce((s, p) => s + p.y, 0) / drawn.length;
    dir = Math.atan2(origin.y - cy, origin.x - cx);
    spread = count === 1 ? 0 : Math.min(full, Math.max(Math.PI / 2, count * 0.45));
  }
  const radius = Math.max(160, (count * 60) / Math.max(spread, 1));
  return Array.from({ length: count }, (_, i) => {
    const angle = spread >= full ? dir + (full * i) / count
      : dir - spread / 2 + (count === 1 ? spread / 2 : (spread * i) / (count - 1));
    return { x: origin.x + radius * Math.cos(angle), y: origin.y + radius * Math.sin(angle) };
  });
}

/**
 * A layered drawing: one column per entity type, in the order given, nodes ordered so linked nodes face
 * each other (two sweeps of the barycentre rule), which keeps crossings few. Returns {id: {x, y}} and the
 * label side per node. Columns of more than `wrap` nodes fold into sub-columns (the whole graph).
 */
export function layered(nodes, edges, columns, { gap = 320, wrap = Infinity } = {}) {
  const cols = columns.map((t) => nodes.filter((n) => n.type === t).map((n) => n.id));
  const adjacent = new Map();
  for (const e of edges) {
    if (!adjacent.has(e.source)) adjacent.set(e.source, []);
    if (!adjacent.has(e.target)) adjacent.set(e.target, []);
    adjacent.get(e.source).push(e.target);
    adjacent.get(e.target).push(e.source);
  }
  const rank = new Map();
  const setRanks = (col) => col.forEach((id, i) => rank.set(id, i / Math.max(1, col.length - 1)));
  cols.forEach(setRanks);
  const sweep = (i) => {
    const centre = (id) => {
      const ranks = (adjacent.get(id) || []).filter((o) => rank.has(o) && !cols[i].includes(o)).map((o) => rank.get(o));
      return ranks.length ? ranks.reduce((a, b) => a + b, 0) / ranks.length : rank.get(id);
    };
    const keys = new Map(cols[i].map((id) => [id, centre(id)]));
    cols[i].sort((a, b) => keys.get(a) - keys.get(b));
    setRanks(cols[i]);
  };
  for (let round = 0; round < 2; round += 1) {
    for (let i = 1; i < cols.length; i += 1) sweep(i);
    for (let i = cols.length - 2; i >= 0; i -= 1) sweep(i);
  }
  const positions = {};
  const side = {};
  const ys = wrap === Infinity ? alignedRows(cols, adjacent) : null;
  let x = 0;
  const tallest = Math.max(1, ...cols.map((c) => Math.min(c.length, wrap)));
  cols.forEach((col, i) => {
    const folds = Math.max(1, Math.ceil(col.length / wrap));
    const perFold = Math.ceil(col.length / folds);
    col.forEach((id, j) => {
      const fold = Math.floor(j / perFold);
      const row = j - fold * perFold;
      const height = Math.min(col.length, perFold) * ROW;
      positions[id] = { x: x + fold * gap, y: ys ? ys.get(id) : row * ROW - height / 2 + (tallest * ROW) / 2 };
      if (wrap === Infinity && cols.length > 1) side[id] = i === 0 ? "left" : i === cols.length - 1 ? "right" : "";
    });
    if (col.length) x += folds * gap;
  });
  return { positions, side };
}

/**
 * Rows for a layered drawing: the longest column evenly spaced, every other column (outwards from it) with each
 * node level with the mean of its neighbours already placed (at most five rows below the first of them, so a
 * priority with forty actions stays beside the start of its block), kept ROW apart in that order. Nodes
 * without placed neighbours follow at the end.
 */
function alignedRows(cols, adjacent) {
  const y = new Map();
  const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const first = cols.reduce((best, c, i) => (c.length > cols[best].length ? i : best), 0);
  // outwards from the longest column, so each column is placed beside one already placed
  const order = cols.map((_, i) => i).sort((a, b) => Math.abs(a - first) - Math.abs(b - first) || a - b);
  order.forEach((i, k) => {
    const col = cols[i];
    if (k === 0) {
      col.forEach((id, j) => y.set(id, j * ROW));
      return;
    }
    const want = new Map(col.map((id) => {
      const near = (adjacent.get(id) || []).filter((o) => y.has(o)).map((o) => y.get(o));
      return [id, near.length ? Math.min(mean(near), Math.min(...near) + 5 * ROW) : null];
    }));
    const linked = col.filter((id) => want.get(id) !== null).sort((a, b) => want.get(a) - want.get(b));
    const rest = col.filter((id) => want.get(id) === null);
    col.splice(0, col.length, ...linked, ...rest);
    let last = -Infinity;
    for (const id of col) {
      const at = last === -Infinity ? want.get(id) ?? 0 : Math.max(want.get(id) ?? last + ROW, last + ROW);
      y.set(id, at);
      last = at;
    }
    if (linked.length) { // pushing apart drifts downwards: move the column back to where its nodes want to be
      const shift = mean(linked.map((id) => want.get(id) - y.get(id)));
      col.forEach((id) => y.set(id, y.get(id) + shift));
    }
  });
  return y;
}

/** The page's state as hash parameters: `weergave`, `eigenaar`, `typen`, `knoop`, `verbinding`, `start`. */
function stateHash(params) {
  return hashHref("graaf", Object.fromEntries([...params.entries()].filter(([, v]) => v !== "")));
}

export async function render({ main, params, signal }) {
  document.title = "Graaf — IVP-kennisgraaf";
  if (typeof window.cytoscape !== "function") {
    replace(main, h("h1", { text: "Graaf" }), errorBox(new Error("de graafbibliotheek (cytoscape.js) is niet geladen")));
    return;
  }
  const url = new URLSearchParams(params);
  const start = url.get("start");
  let viewName = start ? EXPLORE : url.get("weergave") || DEFAULT_VIEW;
  let owner = url.get("eigenaar") || "";
  const types = new Set(url.has("typen") ? url.get("typen").split(",").filter((t) => TYPE_ORDER.includes(t)) : TYPE_ORDER);

  /** Write the state to the hash: `push` adds a history entry and redraws; otherwise only the address changes. */
  function setUrl(changes, push = false) {
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === undefined || v === "") url.delete(k); else url.set(k, v);
    }
    const next = stateHash(url);
    if (push) location.hash = next;
    else history.replaceState(history.state, "", next);
  }

  // -- data: the chosen view (its response lists the views and owners) --------------------------
  let data = null;
  let loadError = null;
  let notice = null; // said above the drawing, e.g. that a shared link named an unknown owner
  const started = performance.now();
  /** The view for `owner`; an owner view without one opens on the owner with the most actions. */
  async function load() {
    const probe = viewName === EXPLORE ? "partners-themas" : viewName;
    data = await get("/api/graph", { view: probe, owner: owner || undefined, ...(viewName === EXPLORE ? { limit: 1 } : {}) }, signal);
    if (!owner && viewName !== EXPLORE && viewName !== "alles" && data.owners.length) {
      owner = data.default_owner || data.owners[0]; // never everyone at once
      data = await get("/api/graph", { view: viewName, owner }, signal);
      setUrl({ weergave: viewName, eigenaar: owner });
    }
  }
  try {
    await load();
  } catch (err) {
    if (err.name === "AbortError") throw err;
    loadError = err;
    if (err.status === 400 && owner) {
      // A shared link with an owner this graph does not know: say so, and show a known one instead.
      notice = `Onbekende eigenaar "${owner}"; hieronder een eigenaar die wel plannen heeft.`;
      owner = "";
      try {
        await load();
        loadError = null;
        setUrl({ eigenaar: owner });
      } catch (again) {
        if (again.name === "AbortError") throw again;
      }
    }
  }
  if (signal.aborted) return;
  const fetched = performance.now() - started;
  const views = data ? data.views : [];
  const owners = data ? data.owners : [];
  if (data && viewName !== EXPLORE) owner = data.owner || "";

  // -- controls -------------------------------------------------------------------------------
  const status = h("p", { class: "status", role: "status", "aria-live": "polite" });
  const hover = h("p", { class: "muted hover-info", "aria-hidden": "true", text: " " });
  const message = h("div", { class: "graph-message", "aria-live": "polite" });
  const details = h("section", { class: "graph-details", "aria-live": "polite", "aria-label": "Geselecteerd" });
  const viewSelect = h("select", { id: "graph-view" },
    views.filter((v) => v.name !== "alles").map((v) => h("option", { value: v.name, text: v.title, selected: v.name === viewName })),
    h("option", { value: "alles", text: "Hele graaf (groot)", selected: viewName === "alles" }),
    h("option", { value: EXPLORE, text: "Verkennen vanaf een startpunt", selected: viewName === EXPLORE }));
  const ownerSelect = h("select", { id: "graph-owner" },
    h("option", { value: "", text: "Alle eigenaren", selected: !owner }),
    owners.map((o) => h("option", { value: o, text: o, selected: o === owner })));
  const searchInput = h("input", { type: "search", id: "graph-search", autocomplete: "off",
    placeholder: "bijv. RIEC, mensenhandel, Wijchen" });
  const suggestions = h("ul", { class: "suggestions", "aria-label": "Gevonden entiteiten" });
  const typeBoxes = TYPE_ORDER.map((t) => {
    const box = h("input", { type: "checkbox", id: `type-${t}`, value: t, checked: types.has(t) });
    return h("li", {}, box, h("label", { for: `type-${t}` },
      h("span", { class: "swatch", style: `background:${COLOURS[t]}`, "aria-hidden": "true" }), " ", typeName(t)));
  });
  const wholeBtn = h("button", { type: "button", class: "primary", text: "Hele graaf laden" });
  const layoutBtn = h("button", { type: "button", text: "Herschikken" });
  const fitBtn = h("button", { type: "button", text: "Alles in beeld" });
  const clearBtn = h("button", { type: "button", text: "Leegmaken" });
  const nodeList = h("ul", { class: "node-list" });
  const listBox = h("details", { class: "node-list-box" }, h("summary", { text: "Knopen in beeld (lijst)" }), nodeList);
  const container = h("div", { id: "cy", class: "cy", role: "img",
    "aria-label": "Graaf van entiteiten en relaties; gebruik de lijst met knopen voor toetsenbordbediening" });
  const help = h("p", { class: "muted help" });

  replace(main, h("div", { class: "graph-page" },
    h("aside", { class: "graph-controls", "aria-label": "Graafinstellingen" },
      h("h1", { text: "Graaf" }),
      help,
      h("div", { class: "field" }, h("label", { for: "graph-view", text: "Weergave" }), viewSelect),
      h("div", { class: "field" }, h("label", { for: "graph-owner", text: "Eigenaar" }), ownerSelect),
      status,
      details,
      h("form", { class: "graph-search", role: "search", onsubmit: (ev) => ev.preventDefault() },
        h("label", { for: "graph-search", text: "Startpunt zoeken" }), searchInput, suggestions),
      h("div", { class: "button-row" }, wholeBtn, layoutBtn, fitBtn, clearBtn),
      listBox,
      h("fieldset", {}, h("legend", { text: "Typen tonen" }), h("ul", { class: "type-filter plain" }, typeBoxes)),
      hover),
    h("div", { class: "graph-canvas" }, message, container)));

  // -- the graph ------------------------------------------------------------------------------
  let cy = null;
  let scope = null; // exploring under an owner: the ids of that owner's nodes and edges

  function explainMode() {
    help.textContent = viewName === EXPLORE
      ? "Klik op een knoop om de entiteitpagina te openen; dubbelklik om de buren toe te voegen. Klik op een verbinding voor de bronzinnen."
      : "Klik op een knoop om die en zijn verbindingen uit te lichten, op een verbinding voor de bronpassages. Dubbelklik voegt buren toe.";
  }

  function mount(elements, positioned) {
    if (cy) cy.destroy();
    const big = elements.filter((e) => e.group === "nodes").length >= BIG;
    cy = window.cytoscape({
      container, elements, style: style(), layout: { name: positioned ? "preset" : "grid" },
      minZoom: 0.05, maxZoom: 4, boxSelectionEnabled: false, selectionType: "single",
      textureOnViewport: big, hideEdgesOnViewport: big, motionBlur: false, pixelRatio: big ? 1 : "auto",
    });
    window.__ivpGraph = cy; // for the browser tests and for whoever debugs a drawing
    // "onetap" fires only when no second tap follows, so a double-click never also selects or navigates.
    cy.on("onetap", "node", (ev) => {
      if (viewName === EXPLORE) location.hash = entityHref(ev.target.id());
      else selectNode(ev.target.id());
    });
    cy.on("onetap", "edge", (ev) => selectEdge(ev.target.id()));
    cy.on("onetap", (ev) => { if (ev.target === cy) clearSelection(); });
    cy.on("dbltap", "node", (ev) => { expand(ev.target.id()); });
    cy.on("mouseover", "node", (ev) => {
      const n = ev.target;
      hover.textContent = `${n.data("label")} (${typeName(n.data("type"))})`;
      container.style.cursor = "pointer";
    });
    cy.on("mouseover", "edge", (ev) => {
      const e = ev.target;
      hover.textContent = `${e.source().data("label")} — ${e.data("label")} — ${e.target().data("label")}`;
      container.style.cursor = "pointer";
    });
    cy.on("mouseout", "node, edge", () => { container.style.cursor = ""; });
  }

  function visible(node) {
    return types.has(node.data("type")) && (!scope || scope.has(node.id()));
  }

  function applyFilters() {
    cy.batch(() => {
      cy.nodes().forEach((n) => { if (visible(n)) n.removeClass("hidden"); else n.addClass("hidden"); });
      cy.edges().forEach((e) => { if (!scope || scope.has(e.id())) e.removeClass("hidden"); else e.addClass("hidden"); });
    });
    update();
  }

  function fitView() {
    const eles = cy.elements().not(".hidden");
    if (eles.length === 0) return;
    cy.fit(eles, 40);
    if (cy.zoom() > 1.2) {
      cy.zoom(1.2);
      cy.center(eles);
    }
  }

  /** All of the drawing when its labels stay readable so; else its top-left corner at a readable zoom
   * (labels of 12 px drawn at 10 px or more), the rest a pan away; "Alles in beeld" shows everything. */
  function readableView() {
    const eles = cy.elements().not(".hidden");
    if (eles.length === 0) return;
    const box = eles.boundingBox({ includeLabels: true });
    const room = cy.width() - 80; // labels drawn a little wider than measured: keep a margin
    const fits = Math.min(1.2, room / Math.max(1, box.w), (cy.height() - 30) / Math.max(1, box.h));
    if (fits >= READABLE) {
      fitView();
      return;
    }
    const zoom = Math.max(READABLE, Math.min(1.2, room / Math.max(1, box.w)));
    cy.zoom(zoom);
    const x = box.w * zoom <= room ? (cy.width() - box.w * zoom) / 2 : 15;
    cy.pan({ x: x - box.x1 * zoom, y: 40 - box.y1 * zoom }); // below the message line
  }

  function update() {
    const nodes = cy.nodes().not(".hidden");
    const edges = cy.edges().not(".hidden").filter((e) => !e.source().hasClass("hidden") && !e.target().hasClass("hidden"));
    const hiddenCount = cy.nodes().length - nodes.length;
    status.textContent = `${nodes.length} ${nodes.length === 1 ? "knoop" : "knopen"} en ${edges.length} ` +
      `${edges.length === 1 ? "verbinding" : "verbindingen"} in beeld` + (hiddenCount ? ` (${hiddenCount} verborgen door filters)` : "");
    if (listBox.open) fillList();
    if (cy.nodes().length === 0) {
      replace(message, h("p", {}, viewName === EXPLORE ? "De graaf is leeg. Zoek links een startpunt of kies een weergave."
        : "Deze weergave is leeg voor deze eigenaar. Kies een andere weergave of eigenaar."));
    }
  }

  function fillList() {
    const nodes = cy.nodes().not(".hidden").sort((a, b) => a.data("label").localeCompare(b.data("label"), "nl"));
    replace(nodeList, nodes.slice(0, LIST_LIMIT).map((n) => {
      const done = n.hasClass("expanded");
      const btn = h("button", { type: "button", class: "small", disabled: done,
        "aria-label": `${done ? "Buren getoond" : "Buren tonen"} van ${n.data("label")}`, text: done ? "Buren getoond" : "Buren tonen" });
      btn.addEventListener("click", () => expand(n.id()));
      const pickBtn = viewName === EXPLORE ? null : h("button", { type: "button", class: "small link-like",
        "aria-label": `Uitlichten: ${n.data("label")}`, text: "Uitlichten", onclick: () => selectNode(n.id()) });
      return h("li", {}, h("a", { href: entityHref(n.id()), text: n.data("label") }),
        h("span", { class: "muted", text: ` (${typeName(n.data("type"))}) ` }), pickBtn, btn);
    }), nodes.length > LIST_LIMIT ? h("li", { class: "muted", text: `… en ${nodes.length - LIST_LIMIT} meer` }) : null);
  }
  listBox.addEventListener("toggle", () => { if (listBox.open) fillList(); });

  // -- selection: a node lights up with its edges; an edge shows the passages behind it --------
  function clearSelection(write = true) {
    if (!cy) return;
    cy.elements().removeClass("faded near");
    cy.elements().unselect();
    replace(details);
    if (write) setUrl({ knoop: null, verbinding: null });
  }

  function selectNode(id, write = true) {
    const node = cy.getElementById(id);
    if (!node.length) return false;
    clearSelection(false);
    const near = node.closedNeighborhood();
    cy.batch(() => {
      cy.elements().not(near).addClass("faded");
      near.edges().addClass("near");
      node.select();
    });
    const edges = node.connectedEdges().not(".hidden");
    replace(details, h("h2", { text: node.data("label") }),
      h("p", { class: "muted", text: typeName(node.data("type")) + (node.data("actions") ? ` · ${node.data("actions")} ${node.data("actions") === 1 ? "actie" : "acties"}` : "") }),
      h("p", {}, h("a", { href: entityHref(id), text: "Open de entiteitpagina" })),
      edges.length ? h("p", { class: "muted", text: `${edges.length} ${edges.length === 1 ? "verbinding" : "verbindingen"}; klik er een aan voor de bronpassages.` }) : null);
    if (write) setUrl({ knoop: id, verbinding: null });
    return true;
  }

  function selectEdge(id, write = true) {
    const edge = cy.getElementById(id);
    if (!edge.length) return false;
    clearSelection(false);
    cy.batch(() => {
      cy.elements().not(edge.connectedNodes().union(edge)).addClass("faded");
      edge.select();
    });
    const items = edge.data("evidence") || [];
    replace(details, h("h2", {}, edge.source().data("label"), h("span", { class: "relation-word", text: ` ${edge.data("label")} ` }),
      edge.target().data("label")),
      items.length ? h("div", { class: "evidence-list" }, items.map((e) => evidence(e)))
        : h("p", { class: "muted", text: "Geen bronzin bij deze verbinding: ze komt uit de opbouw van een plan of uit de begrippenlijst." }));
    if (write) setUrl({ verbinding: id, knoop: null });
    return true;
  }

  // -- growing the drawing ----------------------------------------------------------------------
  function addNode(entity, position) {
    if (cy.getElementById(entity.id).length) return false;
    const n = cy.add({ group: "nodes", data: nodeData(entity), position });
    if (!visible(n)) n.addClass("hidden");
    return true;
  }

  function addEdge(source, relation, target, items) {
    if (cy.getElementById(edgeId(source, relation, target)).length || cy.getElementById(edgeId(target, relation, source)).length) return;
    const e = cy.add({ group: "edges", data: edgeData({ source, relation, target, evidence: items }) });
    if (items && items.length) e.addClass("has-evidence");
    if (scope && !scope.has(e.id())) e.addClass("hidden");
  }

  /** Add an entity's direct neighbours in a ring around it; the rest of the drawing stays where it is. */
  async function expand(id) {
    let entity;
    try {
      entity = await get(entityPath(id), { depth: 1 });
    } catch (err) {
      replace(message, errorBox(err));
      return;
    }
    if (cy.destroyed()) return;
    const centre = cy.getElementById(id);
    if (!centre.length) addNode(entity, { x: 0, y: 0 });
    const origin = { ...cy.getElementById(id).position() };
    const fresh = entity.neighbors.filter((n) => !cy.getElementById(n.id).length);
    const spots = ring(origin, fresh.length, entity.neighbors.filter((n) => cy.getElementById(n.id).length)
      .map((n) => cy.getElementById(n.id).position()));
    let hiddenNew = 0;
    cy.batch(() => {
      fresh.forEach((n, i) => {
        addNode(n, spots[i]);
        if (cy.getElementById(n.id).hasClass("hidden")) hiddenNew += 1;
      });
      for (const n of entity.neighbors) addEdge(id, n.relation, n.id, n.evidence);
      cy.getElementById(id).addClass("expanded");
    });
    if (cy.nodes().length <= BIG) fitView(); else cy.center(cy.getElementById(id));
    update();
    const shown = fresh.length - hiddenNew;
    replace(message, h("p", { class: "note", text: `${shortLabel(entity.label)}: ${shown} nieuwe ${shown === 1 ? "buur" : "buren"} toegevoegd` +
      (hiddenNew ? `, ${hiddenNew} verborgen door filters` : "") + "." }));
  }

  /** The view's own drawing: its columns, else one column per entity type (the whole graph). */
  function drawView() {
    const nodes = cy.nodes().not(".hidden").map((n) => ({ id: n.id(), type: n.data("type") }));
    const edges = cy.edges().not(".hidden").map((e) => ({ source: e.source().id(), target: e.target().id() }));
    const columns = data && data.columns.length && viewName !== EXPLORE ? data.columns
      : TYPE_ORDER.filter((t) => nodes.some((n) => n.type === t));
    const whole = !(data && data.columns.length) || viewName === EXPLORE;
    const narrow = cy.width() < NARROW;
    const gap = whole ? (narrow ? 140 : 170) : narrow ? 140 : columns.length > 2 ? 250 : 320;
    const { positions, side } = layered(nodes, edges, columns, whole ? { gap, wrap: WRAP } : { gap });
    cy.batch(() => {
      cy.nodes().forEach((n) => {
        if (positions[n.id()]) n.position(positions[n.id()]);
        n.removeClass("label-left label-right narrow");
        if (narrow || whole) n.addClass("narrow");
        if (side[n.id()]) n.addClass(`label-${side[n.id()]}`);
      });
    });
  }

  function runLayout() {
    if (viewName === EXPLORE && cy.nodes().length <= 250) {
      cy.elements().not(".hidden").layout({ name: "cose", animate: false, nodeRepulsion: () => 9000,
        idealEdgeLength: () => 90, numIter: 600, fit: true, padding: 30 }).run();
    } else {
      drawView();
      readableView();
    }
  }

  /** Put the picked entity on the graph (alone if the graph is empty), ready to be expanded. */
  function pick(entity) {
    if (viewName !== EXPLORE) switchToExplore();
    const exists = cy.getElementById(entity.id).length > 0;
    if (!exists) {
      const ext = cy.nodes().length ? cy.nodes().boundingBox() : null;
      addNode(entity, ext ? { x: ext.x2 + 80, y: (ext.y1 + ext.y2) / 2 } : { x: 0, y: 0 });
    }
    cy.nodes().unselect();
    const node = cy.getElementById(entity.id);
    node.select();
    fitView();
    update();
    replace(message, h("p", { class: "note", text: `${shortLabel(entity.label)} staat in de graaf. Dubbelklik erop om de buren te tonen.` }));
  }

  /** Keep what is drawn but from now on grow it by hand (the address says so, without a redraw). */
  function switchToExplore() {
    viewName = EXPLORE;
    viewSelect.value = EXPLORE;
    explainMode();
    setUrl({ weergave: EXPLORE, knoop: null, verbinding: null });
  }

  async function scopeToOwner() {
    scope = null;
    if (owner) {
      try {
        const mine = await get("/api/graph", { view: "alles", owner });
        scope = new Set([...mine.nodes.map((n) => n.id), ...mine.edges.map((e) => edgeId(e.source, e.relation, e.target))]);
      } catch (err) {
        replace(message, errorBox(err));
      }
    }
    if (cy && !cy.destroyed()) applyFilters();
  }

  // -- wiring ---------------------------------------------------------------------------------
  let searchTimer = null;
  let searchSeq = 0;
  searchInput.addEventListener("input", () => {
    clearTimeout(searchTimer);
    const q = searchInput.value.trim();
    if (!q) { replace(suggestions); return; }
    searchTimer = setTimeout(async () => {
      const seq = ++searchSeq;
      try {
        const found = await get("/api/entities", { q, limit: 8 });
        if (seq !== searchSeq) return;
        replace(suggestions, found.results.length ? found.results.map((e) => h("li", {},
          h("button", { type: "button", class: "suggestion", onclick: () => { replace(suggestions); searchInput.value = ""; pick(e); } },
            e.label, h("span", { class: "muted", text: ` (${typeName(e.type)})` })))) : h("li", { class: "muted", text: "Niets gevonden." }));
      } catch (err) {
        replace(suggestions, h("li", {}, errorBox(err)));
      }
    }, 250);
  });
  for (const li of typeBoxes) {
    const box = li.querySelector("input");
    box.addEventListener("change", () => {
      if (box.checked) types.add(box.value); else types.delete(box.value);
      setUrl({ typen: types.size === TYPE_ORDER.length ? null : [...types].join(",") });
      applyFilters();
    });
  }
  viewSelect.addEventListener("change", () => {
    if (viewSelect.value === EXPLORE) {
      kept.elements = [];
      kept.start = null;
    }
    setUrl({ weergave: viewSelect.value, knoop: null, verbinding: null, start: null }, true);
  });
  ownerSelect.addEventListener("change", () => {
    owner = ownerSelect.value;
    if (viewName === EXPLORE) {
      setUrl({ eigenaar: owner });
      scopeToOwner();
    } else {
      setUrl({ eigenaar: owner, knoop: null, verbinding: null }, true);
    }
  });
  wholeBtn.addEventListener("click", () => {
    if (viewName === "alles") return;
    setUrl({ weergave: "alles", knoop: null, verbinding: null, start: null }, true);
  });
  layoutBtn.addEventListener("click", () => runLayout());
  fitBtn.addEventListener("click", () => fitView());
  clearBtn.addEventListener("click", () => {
    cy.elements().remove();
    kept.start = null;
    replace(details);
    switchToExplore();
    update();
  });

  // -- initial content ------------------------------------------------------------------------
  explainMode();
  if (loadError) {
    mount([], true);
    update();
    replace(message, errorBox(loadError));
    return save;
  }
  if (viewName === EXPLORE) {
    mount(kept.elements, true);
    if (kept.zoom && kept.elements.length) {
      cy.zoom(kept.zoom);
      cy.pan(kept.pan);
    }
    update();
    if (owner) await scopeToOwner();
    if (start && start !== kept.start) {
      if (!cy.getElementById(start).length) {
        cy.elements().remove();
        status.textContent = "Startpunt laden…";
        let entity;
        try {
          entity = await get(entityPath(start), { depth: 1 }, signal);
        } catch (err) {
          if (err.name === "AbortError") throw err;
          replace(message, errorBox(err));
          return save;
        }
        addNode(entity, { x: 0, y: 0 });
      }
      cy.nodes().removeClass("start");
      cy.getElementById(start).addClass("start");
      kept.start = start;
      if (!cy.getElementById(start).hasClass("expanded")) await expand(start);
      else cy.center(cy.getElementById(start));
    }
  } else {
    const drawStart = performance.now();
    const byDegree = !data.nodes.some((n) => n.actions > 0);
    const seen = new Set();
    const elements = [
      ...data.nodes.map((n) => ({ group: "nodes", data: nodeData(n, byDegree) })),
      ...data.edges.map((e) => ({ group: "edges", data: edgeData(e), classes: e.evidence.length ? "has-evidence" : "" })),
    ].filter((e) => !seen.has(e.data.id) && seen.add(e.data.id));
    mount(elements, true);
    cy.nodes().forEach((n) => { if (!visible(n)) n.addClass("hidden"); });
    drawView();
    readableView();
    update();
    const drawn = performance.now() - drawStart;
    container.dataset.loadMs = String(Math.round(fetched + drawn));
    const who = owner ? ` van ${owner}` : " van alle eigenaren";
    replace(message, h("p", { class: "note", text: viewName === "alles"
      ? `Hele graaf geladen: ${data.nodes.length} knopen${who} (${((fetched + drawn) / 1000).toFixed(1)} s).`
      : `${data.title}${who}: ${data.nodes.length} knopen, grootte naar aantal ${byDegree ? "verbindingen" : "acties"}.` + (data.truncated ? " Ingekort tot de meest verbonden knopen." : "") }));
    if (notice) message.prepend(h("p", { class: "error", role: "alert", text: notice }));
  }
  const chosenEdge = url.get("verbinding");
  const chosenNode = url.get("knoop");
  if (chosenEdge && !selectEdge(chosenEdge, false)) setUrl({ verbinding: null });
  else if (chosenNode && !chosenEdge && viewName !== EXPLORE) {
    if (selectNode(chosenNode, false)) cy.center(cy.getElementById(chosenNode));
    else setUrl({ knoop: null });
  }

  function save() {
    if (!cy || cy.destroyed()) return;
    if (viewName === EXPLORE) {
      kept.elements = cy.elements().jsons();
      kept.zoom = cy.zoom();
      kept.pan = cy.pan();
    }
    cy.destroy();
  }
  return save;
}
