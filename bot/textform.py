"""Tell raw text from text that was lowercased, tokenized and Porter-stemmed."""

from __future__ import annotations

import re

from bot.models import TextForm

__all__ = ["detect_text_form"]

_STEM_MARKERS = frozenset({"ha", "wa", "thi", "hi", "countri", "peopl", "govern", "minist"})


def detect_text_form(text: str) -> TextForm:
    """Guess whether ``text`` is stemmed: all lowercase, spaced punctuation, stem-only words."""
    words = re.findall(r"[A-Za-z]+", text[:5000])
    if len(words) < 20 or any(w[0].isupper() for w in words):
        return "raw"
    markers = sum(1 for w in words if w in _STEM_MARKERS)
    return "stemmed" if markers / len(words) > 0.01 or " , " in text else "raw"
