// "Moje wizyty": add the visits still on the phone (outbox) to the server's list of today,
// and the server's warnings about visits it accepted (possible personal data to correct).

import * as outbox from "./outbox.js";
import { describePath } from "./form-logic.js";
import { h, clock } from "./dom.js";
import { registerServiceWorker } from "./app.js";

function problemList(definition, problems, className) {
  const items = Object.entries(problems || {}).map(([path, messages]) => {
    const where = describePath(definition, path);
    return h("li", {}, where ? `${where}: ` : "", messages.join(" "));
  });
  return items.length ? h("ul", { class: className }, items) : null;
}

export async function start(root) {
  const page = JSON.parse(document.getElementById("my-visits-data").textContent);
  const t = page.strings;
  registerServiceWorker(page.urls.service_worker);
  const records = (await outbox.all()).filter((r) => r.researcher_id === page.researcher_id);
  const counts = {};
  for (const r of records) counts[r.data?.visit_outcome] = (counts[r.data?.visit_outcome] || 0) + 1;
  for (const cell of root.querySelectorAll("[data-phone-count]")) {
    const key = cell.dataset.phoneCount;
    cell.textContent = String(key === "*" ? records.length : counts[key] || 0);
  }
  const items = [];
  for (const record of records) {
    const definition = await outbox.getDefinition(record.form_version).catch(() => null);
    const wrong = record.state === "rejected" || record.state === "conflict";
    items.push(h("li", { class: `visit-item outbox-item--${record.state}`, dataset: { uuid: record.uuid, state: record.state } },
      h("p", { class: "visit-item__title" }, h("strong", {}, clock(record.recorded_at)), " · ", page.outcomes[record.data?.visit_outcome] || ""),
      h("p", { class: "outbox-item__state" }, t[`state_${record.state}`] || record.state),
      problemList(definition, record.errors, "outbox-item__errors"),
      h("a", { class: "button button--secondary", href: `${page.urls.app}#wizyta=${record.uuid}` }, wrong ? t.edit : t.open)));
  }
  const target = document.getElementById("phone-visits");
  target.replaceChildren(items.length ? h("ul", { class: "visit-list" }, items) : h("p", {}, t.outbox_empty));
  await showServerWarnings(root, page);
  root.dataset.ready = "1";
}

/** Under each visit on the server, what the server warned about when it accepted it. */
async function showServerWarnings(root, page) {
  const warned = await outbox.serverWarnings().catch(() => ({}));
  for (const [uuid, kept] of Object.entries(warned)) {
    const definition = await outbox.getDefinition(kept.form_version).catch(() => null);
    const item = root.querySelector(`.visit-item[data-uuid="${CSS.escape(uuid)}"]`);
    if (!item) continue;
    const box = h("div", { class: "notice notice--warning visit-item__warnings" },
      h("p", {}, page.strings.server_warnings), problemList(definition, kept.warnings, "visit-item__warning-list"));
    item.querySelector(".visit-item__meta").after(box);
  }
}
