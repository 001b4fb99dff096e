// The phone's meeting form: a meeting with a group of residents (date, kind, organiser, rough
// numbers of participants by age band) and the needs raised there. Saved to the same outbox as
// visits, as a record of kind "meeting" (docs/api.md); the sync sends it like a visit.
// Wiring in app.js: a button on the home view, the outbox item, opening a saved meeting.

import { h, fmt, isoNow } from "./dom.js";

export const KIND = "meeting";

const today = () => isoNow().slice(0, 10);

/** A new meeting record for the walk's campaign and locality. */
export function newMeeting(walk) {
  return {
    kind: KIND, uuid: crypto.randomUUID(), revision: 1, form_version: KIND, recorded_at: null,
    data: { campaign_id: walk.campaign_id, locality_id: walk.locality_id, held_on: today(),
            kind: "zebranie", organiser: "", participants: {}, needs: [] },
  };
}

/** The outbox line of a meeting record. */
export function meetingSummary(record, meeting) {
  const t = meeting.strings;
  const data = record.data || {};
  const total = Object.values(data.participants || {}).reduce((a, b) => a + Number(b || 0), 0);
  return `${t.item} ${data.held_on || ""} · ${meeting.kinds[data.kind] || ""} · ` +
    `${fmt(t.participants_count, { n: total })} · ${fmt(t.needs_count, { n: (data.needs || []).length })}`;
}

function select(id, options, value, attrs = {}) {
  const element = h("select", { id, class: "field__input", ...attrs });
  for (const [key, label] of Object.entries(options)) {
    element.append(h("option", { value: key, selected: key === value || (Array.isArray(value) && value.includes(key)) }, label));
  }
  return element;
}

function field(id, label, input, error) {
  return h("div", { class: "field", id: `${id}-field` },
    h("label", { class: "field__label", for: id }, label),
    h("p", { class: "field__error", id: `${id}-error`, hidden: !error }, error || ""),
    input);
}

export class MeetingForm {
  /**
   * @param {Element} root  the section to render into
   * @param {object} options  {meeting (bootstrap), record, onSave(record), onClose()}
   */
  constructor(root, { meeting, record, onSave, onClose }) {
    Object.assign(this, { root, meeting, record: structuredClone(record), onSave, onClose });
    this.dirty = false;
    if (!this.record.data.needs.length) this.record.data.needs.push(this.blankNeed());
  }

  blankNeed() {
    return { description: "", area: Object.keys(this.meeting.areas)[0], target_groups: [], urgency: "12m", voiced_by: 1 };
  }

  render(errors = {}) {
    const t = this.meeting.strings;
    const d = this.record.data;
    const bands = Object.entries(this.meeting.age_bands).map(([band, label]) =>
      field(`meeting-p-${band}`, label, h("input", { id: `meeting-p-${band}`, type: "number", min: 0, inputmode: "numeric", class: "field__input", value: d.participants[band] || 0 })));
    const needs = d.needs.map((need, i) => h("fieldset", { class: "field need-row", id: `meeting-need-${i}` },
      h("legend", { class: "field__label" }, fmt(t.need, { n: i + 1 })),
      field(`meeting-need-${i}-description`, t.description, h("textarea", { id: `meeting-need-${i}-description`, class: "field__input", maxlength: 1000 }, need.description), errors[`needs.${i}.description`]),
      field(`meeting-need-${i}-area`, t.area, select(`meeting-need-${i}-area`, this.meeting.areas, need.area)),
      field(`meeting-need-${i}-groups`, t.target_groups, select(`meeting-need-${i}-groups`, this.meeting.target_groups, need.target_groups, { multiple: true, size: 5 }), errors[`needs.${i}.target_groups`]),
      field(`meeting-need-${i}-urgency`, t.urgency, select(`meeting-need-${i}-urgency`, this.meeting.urgency, need.urgency)),
      field(`meeting-need-${i}-voiced_by`, t.voiced_by, h("input", { id: `meeting-need-${i}-voiced_by`, type: "number", min: 1, inputmode: "numeric", class: "field__input", value: need.voiced_by }), errors[`needs.${i}.voiced_by`]),
      h("button", { type: "button", class: "button button--secondary", onclick: () => { this.read(); d.needs.splice(i, 1); this.render(); } }, t.remove_need)));
    const serverErrors = Object.entries(this.record.errors || {}).map(([path, messages]) => h("li", {}, `${path}: ${messages.join(" ")}`));
    this.root.replaceChildren(h("form", { id: "meeting-form", class: "stack", novalidate: true, onsubmit: (e) => { e.preventDefault(); this.save(); }, oninput: () => { this.dirty = true; } },
      h("h1", { tabindex: -1, id: "meeting-title" }, t.title),
      h("p", {}, t.intro),
      serverErrors.length ? h("ul", { class: "notice notice--error" }, serverErrors) : null,
      field("meeting-held_on", t.held_on, h("input", { id: "meeting-held_on", type: "date", class: "field__input", value: d.held_on, max: today() })),
      field("meeting-kind", t.kind, select("meeting-kind", this.meeting.kinds, d.kind)),
      field("meeting-organiser", t.organiser, h("input", { id: "meeting-organiser", class: "field__input", maxlength: 200, value: d.organiser }), errors.organiser),
      h("fieldset", { class: "field", id: "meeting-participants" }, h("legend", { class: "field__label" }, t.participants),
        h("p", { class: "field__error", hidden: !errors.participants }, errors.participants || ""), bands),
      h("h2", {}, t.needs), needs,
      h("button", { type: "button", class: "button button--secondary", id: "meeting-add-need", onclick: () => { this.read(); d.needs.push(this.blankNeed()); this.render(); } }, t.add_need),
      h("button", { type: "submit", class: "button button--big", id: "meeting-save" }, t.save),
      h("button", { type: "button", class: "button button--secondary", id: "meeting-close", onclick: () => this.onClose() }, t.close)));
    this.root.querySelector("#meeting-title").focus();
  }

  /** Copy the inputs into the record. */
  read() {
    const $ = (id) => this.root.querySelector(`#${id}`);
    const d = this.record.data;
    d.held_on = $("meeting-held_on").value;
    d.kind = $("meeting-kind").value;
    d.organiser = $("meeting-organiser").value.trim();
    d.participants = {};
    for (const band of Object.keys(this.meeting.age_bands)) {
      const n = parseInt($(`meeting-p-${band}`).value, 10);
      if (n > 0) d.participants[band] = n;
    }
    d.needs = d.needs.map((_, i) => ({
      description: $(`meeting-need-${i}-description`).value.trim(),
      area: $(`meeting-need-${i}-area`).value,
      target_groups: [...$(`meeting-need-${i}-groups`).selectedOptions].map((o) => o.value),
      urgency: $(`meeting-need-${i}-urgency`).value,
      voiced_by: parseInt($(`meeting-need-${i}-voiced_by`).value, 10) || 0,
    }));
  }

  /** The same rules as the server (researcher/meetings/services.py), field by field. */
  check() {
    const t = this.meeting.strings;
    const d = this.record.data;
    const errors = {};
    const total = Object.values(d.participants).reduce((a, b) => a + b, 0);
    if (!d.organiser) errors.organiser = t.error_organiser;
    if (total < 1) errors.participants = t.error_participants;
    d.needs.forEach((need, i) => {
      if (!need.description) errors[`needs.${i}.description`] = t.error_description;
      if (!need.target_groups.length) errors[`needs.${i}.target_groups`] = t.error_groups;
      if (need.voiced_by < 1 || need.voiced_by > total) errors[`needs.${i}.voiced_by`] = fmt(t.error_voiced_by, { n: total });
    });
    return errors;
  }

  async save() {
    this.read();
    // A need row left entirely empty is not a need.
    this.record.data.needs = this.record.data.needs.filter((n) => n.description || n.target_groups.length);
    const errors = this.check();
    if (Object.keys(errors).length) {
      this.render(errors);
      return;
    }
    this.dirty = false;
    this.record.recorded_at = this.record.recorded_at || isoNow();
    await this.onSave(this.record);
  }
}
