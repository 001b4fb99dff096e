// "Przenieś do danych kontaktowych": a resident who asked to be contacted (F1 = Tak) often
// dictates a phone number, an e-mail or an address into a free-text answer. Rather than
// deleting it (and losing what the resident wanted passed on), the researcher moves it into
// the contact form, which is stored apart and encrypted; the free text keeps the rest.

import { findPii } from "./pii.js";

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
