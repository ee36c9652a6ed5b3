// The team dashboard's charts (Chart.js, served from crm/static/vendor/chartjs). Each canvas names the
// JSON block that holds its figures; the same figures are in a table beside it, so nothing depends on this.
// A target is drawn as a dashed line; long labels are shortened on the axis and shown whole on hover;
// a bar or point with a link opens the records behind it.
(() => {
  if (typeof Chart === "undefined") return;
  const palette = ["#1f5f8b", "#c2571a", "#2e7d32", "#8e24aa", "#b3261e", "#00838f", "#6d4c41", "#546e7a",
                   "#ad1457", "#827717", "#283593", "#4e342e"];
  // Figures in the page's language, as the server writes them: "71,4 %" in Swedish, "71.4%" in English.
  const lang = document.documentElement.lang || "sv";
  Chart.defaults.locale = lang;
  const percentNumber = new Intl.NumberFormat(lang, { style: "percent", maximumFractionDigits: 1 });
  const percentFormat = (value) => percentNumber.format(value / 100);
  const LABEL_MAX = 22;
  const shorten = (label) => (label.length > LABEL_MAX ? `${label.slice(0, LABEL_MAX - 1)}…` : label);

  document.querySelectorAll("canvas[data-chart]").forEach((canvas) => {
    const source = document.getElementById(canvas.dataset.chart);
    if (!source) return;
    const data = JSON.parse(source.textContent);
    const type = canvas.dataset.type || "bar";
    const horizontal = canvas.dataset.horizontal === "1";
    const percent = canvas.dataset.percent === "1";
    const datasets = data.series.map((series, index) => ({
      label: series.name,
      data: series.values,
      links: series.links || [],
      backgroundColor: palette[index % palette.length],
      borderColor: palette[index % palette.length],
      borderWidth: type === "line" ? 2 : 0,
      tension: 0,
      fill: false,
    }));
    if (data.target !== null && data.target !== undefined) {
      datasets.push({
        type: "line", label: canvas.dataset.targetLabel, data: data.labels.map(() => data.target), links: [],
        borderColor: "#444", borderDash: [6, 4], borderWidth: 2, pointRadius: 0, pointHitRadius: 0, fill: false,
      });
    }
    const valueAxis = { beginAtZero: true, ticks: { precision: 0, callback: percent ? percentFormat : undefined },
                        ...(percent ? { max: 100 } : {}) };
    const labelAxis = { ticks: { autoSkip: !horizontal, callback(value) { return shorten(this.getLabelForValue(value)); } } };
    const linkAt = (elements) => {
      const [hit] = elements;
      return hit ? datasets[hit.datasetIndex].links[hit.index] : null;
    };
    new Chart(canvas, {
      type,
      data: { labels: data.labels, datasets },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        indexAxis: horizontal ? "y" : "x",
        plugins: { legend: { display: datasets.length > 1, position: "bottom" } },
        scales: horizontal ? { x: valueAxis, y: labelAxis } : { y: valueAxis, x: labelAxis },
        onClick: (_event, elements) => {
          const link = linkAt(elements);
          if (link) window.location.assign(link);
        },
        onHover: (event, elements) => {
          event.native.target.style.cursor = linkAt(elements) ? "pointer" : "default";
        },
      },
    });
  });
})();
