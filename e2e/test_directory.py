"""Browser tests: language switch, sign-in, the member directory, profile editing.

Each test starts from a fresh browser context (no cookies) against the server that
scripts/e2e started with the demo community loaded.
"""

from __future__ import annotations

import re
import time
from datetime import datetime
from urllib.parse import parse_qs, urlparse

from playwright.sync_api import Page, expect

from conftest import (
    ADMIN_EMAIL,
    DEMO_PASSWORD,
    demo_members,
    demo_sector_of,
    first_plain_member,
    member_with_keyword,
    norm,
    number_in,
    path_of,
    screenshot,
    sign_in,
    sign_out,
    submit_sign_in_form,
)

FILTERS = "form[data-testid=directory-filters]"
ROWS = "[data-testid=member-row]"
COUNT = "[data-testid=result-count]"
SIGNIN_URL = re.compile(r"/signin(\?|$)")


# --- helpers ------------------------------------------------------------------


def open_directory(page: Page) -> None:
    page.goto("/members")
    page.wait_for_load_state()
    assert path_of(page) == "/members", f"expected the directory, got {page.url}"
    expect(page.locator(FILTERS)).to_be_visible()
    expect(page.locator(COUNT)).to_be_visible()


def apply_filters(page: Page, **values: str) -> None:
    """Sets the directory filters (q as text, the others as selects) and submits the
    GET form, the way a person would: pressing its submit button, or Enter in q."""
    form = page.locator(FILTERS)
    for name, value in values.items():
        if name == "q":
            form.locator("input[name=q]").fill(value)
        else:
            form.locator(f"select[name={name}]").select_option(value)
    submit = form.locator("button[type=submit], input[type=submit]")
    with page.expect_navigation():
        if submit.count() > 0:
            submit.first.click()
        else:
            form.locator("input[name=q]").press("Enter")
    page.wait_for_load_state()
    query = parse_qs(urlparse(page.url).query, keep_blank_values=True)
    for name, value in values.items():
        assert query.get(name) == [value], f"{name}={value!r} not in the URL {page.url}"


def result_count(page: Page) -> int:
    return number_in(page.locator(COUNT).inner_text())


def row_texts(page: Page) -> list[str]:
    return [norm(t) for t in page.locator(ROWS).all_inner_texts()]


def who_is_in(row: str) -> dict | None:
    """The demo member named in a (normalised) row, the longest name that matches."""
    matches = [m for m in demo_members() if norm(m["name"]) in row]
    return max(matches, key=lambda m: len(norm(m["name"])), default=None)


# --- tests ----------------------------------------------------------------------


def test_healthz(page: Page, base_url: str) -> None:
    response = page.request.get(f"{base_url}/healthz")
    assert response.status == 200
    assert response.text().strip() == "ok"


def test_visitor_sees_japanese_home_and_switches_language(page: Page) -> None:
    page.goto("/")
    page.wait_for_load_state()
    html = page.locator("html")
    expect(html).to_have_attribute("lang", "ja")
    assert re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", page.locator("body").inner_text()), \
        "the Japanese home page shows no Japanese text"
    screenshot(page, "a1-home-ja")

    page.locator("a[data-testid=lang-en]").first.click()
    expect(html).to_have_attribute("lang", "en")
    page.wait_for_load_state()
    switch_back = page.locator("a[data-testid=lang-ja]").first
    expect(switch_back).to_be_visible()
    screenshot(page, "a2-home-en")

    # The choice sticks for the next page of the visit.
    page.goto("/")
    page.wait_for_load_state()
    expect(html).to_have_attribute("lang", "en")

    page.locator("a[data-testid=lang-ja]").first.click()
    expect(html).to_have_attribute("lang", "ja")
    page.wait_for_load_state()
    expect(page.locator("a[data-testid=lang-en]").first).to_be_visible()
    screenshot(page, "a3-home-ja-again")


def test_visitor_is_sent_to_signin_from_directory_and_back_after_signing_in(page: Page) -> None:
    page.goto("/members")
    page.wait_for_load_state()
    expect(page).to_have_url(SIGNIN_URL)
    next_values = parse_qs(urlparse(page.url).query).get("next", [])
    assert next_values and next_values[0].startswith("/members"), \
        f"the sign-in redirect does not carry next=/members: {page.url}"
    expect(page.locator(ROWS)).to_have_count(0)
    screenshot(page, "d1-members-redirects-to-signin")

    submit_sign_in_form(page, ADMIN_EMAIL, DEMO_PASSWORD)
    assert path_of(page) == "/members", f"after signing in, expected /members, got {page.url}"
    expect(page.locator(ROWS).first).to_be_visible()
    screenshot(page, "d2-back-on-members-after-signin")


def test_admin_filters_directory_by_sector(page: Page) -> None:
    sign_in(page, ADMIN_EMAIL, DEMO_PASSWORD)
    screenshot(page, "b1-admin-signed-in")

    open_directory(page)
    form = page.locator(FILTERS)
    for name in ("sector", "field", "prefecture"):
        expect(form.locator(f"select[name={name}]")).to_have_count(1)
    sector_values = form.locator("select[name=sector] option").evaluate_all(
        "options => options.map(o => o.value)")
    assert set(sector_values) >= {"", "industry", "academia", "government", "finance", "support"}, \
        f"sector options: {sector_values}"
    expect(page.locator(ROWS).first).to_be_visible()
    total = result_count(page)
    assert total > 0
    screenshot(page, "b2-directory-all")

    apply_filters(page, sector="academia")
    expect(page.locator(ROWS).first).to_be_visible()
    academia = result_count(page)
    screenshot(page, "b3-directory-academia")
    assert 0 < academia < total, f"academia: {academia}, all: {total}"
    assert page.locator(ROWS).count() <= academia

    # Every row we can tie to a demo person is someone from academia.
    for row in row_texts(page):
        person = who_is_in(row)
        if person is not None:
            assert demo_sector_of(person) == "academia", \
                f"{person['name']} ({demo_sector_of(person)}) listed under academia"

    # The chosen filter is kept in the form after the search.
    expect(form.locator("select[name=sector]")).to_have_value("academia")


def test_admin_searches_directory_with_half_width_katakana(page: Page) -> None:
    bubble_person = member_with_keyword("バブル")
    sign_in(page, ADMIN_EMAIL, DEMO_PASSWORD)
    open_directory(page)

    apply_filters(page, q="ﾊﾞﾌﾞﾙ")
    expect(page.locator(ROWS).first).to_be_visible()
    found = result_count(page)
    screenshot(page, "b4-directory-search-half-width")
    assert found > 0
    rows = row_texts(page)
    assert any(norm(bubble_person["name"]) in row for row in rows), \
        f"{bubble_person['name']} (keywords {bubble_person['keywords']}) not among {rows}"
    expect(page.locator(f"{FILTERS} input[name=q]")).to_have_value("ﾊﾞﾌﾞﾙ")

    # Full-width katakana and hiragana are the same word to search.
    for spelling, shot in (("バブル", "b5-directory-search-full-width"),
                           ("ばぶる", "b6-directory-search-hiragana")):
        apply_filters(page, q=spelling)
        screenshot(page, shot)
        assert result_count(page) == found, f"{spelling!r} finds a different number than 'ﾊﾞﾌﾞﾙ'"
        assert any(norm(bubble_person["name"]) in row for row in row_texts(page))


def test_member_edits_profile_then_signs_out(page: Page) -> None:
    member = first_plain_member()
    sign_in(page, member["email"], DEMO_PASSWORD)
    screenshot(page, "c1-member-signed-in")

    page.goto("/me/edit")
    page.wait_for_load_state()
    form = page.locator("form[data-testid=profile-form]")
    expect(form).to_be_visible()
    expect(form.locator("input[name=title]")).to_have_value(member["title"])
    expect(form.locator("textarea[name=seeking]")).to_be_visible()
    expect(form.locator("input[name=keywords]")).to_be_visible()
    screenshot(page, "c2-profile-edit")

    stamp = datetime.now().strftime("%Y%m%d%H%M%S") + f"{time.time_ns() % 1000:03d}"
    new_offer = f"E2E確認用: 微細気泡による洗浄の共同評価を承ります(受付番号 {stamp})"
    form.locator("textarea[name=offer]").fill(new_offer)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    expect(page).to_have_url(re.compile(r"/members/\d+/?(\?|#|$)"))
    expect(page.locator("body")).to_contain_text(new_offer)
    expect(page.locator("body")).to_contain_text(member["name"])
    screenshot(page, "c3-profile-saved")

    # The edit form now shows the saved text.
    page.goto("/me/edit")
    page.wait_for_load_state()
    expect(page.locator("form[data-testid=profile-form] textarea[name=offer]")).to_have_value(new_offer)

    sign_out(page)
    screenshot(page, "c4-signed-out")
    page.goto("/members")
    page.wait_for_load_state()
    expect(page).to_have_url(SIGNIN_URL)
    screenshot(page, "c5-members-after-signout")
