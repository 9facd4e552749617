"""Recognizing one story told several times: canonical URLs and text fingerprints.

Two signals, both pure:

- ``canonical_url`` turns the many spellings of one article's address (tracking parameters,
  fragments, default ports, ``www.`` and AMP variants, letter case of the host, http or https)
  into one key, so the same article reached through two feeds is recognized exactly.
- ``fingerprint`` condenses an article into a bottom-k MinHash sketch of its content words and
  word pairs, Porter-stemmed and lowercased. Raw text is stemmed here; text that arrives already
  stemmed is taken as it is (Porter is not idempotent, so stemming it again would change ~4% of
  its words). That makes a raw article and a stemmed archive copy of the same report comparable.
  ``house_features`` finds what all of one feed's articles share (footers, hashtags, its beat),
  which is left out of their fingerprints. ``similarity`` estimates from two sketches how much
  of their features two articles share; ``same_story`` applies the threshold measured by
  ``eval/eval_dedup.py``.

A bottom-k sketch keeps the k smallest 63-bit hashes of the article's features: one hash per
feature instead of one per feature and permutation, and the kept values double as index keys
for finding candidate stories in the store.
"""

from __future__ import annotations

import hashlib
import math
import re
import time
from array import array
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from wordfreq import top_n_list, zipf_frequency

from bot.extract.vocab import first_name_pronoun
from bot.models import TextForm
from bot.textnorm import STEMS

__all__ = [
    "CLOSE_AGREEMENT",
    "CLOSE_HOURS",
    "EVENT_AGREEMENT",
    "HEADLINE_AGREEMENT",
    "HEADLINE_LEAD_AGREEMENT",
    "MIN_EVENT_TERMS",
    "MIN_EVENT_TERMS_SHORT",
    "MIN_SHARED",
    "NEAR_HOURS",
    "RARE_NAME_ZIPF",
    "SAME_FEED_AGREEMENT",
    "SAME_FEED_ALIKE",
    "SAME_FEED_ALIKE_AGREEMENT",
    "SAME_FEED_SKETCH",
    "SHORT_FEATURES",
    "SKETCH_AGREEMENT",
    "SKETCH_AGREEMENT_SAME_FEED",
    "SKETCH_JOIN",
    "SHINGLES",
    "SKETCH_SIZE",
    "THRESHOLD",
    "Fingerprint",
    "canonical_url",
    "counted",
    "DEATH_MARK",
    "LEAD_DEATH_MARK",
    "headline_label",
    "SHOOTING_MARK",
    "LEAD_SHOOTING_MARK",
    "shootings_told",
    "deaths_told",
    "event_agreement",
    "event_clues",
    "event_terms",
    "headline_agreement",
    "headline_people",
    "language",
    "LANGUAGE_MARK",
    "PERSON_MARK",
    "PHRASE_MARK",
    "DAY_MARK",
    "named_days",
    "EXPLAINER_MARK",
    "SURVEY",
    "explainer",
    "recalled_years",
    "headline_phrases",
    "plain_terms",
    "rare_name",
    "rare_watched",
    "features",
    "fingerprint",
    "house_features",
    "jaccard",
    "same_story",
    "similarity",
    "specificity",
    "tokens",
]

SKETCH_SIZE = 128
"""How many hashes a sketch keeps; the Jaccard estimate's standard error is about
sqrt(J(1-J)/k), 0.03 at J = 0.15."""
SHINGLES = (1, 2)
"""Feature sizes in words: single content words group rewrites by different outlets, which share
names and facts but few longer word sequences; adding word pairs rewards shared names and
phrases ("arrest warrant", "crimin court") over shared vocabulary. See docs/stories.md for the
measurements."""
THRESHOLD = 0.12
"""Similarity at or above which two articles are one story."""
MIN_SHARED = 6
"""Fewest shared features (estimated from the sketches) for two articles to be one story. Short
title-only entries reach a high containment with one common word or name ("White House" and
"Trump" are four features); six is, say, a two-word name and a word pair or three more words.
"""
HOUSE_SHARE = 0.5
"""A feature in at least this share of one feed's articles is that feed's, not a story's."""

_HASH_MASK = (1 << 63) - 1  # fits SQLite's signed 64-bit INTEGER

_TRACKING = re.compile(
    r"^(utm_\w+|fbclid|gclid|dclid|gclsrc|msclkid|yclid|mc_cid|mc_eid|_hsenc|_hsmi|mkt_tok|"
    r"igshid|ref|ref_src|ref_url|cmpid|ns_mchannel|ns_source|ns_campaign|ns_linkname|ns_fee|"
    r"ocid|smid|smtyp|xtor|at_medium|at_campaign|__twitter_impression|amp)$",
    re.IGNORECASE,
)
_DEFAULT_PORTS = {"http": 80, "https": 443}


def canonical_url(url: str) -> str:
    """One spelling for one article's address.

    Lowercases the host and drops a leading ``www.``, treats http and https alike, and drops the
    fragment, default ports, tracking parameters (``utm_*``, ``fbclid``, ``gclid``, ``mc_cid``,
    ``ref``, ...), a trailing slash and AMP variants (``amp.`` hosts, ``/amp`` path segments,
    ``.amp`` suffixes, ``?amp``); keeps the remaining query parameters, sorted. Text that is not
    an http(s) URL comes back stripped but otherwise unchanged.
    """
    text = url.strip()
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        return text
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        return text
    host = parts.hostname.lower().rstrip(".")
    for prefix in ("www.", "amp."):
        if host.startswith(prefix):
            host = host[len(prefix):]
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        host = f"{host}:{port}"
    path = re.sub(r"/{2,}", "/", parts.path or "/")
    path = re.sub(r"/amp(?=/|$)", "", path)
    path = re.sub(r"\.amp(?=\.html?$|$)", "", path)
    if len(path) > 1:
        path = path.rstrip("/") or "/"
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                   if not _TRACKING.match(k))
    # http and https serve the same article; keying on one scheme joins them.
    return urlunsplit(("https", host, path, urlencode(query), ""))


_STOPWORDS_TEXT = (
    "a about above after again against all also am an and any are as at be because been before "
    "being below between both but by can could did do does doing down during each few for from "
    "further had has have having he her here hers herself him himself his how i if in into is it "
    "its itself just me more most my myself no nor not now of off on once only or other our ours "
    "ourselves out over own same she should so some such than that the their theirs them "
    "themselves then there these they this those through to too under until up very was we were "
    "what when where which while who whom why will with would you your yours yourself "
    "yourselves said says say saying told mr mrs ms s t one two new year years"
)
_STOPWORDS_RAW = _STOPWORDS_TEXT.split()
_STOPWORDS = frozenset(_STOPWORDS_RAW) | frozenset(STEMS[w] for w in _STOPWORDS_RAW)
_WORD = re.compile(r"[^\W_]+")


def tokens(text: str, text_form: TextForm) -> list[str]:
    """Lowercased, Porter-stemmed words without stopwords, in order.

    Splitting on anything that is not a letter or digit makes raw "Israel's" and stemmed
    "isra ' s" yield the same pieces, and raw "1,200" and stemmed "1 , 200" too.
    """
    words = _WORD.findall(text.lower())
    if text_form == "raw":
        words = list(map(STEMS.__getitem__, words))
    return [w for w in words if w not in _STOPWORDS]


def features(words: list[str], shingles: tuple[int, ...] = SHINGLES) -> set[str]:
    """The word n-grams of ``words`` for each n in ``shingles``."""
    out: set[str] = set()
    for n in shingles:
        out.update(" ".join(words[i:i + n]) for i in range(len(words) - n + 1))
    return out


def house_features(texts: Sequence[tuple[str, TextForm]], share: float = HOUSE_SHARE,
                   minimum: int = 4) -> frozenset[str]:
    """The features found in at least ``share`` of one feed's articles (given when it has at
    least ``minimum``): its house style ("Subscribe to ...", hashtags, bylines, template
    words) and the beat it always covers. Left out of the fingerprints of that feed's articles,
    they would otherwise make any two of its articles look like one story."""
    if len(texts) < minimum:
        return frozenset()
    needed = share * len(texts)
    documents = [tokens(text, text_form) for text, text_form in texts]
    # An n-gram is in no more articles than each of its words: only n-grams of frequent words
    # can be frequent, so only those are formed (most n-grams of most articles are not).
    words: Counter[str] = Counter()
    for document in documents:
        words.update(set(document))
    frequent = {w for w, n in words.items() if n >= needed}
    counts: Counter[str] = Counter()
    for document in documents:
        kept = [w if w in frequent else "" for w in document]  # words are never empty
        found: set[str] = set()
        for n in SHINGLES:
            found.update(" ".join(kept[i:i + n]) for i in range(len(kept) - n + 1)
                         if "" not in kept[i:i + n])
        counts.update(found)
    return frozenset(f for f, n in counts.items() if n >= needed)


def _hash(feature: str) -> int:
    digest = hashlib.blake2b(feature.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") & _HASH_MASK


@dataclass(frozen=True)
class Fingerprint:
    """A bottom-k MinHash sketch: the smallest hashes of an article's features, ascending, and
    how many distinct features the article had."""

    hashes: tuple[int, ...]
    size: int

    def to_bytes(self) -> bytes:
        return array("q", self.hashes).tobytes()

    @classmethod
    def from_bytes(cls, data: bytes, size: int) -> Fingerprint:
        values = array("q")
        values.frombytes(data)
        return cls(tuple(values), size)


def fingerprint(text: str, text_form: TextForm, *, shingles: tuple[int, ...] = SHINGLES,
                k: int = SKETCH_SIZE, ignore: frozenset[str] = frozenset()) -> Fingerprint:
    """The sketch of an article's title and text (pass them joined by a newline), leaving out
    the features in ``ignore`` (see ``house_features``)."""
    feats = features(tokens(text, text_form), shingles) - ignore
    hashes = sorted({_hash(f) for f in feats})
    return Fingerprint(tuple(hashes[:k]), len(feats))


def jaccard(a: Fingerprint, b: Fingerprint) -> float:
    """Estimated Jaccard similarity |A ∩ B| / |A ∪ B| of the two articles' feature sets.

    Every feature hashing at or below the smaller of the two sketches' cut-offs is in its
    article's sketch if the article has it, so those hashes are a uniform sample of the union;
    the share of them found in both estimates the Jaccard similarity. A sketch that holds all of
    its article's features has no cut-off, and two such sketches give the exact value.
    """
    if not a.hashes or not b.hashes:
        return 0.0
    limit = min(_cutoff(a), _cutoff(b))
    shared = set(a.hashes).intersection(b.hashes)
    both = len(shared) if limit == _HASH_MASK else sum(1 for h in shared if h <= limit)
    return both / (bisect_right(a.hashes, limit) + bisect_right(b.hashes, limit) - both)


def similarity(a: Fingerprint, b: Fingerprint, min_shared: int = MIN_SHARED) -> float:
    """How much two articles tell the same story: the geometric mean of the Jaccard similarity
    and the containment |A ∩ B| / min(|A|, |B|) of their features, or 0 when they share fewer
    than ``min_shared`` features.

    Jaccard alone punishes a short report against a long one that covers it; containment alone
    lets a short teaser made of common words match any long article. Their mean ranked the
    labelled pairs best (see docs/stories.md). Between two headlines of a dozen features, one shared
    word or name already gives a high containment and Jaccard, hence the floor on the count.
    """
    j = jaccard(a, b)
    if j == 0.0:
        return 0.0
    shared = j / (1.0 + j) * (a.size + b.size)
    # The estimate is exact when both sketches hold all their features; allow for rounding.
    if shared < min_shared - 1e-6:
        return 0.0
    containment = min(1.0, shared / min(a.size, b.size))
    return math.sqrt(j * containment)


def _cutoff(fp: Fingerprint) -> int:
    return fp.hashes[-1] if len(fp.hashes) < fp.size else _HASH_MASK


def same_story(a: Fingerprint, b: Fingerprint, threshold: float = THRESHOLD) -> bool:
    return similarity(a, b) >= threshold


LEAD_WORDS = 30
"""Words of an article's text read, after its headline, for what is specific to its event: the
lead names who, what, where and when; later paragraphs drift into background."""
COMMON_ZIPF = 5.5
"""Words at least this frequent in general English (a Zipf value of 5.5 is about three times in
10,000 words: "people", "government", "year") tell the beat, not the event; the rarer a word,
name or number, the more it tells the event."""
EVENT_AGREEMENT = 0.35
"""Least weighted overlap of two articles' event terms (see ``event_agreement``) for one story."""
MIN_EVENT_TERMS = 2
"""Fewest event terms two articles must share: one name ("Amess", "Covid") is a cast or a beat,
not an event."""
SAME_FEED_AGREEMENT = 0.35
"""Least agreement on event terms for two entries of one feed (see ``bot.stories.judge``)."""
SAME_FEED_SKETCH = 0.1
"""Least word-sketch similarity for two entries of one feed with text (not title-only): a
feed that tells one event twice reuses its own wording; two of its items that share only a
host, a byline or a greeting do not."""
SKETCH_AGREEMENT_SAME_FEED = 0.25
"""Least agreement on event terms for two entries of one feed joined by their word sketches."""
SAME_FEED_ALIKE = 0.4
"""Word-sketch similarity at which two entries of one feed with text need agree only
``SAME_FEED_ALIKE_AGREEMENT`` on their event terms: a desk that reports one dispute again
reuses its wording ("Civil servants in strike ballot", "Talks aim to avert pension strike")
while its rare terms differ with each new turn; what the feed always says is out of the
sketch (``house_features``)."""
SAME_FEED_ALIKE_AGREEMENT = 0.15
"""Least agreement on event terms for two entries of one feed with sketches ``SAME_FEED_ALIKE``
alike."""
MIN_EVENT_TERMS_SHORT = 3
"""Fewest event terms shared with a title-only or very short entry (``SHORT_FEATURES``): two
headlines that share a name and one more word ("Theresa May to visit", "Mayor signs the
budget") are often two events of one cast."""
SKETCH_JOIN = 0.15
"""Word-sketch similarity at which two articles with text (not title-only) are one story when
they also agree a little on their event terms (``SKETCH_AGREEMENT``): a rewrite that keeps the
wording but opens differently."""
SKETCH_AGREEMENT = 0.1
"""Least agreement on event terms for articles joined by their word sketches."""
SHORT_FEATURES = 40
"""Fewer features than this is a title-only or very short entry (a headline and a line, or a
description that is only a tracking pixel): it joins a story by its event terms alone."""
_VOCABULARY = 30_000
"""English words whose frequencies are looked up; any rarer word, name or number counts as
rarest."""


@cache
def _stem_frequencies(code: str = "en") -> dict[str, float]:
    """Porter stem -> Zipf frequency of its most frequent word in a language (wordfreq's list;
    English unless ``code`` names another of ``LANGUAGES``).

    Stems, not words, so that a raw article and a stemmed copy of it agree on what is rare."""
    out: dict[str, float] = {}
    for word in top_n_list(code, _VOCABULARY):
        out.setdefault(STEMS[word], zipf_frequency(word, code))
    return out


def specificity(term: str) -> float:
    """How much a shared term says about the event: 0 for common words, up to ``COMMON_ZIPF``
    for a word, name or number too rare to be in the vocabulary."""
    return max(0.0, COMMON_ZIPF - _stem_frequencies().get(term, 0.0))


_ADDRESS = re.compile(r"\S*(?:https?://|www\.|\.ly/|\.com/)\S*", re.IGNORECASE)


_NUMBERED_NAME = re.compile(r"\b([^\W\d_]{2,})[-‐‑]\d{1,3}\b")


def without_addresses(text: str) -> str:
    """The text less its web addresses (the short links of a "Subscribe" line, "bit.ly/2vBUvAS",
    read as rare words, and two items of one feed share them whatever their events) and less
    the numbers of numbered names ("Covid-19" is read "Covid"): every number counts as a rare
    term, so "Covid-19" would be two rare terms that all the reports of a pandemic share."""
    return _NUMBERED_NAME.sub(r"\1", _ADDRESS.sub(" ", text))


def event_terms(title: str, text: str, text_form: TextForm,
                ignore: Iterable[str] = (), code: str = "en") -> frozenset[str]:
    """The stems of the headline and lead that are specific to the article's event: rare words,
    names and numbers, less ``ignore`` (the watched names, which every alert of a topic shares,
    and the feed's house words) and less web addresses. ``code`` is the article's language
    (``language``): a word common in it is no event term ("der", "para", "auf")."""
    lead = " ".join(without_addresses(text).split()[:LEAD_WORDS])
    skip = set(ignore)
    return frozenset(w for w in tokens(f"{without_addresses(title)}\n{lead}", text_form)
                     if w not in skip and telling(w, code))


def telling(word: str, code: str = "en") -> bool:
    """Whether a stem can tell an event: rare in general English and in the article's language
    (``code``), and not a bare zero ("000" of "5,000"). Every word of another language is rare
    in English, so its function and common words would otherwise be event terms that any two
    of its articles share: two items of a Brazilian feed share "para", "com" and "está"."""
    return (specificity(word) > 0.0 and bool(word.strip("0"))
            and (code == "en" or _stem_frequencies(code).get(word, 0.0) < COMMON_ZIPF))


def counted(shared: Iterable[str]) -> int:
    """How many of these shared terms count towards the least number two articles must share:
    not years. Every number counts as rarest, and a year says when, not what: "Video
    marketing in 2017" and "Awards at CES 2017" share "2017" and nothing of an event. A year
    still weighs in the agreement, where "Euro 2016" is a name."""
    return sum(1 for t in shared if not (len(t) == 4 and t.isdigit() and 1900 <= int(t) <= 2099))


HEADLINE_MARK = "^"
"""Prefix of an event term found in the headline ("^amess"): see ``headline_terms``."""
SHOW_MARK = "|"
"""Prefix of the programme a headline names after a bar ("|inside_story"): see ``show_label``."""


def headline_terms(title: str, text_form: TextForm,
                   ignore: Iterable[str] = (), code: str = "en") -> frozenset[str]:
    """The rare stems of the headline alone, marked (``HEADLINE_MARK``), watched names
    included. Two reports of one event name something of it in both headlines; an explainer
    that shares a name and a word or two of another outlet's report only in its lead ("Why
    average people decide to become terrorists" beside a report naming the Orlando gunman) has
    the event as its backdrop."""
    skip = set(ignore)
    return frozenset(HEADLINE_MARK + w for w in tokens(without_addresses(title), text_form)
                     if w not in skip and telling(w, code))


PHRASE_MARK = "&"
"""Prefix of two rare stems that follow each other in a headline ("&airport_shoot" for
"Florida airport shooting", "&super_saturday"): see ``headline_phrases``."""


def headline_phrases(title: str, text_form: TextForm,
                     ignore: Iterable[str] = (), code: str = "en") -> frozenset[str]:
    """The pairs of event terms that follow each other in the headline (stopwords skipped),
    marked (``PHRASE_MARK``): the name an outlet gives an event ("Florida airport shooting",
    "Super Saturday", "Floyd death"), which other outlets' headlines repeat in that order while
    their leads tell each its own part. Two headlines that share the same words in another
    order or apart ("Donald Trump's aides say", "Trump steps up") more often share a cast.
    Single letters are no part of a phrase: the pieces of "U.S." and a model's letter
    ("iPhone X") name no event."""
    skip = set(ignore)
    words = tokens(without_addresses(title), text_form)
    return frozenset(f"{PHRASE_MARK}{first}_{second}"
                     for first, second in zip(words, words[1:], strict=False)
                     if min(len(first), len(second)) > 1 and not {first, second} & skip
                     and telling(first, code) and telling(second, code))


DAY_MARK = "/"
"""Prefix of a day a headline names ("/super_saturday" for "Dr Bloomfield set for Super
Saturday"): see ``named_days``."""
_WEEKDAYS = frozenset(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                       "sunday"))


def named_days(title: str, text_form: TextForm) -> frozenset[str]:
    """The days the headline names, marked (``DAY_MARK``): a capitalized word that is not a
    stopword and a capitalized weekday after it, in a headline that is not written in title
    case (where every word has a capital and "Protesters March Saturday" names nothing). A
    day given a name is one day's event ("Super Saturday", New Zealand's vaccination drive;
    "Super Tuesday", "Black Friday"): the outlets that report it name it in their headlines
    and share little else, and as a headline phrase it is one shared term where a short
    headline needs three. Read from capitals, so only in raw text."""
    if text_form != "raw" or _title_case(title):
        return frozenset()
    words = title.split()
    out = set()
    for first, second in zip(words, words[1:], strict=False):
        name, day = _clean(first), _clean(second)
        if (day in _WEEKDAYS and name not in _WEEKDAYS and name not in _STOPWORDS
                and not _ends_clause(first) and name.isalpha()
                and _CAPITALIZED.fullmatch(first.strip(_EDGE))
                and _CAPITALIZED.match(second.strip(_EDGE)) and telling(STEMS[name])):
            out.add(f"{DAY_MARK}{STEMS[name]}_{STEMS[day]}")
    return frozenset(out)


def _title_case(title: str) -> bool:
    """Whether every word of four letters or more of a headline that is not a stopword starts
    with a capital ("Trump Insists Mexico Will Pay for Wall")."""
    words = [w.strip(_EDGE + ":,.;!?") for w in title.split()]
    long = [w for w in words if len(w) >= 4 and w.isalpha() and w.lower() not in _STOPWORDS]
    return bool(long) and all(w[0].isupper() for w in long)


EXPLAINER_MARK = "?"
"""Prefix of what makes a headline an explainer's: the question word it opens with ("?whi" for
"Why average people decide to become terrorists"), or ``SURVEY`` for one that takes "a look
at" a subject: see ``explainer``."""
SURVEY = "a_look_at"
"""The explainer mark of a headline that takes "a look at" a subject."""
_QUESTION_WORDS = frozenset(STEMS[w] for w in ("why", "how", "what", "who", "where", "when",
                                                 "which"))
"""Stems of the English words that open a question: a headline that opens with one asks it of
a subject rather than tells news of it."""


def explainer(title: str, text_form: TextForm) -> frozenset[str]:
    """What makes a headline an explainer's, marked (``EXPLAINER_MARK``): the question word it
    opens with, or ``SURVEY`` when it takes "a look at" a subject. "Why average people decide
    to become terrorists" explains a subject, and its lead names the event of the day ("The
    Orlando nightclub shooter ... pledged his allegiance to ISIS and its leader, Abu Bakr
    al-Baghdadi") as the backdrop. A headline that labels its event first ("George Floyd death:
    Why US protests resonate in the UK") opens with the event, not the question. "A look at"
    announces a survey of other events or claims around the day's ("Fort Lauderdale airport
    shooting: A look at other deadly attacks at US airports", "A look at some of the deadliest
    floods in the US in the last 25 years")."""
    words = _WORD.findall(title.lower())
    first = (STEMS[words[0]] if text_form == "raw" else words[0]) if words else ""
    out = set()
    if first in _QUESTION_WORDS:
        out.add(EXPLAINER_MARK + first)
    if any(words[i:i + 3] == ["a", "look", "at"] for i in range(len(words))):
        out.add(EXPLAINER_MARK + SURVEY)
    return frozenset(out)


def recalled_years(shared: Iterable[str], published: Iterable[float | None]) -> frozenset[str]:
    """The years of ``shared`` at least ``RECALLED_YEARS`` before the year each of these dates
    (seconds since the epoch) falls in: the year of an event two pieces recall ("Deux ans
    après, retour sur les attentats de janvier 2015", a memorial to its victims), not of news
    they report. None when a date is not known."""
    dates = list(published)
    if any(d is None for d in dates):
        return frozenset()
    first = min(time.gmtime(d).tm_year for d in dates if d is not None)
    return frozenset(t for t in shared if len(t) == 4 and t.isdigit()
                     and 1900 <= int(t) <= first - RECALLED_YEARS)


RECALLED_YEARS = 2
"""How many years before two articles a year they share is one they recall: last year's figures
("FY19" beside "2018-19") are still news."""


DEATH_MARK = "!"
"""Prefix of the person whose death a headline tells ("!georg_floyd" for "George Floyd death:
'This is why we are protesting'"): see ``deaths_told``."""
SHOOTING_MARK = "%"
"""Prefix of the place of a shooting a headline names ("%orlando" for "Stephen Colbert on
Orlando shooting"): see ``shootings_told``."""
LEAD_SHOOTING_MARK = "$"
"""Prefix of the place of a shooting the headline or the first sentence of the lead names: see
``shootings_told``."""
LEAD_DEATH_MARK = "*"
"""Prefix of the person whose death the headline or the first sentence of the lead tells
("George Floyd's death continued to resonate far beyond Minneapolis"): see ``deaths_told``."""

_LABEL_WORDS = 4
"""Most words of a headline's label that is a person's name ("Sir David Amess")."""


def headline_label(title: str, text: str, text_form: TextForm) -> frozenset[str]:
    """The person a headline is labelled by, marked as a death told in the lead
    (``LEAD_DEATH_MARK``): the words before its first colon, when they end with a person's
    name (``_people``, read with the lead, as "first_last") and are at most
    ``_LABEL_WORDS``: "Sir David Amess: Boris Johnson leads tributes to much-loved MP". A desk
    that follows one person's death heads its tributes and inquiries with the name and tells
    the death only further down; such a piece beside one whose headline tells that death
    (``DEATH_MARK``) is of it, as a lead that opens on the death is, and two labels alone join
    nothing. A label that asks a question of its subject ("George Floyd: What does the data
    show about race and policing?") is an explainer's, and names no one. Read from capitals,
    so only in raw text."""
    label, colon, rest = title.partition(":")
    words = label.split()
    if (text_form != "raw" or not colon or not rest.strip() or not words
            or len(words) > _LABEL_WORDS or title.rstrip(_EDGE).endswith("?")
            or explainer(rest.strip(), text_form)):
        return frozenset()
    people = _people((label, " ".join(text.split()[:CLUE_WORDS])))
    last = _stem(words[-1])
    return frozenset({LEAD_DEATH_MARK + people[last]}) if last in people else frozenset()


PERSON_MARK = "+"
"""Prefix of the names of a person a headline names ("+david", "+amess" for "Sir David
Amess"): see ``headline_people``."""


def headline_people(title: str, text_form: TextForm) -> frozenset[str]:
    """The stems of the names of the people the headline names, marked (``PERSON_MARK``): a
    first name of the gender-guesser dataset and the capitalized word after it ("David Amess":
    "david" and "amess"; "Mark Ridley-Thomas": "mark", "ridley" and "thoma"). Read from
    capitals, so only in raw text. A follow-up that shares only a two-word name with a report
    is about the same person when the name is a person's ("David Amess was my best friend"),
    and often about another event when it is a place's ("Fort Lauderdale commissioners approve
    beach budget")."""
    if text_form != "raw":
        return frozenset()
    words = [w.strip("'\"‘’“”()[]:,.;!?") for w in title.split()]
    out = set()
    for first, second in zip(words, words[1:], strict=False):
        if (_CAPITALIZED.fullmatch(first) and _CAPITALIZED.match(second)
                and first_name_pronoun(first) is not None):
            out.update(PERSON_MARK + STEMS[w] for w in _WORD.findall(f"{first} {second}".lower())
                       if w not in _STOPWORDS and len(w) > 1)
    return frozenset(out)


_SHOW = re.compile(r"\s\|\s*([^|]{2,40})$")


def show_label(title: str, text_form: TextForm) -> frozenset[str]:
    """The programme a headline names after its last bar ("Is colonialism to blame? | Inside
    Story"), marked (``SHOW_MARK``); none when it has no such label. Within one feed, an item
    of a programme and one of another programme (or a plain report) are two items even when
    they take up one event: a debate show on a subject is not the exhibition's news."""
    found = _SHOW.search(title)
    if found is None or len(found.group(1).split()) > 4:
        return frozenset()
    return frozenset({SHOW_MARK + "_".join(tokens(found.group(1), text_form) or ["show"])})


def event_agreement(a: frozenset[str], b: frozenset[str]) -> tuple[float, frozenset[str]]:
    """How much two articles agree on what is specific to their events, and the terms they
    share: the shared terms' specificity over the geometric mean of each side's total (1 when
    both name exactly the same rare things, 0 when they share none)."""
    a, b = plain_terms(a), plain_terms(b)
    shared = a & b
    if not shared:
        return 0.0, shared
    weight_a = sum(map(specificity, a))
    weight_b = sum(map(specificity, b))
    return sum(map(specificity, shared)) / math.sqrt(weight_a * weight_b), shared


NAME_MARK = "="
"""Prefix of a name clue: two adjacent capitalized words of the headline or lead, one of them
rare ("=david_amess", "=fort_lauderdal")."""
FIGURE_MARK = "#"
"""Prefix of a figure clue: a number of four or more digits that is not a year ("#44056")."""
WATCHED_MARK = "~"
"""Prefix of a watched name's stem found in the headline or lead ("~netanyahu")."""
NAME_ZIPF = 4.0
"""A name clue needs one word rarer than this in general English: "White House" and "Prime
Minister" are a beat's, "David Amess" and "Fort Lauderdale" an event's."""
CLUE_WORDS = 150
"""Words of the text read for clues: a lead that opens with a photo caption names the event's
people only in its second or third paragraph."""
_CAPITALIZED = re.compile(r"[A-Z][\w'’-]*")
_FIGURE = re.compile(r"(?<![\w.,])\d{1,3}(?: ?, ?\d{3})+(?![\d,]*\d)|(?<![\w.,])\d{4,}(?![\w,])")


def event_clues(title: str, text: str, text_form: TextForm,
                watched: Iterable[str] = ()) -> frozenset[str]:
    """Evidence of the event besides its rare stems, each a marked term: names (two adjacent
    capitalized words, one rare), figures (44,056; not years) and the stems of the watched names
    the headline or lead has. A watched name is weak evidence: every alert of its topic names
    it, so it joins nothing alone, but with a shared name or figure and a close publication time
    it is often the event's own name ("ICC issues arrest warrants for Netanyahu, Gallant").
    Capitalization is only read in raw text; a stemmed copy has figures and watched names."""
    lead = " ".join(without_addresses(text).split()[:CLUE_WORDS])
    head = f"{title}\n{lead}"
    out: set[str] = set()
    watched_stems = {w for name in watched for w in tokens(name, "raw")}
    if text_form == "raw":
        for line in head.splitlines():
            words = line.split()
            for first, second in zip(words, words[1:], strict=False):
                if not (_CAPITALIZED.fullmatch(first) and _CAPITALIZED.match(second)):
                    continue
                pair = [STEMS[w] for w in _WORD.findall(f"{first} {second}".lower())]
                if len(pair) != 2 or any(w in _STOPWORDS or w in watched_stems for w in pair):
                    continue
                if min(_stem_frequencies().get(w, 0.0) for w in pair) < NAME_ZIPF:
                    out.add(NAME_MARK + "_".join(pair))
    for number in _FIGURE.findall(head):
        digits = re.sub(r"\D", "", number)
        if not (len(digits) == 4 and 1900 <= int(digits) <= 2099):
            out.add(FIGURE_MARK + digits)
    stems = set(tokens(head, text_form))
    out.update(WATCHED_MARK + w for w in watched_stems if w in stems)
    return frozenset(out)


def rare_watched(terms: Iterable[str]) -> int:
    """How many of these watched stems are rare names ("netanyahu", "deif"), not words that
    also tell a beat ("white", "hous", "trump")."""
    return sum(1 for t in terms if t[0] == WATCHED_MARK
               and _stem_frequencies().get(t[1:], 0.0) < NAME_ZIPF)


LANGUAGE_MARK = "@"
"""Prefix of the language an article is written in when it is not English ("@fr"): see
``language``."""
LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "nl")
"""The languages told apart: those of the captured feeds besides English."""
_FUNCTION_WORDS = 40
"""How many of a language's most frequent words (wordfreq's lists: "the", "of"; "der", "und";
"le", "et") are read as its function words."""
_FOREIGN_WORDS = 2
"""Fewest function words of another language for a text to be in it: one is often a name's
("La Liga", "Fort de France")."""
_LETTERS = re.compile(r"[^\W\d_]+")


@cache
def _function_words() -> dict[str, frozenset[str]]:
    return {code: frozenset(top_n_list(code, _FUNCTION_WORDS)) for code in LANGUAGES}


def language(title: str, text: str, text_form: TextForm) -> frozenset[str]:
    """The language of an article's headline and lead, marked (``LANGUAGE_MARK``), when it is
    not English: the one of ``LANGUAGES`` whose most frequent words it uses most, at least
    ``_FOREIGN_WORDS`` of them. None when English, when no language leads (a headline of
    names only) or when the text is stemmed
    (stemmed copies are of English reports). Two reports of one event in two languages share
    little but the names of its people and places; knowing that their languages differ is
    what lets those names count."""
    if text_form != "raw":
        return frozenset()
    words = _LETTERS.findall(f"{title} {' '.join(text.split()[:LEAD_WORDS])}".lower())
    counts = {code: sum(w in known for w in words) for code, known in _function_words().items()}
    best = max(counts.values())
    leaders = [code for code, n in counts.items() if n == best]
    if best < _FOREIGN_WORDS or len(leaders) > 1 or leaders[0] == "en":
        return frozenset()
    return frozenset({LANGUAGE_MARK + leaders[0]})


def headline_agreement(a: frozenset[str], b: frozenset[str]) -> tuple[float, frozenset[str]]:
    """How much two headlines agree on their rare stems (``headline_terms``), leaving out the
    watched names (every alert of a topic has them in its headline), and the stems they share:
    the shared stems' specificity over the geometric mean of each headline's total."""
    head_a = marked(a, HEADLINE_MARK) - marked(a, WATCHED_MARK)
    head_b = marked(b, HEADLINE_MARK) - marked(b, WATCHED_MARK)
    shared = head_a & head_b
    if not shared:
        return 0.0, shared
    total = math.sqrt(sum(map(specificity, head_a)) * sum(map(specificity, head_b)))
    return sum(map(specificity, shared)) / total, shared


RARE_NAME_ZIPF = 3.5
"""A headline stem rarer than this in general English is most often a name, even without
capitals to tell ("amess", "lauderdal", "kabul"; not "covid", which every report of a pandemic
has, nor "death" or "protest")."""


def rare_name(term: str) -> bool:
    """Whether a stem is rarer than ``RARE_NAME_ZIPF`` in general English, and not a number."""
    return not term.isdigit() and _stem_frequencies().get(term, 0.0) < RARE_NAME_ZIPF


def plain_terms(terms: frozenset[str]) -> frozenset[str]:
    """The rare stems among an article's terms (without the clues of ``event_clues``)."""
    return frozenset(t for t in terms if t[0] not in _CLUE_MARKS)


_CLUE_MARKS = frozenset(NAME_MARK + FIGURE_MARK + WATCHED_MARK + HEADLINE_MARK + SHOW_MARK
                        + LANGUAGE_MARK + PERSON_MARK + PHRASE_MARK + DAY_MARK + DEATH_MARK
                        + LEAD_DEATH_MARK + SHOOTING_MARK + LEAD_SHOOTING_MARK
                        + EXPLAINER_MARK)


def marked(terms: frozenset[str], mark: str) -> frozenset[str]:
    """The terms with this mark, without it."""
    return frozenset(t[1:] for t in terms if t[0] == mark)


CLOSE_HOURS = 72.0
"""Two articles of different feeds published within this many hours (the default story window)
may join on less agreement when they share a name or figure, or several watched names, or as a
follow-up (see ``bot.stories.judge``): the reactions, tributes and inquiries that follow a
killing come for days, and another outlet's of the third day names the event as the first
day's reports did."""
NEAR_HOURS = 36.0
"""Two entries of one feed published further apart than this never join: a feed that takes up
a subject again days later is most often running a series ("Teil 1", "Teil 2") or an episode of
a show, and one that retells an event retells it within a day or so. Two articles of different
feeds further apart share ``MIN_EVENT_TERMS_SHORT`` event terms: "Office 365" in two leads two
days apart is the suite two pieces of news are about."""
CLOSE_AGREEMENT = 0.2
"""Least agreement (counting shared watched names, ``WATCHED_WEIGHT`` each) for such a pair."""
WATCHED_WEIGHT = 1.0
"""Weight of a watched name's stem in ``clue_agreement``: a fifth of a name nobody else uses."""
MIN_WATCHED = 3
"""Fewest shared rare watched stems (``rare_watched``) that stand in for a shared name or
figure: three people of one event ("Netanyahu", "Gallant", "Deif"), not one person's first and
last name."""


HEADLINE_AGREEMENT = 0.45
"""Least agreement of two headlines (``headline_agreement``) for a follow-up within
``CLOSE_HOURS`` to join on them: the aftermath, tributes and reactions to an event retell it in
other words but name its rare people and places in their headlines ("Sir David Amess: Fun,
friendly and always outspoken" beside "David Amess, UK lawmaker, dies after being stabbed")."""

HEADLINE_LEAD_AGREEMENT = 0.25
"""Least agreement of two headlines, and of the two articles' event terms
(``event_agreement``), for a follow-up of another outlet within ``CLOSE_HOURS`` to join on
both: "Afghanistan: US offers to pay relatives of Kabul drone attack victims" beside "U.S.
Pledges to Pay Family of Those Killed in Botched Kabul Drone Strike" agree somewhat in both."""


_NOT_WEIGHED = frozenset(NAME_MARK + FIGURE_MARK + HEADLINE_MARK + SHOW_MARK + LANGUAGE_MARK
                         + PERSON_MARK + PHRASE_MARK + DAY_MARK + DEATH_MARK + LEAD_DEATH_MARK
                         + SHOOTING_MARK + LEAD_SHOOTING_MARK + EXPLAINER_MARK)


def clue_agreement(a: frozenset[str], b: frozenset[str]) -> tuple[float, frozenset[str],
                                                                   frozenset[str]]:
    """Agreement of two articles' rare stems and watched names (each of these weighs
    ``WATCHED_WEIGHT``), with the names and figures they share, and the watched stems."""
    def weight(terms: frozenset[str]) -> float:
        return sum(WATCHED_WEIGHT if t[0] == WATCHED_MARK else specificity(t)
                   for t in terms if t[0] not in _NOT_WEIGHED)
    shared = a & b
    strong = frozenset(t for t in shared if t[0] in (NAME_MARK, FIGURE_MARK))
    watched = frozenset(t for t in shared if t[0] == WATCHED_MARK)
    total = math.sqrt(weight(a) * weight(b))
    return (weight(shared) / total if total else 0.0), strong, watched


_DEATH_WORDS = frozenset(STEMS[w] for w in (
    "death", "dies", "died", "dead", "killed", "killing", "murder", "murdered", "stabbed",
    "stabbing", "slain", "funeral", "homicide", "assassinated", "assassination"))
"""Stems that tell that someone died or was killed."""
_VICTIM_WORDS = frozenset(("stabbed", "murdered", "slain", "killed"))
"""Words before a role that name the victim of the one person a headline names ("Sir David
Amess: Southend city bid would be a 'fitting tribute' to stabbed MP")."""
_OF_SPAN = 7
"""Most words between a death word and the name in "the killing of Sir David Amess", "the
death in police custody of African-American George Floyd"."""
_EDGE = "'\"‘’“”()[]"
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'’”]?\s+(?=[\"'‘“]?[A-Z])")
"""Where the lead's first sentence ends (a stop, then a capital)."""
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)


def _clean(word: str) -> str:
    """A headline word lowercased, without quotes, a possessive or punctuation after it."""
    return _POSSESSIVE.sub("", word.strip(_EDGE + ":,.;!?")).lower()


def _stem(word: str) -> str:
    """The Porter stem of a headline word's last piece ("" for none)."""
    pieces = _WORD.findall(_clean(word))
    return STEMS[pieces[-1]] if pieces else ""


def _ends_clause(word: str) -> bool:
    return word.rstrip(_EDGE)[-1:] in (":", ",", ".", ";", "!", "?", "-", "–", "|")


def _people(lines: Iterable[str]) -> dict[str, str]:
    """The people named in these lines (a first name of the gender-guesser dataset and the
    capitalized word after it, not a stopword): the stem of each surname -> "first_last"."""
    out: dict[str, str] = {}
    for line in lines:
        words = line.split()
        for first, second in zip(words, words[1:], strict=False):
            name, surname = _clean(first), _clean(second)
            if (not _ends_clause(first) and _CAPITALIZED.fullmatch(first.strip(_EDGE))
                    and _CAPITALIZED.match(second.strip(_EDGE)) and surname
                    and surname not in _STOPWORDS and first_name_pronoun(name) is not None):
                last = [STEMS[w] for w in _WORD.findall(surname)]
                out.setdefault(last[-1], "_".join([STEMS[name], *last]))
    return out


def _death_after(words: Sequence[str], at: int) -> bool:
    """Whether a death word follows the name ending at ``words[at]`` ("George Floyd death",
    "Floyd was killed", "David Amess murder:"), stopwords skipped, no punctuation between."""
    if _ends_clause(words[at]):
        return False
    for word in words[at + 1:at + 3]:
        if _stem(word) in _DEATH_WORDS:
            return True
        if _clean(word) not in _STOPWORDS or _ends_clause(word):
            return False
    return False


def _death_of(words: Sequence[str], people: dict[str, str]) -> str | None:
    """The person named after "of" in the words that follow a death word, with no punctuation
    between ("of Southend MP Sir David Amess")."""
    seen_of = False
    for word in words:
        if seen_of and _stem(word) in people and _CAPITALIZED.match(word.strip(_EDGE)):
            return people[_stem(word)]
        seen_of = seen_of or _clean(word) == "of"
        if _ends_clause(word):
            break
    return None


def deaths_told(title: str, text: str, text_form: TextForm) -> frozenset[str]:
    """The people whose death the headline tells, marked (``DEATH_MARK``), and those whose
    death the headline or the lead's first sentence tells (``LEAD_DEATH_MARK``): a person's
    name (``_people``, from the headline and the lead, so that "Floyd death" is George
    Floyd's) with a death word right after it ("George Floyd death:", "How George Floyd Was
    Killed", "Sir David Amess killing") or before it with "of" between ("the killing of Sir
    David Amess"). A person dies once: the reports, tributes and reactions that name one
    person's death within days are one story, whatever else they say. Read from capitals, so
    only in raw text."""
    if text_form != "raw":
        return frozenset()
    head = " ".join(text.split()[:CLUE_WORDS])
    first = _SENTENCE_END.split(head, 1)[0]
    if not any(STEMS[w] in _DEATH_WORDS for w in _WORD.findall(f"{title} {first}".lower())):
        return frozenset()
    lead, first = without_addresses(head), without_addresses(first)
    people = _people((title, lead))
    headline = _deaths(title.split(), people, headline=True)
    return frozenset({DEATH_MARK + name for name in headline}
                     | {LEAD_DEATH_MARK + name
                        for name in headline | _deaths(first.split(), people)})


def _deaths(words: Sequence[str], people: dict[str, str], headline: bool = False
            ) -> set[str]:
    """The people of ``people`` whose death these words tell (see ``deaths_told``); in a
    ``headline`` that names one person, also by a victim word before a role ("Sir David Amess:
    Southend city bid would be a 'fitting tribute' to stabbed MP"). In a lead, "killed" before
    a noun is most often the killer's verb ("the gunman, Omar Mateen, killed 49 people")."""
    out = set()
    named = {people[_stem(w)] for w in words if _stem(w) in people}
    for at, word in enumerate(words):
        if _stem(word) in people and _death_after(words, at):
            out.add(people[_stem(word)])
        if _stem(word) in _DEATH_WORDS:
            found = _death_of(words[at + 1:at + 1 + _OF_SPAN], people)
            if found:
                out.add(found)
            elif (headline and len(named) == 1 and _clean(word) in _VICTIM_WORDS
                  and at + 1 < len(words) and not _ends_clause(word)
                  and _clean(words[at + 1]) not in _STOPWORDS):
                out.update(named)
    return out


_SHOOTINGS = frozenset(("shooting", "shootings", "stabbing", "stabbings", "massacre"))
"""Nouns of an attack that a place names as one event ("the Orlando shooting")."""
PLACE_ZIPF = 4.5
"""A place that names a shooting is rarer than this in general English ("Orlando",
"Lauderdale", "Houston"): in a big city ("Chicago", "London") two shootings in three days are
two events."""
_PLACE_WORDS = frozenset(("at", "in", "of", "near"))
"""Words between a shooting and its place after it ("the shooting at Orlando's nightclub")."""
_PLACE_SPAN = 2
"""Most words read back from a shooting for its place ("Fort Lauderdale airport shooting",
"the Orlando mass shooting"; not "Alleged mastermind behind shooting")."""


def shootings_told(title: str, text: str, text_form: TextForm) -> frozenset[str]:
    """The places of the shootings the headline names, marked (``SHOOTING_MARK``), and of those
    the headline or the lead's first sentence names (``LEAD_SHOOTING_MARK``): the nearest
    capitalized word before "shooting" (or "stabbing", "massacre"), within ``_PLACE_SPAN``
    words and the same clause, or after it and "at", "in", "of" or "near", rarer than
    ``PLACE_ZIPF`` ("Orlando" in "Hillary Clinton on Orlando shooting", "Lauderdale" in "Fort
    Lauderdale Airport Shooting", "Algerians" in "a massacre of Algerians in Paris"; in the
    lead only before it: a lead that names "the Orlando nightclub shooting" takes it as its
    subject, one that introduces "the mass shooting in Orlando, Florida" most often as the
    backdrop of a feature on gun laws). Reactions name the attack by its place and little
    else: "Conan O'Brien on Orlando shooting" and "Stephen Colbert on Orlando shooting" are one
    event. Read from capitals, so only in raw text."""
    if text_form != "raw":
        return frozenset()
    first = _SENTENCE_END.split(" ".join(text.split()[:CLUE_WORDS]), 1)[0]
    if not _SHOOTINGS.intersection(_WORD.findall(f"{title} {first}".lower())):
        return frozenset()
    headline = _shooting_places(title.split())
    return frozenset({SHOOTING_MARK + place for place in headline}
                     | {LEAD_SHOOTING_MARK + place for place in
                        headline | _shooting_places(without_addresses(first).split(),
                                                    after=False)})


def _shooting_places(words: Sequence[str], after: bool = True) -> set[str]:
    """The places of the shootings these words name (see ``shootings_told``); with ``after``,
    also those named after the shooting ("a massacre of Algerians in Paris")."""
    out = set()
    for at, word in enumerate(words):
        if _clean(word) not in _SHOOTINGS:
            continue
        place = _place(reversed(words[max(0, at - _PLACE_SPAN):at]), before=True)
        if (place is None and after and not _ends_clause(word)
                and _clean(" ".join(words[at + 1:at + 2])) in _PLACE_WORDS):
            place = _place(words[at + 2:at + 2 + _PLACE_SPAN], before=False)
        if place:
            out.add(place)
    return out


def _place(words: Iterable[str], before: bool) -> str | None:
    """The stem of the first of these words that is capitalized and rarer than
    ``PLACE_ZIPF``, within one clause (read back from a shooting when ``before``)."""
    for word in words:
        if before and _ends_clause(word):
            return None
        stem = _stem(word)
        if (_CAPITALIZED.match(word.strip(_EDGE)) and stem and not stem.isdigit()
                and _stem_frequencies().get(stem, 0.0) < PLACE_ZIPF):
            return stem
        if _ends_clause(word):
            return None
    return None
