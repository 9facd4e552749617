"""The embedded default adapter: prints alerts to the terminal, or appends them to a file.

Each post starts with its channel and its own reference (``console-14``), which a threaded
reply names ("↳ reply to console-14"). Written to a file, each alert carries its delivery key
too, so that after a crash the adapter can tell whether an alert had already been written, and
nothing is written twice.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from adapters.base import SendResult
from bot.render import (
    render_digest,
    render_followup,
    render_headline,
    render_notice,
    render_text,
)

if TYPE_CHECKING:
    from bot.commands import CommandHandler
    from bot.storage.records import Delivery

__all__ = ["ConsoleAdapter"]


class ConsoleAdapter:
    platform = "console"
    min_interval = 0.0

    def __init__(self, out: TextIO | None = None, file: Path | None = None) -> None:
        self.out = out
        self.file = file

    async def start(self, commands: CommandHandler | None) -> None:
        return None

    async def connected(self) -> bool:
        return True

    async def stop(self) -> None:
        return None

    async def send(self, delivery: Delivery) -> SendResult:
        rule = "─" * 72
        if delivery.kind == "alert":
            text = (render_headline if delivery.style.format == "headline" else
                    render_text)(delivery.alert)
        elif delivery.kind == "followup":
            text = render_followup(delivery.alert)
            if delivery.thread_ref:
                # A terminal has no threads: name the message this one replies to.
                text = f"↳ reply to {delivery.thread_ref}\n{text}"
        elif delivery.kind == "digest":
            text = render_digest(delivery.alerts)
        elif delivery.kind == "notice":
            text = render_notice(delivery.alert)
        else:
            return SendResult.failed(f"the console cannot render a {delivery.kind!r} delivery")
        if delivery.style.mention:
            # A terminal pings nobody: the configured mention is shown as a note.
            text = f"[mention: {', '.join(delivery.style.mention)}]\n{text}"
        ref = f"console-{delivery.id}"
        # Each post names its own reference, so that a later "↳ reply to console-14" can be
        # followed to the post it answers.
        if self.file is not None:
            block = f"{rule}\n[{delivery.target} {ref} {delivery.key}] {text}\n"
            try:
                _append(self.file, block.encode("utf-8"))
            except OSError as exc:
                return SendResult.retry(f"cannot write {self.file}: {exc.strerror or exc}")
            return SendResult.sent(ref)
        out = self.out or sys.stdout
        out.write(f"{rule}\n[{delivery.target} {ref}] {text}\n")
        out.flush()
        return SendResult.sent(ref)

    async def find_sent(self, delivery: Delivery) -> str | None:
        # A terminal keeps no record to check; a file does.
        if self.file is None:
            return None
        try:
            written = self.file.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return None
        marker = f" {delivery.key}] "
        return f"console-{delivery.id}" if marker in written else None


def _append(path: Path, data: bytes) -> None:
    """Append ``data`` with one write call, so a crash leaves no half-written alert."""
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, data)
    finally:
        os.close(fd)
