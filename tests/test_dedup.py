"""Canonical URLs and story fingerprints (pure)."""

from __future__ import annotations

import itertools
import random
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.models import Entry, TextForm
from bot.storage import StoryPolicy
from bot.stories.dedup import (
    SKETCH_SIZE,
    Fingerprint,
    canonical_url,
    event_agreement,
    event_clues,
    event_terms,
    features,
    fingerprint,
    house_features,
    jaccard,
    similarity,
    specificity,
    tokens,
)
from bot.stories.grouping import Candidate, StoryMark, follow_up, judge, story_mark
from eval.draw_story_pairs import labelled
from eval.eval_dedup import Corpus, Marker, grouped, load_pairs, new_rule, precision_recall
from tests.conftest import CORPORA, DATA
from tests.test_stories import REWRITE


def _seed(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


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


def mark(text: str, text_form: TextForm = "raw", watched: tuple[str, ...] = (),
         house: frozenset[str] = frozenset()) -> StoryMark:
    """The story mark of a headline, a newline and a text."""
    title, _, body = text.partition("\n")
    return story_mark(Entry("f", title, title, None, None, body), text_form, house, watched)


def one_story(a: StoryMark, b: StoryMark) -> bool:
    return judge(a, Candidate(1, b.fingerprint, b.terms, 1, "other")).same


AFP_STORY = "Netanyahu a wanted man after ICC warrants\n" + _seed("afp-icc-warrants.txt") \
    if (DATA / "afp-icc-warrants.txt").exists() else ""
WATCHED = ("Benjamin Netanyahu", "Netanyahu", "Yoav Gallant", "Gallant", "ICC",
           "International Criminal Court")


def test_another_outlets_report_of_the_event_is_one_story() -> None:
    rewrite = mark("ICC issues arrest warrants for Netanyahu and Gallant\n" + REWRITE,
                   watched=WATCHED)
    assert one_story(rewrite, mark(AFP_STORY, watched=WATCHED))


def test_the_seed_reports_of_two_events_months_apart_share_the_cast_not_the_event() -> None:
    # The prosecutor's application (May) and the warrants (November): the same people, court
    # and legal words, so word sketches and event terms overlap; neither rule calls it one
    # event, and the store would not compare them anyway (they are months apart).
    bbc = mark("gallant reject icc prosecutor warrant bid\n"
               + _seed("bbc-gallant-rejects-stemmed.txt"), "stemmed", WATCHED)
    afp = mark(AFP_STORY, watched=WATCHED)
    verdict = judge(bbc, Candidate(1, afp.fingerprint, afp.terms, 1, "afp"))
    assert not verdict.same and {"warrant", "minist"} <= verdict.shared


def test_stemming_stemmed_text_again_would_lose_the_pair() -> None:
    # Treating the stemmed seed as raw text stems it twice; the pair drifts apart.
    afp = fingerprint(_seed("afp-icc-warrants.txt"), "raw")
    right = similarity(afp, fingerprint(_seed("bbc-gallant-rejects-stemmed.txt"), "stemmed"))
    wrong = similarity(afp, fingerprint(_seed("bbc-gallant-rejects-stemmed.txt"), "raw"))
    assert wrong < right


def test_raw_and_stemmed_copies_have_the_same_event_terms() -> None:
    raw = "Ferry crews end harbour strike\nThe Wellington ferry crews accepted a pay offer."
    stemmed = "ferri crew end harbour strike\nthe wellington ferri crew accept a pay offer ."
    assert mark(raw).terms == mark(stemmed, "stemmed").terms


def test_unrelated_story_is_not_joined() -> None:
    other = mark(
        "Central bank holds interest rates\nThe central bank kept its main interest rate at "
        "4.75% on Thursday, saying inflation was close to target while house prices cooled and "
        "consumer spending slowed over the Christmas period.")
    assert not one_story(mark(AFP_STORY), other)
    assert one_story(mark(AFP_STORY), mark(AFP_STORY))


def test_event_terms_leave_out_common_words_and_the_watched_names() -> None:
    terms = event_terms("People cheer as mayor Ann Kelly signs the harbour budget",
                        "It was a good day, she said.", "raw", ignore=tokens("Ann Kelly", "raw"))
    assert {"harbour", "budget", "mayor", "cheer"} <= terms
    assert not terms & {"ann", "kelli", "peopl", "the", "good", "day"}
    assert specificity("peopl") == 0.0 < specificity("harbour")
    assert specificity("harbour") < specificity("wellington") < specificity("zzyzx")


def test_event_agreement_weighs_rare_terms_more() -> None:
    a = frozenset({"harbour", "wellington", "strike"})
    score, shared = event_agreement(a, frozenset({"wellington", "strike", "ferri"}))
    common, _ = event_agreement(a, frozenset({"harbour", "strike", "ferri"}))
    assert shared == {"wellington", "strike"} and 0 < common < score < 1
    assert event_agreement(a, a)[0] == pytest.approx(1.0)
    assert event_agreement(a, frozenset()) == (0.0, frozenset())


# Title-only entries of one cast (a watched person, a watched place) that share a name and a
# word or two but not an event: the Trump / White House headlines, in our own words.
TEASERS = [
    ("The agency's role in elections",
     "Guards will protect elected councillors at weekly surgeries after a stabbing, saying "
     "attacks must not break their democratic role", ()),
    ("Who's calling? A reporter, and often it's Governor Ann Kelly answering",
     "Senator talks about schools. His base talks about Ann Kelly and who is calling.",
     ("Ann Kelly",)),
    ("Mayor signs the budget at the town hall picnic, in photos",
     "Mayor suggests hosting boxing matches at the town hall", ("Town Hall",)),
    ("Theresa May to visit the governor soon",
     "Theresa May to meet the governor on trade", ()),
]


@pytest.mark.parametrize(("first", "second", "watched"), TEASERS)
def test_short_teasers_sharing_a_word_or_a_name_are_separate_stories(
        first: str, second: str, watched: tuple[str, ...]) -> None:
    a, b = mark(first, watched=watched), mark(second, watched=watched)
    assert similarity(a.fingerprint, b.fingerprint, min_shared=0) >= 0.12
    assert not one_story(a, b)


SAMPLE_TITLE = "Netanyahu 'now officially a wanted man' after ICC warrants, says Amnesty"
ICC_CAST = ("Benjamin Netanyahu", "Netanyahu", "Yoav Gallant", "Gallant", "Mohammed Deif",
            "Deif", "ICC", "arrest warrant")
AT = datetime(2024, 11, 21, 15, 20, tzinfo=UTC)


def dated_mark(feed: str, title: str, text: str, hours: float,
               watched: tuple[str, ...] = ICC_CAST) -> StoryMark:
    entry = Entry(feed, title, title, None, AT + timedelta(hours=hours), text)
    return story_mark(entry, "raw", frozenset(), watched)


def joins(a: StoryMark, b: StoryMark) -> bool:
    return judge(a, Candidate(1, b.fingerprint, b.terms, 1, b.feed, b.published)).same


def test_another_outlets_headline_naming_the_watched_cast_joins_when_published_close() -> None:
    # The sample opens with a photo caption; the people of the event come two paragraphs on.
    # The other outlet's headline is all watched names: weak evidence, but three rare ones
    # two hours apart are the event.
    sample = dated_mark("wire", SAMPLE_TITLE, _seed("afp-icc-warrants.txt"), 0)
    headline = "ICC issues arrest warrants for Netanyahu, Gallant and Hamas chief Deif"
    assert joins(dated_mark("desk", headline, "", 2), sample)
    assert not joins(dated_mark("desk", headline, "", 80), sample)  # beyond the window
    assert not joins(dated_mark("wire", headline, "", 2), sample)  # one feed stays strict
    # Not watched, "Netanyahu", "ICC" and "warrants" are rare words both headlines have: they
    # join as a follow-up, by their headlines (tests/test_stories_followups.py), not by clues.
    unwatched = dated_mark("desk", headline, "", 2, ())
    sample_unwatched = dated_mark("wire", SAMPLE_TITLE, _seed("afp-icc-warrants.txt"), 0, ())
    assert follow_up(unwatched.terms, sample_unwatched.terms) is not None
    assert follow_up(dated_mark("desk", headline, "", 2).terms, sample.terms) is None


def test_a_beats_watched_names_alone_join_nothing_however_close() -> None:
    # "Donald", "Trump", "White", "House": common words, so not the cast of one event.
    cast = ("Donald Trump", "White House")
    a = dated_mark("wire", "Donald Trump hosts tech leaders at the White House",
                   "The president met executives to discuss chip factories.", 0, cast)
    b = dated_mark("desk", "Donald Trump signs the spending bill at the White House",
                   "The president signed the measure on the South Lawn.", 1, cast)
    assert {"~trump", "~white"} <= a.terms & b.terms
    assert not joins(a, b)


def test_clues_are_rare_names_figures_and_watched_names_in_raw_and_stemmed_text() -> None:
    raw = event_clues("Fort Lauderdale airport reopens",
                      "The White House said 44,056 travellers and Mr Gallant, in 2024.", "raw",
                      ("Gallant",))
    assert raw == {"=fort_lauderdal", "#44056", "~gallant"}  # no "white_hous", no year
    stemmed = event_clues("fort lauderdal airport reopen",
                          "the white hous said 44 , 056 travel and mr gallant , in 2024 .",
                          "stemmed", ("Gallant",))
    assert stemmed == {"#44056", "~gallant"}  # capitals are gone from stemmed text


def test_short_headlines_of_one_story_still_join() -> None:
    a = mark("Harbour ferry strike ends after four-day stoppage")
    b = mark("Ferry crews end four-day harbour strike, accepting a pay offer")
    assert one_story(a, b)


def test_fingerprint_round_trips_through_bytes() -> None:
    fp = fingerprint(_seed("afp-icc-warrants.txt"), "raw")
    assert len(fp.hashes) == 128 and list(fp.hashes) == sorted(fp.hashes)
    assert type(fp).from_bytes(fp.to_bytes(), fp.size) == fp


def test_empty_text_is_similar_to_nothing() -> None:
    assert similarity(fingerprint("", "raw"), fingerprint("the and of", "raw")) == 0.0
    assert not one_story(mark(""), mark("the and of"))


@pytest.mark.corpus
def test_labelled_pairs_keep_their_measured_quality() -> None:
    if not CORPORA.is_dir():
        pytest.skip(f"{CORPORA} is absent")
    corpus, marker = Corpus(CORPORA), Marker()
    measured = {}
    for name in ("eval/story-pairs-tune.tsv", "eval/story-pairs-score.tsv",
                 "eval/story-pairs-fresh.tsv", "eval/story-pairs-fresh2.tsv",
                 "eval/story-pairs-fresh3.tsv", "eval/story-pairs-fresh4.tsv",
                 "eval/story-pairs-fresh5.tsv", "eval/story-pairs-fresh6.tsv",
                 "tests/data/dedup-pairs.tsv"):
        pairs = load_pairs(DATA.parents[1] / name, corpus)
        marks = {i: (marker.mark(p.a), marker.mark(p.b)) for i, p in enumerate(pairs)}
        measured[name] = precision_recall(pairs, grouped(pairs, marks, new_rule(),
                                                         StoryPolicy().window))
    # As measured in docs/stories.md; a change that loses any shows here.
    tune, scored = measured["eval/story-pairs-tune.tsv"], measured["eval/story-pairs-score.tsv"]
    # The tune part's second wrong join is a reaction to the Orlando shooting beside an essay on
    # it, a pair the fresh and fresh3 parts label one story twice over; its two pairs of the
    # Fort Lauderdale survey ("A look at other deadly attacks") are labelled one story, the
    # fresh2 part's two two stories, and the survey joins nothing (see docs/stories.md).
    assert tune[0] >= 0.94 and tune[1] >= 0.85
    assert scored[0] == 1.0 and scored[1] >= 0.86
    fresh, fresh2 = measured["eval/story-pairs-fresh.tsv"], measured["eval/story-pairs-fresh2.tsv"]
    assert fresh[0] == 1.0 and fresh[1] >= 0.93
    assert fresh2[0] == 1.0 and fresh2[1] >= 0.79
    # fresh3's explainer beside the Baghdadi report and fresh4's two pieces recalling the
    # Charlie Hebdo attack are kept apart (tests/test_stories_background.py).
    fresh3, fresh4, fresh5 = (measured[f"eval/story-pairs-fresh{n}.tsv"] for n in (3, 4, 5))
    assert fresh3[0] >= 0.96 and fresh3[1] >= 0.67
    assert fresh4[0] >= 0.96 and fresh4[1] >= 0.75
    assert fresh5[0] >= 0.92 and fresh5[1] >= 0.86
    fresh6 = measured["eval/story-pairs-fresh6.tsv"]
    assert fresh6[0] == 1.0 and fresh6[1] >= 0.78
    # Named days join the eve-of Super Saturday report with the day's results, which the older
    # pairs label two stories and the captured parts one (see docs/stories.md).
    precision, recall = measured["tests/data/dedup-pairs.tsv"][:2]
    assert precision >= 0.89 and recall >= 0.85


def _both_orders(pairs: frozenset[tuple[str, str]]) -> set[tuple[str, str]]:
    return set(pairs) | {(b, a) for a, b in pairs}


ONLY_SCORED = {"story-pairs-fresh4.tsv": 41, "story-pairs-fresh5.tsv": 30,
               "story-pairs-fresh6.tsv": 23, "story-pairs-fresh7.tsv": 36}
"""The parts drawn to be scored untuned (fresh4 to fresh6 are tuning data since; fresh7 is
never tuned on), with their pairs of one story (as their headers say)."""


def test_labelled_parts_share_no_pair() -> None:
    """Each captured part is a draw of its own, and the parts only scored (fresh4 to fresh7) hold
    no pair of any file labelled before them, the older pairs included: their scores are of
    pairs never read before."""
    parts = {path.name: labelled([path])
             for path in sorted((DATA.parents[1] / "eval").glob("story-pairs-*.tsv"))}
    older = _both_orders(labelled([DATA / "dedup-pairs.tsv"]))
    for name in ONLY_SCORED:
        assert name in parts and len(parts[name]) == 190
        assert not parts[name] & older
    for (name_a, a), (name_b, b) in itertools.combinations(parts.items(), 2):
        assert not a & _both_orders(b), (name_a, name_b)


@pytest.mark.corpus
@pytest.mark.parametrize(("name", "same"), ONLY_SCORED.items())
def test_the_parts_only_scored_find_their_documents_and_keep_their_quotas(name: str,
                                                                          same: int) -> None:
    if not CORPORA.is_dir():
        pytest.skip(f"{CORPORA} is absent")
    pairs = load_pairs(DATA.parents[1] / "eval" / name, Corpus(CORPORA))
    assert Counter(p.kind for p in pairs) == {"near": 20, "cast": 20, "outlet": 20, "short": 18,
                                              "serial": 12, "years": 10, "event": 45, "rare": 45}
    assert sum(p.same for p in pairs) == same


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
    plain = [mark(t) for t, _ in texts]
    cleaned = [mark(t, house=house) for t, _ in texts]
    assert similarity(plain[0].fingerprint, plain[1].fingerprint) >= 0.12  # the footer
    assert {"wiretv", "subscrib"} <= plain[0].terms
    assert not any(one_story(cleaned[i], cleaned[j])
                   for i in range(len(CLIPS)) for j in range(i + 1, len(CLIPS)))
    assert house_features(texts[:3]) == frozenset()  # too few articles to tell


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
