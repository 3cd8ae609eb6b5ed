#!/usr/bin/env python3
"""Zips a folder's contents (deflated, paths relative to the folder), as Slack's export is.

Used by `musubi bench import` for its synthetic export: it has a file per channel and day,
over a hundred thousand of them, and the Swift zip library rewrites its directory after
every file it adds.
"""

import os
import sys
import zipfile

folder, target = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
    for root, _, files in os.walk(folder):
        for name in sorted(files):
            path = os.path.join(root, name)
            archive.write(path, os.path.relpath(path, folder))
