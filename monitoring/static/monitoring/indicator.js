// Indicator page: choropleth of the values per 1,000 inhabitants by comune and the monthly trend.
// The data come from json_script blocks; the tables on the page are the accessible alternative
// and hold the same figures.
(function () {
  "use strict";

  function readJson(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }

  function drawMap() {
    var box = document.getElementById("comuni-map");
    var data = readJson("map-data");
    if (!box || !data || typeof L === "undefined") { return; }
    if (!data.features.length) { box.remove(); return; }
    var map = L.map(box, {
      zoomControl: false, keyboard: false, dragging: false, scrollWheelZoom: false,
      doubleClickZoom: false, boxZoom: false, touchZoom: false, attributionControl: false
    });
    var rates = data.features.map(function (f) { return f.properties.rate; }).filter(function (r) { return r !== null; });
    var max = Math.max.apply(null, [1].concat(rates));
    var layer = L.geoJSON(data, {
      interactive: false,
      style: function (f) {
        return {
          color: "#004d99", weight: 1, fillColor: "#0066cc",
          fillOpacity: f.properties.rate === null ? 0.05 : 0.15 + 0.75 * f.properties.rate / max
        };
      }
    }).addTo(map);
    map.fitBounds(layer.getBounds());
  }

  function drawTrend() {
    var canvas = document.getElementById("trend-chart");
    var data = readJson("trend-data");
    if (!canvas || !data || typeof Chart === "undefined") { return; }
    new Chart(canvas, {
      type: "line",
      data: {
        labels: data.labels,
        datasets: [{ label: document.title, data: data.values, borderColor: "#0066cc", spanGaps: false }]
      },
      options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true } } }
    });
  }

  drawMap();
  drawTrend();
})();
