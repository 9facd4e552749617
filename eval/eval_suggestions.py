"""Replay "not relevant" marks on the captured feeds and score the config suggestions they give.

    python eval/eval_suggestions.py [--corpora ../shared/corpora] [--marks 20] [--seeds 21 22 ...]
    python eval/eval_suggestions.py --part first            # only the topic labelled first

``eval/feedback-labels.tsv`` holds every alert a topic of an ``eval/`` watchlist raises on the BBC
articles and the captured feeds, each read and labelled 1 (right: the desk wants it) or 0 (wrong)
before any suggestion was computed, and the part it belongs to: ``first`` (the legal topic of the
newsroom watchlist, labelled first and scored with the first version of the suggestions),
``held-out`` (the strikes desk of ``watchlist-desks.toml``, labelled before the suggestions were
changed and scored once; tuned on since), ``held-out2`` (the hacking desk of the same
watchlist, labelled before the specific changes were written and scored once with them),
``held-out3`` (the consumer-business desk of the same watchlist, whose companies' names are
common words or shared with others, labelled before any suggestion was computed for it and
scored once), ``held-out4`` (the car-industry desk of the same watchlist, carmakers whose
names are shared with people, teams, banks and tournaments, labelled before any suggestion was
computed for it; scored only), ``held-out5`` (the aviation desk of the same watchlist,
airlines and planemakers some of whose names are shared with football clubs, places and other
companies, labelled before any suggestion was computed for it; scored only, never tuned on),
``held-out6`` (the banking desk of the same watchlist, banks and central banks most of whose
alerts quote their analysts on something else and some of whose names are places, labelled
before any suggestion was computed for it; scored once, then read and tuned on),
``held-out7`` (the politics desk of the same watchlist, ministers and opposition leaders whose
surnames others share or are common words and most of whose wrong alerts name them in passing,
labelled before any suggestion was computed for it; scored, then read and tuned on),
``held-out8`` (the sports desk of the same watchlist, British sport stars whose surnames others
share (a Welsh rugby player, a city, a football club) and most of whose wrong alerts name them
in passing, labelled before any suggestion was computed for it; scored twice, then read and tuned
on), ``held-out9`` (the business-leaders desk of the same watchlist, labelled before any
suggestion was computed for it; scored before and after the rule for people who act, then read
and tuned on), ``held-out10`` (the entertainment desk of the same watchlist, film, music and
TV stars some of whose names are a place, a programming language or a word, labelled before any
suggestion was computed for it; scored once with the engine before and once after that round,
then read and tuned on), ``held-out11`` (the world-leaders desk of the same watchlist, heads of
state and government some of whose names others share or are a word and most of whose wrong
alerts name them in passing in a story about something else, labelled before any suggestion
was computed for it; scored once, then read and tuned on), ``held-out12`` (the cabinet desk
of the same watchlist, ministers some of whose surnames others share (Kenneth Clarke, Lleyton
Hewitt, a singer, a tobacco firm) and most of whose alerts the desk wants, labelled before any
suggestion was computed for it; scored only, never read), ``held-out13`` (the football desk
of the same watchlist, clubs most of whose names are also a city, a word or someone else's,
labelled before any suggestion was computed for it; scored only, never read), ``held-out14``
(the fires desk of the same watchlist, events whose words have other senses, "fired", "under
fire", an "explosion" of growth, labelled before any suggestion was computed for it; scored
once, then its forms counted to write the suggestion of ``not_as``) and ``held-out15`` (the
crashes desk of the same watchlist, events whose words have other senses, a market crash, a
program that crashed, a team that "crashed out", labelled before any suggestion was computed
for it; scored only, never read).

Two replays, each with ``--marks`` wrong alerts marked, per seed:

- ``reading``: the desk reads the topic's alerts in an order drawn at random (the seed) and marks
  every wrong one it reads, until it has marked ``--marks``; the alerts read and not marked are
  the ones it kept. The suggestions are computed from those alerts alone (``suggest``, as
  ``newsalert report`` does), and the report's "together" is applied: every specific change
  that loses none of the kept alerts (or the one there is). They are scored on all labelled
  alerts: wrong ones removed (the marked and the others, which the suggestions never saw) and
  right ones lost (the kept and the others).
- ``sample``: ``--marks`` wrong alerts drawn at random are marked and every other alert of the
  topic, wrong or right, counts as unmarked: the suggestions then treat wrong alerts the desk did
  not mark as alerts it kept, so a change that would remove them is reported as losing them.
  Each listed suggestion is scored alone, and then the report's "together".
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bot.config import load_config  # noqa: E402
from bot.models import Article, Topic  # noqa: E402
from bot.suggestions import still_alerting, suggest  # noqa: E402
from eval.eval_matching import load_articles  # noqa: E402

EVAL = Path(__file__).resolve().parent
LABELS = EVAL / "feedback-labels.tsv"


@dataclass
class Labelled:
    watchlist: str
    topic: str
    part: str
    right: dict[str, bool]  # article id -> whether the alert is right


def read_labels(path: Path = LABELS) -> list[Labelled]:
    out: dict[tuple[str, str], Labelled] = {}
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            key = (row["watchlist"], row["topic"])
            out.setdefault(key, Labelled(row["watchlist"], row["topic"], row["part"], {}))
            out[key].right[row["article"]] = row["label"] == "1"
    return list(out.values())


def removed(changed: Topic, articles: dict[int, Article]) -> set[int]:
    """The topic's alerts that it no longer raises as ``changed``."""
    return set(articles) - still_alerting(articles, [changed])[0]


def reading(topic: Topic, articles: dict[int, Article], right: dict[int, bool], marks: int,
            seed: int) -> str:
    order = list(articles)
    random.Random(seed).shuffle(order)
    read: list[int] = []
    for n in order:
        read.append(n)
        if sum(not right[i] for i in read) == marks:
            break
    marked = {i for i in read if not right[i]}
    kept = set(read) - marked
    found = suggest(topic, [(i, articles[i]) for i in read], marked)
    safe = [s for s in found.suggestions if s.specific and not s.lost]
    change = found.together or (safe[0] if safe else None)
    wrong = {i for i in articles if not right[i]}
    good = set(articles) - wrong
    gone = removed(change.topic, articles) if change else set()
    return (f"| {seed} | {len(read)} ({len(kept)} kept) | "
            f"{change.describe() if change else '(none)'} | {len(gone & marked)} / {len(marked)} | "
            f"{len(gone & wrong - marked)} / {len(wrong - marked)} | "
            f"**{len(gone & wrong) / len(wrong):.0%}** | {len(gone & kept)} / {len(kept)} | "
            f"**{len(gone & good)}** / {len(good)} |")


def sample(topic: Topic, articles: dict[int, Article], right: dict[int, bool], marks: int,
           seed: int) -> list[str]:
    wrong = sorted(i for i in articles if not right[i])
    marked = set(random.Random(seed).sample(wrong, min(marks, len(wrong))))
    found = suggest(topic, articles.items(), marked)
    good = {i for i in articles if right[i]}
    rows = []
    listed = [*found.suggestions, *([found.together] if found.together else [])]
    for s in listed:
        gone = removed(s.topic, articles)
        label = s.describe() if s is not found.together else f"together: {s.describe()}"
        rows.append(f"| {seed} | {label} | {len(s.lost)} | {len(gone & marked)} / "
                    f"{len(marked)} | {len(gone & set(wrong)) / len(wrong):.0%} | "
                    f"{len(gone & good)} / {len(good)} |")
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=REPO.parent / "shared" / "corpora")
    parser.add_argument("--marks", type=int, default=20)
    parser.add_argument("--seeds", type=int, nargs="+", default=[21, 22, 23, 24, 25])
    parser.add_argument("--part", choices=["first", "held-out", "held-out2", "held-out3",
                                           "held-out4", "held-out5", "held-out6", "held-out7",
                                           "held-out8", "held-out9", "held-out10",
                                           "held-out11", "held-out12", "held-out13",
                                           "held-out14", "held-out15"],
                        help="only the topics of this part (default: all)")
    args = parser.parse_args(argv)
    corpus = load_articles(args.corpora)
    for labelled in read_labels():
        if args.part and labelled.part != args.part:
            continue
        topic = load_config(EVAL / labelled.watchlist).topic(labelled.topic)
        assert topic is not None, f"{labelled.watchlist}: no topic {labelled.topic}"
        ids = sorted(labelled.right)
        labelled_articles = {n: corpus[a] for n, a in enumerate(ids)}
        # the alerts the topic raises now: a labelled one the matcher no longer raises is none
        # the desk could read, mark or lose
        raised = still_alerting(labelled_articles, [topic])[0]
        articles = {n: a for n, a in labelled_articles.items() if n in raised}
        right = {n: labelled.right[ids[n]] for n in articles}
        n_right = sum(right.values())
        gone_right = sum(labelled.right[ids[n]] for n in labelled_articles if n not in raised)
        print(f"## {labelled.watchlist} {labelled.topic} ({labelled.part}): {len(articles)} "
              f"alerts, {n_right} right, {len(articles) - n_right} wrong (of {len(ids)} "
              f"labelled; the topic no longer raises {len(ids) - len(articles) - gone_right} "
              f"wrong and {gone_right} right)\n")
        print("reading: the suggestions that lose no kept alert, applied together\n")
        print("| seed | alerts read | applied | marked removed | other wrong removed | "
              "wrong removed | kept lost | right lost |")
        print("|---:|---|---|---:|---:|---:|---:|---:|")
        for seed in args.seeds:
            print(reading(topic, articles, right, args.marks, seed))
        print("\nsample: each listed suggestion alone\n")
        print("| seed | suggestion | unmarked lost (as the report counts) | marked removed | "
              "wrong removed | right lost |")
        print("|---:|---|---:|---:|---:|---:|")
        for seed in args.seeds[:1]:
            print("\n".join(sample(topic, articles, right, args.marks, seed)))
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
