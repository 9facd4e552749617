"""Replay "not relevant" marks on the captured feeds and score the config suggestions they give.

    python eval/eval_suggestions.py [--corpora ../shared/corpora] [--marks 20] [--seed 21]

``eval/feedback-labels.tsv`` holds every alert a topic of an ``eval/`` watchlist raises on the BBC
articles and the captured feeds, read and labelled 1 (right: the desk wants it) or 0 (wrong),
before any suggestion was computed. The replay draws ``--marks`` of the wrong alerts at random
(fixed seed) as the desk's "not relevant" marks, computes the suggestions from those marks and
the topic's alerts alone (``bot.suggestions.suggest``, as ``newsalert report`` does), and scores
them on all labelled alerts: wrong alerts removed (the marked ones and, separately, the other
wrong ones, which the suggestions never saw) and right alerts lost. Two ways of taking them:

- ``safe``: the suggestions that lose no unmarked alert, applied together (what the report
  offers as "together");
- each suggestion the report lists, alone.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bot.config import load_config  # noqa: E402
from bot.models import Topic  # noqa: E402
from bot.suggestions import _still_alerting, suggest  # noqa: E402
from eval.eval_matching import load_articles  # noqa: E402

EVAL = Path(__file__).resolve().parent
LABELS = EVAL / "feedback-labels.tsv"


def read_labels(path: Path = LABELS) -> dict[tuple[str, str], dict[str, bool]]:
    """Per (watchlist, topic): article id -> whether the alert is right."""
    out: dict[tuple[str, str], dict[str, bool]] = defaultdict(dict)
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            out[(row["watchlist"], row["topic"])][row["article"]] = row["label"] == "1"
    return out


def score(topic: Topic, changed: Topic, articles: dict[int, object], right: dict[int, bool],
          marked: set[int]) -> tuple[int, int, int]:
    """Marked wrong alerts removed, other wrong alerts removed, right alerts lost."""
    still = _still_alerting(topic, articles, [changed])[0]  # type: ignore[arg-type]
    gone = set(articles) - still
    return (len(gone & marked), len({i for i in gone - marked if not right[i]}),
            len({i for i in gone if right[i]}))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=REPO.parent / "shared" / "corpora")
    parser.add_argument("--marks", type=int, default=20)
    parser.add_argument("--seed", type=int, default=21)
    args = parser.parse_args(argv)
    corpus = load_articles(args.corpora)
    for (watchlist, topic_id), labels in sorted(read_labels().items()):
        topic = load_config(EVAL / watchlist).topic(topic_id)
        assert topic is not None, f"{watchlist}: no topic {topic_id}"
        ids = sorted(labels)
        articles = {n: corpus[a] for n, a in enumerate(ids)}
        right = {n: labels[a] for n, a in enumerate(ids)}
        wrong = sorted(n for n, ok in right.items() if not ok)
        marked = set(random.Random(args.seed).sample(wrong, args.marks))
        found = suggest(topic, articles.items(), marked)
        n_right, n_wrong = sum(right.values()), len(wrong)
        print(f"{watchlist} {topic_id}: {len(ids)} alerts, {n_right} right, {n_wrong} wrong; "
              f"{len(marked)} wrong ones marked (seed {args.seed}), {n_wrong - len(marked)} "
              "held out")
        print("| suggestion | marked removed | other wrong removed | wrong removed | right lost "
              "| unmarked lost (as the report counts) |")
        print("|---|---:|---:|---:|---:|---:|")
        rows = [(s.describe(), s.topic, len(s.lost)) for s in found.suggestions]
        if found.together is not None:
            rows.append((f"together: {found.together.describe()}", found.together.topic,
                         len(found.together.lost)))
        for name, changed, lost in rows:
            m, other, lost_right = score(topic, changed, articles, right, marked)
            print(f"| {name} | {m} / {len(marked)} | {other} / {n_wrong - len(marked)} | "
                  f"{(m + other) / n_wrong:.0%} | {lost_right} / {n_right} | {lost} |")
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
