"""Canonical URLs and story fingerprints (pure)."""

from __future__ import annotations

import random
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.dedup import (
    MIN_SHARED,
    SHINGLES,
    SKETCH_SIZE,
    THRESHOLD,
    Fingerprint,
    canonical_url,
    features,
    fingerprint,
    house_features,
    jaccard,
    same_story,
    similarity,
    tokens,
)
from bot.models import Entry
from bot.stories import story_mark, worth_comparing
from eval.eval_dedup import Corpus, load_pairs, precision_recall, scores
from tests.conftest import CORPORA, DATA


@pytest.mark.parametrize(("url", "canonical"), [
    ("https://www.example.org/world/story-1?utm_source=rss&utm_medium=feed",
     "https://example.org/world/story-1"),
    ("HTTP://Example.ORG:80/world/story-1/#comments", "https://example.org/world/story-1"),
    ("https://example.org:443/a/?fbclid=xyz&id=7&gclid=1&mc_cid=2&ref=home",
     "https://example.org/a?id=7"),
    ("https://example.org/a?b=2&a=1", "https://example.org/a?a=1&b=2"),
    ("https://example.org:8443/a", "https://example.org:8443/a"),
    ("https://amp.example.org/news/story.amp", "https://example.org/news/story"),
    ("https://example.org/news/amp/story-1", "https://example.org/news/story-1"),
    ("https://example.org/news/story-1/amp/", "https://example.org/news/story-1"),
    ("https://example.org/news/story-1?amp", "https://example.org/news/story-1"),
    ("https://example.org//news//x", "https://example.org/news/x"),
    ("https://example.org", "https://example.org/"),
    ("  tag:example.org,2024:story-1 ", "tag:example.org,2024:story-1"),
    ("https://example.org:99999/x", "https://example.org:99999/x"),
])
def test_canonical_url(url: str, canonical: str) -> None:
    assert canonical_url(url) == canonical


def test_path_letter_case_and_other_parameters_still_tell_articles_apart() -> None:
    assert canonical_url("https://example.org/A") != canonical_url("https://example.org/a")
    assert canonical_url("https://example.org/a?id=1") != canonical_url("https://example.org/a?id=2")


def test_raw_and_stemmed_text_give_the_same_tokens() -> None:
    raw = "Israeli defence minister has rejected the warrants for 1,200 hostages."
    stemmed = "isra defenc minist ha reject the warrant for 1 , 200 hostag ."
    assert tokens(raw, "raw") == tokens(stemmed, "stemmed")


def _seed(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def test_seed_pair_is_one_story() -> None:
    afp = fingerprint(_seed("afp-icc-warrants.txt"), "raw")
    bbc = fingerprint(_seed("bbc-gallant-rejects-stemmed.txt"), "stemmed")
    assert same_story(afp, bbc)


def test_stemming_stemmed_text_again_would_lose_the_pair() -> None:
    # Treating the stemmed seed as raw text stems it twice; the pair drifts apart.
    afp = fingerprint(_seed("afp-icc-warrants.txt"), "raw")
    right = similarity(afp, fingerprint(_seed("bbc-gallant-rejects-stemmed.txt"), "stemmed"))
    wrong = similarity(afp, fingerprint(_seed("bbc-gallant-rejects-stemmed.txt"), "raw"))
    assert wrong < right


def test_unrelated_story_is_not_joined() -> None:
    afp = fingerprint(_seed("afp-icc-warrants.txt"), "raw")
    other = fingerprint(
        "Central bank holds interest rates\nThe central bank kept its main interest rate at "
        "4.75% on Thursday, saying inflation was close to target while house prices cooled and "
        "consumer spending slowed over the Christmas period.", "raw")
    assert not same_story(afp, other)
    assert similarity(afp, afp) == 1.0


# Title-only entries that share a word or a name but not a story; each pair scores above the
# threshold on Jaccard and containment alone.
TEASERS = [
    ("The agency's role in elections",
     "Guards will protect elected councillors at weekly surgeries after a stabbing, saying "
     "attacks must not break their democratic role"),
    ("Who's calling? A reporter, and often it's Governor Ann Kelly answering",
     "Senator talks about schools. His base talks about Ann Kelly and who is calling."),
    ("Mayor signs the budget at the town hall picnic, in photos",
     "Mayor suggests hosting boxing matches at the town hall"),
]


@pytest.mark.parametrize(("first", "second"), TEASERS)
def test_short_teasers_sharing_a_word_or_a_name_are_separate_stories(first: str,
                                                                    second: str) -> None:
    a, b = fingerprint(first, "raw"), fingerprint(second, "raw")
    assert similarity(a, b, min_shared=0) >= THRESHOLD
    assert similarity(a, b) == 0.0 and not same_story(a, b)
    # Both sketches hold every feature, so the store does not even read the other one.
    shared = len(set(a.hashes) & set(b.hashes))
    assert shared < MIN_SHARED
    assert not worth_comparing(shared, a, b.size, SKETCH_SIZE, THRESHOLD)


def test_short_headlines_of_one_story_still_join() -> None:
    a = fingerprint("Harbour ferry strike ends after four-day stoppage", "raw")
    b = fingerprint("Ferry crews end four-day harbour strike, accepting a pay offer", "raw")
    shared = len(set(a.hashes) & set(b.hashes))
    assert shared >= MIN_SHARED
    assert same_story(a, b) and worth_comparing(shared, a, b.size, SKETCH_SIZE, THRESHOLD)


def test_fingerprint_round_trips_through_bytes() -> None:
    fp = fingerprint(_seed("afp-icc-warrants.txt"), "raw")
    assert len(fp.hashes) == 128 and list(fp.hashes) == sorted(fp.hashes)
    assert type(fp).from_bytes(fp.to_bytes(), fp.size) == fp


def test_empty_text_is_similar_to_nothing() -> None:
    assert similarity(fingerprint("", "raw"), fingerprint("the and of", "raw")) == 0.0


@pytest.mark.corpus
def test_labelled_pairs_keep_their_measured_quality() -> None:
    if not CORPORA.is_dir():
        pytest.skip(f"{CORPORA} is absent")
    pairs = load_pairs(DATA / "dedup-pairs.tsv", Corpus(CORPORA))
    assert len(pairs) >= 200
    precision, recall = precision_recall(scores(pairs, SHINGLES, SKETCH_SIZE, 36 * 3600.0),
                                         THRESHOLD)[:2]
    # Measured 0.80 / 0.84 (docs/stories.md); a change that loses either shows here.
    assert precision >= 0.78 and recall >= 0.82


FOOTER = ("\n\nSubscribe to Wire TV for the latest videos: https://bit.ly/wiretv-subscribe "
          "#WireTV #News Follow Wire TV on Facebook, Instagram and X for breaking news updates.")
CLIPS = [
    ("Harbour ferry strike ends", "Ferry crews accepted a pay offer after a four-day stoppage."),
    ("Museum reopens its Egyptian gallery", "Visitors queued for the restored mummy cases."),
    ("Storm closes mountain pass", "Snow and ice shut the road for the second time this week."),
    ("Orchestra names new conductor", "The Lithuanian violinist takes up the post in spring."),
    ("Bakery wins national bread award", "A sourdough from the coast beat 400 entries."),
]


def test_a_feeds_house_style_does_not_make_one_story() -> None:
    texts = [(f"{title}\n{text}{FOOTER}", "raw") for title, text in CLIPS]
    house = house_features(texts)
    assert "wiretv" in house and "subscrib" in house and "ferri" not in house
    plain = [fingerprint(t, "raw") for t, _ in texts]
    cleaned = [fingerprint(t, "raw", ignore=house) for t, _ in texts]
    assert same_story(plain[0], plain[1])  # the footer outweighs the clips themselves
    assert not any(same_story(cleaned[i], cleaned[j])
                   for i in range(len(CLIPS)) for j in range(i + 1, len(CLIPS)))
    assert house_features(texts[:3]) == frozenset()  # too few articles to tell


def test_the_seed_pair_survives_the_candidate_filter() -> None:
    afp = fingerprint(_seed("afp-icc-warrants.txt"), "raw")
    bbc = fingerprint(_seed("bbc-gallant-rejects-stemmed.txt"), "stemmed")
    shared = len(set(afp.hashes) & set(bbc.hashes))
    assert worth_comparing(shared, afp, bbc.size, SKETCH_SIZE, THRESHOLD)
    # Two long articles sharing a couple of sketch values are not read at all.
    assert not worth_comparing(2, afp, 500, SKETCH_SIZE, THRESHOLD)


def test_story_keys_meet_across_links_and_guids() -> None:
    def keys(link: str | None, guid: str | None) -> set[str]:
        return set(story_mark(Entry("f", "e", "t", link, None, "x", guid), "raw").keys)

    permalink = keys("https://news.example.org/a?utm_source=rss", "https://news.example.org/a")
    assert permalink == {"url:https://news.example.org/a"}
    mirrored = keys("https://mirror.example.net/1", "http://www.news.example.org/a/")
    assert permalink & mirrored
    assert keys(None, "tag:news.example.org,2024:a") == {"guid:tag:news.example.org,2024:a"}
    assert keys("https://news.example.org/b", "1234") == {"url:https://news.example.org/b"}


def test_jaccard_counts_the_shared_values_below_both_cut_offs() -> None:
    rng = random.Random(7)
    for _ in range(300):
        pool = rng.sample(range(1, 10_000), 400)
        sets = [sorted(rng.sample(pool, rng.randint(1, 300))) for _ in range(2)]
        a, b = (Fingerprint(tuple(s[:SKETCH_SIZE]), len(s)) for s in sets)
        limit = min(s[SKETCH_SIZE - 1] if len(s) > SKETCH_SIZE else 10_000 for s in sets)
        low_a, low_b = ({h for h in s if h <= limit} for s in sets)
        assert jaccard(a, b) == len(low_a & low_b) / len(low_a | low_b)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["wire", "court", "subscribe", "daily", "warrant",
                                          "rain", "news", "the", "icc", "vote"]),
                         max_size=12).map(" ".join), min_size=4, max_size=12),
       st.sampled_from([0.2, 0.5, 0.8]))
def test_house_features_are_the_features_in_enough_articles(texts: list[str],
                                                            share: float) -> None:
    """Only n-grams of frequent words are counted; the result is what counting all gives."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(features(tokens(text, "raw")))
    expected = {f for f, n in counts.items() if n >= share * len(texts)}
    assert house_features([(t, "raw") for t in texts], share) == expected
