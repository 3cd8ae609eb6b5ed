// One live connection per page, shared by every script that listens (the bell, the sidebar,
// a channel's timeline). Frames are passed on as `musubi:frame` events on the document.
// On a channel or thread page the connection resumes from the page's last event and also
// watches the channel; elsewhere it only listens. Its state is shown on the element that
// carries `data-live-channel`, or else on the bell, as `data-live-state`.
let socket = null;

export function startLive() {
  if (socket) return;
  const page = document.querySelector("[data-live-channel]");
  const marker = page || document.querySelector("[data-testid=bell]");
  let after = page ? Number(page.dataset.liveAfter || 0) : null;
  const watch = page ? page.dataset.liveChannel : null;
  let delay = 1000;
  const connect = () => {
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    const query = new URLSearchParams();
    if (after !== null) query.set("after", String(after));
    if (watch) query.set("watch", watch);
    socket = new WebSocket(`${scheme}//${location.host}/live${query.size ? "?" + query : ""}`);
    socket.addEventListener("open", () => { delay = 1000; if (marker) marker.dataset.liveState = "open"; });
    socket.addEventListener("message", (event) => {
      const frame = JSON.parse(event.data);
      if (frame.type === "event" && after !== null) after = Math.max(after, frame.id);
      if (frame.type === "ready") {
        if (after !== null) after = Math.max(after, frame.after);
        if (marker) marker.dataset.liveState = "ready";
      }
      document.dispatchEvent(new CustomEvent("musubi:frame", { detail: frame }));
    });
    socket.addEventListener("close", () => {
      if (marker) marker.dataset.liveState = "closed";
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 30000);
    });
  };
  connect();
}

/// Sends a frame when the connection is open (typing); otherwise drops it.
export function sendLive(frame) {
  if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(frame));
}

export function onFrame(handler) {
  document.addEventListener("musubi:frame", (event) => handler(event.detail));
}
