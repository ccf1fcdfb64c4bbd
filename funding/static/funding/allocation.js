/* Allocation page: bar chart of the amounts per ATS (the table above is the accessible version).
   A static file, no inline script (Content Security Policy). */
(function () {
  "use strict";
  var canvas = document.getElementById("allocation-chart");
  var source = document.getElementById("allocation-data");
  if (!canvas || !source || typeof Chart === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var euro = new Intl.NumberFormat("it-IT", { style: "currency", currency: "EUR" });
  new Chart(canvas, {
    type: "bar",
    data: {
      labels: data.labels,
      datasets: [{ label: canvas.dataset.label, data: data.amounts.map(Number), backgroundColor: "#0066cc" }]
    },
    options: {
      plugins: { legend: { display: false }, tooltip: { callbacks: { label: function (c) { return euro.format(c.parsed.y); } } } },
      scales: { y: { ticks: { callback: function (v) { return euro.format(v); } } } }
    }
  });
}());
