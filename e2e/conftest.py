"""Fixtures and helpers for Musubi's browser tests.

The server is started by scripts/e2e, which sets MUSUBI_E2E_BASE_URL. The
browser is Debian's chromium driven by Python Playwright (sync API); Playwright's
own browser download is never used.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright

REPO_ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = REPO_ROOT / "e2e" / "screenshots"
DEMO_COMMUNITY = REPO_ROOT / "Sources" / "MusubiCore" / "Resources" / "demo" / "community.json"
CHROMIUM = os.environ.get("MUSUBI_E2E_CHROMIUM", "/usr/bin/chromium")

DEMO_PASSWORD = "musubi-demo"
ADMIN_EMAIL = "admin@example.jp"

expect.set_options(timeout=10_000)


# --- fixtures -----------------------------------------------------------------


@pytest.fixture(scope="session")
def base_url() -> str:
    return os.environ.get("MUSUBI_E2E_BASE_URL", "http://127.0.0.1:8089").rstrip("/")


@pytest.fixture(scope="session")
def browser() -> Browser:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-dev-shm-usage"],
        )
        yield browser
        browser.close()


@pytest.fixture()
def context(browser: Browser, base_url: str) -> BrowserContext:
    context = browser.new_context(
        base_url=base_url,
        viewport={"width": 1280, "height": 900},
        locale="ja-JP",
        timezone_id="Asia/Tokyo",
    )
    context.set_default_timeout(20_000)
    context.set_default_navigation_timeout(30_000)
    yield context
    context.close()


@pytest.fixture()
def page(context: BrowserContext, request: pytest.FixtureRequest) -> Page:
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        try:
            screenshot(page, f"FAILED-{request.node.name}")
        except Exception as exc:  # the page may be gone; the failure matters more
            print(f"could not take the failure screenshot: {exc}")
        print(f"page URL at failure: {page.url}")
    if errors:
        print("JavaScript errors on the page:\n  " + "\n  ".join(errors))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


def pytest_collection_modifyitems(items):
    """The API conformance run goes last: it writes freely into the demo community."""
    items.sort(key=lambda item: item.path.name == "test_api_conformance.py")


# --- helpers --------------------------------------------------------------------


def screenshot(page: Page, name: str) -> Path:
    """Full-page screenshot at e2e/screenshots/NAME.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", name)
    path = SCREENSHOTS / f"{safe}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def path_of(page: Page) -> str:
    return urlparse(page.url).path


def sign_in(page: Page, email: str, password: str = DEMO_PASSWORD) -> None:
    """Opens /signin, submits the form and waits until we have left /signin."""
    page.goto("/signin")
    page.wait_for_load_state()
    submit_sign_in_form(page, email, password)


def submit_sign_in_form(page: Page, email: str, password: str = DEMO_PASSWORD) -> None:
    """Fills and submits the sign-in form on the current page."""
    form = page.locator("form[data-testid=signin-form]")
    expect(form).to_be_visible()
    form.locator("input[name=email]").fill(email)
    form.locator("input[name=password]").fill(password)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    if path_of(page).rstrip("/") == "/signin":
        body = page.locator("body").inner_text()[:500]
        raise AssertionError(f"sign-in as {email} failed; still on {page.url}: {body!r}")


def sign_out(page: Page) -> None:
    button = page.locator("form[data-testid=signout-form] button[type=submit]")
    expect(button).to_be_visible()
    with page.expect_navigation():
        button.click()
    page.wait_for_load_state()


def norm(text: str) -> str:
    """NFKC with all whitespace removed, to compare names whatever the spacing."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def number_in(text: str) -> int:
    """The result count shown in TEXT (the largest number, so '1–20 / 64' is 64)."""
    numbers = [int(n) for n in re.findall(r"\d+", unicodedata.normalize("NFKC", text).replace(",", ""))]
    if not numbers:
        raise AssertionError(f"no number in the result count {text!r}")
    return max(numbers)


# --- demo data ---------------------------------------------------------------------


@lru_cache(maxsize=1)
def demo() -> dict:
    with DEMO_COMMUNITY.open(encoding="utf-8") as f:
        return json.load(f)


def demo_members() -> list[dict]:
    return demo()["members"]


def demo_sector_of(member: dict) -> str:
    organizations = {o["key"]: o for o in demo()["organizations"]}
    return organizations[member["organization"]]["sector"]


def first_plain_member() -> dict:
    """The first demo member whose role is plain 'member'."""
    for member in demo_members():
        if member.get("role") == "member":
            return member
    raise AssertionError(f"no member with role 'member' in {DEMO_COMMUNITY}")


def member_with_keyword(fragment: str) -> dict:
    """The first listed (non-guest) demo member with a keyword containing FRAGMENT,
    preferring plain members."""
    candidates = [
        m for m in demo_members()
        if m.get("role") != "guest" and any(fragment in k for k in m.get("keywords", []))
    ]
    candidates.sort(key=lambda m: m.get("role") != "member")
    if not candidates:
        raise AssertionError(f"no demo member has a keyword containing {fragment!r}")
    return candidates[0]
