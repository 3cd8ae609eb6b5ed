// Live updates for a channel or a thread page. The page works without this file; with it,
// new, edited and deleted messages, reactions, reply counts and typing appear without a
// reload, and a message arriving live has the controls the server would have given it
// (cloned from the page's <template data-live-controls>, its id put in for `{id}`).
// Message text arrives already rendered and escaped by the server (MessageMarkup); names
// and times are inserted as text.
import { onFrame, sendLive, startLive } from "./live-socket.js";

const page = document.querySelector("[data-live-channel]");
if (page) {
  const channel = Number(page.dataset.liveChannel);
  const root = page.dataset.liveRoot ? Number(page.dataset.liveRoot) : null;
  const me = Number(page.dataset.liveMe);
  const list = document.querySelector(root ? "[data-testid=thread-replies]" : "[data-testid=timeline]");
  const typing = document.querySelector("[data-testid=typing]");
  const labels = page.dataset;
  let typingTimer = null;

  const byId = (id) => document.getElementById("m" + id);
  const path = (template, id) => template.replace("{id}", String(id));

  function controls(message) {
    const template = document.querySelector(`template[data-live-controls=${message.authorID === me ? "own" : "others"}]`);
    if (!template) return null;
    const actions = template.content.firstElementChild.cloneNode(true);
    for (const element of actions.querySelectorAll("[href], [action], [id], [for]")) {
      for (const name of ["href", "action", "id", "for"]) {
        const value = element.getAttribute(name);
        if (value && value.includes("{id}")) element.setAttribute(name, value.replaceAll("{id}", String(message.id)));
      }
    }
    actions.querySelectorAll("[id='emoji-0']").forEach((input) => { input.id = "emoji-" + message.id; });
    actions.querySelectorAll("label[for='emoji-0']").forEach((label) => { label.htmlFor = "emoji-" + message.id; });
    if (root || message.threadRoot) actions.querySelector("[data-testid=reply-link]")?.remove();
    return actions;
  }

  function element(message) {
    const item = document.createElement("li");
    item.className = "message" + (message.threadRoot ? " reply" : "");
    item.id = "m" + message.id;
    item.dataset.testid = "message";
    item.dataset.messageId = message.id;
    item.dataset.replies = String(message.replyCount);
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
    const at = document.createElement("a");
    at.href = "#m" + message.id;
    at.textContent = message.at;
    meta.append(" · ", at);
    const body = document.createElement("div");
    body.className = "body prose";
    body.dataset.testid = "message-body";
    body.innerHTML = message.html;
    item.append(meta, body);
    if (message.files.length) item.append(fileList(message.files));
    showReactions(item, message.reactions);
    const actions = controls(message);
    if (actions) item.append(actions);
    if (message.edited) markEdited(item);
    return item;
  }

  function fileList(files) {
    const list = document.createElement("ul");
    list.className = "plain files";
    list.dataset.testid = "files";
    list.append(...files.map((file) => {
      const entry = document.createElement("li");
      if (file.thumbnailHref) {
        const preview = document.createElement("a");
        preview.href = file.href;
        preview.className = "thumbnail";
        preview.dataset.testid = "image-preview";
        const image = document.createElement("img");
        image.src = file.thumbnailHref;
        image.alt = file.name;
        preview.append(image);
        entry.append(preview, " ");
      }
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

  // Each reaction a button that adds or takes back one's own, titled with who reacted.
  function showReactions(item, reactions) {
    let box = item.querySelector("[data-testid=reactions]");
    if (!reactions.length) { box?.remove(); return; }
    if (!box) {
      box = document.createElement("ul");
      box.className = "plain reactions";
      box.dataset.testid = "reactions";
      (item.querySelector("[data-testid=files]") || item.querySelector(".body"))?.after(box);
    }
    box.replaceChildren(...reactions.map((reaction) => {
      const entry = document.createElement("li");
      const form = document.createElement("form");
      form.method = "post";
      form.action = path(labels.liveReactPath, item.dataset.messageId);
      form.className = "inline";
      form.dataset.reactForm = "";
      const csrf = document.createElement("input");
      csrf.type = "hidden";
      csrf.name = "_csrf";
      csrf.value = labels.liveCsrf;
      const button = document.createElement("button");
      button.type = "submit";
      button.name = "emoji";
      button.value = reaction.value;
      const mine = reaction.memberIDs.includes(me);
      button.className = "chip" + (mine ? " mine" : "");
      button.title = reaction.who;
      button.setAttribute("aria-pressed", String(mine));
      button.dataset.testid = "reaction";
      button.textContent = reaction.emoji + " " + reaction.count;
      form.append(csrf, button);
      entry.append(form);
      return entry;
    }));
  }

  function markEdited(item) {
    if (item.querySelector("[data-testid=edited]")) return;
    const mark = document.createElement("span");
    mark.className = "edited";
    mark.dataset.testid = "edited";
    mark.textContent = " " + labels.liveEdited;
    item.querySelector(".meta")?.append(mark);
  }

  function countReply(rootID, count) {
    const rootItem = byId(rootID);
    if (!rootItem) return;
    rootItem.dataset.replies = String(count);
    let link = rootItem.querySelector("[data-testid=replies]");
    if (!link) {
      link = document.createElement("a");
      link.dataset.testid = "replies";
      link.href = path(labels.liveThreadPath, rootID);
      rootItem.querySelector("[data-testid=reply-link]")?.remove();
      rootItem.querySelector(".message-actions")?.prepend(link);
    }
    link.textContent = labels.liveReplies.replace("%d", count);
  }

  function apply(frame) {
    if (frame.channel !== channel) return;
    const message = frame.message;
    const existing = byId(message.id);
    const here = root ? message.threadRoot === root || message.id === root : message.inTimeline;
    if (frame.kind === "posted") {
      if (here && list && (!existing || existing.dataset.pending !== undefined)) {
        const fresh = element(message);
        if (existing) existing.replaceWith(fresh); else list.append(fresh);
        document.querySelector("[data-testid=no-messages]")?.remove();
        document.dispatchEvent(new CustomEvent("musubi:arrived", { detail: message }));
      }
      if (!root && message.threadRoot) {
        countReply(message.threadRoot, Number(byId(message.threadRoot)?.dataset.replies || 0) + 1);
      }
      return;
    }
    if (!existing) return;
    if (message.deleted) {
      existing.classList.add("deleted");
      const tombstone = document.createElement("p");
      tombstone.className = "tombstone";
      tombstone.dataset.testid = "tombstone";
      tombstone.textContent = labels.liveDeleted;
      existing.querySelector(".body")?.replaceWith(tombstone);
      for (const gone of ["reactions", "files"]) existing.querySelector(`[data-testid=${gone}]`)?.remove();
      existing.querySelectorAll(".react-menu, [data-edit-link], details.confirm").forEach((control) => control.remove());
      return;
    }
    const body = existing.querySelector(".body");
    if (body) body.innerHTML = message.html;
    if (message.edited) markEdited(existing);
    showReactions(existing, message.reactions);
  }

  function showTyping(name) {
    if (!typing) return;
    typing.textContent = labels.liveTyping.replace("%@", name);
    clearTimeout(typingTimer);
    typingTimer = setTimeout(() => { typing.textContent = ""; }, 4000);
  }

  onFrame((frame) => {
    if (frame.type === "event") apply(frame);
    else if (frame.type === "typing" && frame.channel === channel) showTyping(frame.name);
  });
  startLive();

  let lastTyping = 0;
  document.querySelector("form[data-compose] textarea[name=body]")?.addEventListener("input", () => {
    const now = Date.now();
    if (now - lastTyping > 3000) {
      lastTyping = now;
      sendLive({ type: "typing", channel });
    }
  });
}
