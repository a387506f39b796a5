// Building DOM from data without ever parsing server text as HTML: every string becomes a text node.

import { STOPWORDS } from "./stopwords.js";

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

const STOP = new Set(Object.values(STOPWORDS).flat().map(fold));

/** Lower case without accents, one character per character where it can be: "Regié" -> "regie". */
export function fold(text) {
  return String(text ?? "").normalize("NFD").replace(/\p{M}+/gu, "").toLowerCase();
}

/** The words of a query worth highlighting: at least three letters and not a function word (stopwords.js). */
export function queryTerms(query, extra = []) {
  const words = [query, ...extra].flatMap((e) => fold(e).split(/[^\p{L}\p{N}]+/u));
  const terms = new Set(words.filter((w) => w.length >= 3 && !STOP.has(w)));
  return [...terms].sort((a, b) => b.length - a.length);
}

function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * The folded text and, per folded character, the index of the source character it came from, so a match
 * in the folded text ("regie") marks the source's own spelling ("Régie").
 */
function foldWithMap(source) {
  let folded = "";
  const at = [];
  for (let i = 0; i < source.length; ) {
    const cp = source.codePointAt(i);
    const ch = String.fromCodePoint(cp);
    const f = fold(ch);
    for (let k = 0; k < f.length; k++) at.push(i);
    folded += f;
    i += ch.length;
  }
  at.push(source.length);
  return { folded, at };
}

/**
 * `text` with every whole-word occurrence of `terms` wrapped in <mark>, ignoring case and accents: "rol"
 * does not mark "regierol". Returned as a fragment of text nodes: the server text is never interpreted as
 * markup, so a passage containing "<b>" shows "<b>".
 */
export function highlight(text, terms) {
  const frag = document.createDocumentFragment();
  const source = String(text ?? "");
  const words = (terms || []).map(fold).filter((t) => t && !STOP.has(t));
  if (words.length === 0) {
    frag.append(document.createTextNode(source));
    return frag;
  }
  const re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${words.map(escapeRegExp).join("|")})(?![\\p{L}\\p{N}])`, "gu");
  const { folded, at } = foldWithMap(source);
  let last = 0;
  for (const m of folded.matchAll(re)) {
    const start = at[m.index];
    const end = at[m.index + m[0].length];
    if (start < last || end <= start) continue;
    if (start > last) frag.append(document.createTextNode(source.slice(last, start)));
    const mark = document.createElement("mark");
    mark.textContent = source.slice(start, end);
    frag.append(mark);
    last = end;
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

/** The reader at a document, at one passage when given: "#/documenten/<doc>?passage=<passage id>". */
export function readerHref(doc, passage) {
  return "#/documenten/" + encodeURIComponent(doc) + (passage ? "?passage=" + encodeURIComponent(passage) : "");
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

/** An error in Dutch; the server's own wording (`detail`, often English) follows as "Technische details". */
export function errorBox(err) {
  const message = err && err.message ? err.message : String(err);
  const detail = err && err.detail ? err.detail : null;
  return h("div", { class: "error", role: "alert" }, h("strong", { text: "Er ging iets mis: " }), message,
    detail ? h("span", { class: "error-detail" }, " (technische details: ", h("span", { lang: "en", text: detail }), ")")
      : null);
}

export function loading(text = "Laden…") {
  return h("p", { class: "muted loading", role: "status", text });
}
