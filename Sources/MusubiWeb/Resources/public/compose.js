// Writing in a channel or a thread without reloading the page. The form still works without
// this file (it posts and the page comes back); with it:
// - Enter sends and Shift+Enter starts a new line (a checkbox swaps this: then Ctrl/⌘+Enter
//   sends); an Enter that confirms a Japanese IME conversion never sends;
// - the message shows at once, marked as sending, and is replaced by the server's when it
//   arrives live; a failed send puts the text back in the box with the reason;
// - what is being written is kept per channel and thread, and survives a reload;
// - `@` and `#` open suggestions of people (name, reading, organisation) and channels.
const form = document.querySelector("form[data-compose]");
const page = document.querySelector("[data-live-channel]");
if (form && page) {
  const box = form.querySelector("textarea[name=body]");
  const error = form.querySelector("[data-testid=compose-error]");
  const setting = form.querySelector("[data-enter-setting]");
  const enterSends = setting?.querySelector("input");
  const suggestions = form.querySelector("[data-testid=suggestions]");
  const list = document.querySelector(page.dataset.liveRoot ? "[data-testid=thread-replies]" : "[data-testid=timeline]");
  const draftKey = "musubi.draft." + form.dataset.draftKey;
  let composing = false;

  // The Enter setting, remembered in this browser; on a touch screen Enter starts a new
  // line unless chosen otherwise (the send button is at hand there).
  if (setting && enterSends) {
    setting.hidden = false;
    const chosen = localStorage.getItem("musubi.enterSends");
    enterSends.checked = chosen === null ? !window.matchMedia("(pointer: coarse)").matches : chosen === "1";
    enterSends.addEventListener("change", () => localStorage.setItem("musubi.enterSends", enterSends.checked ? "1" : "0"));
  }

  // Drafts.
  if (!box.value && localStorage.getItem(draftKey)) box.value = localStorage.getItem(draftKey);
  let saving = null;
  box.addEventListener("input", () => {
    clearTimeout(saving);
    saving = setTimeout(() => {
      if (box.value.trim()) localStorage.setItem(draftKey, box.value); else localStorage.removeItem(draftKey);
    }, 200);
  });

  box.addEventListener("compositionstart", () => { composing = true; });
  box.addEventListener("compositionend", () => { setTimeout(() => { composing = false; }, 0); });

  box.addEventListener("keydown", (event) => {
    if (suggestions && !suggestions.hidden && choose(event)) return;
    if (event.key !== "Enter" || composing || event.isComposing || event.keyCode === 229) return;
    const sends = event.ctrlKey || event.metaKey || (enterSends?.checked !== false && !event.shiftKey);
    if (!sends) return;
    event.preventDefault();
    form.requestSubmit();
  });

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    send();
  });

  function newKey() {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
  }

  function showError(text) {
    if (!error) return;
    error.textContent = text;
    error.hidden = !text;
  }

  async function send() {
    const files = form.querySelector("input[type=file]");
    const text = box.value;
    if (!text.trim() && !files?.files.length) return;
    const data = new FormData(form);
    showError("");
    const pending = document.createElement("li");
    pending.className = "message pending";
    pending.dataset.pending = "";
    pending.dataset.testid = "pending-message";
    const body = document.createElement("div");
    body.className = "body prose";
    body.textContent = text;
    pending.append(body);
    list?.append(pending);
    box.value = "";
    localStorage.removeItem(draftKey);
    try {
      const response = await fetch(form.action, { method: "POST", body: data, headers: { Accept: "application/json" } });
      const outcome = await response.json().catch(() => ({}));
      if (!response.ok) throw new Error(describe(outcome));
      form.querySelector("input[name=idempotencyKey]").value = newKey();
      if (files) files.value = "";
      const also = form.querySelector("input[name=alsoToChannel]");
      if (also) also.checked = false;
      if (document.getElementById("m" + outcome.id)) pending.remove();
      else pending.id = "m" + outcome.id;
      if (outcome.hasCheck) showCheck(outcome.location);
      else document.querySelector("[data-testid=mention-check]")?.remove();
    } catch (failure) {
      pending.remove();
      if (!box.value) box.value = text;
      localStorage.setItem(draftKey, box.value);
      showError(failure.message || page.dataset.liveFailed);
    }
  }

  function describe(outcome) {
    const problems = (outcome.error?.problems || []).map((problem) => problem.message);
    return [outcome.error?.message || page.dataset.liveFailed, ...problems].join(" ");
  }

  // The page after a post says who was named but is not in the channel; shown above the box.
  async function showCheck(location) {
    const response = await fetch(location, { headers: { Accept: "text/html" } });
    if (!response.ok) return;
    const found = new DOMParser().parseFromString(await response.text(), "text/html").querySelector("[data-testid=mention-check]");
    document.querySelector("[data-testid=mention-check]")?.remove();
    if (found) form.before(document.adoptNode(found));
  }

  // MARK: Suggestions after @ and #

  let asked = null;
  let choices = [];
  let active = 0;

  const token = () => {
    const before = box.value.slice(0, box.selectionStart);
    // As the server reads mentions: not inside an address (mail@example.jp), but right
    // after Japanese text (田中さんと@金田).
    const match = before.match(/(?<![A-Za-z0-9._+-])([@#])([^\s@#、。]{0,20})$/u);
    return match ? { sign: match[1], term: match[2], start: before.length - match[2].length - 1 } : null;
  };

  box.addEventListener("input", () => {
    clearTimeout(asked);
    const found = token();
    if (!found || !suggestions) { close(); return; }
    asked = setTimeout(() => suggest(found), 120);
  });
  box.addEventListener("blur", () => setTimeout(close, 150));

  async function suggest(found) {
    const source = found.sign === "@" ? page.dataset.peopleHref : page.dataset.channelNamesHref;
    const response = await fetch(source + "?q=" + encodeURIComponent(found.term), { headers: { Accept: "application/json" } });
    if (!response.ok) { close(); return; }
    const rows = await response.json();
    const current = token();
    if (!current || current.start !== found.start) return;
    choices = rows.map((row) => found.sign === "@"
      ? { insert: "@" + row.name.replace(/\s+/gu, "") + " ", label: row.name, detail: [row.kana, row.organization].filter(Boolean).join(" · "), outside: !row.seated }
      : { insert: "#" + row.name + " ", label: "#" + row.name, detail: "", outside: false });
    active = 0;
    render();
  }

  function render() {
    if (!choices.length) { close(); return; }
    suggestions.replaceChildren(...choices.map((choice, index) => {
      const item = document.createElement("li");
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", String(index === active));
      item.dataset.testid = "suggestion";
      const name = document.createElement("strong");
      name.textContent = choice.label;
      const detail = document.createElement("span");
      detail.className = "meta";
      detail.textContent = " " + choice.detail + (choice.outside ? " · " + page.dataset.outsideLabel : "");
      item.append(name, detail);
      item.addEventListener("mousedown", (event) => { event.preventDefault(); pick(index); });
      return item;
    }));
    suggestions.hidden = false;
  }

  function close() {
    if (!suggestions) return;
    suggestions.hidden = true;
    choices = [];
  }

  function pick(index) {
    const found = token();
    const choice = choices[index];
    if (!found || !choice) { close(); return; }
    const end = box.selectionStart;
    box.value = box.value.slice(0, found.start) + choice.insert + box.value.slice(end);
    const caret = found.start + choice.insert.length;
    box.setSelectionRange(caret, caret);
    box.dispatchEvent(new Event("input"));
    close();
    box.focus();
  }

  // Arrow keys move through the suggestions, Enter or Tab takes one, Escape closes them.
  function choose(event) {
    if (composing || event.isComposing) return false;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      active = (active + (event.key === "ArrowDown" ? 1 : choices.length - 1)) % choices.length;
      render();
    } else if (event.key === "Enter" || event.key === "Tab") {
      pick(active);
    } else if (event.key === "Escape") {
      close();
    } else {
      return false;
    }
    event.preventDefault();
    return true;
  }
}
