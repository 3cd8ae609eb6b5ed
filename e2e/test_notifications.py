"""Browser test of the bell: one person waits on the home page; another opens a direct
conversation with them and writes. The bell's count goes up on the first page without a
reload, the tab's title carries it, and the notification leads to the message.

The people come from the demo community (community.json).
"""

from __future__ import annotations

import re
import time

from playwright.sync_api import Browser, expect

from conftest import screenshot, sign_in
from test_exchange import live, new_page, person, send, submit


def test_a_direct_message_rings_the_bell_without_reloading(browser: Browser, base_url: str) -> None:
    reader, writer = person("m-kondo"), person("m-yamamoto")
    stamp = time.strftime("%H%M%S")

    waiting = new_page(browser, base_url)
    sign_in(waiting, reader["email"])
    waiting.goto("/notifications")
    read_all = waiting.locator("[data-testid=mark-all-read]")
    if read_all.count():
        submit(waiting, "form:has([data-testid=mark-all-read])")
    waiting.goto("/")
    expect(waiting.locator("[data-testid=bell][data-live-state=ready]")).to_have_count(1)
    expect(waiting.locator("[data-testid=bell-count]")).to_be_hidden()
    waiting.evaluate("window.__notReloaded = true")

    sender = new_page(browser, base_url)
    sign_in(sender, writer["email"])
    sender.goto(f"/exchange/direct?q={reader['name'].split()[0]}")
    sender.locator("[data-testid=people-picker] input[type=checkbox]").first.check()
    submit(sender, "form[data-testid=people-picker]")
    sender.locator("form[data-testid=compose] textarea[name=body]").fill(f"展示発表会の件でご相談です {stamp}")
    live(sender)
    send(sender, "form[data-testid=compose]")

    count = waiting.locator("[data-testid=bell-count]")
    expect(count).to_be_visible()
    expect(count).to_have_text("1")
    expect(waiting).to_have_title(re.compile(r"^\(1\) "))
    assert waiting.evaluate("window.__notReloaded") is True, "the page was reloaded"
    assert not waiting.js_errors, waiting.js_errors  # type: ignore[attr-defined]
    screenshot(waiting, "notifications-1-bell")

    with waiting.expect_navigation():
        waiting.locator("[data-testid=bell]").click()
    item = waiting.locator("[data-testid=notification]").first
    expect(item).to_contain_text(f"{writer['name']}さんからダイレクトメッセージが届きました")
    expect(item).to_contain_text(stamp)
    screenshot(waiting, "notifications-2-list")
    with waiting.expect_navigation():
        item.locator("a").first.click()
    expect(waiting.locator("[data-testid=message]", has_text=stamp)).to_be_visible()
