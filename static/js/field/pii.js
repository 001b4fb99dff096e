// Personal data in free text: PESEL (with its check digit), Polish phone numbers, e-mail.
// Mirrors analysis/pii.py `find_pii` / `pii_kinds`; tests/fixtures/pii_cases.json is run
// through both. Python's \w and \d are Unicode-aware, hence \p{L}\p{N}_ and \p{Nd} here.
// (Difference kept on purpose: a PESEL written in non-ASCII digits is not checked here.)

const PESEL_WEIGHTS = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];
const W = "\\p{L}\\p{N}_";
const D = "\\p{Nd}";

const EMAIL = new RegExp(`[${W}.+-]+@[${W}-]+(?:\\.[${W}-]+)+`, "gu");
const ELEVEN_DIGITS = new RegExp(`(?<!${D})${D}{11}(?!${D})`, "gu");
const PHONE = new RegExp(
  `(?<![${D}${W}])(?:(?:\\+|00)48[ -]?)?` +
    `(?:${D}{3}[ -]?${D}{3}[ -]?${D}{3}|\\(?${D}{2}\\)?[ -]?${D}{3}[ -]?${D}{2}[ -]?${D}{2})` +
    `(?![${D}${W}])`,
  "gu",
);

/** True when `digits` is 11 ASCII digits with a correct PESEL check digit. */
export function isValidPesel(digits) {
  if (!/^[0-9]{11}$/.test(digits)) return false;
  const total = PESEL_WEIGHTS.reduce((sum, w, i) => sum + w * Number(digits[i]), 0);
  return (10 - (total % 10)) % 10 === Number(digits[10]);
}

/** Every PESEL, phone number and e-mail in `text`, in order, without overlaps. */
export function findPii(text) {
  const found = [];
  for (const m of text.matchAll(EMAIL)) found.push({ kind: "email", start: m.index, end: m.index + m[0].length, text: m[0] });
  for (const m of text.matchAll(ELEVEN_DIGITS)) {
    if (isValidPesel(m[0])) found.push({ kind: "pesel", start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  for (const m of text.matchAll(PHONE)) found.push({ kind: "phone", start: m.index, end: m.index + m[0].length, text: m[0] });
  found.sort((a, b) => a.start - b.start || (b.end - b.start) - (a.end - a.start));
  const kept = [];
  for (const match of found) {
    if (!kept.length || match.start >= kept[kept.length - 1].end) kept.push(match);
  }
  return kept;
}

/** The distinct kinds found in `text`, in the stable order pesel, phone, email. */
export function piiKinds(text) {
  const kinds = new Set(findPii(text).map((m) => m.kind));
  return ["pesel", "phone", "email"].filter((k) => kinds.has(k));
}
