"""The embedded default adapter: prints alerts to the terminal."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, TextIO

from adapters.base import SendResult
from bot.render import render_digest, render_followup, render_text

if TYPE_CHECKING:
    from bot.commands import CommandHandler
    from bot.store import Delivery

__all__ = ["ConsoleAdapter"]


class ConsoleAdapter:
    platform = "console"
    min_interval = 0.0

    def __init__(self, out: TextIO | None = None) -> None:
        self.out = out

    async def start(self, commands: CommandHandler) -> None:
        return None

    async def stop(self) -> None:
        return None

    async def send(self, delivery: Delivery) -> SendResult:
        out = self.out or sys.stdout
        rule = "─" * 72
        if delivery.kind == "alert":
            text = render_text(delivery.alert)
        elif delivery.kind == "followup":
            text = render_followup(delivery.alert)
            if delivery.thread_ref:
                # A terminal has no threads: name the message this one replies to.
                text = f"↳ reply to {delivery.thread_ref}\n{text}"
        elif delivery.kind == "digest":
            text = render_digest(delivery.alerts)
        else:
            return SendResult.failed(f"the console cannot render a {delivery.kind!r} delivery")
        out.write(f"{rule}\n[{delivery.target}] {text}\n")
        out.flush()
        return SendResult.sent(f"console-{delivery.id}")

    async def find_sent(self, delivery: Delivery) -> str | None:
        # A terminal keeps no record to check; printing again is harmless.
        return None
