"""A headless Chromium for browser tests, installed from Debian's packages when missing.

The project installs what its tests need: on a machine without ``chromium``
and ``chromedriver`` (a fresh CI machine), running as root with apt, they are
installed once. Anywhere else the tests fail with what to install; they are
never skipped.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

PACKAGES = ("chromium", "chromium-driver")
SCREENSHOTS = Path(__file__).resolve().parents[1] / "build" / "screenshots"


def ensure_chromium() -> tuple[str, str]:
    """Paths of chromium and chromedriver, installing the Debian packages if need be."""
    if not (shutil.which("chromium") and shutil.which("chromedriver")):
        if os.geteuid() != 0 or not shutil.which("apt-get"):
            raise RuntimeError(f"browser tests need {' and '.join(PACKAGES)}: apt-get install them")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env, capture_output=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", *PACKAGES], check=True, env=env,
                       capture_output=True)  # fmt: skip
    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    assert chromium and driver
    return chromium, driver


def start_browser() -> webdriver.Chrome:
    """Headless Chromium, 1400 by 1000 pixels, that logs every network request."""
    chromium, driver = ensure_chromium()
    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,1000",
                     "--disable-background-networking", "--no-first-run"):  # fmt: skip
        options.add_argument(argument)
    options.binary_location = chromium
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    return webdriver.Chrome(service=Service(driver), options=options)


def requested_urls(browser: webdriver.Chrome) -> list[str]:
    """Every URL the page requested since the last call."""
    urls = []
    for entry in browser.get_log("performance"):  # type: ignore[no-untyped-call]
        message: dict[str, Any] = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


_TWO_FRAMES = """
const done = arguments[arguments.length - 1];
requestAnimationFrame(() => requestAnimationFrame(() => done(true)));
"""


def screenshot(browser: webdriver.Chrome, name: str) -> Path:
    """A full-page screenshot kept under build/screenshots (a test artifact)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    height = browser.execute_script("return document.body.scrollHeight")
    browser.set_window_size(1400, max(int(height), 1000))
    browser.execute_async_script(_TWO_FRAMES)  # let the page lay itself out at the new size
    path = SCREENSHOTS / f"{name}.png"
    browser.save_screenshot(str(path))
    return path
