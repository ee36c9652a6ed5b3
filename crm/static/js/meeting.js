// The meeting page: nothing typed in the minutes or the items' decisions is lost. Every other form on the
// page carries them along (as draft-<name>, kept by the server as the draft before it does its own work),
// and they are saved as a draft every 20 seconds while they change. Sending a form keeps the scroll position.
(() => {
  const minutes = document.getElementById("minutes-form");
  if (!minutes) return;
  const status = document.getElementById("draft-status");
  const typed = () => [...minutes.elements].filter((element) => element.tagName === "TEXTAREA" && element.name);
  const scrollKey = `scroll:${window.location.pathname}`;
  let changed = false;

  const kept = sessionStorage.getItem(scrollKey);
  if (kept !== null) {
    sessionStorage.removeItem(scrollKey);
    window.addEventListener("load", () => window.scrollTo(0, Number(kept)));
  }

  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (event.defaultPrevented || form.method.toLowerCase() !== "post") return;
    sessionStorage.setItem(scrollKey, String(window.scrollY));
    if (form === minutes) return;
    form.querySelectorAll("input[data-draft-copy]").forEach((input) => input.remove());
    typed().forEach((field) => {
      const copy = document.createElement("input");
      Object.assign(copy, { type: "hidden", name: `draft-${field.name}`, value: field.value });
      copy.dataset.draftCopy = "1";
      form.append(copy);
    });
  });

  typed().forEach((field) => field.addEventListener("input", () => { changed = true; }));

  const save = async () => {
    if (!changed) return;
    changed = false;
    try {
      const response = await fetch(minutes.dataset.draftUrl, {
        method: "POST", body: new FormData(minutes), headers: { Accept: "application/json" },
      });
      if (!response.ok) throw new Error(String(response.status));
      const { saved } = await response.json();
      if (saved && status) status.textContent = saved;
    } catch {
      changed = true; // offline or signed out: try again next time; the text stays in the page
    }
  };
  window.setInterval(save, 20_000);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden" && changed) {
      changed = false;
      navigator.sendBeacon(minutes.dataset.draftUrl, new FormData(minutes));
    }
  });
})();
