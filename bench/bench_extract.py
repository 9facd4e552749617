"""Articles per second for matching plus extraction over the BBC corpus, on one core.

    python bench/bench_extract.py ../shared/corpora/articles/bbc-news-2225.jsonl [--repeat 3]

Runs the public pipeline (``compile_topics`` once, then ``analyze`` per article: matching and
extraction) against a watchlist of people, organizations and legal events, and, in the same run,
a naive baseline that does the same jobs the obvious way: one regular expression search per
watchlist term, the first sentences by a regex split, and every quoted string and number found by
a regex per sentence, with no speakers, units or ranking. Prints the rates (and extraction and
matching alone) and the ratio to the baseline.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.analysis import analyze  # noqa: E402
from bot.extract import extract  # noqa: E402
from bot.matching.matcher import compile_topics  # noqa: E402
from bot.matching.vocabulary import event_set  # noqa: E402
from bot.models import Article, Entity, Topic  # noqa: E402

PEOPLE = ["Tony Blair", "Gordon Brown", "George Bush", "Michael Howard", "Charles Kennedy",
          "Jacques Chirac", "Vladimir Putin", "Kofi Annan", "Bill Gates", "Steve Jobs",
          "Roman Abramovich", "Jose Mourinho", "Arsene Wenger", "Tim Henman", "Paula Radcliffe"]
ORGS = ["Labour", "Conservatives", "Liberal Democrats", "European Union", "United Nations",
        "Microsoft", "Google", "Yukos", "BBC", "Chelsea", "Arsenal", "World Bank", "IMF"]


def topics() -> list[Topic]:
    events = event_set("legal")
    return [
        Topic("politics", "UK politics", people=tuple(Entity("person", p) for p in PEOPLE[:5]),
              organizations=tuple(Entity("organization", o) for o in ORGS[:3]), events=events),
        Topic("world", "World", people=tuple(Entity("person", p) for p in PEOPLE[5:8]),
              organizations=tuple(Entity("organization", o) for o in ORGS[3:5]), events=events),
        Topic("business", "Business and sport",
              people=tuple(Entity("person", p) for p in PEOPLE[8:]),
              organizations=tuple(Entity("organization", o) for o in ORGS[5:])),
    ]


_NAIVE_QUOTE = re.compile(r"\"([^\"]+)\"|“([^”]+)”")
_NAIVE_NUMBER = re.compile(r"[$£€]?\d[\d,.]*\s*(?:%|million|bn|m|people)?")


def naive(article: Article, terms: list[str]) -> int:
    """The obvious way: a regex per term, a regex sentence split, per sentence a regex for
    quoted strings and one for numbers."""
    text = f"{article.title}\n{article.text}"
    found = sum(1 for t in terms if re.search(rf"\b{re.escape(t)}\b", text, re.IGNORECASE))
    for sentence in re.split(r"(?<=[.!?])\s+", article.text):
        found += len(_NAIVE_QUOTE.findall(sentence)) + len(_NAIVE_NUMBER.findall(sentence))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    articles = [Article(d["title"], d["text"]) for d in map(json.loads, args.corpus.open())]
    watch = topics()
    terms = [e.name for t in watch for e in t.entities]
    matcher = compile_topics(watch)
    for article in articles[:50]:  # warm caches (stemmer, regex compilation)
        analyze(article, matcher)

    def rate(run) -> float:
        best = float("inf")
        for _ in range(args.repeat):
            start = time.process_time()
            for article in articles:
                run(article)
            best = min(best, time.process_time() - start)
        return len(articles) / best

    ours = rate(lambda a: analyze(a, matcher))
    extract_only = rate(extract)
    match_only = rate(matcher.match)
    baseline = rate(lambda a: naive(a, terms))
    alerts = sum(1 for a in articles if analyze(a, matcher).topics)
    print(f"articles={len(articles)} topics={len(watch)} terms={len(terms)} alerts={alerts}")
    print(f"match+extract: {ours:,.0f} articles/s (one core, best of {args.repeat})")
    print(f"  extract only: {extract_only:,.0f} articles/s; match only: {match_only:,.0f}")
    print(f"naive baseline: {baseline:,.0f} articles/s")
    print(f"ratio: {ours / baseline:.2f}x  target >= 300 articles/s: "
          f"{'met' if ours >= 300 else 'NOT met'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
