// Choropleth of the distance from each comune to the nearest access point (the table below is
// the accessible alternative and holds the same figures).
(function () {
  var el = document.getElementById("coverage-map");
  var data = document.getElementById("coverage-data");
  if (!el || !data || typeof L === "undefined") { return; }
  var byCode = JSON.parse(data.textContent);
  var map = L.map(el, { attributionControl: true });
  function colour(km) {
    if (km === null || km === undefined) { return "#5c2a00"; }
    if (km > 20) { return "#a61c00"; }
    if (km > 10) { return "#d9661f"; }
    if (km > 5) { return "#f2b35c"; }
    return "#2f7d32";
  }
  fetch(el.dataset.url, { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (geo) {
    var layer = L.geoJSON(geo, {
      style: function (f) {
        var row = byCode[f.properties.istat] || {};
        return { color: "#333", weight: 0.3, fillColor: colour(row.km), fillOpacity: 0.75 };
      },
      onEachFeature: function (f, l) {
        var row = byCode[f.properties.istat];
        if (row) { l.bindTooltip(row.name + ": " + (row.km === null ? "—" : String(row.km).replace(".", ",") + " km")); }
      }
    }).addTo(map);
    if (layer.getBounds().isValid()) { map.fitBounds(layer.getBounds()); }
  });
})();
