/* Public portal: progressive enhancement only. Without JavaScript every page works (list instead of
   map, comune typed instead of position). No inline script: Content Security Policy friendly. */
(function () {
  "use strict";

  // «Usa la mia posizione»: only if the visitor allows it; the position goes to our own search.
  var button = document.getElementById("use-position");
  if (button && "geolocation" in navigator) {
    button.classList.remove("d-none");
    button.addEventListener("click", function () {
      var status = document.getElementById("position-status");
      status.textContent = button.dataset.locating;
      navigator.geolocation.getCurrentPosition(function (pos) {
        document.getElementById("lat").value = pos.coords.latitude.toFixed(5);
        document.getElementById("lon").value = pos.coords.longitude.toFixed(5);
        document.getElementById("dove").value = "";
        button.closest("form").submit();
      }, function () {
        status.textContent = button.dataset.denied;
      }, { timeout: 10000 });
    });
  }

  // Map: Leaflet with no tile server, the points of the list (which stays the accessible version).
  var mapEl = document.getElementById("map");
  if (!mapEl || typeof L === "undefined") { return; }
  var points = [];
  var data = document.getElementById("map-points");
  if (data) { points = JSON.parse(data.textContent); }
  else if (mapEl.dataset.lat) { points = [{ lat: parseFloat(mapEl.dataset.lat), lon: parseFloat(mapEl.dataset.lon), name: "" }]; }
  if (!points.length) { return; }
  mapEl.classList.remove("d-none");
  var map = L.map(mapEl, { attributionControl: false, keyboard: false });
  var bounds = [];
  points.forEach(function (p) {
    var marker = L.circleMarker([p.lat, p.lon], { radius: 8, color: "#0066cc", fillOpacity: 0.8 }).addTo(map);
    if (p.name) { marker.bindTooltip(p.name); }
    bounds.push([p.lat, p.lon]);
  });
  fetch(mapEl.dataset.boundaries).then(function (r) {
    return r.ok ? r.json() : null;
  }).then(function (geo) {
    if (geo) { L.geoJSON(geo, { style: { color: "#5c6f82", weight: 1, fillOpacity: 0.05 } }).addTo(map).bringToBack(); }
  }).catch(function () { /* the points are enough */ });
  if (bounds.length === 1) { map.setView(bounds[0], 12); } else { map.fitBounds(bounds, { padding: [20, 20] }); }
}());
