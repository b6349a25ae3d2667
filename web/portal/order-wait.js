// Follows an order on the waiting page: asks the API every 2 s and reloads the page (which the
// server renders for the new state) as soon as the status changes. No framework, a few hundred bytes.
(function followOrder() {
  const script = document.currentScript;
  const orderId = script && script.getAttribute('data-order');
  if (!orderId) return;
  let seen = null;
  let tries = 0;
  async function poll() {
    tries += 1;
    try {
      const res = await fetch('/api/v1/orders/' + encodeURIComponent(orderId), { headers: { accept: 'application/json' }, credentials: 'same-origin' });
      if (res.ok) {
        const order = await res.json();
        if (seen === null) seen = order.status;
        if (order.status !== seen) {
          location.reload();
          return;
        }
      }
    } catch {
      // A dropped request on a weak network: try again on the next tick.
    }
    // After about three minutes, reload once so the page can say the provider is slow.
    if (tries === 90) location.reload();
    else setTimeout(poll, 2000);
  }
  const box = document.querySelector('[data-status]');
  seen = box ? box.getAttribute('data-status') : null;
  setTimeout(poll, 1000);
})();
