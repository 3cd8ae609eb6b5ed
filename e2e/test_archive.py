"""Browser test of the community archive: the admin opens データの書き出し from the menu and
downloads the whole community as one zip file, which holds the manifest, the records and no
password hash.
"""

from __future__ import annotations

import json
import zipfile

from playwright.sync_api import Page, expect

from conftest import ADMIN_EMAIL, screenshot, sign_in


def test_an_admin_downloads_the_whole_community(page: Page, tmp_path) -> None:
    sign_in(page, ADMIN_EMAIL)
    page.locator("details.menu summary").click()
    page.locator("[data-testid=nav-community-archive]").click()
    expect(page.get_by_role("heading", name="データの書き出し")).to_be_visible()
    screenshot(page, "community-archive")
    with page.expect_download(timeout=60_000) as waiting:
        page.locator("[data-testid=community-archive-form] button[type=submit]").click()
    download = waiting.value
    assert download.suggested_filename.startswith("musubi-") and download.suggested_filename.endswith(".zip")
    path = tmp_path / "community.zip"
    download.save_as(path)
    with zipfile.ZipFile(path) as archive:
        manifest = json.loads(archive.read("musubi-archive.json"))
        assert manifest["format"] == "musubi-community-archive"
        tables = {table["name"]: table["records"] for table in manifest["tables"]}
        assert tables["members"] >= 60 and tables["messages"] > 0
        members = [json.loads(line) for line in archive.read("tables/members.jsonl").decode().splitlines()]
        assert any(member["email"] == ADMIN_EMAIL for member in members)
        assert all("password_hash" not in member for member in members)
        assert not any(b"$2b$" in archive.read(name) for name in archive.namelist())
