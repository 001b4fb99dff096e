// Export job page: poll the JSON status until the file is ready or the job failed.
const POLL_MS = 1000;
const LABELS = { oczekuje: "Oczekuje", trwa: "Trwa", gotowy: "Gotowy", blad: "Błąd" };

for (const box of document.querySelectorAll("[data-export-status]")) {
  const state = box.querySelector("[data-export-state]");
  const bar = box.querySelector("[data-export-progress]");
  const error = box.querySelector("[data-export-error]");
  const download = box.querySelector("[data-export-download]");
  const labels = { ...LABELS, ...JSON.parse(box.dataset.labels || "{}") };

  const poll = async () => {
    let job;
    try {
      const response = await fetch(box.dataset.exportStatus, { headers: { Accept: "application/json" } });
      if (!response.ok) throw new Error(String(response.status));
      job = await response.json();
    } catch {
      setTimeout(poll, POLL_MS * 3); // a network hiccup: try again, more slowly
      return;
    }
    state.textContent = labels[job.status] ?? job.status;
    bar.value = job.progress;
    bar.textContent = `${job.progress}%`;
    if (job.error) {
      error.textContent = job.error;
      error.hidden = false;
    }
    if (job.download) {
      download.querySelector("a").href = job.download;
      download.hidden = false;
    }
    if (job.status === "oczekuje" || job.status === "trwa") setTimeout(poll, POLL_MS);
  };

  if (download.hidden && error.hidden) poll();
}
