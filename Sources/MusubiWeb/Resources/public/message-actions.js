// Reacting, editing and deleting without a reload (the same forms and links work without
// this file). The result arrives through the live connection, like anyone else's change.
// The reaction menu gains a picker of every emoji, searched by Japanese or English name
// or shortcode, from the catalog the server ships (`EmojiCatalog`).
const page = document.querySelector("[data-live-channel]");
if (page) {
  let catalog = null;
  const emoji = () => {
    catalog ??= fetch(page.dataset.emojiHref).then((response) => response.json()).then((data) =>
      data.groups.flatMap((group) => group.emoji.map(([character, english, japanese, shortcodes]) => ({
        character, title: japanese || english, words: fold([english, japanese, ...shortcodes].join(" ")),
      }))));
    return catalog;
  };
  // Katakana as hiragana, case folded: what a search for かお or カオ or Face finds.
  const fold = (text) => text.toLowerCase().replace(/[\u30a1-\u30f6]/gu, (kana) => String.fromCharCode(kana.charCodeAt(0) - 0x60));

  async function sendForm(form, submitter) {
    const item = form.closest("[data-testid=message]");
    item?.querySelector("[data-testid=action-error]")?.remove();
    const response = await fetch(form.action, {
      // As the browser would send the form (these forms carry no files).
      method: "POST", body: new URLSearchParams(new FormData(form, submitter)), headers: { Accept: "application/json" },
    }).catch(() => null);
    if (response?.ok) return true;
    const outcome = await response?.json().catch(() => ({}));
    const note = document.createElement("p");
    note.className = "error";
    note.dataset.testid = "action-error";
    note.setAttribute("role", "alert");
    note.textContent = [outcome?.error?.message || page.dataset.liveFailed, ...(outcome?.error?.problems || []).map((p) => p.message)].join(" ");
    item?.append(note);
    return false;
  }

  document.addEventListener("submit", async (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement)) return;
    if (form.matches("[data-emoji-search]")) {
      event.preventDefault();
      // A search typed in the box picks the first emoji shown; an emoji or :shortcode: is sent as it is.
      const input = form.querySelector("input[name=emoji]");
      const first = form.closest(".react-panel")?.querySelector(".emoji-grid button:not([hidden])");
      if (first && !/^(:[a-z0-9_+-]+:|\p{Extended_Pictographic}.*)$/u.test(input.value.trim())) {
        first.click();
        return;
      }
      if (await sendForm(form, event.submitter)) { input.value = ""; form.closest("details")?.removeAttribute("open"); }
    } else if (form.matches("[data-react-form], [data-delete-form]")) {
      event.preventDefault();
      if (await sendForm(form, event.submitter)) form.closest("details")?.removeAttribute("open");
    }
  });

  // The picker, built the first time a message's menu opens.
  document.addEventListener("toggle", async (event) => {
    const menu = event.target;
    if (!(menu instanceof HTMLDetailsElement) || !menu.matches("[data-react-menu]") || !menu.open || menu.dataset.picker) return;
    menu.dataset.picker = "1";
    const quick = menu.querySelector("form.quick");
    const search = menu.querySelector("[data-emoji-search] input[name=emoji]");
    const grid = document.createElement("div");
    grid.className = "emoji-grid";
    grid.dataset.testid = "emoji-picker";
    const all = await emoji();
    grid.append(...all.map((entry) => {
      const button = document.createElement("button");
      button.type = "submit";
      button.name = "emoji";
      button.value = entry.character;
      button.className = "link";
      button.title = entry.title;
      button.textContent = entry.character;
      button.dataset.words = entry.words;
      return button;
    }));
    quick?.append(grid);
    if (search) {
      search.placeholder = page.dataset.emojiSearchLabel;
      const filter = () => {
        const terms = fold(search.value.trim()).split(/\s+/u).filter(Boolean);
        for (const button of grid.children) button.hidden = !terms.every((term) => button.dataset.words.includes(term));
      };
      search.addEventListener("input", filter);
      filter();
      search.focus();
    }
  }, true);

  // Editing in place: the text as its author would type it again comes from the edit page.
  document.addEventListener("click", async (event) => {
    const link = event.target.closest?.("[data-edit-link]");
    if (!link) return;
    const item = link.closest("[data-testid=message]");
    const body = item?.querySelector(".body");
    if (!body || item.querySelector("[data-testid=inline-editor]")) { event.preventDefault(); return; }
    event.preventDefault();
    const response = await fetch(link.href, { headers: { Accept: "text/html" } });
    if (!response.ok) { location.href = link.href; return; }
    const source = new DOMParser().parseFromString(await response.text(), "text/html").querySelector("form[data-testid=edit-form]");
    if (!source) { location.href = link.href; return; }
    const editor = document.adoptNode(source);
    editor.dataset.testid = "inline-editor";
    editor.querySelector("a[data-testid=cancel-edit]")?.addEventListener("click", (cancel) => { cancel.preventDefault(); finish(); });
    const finish = () => { editor.remove(); body.hidden = false; };
    editor.addEventListener("submit", async (submit) => {
      submit.preventDefault();
      if (await sendForm(editor, submit.submitter)) finish();
    });
    editor.querySelector("textarea")?.addEventListener("keydown", (key) => {
      if (key.key === "Escape") finish();
      if (key.key === "Enter" && (key.ctrlKey || key.metaKey) && !key.isComposing) { key.preventDefault(); editor.requestSubmit(); }
    });
    body.hidden = true;
    body.after(editor);
    editor.querySelector("textarea")?.focus();
  });
}
