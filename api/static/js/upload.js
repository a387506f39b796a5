// Upload: send a document with the server's token, follow its ingest job while it waits and runs, show the report.

import { get } from "./api.js";
import { errorBox, h, replace } from "./dom.js";
import { kindName } from "./words.js";

const POLL_MS = 1000;

const STAGES = {
  queued: "in de wachtrij",
  waiting: "wacht tot een andere schrijfactie op de gegevens klaar is",
  read: "bestand lezen en feiten herkennen",
  encode: "passages doorzoekbaar maken",
};

const REASONS = {
  invalid: "Het bestand kon niet worden gelezen.",
  near_copy: "Het bestand is bijna gelijk aan een document dat al is ingelezen; het is niet nog eens ingelezen.",
  conflict: "Er bestaat al een document met deze naam en andere inhoud. Vink ‘vervangen’ aan om het te vervangen.",
  unavailable: "De gegevensmap of het taalmodel van de server was niet bruikbaar.",
  interrupted: "De dienst is gestopt terwijl dit bestand werd ingelezen; er is niets van opgeslagen. Upload het opnieuw.",
  internal: "Er ging op de server iets onverwachts mis (het staat in het serverlog).",
};

const COUNTS = [["passages", "Passages"], ["priorities", "Prioriteiten"], ["actions", "Acties"],
  ["relations", "Relaties"], ["themes", "Thema's"], ["partners", "Partners"], ["instruments", "Instrumenten"],
  ["gemeentes", "Gemeenten"], ["basisteams", "Basisteams"]];

/** What an upload refused before queueing means, per HTTP status. */
function refusal(status, message, retryAfter) {
  const why = {
    401: "De toegangssleutel ontbreekt of klopt niet.",
    403: "Deze server staat geen wijzigingen toe: er is geen toegangssleutel (IVP_API_TOKEN) ingesteld.",
    409: "Er bestaat al een document met deze naam en andere inhoud. Vink ‘vervangen’ aan om het te vervangen.",
    413: "Het bestand is groter dan deze server aanneemt.",
    415: "Dit soort bestand wordt niet ondersteund, of de inhoud past niet bij de naam (.txt, .md, .pdf of .docx).",
    503: `De wachtrij is vol. Probeer het over ongeveer ${retryAfter || "enkele"} seconden opnieuw.`,
  }[status] || "Het uploaden is geweigerd.";
  return h("div", { class: "error", role: "alert" }, h("strong", { text: why }), h("br"),
    h("span", { class: "muted", text: `Melding van de server (${status}): ${message}` }));
}

function progressView(job) {
  const p = job.progress || {};
  const stage = job.state === "queued" ? "queued" : p.stage;
  const label = STAGES[stage] || stage || "bezig";
  const ahead = job.state === "queued" && job.ahead ? ` (${job.ahead} ${job.ahead === 1 ? "taak" : "taken"} voor u)` : "";
  const count = p.total ? ` ${p.done} van ${p.total}` : "";
  const bar = p.total ? h("progress", { max: p.total, value: p.done }) : h("progress", {});
  return h("div", { class: "card", "data-state": job.state },
    h("p", { role: "status", class: "job-status", text: `${job.state === "queued" ? "Wacht" : "Bezig"}: ${label}${ahead}${count}` }), bar);
}

function reportView(doc) {
  const r = doc.report;
  const what = doc.added ? "toegevoegd" : doc.updated ? "vervangen" : "ongewijzigd (dit bestand was al ingelezen)";
  const parts = [h("h2", {}, h("a", { href: "#/documenten/" + encodeURIComponent(doc.id), text: (r && r.title) || doc.id })),
    h("p", { text: `Document ${what}.` })];
  if (r) {
    const meta = [["Soort", kindName(r.kind)], ["Eigenaar", r.owner], ["Periode", r.period], ["Bestand", r.source]]
      .filter(([, v]) => v);
    parts.push(h("dl", { class: "facts" }, meta.map(([k, v]) => [h("dt", { text: k }), h("dd", { text: String(v) })])));
    parts.push(h("h3", { text: "Herkend in het document" }), h("dl", { class: "facts upload-counts" },
      COUNTS.filter(([k]) => k in r.counts).map(([k, label]) => [h("dt", { text: label }), h("dd", { text: String(r.counts[k]) })])));
    parts.push(r.warnings.length
      ? h("section", { class: "warnings", role: "note" }, h("h3", { text: "Opmerkingen bij het inlezen" }),
        h("ul", { class: "compact" }, r.warnings.map((w) => h("li", { text: w }))))
      : h("p", { class: "muted", text: "Geen opmerkingen bij het inlezen." }));
  }
  return h("section", { class: "card upload-report" }, parts);
}

function outcomeView(job) {
  const docs = (job.result && job.result.documents) || [];
  if (job.state === "done") {
    return h("div", {}, h("p", { role: "status", class: "job-status", text: "Klaar: het document is ingelezen." }),
      docs.map(reportView));
  }
  const err = job.error || {};
  return h("div", {}, h("div", { class: "error", role: "alert" },
    h("strong", { text: REASONS[err.reason] || "Het inlezen is mislukt." }), h("br"),
    h("span", { text: `Melding van de server: ${err.message || "onbekend"}` })), docs.map(reportView));
}

function explanation() {
  return h("section", { class: "card" },
    h("h2", { text: "Over de toegangssleutel" }),
    h("p", { text: "Documenten toevoegen of vervangen verandert de kennisgraaf voor iedereen. Daarom vraagt de " +
      "server om een toegangssleutel (token). Dat is geen persoonlijk wachtwoord: wie deze dienst beheert, stelt " +
      "de sleutel in met de omgevingsvariabele IVP_API_TOKEN bij het starten van de server. Vraag de sleutel " +
      "aan die beheerder. Is er geen sleutel ingesteld, dan staat de server geen wijzigingen toe." }),
    h("p", { class: "muted", text: "De sleutel wordt alleen met deze upload meegestuurd en nergens in de browser bewaard." }));
}

export async function render({ main, signal }) {
  document.title = "Document toevoegen — IVP-kennisgraaf";
  const token = h("input", { type: "password", id: "upload-token", name: "token", autocomplete: "off", required: true });
  const file = h("input", { type: "file", id: "upload-file", name: "file", accept: ".txt,.md,.pdf,.docx", required: true });
  const replaceBox = h("input", { type: "checkbox", id: "upload-replace", name: "replace" });
  const button = h("button", { type: "submit", class: "primary", text: "Uploaden en inlezen" });
  const out = h("div", { id: "upload-result", "aria-live": "polite" });
  const form = h("form", { class: "upload-form card" },
    h("div", { class: "field" }, h("label", { for: "upload-token", text: "Toegangssleutel" }), token),
    h("div", { class: "field" }, h("label", { for: "upload-file", text: "Bestand (.txt, .md, .pdf of .docx)" }), file),
    h("p", {}, replaceBox, " ", h("label", { for: "upload-replace", text: "Een bestaand document met dezelfde bestandsnaam vervangen" })),
    h("div", { class: "button-row" }, button));
  replace(main, h("h1", { text: "Document toevoegen" }),
    h("p", { text: "Voeg een plan, evaluatie of ander document toe. Het inlezen gebeurt op de achtergrond; " +
      "deze pagina volgt de voortgang en toont daarna wat er in het document is herkend." }),
    explanation(), form, out);

  let timer = null;
  const stop = () => { if (timer) clearTimeout(timer); timer = null; };

  async function follow(url) {
    let job;
    try {
      job = await get(url, {}, signal);
    } catch (err) {
      if (err.name === "AbortError") return;
      replace(out, errorBox(err));
      button.disabled = false;
      return;
    }
    if (job.state === "done" || job.state === "failed") {
      replace(out, outcomeView(job));
      button.disabled = false;
      return;
    }
    replace(out, progressView(job));
    timer = setTimeout(() => follow(url), POLL_MS);
  }

  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    stop();
    if (!file.files.length) return;
    button.disabled = true;
    replace(out, h("p", { class: "muted", role: "status", text: "Bezig met uploaden…" }));
    const body = new FormData();
    body.append("file", file.files[0]);
    let resp;
    try {
      resp = await fetch("/api/documents" + (replaceBox.checked ? "?replace=true" : ""), {
        method: "POST", body, signal,
        headers: { Authorization: "Bearer " + token.value.trim(), Accept: "application/json" },
      });
    } catch (err) {
      if (err.name === "AbortError") return;
      replace(out, errorBox(new Error("de server is niet bereikbaar")));
      button.disabled = false;
      return;
    }
    let data = null;
    try { data = await resp.json(); } catch { data = null; }
    if (resp.status !== 202) {
      const message = data && data.error ? data.error.message : `HTTP ${resp.status}`;
      replace(out, refusal(resp.status, message, resp.headers.get("Retry-After")));
      button.disabled = false;
      return;
    }
    follow(resp.headers.get("Location") || data.status_url);
  });
  return stop;
}
