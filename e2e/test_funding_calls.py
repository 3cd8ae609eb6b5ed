"""Browser test of the coordinator's desk: a coordinator publishes a funding call for a
field; a member of that field sees it on the home page, opens it and saves it; the reminder
(its deadline is two days away) arrives in the test SMTP server, its Japanese subject decoded
as a mail program decodes it.

The SMTP server is e2e/mail_sink.py, started by scripts/e2e (MUSUBI_E2E_MAIL_DIR).
"""

from __future__ import annotations

import email
import email.policy
import os
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from playwright.sync_api import Browser, expect

from conftest import screenshot, sign_in
from test_exchange import new_page, person, submit

TOKYO = timezone(timedelta(hours=9))


def mails_to(address: str) -> list[email.message.EmailMessage]:
    folder = Path(os.environ["MUSUBI_E2E_MAIL_DIR"])
    found = []
    for path in sorted(folder.glob("*.eml")):
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        if address in str(message["to"]):
            found.append(message)
    return found


def wait_for_mail(address: str, subject_part: str, seconds: float = 90) -> email.message.EmailMessage:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for message in mails_to(address):
            if subject_part in str(message["subject"]):
                return message
        time.sleep(1)
    subjects = [str(m["subject"]) for m in mails_to(address)]
    raise AssertionError(f"no mail to {address} with {subject_part!r} within {seconds} s; arrived: {subjects}")


def test_a_saved_funding_call_is_reminded_by_mail(browser: Browser, base_url: str) -> None:
    coordinator, member = person("m-fukuda"), person("m-kondo")
    stamp = time.strftime("%H%M%S")
    title = f"陸上養殖の設備導入補助金 {stamp}"
    deadline = (datetime.now(TOKYO) + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")

    # The member starts with nothing unread.
    reader = new_page(browser, base_url)
    sign_in(reader, member["email"])
    reader.goto("/notifications")
    if reader.locator("[data-testid=mark-all-read]").count():
        submit(reader, "form:has([data-testid=mark-all-read])")

    desk = new_page(browser, base_url)
    sign_in(desk, coordinator["email"])
    desk.goto("/bulletins/new")
    form = desk.locator("form[data-testid=bulletin-form]")
    form.locator("select[name=kind]").select_option("funding_call")
    form.locator("select[name=visibility]").select_option("members")
    form.locator("input[name=title]").fill(title)
    form.locator("textarea[name=body]").fill("*補助率 1/2* 陸上養殖の水処理・循環設備が対象です。")
    form.locator("label.check", has_text="水産・陸上養殖").first.locator("input").check()
    form.locator("input[name=funderName]").fill("県水産振興課")
    form.locator("input[name=amountMax]").fill("10000000")
    form.locator("input[name=deadline]").fill(deadline)
    submit(desk, "form[data-testid=bulletin-form]")
    expect(desk.locator("[data-testid=bulletin-title]")).to_have_text(title)
    screenshot(desk, "funding-call-1-published")

    reader = new_page(browser, base_url)
    sign_in(reader, member["email"])
    reader.goto("/notifications")
    reader.goto("/")
    # Published now, for their field: the bell already counts it.
    expect(reader.locator("[data-testid=bell-count]")).to_have_text("1")
    on_home = reader.locator("[data-testid=home-bulletin]", has_text=title)
    expect(on_home).to_be_visible()
    screenshot(reader, "funding-call-2-home")
    with reader.expect_navigation():
        on_home.locator("a").first.click()
    expect(reader.locator("[data-testid=funding-details]")).to_contain_text("10,000,000円")
    with reader.expect_navigation():
        reader.locator("[data-testid=save-call]").click()
    expect(reader.locator("[data-testid=unsave-call]")).to_be_visible()
    screenshot(reader, "funding-call-3-saved")

    reminder = wait_for_mail(member["email"], "締切が近づいています")
    assert title in str(reminder["subject"]), reminder["subject"]
    text = reminder.get_body(preferencelist=("plain",)).get_content()
    assert f"{member['name']} 様" in text and "/bulletins/" in text
    assert reminder["List-Unsubscribe"], "a reminder can be turned off in one click"
    assert not reader.js_errors, reader.js_errors  # type: ignore[attr-defined]
