// Graph browser (cytoscape.js): start from an entity, double-click a node to add its neighbours,
// click a node to open its entity page. The graph survives a visit to an entity page and back.

import { cached, entityPath, get } from "./api.js";
import { entityHref, errorBox, h, replace } from "./dom.js";
import { typeName, TYPE_ORDER, relationName } from "./words.js";

export const COLOURS = {
  basisteam: "#1f4e79", gemeente: "#4a90c2", theme: "#c0392b", partner: "#1e8449", instrument: "#8e44ad",
  action: "#d35400", priority: "#b7950b", document: "#6c7a89", person: "#148f77",
};
const SHAPES = {
  basisteam: "hexagon", gemeente: "round-rectangle", theme: "ellipse", partner: "round-diamond", instrument: "triangle",
  action: "round-rectangle", priority: "star", document: "rectangle", person: "ellipse",
};
const BIG = 400; // from this many nodes the graph is drawn for speed, not looks
const LIST_LIMIT = 300;
const COSE_LIMIT = 700; // force layout up to this many nodes (about 2 s on a slow machine), rings beyond

// Kept between visits: what the user built stays when they come back from an entity page.
const state = { elements: [], zoom: null, pan: null, start: null, types: new Set(TYPE_ORDER), basisteam: "", scope: null };

function style() {
  return [
    { selector: "node", style: {
      "background-color": (n) => COLOURS[n.data("type")] || "#555", shape: (n) => SHAPES[n.data("type")] || "ellipse",
      label: "data(short)", "font-size": 10, color: "#1b1b1b", "text-valign": "bottom", "text-margin-y": 3,
      "text-wrap": "ellipsis", "text-max-width": 120, width: 22, height: 22, "min-zoomed-font-size": 7,
      "text-background-color": "#ffffff", "text-background-opacity": 0.7, "text-background-padding": 1,
    } },
    // On a big drawing labels appear only once the user zooms in, which keeps it legible and fast.
    { selector: "node.dense", style: { "min-zoomed-font-size": 11 } },
    { selector: "node.expanded", style: { "border-width": 3, "border-color": "#111" } },
    { selector: "node.start", style: { width: 34, height: 34, "font-weight": "bold", "font-size": 12 } },
    { selector: "node:selected", style: { "overlay-color": "#f1c40f", "overlay-opacity": 0.35, "overlay-padding": 6 } },
    { selector: ".hidden", style: { display: "none" } },
    { selector: "edge", style: {
      width: 1.2, "line-color": "#9aa5b1", "curve-style": "haystack", opacity: 0.8,
      label: "data(label)", "font-size": 8, color: "#555", "min-zoomed-font-size": 12, "text-rotation": "autorotate",
    } },
  ];
}

function shortLabel(label) {
  const s = String(label || "");
  return s.length > 42 ? s.slice(0, 40) + "…" : s;
}

function nodeData(e) {
  return { id: e.id, label: e.label, short: shortLabel(e.label), type: e.type };
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

function edgeId(a, rel, b) {
  return `${a}|${rel}|${b}`;
}

export async function render({ main, params, signal }) {
  document.title = "Graaf — IVP-kennisgraaf";
  if (typeof window.cytoscape !== "function") {
    replace(main, h("h1", { text: "Graaf" }), errorBox(new Error("de graafbibliotheek (cytoscape.js) is niet geladen")));
    return;
  }
  let filters = { basisteam: [] };
  try {
    filters = await cached("/api/filters");
  } catch { /* the basisteam filter just stays empty */ }
  if (signal.aborted) return;

  // -- controls -------------------------------------------------------------------------------
  const status = h("p", { class: "status", role: "status", "aria-live": "polite" });
  const hover = h("p", { class: "muted hover-info", "aria-hidden": "true", text: " " });
  const message = h("div", { class: "graph-message", "aria-live": "polite" });
  const searchInput = h("input", { type: "search", id: "graph-search", autocomplete: "off",
    placeholder: "bijv. RIEC, mensenhandel, Wijchen" });
  const suggestions = h("ul", { class: "suggestions", "aria-label": "Gevonden entiteiten" });
  const typeBoxes = TYPE_ORDER.map((t) => {
    const box = h("input", { type: "checkbox", id: `type-${t}`, value: t, checked: state.types.has(t) });
    return h("li", {}, box, h("label", { for: `type-${t}` },
      h("span", { class: "swatch", style: `background:${COLOURS[t]}`, "aria-hidden": "true" }), " ", typeName(t)));
  });
  const btSelect = h("select", { id: "graph-basisteam" }, h("option", { value: "", text: "Alle" }),
    (filters.basisteam || []).map((b) => h("option", { value: b, text: b, selected: b === state.basisteam })));
  const wholeBtn = h("button", { type: "button", class: "primary", text: "Hele graaf laden" });
  const layoutBtn = h("button", { type: "button", text: "Herschikken" });
  const fitBtn = h("button", { type: "button", text: "Alles in beeld" });
  const clearBtn = h("button", { type: "button", text: "Leegmaken" });
  const nodeList = h("ul", { class: "node-list" });
  const listBox = h("details", { class: "node-list-box" }, h("summary", { text: "Knopen in beeld (lijst)" }), nodeList);
  const container = h("div", { id: "cy", class: "cy", role: "img",
    "aria-label": "Graaf van entiteiten en relaties; gebruik de lijst met knopen voor toetsenbordbediening" });

  replace(main, h("div", { class: "graph-page" },
    h("aside", { class: "graph-controls", "aria-label": "Graafinstellingen" },
      h("h1", { text: "Graaf" }),
      h("p", { class: "muted help", text: "Klik op een knoop om de entiteitpagina te openen; dubbelklik om de buren toe te voegen." }),
      status,
      h("form", { class: "graph-search", role: "search", onsubmit: (ev) => ev.preventDefault() },
        h("label", { for: "graph-search", text: "Startpunt zoeken" }), searchInput, suggestions),
      h("div", { class: "button-row" }, wholeBtn, layoutBtn, fitBtn, clearBtn),
      listBox,
      h("fieldset", {}, h("legend", { text: "Typen tonen" }), h("ul", { class: "type-filter plain" }, typeBoxes)),
      h("div", { class: "field" }, h("label", { for: "graph-basisteam", text: "Basisteam" }), btSelect),
      hover),
    h("div", { class: "graph-canvas" }, message, container)));

  // -- the graph ------------------------------------------------------------------------------
  let cy = null;

  function mount(elements, positioned) {
    if (cy) cy.destroy();
    const big = elements.filter((e) => e.group === "nodes").length >= BIG;
    cy = window.cytoscape({
      container, elements, style: style(), layout: { name: positioned ? "preset" : "grid" },
      minZoom: 0.05, maxZoom: 4, boxSelectionEnabled: false,
      textureOnViewport: big, hideEdgesOnViewport: big, motionBlur: false, pixelRatio: big ? 1 : "auto",
    });
    // "onetap" fires only when no second tap follows, so a double-click never also opens the page.
    cy.on("onetap", "node", (ev) => { location.hash = entityHref(ev.target.id()); });
    cy.on("dbltap", "node", (ev) => { expand(ev.target.id()); });
    cy.on("mouseover", "node", (ev) => {
      const n = ev.target;
      hover.textContent = `${n.data("label")} (${typeName(n.data("type"))})`;
      container.style.cursor = "pointer";
    });
    cy.on("mouseout", "node", () => { container.style.cursor = ""; });
  }

  function visible(node) {
    return state.types.has(node.data("type")) && (!state.scope || state.scope.has(node.id()));
  }

  function applyFilters() {
    cy.batch(() => {
      cy.nodes().forEach((n) => { if (visible(n)) n.removeClass("hidden"); else n.addClass("hidden"); });
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

  function update() {
    const nodes = cy.nodes().not(".hidden");
    const edges = cy.edges().filter((e) => !e.source().hasClass("hidden") && !e.target().hasClass("hidden"));
    const hiddenCount = cy.nodes().length - nodes.length;
    status.textContent = `${nodes.length} ${nodes.length === 1 ? "knoop" : "knopen"} en ${edges.length} ` +
      `${edges.length === 1 ? "verbinding" : "verbindingen"} in beeld` + (hiddenCount ? ` (${hiddenCount} verborgen door filters)` : "");
    if (listBox.open) fillList();
    if (cy.nodes().length === 0) {
      replace(message, h("p", {}, "De graaf is leeg. Zoek links een startpunt of laad de hele graaf."));
    } else {
      replace(message);
    }
  }

  function fillList() {
    const nodes = cy.nodes().not(".hidden").sort((a, b) => a.data("label").localeCompare(b.data("label"), "nl"));
    replace(nodeList, nodes.slice(0, LIST_LIMIT).map((n) => {
      const done = n.hasClass("expanded");
      const btn = h("button", { type: "button", class: "small", disabled: done,
        "aria-label": `${done ? "Buren getoond" : "Buren tonen"} van ${n.data("label")}`, text: done ? "Buren getoond" : "Buren tonen" });
      btn.addEventListener("click", () => expand(n.id()));
      return h("li", {}, h("a", { href: entityHref(n.id()), text: n.data("label") }),
        h("span", { class: "muted", text: ` (${typeName(n.data("type"))}) ` }), btn);
    }), nodes.length > LIST_LIMIT ? h("li", { class: "muted", text: `… en ${nodes.length - LIST_LIMIT} meer` }) : null);
  }
  listBox.addEventListener("toggle", () => { if (listBox.open) fillList(); });

  function addNode(entity, position) {
    if (cy.getElementById(entity.id).length) return false;
    const n = cy.add({ group: "nodes", data: nodeData(entity), position });
    if (!visible(n)) n.addClass("hidden");
    return true;
  }

  function addEdge(source, relation, target) {
    if (cy.getElementById(edgeId(source, relation, target)).length || cy.getElementById(edgeId(target, relation, source)).length) return;
    cy.add({ group: "edges", data: { id: edgeId(source, relation, target), source, target, relation, label: relationName(relation) } });
  }

  /** Add an entity's direct neighbours in a ring around it; the rest of the drawing stays where it is. */
  async function expand(id) {
    let data;
    try {
      data = await get(entityPath(id), { depth: 1 });
    } catch (err) {
      replace(message, errorBox(err));
      return;
    }
    if (cy.destroyed()) return;
    const centre = cy.getElementById(id);
    if (!centre.length) addNode(data, { x: 0, y: 0 });
    const origin = { ...cy.getElementById(id).position() };
    const fresh = data.neighbors.filter((n) => !cy.getElementById(n.id).length);
    const spots = ring(origin, fresh.length, data.neighbors.filter((n) => cy.getElementById(n.id).length)
      .map((n) => cy.getElementById(n.id).position()));
    let hiddenNew = 0;
    cy.batch(() => {
      fresh.forEach((n, i) => {
        addNode(n, spots[i]);
        if (cy.getElementById(n.id).hasClass("hidden")) hiddenNew += 1;
      });
      for (const n of data.neighbors) addEdge(id, n.relation, n.id);
      cy.getElementById(id).addClass("expanded");
    });
    if (cy.nodes().length <= BIG) fitView(); else cy.center(cy.getElementById(id));
    update();
    const shown = fresh.length - hiddenNew;
    replace(message, h("p", { class: "note", text: `${shortLabel(data.label)}: ${shown} nieuwe ${shown === 1 ? "buur" : "buren"} toegevoegd` +
      (hiddenNew ? `, ${hiddenNew} verborgen door filters` : "") + "." }));
  }

  /** A force layout while it stays quick (fewer rounds as the graph grows), rings by degree beyond. */
  function runLayout() {
    const eles = cy.elements().not(".hidden");
    const n = eles.nodes().length;
    const options = n <= COSE_LIMIT
      ? { name: "cose", animate: false, randomize: n > 250, nodeRepulsion: () => 9000, idealEdgeLength: () => 70,
        numIter: n <= 250 ? 800 : 150, fit: true, padding: 30 }
      : { name: "concentric", animate: false, minNodeSpacing: 4, concentric: (node) => node.degree(), fit: true, padding: 20 };
    eles.layout(options).run();
  }

  async function loadWhole() {
    replace(message, h("p", { class: "note", text: "Hele graaf laden…" }));
    wholeBtn.disabled = true;
    try {
      const data = await get("/api/graph", { type: [...state.types], basisteam: state.basisteam });
      const elements = [
        ...data.nodes.map((n) => ({ group: "nodes", data: nodeData(n) })),
        ...data.edges.map((e) => ({ group: "edges", data: { id: edgeId(e.source, e.relation, e.target), source: e.source,
          target: e.target, relation: e.relation, label: relationName(e.relation) } })),
      ];
      const seen = new Set();
      const unique = elements.filter((e) => !seen.has(e.data.id) && seen.add(e.data.id));
      mount(unique, false);
      cy.nodes().forEach((n) => { if (!visible(n)) n.addClass("hidden"); });
      if (data.nodes.length > 100) cy.nodes().addClass("dense");
      replace(message, h("p", { class: "note", text: `Opmaak van ${data.nodes.length} knopen berekenen…` }));
      await new Promise((resolve) => setTimeout(resolve, 30)); // let the message paint before the layout runs
      runLayout();
      state.start = null;
      update();
      replace(message, h("p", { class: "note", text: `Hele graaf geladen: ${data.nodes.length} knopen.` }));
    } catch (err) {
      replace(message, errorBox(err));
    } finally {
      wholeBtn.disabled = false;
    }
  }

  /** Put the picked entity on the graph (alone if the graph is empty), ready to be expanded. */
  function pick(entity) {
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
        const data = await get("/api/entities", { q, limit: 8 });
        if (seq !== searchSeq) return;
        replace(suggestions, data.results.length ? data.results.map((e) => h("li", {},
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
      if (box.checked) state.types.add(box.value); else state.types.delete(box.value);
      applyFilters();
    });
  }
  btSelect.addEventListener("change", async () => {
    state.basisteam = btSelect.value;
    state.scope = null;
    if (state.basisteam) {
      try {
        const data = await get("/api/graph", { basisteam: state.basisteam });
        state.scope = new Set(data.nodes.map((n) => n.id));
      } catch (err) {
        replace(message, errorBox(err));
      }
    }
    applyFilters();
  });
  wholeBtn.addEventListener("click", loadWhole);
  layoutBtn.addEventListener("click", () => runLayout());
  fitBtn.addEventListener("click", () => fitView());
  clearBtn.addEventListener("click", () => {
    cy.elements().remove();
    state.start = null;
    update();
  });

  // -- initial content: the kept graph, then the requested start -------------------------------
  mount(state.elements, true);
  if (state.zoom && state.elements.length) {
    cy.zoom(state.zoom);
    cy.pan(state.pan);
  }
  const start = params.get("start");
  update();
  if (start && start !== state.start) {
    const known = cy.getElementById(start);
    if (!known.length) {
      cy.elements().remove();
      status.textContent = "Startpunt laden…";
      let data;
      try {
        data = await get(entityPath(start), { depth: 1 }, signal);
      } catch (err) {
        if (err.name === "AbortError") throw err;
        replace(message, errorBox(err));
        return () => save();
      }
      addNode(data, { x: 0, y: 0 });
    }
    cy.nodes().removeClass("start");
    cy.getElementById(start).addClass("start");
    state.start = start;
    if (!cy.getElementById(start).hasClass("expanded")) await expand(start);
    else cy.center(cy.getElementById(start));
  }

  function save() {
    if (!cy || cy.destroyed()) return;
    state.elements = cy.elements().jsons();
    state.zoom = cy.zoom();
    state.pan = cy.pan();
    cy.destroy();
  }
  return save;
}

