"""Benchmark the watchlist matcher against one compiled regex per entity.

    python bench/bench_matching.py [CORPUS.jsonl] [--sizes 1000,10000,100000]

For each size it builds a synthetic watchlist (people from first-name and surname parts,
organizations, custom events, ten entities per topic plus the built-in legal events), in a fresh
process so that the peak RSS belongs to that size alone, and matches every article of the corpus
(the 2,225 BBC articles by default) on one core. In the same run, the baseline: one compiled regex
per entity (name, aliases and surname in one word-bounded alternation), timed on a sample of
entities and articles and extrapolated linearly to the full watchlist, which is what one regex per
entity costs. Targets: >= 2,000 articles/s at 10,000 entities, <= 2x slower at 100,000 than at
1,000, build < 5 s and < 300 MB RSS at 100,000.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bot.matching.matcher import compile_topics  # noqa: E402
from bot.matching.vocabulary import event_set  # noqa: E402
from bot.models import Article, Entity, Topic  # noqa: E402
from bot.textnorm import STEMS, fold, tokenize  # noqa: E402

DEFAULT_CORPUS = REPO.parent / "shared" / "corpora" / "articles" / "bbc-news-2225.jsonl"
BASELINE_ENTITIES = 1_000  # regexes compiled for the baseline; more are extrapolated
BASELINE_SECONDS = 3.0  # time spent matching the baseline, per size

def _parts(text: str) -> list[str]:
    return text.split()


FIRST = _parts("""
James Mary John Patricia Robert Jennifer Michael Linda William Elizabeth David Barbara
Richard Susan Joseph Jessica Thomas Sarah Charles Karen Daniel Nancy Matthew Lisa Anthony Betty
Mark Margaret Paul Sandra Steven Ashley Andrew Kimberly Kenneth Emily Joshua Donna Kevin Michelle
Brian Carol George Amanda Edward Melissa Ronald Deborah Timothy Stephanie Jason Rebecca Jeffrey
Laura Ryan Sharon Jacob Cynthia Gary Kathleen Nicholas Amy Eric Shirley Jonathan Angela Stephen
Helen Larry Anna Justin Brenda Scott Pamela Brandon Nicole Benjamin Samantha Samuel Katherine
Gregory Emma Alexander Ruth Patrick Christine Frank Catherine Raymond Debra Jack Rachel Dennis
Carolyn Jerry Janet Tyler Virginia Aaron Maria Jose Heather Adam Diane Henry Julie Nathan Joyce
Mohammed Ahmed Ali Omar Yusuf Fatima Aisha Layla Hassan Ibrahim Karim Leila Tariq Nadia Mustafa
Wei Jing Li Hui Ming Xin Yan Hiroshi Yuki Kenji Sakura Haruto Minjun Seoyeon Jiho Arjun Priya
Rahul Anjali Vikram Deepa Sanjay Kavita Olusegun Chinwe Kwame Amara Thabo Nomvula Jean Pierre
Marie Claire Luc Amelie Hans Greta Lukas Sofia Matteo Giulia Alessandro Chiara Pablo Lucia Diego
Carmen Javier Elena Ivan Olga Dmitri Natalia Sergei Anastasia Piotr Katarzyna Jan Eva Lars Ingrid
Sven Astrid Mehmet Ayse Emre Zeynep Yoav Tamar Avi Noa Rafael Beatriz Joao Ana Mateus Camila
""")

SURNAMES = _parts("""
Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez
Lopez Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris
Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill Flores
Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Phillips Evans Turner
Parker Collins Edwards Stewart Morris Kelly Murphy Byrne Walsh Ryan Mueller Schmidt
Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Rossi Russo Ferrari Esposito Bianchi
Romano Colombo Ricci Dubois Lefebvre Moreau Laurent Simon Michel Bernard Petit Durand Leroy
Ivanov Smirnov Kuznetsov Popov Sokolov Lebedev Kozlov Novak Kowalski Wisniewski Nowak Jensen
Nielsen Hansen Andersen Larsen Johansson Karlsson Nilsson Eriksson Yilmaz Kaya Demir Sahin Celik
Wang Zhang Liu Chen Yang Huang Zhao Zhou Wu Xu Sun Ma Zhu Hu Guo Lin Tanaka Suzuki Takahashi
Watanabe Ito Yamamoto Nakamura Kobayashi Kim Park Choi Jung Kang Cho Yoon Jang Singh Kumar Sharma
Patel Gupta Reddy Rao Iyer Nair Mehta Okafor Adeyemi Mensah Owusu Diallo Traore Mwangi Otieno
Khan Hussain Rahman Hassan Haddad Nasser Mansour Saleh Aziz Farouk Cohen Levi Mizrahi Friedman
Silva Santos Oliveira Souza Pereira Costa Ferreira Almeida Carvalho Gomes Ribeiro Alves""")

SYLLABLES = _parts("""
ka ri to ma shi ne lo va de ran bel mor tan vik sel dra gon lin zar pet hol mek
sun dor fi ra la ben tor sa mi no ku el an or is ta ve ro wen har gal dun""")

ORG_WORDS = _parts("""
Shipping Holdings Mining Energy Logistics Capital Trading Petroleum Telecom Media
Pharmaceuticals Engineering Construction Airlines Investments Resources Minerals Shipyard Bank
Foundation Institute Council Front Movement Brigade Alliance Committee Agency Authority
Commission""")
ORG_SUFFIX = ["Group", "Ltd", "International", "Corporation", "Partners", "Company", ""]
EVENT_TARGETS = _parts("""
asset bank account licence export import travel visa tax arms oil gas shipping port airline
media broadcast mining fishing""")
EVENT_ACTIONS = _parts("""
seizure freeze raid probe inquiry audit tribunal hearing ruling penalty ban embargo blacklist
revocation suspension confiscation""")


def _surname(rng: random.Random) -> str:
    """A surname: a real one (a fifth of the time) or one made of syllables."""
    if rng.random() < 0.2:
        return rng.choice(SURNAMES)
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def watchlist(n_entities: int, seed: int = 7) -> list[Topic]:
    """Topics of 6 people, 3 organizations and 1 event (from a pool of 340, reused once it runs
    out) until there are ``n_entities`` distinct entities; every topic also takes the built-in
    legal events and alerts on an event together with a person or organization."""
    rng = random.Random(seed)
    seen: set[str] = set()
    legal = event_set("legal")
    events = [Entity("event", f"{t} {a}") for t in EVENT_TARGETS for a in EVENT_ACTIONS]
    rng.shuffle(events)

    def unique(make) -> str:
        while True:
            name = make()
            if name not in seen:
                seen.add(name)
                return name

    def a_person() -> Entity:
        name = unique(lambda: " ".join([rng.choice(FIRST)]
                                       + ([rng.choice(FIRST)] if rng.random() < 0.15 else [])
                                       + [_surname(rng)]))
        aliases = (f"{name.split()[0][0]}. {name.split()[-1]}",) if rng.random() < 0.3 else ()
        return Entity("person", name, aliases, surname=rng.random() < 0.8)

    def an_org() -> Entity:
        name = unique(lambda: f"{_surname(rng)} {rng.choice(ORG_WORDS)} "
                              f"{rng.choice(ORG_SUFFIX)}".strip())
        initials = "".join(w[0] for w in name.split())
        return Entity("organization", name, (initials,) if rng.random() < 0.3 else ())

    topics: list[Topic] = []
    distinct = len(legal)
    while distinct < n_entities:
        people = tuple(a_person() for _ in range(6))
        organizations = tuple(an_org() for _ in range(3))
        event = events[len(topics) % len(events)]
        distinct += 9 + (len(topics) < len(events))
        topics.append(Topic(f"t{len(topics)}", f"topic {len(topics)}", people=people,
                            organizations=organizations, events=(event, *legal),
                            require_event=True))
    return topics


def load_articles(path: Path) -> list[Article]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [Article(r["title"], r["text"]) for r in rows]


def stem_text(text: str) -> str:
    """``text`` as stemmed feeds deliver it: folded, tokenized, Porter-stemmed."""
    return " ".join(STEMS[t] for t in fold(" ".join(tokenize(text))).split(" "))


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _baseline_pattern(entity: Entity) -> re.Pattern[str]:
    names = [entity.name, *entity.aliases]
    if entity.kind == "person" and entity.surname:
        names.append(entity.name.split()[-1])
    alternatives = "|".join(re.escape(n) for n in sorted(set(names), key=len, reverse=True))
    flags = re.IGNORECASE if entity.kind == "event" else 0
    return re.compile(rf"\b(?:{alternatives})\b", flags)


def baseline(topics: list[Topic], articles: list[Article]) -> dict[str, float]:
    """Seconds per article for one regex per entity, from a sample, scaled to all entities."""
    entities = list(dict.fromkeys(e for t in topics for e in t.entities))
    sample = entities[:BASELINE_ENTITIES]
    patterns = [_baseline_pattern(e) for e in sample]
    start, done = time.process_time(), 0
    while done < len(articles) and time.process_time() - start < BASELINE_SECONDS:
        text = f"{articles[done].title}\n{articles[done].text}"
        for pattern in patterns:
            pattern.findall(text)
        done += 1
    per_article = (time.process_time() - start) / done * len(entities) / len(sample)
    return {"articles_per_s": 1 / per_article, "articles": done, "entities_timed": len(sample)}


def worker(size: int, corpus: Path) -> dict[str, float]:
    """One size, measured in this process (run fresh per size by ``main``)."""
    articles = load_articles(corpus)
    topics = watchlist(size)
    rss_before = rss_mb()
    start = time.process_time()
    matcher = compile_topics(topics)
    build = time.process_time() - start
    rss_built = rss_mb()
    start = time.process_time()
    for article in articles:  # the first pass also fills the stem cache, as a new bot does
        matcher.match(article)
    cold = time.process_time() - start
    start = time.process_time()
    alerts = sum(bool(matcher.match(a)) for a in articles)
    seconds = time.process_time() - start
    rss_matched = rss_mb()  # before the stemmed automaton and the baseline's regexes
    stemmed = [Article(stem_text(a.title), stem_text(a.text), text_form="stemmed")
               for a in articles]
    start = time.process_time()
    matcher.match(stemmed[0])  # builds the automaton for stemmed articles
    stemmed_build = time.process_time() - start
    start = time.process_time()
    for article in stemmed:
        matcher.match(article)
    stemmed_seconds = time.process_time() - start
    entities = len({e for t in topics for e in t.entities})
    return {"size": size, "entities": entities, "topics": len(topics), "build_s": build,
            "articles_per_s": len(articles) / seconds, "cold_articles_per_s": len(articles) / cold,
            "alerting": alerts,
            "rss_mb": rss_matched, "rss_matcher_mb": rss_built - rss_before,
            "stemmed_build_s": stemmed_build, "stemmed_rss_mb": rss_mb(),
            "stemmed_articles_per_s": len(stemmed) / stemmed_seconds,
            "baseline": baseline(topics, articles)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not args.corpus.exists():
        parser.error(f"{args.corpus}: no such corpus file (JSON lines with title and text)")
    if args.worker:
        print(json.dumps(worker(args.worker, args.corpus)))
        return 0
    print(f"corpus: {args.corpus} ({len(load_articles(args.corpus)):,} articles), one core")
    print(f"{'entities':>9} {'topics':>6} {'build s':>7} {'RSS MB':>7} {'matcher MB':>10} "
          f"{'cold art/s':>10} {'art/s':>7} {'alerting':>8} {'regex art/s':>11} {'ratio':>6}")
    results = []
    for size in (int(s) for s in args.sizes.split(",")):
        out = subprocess.run([sys.executable, __file__, str(args.corpus), "--worker", str(size)],
                             capture_output=True, text=True, check=True)
        r = json.loads(out.stdout)
        results.append(r)
        base = r["baseline"]
        print(f"{r['entities']:>9,} {r['topics']:>6,} {r['build_s']:>7.2f} {r['rss_mb']:>7.0f} "
              f"{r['rss_matcher_mb']:>10.0f} {r['cold_articles_per_s']:>10,.0f} "
              f"{r['articles_per_s']:>7,.0f} {r['alerting']:>8,} "
              f"{base['articles_per_s']:>11,.1f} "
              f"{r['articles_per_s'] / base['articles_per_s']:>5.0f}x")
    print("stemmed articles (the same corpus stemmed; their automaton is built on the first one):")
    for r in results:
        print(f"{r['entities']:>9,} entities: build {r['stemmed_build_s']:.2f} s, RSS then "
              f"{r['stemmed_rss_mb']:.0f} MB, {r['stemmed_articles_per_s']:,.0f} articles/s")
    print("times are CPU seconds of one process (one core); 'cold' is the first pass, which also "
          "fills the stem cache; art/s is the second pass, as a running bot sees it")
    print(f"baseline: one compiled regex per entity, timed with {BASELINE_ENTITIES:,} entities on "
          "the first articles (up to 3 s per size), extrapolated linearly to all entities")
    if len(results) > 1:
        slowdown = results[0]["articles_per_s"] / results[-1]["articles_per_s"]
        print(f"slowdown from {results[0]['entities']:,} to {results[-1]['entities']:,} "
              f"entities: {slowdown:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
