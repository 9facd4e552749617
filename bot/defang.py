"""Make feed text inert before it is shown: no mass or personal pings, no terminal control.

Feed titles, summaries and quotes are written by strangers. Pasted into a chat message they could
ping a whole channel (``@everyone``, ``@here``, Slack's ``<!channel>``), a person (``<@U123>``,
``<@123>``) or a role (``<@&123>``); printed on a terminal, escape sequences could rewrite the
screen. ``defang`` keeps every visible character a reader needs and breaks those patterns with
an invisible zero-width space. The outbox hands adapters only defanged deliveries, and the
plain-text render defangs again; platform renderers add their own escaping on top.
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING

from bot.models import Alert

if TYPE_CHECKING:
    from bot.storage.records import Delivery

__all__ = ["defang", "defang_alert", "defang_delivery", "printable"]

ZWSP = "\u200b"

# @everyone, @here, @channel and @group as whole words, in any case.
_MASS = re.compile(r"@(?=(?:everyone|here|channel|group)\b)", re.IGNORECASE)
# Slack's <!channel>, <!subteam^ID>, <@U123>, <#C123>; Discord's <@123>, <@!123>, <@&123>, <#123>,
# </command:123>.
_ANGLE = re.compile(r"<(?=[!@#/])")
# C0 and C1 controls except tab and newline, and the bidirectional overrides that can make text
# display in a different order than it reads.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


# For log lines and status: every control character, tab and newline included, and every
# format character that can reorder or hide text (bidi marks, overrides and isolates).
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: object) -> str:
    """``text`` on one line with every control and bidi character written as an escape
    (``\\x1b``, ``\\n``, ``\\u202e``): strings from outside (a server's status text, an
    encoding name, an entry id) can then neither move the cursor nor reorder a log line."""
    return _UNPRINTABLE.sub(_escape, str(text))


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    named = {9: "\\t", 10: "\\n", 13: "\\r"}.get(code)
    return named or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def defang(text: str) -> str:
    """``text`` with mentions broken and control characters removed."""
    text = _CONTROL.sub("", text)
    text = _MASS.sub("@" + ZWSP, text)
    return _ANGLE.sub("<" + ZWSP, text)


def defang_alert(alert: Alert) -> Alert:
    """The alert with every piece of feed text defanged (the URL is left as it is)."""
    extraction = alert.extraction
    return dataclasses.replace(
        alert, title=defang(alert.title), source=defang(alert.source),
        extraction=dataclasses.replace(
            extraction,
            summary=tuple(defang(s) for s in extraction.summary),
            figures=tuple(dataclasses.replace(f, text=defang(f.text))
                          for f in extraction.figures),
            quotes=tuple(dataclasses.replace(q, text=defang(q.text),
                                             speaker=defang(q.speaker) if q.speaker else None)
                         for q in extraction.quotes),
        ),
    )


def defang_delivery(delivery: Delivery) -> Delivery:
    """The delivery as every adapter receives it: its alerts defanged, its key unchanged."""
    return dataclasses.replace(delivery, alert=defang_alert(delivery.alert),
                               alerts=tuple(defang_alert(a) for a in delivery.alerts))
