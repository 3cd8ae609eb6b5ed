"""Browser test of seeds and needs: a member posts a need, sees a seed among its
candidates with the reasons, asks for an introduction to its owner; a coordinator
approves; the owner accepts; both land in their private thread and see each other's
contact.

The people come from the demo community (community.json): the requester owns a
company's needs, the owner a college's fine-bubble seed, the coordinator is neither.
"""

from __future__ import annotations

import re
import time

from playwright.sync_api import Browser, Page, expect

from conftest import demo, screenshot, sign_in

SEED_KEY = "l-bubble-antifouling"
REQUESTER_KEY = "m-kondo"
COORDINATOR_KEY = "m-yamamoto"


def person(key: str) -> dict:
    return next(m for m in demo()["members"] if m["key"] == key)


def seed() -> dict:
    return next(entry for entry in demo()["listings"] if entry["key"] == SEED_KEY)


def new_page(browser: Browser, base_url: str) -> Page:
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900}, locale="ja-JP")
    context.set_default_timeout(20_000)
    return context.new_page()


def submit(page: Page, form: str, button: str = "button[type=submit]") -> None:
    with page.expect_navigation():
        page.locator(form).locator(button).first.click()
    page.wait_for_load_state()


def test_a_need_meets_a_seed_and_both_sides_agree_to_meet(browser: Browser, base_url: str) -> None:
    requester, owner = person(REQUESTER_KEY), person(seed()["owner"])
    coordinator = person(COORDINATOR_KEY)
    stamp = time.strftime("%H%M%S")

    # The requester posts a need in their own words: fouling on oyster cages.
    asking = new_page(browser, base_url)
    sign_in(asking, requester["email"])
    asking.goto("/listings")
    asking.locator("[data-testid=new-need]").click()
    asking.wait_for_load_state()
    form = asking.locator("form[data-testid=listing-form]")
    form.locator("input[name=title]").fill(f"養殖カゴの汚れ落としを楽にしたい {stamp}")
    form.locator("textarea[name=summary]").fill("岩ガキのカゴに貝や海藻がびっしり付き、毎週の掃除に半日かかる。細かい泡で洗うような方法はないか。")
    form.locator("input[name=keywords]").fill("付着物、カゴ掃除")
    submit(asking, "form[data-testid=listing-form]")
    assert re.search(r"/listings/\d+$", asking.url.split("?")[0]), asking.url

    # Among the candidates, with its reasons: the college's fine-bubble seed.
    candidate = asking.locator("[data-testid=candidate]", has_text=seed()["title"])
    expect(candidate).to_be_visible()
    expect(candidate.locator("[data-testid=candidate-reasons]")).to_contain_text("ファインバブル")
    screenshot(asking, "introduction-1-need-with-candidates")
    with asking.expect_navigation():
        candidate.locator("a.name").click()

    # Ask for an introduction to its owner.
    asking.locator("[data-testid=ask-introduction]").click()
    asking.wait_for_load_state()
    asking.locator("textarea[name=message]").fill(f"カキ養殖のカゴ掃除に使えないか、ご相談させてください。({stamp})")
    submit(asking, "form[data-testid=introduction-request-form]")
    introduction = asking.url.split("?")[0]
    expect(asking.locator("[data-testid=introduction-status]")).to_have_text("確認待ち")
    expect(asking.locator("body")).not_to_contain_text(owner["email"])

    # The coordinator finds it in the queue and approves it with a note.
    reviewing = new_page(browser, base_url)
    sign_in(reviewing, coordinator["email"])
    reviewing.goto("/introductions")
    expect(reviewing.locator("[data-testid=tab-queue]")).to_have_attribute("aria-current", "page")
    reviewing.locator(f"a[href='{introduction.replace(base_url, '')}']").click()
    reviewing.wait_for_load_state()
    reviewing.locator("form[data-testid=review-form] textarea[name=note]").fill("境港の水産試験場でも試験した例があります。")
    submit(reviewing, "form[data-testid=review-form]", "[data-testid=approve]")
    expect(reviewing.locator("[data-testid=introduction-status]")).to_have_text("相手の回答待ち")

    # The owner sees it, with the coordinator's note, and accepts.
    answering = new_page(browser, base_url)
    sign_in(answering, owner["email"])
    answering.goto(introduction)
    expect(answering.locator("[data-testid=coordinator-note]")).to_contain_text("水産試験場")
    expect(answering.locator("body")).not_to_contain_text(requester["email"])
    submit(answering, "form[data-testid=answer-form]", "[data-testid=accept]")
    expect(answering.locator("[data-testid=introduction-status]")).to_have_text("成立")
    expect(answering.locator(f"a[href='mailto:{requester['email']}']")).to_be_visible()
    answering.locator("form[data-testid=message-form] textarea[name=body]").fill("来週、研究室でデモをお見せできます。")
    submit(answering, "form[data-testid=message-form]")

    # Both are in their private thread; the requester sees the owner's contact and reply.
    asking.goto(introduction)
    expect(asking.locator("[data-testid=thread]")).to_be_visible()
    expect(asking.locator("[data-testid=thread-message]")).to_contain_text("来週、研究室でデモをお見せできます。")
    expect(asking.locator(f"a[href='mailto:{owner['email']}']")).to_be_visible()
    screenshot(asking, "introduction-2-connected")
    for page in (asking, reviewing, answering):
        page.context.close()
