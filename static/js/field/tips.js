// Resource tips on /teren: the researcher notes a local resource met in the field (a neighbour
// willing to help, a club, a parish initiative), also without signal. A tip is a record of
// kind "resource_tip" in the same outbox as visits, so the same sync sends it and it leaves
// the phone only when the server confirmed it. It holds no one's contact data.

import * as outbox from "./outbox.js";
import { h, isoNow } from "./dom.js";

export const KIND = "resource_tip";

export async function start(root) {
  const boot = JSON.parse(document.getElementById("field-bootstrap").textContent);
  const text = root.dataset;
  const form = root.querySelector("#tip-form");
  const status = root.querySelector("#tip-status");
  const list = root.querySelector("#tip-list");
  const walkKey = `rekonesans.walk.${boot.researcher_id}`;
  await outbox.open();

  async function render() {
    const tips = (await outbox.all())
      .filter((r) => r.kind === KIND && r.researcher_id === boot.researcher_id);
    list.replaceChildren(...tips.map((tip) => h("li",
      { class: `outbox-item outbox-item--${tip.state}`, dataset: { uuid: tip.uuid, state: tip.state } },
      h("strong", {}, tip.data.name), " · ",
      tip.state === "waiting" ? text.waiting : text.rejected,
      ...Object.values(tip.errors || {}).map((messages) => h("span", { class: "field__error" }, " ", messages.join(" "))))));
    if (!tips.length) list.append(h("li", { class: "muted" }, text.none));
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const values = new FormData(form);
    const name = String(values.get("name") || "").trim();
    let walk = null;
    try { walk = JSON.parse(localStorage.getItem(walkKey) || "null"); } catch { /* none */ }
    if (!walk) { status.textContent = text.noWalk; return; }
    if (!name) { status.textContent = text.nameRequired; form.querySelector("#tip-name").focus(); return; }
    await outbox.save({
      kind: KIND,
      uuid: crypto.randomUUID(),
      revision: 1,
      recorded_at: isoNow(),
      researcher_id: boot.researcher_id,
      data: {
        campaign_id: walk.campaign_id,
        locality_id: walk.locality_id,
        resource_kind: String(values.get("resource_kind")),
        name,
        description: String(values.get("description") || "").trim(),
        how_to_reach: String(values.get("how_to_reach") || "").trim(),
      },
    });
    form.reset();
    status.textContent = text.saved;
    await render();
    window.dispatchEvent(new Event("rekonesans:outbox-saved")); // the field app syncs
  });
  window.addEventListener("rekonesans:outbox-changed", render);
  await render();
  root.dataset.ready = "1";
}
