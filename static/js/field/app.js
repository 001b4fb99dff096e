// The field app on /teren: walk (campaign + locality), the outbox list with its badge, sync,
// persistent storage, backup download, and the interview form.

import * as outbox from "./outbox.js";
import { Sync } from "./sync.js";
import { showPersistence } from "./storage.js";
import { InterviewForm, describePath } from "./form.js";
import { downloadBackup } from "./backup.js";
import { h, fmt, clock, isoNow } from "./dom.js";

/** Register the service worker (root scope, so it also serves /moje-wizyty). */
export function registerServiceWorker(url) {
  if (!("serviceWorker" in navigator)) return Promise.resolve(null);
  return navigator.serviceWorker.register(url, { scope: "/" }).catch(() => null);
}

export async function start(root) {
  const boot = JSON.parse(document.getElementById("field-bootstrap").textContent);
  const t = boot.strings;
  const $ = (id) => document.getElementById(id);
  const views = { home: $("field-home"), walk: $("field-walk"), form: $("field-form") };
  const walkKey = `rekonesans.walk.${boot.researcher_id}`;
  let walk = loadWalk();
  let form = null;

  registerServiceWorker(boot.urls.service_worker);
  await outbox.open();
  for (const definition of Object.values(boot.definitions)) outbox.putDefinition(definition).catch(() => {});

  const sync = new Sync({
    urls: boot.urls, strings: t, researcherId: boot.researcher_id,
    status: $("sync-status"), expired: $("session-expired"),
    onChange: () => { renderOutbox(); window.dispatchEvent(new Event("rekonesans:outbox-changed")); },
  });
  window.addEventListener("rekonesans:outbox-saved", () => sync.run()); // resource tips (tips.js)

  function show(name, focus) {
    for (const [key, view] of Object.entries(views)) view.hidden = key !== name;
    root.dataset.view = name;
    if (focus) focus.focus();
  }

  function loadWalk() {
    try {
      const saved = JSON.parse(localStorage.getItem(walkKey) || "null");
      const campaign = boot.campaigns.find((c) => c.id === saved?.campaign_id);
      if (campaign && campaign.localities.some((l) => l.id === saved.locality_id)) return saved;
    } catch { /* a damaged entry: choose again */ }
    return null;
  }

  const campaignOf = (id) => boot.campaigns.find((c) => c.id === id);
  const localityName = (record) => {
    const campaign = campaignOf(record.data?.campaign_id);
    return campaign?.localities.find((l) => l.id === record.data?.locality_id)?.name || "";
  };

  // --- walk ------------------------------------------------------------------------------

  function showWalk() {
    const fields = $("walk-fields");
    fields.replaceChildren();
    let campaignId = walk?.campaign_id ?? (boot.campaigns.length === 1 ? boot.campaigns[0].id : null);
    const drawLocalities = () => {
      const campaign = campaignOf(campaignId);
      const set = h("fieldset", { class: "field choices", id: "walk-locality" }, h("legend", { class: "field__label" }, t.locality));
      for (const l of campaign ? campaign.localities : []) {
        const input = h("input", { type: "radio", class: "choice__input", name: "locality", id: `walk-locality-${l.id}`, value: l.id, checked: walk?.locality_id === l.id });
        set.append(h("div", { class: "choice" }, input, h("label", { class: "choice__label", for: input.id }, l.name)));
      }
      fields.querySelector("#walk-locality")?.remove();
      fields.append(set);
    };
    const campaigns = h("fieldset", { class: "field choices", id: "walk-campaign" }, h("legend", { class: "field__label" }, t.campaign));
    for (const c of boot.campaigns) {
      const input = h("input", { type: "radio", class: "choice__input", name: "campaign", id: `walk-campaign-${c.id}`, value: c.id, checked: c.id === campaignId });
      input.addEventListener("change", () => { campaignId = c.id; drawLocalities(); });
      campaigns.append(h("div", { class: "choice" }, input, h("label", { class: "choice__label", for: input.id }, c.name, h("span", { class: "choice__hint" }, c.gmina))));
    }
    fields.append(campaigns);
    drawLocalities();
    show("walk", $("walk-title"));
  }

  $("walk-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const campaign = Number(new FormData(event.target).get("campaign"));
    const locality = Number(new FormData(event.target).get("locality"));
    const error = $("walk-error");
    if (!campaign || !locality) {
      error.textContent = t.choose_walk;
      error.hidden = false;
      return;
    }
    error.hidden = true;
    walk = { campaign_id: campaign, locality_id: locality };
    localStorage.setItem(walkKey, JSON.stringify(walk));
    showHome();
  });

  // --- home and outbox --------------------------------------------------------------------

  function showHome(message) {
    form = null;
    const campaign = campaignOf(walk?.campaign_id);
    $("walk-campaign").textContent = campaign?.name || "–";
    $("walk-locality").textContent = campaign?.localities.find((l) => l.id === walk.locality_id)?.name || "–";
    show("home", $("field-title"));
    if (message) $("sync-status").textContent = message;
    if (location.hash) history.replaceState(null, "", location.pathname);
    renderOutbox();
  }

  async function renderOutbox() {
    const records = (await outbox.all()).filter((r) => r.researcher_id === boot.researcher_id && !r.kind);
    const badge = $("outbox-badge");
    badge.dataset.count = String(records.length);
    badge.textContent = records.length ? fmt(t.badge, { n: records.length }) : t.badge_none;
    badge.classList.toggle("badge--waiting", records.length > 0);
    const list = $("outbox-list");
    list.replaceChildren(...records.map(outboxItem));
    if (!records.length) list.append(h("li", { class: "muted" }, t.outbox_empty));
  }

  function outboxItem(record) {
    const definition = boot.definitions[record.form_version];
    const needs = (record.data?.needs || []).length;
    const problems = Object.entries(record.errors || {}).map(([path, messages]) => {
      const where = describePath(definition, path);
      return h("li", {}, where ? `${where}: ` : "", messages.join(" "));
    });
    return h("li", { class: `outbox-item outbox-item--${record.state}`, dataset: { uuid: record.uuid, state: record.state } },
      h("p", { class: "outbox-item__title" }, h("strong", {}, clock(record.recorded_at)), " · ",
        boot.outcomes[record.data?.visit_outcome] || record.data?.visit_outcome || "", localityName(record) ? ` · ${localityName(record)}` : "",
        needs ? ` · ${fmt(t.needs_count, { n: needs })}` : ""),
      h("p", { class: "outbox-item__state" }, t[`state_${record.state}`] || record.state),
      problems.length ? h("ul", { class: "outbox-item__errors" }, problems) : null,
      h("button", { type: "button", class: "button button--secondary", onclick: () => openOutboxRecord(record.uuid) }, t.edit));
  }

  // --- the form ---------------------------------------------------------------------------

  async function definitionFor(version) {
    if (boot.definitions[version]) return boot.definitions[version];
    const stored = await outbox.getDefinition(version).catch(() => null);
    if (stored) return stored;
    const response = await fetch(boot.urls.questionnaire.replace("__VERSION__", encodeURIComponent(version)), { credentials: "same-origin" });
    if (!response.ok) throw new Error(String(response.status));
    return response.json();
  }

  async function openForm(record, source) {
    let definition;
    try {
      definition = await definitionFor(record.form_version);
    } catch {
      showHome(fmt(t.unknown_version, { version: record.form_version }));
      return;
    }
    form = new InterviewForm(views.form, {
      definition, strings: t, record, source, isNew: source === "new",
      campaigns: boot.campaigns, respondentCode: boot.respondent_code,
      onSave: async (saved) => {
        saved.recorded_at = saved.recorded_at || isoNow();
        saved.researcher_id = boot.researcher_id;
        await outbox.save(saved);
        showHome(fmt(t.saved, { outcome: boot.outcomes[saved.data.visit_outcome] || "" }));
        sync.run();
      },
      onClose: () => showHome(),
    });
    show("form");
    form.render();
  }

  function newVisit() {
    if (!walk) {
      showWalk();
      return;
    }
    const campaign = campaignOf(walk.campaign_id);
    openForm({
      uuid: crypto.randomUUID(), revision: 1, form_version: campaign.questionnaire_version,
      recorded_at: null, data: { campaign_id: walk.campaign_id, locality_id: walk.locality_id },
    }, "new");
  }

  async function openOutboxRecord(uuid) {
    const record = await outbox.get(uuid);
    if (!record) {
      showHome();
      return;
    }
    history.replaceState(null, "", `#wizyta=${uuid}`);
    // A conflict means the server holds this revision with other content: send the next one.
    openForm({ ...record, revision: record.bump ? record.revision + 1 : record.revision }, "outbox");
  }

  $("new-visit").addEventListener("click", newVisit);
  $("walk-change").addEventListener("click", showWalk);
  $("sync-now").addEventListener("click", () => {
    sync.retryDelay = 15000;
    sync.run();
  });
  $("backup-download").addEventListener("click", async () => {
    const n = await downloadBackup();
    $("sync-status").textContent = fmt(t.backup_done, { n });
  });
  window.addEventListener("online", () => sync.run());
  window.addEventListener("beforeunload", (event) => {
    if (form?.dirty) event.preventDefault();
  });

  showPersistence($("storage-status"), t);
  const wanted = location.hash.match(/^#wizyta=([\w-]+)$/);
  if (boot.correction) {
    const waiting = await outbox.get(boot.correction.uuid);
    if (waiting) openOutboxRecord(waiting.uuid);
    else openForm({ ...boot.correction, revision: boot.correction.revision + 1 }, "server");
  } else if (wanted) {
    openOutboxRecord(wanted[1]);
  } else if (!walk) {
    showWalk();
  } else {
    showHome();
  }
  renderOutbox();
  sync.run();
  root.dataset.ready = "1";
}
