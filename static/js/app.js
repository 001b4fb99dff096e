// Small behaviours attached by data-module attributes; no framework, no build step.
const modules = {
  // Move focus to an error summary so screen-reader and keyboard users land on it.
  "focus-on-load": (element) => element.focus(),
};

for (const element of document.querySelectorAll("[data-module]")) {
  for (const name of element.dataset.module.split(/\s+/)) {
    modules[name]?.(element);
  }
}
