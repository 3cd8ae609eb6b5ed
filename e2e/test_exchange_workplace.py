"""Browser tests of the exchange as a daily workplace: posting without a reload (Enter sends,
never while an IME conversion is open), a second person's sidebar, bell and tab title
counting up live, a mention written as Japanese writers write it (@山本さん), a reaction from
the emoji picker, editing and deleting in place, drafts, every exchange page at 390 px
without sideways scrolling, and the same pages working with JavaScript off.

The people come from the demo community (community.json).
"""

from __future__ import annotations

import re
import time

from playwright.sync_api import Browser, Page, expect

from conftest import demo, screenshot, sign_in
from test_exchange import live, new_page, person, submit


def open_channel(page: Page, name: str) -> str:
    """Creates a public channel and returns its path."""
    page.goto("/exchange/new")
    form = page.locator("form[data-testid=channel-form]")
    form.locator("input[name=name]").fill(name)
    submit(page, "form[data-testid=channel-form]")
    return re.sub(r"^https?://[^/]+", "", page.url).split("?")[0].split("#")[0]


def test_posting_mentions_and_reactions_without_reloading(browser: Browser, base_url: str) -> None:
    writer, reader = person("m-kondo"), person("m-yamamoto")
    stamp = time.strftime("%H%M%S")

    author = new_page(browser, base_url)
    sign_in(author, writer["email"])
    channel = open_channel(author, f"試作の相談 {stamp}")

    # The reader joins, then reads another page of the exchange: the sidebar lists the channel.
    other = new_page(browser, base_url)
    sign_in(other, reader["email"])
    other.goto(channel)
    submit(other, "form[data-testid=join-form]")
    other.goto("/notifications")
    if other.locator("[data-testid=mark-all-read]").count():
        submit(other, "form:has([data-testid=mark-all-read])")
    other.goto("/exchange/mentions")
    expect(other.locator("[data-testid=bell][data-live-state=ready]")).to_have_count(1)
    row = other.locator(f"[data-testid=sidebar] [data-channel='{channel.rsplit('/', 1)[1]}']")
    expect(row).to_have_count(1)
    expect(row.locator("[data-testid=sidebar-unread]")).to_be_hidden()
    other.evaluate("window.__notReloaded = true")

    # The reader also has the list of their channels open in another tab.
    listing = other.context.new_page()
    listing.goto("/exchange")
    expect(listing.locator("[data-testid=bell][data-live-state=ready]")).to_have_count(1)

    author.goto(channel)
    live(author)
    author.evaluate("window.__notReloaded = true")
    box = author.locator("form[data-testid=compose] textarea[name=body]")

    # An Enter that confirms an IME conversion does not send.
    box.click()
    box.type("けんとう")
    box.dispatch_event("compositionstart")
    box.press("Enter")
    box.dispatch_event("compositionend")
    author.wait_for_timeout(300)
    expect(author.locator("[data-testid=timeline] [data-testid=message]")).to_have_count(0)
    expect(author.locator("[data-testid=pending-message]")).to_have_count(0)

    # Then Enter sends: the message appears without a reload, the mention resolved.
    box.fill(f"@山本さん 試作品の検討をお願いします {stamp}")
    box.press("Enter")
    message = author.locator("[data-testid=timeline] [data-testid=message]", has_text=f"検討をお願いします {stamp}")
    expect(message).to_have_count(1)
    expect(message.locator(".mention")).to_have_text("@山本 修")
    expect(box).to_have_value("")
    assert author.evaluate("window.__notReloaded") is True, "the page was reloaded"
    message = author.locator("#" + message.get_attribute("id"))

    # The reader's sidebar, bell and tab title count up live, on another page.
    expect(row.locator("[data-testid=sidebar-unread]")).to_have_text("1")
    expect(row.locator("[data-testid=sidebar-mentions]")).to_have_text("@1")
    expect(other.locator("[data-testid=bell-count]")).to_have_text("1")
    expect(other).to_have_title(re.compile(r"^\(1\) "))
    assert other.evaluate("window.__notReloaded") is True
    screenshot(other, "workplace-1-sidebar-counts")
    listed = listing.locator(f"[data-testid=my-channels] [data-channel='{channel.rsplit('/', 1)[1]}']")
    expect(listed.locator("[data-testid=unread]")).to_have_text("1")
    expect(listed.locator("[data-testid=mentions]")).to_have_text("@1")
    listing.close()

    # The reader opens the channel; the message that arrived has every control. A reaction
    # from the picker (searched in Japanese) shows on both pages with who reacted.
    other.goto(channel)
    live(other)
    arrived = other.locator("#" + message.get_attribute("id"))
    arrived.locator("[data-testid=react-open]").click()
    other.locator("[data-testid=emoji-input]").first.fill("クラッカー")
    picker = arrived.locator("[data-testid=emoji-picker]")
    expect(picker.locator("button:not([hidden])").first).to_have_text("🎉")
    screenshot(other, "workplace-2-emoji-picker")
    picker.locator("button:not([hidden])").first.click()
    chip = message.locator("[data-testid=reaction]")
    expect(chip).to_have_text("🎉 1")
    expect(chip).to_have_attribute("title", reader["name"])
    expect(arrived.locator("[data-testid=reaction]")).to_have_attribute("aria-pressed", "true")

    # A message arriving live on the author's page has the controls too: edit in place.
    other.locator("form[data-testid=compose] textarea[name=body]").fill(f"承知しました :+1: {stamp}")
    other.locator("form[data-testid=compose] textarea[name=body]").press("Enter")
    reply = author.locator("[data-testid=message]", has_text=f"承知しました 👍 {stamp}")
    expect(reply).to_have_count(1)
    expect(reply.locator("[data-testid=react-open]")).to_have_count(1)
    expect(reply.locator("[data-testid=edit-link]")).to_have_count(0)

    message.locator("[data-testid=edit-link]").click()
    editor = message.locator("[data-testid=inline-editor]")
    expect(editor.locator("textarea")).to_have_value(f"@山本 修さん 試作品の検討をお願いします {stamp}")
    editor.locator("textarea").fill(f"@山本 修さん 試作品の検討を改めてお願いします {stamp}")
    editor.locator("[data-testid=save-edit]").click()
    expect(editor).to_have_count(0)
    expect(arrived.locator("[data-testid=message-body]")).to_contain_text("改めてお願いします")
    expect(arrived.locator("[data-testid=edited]")).to_have_count(1)

    # Delete asks first; the tombstone shows on both pages.
    message.locator("[data-testid=delete-message]").click()
    message.locator("[data-testid=confirm-delete]").click()
    expect(arrived.locator("[data-testid=tombstone]")).to_have_count(1)
    expect(message.locator("[data-testid=tombstone]")).to_have_count(1)

    # A send the server refuses (a "PDF" that is not one) leaves the text in the box, with why.
    box.fill(f"仕様書です {stamp}")
    author.locator("form[data-testid=compose] [data-testid=attach]").set_input_files(
        {"name": "仕様書.pdf", "mimeType": "application/pdf", "buffer": b"not a pdf"}
    )
    box.press("Enter")
    expect(author.locator("[data-testid=compose-error]")).to_be_visible()
    expect(author.locator("[data-testid=compose-error]")).to_contain_text("PDF")
    expect(box).to_have_value(f"仕様書です {stamp}")
    expect(author.locator("[data-testid=pending-message]")).to_have_count(0)
    author.locator("form[data-testid=compose] [data-testid=attach]").set_input_files([])

    # A draft survives a reload.
    box.fill(f"下書き {stamp}")
    author.wait_for_timeout(400)
    author.reload()
    expect(author.locator("form[data-testid=compose] textarea[name=body]")).to_have_value(f"下書き {stamp}")
    assert author.evaluate("window.__notReloaded") is None
    for page in (author, other):
        assert not page.js_errors, page.js_errors  # type: ignore[attr-defined]


def test_mentions_are_suggested_and_people_outside_are_offered_an_invitation(browser: Browser, base_url: str) -> None:
    writer, outsider = person("m-kondo"), person("m-yoshida")
    stamp = time.strftime("%H%M%S")
    author = new_page(browser, base_url)
    sign_in(author, writer["email"])
    channel = open_channel(author, f"招待の確認 {stamp}")
    live(author)
    box = author.locator("form[data-testid=compose] textarea[name=body]")
    box.click()
    box.type("@よしだ")
    suggestion = author.locator("[data-testid=suggestion]", has_text=outsider["name"])
    expect(suggestion).to_have_count(1)
    suggestion.click()
    expect(box).to_have_value("@" + outsider["name"].replace(" ", "") + " ")
    box.type(f"さん、見てください {stamp}")
    box.press("Enter")
    check = author.locator("[data-testid=mention-check]")
    expect(check.locator("[data-testid=outsiders]")).to_contain_text(outsider["name"])
    with author.expect_navigation():
        check.locator("[data-testid=invite-outsiders] button").click()
    expect(author.locator(".notice")).to_be_visible()
    assert channel in author.url
    assert not author.js_errors, author.js_errors  # type: ignore[attr-defined]


PAGES_AT_390 = ["/exchange", "/exchange/mentions", "/exchange/search?q=展示", "/exchange/browse", "/exchange/new", "/exchange/direct"]


def test_every_exchange_page_fits_a_phone(browser: Browser, base_url: str) -> None:
    context = browser.new_context(base_url=base_url, viewport={"width": 390, "height": 844}, locale="ja-JP")
    page = context.new_page()
    sign_in(page, person("m-admin")["email"])
    page.goto("/exchange")
    channel = page.locator("[data-testid=my-channels] a").first.get_attribute("href")
    page.goto(channel)
    thread = page.locator("[data-testid=replies]").first.get_attribute("href")
    widths = {}
    for path in PAGES_AT_390 + [channel, thread, channel + "/files"]:
        page.goto(path)
        page.wait_for_load_state("networkidle")
        widths[path] = page.evaluate("document.documentElement.scrollWidth")
    assert all(width <= 390 for width in widths.values()), widths
    # The sidebar folds away on a phone, and opens.
    page.goto(channel)
    sidebar = page.locator("[data-testid=sidebar] details")
    expect(sidebar).not_to_have_attribute("open", "")
    sidebar.locator("summary").click()
    expect(page.locator("[data-testid=sidebar-channels]")).to_be_visible()
    screenshot(page, "workplace-3-phone-channel")
    context.close()


def test_posting_and_reacting_work_with_javascript_off(browser: Browser, base_url: str) -> None:
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900}, locale="ja-JP", java_script_enabled=False)
    page = context.new_page()
    stamp = time.strftime("%H%M%S")
    sign_in(page, person("m-kondo")["email"])
    channel = open_channel(page, f"JSなし {stamp}")
    page.locator("form[data-testid=compose] textarea[name=body]").fill(f"JavaScriptなしで投稿 {stamp}")
    submit(page, "form[data-testid=compose]")
    message = page.locator("[data-testid=message]", has_text=f"JavaScriptなしで投稿 {stamp}")
    expect(message).to_have_count(1)
    message.locator("[data-testid=react-open]").click()
    with page.expect_navigation():
        message.locator("form.quick button[value='👍']").click()
    expect(page.locator("[data-testid=message]", has_text=stamp).locator("[data-testid=reaction]")).to_have_text("👍 1")
    page.locator("[data-testid=message]", has_text=stamp).locator("[data-testid=delete-message]").click()
    with page.expect_navigation():
        page.locator("[data-testid=message]", has_text=stamp).locator("[data-testid=confirm-delete]").click()
    expect(page.locator(".notice")).to_be_visible()
    expect(page.locator("[data-testid=tombstone]")).to_have_count(1)
    assert channel in page.url
    context.close()
