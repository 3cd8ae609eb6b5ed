"""Browser test of the Slack import: the admin uploads a workspace export on the import page
and follows the progress page (it reloads itself) to what to check and the summary; a demo
member whose e-mail address the export has then finds the channel with its history, thread,
reaction, and the message of someone from outside the workspace.

The export is built here with Python's zipfile, shaped as Slack writes one.
"""

from __future__ import annotations

import io
import json
import time
import zipfile

from playwright.sync_api import Page, expect

from conftest import ADMIN_EMAIL, demo, screenshot, sign_in, sign_out


def export_zip(stamp: str, member_email: str) -> bytes:
    base = 1_704_848_400
    users = [
        {"id": "U01", "team_id": "TE2E" + stamp, "name": "demo", "real_name": "デモ会員", "profile": {"email": member_email}},
        {"id": "U02", "team_id": "TE2E" + stamp, "name": "new", "real_name": f"移行 花子{stamp}", "profile": {"email": f"hanako{stamp}@example.jp"}},
    ]
    channel = f"slack-移行-{stamp}"
    channels = [{"id": "C" + stamp, "name": channel, "created": base, "members": ["U01", "U02"], "topic": {"value": "Slack から"}, "purpose": {"value": ""}}]
    messages = [
        {"type": "message", "user": "U02", "ts": f"{base + 60}.000100", "text": "Slack 時代の <https://example.jp/plan|計画書> です &amp; 確認を",
         "reactions": [{"name": "+1", "users": ["U01"], "count": 1}]},
        {"type": "message", "user": "U01", "ts": f"{base + 120}.000200", "text": "<@U02> 了解です", "thread_ts": f"{base + 60}.000100"},
        {"type": "message", "user": "U99", "ts": f"{base + 180}.000300", "text": "共有チャンネルから失礼します",
         "user_profile": {"real_name": f"社外 次郎{stamp}"}},
    ]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("users.json", json.dumps(users, ensure_ascii=False))
        archive.writestr("channels.json", json.dumps(channels, ensure_ascii=False))
        archive.writestr(f"{channel}/2024-01-10.json", json.dumps(messages, ensure_ascii=False))
        archive.writestr("消えたチャンネル/2024-01-10.json", "[]")
    return buffer.getvalue()


def test_an_admin_imports_a_slack_export_and_a_member_finds_its_history(page: Page) -> None:
    stamp = time.strftime("%H%M%S")
    member = next(m for m in demo()["members"] if m["role"] == "member")
    sign_in(page, ADMIN_EMAIL)
    page.goto("/manage/slack-import")
    expect(page.get_by_role("heading", name="Slack からの移行")).to_be_visible()
    page.locator("input[name=export]").set_input_files(
        files=[{"name": f"slack-export-{stamp}.zip", "mimeType": "application/zip", "buffer": export_zip(stamp, member["email"])}]
    )
    with page.expect_navigation():
        page.locator("[data-testid=slack-import-form] button[type=submit]").click()
    summary = page.locator("[data-testid=import-summary]")
    expect(summary).to_be_visible(timeout=30_000)
    warnings = page.locator("[data-testid=import-warnings]")
    expect(warnings).to_contain_text("U99")
    expect(warnings).to_contain_text("消えたチャンネル/")
    assert warnings.bounding_box()["y"] < summary.bounding_box()["y"], "what to check comes before the summary"
    expect(page.locator("[data-testid=summary-messages_imported]")).to_have_text("3")
    expect(page.locator("[data-testid=summary-people_outside]")).to_have_text("1")
    expect(page.locator("[data-testid=summary-people_found]")).to_have_text("1")
    expect(page.locator("[data-testid=summary-people_created]")).to_have_text("1")
    screenshot(page, "slack-import-summary")
    sign_out(page)

    sign_in(page, member["email"])
    page.goto("/exchange")
    page.get_by_role("link", name=f"slack-移行-{stamp}").first.click()
    timeline = page.locator("[data-testid=timeline]")
    expect(timeline).to_contain_text("Slack 時代の")
    expect(timeline.get_by_role("link", name="計画書")).to_have_attribute("href", "https://example.jp/plan")
    expect(timeline).to_contain_text(f"移行 花子{stamp}")
    expect(timeline).to_contain_text("👍")
    expect(timeline).to_contain_text(f"社外 次郎{stamp}")
    screenshot(page, "slack-import-channel")
