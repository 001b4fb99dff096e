// Small behaviours attached by data-module attributes; no framework, no build step.
const modules = {
  // Move focus to an error summary so screen-reader and keyboard users land on it.
  "focus-on-load": (element) => element.focus(),

  // The one progress poller (analysis runs, exports): GET data-url → {status, label, progress,
  // error, finished, download?}. Shows the label and progress; when the job has finished it
  // reloads the page, or with data-on-finish="show" reveals the error or the download link.
  "poll-status": (element) => {
    const part = (name) => element.querySelector(`[data-poll-${name}]`);
    const [label, error, download] = ["label", "error", "download"].map(part);
    const bar = part("progress") ?? element.querySelector("progress");
    const show = (state) => {
      if (label) label.textContent = state.label;
      if (bar) {
        bar.value = state.progress;
        bar.textContent = `${state.progress}%`;
      }
      if (error && state.error) {
        error.textContent = state.error;
        error.hidden = false;
      }
      if (download && state.download) {
        download.querySelector("a").href = state.download;
        download.hidden = false;
      }
    };
    const tick = async () => {
      try {
        const response = await fetch(element.dataset.url, { headers: { Accept: "application/json" } });
        if (response.ok) {
          const state = await response.json();
          show(state);
          if (state.finished) {
            if (element.dataset.onFinish !== "show") window.location.reload();
            return;
          }
        }
      } catch {
        // Offline or the server restarted: keep polling, the page still says what is going on.
      }
      setTimeout(tick, 1000);
    };
    if (element.dataset.finished !== "true") setTimeout(tick, 500);
  },

  // The login page (shown after every logout): on a shared phone nothing of the previous
  // account stays readable. The field pages it kept for offline use (rendered with that
  // account's visits) and the warnings about its synced visits go; unsent visits stay in the
  // outbox, shown and sent only under their own account (static/js/field/outbox.js).
  "forget-account": async (element) => {
    const pages = new Set(JSON.parse(element.dataset.pages || "[]"));
    if ("caches" in window) {
      for (const name of await caches.keys()) {
        if (!name.startsWith("rekonesans-")) continue;
        const cache = await caches.open(name);
        for (const request of await cache.keys()) {
          if (pages.has(new URL(request.url).pathname)) await cache.delete(request);
        }
      }
    }
    if ("indexedDB" in window) {
      try {
        const outbox = await import(element.dataset.outbox);
        await outbox.forgetServerWarnings();
      } catch { /* no field app on this browser */ }
    }
    element.dataset.forgotten = "1";
  },
};

for (const element of document.querySelectorAll("[data-module]")) {
  for (const name of element.dataset.module.split(/\s+/)) {
    modules[name]?.(element);
  }
}
