"""Which paragraphs of an article are page furniture rather than story: photo captions and
credits, bylines, embedded posts, subscription and sponsor lines, tag lists and fact boxes.
The summary leaves them out and the figures rank them last or drop them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from enum import Enum
from functools import lru_cache

__all__ = ["Furniture", "classify", "has_link", "story_first"]


class Furniture(Enum):
    CAPTION = "caption"  # a photo caption or credit: its figures may be the story's, last
    PROMO = "promo"  # subscription, sponsor and "read more" lines: nothing in them counts
    BOX = "box"  # a fact box or label line ("Funding:  $21.5M"), a byline, a tag list


_CAPTION = re.compile(
    r"\((?i:photo)\b|\bPHOTO\b|(?i:\bpicture (?:taken|released)\b)|\bGetty Images\b|"
    r"(?i:\bhandout\b.*\bshows\b)|^(?:Photo(?:graph)?|Image|Picture|Illustration)(?: by|:)\s|"
    r"\bImage: |\bImage copyright\b|\bImage caption\b"
)
_LINK = re.compile(r"https?://|\bwww\.\w|\bbit\.ly/|\bpic\.twitter\.com/", re.IGNORECASE)
_PROMO_START = re.compile(
    r"(?:Subscribe\b|Follow (?:us|me)\b|Sign up\b|Click\b|Visit (?:us|our)\b|Read more\b|"
    r"Read full article\b|Continue reading\b|SEE ALSO\b|Related:|More about\b|Sponsored by\b|"
    r"Learn more\b|Comments$|Share (?:this|on)\b|Download\b|About [^:.]{1,80}:\s|"
    r"Mail your questions\b|This is the official\b|Listen (?:again )?to the\b)",
    re.IGNORECASE,
)
_PROMO_WORDS = ("code", "% off", "free trial", "click the link", "channel", "inbox")
_PROMO = re.compile(
    r"\b(?:use|promo|with) code\b|\b\d+% off your\b|\bfree trial\b|\bclick the link\b|"
    r"\b(?:official|our) (?:YouTube )?channel\b|"
    r"\b(?:in|to|into) your inbox\b",  # "get it in your inbox every two weeks, register ..."
    re.IGNORECASE,
)
_LINK_WORDS = ("http", "www.", "bit.ly/", "pic.twitter")
_CAPTION_WORDS = ("photo", "picture", "getty", "handout", "image", "illustration")
# "Bill Smith (@bsmith) May 3, 2016": the signature line of an embedded post.
_EMBED = re.compile(r"\(@\w+\)\s+\w+ \d{1,2}, \d{4}|^— .*\(@\w+\)")
_BYLINE = re.compile(r"^(?:By|Reporting by|Writing by|Editing by|Additional reporting by)\s+[A-Z]")
# A paper's or a post's list of its authors, however long: "Authors: Kyle Zeng, Ruoyu Wang, ..."
_AUTHORS = re.compile(r"^(?:Authors?|Contributors?|Written by|Posted by)\s*:\s*[A-Z\"“]")
_LABEL = re.compile(r"^(?:[A-Z][\w-]*\s?){1,3}:\s")
_TAGS = re.compile(r"^(?:#\w+\s*)+$")


def has_link(text: str) -> bool:
    lower = text.lower()
    return any(w in lower for w in _LINK_WORDS) and bool(_LINK.search(text))


def classify(paragraph_texts: Sequence[str]) -> dict[int, Furniture]:
    """The furniture among the paragraphs, by index; the others are the story."""
    out: dict[int, Furniture] = {}
    sponsors = False  # inside the list a "Sponsored by:" line opens
    for i, text in enumerate(paragraph_texts):
        text = text.strip()
        kind = _kind(text)
        if sponsors and kind is None and _LABEL.match(text):
            kind = Furniture.PROMO  # "Backblaze: Online backup for $5/month."
        if kind is not None:
            out[i] = kind
        sponsors = (kind is Furniture.PROMO and text.endswith(":")) or (
            sponsors and kind is Furniture.PROMO
        )
    return out


_LINK_LINE = re.compile(
    r"[•*►–—-]?\s*(?:(?:SEE ALSO|See also|Related|RELATED|Read more|READ MORE|Also read|ALSO READ|"
    r"Read next)\s*[:|»]|Continue reading\W*$)[^\n]*"
)


def without_links(text: str) -> str:
    """The text without the lines that point to other stories ("SEE ALSO: Bill Gates: AI is the
    holy grail", "Related: ...", "Continue reading..."): a name there is another story's, not
    this one's. The marker needs its colon (or "|", "»"): "Related talks with Tony Blair are
    planned" is the story's own sentence."""
    if not _LINK_LINE.search(text):
        return text
    return "\n".join(line for line in text.split("\n") if not _LINK_LINE.fullmatch(line.strip()))


def story_first(text: str) -> str:
    """The text with the photo captions and credits that open it moved after the story, so
    that what reads the first sentences as the lead (how prominent a name is) reads the
    story's lead, not the caption of the picture above it."""
    if not any(w in text[:2000].lower() for w in _CAPTION_WORDS):
        return text
    blocks = re.split(r"\n\s*\n", text.strip())
    first = 0
    while first < len(blocks) - 1 and _kind(blocks[first].strip()) is Furniture.CAPTION:
        first += 1
    if not first:
        return text
    return "\n\n".join([*blocks[first:], *blocks[:first]])


@lru_cache(maxsize=4096)
def _kind(text: str) -> Furniture | None:
    """What one paragraph is, when it is furniture (cheap substring tests guard the regular
    expressions: most paragraphs are prose)."""
    lower = text.lower()
    words = len(text.split())
    if (
        _PROMO_START.match(text)
        or (any(w in lower for w in _PROMO_WORDS) and _PROMO.search(text))
        or (words < 40 and has_link(text))
        or (("(@" in text or text.startswith("—")) and _EMBED.search(text))
    ):
        return Furniture.PROMO
    if any(w in lower for w in _CAPTION_WORDS) and _CAPTION.search(text):
        return Furniture.CAPTION
    if text.startswith("#") and _TAGS.match(text):
        return Furniture.BOX
    if words <= 8 and (_BYLINE.match(text) or _LABEL.match(text)):
        return Furniture.BOX
    if words <= 60 and _AUTHORS.match(text):
        return Furniture.BOX
    return None
