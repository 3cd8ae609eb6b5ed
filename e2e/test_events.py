"""Events on a phone: a member registers and opens their ticket; the coordinator at the door
opens the person with the ticket's code, finds them by the reading of their name, checks them
in without leaving the page, and the counts change.
"""

from __future__ import annotations

import re

from playwright.sync_api import Browser, Page, expect

from conftest import screenshot, sign_in
from test_exchange import person

SEMINAR = "スタートアップセミナー"


def phone(browser: Browser, base_url: str) -> Page:
    context = browser.new_context(
        base_url=base_url, viewport={"width": 390, "height": 844}, locale="ja-JP", is_mobile=True, has_touch=True
    )
    context.set_default_timeout(20_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.js_errors = errors  # type: ignore[attr-defined]
    return page


def fits(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{page.url} is {width} px wide on a 390 px phone"


def test_a_member_registers_and_is_checked_in_at_the_door_by_name(browser: Browser, base_url: str) -> None:
    member = phone(browser, base_url)
    sign_in(member, person("m-yasuda")["email"])
    member.goto("/events")
    with member.expect_navigation():
        member.get_by_role("link", name=re.compile(SEMINAR)).first.click()
    event_path = member.url.split(base_url)[-1].split("?")[0]
    fits(member)
    with member.expect_navigation():
        member.locator("[data-testid=register-form] button").click()
    expect(member.locator("[data-testid=my-registration]")).to_contain_text("参加登録済み")
    with member.expect_navigation():
        member.locator("[data-testid=event-ticket]").click()
    expect(member.locator("[data-testid=ticket-qr] svg")).to_be_visible()
    expect(member.locator("[data-testid=ticket-name]")).to_have_text(person("m-yasuda")["name"])
    ticket = member.locator("[data-testid=ticket-code]").inner_text()
    fits(member)
    screenshot(member, "events-1-ticket-on-a-phone")

    door = phone(browser, base_url)
    sign_in(door, person("m-kubo")["email"])
    # What the ticket's QR code opens on the coordinator's phone.
    door.goto(f"{event_path}/check-in?ticket={ticket}")
    expect(door.locator("[data-testid=ticket-holder]")).to_contain_text(person("m-yasuda")["name"])
    counts = door.locator("[data-testid=door-counts]")
    before = counts.inner_text()
    arrived_before = int(re.search(r"受付済み (\d+) 名", before).group(1))
    fits(door)

    # Found by the reading of the name, checked in without leaving the page.
    door.goto(f"{event_path}/check-in")
    door.locator("[data-testid=door-q]").fill("やすだ")
    with door.expect_navigation():
        door.locator("[data-testid=door-q]").press("Enter")
    row = door.locator("[data-testid=arrivals] li", has_text=person("m-yasuda")["name"])
    expect(row).to_have_count(1)
    url = door.url
    row.locator("[data-testid=check-in]").click()
    expect(counts).to_contain_text(f"受付済み {arrived_before + 1} 名")
    expect(door.locator("[data-testid=arrivals] li", has_text=person("m-yasuda")["name"]).locator("[data-testid=arrived-at]")).to_be_visible()
    assert door.url == url, "no page was loaded"
    expect(door.locator("[data-testid=door-sectors]")).to_contain_text("産業")
    fits(door)
    screenshot(door, "events-2-door-on-a-phone")
    assert not member.js_errors and not door.js_errors, (member.js_errors, door.js_errors)  # type: ignore[attr-defined]
