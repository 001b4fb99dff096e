// "Przenieś do danych kontaktowych": a resident who asked to be contacted (F1 = Tak) often
// dictates a phone number, an e-mail or an address into a free-text answer. Rather than
// deleting it (and losing what the resident wanted passed on), the researcher moves it into
// the contact form, which is stored apart and encrypted; the free text keeps the rest.

import { findPii } from "./pii.js";
import { evaluate } from "./conditions.js";
import { h, fmt } from "./dom.js";
import { describePath, isGroup, slotsOf, stepsOf } from "./form-logic.js";

/** The kinds that belong in the contact form ("Telefon lub e-mail"; an address goes there too,
 * since the form has no field of its own for it). Names and PESEL are never moved. */
export const MOVABLE = new Set(["phone", "email", "address"]);

// A label written just before the value ("tel.", "e-mail:", "pod numerem") goes with it.
const LABEL_BEFORE = /(?:\s+(?:na|pod)\s+)?\b(?:nr\.?\s*)?(?:tel(?:efon)?|kom(?:órka)?|e-?mail|mail|adres|numer(?:em)?)\.?\s*:?\s*$/iu;

function tidy(text) {
  return text
    .replace(/\(\s*\)/g, "")
    .replace(/[ \t]{2,}/g, " ")
    .replace(/ +([,.;:!?])/g, "$1")
    .replace(/([,;:])(?=[,.;:])/g, "")
    .replace(/^[\s,.;:]+/, "")
    .trim();
}

/** True when `text` holds something the contact form can take. */
export function hasMovable(text) {
  return findPii(text || "").some((m) => MOVABLE.has(m.kind));
}

/**
 * Take the phone numbers, e-mails and addresses out of `text`.
 * @returns {{text: string, moved: string[]}} the text without them, and the values in order
 */
export function takeContactData(text) {
  const found = findPii(text || "").filter((m) => MOVABLE.has(m.kind));
  const moved = found.map((m) => m.text.trim());
  let out = "";
  let at = 0;
  for (const m of found) {
    out += text.slice(at, m.start).replace(LABEL_BEFORE, "");
    at = m.end;
  }
  out += text.slice(at);
  return { text: tidy(out), moved };
}

/** `contact` with `values` added to its "Telefon lub e-mail" (no value twice). */
export function withContactValues(contact, values) {
  const current = (contact?.phone_or_email || "").split(/\s*;\s*/).filter(Boolean);
  for (const value of values) if (!current.includes(value)) current.push(value);
  return { ...(contact || {}), phone_or_email: current.join("; ") };
}

/** The free-text answers of `data` (outside the contact form `contactKey`) that hold
 * something to move: [{holder, key, path}], in the order of the questionnaire. */
export function movableAnswers(definition, data, contactKey) {
  const out = [];
  for (const step of stepsOf(definition, data)) {
    for (const slot of slotsOf(data, step)) {
      if (!slot.question.free_text || slot.path.startsWith(`${contactKey}.`)) continue;
      const value = slot.holder[slot.question.key];
      if (typeof value === "string" && hasMovable(value)) out.push({ holder: slot.holder, key: slot.question.key, path: slot.path });
    }
  }
  return out;
}

// --- on the form (form.js calls these with itself) ------------------------------------------

/** The contact form (the group kept apart, F1), when the respondent asked for contact. */
export function contactGroup(form) {
  for (const module of form.def.modules) {
    for (const item of module.items) {
      if (isGroup(item) && item.pii_check === false && evaluate(item.visible_when, form.data)) return item;
    }
  }
  return null;
}

function takeInto(form, group, moved) {
  form.data[group.key] = withContactValues(form.data[group.key], moved);
  for (const path of Object.keys(form.errors)) if (path.startsWith(`data.${group.key}.`)) delete form.errors[path];
  form.dirty = true;
}

/** The button under a free-text answer's warning: shown when there is something to move. */
export function showMove(form, binding) {
  if (binding.piiMove) binding.piiMove.hidden = !(contactGroup(form) && hasMovable(binding.input.value));
}

/** The button's action: the answer loses what it held, the contact form gets it. */
export function moveToContact(form, binding) {
  const group = contactGroup(form);
  if (!group) return;
  const { text, moved } = takeContactData(binding.input.value);
  if (!moved.length) return;
  takeInto(form, group, moved);
  binding.input.value = text;
  form.type(binding, binding.input);
  binding.pii.textContent = [binding.pii.textContent, fmt(form.t.pii_moved, { n: moved.length })].filter(Boolean).join(" ");
  binding.pii.hidden = false;
  binding.input.focus();
}

/** On the screen of the contact form: a notice naming the earlier answers (D1 is written
 * before the respondent is asked F1) with one button moving all of it. */
export function gatherBox(form, step) {
  if (!step.module.items.some((item) => isGroup(item) && item.pii_check === false)) return null;
  return h("div", { class: "notice notice--warning pii-gather", id: "pii-gather", role: "status", hidden: true },
    h("p", { id: "pii-gather-text" }),
    h("button", { type: "button", class: "button button--secondary", id: "pii-gather-move", onclick: () => gatherContact(form) }, form.t.pii_move));
}

export function showGather(form) {
  const box = form.gatherBox;
  if (!box) return;
  const group = contactGroup(form);
  const sources = group ? movableAnswers(form.def, form.data, group.key) : [];
  box.hidden = !sources.length;
  box.querySelector("button").hidden = false;
  box.firstChild.textContent = sources.length
    ? fmt(form.t.pii_gather, { where: sources.map((s) => describePath(form.def, s.path)).join("; ") }) : "";
}

function gatherContact(form) {
  const group = contactGroup(form);
  if (!group) return;
  const moved = [];
  for (const source of movableAnswers(form.def, form.data, group.key)) {
    const taken = takeContactData(source.holder[source.key]);
    source.holder[source.key] = taken.text;
    moved.push(...taken.moved);
  }
  takeInto(form, group, moved);
  form.render(); // the contact fields show what came in
  const box = form.gatherBox;
  box.hidden = false;
  box.querySelector("button").hidden = true;
  box.firstChild.textContent = fmt(form.t.pii_moved, { n: moved.length });
}
