// The fields of the interview form: one question drawn with its label, hint, error, counter,
// PII warning and notices, each answer tied to the form's behaviour (form.js). The error and
// hint ids are the ones aria-describedby names, so a screen reader reads them with the field.

import { h, fmt } from "./dom.js";
import { isEmpty } from "./form-logic.js";
import { moveToContact } from "./pii-move.js";

const WALK_KEYS = new Set(["campaign_id", "locality_id"]);

export function drawField(form, slot) {
  const q = slot.question;
  if (WALK_KEYS.has(q.key)) return q.key === "campaign_id" ? drawWalk(form) : "";
  const id = `q-${slot.path.replace(/\./g, "-")}`;
  const binding = { ...slot, id, options: [], notices: [] };
  binding.error = h("p", { class: "field__error", id: `${id}-error`, hidden: true });
  // Shown in Ukrainian: the respondent's text first, the Polish original under it for the researcher.
  const uk = form.lang === "uk" && q.uk;
  const label = uk
    ? [h("span", { class: "q-code" }, q.code), " ", h("span", { lang: "uk" }, q.uk), h("span", { class: "field__original" }, q.label)]
    : [h("span", { class: "q-code" }, q.code), " ", q.label];
  const hint = q.hint ? h("p", { class: "field__hint", id: `${id}-hint` }, q.hint) : null;
  const describedBy = [hint && `${id}-hint`, `${id}-error`];
  let element;
  if (["radio", "checkboxes", "yes_no"].includes(q.widget)) {
    const multi = q.widget === "checkboxes";
    const options = q.widget === "yes_no"
      ? [{ key: "true", label: form.t.yes, uk: form.def.uk?.yes }, { key: "false", label: form.t.no, uk: form.def.uk?.no }]
      : q.options;
    element = h("fieldset", { class: "field choices", id, "aria-describedby": describedBy.filter(Boolean).join(" ") },
      h("legend", { class: "field__label" }, ...label), hint, binding.error);
    const current = slot.holder[q.key];
    for (const option of options) {
      const inputId = `${id}-${option.key}`;
      const checked = multi ? (current || []).includes(option.key) : String(current) === option.key;
      const input = h("input", { type: multi ? "checkbox" : "radio", class: "choice__input", id: inputId, name: id, value: option.key, checked });
      input.addEventListener("change", () => form.choose(binding, input, option));
      const text = uk && option.uk ? option.uk : option.label;
      const row = h("div", { class: "choice" }, input, h("label", { class: "choice__label", for: inputId, lang: uk && option.uk ? "uk" : null }, text));
      binding.options.push({ option, input, row });
      element.append(row);
    }
    // A long single choice answered before this screen (D2, pre-set from C2) shows only its
    // answer and one button to change it, so the questions after it are not pages away.
    if (q.widget === "radio" && options.length > 6 && !isEmpty(current) && !form.errors[`data.${slot.path}`]) {
      binding.collapsed = true;
      const change = h("button", { type: "button", class: "button button--secondary choice-change", "aria-expanded": "false" }, fmt(form.t.change_answer, { code: q.code }));
      change.addEventListener("click", () => {
        binding.collapsed = false;
        change.remove();
        form.refresh();
        binding.options.find((o) => o.input.checked)?.input.focus();
      });
      element.append(change);
    }
  } else if (q.widget === "auto") {
    element = h("div", { class: "field", id },
      h("p", { class: "field__label" }, ...label), hint,
      h("p", { class: "respondent-code", id: `${id}-value` }, slot.holder[q.key] || ""),
      binding.error);
  } else {
    // No maxlength: the browser would cut a paste silently. A counter and an error instead.
    if (q.max_length) describedBy.push(`${id}-count`);
    if (q.free_text) describedBy.push(`${id}-pii`);
    const attrs = { class: "field__input", id: `${id}-input`, name: id, "aria-describedby": describedBy.filter(Boolean).join(" ") };
    let input;
    if (q.widget === "textarea") input = h("textarea", { ...attrs, rows: 4 });
    else if (q.widget === "number") input = h("input", { ...attrs, type: "number", inputmode: "numeric" });
    else input = h("input", { ...attrs, type: "text", autocomplete: "off", list: q.suggestions ? `${id}-list` : null });
    input.value = slot.holder[q.key] ?? "";
    binding.pii = slot.pii !== false && q.free_text ? h("p", { class: "field__warning", id: `${id}-pii`, role: "status", hidden: true }) : null;
    // Shown with a phone/e-mail/address when the respondent asked for contact (F1 = Tak).
    binding.piiMove = binding.pii ? h("button", { type: "button", class: "button button--secondary field__pii-move", id: `${id}-pii-move`, hidden: true, onclick: () => moveToContact(form, binding) }, form.t.pii_move) : null;
    binding.counter = q.max_length ? h("p", { class: "field__counter", id: `${id}-count`, "aria-live": "polite", hidden: true }) : null;
    input.addEventListener("input", () => form.type(binding, input));
    input.addEventListener("focus", () => { binding.valueOnFocus = input.value; });
    input.addEventListener("blur", (event) => form.mover.left(binding, input, event));
    const list = q.suggestions ? h("datalist", { id: `${id}-list` }, q.suggestions.map((s) => h("option", { value: s }))) : null;
    element = h("div", { class: "field", id }, h("label", { class: "field__label", for: `${id}-input` }, ...label), hint, binding.error, input, binding.counter, list, binding.pii, binding.piiMove);
    binding.input = input;
    if (binding.pii) form.warnPii(binding, input.value);
    form.count(binding, input.value);
  }
  for (const notice of q.notices || []) {
    const el = h("p", { class: "notice notice--warning safeguarding", role: "alert", hidden: true }, notice.text);
    binding.notices.push({ notice, el });
    element.append(el);
  }
  binding.element = element;
  form.bindings.push(binding);
  return element;
}

/** The visit's campaign and locality, folded away: set once per walk, rarely changed. */
export function drawWalk(form) {
  const campaigns = form.campaigns.filter((c) => c.questionnaire_version === form.def.version);
  const campaign = campaigns.find((c) => c.id === form.data.campaign_id) || campaigns[0];
  const locality = campaign?.localities.find((l) => l.id === form.data.locality_id);
  const details = h("details", { class: "walk-details", id: "q-walk" },
    h("summary", {}, `${form.t.walk}: ${campaign ? campaign.name : "–"}, ${locality ? locality.name : form.t.no_locality}`));
  const group = (key, legend, items, current, onPick) => {
    const error = h("p", { class: "field__error", id: `q-${key}-error`, hidden: true });
    const set = h("fieldset", { class: "field choices", id: `q-${key}`, "aria-describedby": error.id }, h("legend", { class: "field__label" }, legend), error);
    const options = [];
    for (const item of items) {
      const input = h("input", { type: "radio", class: "choice__input", id: `q-${key}-${item.id}`, name: `q-${key}`, value: item.id, checked: item.id === current });
      input.addEventListener("change", () => onPick(item));
      const row = h("div", { class: "choice" }, input, h("label", { class: "choice__label", for: input.id }, item.name));
      options.push({ input, row });
      set.append(row);
    }
    form.bindings.push({ path: key, id: `q-${key}`, error, element: set, details, walk: true, options, question: { code: "", label: legend } });
    details.append(set);
  };
  if (campaigns.length > 1) {
    group("campaign_id", form.t.campaign, campaigns, form.data.campaign_id, (c) => {
      form.data.campaign_id = c.id;
      if (!c.localities.some((l) => l.id === form.data.locality_id)) delete form.data.locality_id;
      form.clearError("campaign_id");
      form.render();
    });
  }
  group("locality_id", form.t.locality, campaign ? campaign.localities : [], form.data.locality_id, (l) => {
    form.data.locality_id = l.id;
    form.clearError("locality_id");
    form.dirty = true;
  });
  return details;
}
