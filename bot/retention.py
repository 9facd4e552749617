"""How long the bot keeps what it keeps: the ages past which stories stop gathering articles
and undelivered posts are dropped. Pure; the store and the outbox apply them."""

from __future__ import annotations

__all__ = ["dropped_note", "outbox_horizon", "story_horizon"]

NOTE_LIMIT = 500
"""Characters of an error kept on a delivery."""


def story_horizon(now: float, window: float) -> float:
    """Articles seen before this no longer gather later ones into their story; what served
    only to find them can go."""
    return now - window


def outbox_horizon(now: float, retention: float) -> float:
    """Posts queued before this and still undelivered are dropped."""
    return now - retention


def dropped_note(reason: str, last_error: str | None) -> str:
    """What a dropped post records: why it was dropped, and the last error that held it."""
    return f"{reason} (last error: {last_error or 'none'})"[:NOTE_LIMIT]
