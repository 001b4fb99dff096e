// The outbox: every visit saved on the phone, in IndexedDB, until the server confirms it.
//
// A record is {uuid, revision, form_version, recorded_at, data} (what the sync API takes) plus
// local fields: researcher_id, state ("waiting" | "rejected" | "conflict"), errors, warnings,
// stamp (changes on every save: a reply to an older copy never deletes a newer one), saved_at,
// and bump (the server holds this revision with other content: the next save sends revision+1).

const DB_NAME = "rekonesans-field";
const DB_VERSION = 1;
const RECORDS = "records";
const META = "meta";
const DEFINITIONS = "definitions";

let opening = null;

function request(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** The database (opened once per page). */
export function open() {
  if (!opening) {
    opening = new Promise((resolve, reject) => {
      const req = indexedDB.open(DB_NAME, DB_VERSION);
      req.onupgradeneeded = () => {
        const db = req.result;
        if (!db.objectStoreNames.contains(RECORDS)) db.createObjectStore(RECORDS, { keyPath: "uuid" });
        if (!db.objectStoreNames.contains(META)) db.createObjectStore(META, { keyPath: "key" });
        if (!db.objectStoreNames.contains(DEFINITIONS)) db.createObjectStore(DEFINITIONS, { keyPath: "version" });
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
      req.onblocked = () => reject(new Error("IndexedDB blocked"));
    });
  }
  return opening;
}

// Run `work(store)` in one transaction; resolves with its result once the transaction commits,
// so "saved" really means written.
async function transact(storeName, mode, work) {
  const db = await open();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(storeName, mode, { durability: "strict" });
    let result;
    Promise.resolve(work(tx.objectStore(storeName))).then((value) => { result = value; }, reject);
    tx.oncomplete = () => resolve(result);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error || new Error("transaction aborted"));
  });
}

function newStamp() {
  return crypto.randomUUID();
}

/** Save (insert or replace) a record as waiting; resolves when it is on disk. */
export function save(record) {
  const stored = {
    ...record,
    state: "waiting",
    errors: {},
    warnings: record.warnings || {},
    stamp: newStamp(),
    saved_at: new Date().toISOString(),
  };
  delete stored.bump;
  return transact(RECORDS, "readwrite", (store) => request(store.put(stored))).then(() => stored);
}

export function get(uuid) {
  return transact(RECORDS, "readonly", (store) => request(store.get(uuid)));
}

/** Every record in the outbox, oldest first. */
export async function all() {
  const records = await transact(RECORDS, "readonly", (store) => request(store.getAll()));
  return records.sort((a, b) => String(a.recorded_at).localeCompare(String(b.recorded_at)));
}

/** The server confirmed `revision` of the copy saved as `stamp`: the record leaves the outbox,
 * unless it was saved again meanwhile (then that newer copy goes next, as a new revision). */
export function confirm(uuid, stamp, revision) {
  return transact(RECORDS, "readwrite", async (store) => {
    const current = await request(store.get(uuid));
    if (!current) return;
    if (current.stamp === stamp) {
      await request(store.delete(uuid));
    } else if (current.revision <= revision) {
      current.revision = revision + 1;
      await request(store.put(current));
    }
  });
}

/** Keep the record, marked with the server's answer (rejected or conflict). */
export function mark(uuid, stamp, state, errors, warnings) {
  return transact(RECORDS, "readwrite", async (store) => {
    const current = await request(store.get(uuid));
    if (!current || current.stamp !== stamp) return;
    current.state = state;
    current.errors = errors || {};
    current.warnings = warnings || {};
    current.bump = state === "conflict";
    await request(store.put(current));
  });
}

/** Remove a record the researcher discarded (never used for sent records). */
export function remove(uuid) {
  return transact(RECORDS, "readwrite", (store) => request(store.delete(uuid)));
}

async function meta(key, make) {
  const found = await transact(META, "readonly", (store) => request(store.get(key)));
  if (found) return found.value;
  const value = make();
  await transact(META, "readwrite", (store) => request(store.put({ key, value })));
  return value;
}

/** The server's warnings about records it accepted ({uuid: {warnings, recorded_at,
 * visit_outcome, kept_at}}): the record left the outbox, but the researcher should still see
 * them in "Moje wizyty" and correct the visit. Kept for a week. */
export async function serverWarnings() {
  const found = await transact(META, "readonly", (store) => request(store.get("server_warnings")));
  const weekAgo = Date.now() - 7 * 24 * 3600 * 1000;
  return Object.fromEntries(Object.entries(found?.value || {}).filter(([, w]) => Date.parse(w.kept_at) > weekAgo));
}

/** Remember (or, with empty `warnings`, forget) the server's warnings about an accepted record. */
export function keepServerWarnings(record, warnings) {
  return transact(META, "readwrite", async (store) => {
    const found = await request(store.get("server_warnings"));
    const value = found?.value || {};
    if (warnings && Object.keys(warnings).length) {
      value[record.uuid] = { warnings, form_version: record.form_version, recorded_at: record.recorded_at, visit_outcome: record.data?.visit_outcome, kept_at: new Date().toISOString() };
    } else {
      delete value[record.uuid];
    }
    await request(store.put({ key: "server_warnings", value }));
  });
}

/** Forget the server's warnings about accepted visits: they describe synced visits, which
 * leave the phone when their researcher logs out (the login page calls this). */
export function forgetServerWarnings() {
  return transact(META, "readwrite", (store) => request(store.delete("server_warnings")));
}

/** This phone's id for the sync API, made once and kept (also in localStorage). */
export async function deviceId() {
  const fallback = localStorage.getItem("rekonesans.device_id") || crypto.randomUUID();
  const value = await meta("device_id", () => fallback);
  localStorage.setItem("rekonesans.device_id", value);
  return value;
}

/** Keep a questionnaire definition, so records of an older version stay openable. */
export function putDefinition(definition) {
  return transact(DEFINITIONS, "readwrite", (store) => request(store.put(definition)));
}

export function getDefinition(version) {
  return transact(DEFINITIONS, "readonly", (store) => request(store.get(version)));
}
