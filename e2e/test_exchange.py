"""Browser test of the exchange: two people in two browser contexts. One opens a public
channel; the other finds it, joins and posts; the first sees the message appear without
reloading. A reply in the thread appears live for the other, who has the thread open. The
first then searches the channel for a two-character word and finds the message.

The people come from the demo community (community.json).
"""

from __future__ import annotations

import time

from playwright.sync_api import Browser, Page, expect

from conftest import demo, screenshot, sign_in


def person(key: str) -> dict:
    return next(m for m in demo()["members"] if m["key"] == key)


def new_page(browser: Browser, base_url: str) -> Page:
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900}, locale="ja-JP")
    context.set_default_timeout(20_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.js_errors = errors  # type: ignore[attr-defined]
    return page


def submit(page: Page, form: str) -> None:
    with page.expect_navigation():
        page.locator(form).locator("button[type=submit]").first.click()
    page.wait_for_load_state()


def send(page: Page, form: str) -> None:
    """Sends a message as a person with JavaScript does: without leaving the page, until the
    server's copy has replaced the one shown while sending."""
    page.locator(form).locator("button[type=submit]").first.click()
    expect(page.locator(form).locator("textarea[name=body]")).to_have_value("")
    expect(page.locator("[data-testid=pending-message]")).to_have_count(0)


def live(page: Page) -> None:
    """Waits until the page's live connection has caught up."""
    expect(page.locator("[data-live-state=ready]")).to_have_count(1)


def test_a_message_and_a_thread_reply_arrive_without_reloading(browser: Browser, base_url: str) -> None:
    first, second = person("m-kondo"), person("m-yamamoto")
    stamp = time.strftime("%H%M%S")
    name = f"水素の広場 {stamp}"

    # The first person opens a public channel and stays on it.
    opener = new_page(browser, base_url)
    sign_in(opener, first["email"])
    opener.goto("/exchange")
    opener.locator("[data-testid=new-channel]").click()
    opener.wait_for_load_state()
    form = opener.locator("form[data-testid=channel-form]")
    form.locator("input[name=name]").fill(name)
    form.locator("input[name=topic]").fill("水素の製造・貯蔵・利用について")
    submit(opener, "form[data-testid=channel-form]")
    expect(opener.locator("[data-testid=channel-title]")).to_have_text(name)
    live(opener)
    opener.evaluate("window.__notReloaded = true")

    # The second finds it, joins and writes.
    joiner = new_page(browser, base_url)
    sign_in(joiner, second["email"])
    joiner.goto(f"/exchange/browse?q={stamp}")
    with joiner.expect_navigation():
        joiner.locator("[data-testid=channel-browser] a", has_text=name).click()
    submit(joiner, "form[data-testid=join-form]")
    joiner.locator("form[data-testid=compose] textarea[name=body]").fill(f"*水素* の貯蔵で困っています {stamp}")
    joiner.locator("form[data-testid=compose] [data-testid=attach]").set_input_files(
        {"name": "貯蔵タンクの仕様.txt", "mimeType": "text/plain", "buffer": "容量 200L\n".encode()}
    )
    live(joiner)
    send(joiner, "form[data-testid=compose]")

    # It appears on the first page without a reload, with its emphasis and its file, which
    # downloads under its name.
    message = opener.locator("[data-testid=timeline] [data-testid=message]", has_text=f"の貯蔵で困っています {stamp}")
    expect(message).to_be_visible()
    expect(message.locator("[data-testid=message-body] strong")).to_have_text("水素")
    file_link = message.locator("[data-testid=file]")
    expect(file_link).to_have_text("貯蔵タンクの仕様.txt")
    with opener.expect_download() as download:
        file_link.click()
    assert download.value.suggested_filename == "貯蔵タンクの仕様.txt"
    assert opener.evaluate("window.__notReloaded") is True, "the page was reloaded"
    screenshot(opener, "exchange-1-live-message")

    # The second opens the thread; the first replies there; the reply arrives live.
    with joiner.expect_navigation():
        joiner.locator("[data-testid=message]", has_text=stamp).locator("[data-testid=reply-link]").click()
    live(joiner)
    joiner.evaluate("window.__notReloaded = true")
    with opener.expect_navigation():
        message.locator("[data-testid=reply-link]").click()
    opener.locator("form[data-testid=reply-form] textarea[name=body]").fill(f"研究所の設備が使えるかもしれません {stamp}")
    live(opener)
    send(opener, "form[data-testid=reply-form]")
    expect(joiner.locator("[data-testid=thread-replies]")).to_contain_text(f"研究所の設備が使えるかもしれません {stamp}")
    assert joiner.evaluate("window.__notReloaded") is True, "the thread page was reloaded"
    screenshot(joiner, "exchange-2-live-thread-reply")

    # The first searches the channel for a two-character word and finds the message, marked
    # in its text and in its file's name.
    opener.goto("/exchange")
    with opener.expect_navigation():
        opener.locator("[data-testid=my-channels] a", has_text=name).click()
    with opener.expect_navigation():
        opener.locator("[data-testid=search-channel]").click()
    search = opener.locator("[data-testid=search-q]")
    expect(search).to_have_value(f'in:"{name}" ')
    search.press("End")
    search.type("貯蔵")
    with opener.expect_navigation():
        search.press("Enter")
    expect(opener.locator("[data-testid=search-count]")).to_have_text("1 件")
    result = opener.locator("[data-testid=search-results] li.message")
    expect(result).to_have_count(1)
    expect(result.locator("p.body mark")).to_have_text("貯蔵")
    expect(result.locator("[data-testid=result-files] mark")).to_have_text("貯蔵")
    expect(result).to_contain_text(f"困っています {stamp}")
    screenshot(opener, "exchange-3-search")

    for page in (opener, joiner):
        assert not page.js_errors, page.js_errors  # type: ignore[attr-defined]
