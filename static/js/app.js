// Small behaviours attached by data-module attributes; no framework, no build step.
const modules = {
  // Move focus to an error summary so screen-reader and keyboard users land on it.
  "focus-on-load": (element) => element.focus(),

  // Poll a JSON status endpoint ({status, progress}) and reload the page when the work ends.
  "poll-status": (element) => {
    const progress = element.querySelector("progress");
    const tick = async () => {
      try {
        const response = await fetch(element.dataset.url, { headers: { Accept: "application/json" } });
        if (response.ok) {
          const state = await response.json();
          if (progress) progress.value = state.progress;
          if (!["oczekuje", "trwa"].includes(state.status)) {
            window.location.reload();
            return;
          }
        }
      } catch {
        // Offline or the server restarted: keep polling, the page still says what is going on.
      }
      setTimeout(tick, 1000);
    };
    setTimeout(tick, 500);
  },
};

for (const element of document.querySelectorAll("[data-module]")) {
  for (const name of element.dataset.module.split(/\s+/)) {
    modules[name]?.(element);
  }
}
