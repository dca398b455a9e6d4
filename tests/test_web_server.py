"""The private server in-process, with a stand-in app: routes, guard, page limits, shutdown."""

from __future__ import annotations

import asyncio
import gc
import shlex
import sys
from pathlib import Path

import pytest

pytest.importorskip("textual_serve", reason="the web extra is not installed")

import aiohttp

from groundtui.web.server import PrivateServer, bind, is_loopback, new_secret

STAND_IN = r"""
import json, sys
from pathlib import Path
out, inp = sys.stdout.buffer, sys.stdin.buffer
def packet(kind, payload):
    out.write(kind + len(payload).to_bytes(4, "big") + payload)
    out.flush()
out.write(b"__GANGLION__\n")
packet(b"D", b"stand-in app is up")
while True:
    head = inp.read(5)
    if len(head) < 5:
        break
    payload = inp.read(int.from_bytes(head[1:], "big"))
    if head[:1] == b"M" and json.loads(payload)["type"] == "quit":
        Path(sys.argv[1]).write_text("quit")
        packet(b"M", b'{"type": "exit"}')
        break
"""


@pytest.fixture
async def serving(tmp_path: Path):
    """A PrivateServer running the stand-in app, and the file the app writes when told to quit."""
    script = tmp_path / "stand_in.py"
    script.write_text(STAND_IN)
    quit_mark = tmp_path / "quit"
    command = shlex.join([sys.executable, str(script), str(quit_mark)])
    server = PrivateServer(command, bind("127.0.0.1", 0), secret=new_secret())
    up = asyncio.Event()
    task = asyncio.create_task(server.run(up.set))
    await asyncio.wait_for(up.wait(), 10)
    yield server, quit_mark
    server.stop()
    await asyncio.wait_for(task, 15)
    server.sock.close()
    gc.collect()  # textual-serve leaves each app's process transport to the collector: now,
    # while the loop is open, not after it closed


async def read_text(ws: aiohttp.ClientWebSocketResponse) -> str:
    message = await asyncio.wait_for(ws.receive(), 10)
    assert message.type == aiohttp.WSMsgType.BINARY, message
    return message.data.decode()


async def test_the_page_and_its_assets_answer_only_under_the_secret(serving) -> None:
    server, _quit = serving
    async with aiohttp.ClientSession() as session:
        async with session.get(server.url) as page:
            assert page.status == 200
            html = await page.text()
            policy = page.headers["Content-Security-Policy"]
        assert f"ws://127.0.0.1:{server.port}{server.prefix}/ws" in html
        assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy
        assert page.headers["Cache-Control"] == "no-store"
        for asset in ("static/js/textual.js", "static/css/xterm.css", "local/page.js"):
            async with session.get(server.url + asset) as response:
                assert response.status == 200, asset
        origin = server.public_url
        for path in ("/", "/ws", f"/{server.secret[:-2]}/", "/static/css/xterm.css"):
            async with session.get(origin + path) as response:
                assert response.status == 404, path
        async with session.get(server.url, headers={"Host": "attacker.example"}) as response:
            assert response.status == 421
    assert not server.tabs


async def test_a_tab_runs_the_app_and_shutdown_tells_it_to_quit(serving) -> None:
    server, quit_mark = serving
    ws_url = "ws" + server.url[4:] + "ws?width=80&height=24"
    async with aiohttp.ClientSession() as session:
        with pytest.raises(aiohttp.WSServerHandshakeError):
            await session.ws_connect(ws_url, headers={"Origin": "http://attacker.example"})
        async with session.ws_connect(ws_url, headers={"Origin": server.public_url}) as ws:
            assert await read_text(ws) == "stand-in app is up"
            assert len(server.tabs) == 1
            closing = asyncio.create_task(server.close_tabs())
            async for _message in ws:  # the server closes the tab
                pass
            await asyncio.wait_for(closing, 15)
    assert quit_mark.read_text() == "quit"
    assert not server.tabs
    async with aiohttp.ClientSession() as session:  # shutting down: no new app starts
        with pytest.raises(aiohttp.WSServerHandshakeError):
            await session.ws_connect(ws_url)


async def test_closing_the_tab_tells_its_app_to_quit(serving) -> None:
    server, quit_mark = serving
    ws_url = "ws" + server.url[4:] + "ws"
    async with aiohttp.ClientSession() as session, session.ws_connect(ws_url) as ws:
        assert await read_text(ws) == "stand-in app is up"
        tab = next(iter(server.tabs))
    await asyncio.wait_for(asyncio.shield(tab), 15)
    assert quit_mark.read_text() == "quit"


def test_loopback_names() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("[::1]")
    assert is_loopback("localhost") and is_loopback("127.1.2.3")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.2")
    assert not is_loopback("example.org")
