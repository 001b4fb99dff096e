// "Pobierz kopię zapasową": the outbox as a JSON file that a manager can upload on the server
// (/kopie-zapasowe) when the phone cannot sync. Format: {device_id, exported_at, records}.

import * as outbox from "./outbox.js";
import { isoNow } from "./dom.js";

// opened_at/finished_at only when the phone recorded them (JSON drops the undefined ones).
const RECORD_FIELDS = ["uuid", "revision", "form_version", "recorded_at", "opened_at", "finished_at", "data"];

/** The records of `researcherId` only: on a shared phone the file is uploaded for one account. */
export async function backupPayload(researcherId) {
  const records = (await outbox.all()).filter((r) => r.researcher_id === researcherId);
  return {
    device_id: await outbox.deviceId(),
    exported_at: isoNow(),
    records: records.map((r) => Object.fromEntries(RECORD_FIELDS.map((k) => [k, r[k]]))),
  };
}

/** Offer the file for download; resolves to the number of records in it. */
export async function downloadBackup(researcherId) {
  const payload = await backupPayload(researcherId);
  const blob = new Blob([JSON.stringify(payload, null, 1)], { type: "application/json" });
  const url = URL.createObjectURL(blob);
  const stamp = payload.exported_at.slice(0, 16).replace(/[-:]/g, "").replace("T", "-");
  const link = document.createElement("a");
  link.href = url;
  link.download = `rekonesans-kopia-${stamp}.json`;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
  return payload.records.length;
}
