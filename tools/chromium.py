"""Headless Chromium for the picture checks and the README screenshots: the DOM after a page's
scripts ran, and PNG screenshots. Debian's ``chromium`` package; nothing else is fetched."""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars")


def executable() -> str | None:
    """The Chromium binary, or None when it is not installed."""
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if os.access("/usr/bin/chromium", os.X_OK) else None


def _run(page: Path, *extra: str, timeout: float = 120) -> subprocess.CompletedProcess:
    binary = executable()
    if binary is None:
        raise FileNotFoundError("chromium is not installed (apt-get install chromium)")
    with tempfile.TemporaryDirectory(prefix="cnncalc-chromium-") as profile:
        return subprocess.run([binary, *FLAGS, f"--user-data-dir={profile}", *extra, page.resolve().as_uri()],
                              capture_output=True, text=True, timeout=timeout, check=True)


def dump_dom(page: Path, width: int = 1600, height: int = 1200) -> str:
    """The page's DOM as HTML once it has loaded and its scripts have run."""
    return _run(page, f"--window-size={width},{height}", "--dump-dom").stdout


def screenshot(page: Path, png: Path, width: int, height: int) -> Path:
    """A PNG of the page's top ``width``×``height`` pixels."""
    _run(page, f"--window-size={width},{height}", f"--screenshot={png.resolve()}")
    return png
