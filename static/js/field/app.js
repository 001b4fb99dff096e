// The field app on /teren: walk (campaign + locality), the outbox list with its badge, sync,
// persistent storage, backup download, the quick "Nikt nie otworzył" visit with its undo,
// and the interview form. `start()` reads as the list of its steps; each is a method below.

import * as outbox from "./outbox.js";
import { Sync } from "./sync.js";
import { showPersistence } from "./storage.js";
import { InterviewForm } from "./form.js";
import { describePath } from "./form-logic.js";
import { downloadBackup } from "./backup.js";
import { h, fmt, clock, isoNow } from "./dom.js";
import { KIND as MEETING, MeetingForm, meetingSummary, newMeeting } from "./meeting.js";
import { bindPaper, limitPaperDates } from "./paper.js";

const NOBODY = "nikt";

/** Register the service worker (root scope, so it also serves /moje-wizyty). */
export function registerServiceWorker(url) {
  if (!("serviceWorker" in navigator)) return Promise.resolve(null);
  return navigator.serviceWorker.register(url, { scope: "/" }).catch(() => null);
}

const $ = (id) => document.getElementById(id);

class FieldApp {
  constructor(root) {
    this.root = root;
    this.boot = JSON.parse($("field-bootstrap").textContent);
    this.t = this.boot.strings;
    this.views = { home: $("field-home"), walk: $("field-walk"), form: $("field-form") };
    this.walkKey = `rekonesans.walk.${this.boot.researcher_id}`;
    this.walk = this.loadWalk();
    this.form = null;
    this.undo = null; // {uuid, stamp, timer} of the visit that can still be taken back
  }

  // --- the steps of start() ----------------------------------------------------------------

  async openStorage() {
    registerServiceWorker(this.boot.urls.service_worker);
    await outbox.open();
    for (const definition of Object.values(this.boot.definitions)) outbox.putDefinition(definition).catch(() => {});
  }

  connectSync() {
    this.sync = new Sync({
      urls: this.boot.urls, strings: this.t, researcherId: this.boot.researcher_id,
      status: $("sync-status"), expired: $("session-expired"),
      onChange: () => {
        this.renderOutbox();
        window.dispatchEvent(new Event("rekonesans:outbox-changed"));  // resource tips (tips.js)
      },
    });
    window.addEventListener("rekonesans:outbox-saved", () => this.sync.run());
  }

  bindControls() {
    $("walk-form").addEventListener("submit", (event) => this.startWalk(event));
    $("new-visit").addEventListener("click", () => this.newVisit());
    $("new-meeting").addEventListener("click", () => (this.walk ? this.openMeeting(newMeeting(this.walk)) : this.showWalk()));
    $("nobody-home").addEventListener("click", () => this.askNobody());
    $("nobody-save").addEventListener("click", () => this.saveNobody());
    $("nobody-cancel").addEventListener("click", () => this.closeNobody(true));
    $("undo-save").addEventListener("click", () => this.takeBack());
    $("walk-change").addEventListener("click", () => this.showWalk());
    bindPaper(this.t, () => this.campaignOf(this.walk?.campaign_id), (at) => this.newVisit(at));
    $("sync-now").addEventListener("click", () => {
      this.sync.retryDelay = 15000;
      this.finishUndo();
      this.sync.run();
    });
    $("backup-download").addEventListener("click", async () => {
      const n = await downloadBackup(this.boot.researcher_id);
      $("sync-status").textContent = fmt(this.t.backup_done, { n });
    });
    window.addEventListener("online", () => this.syncUnlessUndoable());
    window.addEventListener("beforeunload", (event) => {
      if (this.form?.dirty) event.preventDefault();
    });
  }

  /** The first screen: a correction asked by the server page, a record named in the URL,
   * the walk when none is chosen, else home. */
  async openFirstScreen() {
    const wanted = location.hash.match(/^#wizyta=([\w-]+)$/);
    const correction = this.boot.correction;
    if (correction) {
      const waiting = await outbox.get(correction.uuid);
      if (waiting) this.openOutboxRecord(waiting.uuid);
      else this.openForm({ ...correction, revision: correction.revision + 1 }, "server");
    } else if (wanted) {
      this.openOutboxRecord(wanted[1]);
    } else if (!this.walk) {
      this.showWalk();
    } else {
      this.showHome();
    }
  }

  // --- views -------------------------------------------------------------------------------

  show(name, focus) {
    for (const [key, view] of Object.entries(this.views)) view.hidden = key !== name;
    this.root.dataset.view = name;
    window.scrollTo(0, 0);
    if (focus) focus.focus();
  }

  loadWalk() {
    try {
      const saved = JSON.parse(localStorage.getItem(this.walkKey) || "null");
      const campaign = this.campaignOf(saved?.campaign_id);
      if (campaign && campaign.localities.some((l) => l.id === saved.locality_id)) return saved;
    } catch { /* a damaged entry: choose again */ }
    return null;
  }

  campaignOf(id) {
    return this.boot.campaigns.find((c) => c.id === id);
  }

  localityName(record) {
    const campaign = this.campaignOf(record.data?.campaign_id);
    return campaign?.localities.find((l) => l.id === record.data?.locality_id)?.name || "";
  }

  // --- walk --------------------------------------------------------------------------------

  showWalk() {
    const t = this.t;
    const fields = $("walk-fields");
    fields.replaceChildren();
    $("walk-error").hidden = true;
    let campaignId = this.walk?.campaign_id ?? (this.boot.campaigns.length === 1 ? this.boot.campaigns[0].id : null);
    const radios = (name, legend, items, checked, hint) => {
      const set = h("fieldset", { class: "field choices", id: `walk-${name}` }, h("legend", { class: "field__label" }, legend));
      for (const item of items) {
        const input = h("input", { type: "radio", class: "choice__input", name, id: `walk-${name}-${item.id}`, value: item.id, checked: checked(item) });
        set.append(h("div", { class: "choice" }, input, h("label", { class: "choice__label", for: input.id }, item.name, hint ? h("span", { class: "choice__hint" }, hint(item)) : null)));
      }
      return set;
    };
    const drawLocalities = () => {
      const campaign = this.campaignOf(campaignId);
      fields.querySelector("#walk-locality")?.remove();
      // Assigned localities come first (the server sorts them); the rest are marked.
      const mark = campaign?.has_assignments ? (l) => (l.assigned ? t.assigned : t.not_assigned) : null;
      fields.append(radios("locality", t.locality, campaign ? campaign.localities : [], (l) => this.walk?.locality_id === l.id, mark));
    };
    const campaigns = radios("campaign", t.campaign, this.boot.campaigns, (c) => c.id === campaignId, (c) => c.gmina);
    campaigns.addEventListener("change", (event) => {
      campaignId = Number(event.target.value);
      drawLocalities();
    });
    fields.append(campaigns);
    drawLocalities();
    this.show("walk", $("walk-title"));
  }

  startWalk(event) {
    event.preventDefault();
    const values = new FormData(event.target);
    const campaign = Number(values.get("campaign"));
    const locality = Number(values.get("locality"));
    const error = $("walk-error");
    if (!campaign || !locality) {
      // Said at once (role=alert) and tied to the group that is missing, which gets the focus.
      const missing = $(campaign ? "walk-locality" : "walk-campaign");
      error.textContent = this.t.choose_walk;
      error.hidden = false;
      for (const set of document.querySelectorAll("#walk-fields fieldset")) set.removeAttribute("aria-describedby");
      missing?.setAttribute("aria-describedby", "walk-error");
      (missing?.querySelector("input") || error).focus();
      return;
    }
    error.hidden = true;
    this.walk = { campaign_id: campaign, locality_id: locality };
    localStorage.setItem(this.walkKey, JSON.stringify(this.walk));
    this.showHome();
  }

  // --- home and outbox ---------------------------------------------------------------------

  showHome(message) {
    this.form = null;
    const campaign = this.campaignOf(this.walk?.campaign_id);
    $("walk-current-campaign").textContent = campaign?.name || "–";
    $("walk-current-locality").textContent = campaign?.localities.find((l) => l.id === this.walk?.locality_id)?.name || "–";
    this.closeNobody(false);
    limitPaperDates(campaign);
    this.show("home", $("field-title"));
    if (message) $("sync-status").textContent = message;
    if (location.hash) history.replaceState(null, "", location.pathname);
    this.renderOutbox();
  }

  async renderOutbox() {
    const t = this.t;
    // Resource tips (kind resource_tip) have their own list (tips.js); meetings are here.
    const records = (await outbox.all()).filter((r) => r.researcher_id === this.boot.researcher_id && r.kind !== "resource_tip");
    const badge = $("outbox-badge");
    badge.dataset.count = String(records.length);
    badge.dataset.state = records.length ? "waiting" : "done";
    // Text and icon differ as well as the colour.
    badge.replaceChildren(h("span", { class: "sync-badge__icon", "aria-hidden": "true" }, records.length ? "⏳" : "✓"), " ",
      records.length ? fmt(t.badge, { n: records.length }) : t.badge_none);
    const list = $("outbox-list");
    list.replaceChildren(...records.map((r) => this.outboxItem(r)));
    if (!records.length) list.append(h("li", { class: "muted" }, t.outbox_empty));
  }

  outboxItem(record) {
    if (record.kind === MEETING) return this.meetingItem(record);
    const t = this.t;
    const definition = this.boot.definitions[record.form_version];
    const needs = (record.data?.needs || []).length;
    const problems = Object.entries(record.errors || {}).map(([path, messages]) => {
      const where = describePath(definition, path);
      return h("li", {}, where ? `${where}: ` : "", messages.join(" "));
    });
    const wrong = record.state === "rejected" || record.state === "conflict";
    return h("li", { class: `outbox-item outbox-item--${record.state}`, dataset: { uuid: record.uuid, state: record.state } },
      h("p", { class: "outbox-item__title" }, h("strong", {}, record.from_paper ? `${new Date(record.recorded_at).toLocaleDateString("sv-SE")} ${clock(record.recorded_at)} (${t.paper_mark})` : clock(record.recorded_at)), " · ",
        this.boot.outcomes[record.data?.visit_outcome] || record.data?.visit_outcome || "",
        this.localityName(record) ? ` · ${this.localityName(record)}` : "",
        needs ? ` · ${fmt(t.needs_count, { n: needs })}` : ""),
      h("p", { class: "outbox-item__state" }, t[`state_${record.state}`] || record.state),
      problems.length ? h("ul", { class: "outbox-item__errors" }, problems) : null,
      h("button", { type: "button", class: "button button--secondary", onclick: () => this.openOutboxRecord(record.uuid) }, wrong ? t.edit : t.open));
  }

  meetingItem(record) {
    const t = this.t;
    const problems = Object.entries(record.errors || {}).map(([path, messages]) => h("li", {}, `${path}: ${messages.join(" ")}`));
    const wrong = record.state === "rejected" || record.state === "conflict";
    return h("li", { class: `outbox-item outbox-item--${record.state}`, dataset: { uuid: record.uuid, state: record.state, kind: MEETING } },
      h("p", { class: "outbox-item__title" }, meetingSummary(record, this.boot.meeting)),
      h("p", { class: "outbox-item__state" }, t[`state_${record.state}`] || record.state),
      problems.length ? h("ul", { class: "outbox-item__errors" }, problems) : null,
      h("button", { type: "button", class: "button button--secondary", onclick: () => this.openOutboxRecord(record.uuid) }, wrong ? t.edit : t.open));
  }

  openMeeting(record) {
    this.form = new MeetingForm(this.views.form, {
      meeting: this.boot.meeting, record,
      onSave: async (saved) => {
        saved.researcher_id = this.boot.researcher_id;
        await outbox.save(saved);
        this.showHome(this.boot.meeting.strings.saved);
        this.sync.run();
      },
      onClose: () => this.showHome(),
    });
    this.show("form");
    this.form.render();
  }

  // --- "Nikt nie otworzył": the second tap confirms, a short undo follows -------------------

  askNobody() {
    if (!this.walk) {
      this.showWalk();
      return;
    }
    $("nobody-home").hidden = true;
    $("nobody-confirm").hidden = false;
    $("nobody-save").focus();
  }

  closeNobody(focus) {
    $("nobody-confirm").hidden = true;
    $("nobody-home").hidden = false;
    if (focus) $("nobody-home").focus();
  }

  async saveNobody() {
    const campaign = this.campaignOf(this.walk.campaign_id);
    const record = {
      uuid: crypto.randomUUID(), revision: 1, form_version: campaign.questionnaire_version,
      recorded_at: isoNow(), researcher_id: this.boot.researcher_id,
      data: { campaign_id: this.walk.campaign_id, locality_id: this.walk.locality_id, visit_outcome: NOBODY },
    };
    const stored = await outbox.save(record);
    this.showHome();
    this.offerUndo(stored);
  }

  /** A new visit was saved: it can be taken back for a while (FIELD_UNDO_SECONDS), and only
   * then is it sent. */
  offerUndo(stored) {
    this.finishUndo(false);
    const outcome = this.boot.outcomes[stored.data.visit_outcome] || "";
    $("undo-text").textContent = fmt(this.t.saved, { outcome });
    $("undo-panel").hidden = false;
    this.undo = { uuid: stored.uuid, stamp: stored.stamp, timer: setTimeout(() => this.finishUndo(), this.boot.undo_ms ?? 10000) };
    this.renderOutbox();
  }

  /** The undo window is over (or given up): hide it and send what waits. */
  finishUndo(send = true) {
    if (this.undo) clearTimeout(this.undo.timer);
    this.undo = null;
    $("undo-panel").hidden = true;
    if (send) this.sync.run();
  }

  async takeBack() {
    const undo = this.undo;
    if (!undo) return;
    clearTimeout(undo.timer);
    this.undo = null;
    const current = await outbox.get(undo.uuid);
    if (current && current.stamp === undo.stamp) await outbox.remove(undo.uuid);
    $("undo-panel").hidden = true;
    await this.renderOutbox();
    $("new-visit").focus();
    await this.sync.run(); // what an earlier undo window held back
    $("sync-status").textContent = this.t.undone;
  }

  syncUnlessUndoable() {
    if (!this.undo) this.sync.run();
  }

  // --- the form ----------------------------------------------------------------------------

  async definitionFor(version) {
    if (this.boot.definitions[version]) return this.boot.definitions[version];
    const stored = await outbox.getDefinition(version).catch(() => null);
    if (stored) return stored;
    const response = await fetch(this.boot.urls.questionnaire.replace("__VERSION__", encodeURIComponent(version)), { credentials: "same-origin" });
    if (!response.ok) throw new Error(String(response.status));
    return response.json();
  }

  async openForm(record, source) {
    let definition;
    try {
      definition = await this.definitionFor(record.form_version);
    } catch {
      this.showHome(fmt(this.t.unknown_version, { version: record.form_version }));
      return;
    }
    this.form = new InterviewForm(this.views.form, {
      definition, strings: this.t, record, source, isNew: source === "new",
      campaigns: this.boot.campaigns, respondentCode: this.boot.respondent_code,
      onSave: async (saved) => {
        saved.recorded_at = saved.recorded_at || isoNow();
        if (saved.opened_at && !saved.finished_at) saved.finished_at = isoNow();  // the first save: duration
        saved.researcher_id = this.boot.researcher_id;
        const stored = await outbox.save(saved);
        this.showHome(fmt(this.t.saved, { outcome: this.boot.outcomes[saved.data.visit_outcome] || "" }));
        if (source === "new") this.offerUndo(stored);
        else this.sync.run();
      },
      onClose: () => this.showHome(),
    });
    this.show("form");
    this.form.render();
  }

  /** A new visit; `paperAt`: the moment of a paper interview entered now (paper.js). */
  newVisit(paperAt = null) {
    if (!this.walk) return this.showWalk();
    const campaign = this.campaignOf(this.walk.campaign_id);
    this.openForm({
      uuid: crypto.randomUUID(), revision: 1, form_version: campaign.questionnaire_version,
      // A paper interview's duration is not the typing-in's: no timing, so no quality signal.
      recorded_at: paperAt, ...(paperAt ? { from_paper: true } : { opened_at: isoNow() }), data: { campaign_id: this.walk.campaign_id, locality_id: this.walk.locality_id },
    }, "new");
  }

  async openOutboxRecord(uuid) {
    const record = await outbox.get(uuid);
    if (!record || record.researcher_id !== this.boot.researcher_id) {  // shared phone: not yours
      this.showHome();
      return;
    }
    if (record.kind === MEETING) {
      this.openMeeting({ ...record, revision: record.bump ? record.revision + 1 : record.revision });
      return;
    }
    history.replaceState(null, "", `#wizyta=${uuid}`);
    // A conflict means the server holds this revision with other content: send the next one.
    this.openForm({ ...record, revision: record.bump ? record.revision + 1 : record.revision }, "outbox");
  }
}

export async function start(root) {
  const app = new FieldApp(root);
  await app.openStorage();
  app.connectSync();
  app.bindControls();
  showPersistence($("storage-status"), app.t);
  await app.openFirstScreen();
  app.renderOutbox();
  app.sync.run();
  root.dataset.ready = "1";
}
