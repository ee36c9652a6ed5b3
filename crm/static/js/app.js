// Small progressive enhancements; every page works without them.
document.addEventListener("submit", (event) => {
  const message = event.target.dataset.confirm;
  if (message && !window.confirm(message)) event.preventDefault();
});

// A form whose first button is a secondary one ("Show the employer's openings") would press it on
// Enter anywhere. Enter presses the main button instead, except in the field a button is `data-for`.
document.querySelectorAll("button[data-default-submit]").forEach((main) => {
  const { form } = main;
  form.addEventListener("keydown", (event) => {
    const field = event.target;
    if (event.key !== "Enter" || event.isComposing || field.tagName !== "INPUT") return;
    event.preventDefault();
    form.requestSubmit(form.querySelector(`button[data-for="${field.id}"]`) || main);
  });
});

// Filter panels start open where there is room for them, and fold away once filters are applied.
if (window.matchMedia("(min-width: 768px)").matches) {
  document.querySelectorAll("details.filters-panel:not([data-applied])").forEach((panel) => { panel.open = true; });
}

// "Log contact": narrow the employer list as you type (the full list works without this).
document.querySelectorAll("input[data-filter-list]").forEach((input) => {
  const list = document.getElementById(input.dataset.filterList);
  const empty = document.getElementById(input.dataset.empty);
  input.addEventListener("input", () => {
    const term = input.value.trim().toLocaleLowerCase("sv");
    let shown = 0;
    list.querySelectorAll("li").forEach((item) => {
      item.hidden = term !== "" && !item.textContent.toLocaleLowerCase("sv").includes(term);
      shown += !item.hidden;
    });
    if (empty) empty.hidden = shown > 0;
    const name = document.getElementById("name"); // the new employer's name follows the search
    if (name && !shown) name.value = input.value.trim();
  });
});

// Employer fields (crm/employers/fields.py): names from the register as you type. Without this the
// field takes the name as typed and the server tells when it is unknown or shared.
document.querySelectorAll("input[data-suggest]").forEach((input) => {
  const list = document.createElement("datalist");
  list.id = `${input.id}-suggestions`;
  document.body.append(list); // not next to the input: Pico spaces an input and its help text as siblings
  input.setAttribute("list", list.id);
  let timer;
  let asked = 0;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    const term = input.value.trim();
    if (term.length < 2) return;
    timer = setTimeout(async () => {
      const ask = ++asked;
      const url = `${input.dataset.suggest}?q=${encodeURIComponent(term)}`;
      try {
        const response = await fetch(url, { headers: { Accept: "application/json" } });
        const { employers } = await response.json();
        if (ask !== asked) return; // an older answer arriving late changes nothing
        list.replaceChildren(...employers.map(({ label }) => new Option(label, label)));
      } catch {
        // Signed out or offline: the field works as plain text.
      }
    }, 200);
  });
});

// Escape closes the open menu (and the search suggestions) and gives focus back to what opened it.
document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") return;
  document.querySelectorAll("details.dropdown[open]").forEach((menu) => {
    menu.open = false;
    menu.querySelector("summary").focus();
  });
  const suggestions = document.getElementById("search-suggestions");
  if (suggestions && suggestions.contains(document.activeElement)) document.getElementById("site-search").focus();
  if (suggestions) suggestions.replaceChildren();
});

// The header's search (crm/search): arrow keys move between the results htmx shows under the box.
const searchBox = document.getElementById("site-search");
if (searchBox) {
  const suggestions = document.getElementById("search-suggestions");
  const links = () => [...suggestions.querySelectorAll("a")];
  searchBox.form.addEventListener("keydown", (event) => {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const all = links();
    if (!all.length) return;
    event.preventDefault();
    const at = all.indexOf(document.activeElement);
    const next = event.key === "ArrowDown" ? Math.min(at + 1, all.length - 1) : at - 1;
    (next < 0 ? searchBox : all[next]).focus();
  });
  document.addEventListener("click", (event) => {
    if (!searchBox.form.contains(event.target)) suggestions.replaceChildren();
  });
}

// "Undo" (crm/core/undo.py) is offered for a few seconds, then the message stays without the button.
document.querySelectorAll("form[data-undo] button").forEach((button) => {
  setTimeout(() => button.remove(), 10_000);
});
