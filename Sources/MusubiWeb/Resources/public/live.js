// Live updates for a channel or a thread page. The page works without this file; with it,
// new, edited and deleted messages, reactions and typing appear without a reload.
// Message text arrives already rendered and escaped by the server (MessageMarkup); names
// and times are inserted as text.
const page = document.querySelector("[data-live-channel]");
if (page) {
  const channel = Number(page.dataset.liveChannel);
  const root = page.dataset.liveRoot ? Number(page.dataset.liveRoot) : null;
  const list = document.querySelector(root ? "[data-testid=thread-replies]" : "[data-testid=timeline]");
  const typing = document.querySelector("[data-testid=typing]");
  const labels = page.dataset;
  let after = Number(page.dataset.liveAfter || 0);
  let delay = 1000;
  let socket = null;
  let typingTimer = null;

  const byId = (id) => document.getElementById("m" + id);

  function element(message) {
    const item = document.createElement("li");
    item.className = "message" + (message.threadRoot ? " reply" : "");
    item.id = "m" + message.id;
    item.dataset.testid = "message";
    item.dataset.messageId = message.id;
    const meta = document.createElement("p");
    meta.className = "meta";
    const author = document.createElement("strong");
    author.textContent = message.author;
    if (message.authorIcon) meta.append(message.authorIcon + " ");
    meta.append(author);
    if (message.byApp) {
      const badge = document.createElement("span");
      badge.className = "badge";
      badge.dataset.testid = "app-badge";
      badge.textContent = labels.liveApp;
      meta.append(" ", badge);
    }
    meta.append(" · ", message.at);
    const body = document.createElement("div");
    body.className = "body prose";
    body.dataset.testid = "message-body";
    body.innerHTML = message.html;
    item.append(meta, body);
    if (message.files.length) item.append(fileList(message.files));
    if (!root && !message.threadRoot) {
      const actions = document.createElement("div");
      actions.className = "message-actions";
      const reply = document.createElement("a");
      reply.href = labels.liveThreadPath.replace("{id}", message.id);
      reply.textContent = labels.liveReply;
      reply.dataset.testid = "reply-link";
      actions.append(reply);
      item.append(actions);
    }
    return item;
  }

  function fileList(files) {
    const list = document.createElement("ul");
    list.className = "plain files";
    list.dataset.testid = "files";
    list.append(...files.map((file) => {
      const entry = document.createElement("li");
      const link = document.createElement("a");
      link.href = file.href;
      link.download = "";
      link.dataset.testid = "file";
      link.textContent = file.name;
      const size = document.createElement("span");
      size.className = "meta";
      size.textContent = file.size;
      entry.append(link, " ", size);
      return entry;
    }));
    return list;
  }

  function showReactions(item, reactions) {
    let box = item.querySelector("[data-testid=reactions]");
    if (!reactions.length) { if (box) box.remove(); return; }
    if (!box) {
      box = document.createElement("ul");
      box.className = "plain reactions";
      box.dataset.testid = "reactions";
      item.querySelector(".body")?.after(box);
    }
    box.replaceChildren(...reactions.map((reaction) => {
      const entry = document.createElement("li");
      entry.textContent = reaction.emoji + " " + reaction.count;
      return entry;
    }));
  }

  function apply(frame) {
    if (frame.channel !== channel) return;
    const message = frame.message;
    const existing = byId(message.id);
    const here = root ? message.threadRoot === root || message.id === root : message.inTimeline;
    if (frame.kind === "posted") {
      if (!existing && here && list) {
        list.append(element(message));
        document.querySelector("[data-testid=no-messages]")?.remove();
      } else if (!root && message.threadRoot) {
        const rootItem = byId(message.threadRoot);
        if (rootItem) {
          const count = Number(rootItem.dataset.replies || 0) + 1;
          rootItem.dataset.replies = count;
          let link = rootItem.querySelector("[data-testid=replies]");
          if (!link) {
            link = document.createElement("a");
            link.dataset.testid = "replies";
            link.href = labels.liveThreadPath.replace("{id}", message.threadRoot);
            rootItem.querySelector(".message-actions")?.prepend(link);
          }
          link.textContent = labels.liveReplies.replace("%d", count);
        }
      }
    } else if (existing) {
      const body = existing.querySelector(".body");
      if (message.deleted) {
        existing.classList.add("deleted");
        const tombstone = document.createElement("p");
        tombstone.className = "tombstone";
        tombstone.dataset.testid = "tombstone";
        tombstone.textContent = labels.liveDeleted;
        body?.replaceWith(tombstone);
        existing.querySelector("[data-testid=reactions]")?.remove();
        existing.querySelector("[data-testid=files]")?.remove();
        return;
      }
      if (body) body.innerHTML = message.html;
      if (message.edited && !existing.querySelector("[data-testid=edited]")) {
        const mark = document.createElement("span");
        mark.className = "edited";
        mark.dataset.testid = "edited";
        mark.textContent = " " + labels.liveEdited;
        existing.querySelector(".meta")?.append(mark);
      }
      showReactions(existing, message.reactions);
    }
  }

  function showTyping(name) {
    if (!typing) return;
    typing.textContent = labels.liveTyping.replace("%@", name);
    clearTimeout(typingTimer);
    typingTimer = setTimeout(() => { typing.textContent = ""; }, 4000);
  }

  function connect() {
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    socket = new WebSocket(`${scheme}//${location.host}/live?after=${after}&watch=${channel}`);
    socket.addEventListener("open", () => { delay = 1000; page.dataset.liveState = "open"; });
    socket.addEventListener("message", (event) => {
      const frame = JSON.parse(event.data);
      if (frame.type === "event") { after = Math.max(after, frame.id); apply(frame); }
      else if (frame.type === "typing" && frame.channel === channel) showTyping(frame.name);
      else if (frame.type === "ready") { after = Math.max(after, frame.after); page.dataset.liveState = "ready"; }
      else if (frame.type === "notifications") document.dispatchEvent(new CustomEvent("musubi:notifications", { detail: frame.unread }));
    });
    socket.addEventListener("close", () => {
      page.dataset.liveState = "closed";
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 30000);
    });
  }

  let lastTyping = 0;
  document.querySelector("textarea[name=body]")?.addEventListener("input", () => {
    const now = Date.now();
    if (socket?.readyState === WebSocket.OPEN && now - lastTyping > 3000) {
      lastTyping = now;
      socket.send(JSON.stringify({ type: "typing", channel }));
    }
  });

  connect();
}
