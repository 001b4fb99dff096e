// Ask the browser to keep the outbox even when the disk gets full (navigator.storage.persist)
// and show whether it agreed. Headless and many browsers say no: the page copes and says so.

let asked = null;

/** Ask once per page; resolves to true, false, or null when the API is missing. */
export function requestPersistence() {
  if (!asked) {
    asked = (async () => {
      if (!navigator.storage || !navigator.storage.persist) return null;
      try {
        if (await navigator.storage.persisted()) return true;
        return await navigator.storage.persist();
      } catch {
        return false;
      }
    })();
  }
  return asked;
}

/** Write the answer into `element` ("przyznano" / "nie przyznano"). */
export async function showPersistence(element, strings) {
  if (!element) return;
  const granted = await requestPersistence();
  element.dataset.granted = String(granted);
  element.textContent = granted === null ? strings.storage_unsupported
    : granted ? strings.storage_granted : strings.storage_denied;
}
