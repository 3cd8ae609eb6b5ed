"""The API as its document describes it: schemathesis runs every check on every operation of
/api/openapi.json (examples, boundary coverage, fuzzing and stateful sequences) as the demo
administrator, and must report nothing.

It runs last (conftest orders it so): it writes freely into the demo community.
Settings are in e2e/schemathesis.toml, hooks in e2e/schemathesis_hooks.py. The budget per
operation is MUSUBI_API_FUZZ_EXAMPLES (30) generated cases.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import requests

from conftest import ADMIN_EMAIL, DEMO_PASSWORD

E2E = Path(__file__).resolve().parent


def _token(base_url: str) -> tuple[str, int]:
    """A new API token for the demo administrator, made as a person makes one: on the account page."""
    session = requests.Session()

    def csrf(path: str) -> str:
        page = session.get(base_url + path, timeout=30)
        page.raise_for_status()
        return re.search(r'name="_csrf" value="([^"]+)"', page.text).group(1)

    signed_in = session.post(
        base_url + "/signin",
        data={"_csrf": csrf("/signin"), "email": ADMIN_EMAIL, "password": DEMO_PASSWORD, "next": "/"},
        timeout=30,
    )
    signed_in.raise_for_status()
    created = session.post(base_url + "/me/tokens", data={"_csrf": csrf("/me/account"), "name": "schemathesis"}, timeout=30)
    token = re.search(r'data-testid="new-token">([^<]+)<', created.text).group(1)
    listed = requests.get(base_url + "/api/v1/tokens", headers={"Authorization": f"Bearer {token}"}, timeout=30).json()
    token_id = max(item["id"] for item in listed["items"] if item["name"] == "schemathesis")
    return token, token_id


def test_schemathesis_reports_nothing(base_url: str, tmp_path: Path) -> None:
    token, token_id = _token(base_url)
    environment = dict(
        os.environ,
        MUSUBI_FUZZ_TOKEN_ID=str(token_id),
        SCHEMATHESIS_HOOKS="schemathesis_hooks",
        PYTHONPATH=os.pathsep.join(filter(None, [str(E2E), os.environ.get("PYTHONPATH")])),
    )
    command = [
        sys.executable, "-m", "schemathesis.cli",
        "--config-file", str(E2E / "schemathesis.toml"),
        "run", f"{base_url}/api/openapi.json",
        "--checks", "all",
        "--header", f"Authorization: Bearer {token}",
        "--max-examples", os.environ.get("MUSUBI_API_FUZZ_EXAMPLES", "30"),
        # One worker: hypothesis describing its strategies from two threads at once trips
        # CPython 3.11's AST recursion counter (a SystemError inside schemathesis, not an answer).
        "--workers", "1",
        "--no-color",
        "--report", "junit", "--report-dir", str(tmp_path),
    ]  # fmt: skip
    run = subprocess.run(command, env=environment, cwd=tmp_path, capture_output=True, text=True, timeout=1800)
    print(run.stdout[-20000:])
    print(run.stderr[-5000:], file=sys.stderr)
    assert run.returncode == 0, "schemathesis reported problems (above)"
    assert "Failures:" not in run.stdout
    # The token it ran with still works: the run tested what it meant to.
    me = requests.get(f"{base_url}/api/v1/me", headers={"Authorization": f"Bearer {token}"}, timeout=30)
    assert me.status_code == 200
