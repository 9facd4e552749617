"""Score quote extraction against the PolNeAR attribution corpus.

    python eval/eval_quotes.py ../shared/corpora/quotes/polnear-train-dev.jsonl [--split dev]

Gold direct quotes are the runs of text between double quotation marks (straight or curly, three
words or more) inside a labelled attribution's content; each takes the attribution's source as
its speaker. Every annotated document (several annotators per article) is scored on its own.

- recall: the share of gold quotes at least half covered by extracted quotes;
- precision: the share of extracted quote parts lying at least half inside some labelled content;
- speaker accuracy: over the found gold quotes whose source is a name (its last word is
  capitalized, not a pronoun), the share whose extracted speaker shares that name's surname or
  whose surname appears in the source; the rest are split into wrong and unknown.

``--errors N`` prints N speaker errors to study.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.extract.quotes import FoundQuote, find_quotes  # noqa: E402

_GOLD_QUOTE = re.compile(r"[“\"]([^“”\"\n]+)(?:[”\"]|(?=\n|$))")
_INDEFINITE = frozenset({"a", "an", "one", "another", "some", "several", "many", "other", "two",
                         "three", "most", "few"})
_PRONOUNS = frozenset({"I", "We", "He", "She", "They", "It", "You", "Who", "This", "That"})


@dataclass
class Gold:
    start: int
    end: int
    source: str


def gold_quotes(doc: dict) -> list[Gold]:
    text = doc["text"]
    found: dict[tuple[int, int], tuple[int, str]] = {}
    for attribution in doc["attributions"]:
        source = " ".join(s["text"] for s in attribution.get("source", []))
        for content in attribution.get("content", []):
            for start, end in content["spans"]:
                for m in _GOLD_QUOTE.finditer(text, start, end):
                    if len(m.group(1).split()) < 3:
                        continue
                    key = (m.start(1), m.end(1))
                    size = end - start
                    # The most specific attribution wins when contents nest.
                    if key not in found or size < found[key][0]:
                        found[key] = (size, source)
    return [Gold(s, e, src) for (s, e), (_, src) in sorted(found.items())]


def contents(doc: dict) -> list[tuple[int, int]]:
    return [tuple(span) for a in doc["attributions"] for c in a.get("content", [])
            for span in c["spans"]]


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def is_name(source: str) -> bool:
    """A source that names someone: its head (last word) is capitalized and it is not an
    indefinite description ("an Iowa Democrat")."""
    words = re.findall(r"[\w'’.\-]+", source)
    return bool(words) and len(words) <= 8 and words[-1][:1].isupper() \
        and words[-1] not in _PRONOUNS and not words[-1].endswith(("'s", "’s")) \
        and words[0].lower() not in _INDEFINITE


def surname(name: str) -> str:
    words = re.findall(r"[\w\-]+", name.replace("’s", "").replace("'s", ""))
    return words[-1].lower() if words else ""


def same_speaker(predicted: str, source: str) -> bool:
    source_words = {w.lower() for w in re.findall(r"[\w\-]+", source)}
    return surname(predicted) in source_words or surname(source) in {
        w.lower() for w in re.findall(r"[\w\-]+", predicted)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--split", default="dev")
    parser.add_argument("--errors", type=int, default=0)
    args = parser.parse_args(argv)
    docs = [json.loads(line) for line in args.corpus.open(encoding="utf-8")]
    docs = [d for d in docs if d["split"] == args.split]
    gold_total = gold_found = predicted_total = predicted_right = 0
    named = correct = wrong = unknown = 0
    errors: list[str] = []
    for doc in docs:
        text = doc["text"]
        quotes: list[FoundQuote] = find_quotes(text, "raw")
        parts = [(span, q) for q in quotes for span in q.spans]
        labelled = contents(doc)
        for span, _ in parts:
            predicted_total += 1
            inside = sum(overlap(span, c) for c in labelled)
            predicted_right += inside * 2 >= span[1] - span[0]
        for gold in gold_quotes(doc):
            gold_total += 1
            covering = [(overlap((gold.start, gold.end), span), q) for span, q in parts]
            covered, best = max(covering, key=lambda c: c[0], default=(0, None))
            if sum(c for c, _ in covering) * 2 < gold.end - gold.start or best is None:
                continue
            gold_found += 1
            if not is_name(gold.source):
                continue
            named += 1
            if best.speaker is None:
                unknown += 1
                verdict = "unknown"
            elif same_speaker(best.speaker, gold.source):
                correct += 1
                continue
            else:
                wrong += 1
                verdict = "wrong"
            errors.append(f"{verdict}: gold={gold.source!r} got={best.speaker!r} "
                          f"quote={text[gold.start:gold.end][:70]!r}\n    context="
                          f"{text[max(0, gold.start - 160):gold.end + 120]!r}")
    print(f"split={args.split} documents={len(docs)} gold quotes={gold_total} "
          f"extracted parts={predicted_total}")
    print(f"recall={gold_found / max(gold_total, 1):.3f} "
          f"precision={predicted_right / max(predicted_total, 1):.3f}")
    print(f"speaker accuracy (named sources)={correct / max(named, 1):.3f} "
          f"of {named}: correct={correct} wrong={wrong} unknown={unknown}")
    for line in errors[:args.errors]:
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
