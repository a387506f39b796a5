// The single-page app: a hash router that hands <main> to one page module at a time.
// Routes: #/zoeken?q=  #/entiteit/<id>  #/graaf?start=<id>  #/vergelijk?a=&b=  #/documenten[/<id>]
//         #/begrippen?soort=&weergave=az|boom  #/documenten/<id>?passage=<passage id>|kop=<n> (reader)
//         #/acties?basisteam=&cycle=&status=&theme=  #/actie/<action id>  #/toevoegen (upload)

import { errorBox, h, replace } from "./js/dom.js";
import * as action from "./js/action.js";
import * as actions from "./js/actions.js";
import * as compare from "./js/compare.js";
import * as concepts from "./js/concepts.js";
import * as documents from "./js/documents.js";
import * as entity from "./js/entity.js";
import * as graph from "./js/graph.js";
import * as search from "./js/search.js";
import * as upload from "./js/upload.js";

const PAGES = {
  zoeken: { module: search, nav: "zoeken", keepPlace: true },
  acties: { module: actions, nav: "acties", keepPlace: true },
  actie: { module: action, nav: "acties" },
  entiteit: { module: entity, nav: null },
  graaf: { module: graph, nav: "graaf", keepPlace: true },
  vergelijk: { module: compare, nav: "vergelijk", keepPlace: true },
  documenten: { module: documents, nav: "documenten" },
  begrippen: { module: concepts, nav: "begrippen", keepPlace: true },
  toevoegen: { module: upload, nav: "toevoegen" },
};

const main = document.getElementById("main");
let current = { page: null, controller: null, cleanup: null };

/** "#/entiteit/partner/riec?depth=2" -> { page: "entiteit", rest: "partner/riec", params } */
export function parseHash(hash) {
  const raw = (hash || "").replace(/^#\/?/, "");
  const [path, query = ""] = raw.split("?", 2);
  const parts = path.split("/").filter(Boolean);
  const page = parts.length ? decodeURIComponent(parts[0]) : "zoeken";
  const rest = parts.slice(1).map(decodeURIComponent).join("/");
  return { page, rest, params: new URLSearchParams(query) };
}

function markNav(nav) {
  for (const a of document.querySelectorAll("nav a[data-page]")) {
    if (a.dataset.page === nav) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
}

async function route() {
  const { page, rest, params } = parseHash(location.hash);
  const entry = PAGES[page];
  if (current.controller) current.controller.abort();
  if (current.cleanup) {
    try { current.cleanup(); } catch { /* a page's cleanup must not block navigation */ }
  }
  const controller = new AbortController();
  const samePage = current.page === page;
  current = { page, controller, cleanup: null };
  if (!entry) {
    markNav(null);
    replace(main, h("h1", { text: "Pagina niet gevonden" }),
      h("p", {}, "Deze pagina bestaat niet. ", h("a", { href: "#/zoeken", text: "Naar zoeken" })));
    return;
  }
  markNav(entry.nav);
  try {
    const cleanup = await entry.module.render({ main, rest, params, signal: controller.signal, samePage });
    if (controller.signal.aborted) {
      if (typeof cleanup === "function") cleanup();
      return;
    }
    current.cleanup = typeof cleanup === "function" ? cleanup : null;
  } catch (err) {
    if (err.name === "AbortError" || controller.signal.aborted) return;
    replace(main, h("h1", { text: err.status === 404 ? "Niet gevonden" : "Fout" }), errorBox(err),
      h("p", {}, h("a", { href: "#/zoeken", text: "Naar zoeken" })));
  }
  // Move focus to the new page's heading for keyboard and screen-reader users, unless the user
  // stays on a page that re-renders in place (a new search, the graph).
  if (!(samePage && entry.keepPlace)) {
    const heading = main.querySelector("h1");
    if (heading) {
      heading.setAttribute("tabindex", "-1");
      heading.focus({ preventScroll: true });
    }
    window.scrollTo(0, 0);
  }
}

window.addEventListener("hashchange", route);
if (!location.hash) history.replaceState(null, "", "#/zoeken");
route();
