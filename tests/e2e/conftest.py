"""End-to-end fixtures: the installed ``groundtui`` in a real terminal (tmux) and as a command."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from e2e_terminal import Terminal, find_groundtui


@pytest.fixture(scope="session")
def groundtui_bin() -> str:
    found = find_groundtui()
    if found is None:
        pytest.skip("the groundtui command is not installed (pip install -e .)")
    return found


@pytest.fixture(scope="session")
def tmux_bin() -> str:
    found = shutil.which("tmux")
    if found is None:
        pytest.skip("tmux is not installed; end-to-end tests need a real terminal")
    return found


@pytest.fixture
def terminal(
    tmux_bin: str, groundtui_bin: str, tmp_path: Path, config_dir: Path, data_dir: Path
) -> Iterator[Callable[..., Terminal]]:
    """``terminal(*args, width=100, height=30)``: ``groundtui *args`` running in tmux."""
    opened: list[Terminal] = []

    def open_terminal(*args: str, width: int = 100, height: int = 30) -> Terminal:
        term = Terminal(tmux_bin, tmp_path, width, height)
        opened.append(term)
        term.start(
            [groundtui_bin, *args],
            {"GROUNDTUI_CONFIG_DIR": str(config_dir), "GROUNDTUI_DATA_DIR": str(data_dir)},
        )
        return term

    yield open_terminal
    for term in opened:
        term.close()


@pytest.fixture
def cli(
    groundtui_bin: str, config_dir: Path, data_dir: Path
) -> Callable[..., subprocess.CompletedProcess[str]]:
    """``cli(*args)``: run the installed ``groundtui *args`` as a subprocess."""

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        env = {
            **os.environ,
            "GROUNDTUI_CONFIG_DIR": str(config_dir),
            "GROUNDTUI_DATA_DIR": str(data_dir),
        }
        return subprocess.run(
            [groundtui_bin, *args], capture_output=True, text=True, env=env, timeout=60
        )

    return run
