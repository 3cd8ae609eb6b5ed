// The bell's count, brought up to date while the page is open, from the page's one live
// connection. The page's title carries the count too, as "(3) …", so a background tab shows
// it. With the reader's consent (asked only after they click the bell's offer), a mention or
// a direct message also raises a browser notification while the tab is in the background.
import { onFrame, startLive } from "./live-socket.js";

const bell = document.querySelector("[data-testid=bell]");
const count = document.querySelector("[data-testid=bell-count]");
const baseTitle = document.title.replace(/^\(\d+\) /, "");

function ring(unread) {
  if (!bell || !count) return;
  const previous = Number(count.textContent || 0);
  count.textContent = String(unread);
  count.hidden = unread === 0;
  bell.setAttribute("aria-label", bell.dataset.label.replace("{count}", String(unread)));
  document.title = unread > 0 ? `(${unread}) ${baseTitle}` : baseTitle;
  if (unread > previous && document.hidden && "Notification" in window && Notification.permission === "granted") {
    new Notification(baseTitle, { body: bell.getAttribute("aria-label"), tag: "musubi-bell" });
  }
}

if (bell) {
  ring(Number(count?.textContent || 0));
  onFrame((frame) => { if (frame.type === "notifications") ring(frame.unread); });
  startLive();
  const offer = document.querySelector("[data-testid=allow-notifications]");
  if (offer && "Notification" in window && Notification.permission === "default") {
    offer.hidden = false;
    offer.addEventListener("click", async () => {
      await Notification.requestPermission();
      offer.hidden = true;
    });
  }
}
