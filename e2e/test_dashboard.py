"""The coordinator's dashboard and a member's weekly digest, in a real browser.

A coordinator opens the dashboard, sees the year's charts drawn as SVG, and downloads one
chart's numbers as a CSV that Japanese Excel opens (UTF-8 with a BOM, CRLF). A member reads
the web version of their weekly digest.
"""

from __future__ import annotations

from playwright.sync_api import Browser, expect

from conftest import screenshot, sign_in
from test_exchange import new_page, person


def test_a_coordinator_reads_the_year_and_downloads_its_numbers(browser: Browser, base_url: str) -> None:
    page = new_page(browser, base_url)
    sign_in(page, person("m-kubo")["email"])
    page.goto("/manage/dashboard")
    expect(page.locator("h1")).to_contain_text("年度")
    for chart in ["participants", "active_members", "new_members", "messages", "listings", "introductions", "bulletins"]:
        expect(page.locator(f"[data-testid=chart-{chart}] svg")).to_be_visible()
    # The demo community joined this year: some months have participants.
    bars = page.locator("[data-testid=chart-participants] svg rect title")
    assert bars.count() > 0, "the participants chart draws bars"
    screenshot(page, "dashboard-1-charts")

    with page.expect_download() as downloaded:
        page.locator("[data-testid=csv-new_members]").click()
    data = open(downloaded.value.path(), "rb").read()
    assert data.startswith(b"\xef\xbb\xbf"), "a BOM, for Excel"
    text = data[3:].decode("utf-8")
    lines = text.split("\r\n")
    assert lines[0].startswith("月,産業,学術,行政,金融,支援機関"), lines[0]
    assert 2 <= len(lines) <= 14 and lines[-1] == "", lines
    assert lines[1].split(",")[0].endswith("年4月"), lines[1]
    assert not page.js_errors, page.js_errors  # type: ignore[attr-defined]


def test_a_member_reads_the_web_version_of_their_digest(browser: Browser, base_url: str) -> None:
    page = new_page(browser, base_url)
    sign_in(page, person("m-kondo")["email"])
    page.goto("/me/notifications")
    expect(page.locator("[data-testid=preference-weekly_digest]")).to_be_visible()
    with page.expect_navigation():
        page.locator("[data-testid=digest-link]").click()
    expect(page.locator("[data-testid=digest] h1")).to_have_text("週刊ダイジェスト")
    expect(page.locator("[data-testid=digest-schedule]")).to_be_visible()
    # The demo's bulletins for the member's fields, and Mix suggestions from the engine.
    expect(page.locator("[data-testid=digest-entry]").first).to_be_visible()
    screenshot(page, "digest-1-web-version")
    assert not page.js_errors, page.js_errors  # type: ignore[attr-defined]
