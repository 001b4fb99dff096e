// Send the outbox to POST /api/v1/sync: batches of at most 100 waiting records, a device id
// kept on the phone and a fresh batch id each time. A record leaves the outbox only when the
// server answered created/updated/unchanged for it; rejected and conflicting ones stay,
// marked with the server's messages. A network error or an expired session keeps everything.

import * as outbox from "./outbox.js";
import { fmt } from "./dom.js";

export const BATCH_SIZE = 100;
const ACCEPTED = new Set(["created", "updated", "unchanged"]);
const RETRY_MIN_MS = 15000;
const RETRY_MAX_MS = 300000;

class SessionExpired extends Error {}
class Offline extends Error {}
class ServerError extends Error {
  constructor(status) {
    super(`HTTP ${status}`);
    this.status = status;
  }
}

export class Sync {
  /**
   * @param {object} options
   * @param {object} options.urls  {sync, token}
   * @param {object} options.strings  texts from the server
   * @param {number} options.researcherId  only this account's records are sent
   * @param {Element} options.status  aria-live element for messages
   * @param {Element} options.expired  the "session expired" notice
   * @param {Function} options.onChange  called after the outbox changed
   */
  constructor({ urls, strings, researcherId, status, expired, onChange }) {
    Object.assign(this, { urls, strings, researcherId, status, expired, onChange });
    this.running = null;
    this.retryTimer = null;
    this.retryDelay = RETRY_MIN_MS;
    this.token = document.querySelector('meta[name="csrf-token"]')?.content || "";
  }

  /** Start a sync unless one is running; resolves when it is over. */
  run() {
    if (this.running) {
      this.again = true; // a record saved meanwhile goes in a follow-up round
      return this.running;
    }
    this.running = (async () => {
      let outcome;
      let round = 0;
      do {
        this.again = false;
        // A follow-up round with nothing left keeps the first round's message on screen.
        outcome = await this.runOnce(round > 0);
        round += 1;
        // Asked again while this round ran (a tap, the `online` event, a save): the world may
        // have changed since it started, so even a failed round is followed by a fresh one,
        // rather than the request waiting for the retry timer.
      } while (this.again);
      return outcome;
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  say(text) {
    if (this.status) this.status.textContent = text;
  }

  scheduleRetry() {
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.run(), this.retryDelay);
    this.retryDelay = Math.min(this.retryDelay * 2, RETRY_MAX_MS);
  }

  async pending() {
    const records = await outbox.all();
    return records.filter((r) => r.state === "waiting" && r.researcher_id === this.researcherId);
  }

  async runOnce(quiet = false) {
    const pending = await this.pending();
    if (!pending.length) {
      if (!quiet) this.say(this.strings.sync_nothing);
      return { sent: 0 };
    }
    this.say(this.strings.sync_running);
    let sent = 0;
    let rejected = 0;
    try {
      await this.freshToken();
      const deviceId = await outbox.deviceId();
      for (let i = 0; i < pending.length; i += BATCH_SIZE) {
        const chunk = pending.slice(i, i + BATCH_SIZE);
        const body = await this.send(chunk, deviceId);
        const counts = await this.apply(chunk, body.results || []);
        sent += counts.sent;
        rejected += counts.rejected;
        this.onChange?.();
      }
    } catch (error) {
      this.onChange?.();
      if (error instanceof SessionExpired) {
        if (this.expired) this.expired.hidden = false;
        this.say(this.strings.session_expired);
      } else if (error instanceof ServerError) {
        this.say(fmt(this.strings.sync_failed, { status: error.status }));
        this.scheduleRetry();
      } else {
        this.say(this.strings.sync_offline);
        this.scheduleRetry();
      }
      return { sent, error };
    }
    if (this.expired) this.expired.hidden = true;
    clearTimeout(this.retryTimer); // an earlier failure's retry has nothing left to do
    this.retryDelay = RETRY_MIN_MS;
    const left = (await this.pending()).length;
    this.say(rejected ? fmt(this.strings.sync_rejected, { n: rejected })
      : fmt(this.strings.sync_done, { sent, left }));
    return { sent, rejected };
  }

  // The page may be a cached copy whose CSRF token belongs to an older session.
  async freshToken() {
    let response;
    try {
      response = await fetch(this.urls.token, { credentials: "same-origin", redirect: "manual", cache: "no-store" });
    } catch {
      throw new Offline();
    }
    if (response.type === "opaqueredirect" || response.status === 401) throw new SessionExpired();
    if (!response.ok) throw new ServerError(response.status);
    this.token = (await response.json()).csrf_token;
  }

  async send(chunk, deviceId) {
    const payload = {
      device_id: deviceId,
      batch_id: crypto.randomUUID(),
      records: chunk.map(({ kind, uuid, revision, form_version, recorded_at, opened_at, finished_at, data, from_paper }) => ({
        ...(kind ? { kind } : {}), uuid, revision, form_version, recorded_at,
        ...(opened_at ? { opened_at } : {}), ...(finished_at ? { finished_at } : {}), data,
        ...(from_paper ? { from_paper } : {}) })),
    };
    let response;
    try {
      response = await fetch(this.urls.sync, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": this.token },
        body: JSON.stringify(payload),
      });
    } catch {
      throw new Offline();
    }
    if (response.status === 401) throw new SessionExpired();
    if (!response.ok) throw new ServerError(response.status);
    try {
      return await response.json();
    } catch {
      throw new Offline(); // the answer was cut off: resending is safe (idempotent)
    }
  }

  async apply(chunk, results) {
    const sentCopies = new Map(chunk.map((r) => [r.uuid, r]));
    let sent = 0;
    let rejected = 0;
    for (const result of results) {
      const copy = sentCopies.get(result.uuid);
      if (!copy) continue;
      if (ACCEPTED.has(result.status)) {
        await outbox.confirm(copy.uuid, copy.stamp, copy.revision);
        await outbox.keepServerWarnings(copy, result.warnings);
        sent += 1;
      } else if (result.status === "conflict") {
        await outbox.mark(copy.uuid, copy.stamp, "conflict", { "": [this.strings.conflict] }, result.warnings);
        rejected += 1;
      } else if (result.status === "rejected") {
        await outbox.mark(copy.uuid, copy.stamp, "rejected", result.errors, result.warnings);
        rejected += 1;
      }
    }
    return { sent, rejected };
  }
}
