// Building DOM from data without ever parsing server text as HTML: every string becomes a text node.

/**
 * Create an element. `attrs` keys: "class", "text", "on<Event>" handlers, booleans, and plain attributes.
 * Children may be strings (turned into text nodes), nodes, arrays, or null/undefined/false (skipped).
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") el.className = value;
    else if (key === "text") el.textContent = String(value);
    // Through the CSSOM, not a style attribute: the Content-Security-Policy refuses inline style attributes.
    else if (key === "style") el.style.cssText = String(value);
    else if (key.startsWith("on") && typeof value === "function") el.addEventListener(key.slice(2).toLowerCase(), value);
    else if (value === true) el.setAttribute(key, "");
    else el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** Replace all children of `el`. */
export function replace(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

const STOPWORDS = new Set((
  "de het een en of van voor met aan op in bij om te tot uit over rond naar door als dan dat die dit deze " +
  "wat welke wie hoe waar wanneer waarom zijn is was worden wordt werd hebben heeft doen doet wij we ons onze " +
  "er niet ook nog meer alle zich zo the a an and or of for with on in at to from about what which who how " +
  "are is we our doing do does there this that these those".split(" ")));

/** The words of a query worth highlighting: at least three letters and not a function word. */
export function queryTerms(query, extra = []) {
  const words = String(query || "").toLowerCase().split(/[^\p{L}\p{N}]+/u);
  const terms = new Set();
  for (const w of [...words, ...extra.flatMap((e) => String(e).toLowerCase().split(/[^\p{L}\p{N}]+/u))]) {
    if (w.length >= 3 && !STOPWORDS.has(w)) terms.add(w);
  }
  return [...terms].sort((a, b) => b.length - a.length);
}

function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * `text` with every occurrence of `terms` wrapped in <mark>, as a fragment of text nodes:
 * the server text is never interpreted as markup, so a passage containing "<b>" shows "<b>".
 */
export function highlight(text, terms) {
  const frag = document.createDocumentFragment();
  const source = String(text ?? "");
  if (!terms || terms.length === 0) {
    frag.append(document.createTextNode(source));
    return frag;
  }
  const re = new RegExp(terms.map(escapeRegExp).join("|"), "giu");
  let last = 0;
  for (const m of source.matchAll(re)) {
    if (m.index > last) frag.append(document.createTextNode(source.slice(last, m.index)));
    const mark = document.createElement("mark");
    mark.textContent = m[0];
    frag.append(mark);
    last = m.index + m[0].length;
  }
  if (last < source.length) frag.append(document.createTextNode(source.slice(last)));
  return frag;
}

/** The hash link to an entity page; ids like "partner/riec" keep their slash, each segment is encoded. */
export function entityHref(id) {
  return "#/entiteit/" + String(id).split("/").map(encodeURIComponent).join("/");
}

/** The hash link to an action page ("action/000-…-12" -> "#/actie/action/000-…-12"). */
export function actionHref(id) {
  return "#/actie/" + String(id).split("/").map(encodeURIComponent).join("/");
}

export function hashHref(page, params = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (Array.isArray(v)) v.forEach((x) => q.append(k, x));
    else if (v !== undefined && v !== null && v !== "") q.set(k, v);
  }
  const qs = q.toString();
  return `#/${page}${qs ? "?" + qs : ""}`;
}

/** A status line for screen readers and sighted users alike. */
export function statusLine(text) {
  return h("p", { class: "status", role: "status", "aria-live": "polite", text });
}

export function errorBox(err) {
  const message = err && err.message ? err.message : String(err);
  return h("div", { class: "error", role: "alert" }, h("strong", { text: "Er ging iets mis: " }), message);
}

export function loading(text = "Laden…") {
  return h("p", { class: "muted loading", role: "status", text });
}
