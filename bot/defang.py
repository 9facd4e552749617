"""Make feed text inert before it is shown: no mass or personal pings, no terminal control.

Feed titles, summaries and quotes are written by strangers. Pasted into a chat message they could
ping a whole channel (``@everyone``, ``@here``, Slack's ``<!channel>``), a person (``<@U123>``,
``<@123>``) or a role (``<@&123>``); printed on a terminal, escape sequences could rewrite the
screen. ``defang`` keeps every visible character a reader needs and breaks those patterns with
an invisible zero-width space. Platform renderers add their own escaping on top.
"""

from __future__ import annotations

import re

__all__ = ["defang"]

ZWSP = "\u200b"

# @everyone, @here, @channel and @group as whole words, in any case.
_MASS = re.compile(r"@(?=(?:everyone|here|channel|group)\b)", re.IGNORECASE)
# Slack's <!channel>, <!subteam^ID>, <@U123>, <#C123>; Discord's <@123>, <@!123>, <@&123>, <#123>,
# </command:123>.
_ANGLE = re.compile(r"<(?=[!@#/])")
# C0 and C1 controls except tab and newline, and the bidirectional overrides that can make text
# display in a different order than it reads.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def defang(text: str) -> str:
    """``text`` with mentions broken and control characters removed."""
    text = _CONTROL.sub("", text)
    text = _MASS.sub("@" + ZWSP, text)
    return _ANGLE.sub("<" + ZWSP, text)
