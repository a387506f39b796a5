// The JSON API client: one place that turns HTTP errors into readable messages.

export class ApiError extends Error {
  /** `message` is Dutch; `detail` keeps what the server said (often English) for whoever reports the fault. */
  constructor(status, message, detail = null) {
    super(message);
    this.status = status;
    this.detail = detail && detail !== message ? detail : null;
  }
}

// What the server's (English) messages mean, in Dutch: first a known message, else the status code.
const KNOWN_MESSAGES = [
  [/^no entity with id/i, "Deze entiteit bestaat niet (meer) in de kennisgraaf."],
  [/^no document with id/i, "Dit document bestaat niet (meer); misschien is het verwijderd."],
  [/^no action with id/i, "Deze actie bestaat niet (meer)."],
  [/^no job with id/i, "Deze taak is onbekend."],
  [/^unknown (concept )?type/i, "Onbekend soort entiteit."],
  [/^unknown basisteam/i, "Onbekend basisteam."],
  [/^unknown (theme|status|cycle|gemeente|format)/i, "Onbekende filterwaarde."],
  [/^no data in the data directory|^nothing ingested yet/i, "Er zijn nog geen documenten ingelezen."],
  [/^file too large/i, "Het bestand is te groot."],
  [/^query too long/i, "De zoekvraag is te lang."],
  [/unsupported file type|^the content is not a/i, "Dit soort bestand wordt niet ondersteund."],
  [/bearer token|writes are disabled/i, "Hiervoor is een geldige toegangssleutel nodig."],
];

const STATUS_MESSAGES = {
  0: "De server is niet bereikbaar.",
  400: "Het verzoek is ongeldig.",
  401: "Hiervoor moet u zich aanmelden.",
  403: "Dit is niet toegestaan.",
  404: "Niet gevonden.",
  409: "Dit botst met wat er al is opgeslagen.",
  413: "Het verzoek is te groot.",
  415: "Dit soort bestand wordt niet ondersteund.",
  422: "Het verzoek bevat een ongeldige waarde.",
  429: "Te veel verzoeken; probeer het zo opnieuw.",
  500: "Er ging op de server iets mis.",
  501: "Dit kan deze server niet.",
  503: "De dienst is even niet beschikbaar; probeer het zo opnieuw.",
};

/** A Dutch sentence for an API error: a known message, else one per status code, else a general one. */
export function dutchMessage(status, detail) {
  for (const [pattern, text] of KNOWN_MESSAGES) if (pattern.test(String(detail || ""))) return text;
  return STATUS_MESSAGES[status] || (status >= 500 ? STATUS_MESSAGES[500] : `De server weigerde het verzoek (status ${status}).`);
}

/** GET a JSON endpoint; `params` values may be arrays (repeated keys); empty values are left out. */
export async function get(path, params = {}, signal) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (Array.isArray(v)) v.forEach((x) => q.append(k, x));
    else if (v !== undefined && v !== null && v !== "") q.set(k, v);
  }
  const qs = q.toString();
  let resp;
  try {
    resp = await fetch(path + (qs ? "?" + qs : ""), { headers: { Accept: "application/json" }, signal });
  } catch (err) {
    if (err.name === "AbortError") throw err;
    throw new ApiError(0, dutchMessage(0, ""));
  }
  let body = null;
  try {
    body = await resp.json();
  } catch {
    body = null;
  }
  if (!resp.ok) {
    const detail = body && body.error && body.error.message ? body.error.message : `HTTP ${resp.status}`;
    throw new ApiError(resp.status, dutchMessage(resp.status, detail), detail);
  }
  return body;
}

/** Entity path for /api/entities/{id}: keep slashes, encode each segment. */
export function entityPath(id) {
  return "/api/entities/" + String(id).split("/").map(encodeURIComponent).join("/");
}

const cache = new Map();

/** GET once per page load (filters, labels): values that do not change while the user browses. */
export function cached(path, params = {}) {
  const key = path + "?" + JSON.stringify(params);
  if (!cache.has(key)) {
    const p = get(path, params);
    p.catch(() => cache.delete(key));
    cache.set(key, p);
  }
  return cache.get(key);
}

const ENTITY_TYPES = new Set(["basisteam", "gemeente", "theme", "partner", "instrument", "action", "priority",
  "document", "person"]);

/**
 * Labels for short entity ids ("partner/riec" -> "RIEC"), fetched per type prefix with one request each.
 * Unknown ids map to their last path segment, so a missing label never hides a fact.
 */
export async function labelsFor(ids) {
  const prefixes = new Set(ids.map((id) => String(id).split("/")[0]).filter((p) => ENTITY_TYPES.has(p)));
  const out = new Map();
  await Promise.all([...prefixes].map(async (type) => {
    try {
      const data = await cached("/api/entities", { type, limit: 1000 });
      for (const e of data.results) out.set(e.id, e);
    } catch {
      /* fall back to ids */
    }
  }));
  for (const id of ids) {
    if (!out.has(id)) {
      const last = String(id).split("/").pop();
      out.set(id, { id, label: last, type: String(id).split("/")[0] });
    }
  }
  return out;
}
