// The door on a phone: checking in without leaving the page, the counts kept fresh while
// other coordinators check people in at other doors, and (where the browser can read
// barcodes) the phone's camera reading a ticket's QR code. Without JavaScript the same
// forms and links work as pages.
const door = document.querySelector('[data-door]');

if (door) {
  const regions = () => door.querySelectorAll('[data-door-live]');

  // Fetches the page as it stands now and puts its counts and lists in place.
  async function refresh() {
    const response = await fetch(location.href, { headers: { Accept: 'text/html' }, credentials: 'same-origin' });
    if (!response.ok) return;
    const fresh = new DOMParser().parseFromString(await response.text(), 'text/html');
    for (const region of regions()) {
      const replacement = fresh.querySelector(`[data-door-live="${region.dataset.doorLive}"]`);
      if (replacement) region.replaceWith(document.importNode(replacement, true));
      else region.remove();
    }
  }

  door.addEventListener('submit', async (event) => {
    const form = event.target;
    if (!form.closest('[data-door-live]')) return;
    event.preventDefault();
    const button = form.querySelector('button');
    if (button) button.disabled = true;
    try {
      const response = await fetch(form.action, {
        method: 'POST', body: new URLSearchParams(new FormData(form)), credentials: 'same-origin',
        headers: { Accept: 'application/json' },
      });
      const outcome = await response.json().catch(() => ({}));
      const status = door.querySelector('[data-door-status]');
      if (status) status.textContent = outcome.notice || outcome.error?.message || '';
      await refresh();
    } finally {
      if (button) button.disabled = false;
    }
  });

  setInterval(() => { if (document.visibilityState === 'visible') refresh().catch(() => {}); }, 5000);

  const scan = door.querySelector('[data-scan]');
  if (scan && 'BarcodeDetector' in window && navigator.mediaDevices?.getUserMedia) {
    scan.hidden = false;
    scan.addEventListener('click', async () => {
      const video = door.querySelector('[data-scan-video]');
      const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
      video.srcObject = stream;
      video.hidden = false;
      await video.play();
      const detector = new BarcodeDetector({ formats: ['qr_code'] });
      const stop = () => { stream.getTracks().forEach((track) => track.stop()); video.hidden = true; };
      const look = async () => {
        const codes = await detector.detect(video).catch(() => []);
        const found = codes.map((code) => { try { return new URL(code.rawValue); } catch { return null; } })
          .find((url) => url && url.origin === location.origin && url.pathname === location.pathname && url.searchParams.has('ticket'));
        if (found) { stop(); location.assign(found.href); } else if (!video.hidden) { setTimeout(look, 250); }
      };
      look();
    });
  }
}
