// The bell's count, brought up to date while the page is open. On a channel or thread page
// live.js already holds the live connection and passes the count on as an event; on any
// other page this opens one of its own and listens only for the count. The page's title
// carries the count too, as "(3) …", so a background tab shows it.
const bell = document.querySelector("[data-testid=bell]");
const count = document.querySelector("[data-testid=bell-count]");
const baseTitle = document.title.replace(/^\(\d+\) /, "");

function ring(unread) {
  if (!bell || !count) return;
  count.textContent = String(unread);
  count.hidden = unread === 0;
  bell.setAttribute("aria-label", bell.dataset.label.replace("{count}", String(unread)));
  document.title = unread > 0 ? `(${unread}) ${baseTitle}` : baseTitle;
}

document.addEventListener("musubi:notifications", (event) => ring(event.detail));
ring(Number(count?.textContent || 0));

if (bell && !document.querySelector("[data-live-channel]")) {
  let delay = 1000;
  const connect = () => {
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    const socket = new WebSocket(`${scheme}//${location.host}/live`);
    socket.addEventListener("open", () => { delay = 1000; bell.dataset.liveState = "open"; });
    socket.addEventListener("message", (event) => {
      const frame = JSON.parse(event.data);
      if (frame.type === "notifications") ring(frame.unread);
    });
    socket.addEventListener("close", () => {
      bell.dataset.liveState = "closed";
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 30000);
    });
  };
  connect();
}
