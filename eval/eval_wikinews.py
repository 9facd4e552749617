"""Score watchlist matching on Wikinews documents whose people and organizations are linked to
Wikipedia by hand (the GUM corpus annotations), a text the matcher's rules were not written on.

    python eval/eval_wikinews.py [--corpora ../shared/corpora] [--show]

Every person and organization linked to a Wikipedia page in any of the 43 documents becomes a
watched name of its own (the page's title: "Barack_Obama" is "Barack Obama", "Labour_Party_(UK)"
is "Labour Party"), each in a matcher of its own, as one desk would watch it. A document that
alerts for a name is right when the annotators linked a mention in it to that page, wrong
otherwise (another "Jordan", "London" the city); a linked page the document does not alert for is
a miss when one of its linked mentions holds the last word of the name (so "he" and "the
president" alone are not counted as misses). ``--show`` lists the wrong alerts and the misses.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bot.matching.matcher import compile_topics  # noqa: E402
from bot.models import Article, Entity, Topic  # noqa: E402

DOCUMENTS = Path("articles") / "wikinews-gum-entities.jsonl"
KINDS = ("person", "organization")


def page_name(page: str) -> str:
    """The name a desk would watch for a Wikipedia page: its title, without a qualifier."""
    name = urllib.parse.unquote(page).replace("_", " ")
    return re.sub(r"\s*\(.*\)$", "", name).strip()


def linked(doc: dict) -> dict[tuple[str, str], list[str]]:
    """Per (kind, page) linked in a document, the texts of its mentions."""
    out: dict[tuple[str, str], list[str]] = {}
    for mention in doc["entity_mentions"]:
        if mention["wikipedia_identity"] and mention["type"] in KINDS:
            out.setdefault((mention["type"], mention["wikipedia_identity"]), []).append(
                mention["text"])
    return out


def article(doc: dict) -> Article:
    title, text = doc["title"], doc["text"]
    return Article(title, text[len(title):] if text.startswith(title) else text)


def score(docs: list[dict]) -> Iterator[tuple[str, str, str]]:
    """("right" | "wrong" | "miss", document, page) for every decision."""
    pages = {key for doc in docs for key in linked(doc)}
    matchers = {}
    for kind, page in sorted(pages):
        name = page_name(page)
        if any(c.isalpha() for c in name):
            entity = (Entity(kind, name),)
            matchers[(kind, page)] = compile_topics([Topic(
                "t", name, people=entity if kind == "person" else (),
                organizations=entity if kind == "organization" else ())])
    for doc in docs:
        gold = linked(doc)
        text = article(doc)
        found = {key for key, matcher in matchers.items() if matcher.match(text)}
        for key in sorted(found):
            yield ("right" if key in gold else "wrong"), doc["doc_id"], key[1]
        for key, mentions in sorted(gold.items()):
            last = page_name(key[1]).split()[-1:] or [""]
            if key in matchers and key not in found and any(last[0] in m for m in mentions):
                yield "miss", doc["doc_id"], key[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=REPO.parent / "shared" / "corpora")
    parser.add_argument("--show", action="store_true", help="list wrong alerts and misses")
    args = parser.parse_args(argv)
    path = args.corpora / DOCUMENTS
    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    decisions = list(score(docs))
    count = {k: sum(d[0] == k for d in decisions) for k in ("right", "wrong", "miss")}
    right, wrong, miss = count["right"], count["wrong"], count["miss"]
    print(f"{len(docs)} documents: {right} right alerts, {wrong} wrong, {miss} missed; "
          f"precision {right / (right + wrong):.3f}, recall {right / (right + miss):.3f}")
    if args.show:
        for kind, doc_id, page in decisions:
            if kind != "right":
                print(f"{kind}\t{doc_id}\t{page}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
