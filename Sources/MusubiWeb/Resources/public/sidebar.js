// Unread and mention counts kept up to date from the live connection, in the sidebar and in
// the list of one's channels on /exchange (each a `[data-unread-counts]` list): a message
// posted in a channel the reader sits in (not the one they are reading) counts as unread;
// one that names them, or the whole channel, or comes in a direct conversation, also as a
// mention. A channel the sidebar does not list yet (a new direct conversation) brings the
// whole sidebar again from the server. Without this file the counts are as of loading.
import { onFrame, startLive } from "./live-socket.js";

const lists = [...document.querySelectorAll("[data-unread-counts]")];
if (lists.length) {
  const reading = Number(document.querySelector("[data-live-channel]")?.dataset.liveChannel || 0);
  const sidebar = document.querySelector("[data-testid=sidebar]");
  let refreshing = null;

  // The row's badge of this kind, made when the row has none yet (the /exchange list shows
  // only the counts it has).
  const badge = (row, which) => {
    let found = row.querySelector(`[data-count=${which}]`);
    if (!found) {
      found = document.createElement("span");
      found.className = "badge" + (which === "mentions" ? " mention-count" : "");
      found.dataset.count = which;
      found.dataset.testid = which;
      const link = row.querySelector("a");
      if (which === "mentions") link?.after(" ", found); else (row.querySelector("[data-count=mentions]") || link)?.after(found);
    }
    return found;
  };

  const bump = (row, which, prefix = "") => {
    const shown = badge(row, which);
    const next = Number(shown.dataset.value || 0) + 1;
    shown.dataset.value = String(next);
    shown.textContent = prefix + next;
    shown.hidden = false;
  };

  const refresh = () => {
    if (!sidebar) return;
    clearTimeout(refreshing);
    refreshing = setTimeout(async () => {
      const response = await fetch(sidebar.dataset.source, { headers: { Accept: "text/html" } });
      if (!response.ok) return;
      const fresh = new DOMParser().parseFromString(await response.text(), "text/html").querySelector("[data-testid=sidebar] [data-sidebar-lists]");
      const current = sidebar.querySelector("[data-sidebar-lists]");
      if (fresh && current) current.replaceWith(document.adoptNode(fresh));
    }, 300);
  };

  onFrame((frame) => {
    if (frame.type !== "event" || frame.kind !== "posted") return;
    const message = frame.message;
    if (!message.inTimeline || frame.channel === reading) return;
    for (const list of lists) {
      const me = Number(list.dataset.me);
      if (message.authorID === me) continue;
      const row = list.querySelector(`[data-channel="${frame.channel}"]`);
      if (!row) { if (list === sidebar) refresh(); continue; }
      bump(row, "unread");
      if (row.dataset.direct === "1" || message.mentionsChannel || message.mentions.includes(me)) bump(row, "mentions", "@");
    }
  });
  startLive();

  // On a phone the sidebar folds away above the conversation.
  const fold = sidebar?.querySelector("details");
  const narrow = window.matchMedia("(max-width: 760px)");
  const adapt = () => { if (fold) fold.open = !narrow.matches; };
  narrow.addEventListener("change", adapt);
  adapt();
}
