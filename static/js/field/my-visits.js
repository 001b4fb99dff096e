// "Moje wizyty": add the visits still on the phone (outbox) to the server's list of today.

import * as outbox from "./outbox.js";
import { describePath } from "./form.js";
import { h, clock } from "./dom.js";
import { registerServiceWorker } from "./app.js";

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
    const problems = Object.entries(record.errors || {}).map(([path, messages]) => {
      const where = describePath(definition, path);
      return h("li", {}, where ? `${where}: ` : "", messages.join(" "));
    });
    items.push(h("li", { class: `visit-item outbox-item--${record.state}`, dataset: { uuid: record.uuid, state: record.state } },
      h("p", { class: "visit-item__title" }, h("strong", {}, clock(record.recorded_at)), " · ", page.outcomes[record.data?.visit_outcome] || ""),
      h("p", { class: "outbox-item__state" }, t[`state_${record.state}`] || record.state),
      problems.length ? h("ul", { class: "outbox-item__errors" }, problems) : null,
      h("a", { class: "button button--secondary", href: `${page.urls.app}#wizyta=${record.uuid}` }, t.edit)));
  }
  const target = document.getElementById("phone-visits");
  target.replaceChildren(items.length ? h("ul", { class: "visit-list" }, items) : h("p", {}, t.outbox_empty));
  root.dataset.ready = "1";
}
