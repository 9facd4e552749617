"""The summary: the lead sentence, plus the sentences that name what matched when the lead does
not, two or three sentences in the order and the words of the source."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.extract.sentences import Sentence
from bot.models import TopicMatch

__all__ = ["summarize"]

_CAPTION = re.compile(
    r"\(Photo\b|\bPHOTO\b|\bpicture (?:taken|released)\b|\bGetty Images\b|"
    r"\bhandout\b.*\bshows\b",
    re.IGNORECASE,
)
_MAX_SENTENCES = 3


def summarize(
    text: str,
    sentences: Sequence[Sentence],
    topics: Sequence[TopicMatch] = (),
    paragraph_texts: Sequence[str] = (),
) -> tuple[str, ...]:
    """Two or three sentences: the lead (photo captions skipped), then the first sentence
    naming each matched entity the chosen sentences do not name yet."""
    captions = {i for i, p in enumerate(paragraph_texts) if _CAPTION.search(p)}
    body = [s for s in sentences if s.paragraph not in captions and len(s.text.split()) > 3]
    if not body:
        body = list(sentences)
    if not body:
        return ()
    chosen = [body[0]]
    evidence = [tuple(e.lower() for e in m.evidence) for t in topics for m in t.matches]
    for forms in evidence:
        if len(chosen) >= _MAX_SENTENCES:
            break
        if any(_names(s, forms) for s in chosen):
            continue
        hit = next((s for s in body if _names(s, forms)), None)
        if hit is not None and hit not in chosen:
            chosen.append(hit)
    if len(chosen) == 1 and len(body) > 1:
        chosen.append(body[1])
    return tuple(s.text for s in sorted(chosen, key=lambda s: s.start))


def _names(sentence: Sentence, forms: Sequence[str]) -> bool:
    lowered = sentence.text.lower()
    return any(re.search(rf"(?<!\w){re.escape(f)}(?!\w)", lowered) for f in forms)
