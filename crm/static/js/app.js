// Small progressive enhancements; every page works without them.
document.addEventListener("submit", (event) => {
  const message = event.target.dataset.confirm;
  if (message && !window.confirm(message)) event.preventDefault();
});

// Filter panels start open where there is room for them.
if (window.matchMedia("(min-width: 768px)").matches) {
  document.querySelectorAll("details.filters-panel").forEach((panel) => { panel.open = true; });
}
