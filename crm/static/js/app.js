// Small progressive enhancements; every page works without them.
document.addEventListener("submit", (event) => {
  const message = event.target.dataset.confirm;
  if (message && !window.confirm(message)) event.preventDefault();
});

// Filter panels start open where there is room for them.
if (window.matchMedia("(min-width: 768px)").matches) {
  document.querySelectorAll("details.filters-panel").forEach((panel) => { panel.open = true; });
}

// "Log contact": narrow the employer list as you type (the full list works without this).
document.querySelectorAll("input[data-filter-list]").forEach((input) => {
  const list = document.getElementById(input.dataset.filterList);
  input.addEventListener("input", () => {
    const term = input.value.trim().toLocaleLowerCase("sv");
    list.querySelectorAll("li").forEach((item) => {
      item.hidden = term !== "" && !item.textContent.toLocaleLowerCase("sv").includes(term);
    });
  });
});
