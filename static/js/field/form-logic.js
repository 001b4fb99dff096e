// The interview's logic, without the DOM: which screens and questions the answers show, the
// checks the phone can make before the server does (they mirror forms/rules.py), the record's
// answers as sent, and where an error path points. form.js draws; this decides.

import { evaluate, scopeOf } from "./conditions.js";
import { fmt } from "./dom.js";

export const isGroup = (item) => Array.isArray(item.questions);
const required = (rule, scope) => rule === true || (!!rule && typeof rule === "object" && evaluate(rule, scope));

/** Unanswered, as forms.model.is_empty: null, blank text, empty list or object. */
export function isEmpty(value) {
  if (value === null || value === undefined) return true;
  if (typeof value === "string") return !value.trim();
  if (Array.isArray(value)) return !value.length;
  if (typeof value === "object") return !Object.keys(value).length;
  return false;
}

/** Characters as Python counts them (code points), so a limit means the same on both sides. */
export const textLength = (text) => [...String(text ?? "")].length;

/** A respondent code (F3) made on the phone, from the server's alphabet. */
export function newRespondentCode({ alphabet, length }) {
  const out = [];
  const limit = 256 - (256 % alphabet.length); // rejection sampling: no modulo bias
  while (out.length < length) {
    for (const byte of crypto.getRandomValues(new Uint8Array(length * 2))) {
      if (byte < limit && out.length < length) out.push(alphabet[byte % alphabet.length]);
    }
  }
  return out.join("");
}

/** Every question of the definition, groups flattened. */
export function questionsOf(definition) {
  return definition.modules.flatMap((m) => m.items.flatMap((i) => (isGroup(i) ? i.questions : [i])));
}

/** "D6 Pilność (Potrzeba 2)" for an error path such as "data.needs.1.urgency"; a path
 * without an index ("data.needs") names the group. */
export function describePath(definition, path) {
  const parts = String(path).replace(/^data\.?/, "").split(".");
  if (!definition || !parts[0]) return "";
  for (const module of definition.modules) {
    for (const item of module.items) {
      if (item.key !== parts[0]) continue;
      if (!isGroup(item)) return `${item.code} ${item.label}`;
      const repeat = item.type === "repeat";
      const index = repeat && /^\d+$/.test(parts[1] ?? "") ? Number(parts[1]) : null;
      const key = repeat ? parts[2] : parts[1];
      const question = item.questions.find((q) => q.key === key);
      const where = index === null ? item.label : fmt(item.item_label, { n: index + 1 });
      return question ? `${question.code} ${question.label} (${where})` : where;
    }
  }
  return path;
}

/** The screens for the answers: visible modules, one screen per need record. */
export function stepsOf(definition, data) {
  const out = [];
  definition.modules.forEach((module, position) => {
    if (!evaluate(module.visible_when, data)) return;
    const repeat = module.items.length === 1 && module.items[0].type === "repeat" ? module.items[0] : null;
    if (!repeat) {
      out.push({ module, position });
    } else if (evaluate(repeat.visible_when, data)) {
      const n = Math.max(1, Math.min(repeat.max_items, (data[repeat.key] || []).length));
      for (let index = 0; index < n; index += 1) out.push({ module, position, group: repeat, index });
    }
  });
  return out;
}

/** "Krok n z N" counts the questionnaire's sections, all known from the start: the number
 * never jumps when an answer shows or hides a section. */
export function progressOf(definition, step) {
  return { n: step.position + 1, total: definition.modules.length };
}

/** The visible questions of a screen, each with where its answer lives and its error path. */
export function slotsOf(data, step) {
  const out = [];
  const add = (question, holder, path, scope) => {
    if (evaluate(question.visible_when, scope)) out.push({ question, holder, path, scope });
  };
  if (step.group) {
    const entry = (data[step.group.key] || [])[step.index] || {};
    const scope = scopeOf(data, entry);
    for (const q of step.group.questions) add(q, entry, `${step.group.key}.${step.index}.${q.key}`, scope);
    return out;
  }
  for (const item of step.module.items) {
    if (!isGroup(item)) {
      add(item, data, item.key, data);
    } else if (evaluate(item.visible_when, data)) {
      const entry = data[item.key] || {};
      for (const q of item.questions) add(q, entry, `${item.key}.${q.key}`, scopeOf(data, entry));
    }
  }
  return out;
}

/** The messages of one answer (empty when fine). */
export function checkAnswer(definition, question, value, scope) {
  const m = definition.messages;
  const found = [];
  if (isEmpty(value)) {
    if (required(question.required, scope)) found.push(m.required);
    return found;
  }
  if (question.max_length && typeof value === "string" && textLength(value) > question.max_length) found.push(fmt(m.too_long, { max: question.max_length }));
  if (question.max_choices && Array.isArray(value) && value.length > question.max_choices) found.push(fmt(m.too_many_choices, { max: question.max_choices }));
  if (question.subset_of && Array.isArray(value)) {
    const allowed = Array.isArray(scope[question.subset_of]) ? scope[question.subset_of] : [];
    const code = questionsOf(definition).find((x) => x.key === question.subset_of)?.code || question.subset_of;
    if (value.some((v) => !allowed.includes(v))) found.push(fmt(m.not_subset, { code }));
  }
  return found;
}

/** Errors of the visible questions of `steps`, keyed by the server's paths ("data.x"). */
export function checkSteps(definition, data, steps) {
  const errors = {};
  for (const step of steps) {
    for (const { question, holder, path, scope } of slotsOf(data, step)) {
      const found = checkAnswer(definition, question, holder[question.key], scope);
      if (found.length) errors[`data.${path}`] = found;
    }
  }
  return errors;
}

/** The index of the first screen holding one of `errors`, or null. */
export function stepWithError(definition, data, errors) {
  const paths = Object.keys(errors);
  if (!paths.length) return null;
  const steps = stepsOf(definition, data);
  for (let i = 0; i < steps.length; i += 1) {
    const slots = slotsOf(data, steps[i]).map((s) => `data.${s.path}`);
    if (paths.some((p) => slots.includes(p) || (steps[i].group && p === `data.${steps[i].group.key}`))) return i;
  }
  return null;
}

/** Before the first need screen: one record per priority area (C2, else C1), area pre-set. */
export function prepareNeeds(group, data) {
  if (Array.isArray(data[group.key]) && data[group.key].length) return;
  const areaQuestion = group.questions.find((q) => q.key === "area");
  const known = new Set((areaQuestion?.options || []).map((o) => o.key));
  const top = Array.isArray(data.top_areas) && data.top_areas.length ? data.top_areas : data.areas || [];
  const areas = top.filter((a) => known.has(a)).slice(0, group.max_items);
  data[group.key] = areas.length ? areas.map((area) => ({ area })) : [{}];
}

function pruneEntry(questions, entry, data) {
  if (!entry || typeof entry !== "object" || Array.isArray(entry)) return entry;
  const scope = scopeOf(data, entry);
  const hidden = new Set(questions.filter((q) => !evaluate(q.visible_when, scope)).map((q) => q.key));
  return Object.fromEntries(Object.entries(entry).filter(([key]) => !hidden.has(key)));
}

function pruneOnce(definition, data) {
  const where = new Map();
  for (const module of definition.modules) for (const item of module.items) where.set(item.key, { module, item });
  const out = {};
  for (const [key, value] of Object.entries(data)) {
    const found = where.get(key);
    if (!found) {
      out[key] = value; // not ours to judge: the server reports unknown fields
      continue;
    }
    const { module, item } = found;
    if (!evaluate(module.visible_when, data) || !evaluate(item.visible_when, data)) continue;
    if (isGroup(item) && item.type === "repeat" && Array.isArray(value)) out[key] = value.map((e) => pruneEntry(item.questions, e, data));
    else if (isGroup(item)) out[key] = pruneEntry(item.questions, value, data);
    else out[key] = value;
  }
  return out;
}

const sameJson = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/** The answers without those the answers themselves hide: the one rule of forms.model
 * `prune_hidden` (tests/fixtures/prune_cases.json runs in both). A module, group or question
 * that is hidden, judged on what the previous pass left, loses its answers, until nothing
 * more goes. Options hidden by other answers, answers outside subset_of, empty answers and
 * unknown keys stay for the validator to report: nothing is lost without a word. */
export function pruneHidden(definition, data) {
  let out = { ...data };
  for (;;) {
    const next = pruneOnce(definition, out);
    if (sameJson(next, out)) return out;
    out = next;
  }
}

/** The record's answers without unanswered ones (blank text, empty lists and groups). */
export function withoutEmpty(data) {
  const out = {};
  for (const [key, value] of Object.entries(data)) {
    let kept = value;
    if (Array.isArray(value) && value.length && value.every((e) => e && typeof e === "object" && !Array.isArray(e))) {
      kept = value.map((e) => withoutEmpty(e)); // need records keep their places
    } else if (value && typeof value === "object" && !Array.isArray(value)) {
      kept = withoutEmpty(value);
    }
    if (!isEmpty(kept)) out[key] = kept;
  }
  return out;
}

/** The answers as sent: hidden answers (the shared rule) and unanswered ones left out. The
 * screen already unticks an option as soon as other answers hide it. */
export function pruned(definition, data) {
  return withoutEmpty(pruneHidden(definition, data));
}
