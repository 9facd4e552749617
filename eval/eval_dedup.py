"""Measure story grouping on labelled pairs, and what it costs per article.

    python eval/eval_dedup.py [--corpora ../shared/corpora] [--tuned-only] [--errors]

Prints precision and recall of "same story" (the same canonical URL or GUID, or the grouping
rule of ``bot.stories.judge`` between articles published within the story window) on the
labelled pairs: the eight parts of the captured-feed pairs (``eval/story-pairs-tune.tsv``, the
part first tuned on; ``eval/story-pairs-score.tsv``, ``eval/story-pairs-fresh.tsv``,
``eval/story-pairs-fresh2.tsv`` and ``eval/story-pairs-fresh3.tsv``, later draws labelled before
the rule was changed, each scored untuned for a while and tuning data since: see
docs/stories.md; ``eval/story-pairs-fresh4.tsv``, ``eval/story-pairs-fresh5.tsv`` and
``eval/story-pairs-fresh6.tsv``, a fifth, sixth and seventh draw scored by their totals before
they became tuning data too; and ``eval/story-pairs-fresh7.tsv``, an eighth draw never tuned
on, printed last), and the older
cross-publisher and BBC News pairs (``tests/data/dedup-pairs.tsv``); each beside the rule before
event terms (word sketches alone, similarity 0.12 and six shared features, with the same time
window). The part never tuned on is printed with its totals only, not its errors by kind. Then
a sweep of the rule's thresholds on the tune part and the older pairs, joins among unrelated BBC
News articles, and the time per article (``bench/story_grouping.py``). ``--errors`` lists the
wrong decisions of every tuned part; ``--tuned-only`` leaves out the part never tuned on, which
is scored only before and after a round of changes.
Each article's watched names come from the broad watchlist of ``eval/replay_stories.py``.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.story_grouping import time_per_article  # noqa: E402
from bot.matching.matcher import Matcher, compile_topics  # noqa: E402
from bot.matching.textform import detect_text_form  # noqa: E402
from bot.models import Alert, Article, Entry, Extraction, TextForm  # noqa: E402
from bot.pipeline import watched_names  # noqa: E402
from bot.storage import StoryPolicy  # noqa: E402
from bot.stories.dedup import (  # noqa: E402
    EVENT_AGREEMENT,
    SKETCH_AGREEMENT,
    SKETCH_JOIN,
    house_features,
    similarity,
)
from bot.stories.grouping import Candidate, StoryMark, judge, shared_keys, story_mark  # noqa: E402
from eval.replay_stories import watchlist  # noqa: E402
from watchers.parse import parse_feed  # noqa: E402

OLD_THRESHOLD = 0.12
"""The rule before event terms: word-sketch similarity (with its floor of six shared
features) at least this."""


@dataclass(frozen=True)
class Doc:
    entry: Entry
    text_form: TextForm
    house: frozenset[str] = frozenset()
    """Its feed's common features (none for articles that come without a feed)."""
    shared_keys: frozenset[str] = frozenset()
    """Keys several entries of its feed have (see ``bot.stories.shared_keys``)."""


@dataclass(frozen=True)
class Pair:
    same: bool
    a: Doc
    b: Doc
    kind: str = "bbc"


class Corpus:
    """Finds the documents the labels name, reading each source file once."""

    def __init__(self, corpora: Path) -> None:
        self.corpora = corpora
        self._feeds: dict[str, tuple[list[Entry], frozenset[str], frozenset[str]]] = {}
        """Each captured feed's entries, house features and shared keys."""
        self._articles: dict[str, dict[str, dict[str, str]]] = {}

    def articles(self, source: str) -> dict[str, dict[str, str]]:
        """The JSON-lines articles of ``source`` by id."""
        if source not in self._articles:
            lines = (self.corpora / source).read_text(encoding="utf-8").splitlines()
            self._articles[source] = {r["id"]: r for r in map(json.loads, lines)}
        return self._articles[source]

    def doc(self, source: str, ident: str) -> Doc:
        if source.startswith("seed:"):
            text = (REPO / "tests" / "data" / source[5:]).read_text(encoding="utf-8")
            title, _, body = text.partition("\n")
            entry = Entry(source, source, title, None, None, body)
        elif source.endswith(".jsonl"):
            row = self.articles(source)[ident]
            entry = Entry(source, ident, row["title"], None, None, row["text"])
        else:
            if source not in self._feeds:
                body = (self.corpora / source).read_bytes()
                entries = parse_feed(body, "https://example.org/", source).entries
                self._feeds[source] = (entries, house_features(
                    [(f"{e.title}\n{e.text}", form_of(e)) for e in entries]),
                    shared_keys(entries))
            entries, house, shared = self._feeds[source]
            entry = next(e for e in entries if ident in (e.guid, e.link, e.title, e.entry_id))
            return Doc(entry, form_of(entry), house, shared)
        return Doc(entry, form_of(entry))


def form_of(entry: Entry) -> TextForm:
    return detect_text_form(f"{entry.title}\n{entry.text}")


def load_pairs(path: Path, corpus: Corpus) -> list[Pair]:
    pairs = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) == 7:  # with the kind of candidate
            label, kind, source_a, id_a, source_b, id_b, _titles = fields
        else:
            label, source_a, id_a, source_b, id_b, _titles = fields
            kind = "bbc"
        try:
            pairs.append(Pair(label == "1", corpus.doc(source_a, id_a),
                              corpus.doc(source_b, id_b), kind))
        except (OSError, StopIteration, KeyError) as exc:
            raise SystemExit(f"{path}:{number}: cannot find the labelled document: {exc!r}") \
                from None
    return pairs


def text_of(doc: Doc) -> str:
    return f"{doc.entry.title}\n{doc.entry.text}"


def apart(pair: Pair, window: float) -> bool:
    """Whether the two were published too far apart to meet within the story window."""
    a, b = pair.a.entry.published, pair.b.entry.published
    return bool(a and b and abs((a - b).total_seconds()) > window)


class Marker:
    """Story marks of the labelled documents, with their watched names as an alert has them."""

    def __init__(self) -> None:
        self.matcher: Matcher = compile_topics(watchlist())

    def mark(self, doc: Doc) -> StoryMark:
        e = doc.entry
        topics = self.matcher.match(Article(e.title, e.text, text_form=doc.text_form))
        alert = Alert(e.feed_id, e.entry_id, "", e.title, None, None, doc.text_form, topics,
                      Extraction())
        return story_mark(e, doc.text_form, doc.house, watched_names(alert), doc.shared_keys)


Rule = Callable[[StoryMark, StoryMark], bool]


def new_rule(**thresholds: float) -> Rule:
    def rule(a: StoryMark, b: StoryMark) -> bool:
        candidate = Candidate(0, b.fingerprint, b.terms, 0, b.feed, b.published)
        return judge(a, candidate, **thresholds).same
    return rule


def old_rule(a: StoryMark, b: StoryMark) -> bool:
    return similarity(a.fingerprint, b.fingerprint) >= OLD_THRESHOLD


def grouped(pairs: list[Pair], marks: dict[int, tuple[StoryMark, StoryMark]], rule: Rule,
            window: float) -> list[bool]:
    """Per pair, whether the store would put both in one story: the same address or GUID, or
    the rule between two articles published within the window (undated ones count as seen
    together)."""
    out = []
    for i, pair in enumerate(pairs):
        a, b = marks[i]
        out.append(bool(set(a.keys) & set(b.keys)) or (not apart(pair, window) and rule(a, b)))
    return out


def precision_recall(pairs: list[Pair], predicted: list[bool]
                     ) -> tuple[float, float, int, int, int]:
    tp = sum(p.same and g for p, g in zip(pairs, predicted, strict=True))
    fp = sum(g and not p.same for p, g in zip(pairs, predicted, strict=True))
    fn = sum(p.same and not g for p, g in zip(pairs, predicted, strict=True))
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, tp, fp, fn


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def report(name: str, pairs: list[Pair], marks: dict[int, tuple[StoryMark, StoryMark]],
           window: float, held_out: bool = False) -> None:
    """Precision and recall of both rules on ``pairs``; with the chosen rule's errors by kind
    unless the part is ``held_out`` (only its totals are printed, so its faults stay unread)."""
    near = [i for i, p in enumerate(pairs) if not apart(p, window)]
    print(f"\n{name}: {len(pairs)} pairs ({sum(p.same for p in pairs)} one story; "
          f"{sum(p.same for i, p in enumerate(pairs) if i in near)} of them published within "
          f"the {window / 3600:.0f}h window)")
    for label, rule in (("event terms (chosen)", new_rule()), ("word sketches (before)",
                                                               old_rule)):
        got = grouped(pairs, marks, rule, window)
        p, r, tp, fp, fn = precision_recall(pairs, got)
        sub = [pairs[i] for i in near]
        _, rn, *_ = precision_recall(sub, [got[i] for i in near])
        print(f"  {label:24} precision {p:.3f}  recall {r:.3f} (within the window {rn:.3f})  "
              f"F1 {f1(p, r):.3f}  (tp {tp}, fp {fp}, fn {fn})")
        if label.startswith("event") and not held_out:
            wrong = Counter(f"{'fp' if g else 'fn'} {pairs[i].kind}" for i, g in enumerate(got)
                            if g != pairs[i].same)
            print("    errors by kind: " + (", ".join(f"{k} {n}" for k, n in
                                                     sorted(wrong.items())) or "none"))


def errors(pairs: list[Pair], marks: dict[int, tuple[StoryMark, StoryMark]],
           window: float) -> None:
    """The wrong decisions on ``pairs``, with what the rule saw."""
    got = grouped(pairs, marks, new_rule(), window)
    for i, pair in enumerate(pairs):
        if got[i] == pair.same:
            continue
        a, b = marks[i]
        verdict = judge(a, Candidate(0, b.fingerprint, b.terms, 0, b.feed, b.published))
        print(f"{'missed' if pair.same else 'wrong'} {pair.kind}"
              f"{' (apart)' if apart(pair, window) else ''}: {pair.a.entry.title[:60]!r} | "
              f"{pair.b.entry.title[:60]!r}\n    {verdict.reason()}; sizes "
              f"{a.fingerprint.size}/{b.fingerprint.size}; terms {len(a.terms)}/{len(b.terms)}")


def sweep(name: str, pairs: list[Pair], marks: dict[int, tuple[StoryMark, StoryMark]],
          window: float) -> None:
    print(f"\nsweep on {name} (precision / recall; chosen agreement {EVENT_AGREEMENT}, "
          f"sketch {SKETCH_JOIN} with agreement {SKETCH_AGREEMENT}):")
    for agreement, sketch_join, sketch_agreement in itertools.product(
            (0.25, 0.3, 0.35, 0.4, 0.5), (0.15, 0.2, 9.0), (0.2, 0.25, 0.3)):
        if sketch_join == 9.0 and sketch_agreement != 0.25:
            continue
        got = grouped(pairs, marks, new_rule(agreement=agreement, sketch_join=sketch_join,
                                             sketch_agreement=sketch_agreement), window)
        p, r, *_ = precision_recall(pairs, got)
        sketch = "none" if sketch_join == 9.0 else f"{sketch_join} at {sketch_agreement}"
        print(f"  agreement {agreement:.2f}, sketch {sketch:12}: {p:.3f} / {r:.3f}")


def unrelated_joins(corpus: Corpus, count: int) -> str:
    """How often two BBC News articles of different categories (business and sport, say:
    surely different stories) would be joined: a floor for false joins in a real stream."""
    source = "articles/bbc-news-2225.jsonl"
    rows = list(corpus.articles(source).values())
    marks = [story_mark(Entry("bbc", r["id"], r["title"], None, None, r["text"]), "raw")
             for r in rows]
    rule = new_rule()
    rng = random.Random(5)
    pairs = joined = 0
    while pairs < count:
        a, b = rng.randrange(len(rows)), rng.randrange(len(rows))
        if rows[a]["category"] == rows[b]["category"]:
            continue
        pairs += 1
        joined += rule(marks[a], marks[b])
    return (f"BBC News pairs of different categories joined: {joined} of {pairs} "
            f"({joined / pairs:.3%})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", type=Path, default=REPO.parent / "shared" / "corpora")
    parser.add_argument("--stream", type=int, default=1000,
                        help="articles in the timed stream (default 1000)")
    parser.add_argument("--no-sweep", action="store_true", help="skip the threshold sweep")
    parser.add_argument("--errors", action="store_true",
                        help="list the wrong decisions of every tuned part with their reasons")
    parser.add_argument("--tuned-only", action="store_true",
                        help="leave out the parts never tuned on (score them only before and "
                        "after a round of changes)")
    args = parser.parse_args(argv)
    if not args.corpora.is_dir():
        print(f"corpora folder not found: {args.corpora}", file=sys.stderr)
        return 2
    corpus = Corpus(args.corpora)
    marker = Marker()
    window = StoryPolicy().window
    sets = {
        "tune part (captured feeds)": REPO / "eval" / "story-pairs-tune.tsv",
        "scored part (captured feeds)": REPO / "eval" / "story-pairs-score.tsv",
        "fresh part (captured feeds, another draw)": REPO / "eval" / "story-pairs-fresh.tsv",
        "fresh2 part (captured feeds, a third draw)": REPO / "eval" / "story-pairs-fresh2.tsv",
        "older pairs (cross-publisher and BBC News)": REPO / "tests" / "data" /
        "dedup-pairs.tsv",
        "fresh3 part (captured feeds, a fourth draw, scored before and after the latest round; "
        "tuning data now)": REPO / "eval" / "story-pairs-fresh3.tsv",
        "fresh4 part (captured feeds, a fifth draw, scored before the latest round; tuning data "
        "now)": REPO / "eval" / "story-pairs-fresh4.tsv",
        "fresh5 part (captured feeds, a sixth draw, scored before the latest round; tuning data "
        "now)": REPO / "eval" / "story-pairs-fresh5.tsv",
        "fresh6 part (captured feeds, a seventh draw, scored before the latest round; tuning "
        "data now)": REPO / "eval" / "story-pairs-fresh6.tsv",
        "fresh7 part (captured feeds, an eighth draw, never tuned on)": REPO / "eval" /
        "story-pairs-fresh7.tsv",
    }
    held_out = set(list(sets)[-1:])  # never tuned on: totals only, its faults stay unread
    if args.tuned_only:
        for name in held_out:
            del sets[name]
    loaded = {}
    for name, path in sets.items():
        pairs = load_pairs(path, corpus)
        marks = {i: (marker.mark(p.a), marker.mark(p.b)) for i, p in enumerate(pairs)}
        loaded[name] = (pairs, marks)
        report(name, pairs, marks, window, held_out=name in held_out)
    if args.errors:
        for name in sets:
            if name not in held_out:
                print(f"\nerrors of the {name.split(' (')[0]}:")
                errors(*loaded[name], window)
    if not args.no_sweep:
        for name in (list(sets)[0], list(sets)[4]):
            sweep(name, *loaded[name], window)
    print(f"\n{unrelated_joins(corpus, 20_000)}")
    docs = [corpus.doc("articles/bbc-news-2225.jsonl", i)
            for i in list(corpus.articles("articles/bbc-news-2225.jsonl"))[:args.stream]]
    print()
    time_per_article([(d.entry, d.text_form) for d in docs], "BBC articles")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
