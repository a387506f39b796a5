// Dutch words for the API's codes (entity types, relations, statuses, document kinds).
// Unknown codes fall back to a readable form of the code, so new values still show.

export const TYPES = {
  basisteam: "Basisteam",
  gemeente: "Gemeente",
  theme: "Thema",
  partner: "Partner",
  instrument: "Instrument",
  action: "Actie",
  priority: "Prioriteit",
  document: "Document",
  person: "Persoon/rol",
};

export const TYPE_ORDER = Object.keys(TYPES);

const RELATIONS = {
  basisteam: "basisteam",
  gemeente: "gemeente",
  mentions: "noemt",
  theme: "thema",
  portefeuillehouder: "portefeuillehouder",
  hasPriority: "heeft prioriteit",
  priority: "prioriteit",
  servesPriority: "draagt bij aan prioriteit",
  plan: "plan",
  partner: "partner",
  instrument: "instrument",
  owner: "trekker",
  followUp: "vervolg",
  predecessor: "voorganger",
  worksOn: "werkt aan",
  appliesTo: "wordt ingezet bij",
  relatedTheme: "gerelateerd thema",
  legalSource: "wettelijke bron",
  broader: "breder begrip",
  narrower: "smaller begrip",
  related: "verwant",
  memberOf: "lid van",
  hasMember: "heeft lid",
  subOrganizationOf: "onderdeel van",
  hasSubOrganization: "heeft onderdeel",
  inScheme: "in schema",
};

const STATUSES = {
  afgerond: "Afgerond",
  loopt: "Loopt",
  vertraagd: "Vertraagd",
  niet_uitgevoerd: "Niet uitgevoerd",
  vervallen: "Vervallen",
  overgeheveld: "Overgeheveld",
};

const KINDS = {
  ivp: "Integraal veiligheidsplan",
  uvp: "Uitvoeringsplan",
  evaluation: "Evaluatie",
  council_note: "Raadsinformatie",
  other: "Overig",
};

function readable(code) {
  const s = String(code ?? "").replace(/[_-]+/g, " ").replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export const typeName = (t) => TYPES[t] || readable(t);
export const relationName = (r) => RELATIONS[r] || readable(r).toLowerCase();
export const statusName = (s) => (s ? STATUSES[s] || readable(s) : "Geen status");
/** The action statuses in the order of a plan's life: done, running, late, not done, dropped, moved on. */
export const STATUS_ORDER = Object.keys(STATUSES);
export const kindName = (k) => KINDS[k] || readable(k);

// The API lists neighbours without the edge's direction. For relations whose object is always one
// kind of entity, seeing that kind on this page means the neighbour is the subject, so the reverse
// reading is shown ("Partner van" on a partner's page, "genoemd in" for a document that mentions it).
const ALL_BUT_DOCUMENT = ["basisteam", "gemeente", "theme", "partner", "instrument", "action", "priority", "person"];
const INVERSE = {
  basisteam: [["basisteam"], "basisteam van"],
  gemeente: [["gemeente"], "gemeente van"],
  theme: [["theme"], "thema van"],
  partner: [["partner"], "partner bij"],
  instrument: [["instrument"], "instrument bij"],
  priority: [["priority"], "valt onder deze prioriteit"],
  hasPriority: [["priority"], "prioriteit van"],
  servesPriority: [["priority"], "draagt bij aan deze prioriteit"],
  portefeuillehouder: [["person"], "portefeuillehouder van"],
  owner: [["person", "partner"], "trekker van"],
  worksOn: [["theme"], "wordt aangepakt door"],
  appliesTo: [["theme"], "aanpak met instrument"],
  mentions: [ALL_BUT_DOCUMENT, "genoemd in"],
};

/** The relation as read from the page of an entity of `selfType`, towards a neighbour of `otherType`. */
export function relationFrom(relation, selfType, otherType) {
  const inv = INVERSE[relation];
  if (inv && inv[0].includes(selfType) && !inv[0].includes(otherType)) return inv[1];
  return relationName(relation);
}

export function capitalise(s) {
  const t = String(s ?? "");
  return t.charAt(0).toUpperCase() + t.slice(1);
}
