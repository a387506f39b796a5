// The JSON API client: one place that turns HTTP errors into readable messages.

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
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
    throw new ApiError(0, "de server is niet bereikbaar");
  }
  let body = null;
  try {
    body = await resp.json();
  } catch {
    body = null;
  }
  if (!resp.ok) {
    const msg = body && body.error && body.error.message ? body.error.message : `HTTP ${resp.status}`;
    throw new ApiError(resp.status, msg);
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
