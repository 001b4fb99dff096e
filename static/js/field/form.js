// The interview form, rendered from the questionnaire's client definition (forms/client.py):
// one module per screen (each need record on its own screen), large radio/checkbox rows,
// conditions evaluated live, per-field errors, PII warnings while typing. The server checks
// everything again on sync; this only spares the researcher a rejected record.

import { evaluate, scopeOf } from "./conditions.js";
import { piiKinds } from "./pii.js";
import { h, fmt } from "./dom.js";

/** Unanswered, as forms.model.is_empty: null, blank text, empty list or object. */
export function isEmpty(value) {
  if (value === null || value === undefined) return true;
  if (typeof value === "string") return !value.trim();
  if (Array.isArray(value)) return !value.length;
  if (typeof value === "object") return !Object.keys(value).length;
  return false;
}

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

const isGroup = (item) => Array.isArray(item.questions);
const required = (rule, scope) => rule === true || (!!rule && typeof rule === "object" && evaluate(rule, scope));
const WALK_KEYS = new Set(["campaign_id", "locality_id"]);

/** "D6 Pilność (Potrzeba 2)" for an error path such as "data.needs.1.urgency". */
export function describePath(definition, path) {
  const parts = String(path).replace(/^data\.?/, "").split(".");
  if (!definition || !parts[0]) return "";
  for (const module of definition.modules) {
    for (const item of module.items) {
      if (item.key !== parts[0]) continue;
      if (!isGroup(item)) return `${item.code} ${item.label}`;
      const index = item.type === "repeat" ? Number(parts[1]) : null;
      const key = item.type === "repeat" ? parts[2] : parts[1];
      const question = item.questions.find((q) => q.key === key);
      const where = index === null ? item.label : fmt(item.item_label, { n: index + 1 });
      return question ? `${question.code} ${question.label} (${where})` : where;
    }
  }
  return path;
}

export class InterviewForm {
  /**
   * @param {Element} root  where the form is drawn
   * @param {object} o  {definition, strings, record, campaigns, respondentCode, isNew, onSave, onClose}
   */
  constructor(root, o) {
    Object.assign(this, o);
    this.root = root;
    this.def = o.definition;
    this.t = o.strings;
    this.data = structuredClone(o.record.data || {});
    this.errors = { ...(o.record.errors || {}) };
    this.fromServer = !isEmpty(this.errors);
    this.index = 0;
    this.dirty = false;
    const code = this.questions().find((q) => q.widget === "auto");
    if (code && !this.data[code.key]) this.data[code.key] = newRespondentCode(o.respondentCode);
    const first = this.stepWithError();
    if (first !== null) this.index = first;
  }

  questions() {
    return this.def.modules.flatMap((m) => m.items.flatMap((i) => (isGroup(i) ? i.questions : [i])));
  }

  // --- structure ---------------------------------------------------------------------------

  /** The screens for the current answers: visible modules, one screen per need record. */
  steps() {
    const out = [];
    for (const module of this.def.modules) {
      if (!evaluate(module.visible_when, this.data)) continue;
      const repeat = module.items.length === 1 && module.items[0].type === "repeat" ? module.items[0] : null;
      if (!repeat) {
        out.push({ module });
      } else if (evaluate(repeat.visible_when, this.data)) {
        const n = Math.max(1, Math.min(repeat.max_items, (this.data[repeat.key] || []).length));
        for (let index = 0; index < n; index += 1) out.push({ module, group: repeat, index });
      }
    }
    return out;
  }

  /** The visible questions of a screen, each with where its answer lives and its error path. */
  slots(step) {
    const out = [];
    const add = (question, holder, path, scope) => {
      if (evaluate(question.visible_when, scope)) out.push({ question, holder, path, scope });
    };
    if (step.group) {
      const entry = (this.data[step.group.key] || [])[step.index] || {};
      const scope = scopeOf(this.data, entry);
      for (const q of step.group.questions) add(q, entry, `${step.group.key}.${step.index}.${q.key}`, scope);
      return out;
    }
    for (const item of step.module.items) {
      if (!isGroup(item)) {
        add(item, this.data, item.key, this.data);
      } else if (evaluate(item.visible_when, this.data)) {
        const entry = this.data[item.key] || {};
        for (const q of item.questions) add(q, entry, `${item.key}.${q.key}`, scopeOf(this.data, entry));
      }
    }
    return out;
  }

  // --- checks (mirror forms/rules.py for what the phone can know) ---------------------------

  check(steps) {
    const m = this.def.messages;
    const errors = {};
    for (const step of steps) {
      for (const { question: q, holder, path, scope } of this.slots(step)) {
        const value = holder[q.key];
        const found = [];
        if (isEmpty(value)) {
          if (required(q.required, scope)) found.push(m.required);
        } else {
          if (q.max_length && typeof value === "string" && [...value].length > q.max_length) found.push(fmt(m.too_long, { max: q.max_length }));
          if (q.max_choices && Array.isArray(value) && value.length > q.max_choices) found.push(fmt(m.too_many_choices, { max: q.max_choices }));
          if (q.subset_of && Array.isArray(value)) {
            const allowed = Array.isArray(scope[q.subset_of]) ? scope[q.subset_of] : [];
            const code = this.questions().find((x) => x.key === q.subset_of)?.code || q.subset_of;
            if (value.some((v) => !allowed.includes(v))) found.push(fmt(m.not_subset, { code }));
          }
        }
        if (found.length) errors[`data.${path}`] = found;
      }
    }
    return errors;
  }

  /** The answers as sent: hidden questions, hidden options and empty answers left out. */
  pruned() {
    let data = this.data;
    for (let pass = 0; pass < 3; pass += 1) data = this.pruneOnce(data); // a removal may hide more
    return data;
  }

  pruneOnce(data) {
    const keep = (question, value, scope) => {
      if (!evaluate(question.visible_when, scope) || isEmpty(value)) return undefined;
      if (!question.options) return value;
      const shown = (key) => {
        const option = question.options.find((o) => o.key === key);
        if (!option || !evaluate(option.visible_when, scope)) return false;
        return !question.subset_of || (scope[question.subset_of] || []).includes(key);
      };
      if (Array.isArray(value)) {
        const kept = value.filter(shown);
        return kept.length ? kept : undefined;
      }
      return shown(value) ? value : undefined;
    };
    const entryOf = (questions, entry) => {
      const scope = scopeOf(data, entry);
      const out = {};
      for (const q of questions) {
        const value = keep(q, entry[q.key], scope);
        if (value !== undefined) out[q.key] = value;
      }
      return out;
    };
    const out = {};
    for (const module of this.def.modules) {
      if (!evaluate(module.visible_when, data)) continue;
      for (const item of module.items) {
        if (!isGroup(item)) {
          const value = keep(item, data[item.key], data);
          if (value !== undefined) out[item.key] = value;
        } else if (evaluate(item.visible_when, data) && data[item.key]) {
          const value = item.type === "repeat"
            ? data[item.key].map((e) => entryOf(item.questions, e || {}))
            : entryOf(item.questions, data[item.key]);
          if (!isEmpty(value)) out[item.key] = value;
        }
      }
    }
    return out;
  }

  stepWithError() {
    const paths = Object.keys(this.errors);
    if (!paths.length) return null;
    const steps = this.steps();
    for (let i = 0; i < steps.length; i += 1) {
      const slots = this.slots(steps[i]).map((s) => `data.${s.path}`);
      if (paths.some((p) => slots.includes(p) || (steps[i].group && p === `data.${steps[i].group.key}`))) return i;
    }
    return null;
  }

  // --- drawing -----------------------------------------------------------------------------

  render() {
    const steps = this.steps();
    this.index = Math.min(this.index, steps.length - 1);
    const step = steps[this.index];
    this.bindings = [];
    const title = h("h2", { class: "step-title", tabindex: "-1" }, step.module.label,
      step.group ? ` – ${fmt(this.t.need_of, { label: fmt(step.group.item_label, { n: step.index + 1 }), max: step.group.max_items })}` : "");
    this.progressText = h("p", { class: "step-progress", id: "step-progress" });
    this.progressBar = h("progress", { class: "step-bar", max: "1", value: "0", "aria-hidden": "true" });
    this.summary = h("div", { class: "error-summary", role: "alert", tabindex: "-1", hidden: true });
    const body = h("div", { class: "step-body" });
    if (step.group) this.ensureEntry(step.group, step.index);
    for (const slot of this.allSlots(step)) body.append(this.field(slot));
    this.primary = h("button", { type: "submit", class: "button button--big", id: "step-next" });
    const actions = h("div", { class: "step-actions" }, this.primary);
    if (this.index > 0) actions.append(h("button", { type: "button", class: "button button--secondary", id: "step-back", onclick: () => this.go(-1) }, this.t.back));
    if (step.group) this.needButtons(step, steps, actions);
    const discard = h("button", { type: "button", class: "link-button step-discard", id: "step-discard" }, this.isNew ? this.t.discard : this.t.close);
    discard.addEventListener("click", () => this.discard(discard));
    const form = h("form", { class: "step", novalidate: true, "aria-describedby": "step-progress" },
      this.progressText, this.progressBar, title,
      this.correctionNote(), this.summary, body, actions, h("p", {}, discard));
    form.addEventListener("submit", (event) => { event.preventDefault(); this.next(); });
    this.root.replaceChildren(form);
    this.refresh();
    this.showErrors();
    title.focus();
    window.scrollTo(0, 0);
  }

  correctionNote() {
    if (this.source !== "server") return null;
    return h("p", { class: "notice" }, fmt(this.t.correction, { revision: this.record.revision - 1 }));
  }

  /** Every question of a screen (visible or not: conditions are re-checked live). */
  allSlots(step) {
    if (step.group) {
      const entry = this.data[step.group.key][step.index];
      return step.group.questions.map((q) => ({ question: q, holder: entry, path: `${step.group.key}.${step.index}.${q.key}`, scope: () => scopeOf(this.data, entry) }));
    }
    const out = [];
    for (const item of step.module.items) {
      if (!isGroup(item)) {
        out.push({ question: item, holder: this.data, path: item.key, scope: () => this.data });
        continue;
      }
      if (!this.data[item.key] || typeof this.data[item.key] !== "object") this.data[item.key] = {};
      const entry = this.data[item.key];
      const groupShown = () => evaluate(item.visible_when, this.data);
      for (const q of item.questions) {
        out.push({ question: q, holder: entry, path: `${item.key}.${q.key}`, scope: () => scopeOf(this.data, entry), groupShown, pii: item.pii_check, group: item });
      }
    }
    return out;
  }

  field(slot) {
    const q = slot.question;
    if (WALK_KEYS.has(q.key)) return q.key === "campaign_id" ? this.walkField() : "";
    const id = `q-${slot.path.replace(/\./g, "-")}`;
    const binding = { ...slot, id, options: [], notices: [] };
    binding.error = h("p", { class: "field__error", id: `${id}-error`, hidden: true });
    const label = [h("span", { class: "q-code" }, q.code), " ", q.label];
    const hint = q.hint ? h("p", { class: "field__hint", id: `${id}-hint` }, q.hint) : null;
    let element;
    if (["radio", "checkboxes", "yes_no"].includes(q.widget)) {
      const multi = q.widget === "checkboxes";
      const options = q.widget === "yes_no"
        ? [{ key: "true", label: this.t.yes }, { key: "false", label: this.t.no }]
        : q.options;
      element = h("fieldset", { class: "field choices", id }, h("legend", { class: "field__label" }, ...label), hint, binding.error);
      const current = slot.holder[q.key];
      for (const option of options) {
        const inputId = `${id}-${option.key}`;
        const checked = multi ? (current || []).includes(option.key) : String(current) === option.key;
        const input = h("input", { type: multi ? "checkbox" : "radio", class: "choice__input", id: inputId, name: id, value: option.key, checked });
        input.addEventListener("change", () => this.choose(binding, input, option));
        const row = h("div", { class: "choice" }, input, h("label", { class: "choice__label", for: inputId }, option.label));
        binding.options.push({ option, input, row });
        element.append(row);
      }
    } else if (q.widget === "auto") {
      element = h("div", { class: "field", id },
        h("p", { class: "field__label" }, ...label), hint,
        h("p", { class: "respondent-code", id: `${id}-value` }, slot.holder[q.key] || ""),
        binding.error);
    } else {
      const attrs = { class: "field__input", id: `${id}-input`, name: id, "aria-describedby": [hint && `${id}-hint`, `${id}-error`, `${id}-pii`].filter(Boolean).join(" ") };
      if (q.max_length) attrs.maxlength = q.max_length;
      let input;
      if (q.widget === "textarea") input = h("textarea", { ...attrs, rows: 4 });
      else if (q.widget === "number") input = h("input", { ...attrs, type: "number", inputmode: "numeric" });
      else input = h("input", { ...attrs, type: "text", autocomplete: "off", list: q.suggestions ? `${id}-list` : null });
      input.value = slot.holder[q.key] ?? "";
      binding.pii = slot.pii !== false && q.free_text ? h("p", { class: "field__warning", id: `${id}-pii`, role: "status", hidden: true }) : null;
      input.addEventListener("input", () => this.type(binding, input));
      const list = q.suggestions ? h("datalist", { id: `${id}-list` }, q.suggestions.map((s) => h("option", { value: s }))) : null;
      element = h("div", { class: "field", id }, h("label", { class: "field__label", for: `${id}-input` }, ...label), hint, binding.error, input, list, binding.pii);
      binding.input = input;
      if (binding.pii) this.warnPii(binding, input.value);
    }
    for (const notice of q.notices || []) {
      const el = h("p", { class: "notice notice--warning safeguarding", role: "alert", hidden: true }, notice.text);
      binding.notices.push({ notice, el });
      element.append(el);
    }
    binding.element = element;
    this.bindings.push(binding);
    return element;
  }

  walkField() {
    const campaigns = this.campaigns.filter((c) => c.questionnaire_version === this.def.version);
    const campaign = campaigns.find((c) => c.id === this.data.campaign_id) || campaigns[0];
    const locality = campaign?.localities.find((l) => l.id === this.data.locality_id);
    const details = h("details", { class: "walk-details", id: "q-walk" },
      h("summary", {}, `${this.t.walk}: ${campaign ? campaign.name : "–"}, ${locality ? locality.name : this.t.no_locality}`));
    const group = (key, legend, items, current, onPick) => {
      const error = h("p", { class: "field__error", id: `q-${key}-error`, hidden: true });
      const set = h("fieldset", { class: "field choices" }, h("legend", { class: "field__label" }, legend), error);
      for (const item of items) {
        const input = h("input", { type: "radio", class: "choice__input", id: `q-${key}-${item.id}`, name: `q-${key}`, value: item.id, checked: item.id === current });
        input.addEventListener("change", () => onPick(item));
        set.append(h("div", { class: "choice" }, input, h("label", { class: "choice__label", for: input.id }, item.name)));
      }
      this.bindings.push({ path: key, error, element: set, details, walk: true });
      details.append(set);
    };
    if (campaigns.length > 1) {
      group("campaign_id", this.t.campaign, campaigns, this.data.campaign_id, (c) => {
        this.data.campaign_id = c.id;
        if (!c.localities.some((l) => l.id === this.data.locality_id)) delete this.data.locality_id;
        this.clearError("campaign_id");
        this.render();
      });
    }
    group("locality_id", this.t.locality, campaign ? campaign.localities : [], this.data.locality_id, (l) => {
      this.data.locality_id = l.id;
      this.clearError("locality_id");
      this.dirty = true;
    });
    return details;
  }

  needButtons(step, steps, actions) {
    const entries = this.data[step.group.key];
    const last = steps.filter((s) => s.group).at(-1) === step;
    if (last && entries.length < step.group.max_items) {
      actions.append(h("button", { type: "button", class: "button button--secondary", id: "need-add", onclick: () => {
        entries.push({});
        this.index += 1;
        this.render();
      } }, this.t.add_need));
    }
    if (entries.length > 1) {
      actions.append(h("button", { type: "button", class: "button button--secondary", id: "need-remove", onclick: () => {
        entries.splice(step.index, 1);
        for (const path of Object.keys(this.errors)) if (path.startsWith(`data.${step.group.key}.`)) delete this.errors[path];
        this.render();
      } }, this.t.remove_need));
    }
  }

  ensureEntry(group, index) {
    if (!Array.isArray(this.data[group.key])) this.data[group.key] = [];
    while (this.data[group.key].length <= index) this.data[group.key].push({});
  }

  /** Before the first need screen: one record per priority area (C2, else C1), area pre-set. */
  prepareNeeds(group) {
    if (Array.isArray(this.data[group.key]) && this.data[group.key].length) return;
    const areaQuestion = group.questions.find((q) => q.key === "area");
    const known = new Set((areaQuestion?.options || []).map((o) => o.key));
    const top = Array.isArray(this.data.top_areas) && this.data.top_areas.length ? this.data.top_areas : this.data.areas || [];
    const areas = top.filter((a) => known.has(a)).slice(0, group.max_items);
    this.data[group.key] = areas.length ? areas.map((area) => ({ area })) : [{}];
  }

  // --- behaviour ---------------------------------------------------------------------------

  choose(binding, input, option) {
    const q = binding.question;
    this.dirty = true;
    if (q.widget === "checkboxes") {
      if (input.checked) {
        for (const other of binding.options) {
          if (other.input !== input && (option.exclusive || other.option.exclusive)) other.input.checked = false;
        }
      }
      binding.holder[q.key] = binding.options.filter((o) => o.input.checked).map((o) => o.option.key);
    } else {
      binding.holder[q.key] = q.widget === "yes_no" ? input.value === "true" : input.value;
    }
    this.clearError(binding.path);
    this.refresh();
    if (q.key === "visit_outcome" && this.isNew && this.steps().length === 1) this.save();
  }

  type(binding, input) {
    this.dirty = true;
    binding.holder[binding.question.key] = input.value;
    this.clearError(binding.path);
    if (binding.pii) this.warnPii(binding, input.value);
    this.refresh();
  }

  warnPii(binding, text) {
    const kinds = text ? piiKinds(text) : [];
    binding.pii.textContent = kinds.map((k) => this.def.messages[`pii_${k}`]).join(" ");
    binding.pii.hidden = !kinds.length;
  }

  /** Show and hide questions, options and notices for the current answers. */
  refresh() {
    for (const b of this.bindings) {
      if (b.walk) continue;
      const scope = b.scope();
      const shown = evaluate(b.question.visible_when, scope) && (!b.groupShown || b.groupShown());
      b.element.hidden = !shown;
      for (const o of b.options) {
        let visible = evaluate(o.option.visible_when, scope);
        if (b.question.subset_of) visible = visible && (scope[b.question.subset_of] || []).includes(o.option.key);
        o.row.hidden = !visible;
        if (!visible && o.input.checked) {
          o.input.checked = false;
          const value = b.holder[b.question.key];
          if (Array.isArray(value)) b.holder[b.question.key] = value.filter((v) => v !== o.option.key);
          else delete b.holder[b.question.key];
        }
      }
      for (const n of b.notices) n.el.hidden = !evaluate(n.notice.when, scope);
    }
    const steps = this.steps();
    const total = steps.length;
    this.progressText.textContent = fmt(this.t.step, { n: this.index + 1, total });
    this.progressBar.max = total;
    this.progressBar.value = this.index + 1;
    this.primary.textContent = this.index >= total - 1 ? this.t.save : this.t.next;
  }

  clearError(path) {
    delete this.errors[`data.${path}`];
    const b = this.bindings.find((x) => x.path === path);
    if (b) this.paint(b, []);
  }

  paint(binding, messages) {
    binding.error.textContent = messages.join(" ");
    binding.error.hidden = !messages.length;
    binding.element.classList.toggle("field--error", messages.length > 0);
    if (binding.input) binding.input.toggleAttribute("aria-invalid", messages.length > 0);
    if (binding.details && messages.length) binding.details.open = true;
  }

  showErrors() {
    const shown = new Set();
    for (const b of this.bindings) {
      const messages = this.errors[`data.${b.path}`] || [];
      this.paint(b, messages);
      if (messages.length) shown.add(`data.${b.path}`);
    }
    const rest = Object.entries(this.errors).filter(([path]) => !shown.has(path));
    if (!shown.size && !rest.length) {
      this.summary.hidden = true;
      return;
    }
    const list = h("ul", {}, rest.map(([path, messages]) => {
      const where = describePath(this.def, path);
      return h("li", {}, where ? `${where}: ` : "", messages.join(" "));
    }));
    this.summary.replaceChildren(h("p", { class: "error-summary__title" }, this.fromServer ? this.t.server_errors : this.t.fix_errors), list);
    this.summary.hidden = false;
  }

  go(delta) {
    this.index = Math.max(0, this.index + delta);
    this.render();
  }

  next() {
    const steps = this.steps();
    const step = steps[this.index];
    const errors = this.check([step]);
    if (Object.keys(errors).length) {
      Object.assign(this.errors, errors);
      this.fromServer = false;
      this.showErrors();
      this.summary.focus();
      return;
    }
    if (this.index >= steps.length - 1) {
      this.save();
      return;
    }
    const following = steps[this.index + 1];
    if (following.group && !step.group) this.prepareNeeds(following.group);
    this.index += 1;
    this.render();
  }

  async save() {
    const steps = this.steps();
    const errors = this.check(steps);
    if (Object.keys(errors).length) {
      this.errors = errors;
      this.fromServer = false;
      this.index = this.stepWithError() ?? this.index;
      this.render();
      this.summary.focus();
      return;
    }
    this.dirty = false;
    const data = this.pruned();
    const saved = { ...this.record, data };
    await this.onSave(saved, this.source);
  }

  discard(button) {
    if (this.dirty && button.dataset.armed !== "1") {
      button.dataset.armed = "1";
      button.textContent = this.t.discard_confirm;
      return;
    }
    this.dirty = false;
    this.onClose();
  }
}
