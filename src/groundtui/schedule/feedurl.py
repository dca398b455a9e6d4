"""A calendar feed's address: a secret (it works without a password), so ``str()`` and
``repr()`` show its host only, and every failure names the host, never the address."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from groundtui.errors import ScheduleError

SCHEMES = {"http": "http", "https": "https", "webcal": "https", "webcals": "https"}
"""Feed address schemes and the one each is fetched with (``webcal://`` means ``https://``)."""


@dataclass(frozen=True)
class FeedURL:
    """A calendar feed address. ``str()``/``repr()`` show its host only: the rest is a secret."""

    secret: str = field(repr=False)
    """The full address (``webcal://`` already read as ``https://``): for the request only."""

    @classmethod
    def parse(cls, text: str) -> FeedURL:
        """The feed at ``text``; a ScheduleError (without the address) if it is not one."""
        from urllib.parse import urlsplit

        text = text.strip()
        scheme, sep, rest = text.partition(":")
        fetch_as = SCHEMES.get(scheme.lower()) if sep else None
        if fetch_as is None or not rest.startswith("//"):
            raise ScheduleError(
                "not a calendar feed address (expected http://, https://, webcal://)"
            )
        address = f"{fetch_as}:{rest}"
        try:
            host = urlsplit(address).hostname
            urlsplit(address).port  # noqa: B018 - raises for a bad port
        except ValueError:
            host = None
        if not host:
            raise ScheduleError("a calendar feed address needs a host name")
        return cls(address)

    @property
    def host(self) -> str:
        """The host name: all of the address that may be shown."""
        from urllib.parse import urlsplit

        return urlsplit(self.secret).hostname or "calendar feed"

    @property
    def key(self) -> str:
        """A hash of the address: names its cached copy without revealing it."""
        return hashlib.sha256(self.secret.encode("utf-8")).hexdigest()[:32]

    def __str__(self) -> str:
        return self.host

    def __repr__(self) -> str:
        return f"FeedURL(host={self.host!r})"


def is_feed_address(text: str) -> bool:
    """Whether ``text`` names a feed (by its scheme) rather than a file."""
    scheme, sep, rest = text.strip().partition(":")
    return bool(sep) and scheme.lower() in SCHEMES and rest.startswith("//")


def as_source(text: str | Path, base: Path | None = None) -> Path | FeedURL:
    """``--schedule`` or config.toml's ``schedule``: a feed, or a file (relative to ``base``)."""
    if isinstance(text, str) and is_feed_address(text):
        return FeedURL.parse(text)
    path = Path(text).expanduser()
    return path if base is None or path.is_absolute() else base / path


class FeedError(ScheduleError):
    """A feed could not be read. The message names the host and the reason, never the address."""

    def __init__(self, url: FeedURL, reason: str) -> None:
        self.reason = reason
        super().__init__(reason, url.host)
