"""Draw candidate pairs of captured feed entries for labelling "same story" by hand.

    python eval/draw_story_pairs.py [--corpora ../shared/corpora] > candidates.tsv

The candidates are the hard cases for story grouping, in six kinds (the ``kind`` column):
``near`` pairs the word sketches call alike (similarity at least 0.08, any dates), ``cast``
pairs that name the same watched person or organization (``replay_stories.WATCHLIST``) within a
week, ``outlet`` pairs from different feeds within three days whose headlines share words,
``short`` pairs of which one entry is title-only or very short (under 20 words), ``serial``
pairs of one feed whose headlines share their first words or an episode number, ``years``
pairs published more than a year apart that share several features, and ``event`` pairs from
different feeds published within two days whose headlines share two words, one of them a
capitalized name other than a watched one (drawn to have enough pairs of one story), and
``rare`` pairs of any feeds published within a day whose headlines share a word that is rare in
general English (Zipf frequency under 3.5 in wordfreq's list: a place, a name, an uncommon
word), which also holds many pairs of one story. ``--exclude`` leaves out the pairs of
already labelled files, so that a new seed gives a part nobody has read yet. Each
candidate is given to the ``tune`` or the ``score`` part by a hash of its ids, before anyone
reads it, so the part only scored is fixed before the rule is tuned. Rows are printed with a
reading excerpt of each side; the label column is left empty for the reader.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from wordfreq import zipf_frequency

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bot.matching.matcher import compile_topics  # noqa: E402
from bot.matching.textform import detect_text_form  # noqa: E402
from bot.models import Article, Entry, TextForm  # noqa: E402
from bot.stories.dedup import Fingerprint, fingerprint, house_features, similarity, tokens  # noqa: E402
from eval.replay_stories import polls, watchlist  # noqa: E402
from watchers.parse import parse_feed  # noqa: E402

RARE_ZIPF = 3.5
"""A headline word under this Zipf frequency is rare enough to suggest one event."""

BASE = "https://example.org/"
"""The address the labelled feeds are parsed against (as ``eval_dedup.Corpus`` does)."""


@dataclass(frozen=True)
class Item:
    source: str
    entry: Entry
    form: TextForm
    sketch: Fingerprint
    cast: frozenset[str]
    words: frozenset[str]
    """The headline's content words (stems)."""
    names: frozenset[str]
    """The headline's capitalized words after its first, lowercased, less the watched names."""
    rare: frozenset[str]
    """The headline's words (lowercased) rarer than ``RARE_ZIPF`` in general English."""
    length: int

    @property
    def ident(self) -> str:
        return self.entry.guid or self.entry.link or self.entry.title


def items(corpora: Path) -> list[Item]:
    matcher = compile_topics(watchlist())
    out = []
    seen: set[tuple[str, str]] = set()
    for _, path in polls(corpora / "feeds"):
        source = str(path.relative_to(corpora))
        try:
            entries = parse_feed(path.read_bytes(), BASE, source).entries
        except Exception:  # a capture no parser can read gives no pairs
            continue
        texts = [(f"{e.title}\n{e.text}", detect_text_form(f"{e.title}\n{e.text}"))
                 for e in entries]
        house = house_features(texts)
        for entry, (text, form) in zip(entries, texts, strict=True):
            if not entry.title or (entry.title, entry.text[:200]) in seen:
                continue  # a repeated poll's copy of an entry is not a pair to label
            seen.add((entry.title, entry.text[:200]))
            cast = frozenset(m.name for t in matcher.match(Article(entry.title, entry.text,
                                                                    text_form=form))
                             for m in t.matches if m.kind != "event")
            watched = {w.lower() for name in cast for w in name.split()}
            names = frozenset(w.lower() for w in re.findall(r"\b[A-Z][\w'-]+", entry.title)[1:]
                              if w.lower() not in watched)
            rare = frozenset(w for w in re.findall(r"[^\W\d_]{3,}", entry.title.lower())
                             if zipf_frequency(w, "en") < RARE_ZIPF)
            out.append(Item(source, entry, form, fingerprint(text, form, ignore=house), cast,
                            frozenset(tokens(entry.title, form)), names, rare,
                            len(entry.text.split())))
    return out


def _apart(a: Item, b: Item) -> float | None:
    if a.entry.published is None or b.entry.published is None:
        return None
    return abs((a.entry.published - b.entry.published).total_seconds())


def candidates(found: list[Item], rng: random.Random,
               exclude: frozenset[tuple[str, str]] = frozenset()
               ) -> Iterator[tuple[str, Item, Item]]:
    """The candidate pairs, shuffled by ``rng`` within each kind and cut to its quota, less the
    pairs (of ids, either order) in ``exclude``."""
    kinds: dict[str, list[tuple[Item, Item]]] = {k: [] for k in
                                                 ("near", "cast", "outlet", "short", "serial",
                                                  "years", "event", "rare")}
    for i, a in enumerate(found):
        for b in found[i + 1:]:
            if a.entry.title == b.entry.title and a.source == b.source:
                continue
            apart = _apart(a, b)
            feed_a, feed_b = (re.sub(r"_poll_[\d-]+", "", x.source) for x in (a, b))
            shared_words = len(a.words & b.words)
            if a.sketch.hashes and b.sketch.hashes and similarity(a.sketch, b.sketch) >= 0.08:
                kinds["near"].append((a, b))
                if apart is not None and apart > 365 * 86400:
                    kinds["years"].append((a, b))
            if a.cast & b.cast and apart is not None and apart <= 7 * 86400:
                kinds["cast"].append((a, b))
            if feed_a != feed_b and shared_words >= 2 and (apart is None or apart <= 3 * 86400):
                kinds["outlet"].append((a, b))
            if min(a.length, b.length) < 20 and shared_words >= 2:
                kinds["short"].append((a, b))
            if feed_a == feed_b and (_first_words(a) == _first_words(b)
                                     or (_episode(a) and _episode(b))):
                kinds["serial"].append((a, b))
            if feed_a != feed_b and apart is not None and apart <= 2 * 86400 and (
                    shared_words >= 2 and a.names & b.names):
                kinds["event"].append((a, b))
            if apart is not None and apart <= 86400 and a.rare & b.rare:
                kinds["rare"].append((a, b))
    quota = {"near": 110, "cast": 70, "outlet": 70, "short": 50, "serial": 40, "years": 30,
             "event": 110, "rare": 110}
    taken: set[tuple[str, str]] = set(exclude) | {(b, a) for a, b in exclude}
    for kind, pairs in kinds.items():
        rng.shuffle(pairs)
        n = 0
        for a, b in pairs:
            key = (a.ident, b.ident)
            if key in taken:
                continue
            taken.add(key)
            yield kind, a, b
            n += 1
            if n >= quota[kind]:
                break


def _first_words(item: Item) -> str:
    return " ".join(item.entry.title.lower().split()[:2])


def _episode(item: Item) -> bool:
    return bool(re.search(r"(#\s?\d+|\bepisode\b|\bep\.? ?\d+|\bpodcast\b|\bpart \d+)",
                          item.entry.title, re.IGNORECASE))


def part(a: Item, b: Item) -> str:
    """``tune`` or ``score``, from the ids alone: fixed before any label is read."""
    digest = hashlib.sha256(f"{a.source}|{a.ident}|{b.source}|{b.ident}".encode()).digest()
    return "score" if digest[0] % 2 else "tune"


def _excerpt(item: Item) -> str:
    date = item.entry.published.strftime("%Y-%m-%d %H:%M") if item.entry.published else "-"
    text = " ".join(item.entry.text.split())[:240]
    return f"[{date}] {item.entry.title} :: {text}".replace("\t", " ")


def labelled(paths: list[Path]) -> frozenset[tuple[str, str]]:
    """The pairs of ids (id A, id B) of labelled pair files."""
    out = set()
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            fields = line.split("\t")
            if line.startswith("#") or len(fields) < 6:
                continue
            out.add((fields[-4], fields[-2]))
    return frozenset(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", type=Path, default=REPO.parent / "shared" / "corpora")
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--exclude", type=Path, nargs="*", default=[],
                        help="labelled pair files whose pairs are left out")
    args = parser.parse_args(argv)
    found = items(args.corpora)
    for kind, a, b in candidates(found, random.Random(args.seed), labelled(args.exclude)):
        print("\t".join(["", part(a, b), kind, a.source, a.ident, b.source, b.ident,
                         _excerpt(a), _excerpt(b)]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
