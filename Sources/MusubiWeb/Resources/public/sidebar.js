// The sidebar's unread and mention counts, kept up to date from the live connection: a
// message posted in a channel the reader sits in (not the one they are reading) counts as
// unread; one that names them, or the whole channel, or comes in a direct conversation, also
// as a mention. A channel the sidebar does not list yet (a new direct conversation) brings
// the whole sidebar again from the server. Without this file the counts are as of loading.
import { onFrame, startLive } from "./live-socket.js";

const sidebar = document.querySelector("[data-testid=sidebar]");
if (sidebar) {
  const me = Number(sidebar.dataset.me);
  const reading = Number(document.querySelector("[data-live-channel]")?.dataset.liveChannel || 0);
  let refreshing = null;

  const bump = (row, which, prefix = "") => {
    const badge = row.querySelector(`[data-count=${which}]`);
    if (!badge) return;
    const next = Number(badge.dataset.value || 0) + 1;
    badge.dataset.value = String(next);
    badge.textContent = prefix + next;
    badge.hidden = false;
  };

  const refresh = () => {
    clearTimeout(refreshing);
    refreshing = setTimeout(async () => {
      const response = await fetch(sidebar.dataset.source, { headers: { Accept: "text/html" } });
      if (!response.ok) return;
      const fresh = new DOMParser().parseFromString(await response.text(), "text/html").querySelector("[data-testid=sidebar] [data-sidebar-lists]");
      const lists = sidebar.querySelector("[data-sidebar-lists]");
      if (fresh && lists) lists.replaceWith(fresh);
    }, 300);
  };

  onFrame((frame) => {
    if (frame.type !== "event" || frame.kind !== "posted") return;
    const message = frame.message;
    if (message.authorID === me || !message.inTimeline || frame.channel === reading) return;
    const row = sidebar.querySelector(`[data-channel="${frame.channel}"]`);
    if (!row) { refresh(); return; }
    bump(row, "unread");
    if (row.dataset.direct === "1" || message.mentionsChannel || message.mentions.includes(me)) bump(row, "mentions", "@");
  });
  startLive();

  // On a phone the list folds away above the conversation.
  const fold = sidebar.querySelector("details");
  const narrow = window.matchMedia("(max-width: 760px)");
  const adapt = () => { if (fold) fold.open = !narrow.matches; };
  narrow.addEventListener("change", adapt);
  adapt();
}
