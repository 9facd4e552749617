"""Alert content: a short summary, the key figures and the quotes, as pure functions of text."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.models import Article, Extraction, TopicMatch

__all__ = ["extract"]


def extract(article: Article, topics: Sequence[TopicMatch] = ()) -> Extraction:
    """Summarize ``article``: for now the lead sentence."""
    sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z\"“])", article.text.strip())
    lead = tuple(s.strip() for s in sentences[:2] if s.strip())
    return Extraction(summary=lead)
