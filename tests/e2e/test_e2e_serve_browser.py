"""`groundtui serve` in a real headless browser: the system Chromium, driven by Playwright."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from e2e_terminal import TIMEOUT, log_json
from serving import DAY, SCHEDULE, Served, status_of, wait_gone

pytestmark = pytest.mark.e2e

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

SCREEN_TEXT = """
(() => {
  // Test only: keep the terminal's output as text, to wait for what the app shows.
  const Native = window.WebSocket;
  const decoder = new TextDecoder();
  window.__screen = "";
  window.WebSocket = class extends Native {
    constructor(url, protocols) {
      super(url, protocols);
      this.addEventListener("message", (event) => {
        if (typeof event.data === "string") return;
        window.__screen += decoder.decode(event.data, { stream: true });
      });
    }
  };
})();
"""


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("chromium is not installed (apt-get install chromium)")
    with tempfile.TemporaryDirectory() as profile, sync_api.sync_playwright() as pw:
        try:
            context = pw.chromium.launch_persistent_context(
                profile,
                executable_path=chromium,
                headless=True,
                args=CHROMIUM_FLAGS,
                viewport={"width": 1000, "height": 700},
            )
        except sync_api.Error as err:
            pytest.skip(f"chromium does not start here: {err.message.splitlines()[0]}")
        yield context
        context.close()


@pytest.fixture
def requests_seen(browser) -> Iterator[list[str]]:
    """Every URL the pages ask for (documents, assets, websockets)."""
    seen: list[str] = []

    def on_page(page) -> None:
        page.on("websocket", lambda ws: seen.append(ws.url))

    browser.on("request", lambda request: seen.append(request.url))
    browser.on("page", on_page)
    yield seen
    browser.remove_listener("page", on_page)


def open_tab(browser, url: str):
    page = browser.new_page()
    page.add_init_script(SCREEN_TEXT)
    response = page.goto(url)
    assert response is not None and response.status == 200
    return page


def wait_for_text(page, text: str) -> None:
    page.wait_for_function(
        "(text) => window.__screen.includes(text)", arg=text, timeout=TIMEOUT * 1000
    )


def press(page, key: str) -> None:
    page.locator(".xterm-helper-textarea").focus()
    page.keyboard.press(key)


def test_a_tab_marks_a_reset_done_and_asks_nothing_of_other_hosts(
    browser, requests_seen, groundtui_bin, config_dir, data_dir, cli
) -> None:
    # 09:53:30 on the sample day: in the 09:50-10:00 gap, its notes time over, a reset offered.
    served = Served(
        groundtui_bin,
        config_dir,
        data_dir,
        *("--schedule", SCHEDULE, "--tz", "America/New_York", "--now", f"{DAY}T09:53:30"),
    )
    try:
        page = open_tab(browser, served.url)
        wait_for_text(page, "A reset for you")
        page.wait_for_function("() => document.title.includes('gap')", timeout=TIMEOUT * 1000)
        assert page.title() == "groundtui · gap · 7 min left"
        apps = served.children()
        assert len(apps) == 1  # one app for the one tab

        press(page, "d")
        wait_for_text(page, "marked done")
        page.close()
        assert wait_gone(apps), "closing the tab did not end its app"

        refused = browser.new_page()
        bare = refused.goto(served.origin + "/")
        assert bare is not None and bare.status == 404
        assert status_of(served.origin + "/ws") == 404
        refused.close()
        assert served.children() == []  # a request without the secret starts no app
    finally:
        out, err = served.stop_output()
    assert served.proc.returncode == 0, err

    records = log_json(cli, DAY)
    assert [(r["outcome"], r["gap_start"]) for r in records] == [("done", f"{DAY}T09:50:00-05:00")]
    hosts = {urlsplit(url).hostname for url in requests_seen if not url.startswith("data:")}
    assert hosts == {"127.0.0.1"}, requests_seen
    assert any(url.startswith("ws://127.0.0.1") for url in requests_seen)
    assert served.secret not in out + err  # printed once with the URL, never logged


def test_closing_the_tab_logs_a_running_reset_partial(
    browser, groundtui_bin, config_dir, data_dir, cli
) -> None:
    served = Served(
        groundtui_bin,
        config_dir,
        data_dir,
        *("--schedule", SCHEDULE, "--tz", "America/New_York", "--now", f"{DAY}T10:53:30"),
    )
    try:
        page = open_tab(browser, served.url)
        wait_for_text(page, "A reset for you")
        apps = served.children()
        press(page, "Space")
        wait_for_text(page, "Pause")  # the reset screen's keys: the reset runs
        page.close()
        assert wait_gone(apps), "closing the tab did not end its app"
    finally:
        served.stop_output()
    records = log_json(cli, DAY)
    assert [(r["exercise"], r["outcome"]) for r in records] == [("step-outside", "partial")]
