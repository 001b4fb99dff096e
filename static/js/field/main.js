// Entry point of the field pages (/teren, /moje-wizyty): attaches their modules to elements
// with data-module="field-app" / "my-visits", like static/js/app.js does for the rest.
const modules = {
  "field-app": () => import("./app.js"),
  "my-visits": () => import("./my-visits.js"),
  "resource-tips": () => import("./tips.js"),
};

for (const element of document.querySelectorAll("[data-module]")) {
  for (const name of element.dataset.module.split(/\s+/)) {
    modules[name]?.().then((m) => m.start(element));
  }
}
