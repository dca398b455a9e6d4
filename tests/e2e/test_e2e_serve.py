"""`groundtui serve` over plain HTTP and a websocket: what it refuses, and a clean shutdown."""

from __future__ import annotations

import asyncio
import json

import pytest
from e2e_terminal import TIMEOUT, log_json
from serving import DAY, SCHEDULE, Served, status_of

pytestmark = pytest.mark.e2e

aiohttp = pytest.importorskip("aiohttp", reason="the web extra is not installed")

AT_A_GAP = ("--schedule", SCHEDULE, "--tz", "America/New_York", "--now", f"{DAY}T10:53:30")


@pytest.fixture
def served(groundtui_bin, config_dir, data_dir):
    server = Served(groundtui_bin, config_dir, data_dir, *AT_A_GAP)
    yield server
    server.stop_output()


def test_only_the_secret_url_is_answered_and_nothing_else_starts_an_app(served) -> None:
    assert served.url.startswith("http://127.0.0.1:")
    assert len(served.secret) >= 40
    base = served.origin
    for path in ("/", "/ws", "/static/js/textual.js", "/index.html", "/download/x"):
        assert status_of(base + path) == 404, path
    wrong = served.secret[:-1] + ("A" if served.secret[-1] != "A" else "B")
    assert status_of(f"{base}/{wrong}/") == 404
    assert status_of(f"{base}/{wrong}/ws") == 404
    assert status_of(f"{base}/{served.secret.upper()}/") == 404
    # A page of another site that resolves its own name to 127.0.0.1 (DNS rebinding).
    assert status_of(served.url, {"Host": f"evil.example:{base.rsplit(':', 1)[1]}"}) == 421
    assert served.children() == []

    assert status_of(served.url) == 200
    assert status_of(served.url + "static/js/textual.js") == 200
    assert status_of(served.url + "local/page.js") == 200
    assert status_of(served.url + "static/fonts/RobotoMono-VariableFont_wght.ttf") == 200
    assert served.children() == []  # the page alone starts nothing; its websocket does


def test_the_page_loads_nothing_from_another_host(served) -> None:
    import re
    import urllib.request

    with urllib.request.urlopen(served.url, timeout=TIMEOUT) as response:
        page = response.read().decode()
        policy = response.headers["Content-Security-Policy"]
        assert response.headers["Referrer-Policy"] == "no-referrer"
    assert "default-src 'none'" in policy and "https:" not in policy
    assert "googleapis" not in page
    for url in re.findall(r'(?:href|src)="([^"]+)"', page):
        assert "://" not in url, url  # relative: this server only
    with urllib.request.urlopen(served.url + "local/page.css", timeout=TIMEOUT) as response:
        css = response.read().decode()
    assert re.findall(r"url\(([^)]*)\)", css)
    assert all("://" not in u for u in re.findall(r"url\(([^)]*)\)", css))


async def test_a_websocket_from_another_site_is_refused(served) -> None:
    ws_url = "ws" + served.url[4:] + "ws"
    async with aiohttp.ClientSession() as session:
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await session.ws_connect(ws_url, headers={"Origin": "https://evil.example"})
        assert refused.value.status == 403
    assert served.children() == []


async def read_until(ws, text: str, screen: list[str]) -> None:
    async def read() -> None:
        while text not in "".join(screen):
            message = await ws.receive()
            if message.type == aiohttp.WSMsgType.BINARY:
                screen.append(message.data.decode("utf-8", "replace"))
            elif message.type != aiohttp.WSMsgType.TEXT:
                raise AssertionError(f"websocket ended before {text!r}")

    await asyncio.wait_for(read(), TIMEOUT)


async def test_ctrl_c_quits_every_tab_and_a_running_reset_is_logged_partial(served, cli) -> None:
    ws_url = "ws" + served.url[4:] + "ws?width=100&height=30"
    screen: list[str] = []
    async with aiohttp.ClientSession() as session, session.ws_connect(ws_url) as ws:
        await read_until(ws, "A reset for you", screen)
        assert len(served.children()) == 1
        await ws.send_str(json.dumps(["stdin", " "]))
        await read_until(ws, "Pause", screen)  # the reset runs

        stopped = asyncio.create_task(asyncio.to_thread(served.stop_output))
        async for _message in ws:  # the server closes the tab as it stops
            pass
        out, err = await stopped
    assert served.proc.returncode == 0, err
    assert served.secret not in out + err
    records = log_json(cli, DAY)
    assert [(r["exercise"], r["outcome"]) for r in records] == [("step-outside", "partial")]
