"""A real SMTP server for the browser tests: aiosmtpd on a loopback port, keeping each mail
it receives as an .eml file in a folder. scripts/e2e starts it before the server and points
MUSUBI_SMTP_URL at it; the tests read the folder (MUSUBI_E2E_MAIL_DIR).

Usage: python3 e2e/mail_sink.py PORT FOLDER   (runs until stdin closes or it is killed)
"""

from __future__ import annotations

import os
import sys
import time

from aiosmtpd.controller import Controller


class Keep:
    def __init__(self, folder: str) -> None:
        self.folder = folder

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        name = os.path.join(self.folder, f"{time.time_ns()}.eml")
        with open(name + ".part", "wb") as f:
            f.write(envelope.original_content)
        os.rename(name + ".part", name)
        return "250 Message accepted"


def main() -> None:
    port, folder = int(sys.argv[1]), sys.argv[2]
    os.makedirs(folder, exist_ok=True)
    controller = Controller(Keep(folder), hostname="127.0.0.1", port=port)
    controller.start()
    print("ready", flush=True)
    try:
        while True:
            time.sleep(3600)
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
