// Show a practice's location with Leaflet. The coordinates are also printed as text, so
// the page stays useful when tiles cannot load (no network) or scripts are off.
document.addEventListener("DOMContentLoaded", function () {
  var element = document.getElementById("practice-map");
  if (!element || typeof L === "undefined") return;
  var lat = parseFloat(element.dataset.lat), lon = parseFloat(element.dataset.lon);
  if (isNaN(lat) || isNaN(lon)) return;
  L.Icon.Default.imagePath = element.dataset.images;
  var map = L.map(element, { scrollWheelZoom: false }).setView([lat, lon], 8);
  L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
    maxZoom: 18,
    attribution: "&copy; OpenStreetMap contributors",
  }).addTo(map);
  L.marker([lat, lon], { alt: element.dataset.label }).addTo(map);
});
