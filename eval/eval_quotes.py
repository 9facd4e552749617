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
import hashlib
import json
import re
import sys
from dataclasses import dataclass, field
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


@dataclass
class Scores:
    documents: int = 0
    gold: int = 0
    gold_found: int = 0
    extracted: int = 0
    extracted_right: int = 0
    named: int = 0
    correct: int = 0
    wrong: int = 0
    unknown: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.gold_found / max(self.gold, 1)

    @property
    def precision(self) -> float:
        return self.extracted_right / max(self.extracted, 1)

    @property
    def speaker_accuracy(self) -> float:
        return self.correct / max(self.named, 1)


def score(docs: list[dict]) -> Scores:
    scores = Scores(documents=len(docs))
    for doc in docs:
        text = doc["text"]
        quotes: list[FoundQuote] = find_quotes(text, "raw")
        parts = [(span, q) for q in quotes for span in q.spans]
        labelled = contents(doc)
        for span, _ in parts:
            scores.extracted += 1
            inside = sum(overlap(span, c) for c in labelled)
            scores.extracted_right += inside * 2 >= span[1] - span[0]
        for gold in gold_quotes(doc):
            scores.gold += 1
            covering = [(overlap((gold.start, gold.end), span), q) for span, q in parts]
            _, best = max(covering, key=lambda c: c[0], default=(0, None))
            if sum(c for c, _ in covering) * 2 < gold.end - gold.start or best is None:
                continue
            scores.gold_found += 1
            if not is_name(gold.source):
                continue
            scores.named += 1
            if best.speaker is None:
                scores.unknown += 1
                verdict = "unknown"
            elif same_speaker(best.speaker, gold.source):
                scores.correct += 1
                continue
            else:
                scores.wrong += 1
                verdict = "wrong"
            scores.errors.append(
                f"{verdict}: gold={gold.source!r} got={best.speaker!r} "
                f"quote={text[gold.start:gold.end][:70]!r}\n    context="
                f"{text[max(0, gold.start - 160):gold.end + 120]!r}")
    return scores


def held_out(article: str) -> bool:
    """Half of the dev articles, by a hash of the article's name, is never studied."""
    return int(hashlib.sha1(article.encode()).hexdigest(), 16) % 2 == 1


def load(corpus: Path, split: str) -> list[dict]:
    """The documents of a split: ``train``, ``dev``, or the halves of dev, ``dev-tune`` (whose
    errors may be studied) and ``dev-held`` (only ever scored)."""
    part = split.partition("-")[2]
    with corpus.open(encoding="utf-8") as lines:
        docs = [d for d in map(json.loads, lines) if d["split"] == split.partition("-")[0]]
    if part:
        docs = [d for d in docs if held_out(d["article"]) == (part == "held")]
    return docs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--split", default="dev",
                        choices=("train", "dev", "dev-tune", "dev-held"))
    parser.add_argument("--errors", type=int, default=0)
    args = parser.parse_args(argv)
    s = score(load(args.corpus, args.split))
    print(f"split={args.split} documents={s.documents} gold quotes={s.gold} "
          f"extracted parts={s.extracted}")
    print(f"recall={s.recall:.3f} precision={s.precision:.3f}")
    print(f"speaker accuracy (named sources)={s.speaker_accuracy:.3f} of {s.named}: "
          f"correct={s.correct} wrong={s.wrong} unknown={s.unknown}")
    if args.split == "dev-held" and args.errors:
        print("dev-held is only scored: its errors are not printed")
        return 0
    for line in s.errors[:args.errors]:
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
