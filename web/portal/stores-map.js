// The stores map: Leaflet with the configured tile server. The list above works without it; the
// map appears only when Leaflet loaded and there are stores to show.
(function storesMap() {
  // "Sort by my location": the server sorts (?near=lat,lng); only offered where geolocation exists.
  const near = document.getElementById('near-me');
  if (near && navigator.geolocation) {
    near.hidden = false;
    near.addEventListener('click', () => {
      navigator.geolocation.getCurrentPosition((pos) => {
        const url = new URL(location.href);
        url.searchParams.set('near', pos.coords.latitude.toFixed(4) + ',' + pos.coords.longitude.toFixed(4));
        location.assign(url.toString());
      });
    });
  }

  const box = document.getElementById('map');
  const L = window.L;
  if (!box || !L) return;
  let points;
  try {
    points = JSON.parse(box.getAttribute('data-points') || '[]');
  } catch {
    return;
  }
  if (points.length === 0) return;
  box.hidden = false;
  const map = L.map(box, { scrollWheelZoom: false });
  L.tileLayer(box.getAttribute('data-tiles'), {
    maxZoom: 19, attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>',
  }).addTo(map);
  const bounds = [];
  for (const p of points) {
    L.marker([p.lat, p.lng], { title: p.name, alt: p.name }).addTo(map).bindPopup(document.createTextNode(p.name));
    bounds.push([p.lat, p.lng]);
  }
  map.fitBounds(bounds, { padding: [24, 24], maxZoom: 14 });

})();
