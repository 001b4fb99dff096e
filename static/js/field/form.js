// The interview form on screen, drawn from the questionnaire's client definition
// (forms/client.py): one screen per module (each need record on its own screen), compact
// radio/checkbox rows, conditions evaluated live, per-field errors tied to their fields, an
// error summary with links, a counter near a text limit, PII warnings while typing. What is
// shown and checked is decided in form-logic.js; the server checks everything again on sync.

import { evaluate, scopeOf } from "./conditions.js";
import { piiKinds } from "./pii.js";
import { gatherBox, showGather, showMove } from "./pii-move.js";
import { h, fmt, clock } from "./dom.js";
import { drawField } from "./form-fields.js";
import { PageMover } from "./form-scroll.js";
import {
  checkAnswer, checkSteps, describePath, isEmpty, isGroup, newRespondentCode, prepareNeeds,
  progressOf, pruned, questionsOf, slotsOf, stepsOf, stepWithError, textLength,
} from "./form-logic.js";

/** The counter appears when this many characters (or fewer) are left. */
const COUNTER_FROM = 50;
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
    this.mover = new PageMover(this); // where the page moves by itself (form-scroll.js)
    // The questions' language for this respondent ("pl" or "uk"): display only, never stored.
    this.lang = "pl";
    const code = questionsOf(this.def).find((q) => q.widget === "auto");
    if (code && !this.data[code.key]) this.data[code.key] = newRespondentCode(o.respondentCode);
    // Text over a limit (a paste, an old backup) is kept and shown as an error, never cut.
    Object.assign(this.errors, this.overLimit());
    const first = stepWithError(this.def, this.data, this.errors);
    if (first !== null) this.index = first;
  }

  steps() {
    return stepsOf(this.def, this.data);
  }

  overLimit() {
    const out = {};
    for (const step of this.steps()) {
      for (const { question: q, holder, path } of slotsOf(this.data, step)) {
        const value = holder[q.key];
        if (q.max_length && typeof value === "string" && textLength(value) > q.max_length && !this.errors[`data.${path}`]) {
          out[`data.${path}`] = [fmt(this.def.messages.too_long, { max: q.max_length })];
        }
      }
    }
    return out;
  }

  // --- drawing -----------------------------------------------------------------------------

  render() {
    const steps = this.steps();
    this.index = Math.min(this.index, steps.length - 1);
    const step = steps[this.index];
    this.bindings = [];
    const title = h("h1", { class: "step-title", id: "step-title", tabindex: "-1" }, step.module.label,
      step.group ? ` – ${fmt(step.group.item_label, { n: step.index + 1 })}` : "");
    const progress = progressOf(this.def, step);
    const progressLabel = fmt(this.t.step, progress);
    const progressText = h("p", { class: "step-progress", id: "step-progress" }, progressLabel);
    const progressBar = h("progress", { class: "step-bar", max: progress.total, value: progress.n, "aria-hidden": "true" });
    this.summary = h("div", { class: "error-summary", role: "alert", tabindex: "-1", hidden: true });
    const body = h("div", { class: "step-body" });
    if (step.group) this.ensureEntry(step.group, step.index);
    for (const slot of this.allSlots(step)) body.append(this.field(slot));
    // The primary action sits in a bar fixed to the bottom of the screen, and right after the
    // heading in the reading order: reached without crossing every option.
    this.primary = h("button", { type: "submit", class: "button button--big", id: "step-next" });
    const bar = h("div", { class: "step-bar-actions", role: "group", "aria-label": this.t.step_actions }, this.primary);
    if (this.index > 0) bar.append(h("button", { type: "button", class: "button button--secondary", id: "step-back", onclick: () => this.go(-1) }, this.t.back));
    const more = h("div", { class: "step-actions" });
    if (step.group) this.needButtons(step, steps, more);
    this.gatherBox = gatherBox(this, step);
    const discard = h("button", { type: "button", class: "link-button step-discard", id: "step-discard" }, this.isNew ? this.t.discard : this.t.close);
    discard.addEventListener("click", () => this.discard(discard));
    const form = h("form", { class: "step", novalidate: true, "aria-labelledby": "step-title", "aria-describedby": "step-progress" },
      h("div", { class: "step-head" }, progressText, progressBar), title, bar,
      this.correctionNote(), this.summary, body, this.gatherBox, more, h("p", { class: "step-extra" }, this.languageSwitch(), discard));
    form.addEventListener("submit", (event) => { event.preventDefault(); this.next(); });
    this.mover.watch(form);
    this.root.replaceChildren(form);
    this.refresh();
    this.showErrors();
    window.scrollTo(0, 0);
    title.focus();
  }

  /** Questions and answers in Ukrainian for this respondent (forms/uk.py); the researcher's
   * own texts, and the record, stay as they are. */
  languageSwitch() {
    if (!this.def.uk) return null;
    const on = this.lang === "uk";
    return h("button", { type: "button", class: "button button--secondary lang-switch", id: "lang-switch", "aria-pressed": String(on), onclick: () => {
      this.lang = on ? "pl" : "uk";
      this.render();
      document.getElementById("lang-switch")?.focus();
    } }, this.t.questions_uk, " ", h("span", { lang: "uk" }, `(${this.def.uk.name})`));
  }

  /** What the researcher should know about this record: entered from paper, a correction. */
  correctionNote() {
    const at = this.record.recorded_at;
    const paper = this.record.from_paper
      ? h("p", { class: "notice paper-note", id: "paper-note" }, fmt(this.t.paper_note, { date: new Date(at).toLocaleDateString("sv-SE"), time: clock(at) }))
      : null;
    if (this.source !== "server") return paper;
    return [paper, h("p", { class: "notice" }, fmt(this.t.correction, { revision: this.record.revision - 1 }))];
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
    return drawField(this, slot);
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
    // Choosing never saves (WCAG 3.2.2): the researcher confirms with the primary button.
    this.clearError(binding.path);
    this.refresh();
    this.mover.chosen(binding, input);
  }

  type(binding, input) {
    this.dirty = true;
    binding.holder[binding.question.key] = input.value;
    if (binding.pii) this.warnPii(binding, input.value);
    this.count(binding, input.value);
    // A limit is checked while typing; other errors clear as soon as the field changes.
    const over = binding.question.max_length && textLength(input.value) > binding.question.max_length;
    if (over) {
      this.errors[`data.${binding.path}`] = checkAnswer(this.def, binding.question, input.value, binding.scope());
      this.paint(binding, this.errors[`data.${binding.path}`]);
      this.renderSummary();
    } else {
      this.clearError(binding.path);
    }
    this.refresh();
  }

  count(binding, text) {
    if (!binding.counter) return;
    const left = binding.question.max_length - textLength(text);
    binding.counter.textContent = fmt(this.t.chars_left, { n: left });
    binding.counter.hidden = left > COUNTER_FROM;
    binding.counter.classList.toggle("field__counter--over", left < 0);
  }

  warnPii(binding, text) {
    const kinds = text ? piiKinds(text) : [];
    binding.pii.textContent = kinds.map((k) => this.def.messages[`pii_${k}`]).join(" ");
    binding.pii.hidden = !kinds.length;
    showMove(this, binding);
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
        o.row.hidden = !visible || (b.collapsed && !o.input.checked);
        if (!visible && o.input.checked) {
          o.input.checked = false;
          const value = b.holder[b.question.key];
          if (Array.isArray(value)) b.holder[b.question.key] = value.filter((v) => v !== o.option.key);
          else delete b.holder[b.question.key];
        }
      }
      for (const n of b.notices) n.el.hidden = !evaluate(n.notice.when, scope);
      if (b.pii) showMove(this, b);
    }
    showGather(this);
    const steps = this.steps();
    this.primary.textContent = this.index >= steps.length - 1 ? this.t.save : this.t.next;
  }

  clearError(path) {
    if (!this.errors[`data.${path}`]) return;
    delete this.errors[`data.${path}`];
    const b = this.bindings.find((x) => x.path === path);
    if (b) this.paint(b, []);
    this.renderSummary();
  }

  paint(binding, messages) {
    const invalid = messages.length > 0;
    binding.error.textContent = messages.join(" ");
    binding.error.hidden = !invalid;
    binding.element.classList.toggle("field--error", invalid);
    const inputs = binding.input ? [binding.input] : binding.options.map((o) => o.input);
    for (const input of inputs) {
      if (invalid) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
    }
    if (binding.details && invalid) binding.details.open = true;
  }

  showErrors() {
    for (const b of this.bindings) this.paint(b, this.errors[`data.${b.path}`] || []);
    this.renderSummary();
  }

  /** The summary names every field with an error and links to it; gone when all are fixed. */
  renderSummary() {
    const entries = Object.entries(this.errors);
    if (!entries.length) {
      this.summary.hidden = true;
      this.summary.replaceChildren();
      return;
    }
    const list = h("ul", {}, entries.map(([path, messages]) => {
      const binding = this.bindings.find((b) => `data.${b.path}` === path);
      const where = binding ? `${binding.question.code} ${binding.question.label}`.trim() : describePath(this.def, path);
      const text = `${where ? `${where}: ` : ""}${messages.join(" ")}`;
      if (!binding) return h("li", {}, text);
      const link = h("a", { href: `#${binding.input ? binding.input.id : binding.id}` }, text);
      link.addEventListener("click", (event) => {
        event.preventDefault();
        if (binding.details) binding.details.open = true;
        const target = binding.input || binding.options.find((o) => !o.row.hidden)?.input;
        target?.focus();
        binding.element.scrollIntoView({ block: "center" });
      });
      return h("li", {}, link);
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
    const errors = checkSteps(this.def, this.data, [step]);
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
    if (following.group && !step.group) prepareNeeds(following.group, this.data);
    this.index += 1;
    this.render();
  }

  async save() {
    const errors = checkSteps(this.def, this.data, this.steps());
    if (Object.keys(errors).length) {
      this.errors = errors;
      this.fromServer = false;
      this.index = stepWithError(this.def, this.data, this.errors) ?? this.index;
      this.render();
      this.summary.focus();
      return;
    }
    this.dirty = false;
    const saved = { ...this.record, data: pruned(this.def, this.data) };
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

