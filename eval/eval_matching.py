"""Measure watchlist matching on labelled (article, watched entity) pairs.

    python eval/eval_matching.py [--corpora ../shared/corpora]        # score the tuning parts
    python eval/eval_matching.py --fresh                               # and the never-tuned part
    python eval/eval_matching.py candidates WATCHLIST [--per 8]        # pairs to label
    python eval/eval_matching.py show ID ENTITY [--watchlist W]        # read one pair
    python eval/eval_matching.py errors                                # tuning-part errors

``eval/matching-labels.tsv`` holds the labels: the watchlist (a config under ``eval/``), the
article id (``bbc:business/001`` for the BBC articles, ``feed:DIR/FILE#N`` for the Nth entry of
a captured feed), the watched entity's name, 1 when a desk watching it wants the alert and 0
when the article has a watched word but is not about that entity, the failure class the pair
tests, a short reason, and the part the pair belongs to:

- ``tune``: the pairs the rules were written on;
- ``held-out``: the pairs of a quarter of the articles (first hex digit of the SHA-1 of the
  article id below 4), only scored while the first rules were written; their false alerts were
  then read, so they are tuning data now;
- ``fresh``: pairs drawn and labelled from the text alone after those rules, scored once; their
  errors were then read and fixed, so they are tuning data now too;
- ``fresh2``: pairs drawn blind (``candidates --blind``) and labelled from the text alone after
  that, never tuned on and scored only with ``--fresh``.

A pair is predicted positive when the entity is among the matches of a topic that alerts for the
article (so a topic's ``min_prominence`` counts). Every labelled raw article is also scored as
stemmed text (lowercased, tokenized and Porter-stemmed as stemmed feeds are), under the class
``stemmed``, with the same labels.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import re
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bot.config import load_config  # noqa: E402
from bot.inputs import read_articles  # noqa: E402
from bot.matching.matcher import Matcher, compile_topics  # noqa: E402
from bot.models import Article, Entity  # noqa: E402
from bot.textnorm import STEMS, fold, tokenize  # noqa: E402

EVAL = Path(__file__).resolve().parent
LABELS = EVAL / "matching-labels.tsv"
COLUMNS = ("watchlist", "article", "entity", "label", "class", "reason", "part")
PARTS = ("tune", "held-out", "fresh", "fresh2")
FRESH = "fresh2"


def held_out(article_id: str) -> bool:
    """Whether an article belonged to the first held-out part (how that part was drawn)."""
    return hashlib.sha1(article_id.encode()).hexdigest()[0] in "0123"


def load_articles(corpora: Path) -> dict[str, Article]:
    """The BBC articles and every entry of the captured feeds, by id."""
    articles: dict[str, Article] = {}
    with (corpora / "articles" / "bbc-news-2225.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            articles[f"bbc:{record['id']}"] = Article(record["title"], record["text"])
    for path in sorted((corpora / "feeds").glob("*/*")):
        if path.suffix in (".tsv", ".md"):
            continue
        try:
            for n, article in enumerate(read_articles(path, "raw", on_bad_record=lambda e: None)):
                articles[f"feed:{path.parent.name}/{path.name}#{n}"] = article
        except Exception:  # noqa: BLE001 - a capture our readers refuse has nothing to label
            continue
    return articles


def stemmed(article: Article) -> Article:
    """The article as stemmed feeds deliver it: lowercased, tokenized, Porter-stemmed."""
    def form(text: str) -> str:
        return " ".join(STEMS[t] if t[:1].isalnum() else t for t in fold(
            " ".join(tokenize(text))).split(" "))
    return Article(form(article.title), form(article.text), article.url, "stemmed")


def matched_entities(matcher: Matcher, article: Article) -> set[str]:
    return {m.name for t in matcher.match(article) for m in t.matches}


def read_labels(path: Path = LABELS) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as f:
        return [row for row in csv.DictReader(f, delimiter="\t") if row["watchlist"].strip()]


def score(corpora: Path, labels: list[dict[str, str]],
          errors: list[str] | None = None) -> dict[str, dict[str, list[int]]]:
    """Per part and class: [true pos, false pos, false neg, pairs]; the wrong predictions on the
    parts tuned on (not the never-tuned part) are added to ``errors`` when it is given."""
    articles = load_articles(corpora)
    matchers: dict[str, Matcher] = {}
    results: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0] * 4))
    cache: dict[tuple[str, str, bool], set[str]] = {}
    for row in labels:
        watchlist = row["watchlist"]
        if watchlist not in matchers:
            matchers[watchlist] = compile_topics(load_config(EVAL / watchlist).topics)
        article = articles[row["article"]]
        part = row["part"]
        if part not in PARTS:
            sys.exit(f"eval_matching: {row['article']} {row['entity']}: unknown part {part!r}")
        expected = row["label"] == "1"
        for form in (False, True):
            if form and row["article"].startswith("feed:"):
                continue
            key = (watchlist, row["article"], form)
            if key not in cache:
                cache[key] = matched_entities(matchers[watchlist],
                                              stemmed(article) if form else article)
            predicted = row["entity"] in cache[key]
            if errors is not None and part != FRESH and predicted != expected:
                errors.append(f"{'FP' if predicted else 'FN'} {part} {'stemmed ' if form else ''}"
                              f"{row['article']}\t{row['entity']}\t{row['reason']}")
            for cls in (("stemmed",) if form else (row["class"], "all")):
                counts = results[part][cls]
                counts[0] += predicted and expected
                counts[1] += predicted and not expected
                counts[2] += expected and not predicted
                counts[3] += 1
    return results


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "  -  "


def print_scores(results: dict[str, dict[str, list[int]]]) -> None:
    print("| part | class | pairs | alert | precision | recall | false alerts | misses |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for part in (p for p in PARTS if p in results):
        classes = sorted(results[part], key=lambda c: (c in ("all", "stemmed"), c))
        for cls in classes:
            tp, fp, fn, n = results[part][cls]
            print(f"| {part} | {cls} | {n} | {tp + fn} | {_ratio(tp, tp + fp)} | "
                  f"{_ratio(tp, tp + fn)} | {fp} | {fn} |")


def _watched_words(entity: Entity) -> list[str]:
    """The words whose presence makes an article a candidate for ``entity``."""
    if entity.kind == "event":
        return [STEMS[fold(tokenize(entity.name)[0])][:4]]
    return [fold(tokenize(name)[-1]) for name in (entity.name, *entity.aliases)]


def _mentions(article: Article, words: list[str], span: int = 90) -> Iterator[str]:
    text = f"{article.title}\n{article.text}"
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, words)) + r")", re.IGNORECASE)
    for found in pattern.finditer(text):
        start, end = max(found.start() - span, 0), found.end() + span
        yield text[start:found.start()] + "[[" + found.group() + "]]" + text[found.end():end]


def candidates(corpora: Path, watchlist: str, per: int, seed: int, only_held_out: bool = False,
               blind: bool = False) -> None:
    """Print, per entity, up to ``per`` articles with a watched word that the matcher alerts for
    and ``per`` that it does not, with the context of each mention, for labelling. ``blind``
    draws ``2 * per`` articles with a watched word from articles not labelled yet, without
    asking the matcher, so that labels cannot lean on what it says."""
    config = load_config(EVAL / watchlist)
    matcher = compile_topics(config.topics)
    articles = load_articles(corpora)
    labels = read_labels() if LABELS.exists() else []
    done = {(r["article"], r["entity"]) for r in labels}
    seen = {r["article"] for r in labels} if blind else set()
    rng = random.Random(seed)
    for topic in config.topics:
        for entity in topic.entities:
            words = _watched_words(entity)
            pattern = re.compile(r"\b(" + "|".join(map(re.escape, words)) + r")", re.IGNORECASE)
            found: dict[bool, list[str]] = {True: [], False: []}
            for article_id, article in articles.items():
                if (article_id, entity.name) in done or article_id in seen or \
                        only_held_out and not held_out(article_id) or \
                        not pattern.search(f"{article.title}\n{article.text}"):
                    continue
                if blind:
                    found[False].append(article_id)
                else:
                    found[entity.name in matched_entities(matcher, article)].append(article_id)
            for alerted, ids in found.items():
                for article_id in rng.sample(ids, min(per * (1 + blind), len(ids))):
                    show(articles[article_id], article_id, entity, None if blind else alerted)


def show(article: Article, article_id: str, entity: Entity, alerted: bool | None = None) -> None:
    print(f"=== {article_id}\t{entity.name}\talerted={alerted}\n  T: {article.title}")
    for snippet in list(_mentions(article, _watched_words(entity)))[:6]:
        print("  - " + " ".join(snippet.split()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", type=Path, default=REPO.parent / "shared" / "corpora")
    sub = parser.add_subparsers(dest="command")
    cand = sub.add_parser("candidates")
    cand.add_argument("watchlist")
    cand.add_argument("--per", type=int, default=8)
    cand.add_argument("--seed", type=int, default=1)
    cand.add_argument("--held-out", action="store_true",
                      help="only articles of the first held-out part")
    cand.add_argument("--blind", action="store_true",
                      help="unlabelled articles only, without the matcher's verdict")
    one = sub.add_parser("show")
    one.add_argument("article")
    one.add_argument("entity")
    one.add_argument("--watchlist", default="watchlist-newsroom.toml")
    parser.add_argument("--fresh", action="store_true",
                        help="also score the never-tuned part (once, when the rules are done)")
    sub.add_parser("errors", help="the wrong predictions on the parts tuned on")
    args = parser.parse_args()
    if not (args.corpora / "articles").is_dir():
        sys.exit(f"eval_matching: no corpora at {args.corpora} (give --corpora)")
    if args.command == "candidates":
        candidates(args.corpora, args.watchlist, args.per, args.seed, args.held_out,
                   args.blind)
    elif args.command == "show":
        config = load_config(EVAL / args.watchlist)
        entity = next(e for t in config.topics for e in t.entities if e.name == args.entity)
        show(load_articles(args.corpora)[args.article], args.article, entity)
    elif args.command == "errors":
        errors: list[str] = []
        score(args.corpora, read_labels(), errors)
        print("\n".join(errors))
    else:
        labels = [r for r in read_labels() if args.fresh or r["part"] != FRESH]
        print_scores(score(args.corpora, labels))


if __name__ == "__main__":
    main()
