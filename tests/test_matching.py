"""The watchlist matcher: every matching rule, both seed articles, and the false positives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.config import ConfigError, load_config
from bot.matching.matcher import compile_topics
from bot.matching.textform import detect_text_form
from bot.matching.vocabulary import event_set
from bot.models import Article, Entity, EntityMatch, Topic, TopicMatch
from bot.textnorm import fold, stem, tokenize
from tests.conftest import CORPORA, DATA, REPO
from tests.test_cli import newsalert


def person(name: str, *aliases: str, surname: bool = True) -> Entity:
    return Entity("person", name, aliases, surname)


def org(name: str, *aliases: str) -> Entity:
    return Entity("organization", name, aliases)


def event(name: str, *aliases: str) -> Entity:
    return Entity("event", name, aliases)


def topic(entities: list[Entity], id: str = "t", exclude: tuple[str, ...] = (),
          require_event: bool = False) -> Topic:
    return Topic(id, id, people=tuple(e for e in entities if e.kind == "person"),
                 organizations=tuple(e for e in entities if e.kind == "organization"),
                 events=tuple(e for e in entities if e.kind == "event"),
                 exclude=exclude, require_event=require_event)


def matches(text: str, *entities: Entity, title: str = "", form: str = "raw",
            **rules: object) -> dict[str, EntityMatch]:
    """The entity matches of a one-topic watchlist, by entity name."""
    result = compile_topics([topic(list(entities), **rules)]).match(
        Article(title, text, text_form=form))  # type: ignore[arg-type]
    return {m.name: m for t in result for m in t.matches}


def seed(name: str) -> Article:
    title, _, body = (DATA / name).read_text(encoding="utf-8").strip().partition("\n")
    return Article(title, body.strip() or title, text_form=detect_text_form(f"{title}\n{body}"))


@pytest.fixture(scope="module")
def example_matcher():
    return compile_topics(load_config(REPO / "config.example.toml").topics)


# --- the seeds -------------------------------------------------------------------------------

def test_plain_seed_matches_people_organizations_and_events(example_matcher) -> None:
    article = seed("afp-icc-warrants.txt")
    assert article.text_form == "raw"
    icc = {m.name: m for t in example_matcher.match(article) if t.topic == "icc"
           for m in t.matches}
    assert set(icc) == {"Benjamin Netanyahu", "Yoav Gallant", "Mohammed Deif",
                        "International Criminal Court", "Hamas", "Amnesty International",
                        "arrest warrant", "war crimes", "crimes against humanity"}
    assert icc["International Criminal Court"].evidence == ("International Criminal Court", "ICC")
    assert icc["Mohammed Deif"].evidence == ("Mohammed Deif", "Deif")
    assert icc["arrest warrant"].evidence == ("arrest warrants",)
    assert "Prime Minister Netanyahu" in icc["Benjamin Netanyahu"].evidence
    assert icc["Benjamin Netanyahu"].count == 5
    assert icc["Hamas"].in_title and not icc["Yoav Gallant"].in_title
    assert "Karim Khan" not in icc  # not in the article


def test_stemmed_seed_matches_stemmed_watchlist(example_matcher) -> None:
    article = seed("bbc-gallant-rejects-stemmed.txt")
    assert article.text_form == "stemmed"
    icc = {m.name: m for t in example_matcher.match(article) if t.topic == "icc"
           for m in t.matches}
    assert {"Benjamin Netanyahu", "Yoav Gallant", "Karim Khan", "Mohammed Deif",
            "International Criminal Court", "Hamas", "arrest warrant"} <= set(icc)
    assert icc["International Criminal Court"].evidence == ("intern crimin court", "icc")
    assert icc["Mohammed Deif"].evidence == ("moham deif",)
    assert icc["Hamas"].evidence == ("hama",)
    assert icc["Karim Khan"].evidence == ("karim khan", "mr khan")
    assert icc["Yoav Gallant"].evidence == ("yoav gallant", "mr gallant")
    assert icc["arrest warrant"].evidence == ("arrest warrant",)
    assert "Amnesty International" not in icc


def test_analyze_json_on_both_seeds(tmp_path: Path) -> None:
    # every mention, passing ones too: the example's icc topic with the default prominence
    config = tmp_path / "passing.toml"
    config.write_text((REPO / "config.example.toml").read_text().replace(
        'min_prominence = "body"', 'min_prominence = "passing"', 1))
    result = newsalert("analyze", str(DATA / "afp-icc-warrants.txt"),
                       str(DATA / "bbc-gallant-rejects-stemmed.txt"),
                       "--config", str(config), "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    afp, bbc = (json.loads(line) for line in result.stdout.splitlines())
    assert (afp["text_form"], bbc["text_form"]) == ("raw", "stemmed")

    def names(row: dict) -> set[str]:
        return {m["name"] for t in row["topics"] if t["topic"] == "icc" for m in t["matches"]}

    assert names(afp) >= {"Benjamin Netanyahu", "Yoav Gallant", "Mohammed Deif",
                          "International Criminal Court", "Hamas", "Amnesty International",
                          "arrest warrant", "war crimes", "crimes against humanity"}
    assert names(bbc) >= {"Benjamin Netanyahu", "Yoav Gallant", "Karim Khan", "Mohammed Deif",
                          "International Criminal Court", "Hamas", "arrest warrant"}
    court = next(m for t in bbc["topics"] for m in t["matches"]
                 if m["name"] == "International Criminal Court")
    assert court["evidence"][0] == "intern crimin court" and court["count"] == 9


def test_the_example_config_leaves_out_a_name_mentioned_in_passing(tmp_path: Path) -> None:
    result = newsalert("analyze", str(DATA / "bbc-gallant-rejects-stemmed.txt"),
                       "--config", str(REPO / "config.example.toml"), "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    names = {m["name"] for t in json.loads(result.stdout)["topics"] for m in t["matches"]}
    # Deif is one name of a list in the stemmed report; the people it is about stay
    assert "Mohammed Deif" not in names
    assert {"Benjamin Netanyahu", "Yoav Gallant", "Karim Khan"} <= names


# --- word boundaries, punctuation, diacritics, case ------------------------------------------

ICC = org("International Criminal Court", "ICC")


@pytest.mark.parametrize("text", [
    "The SIM card's ICCID is printed on the back.",
    "Read more at https://example.org/icc/warrants.html",
    "The icc rule is lowercase here, like the rest of a URL.",
    "Icc is not the acronym.",
])
def test_acronym_needs_whole_word_and_capitals(text: str) -> None:
    assert matches(text, ICC) == {}


def test_acronym_matches_next_to_punctuation() -> None:
    found = matches("(ICC) judges; the ICC's ruling, the ICC’s judges and ICC-backed teams.", ICC)
    assert found["International Criminal Court"].count == 4
    assert found["International Criminal Court"].evidence == ("ICC",)


def test_name_inside_a_longer_word_does_not_match() -> None:
    assert matches("Hamasaki won the race; the Hamastan blog disagreed.", org("Hamas")) == {}


def test_possessives_straight_and_curly() -> None:
    found = matches("Benjamin Netanyahu spoke. Netanyahu's office and Netanyahu’s cabinet met.",
                    person("Benjamin Netanyahu"))
    assert found["Benjamin Netanyahu"].count == 3


def test_diacritics_hyphens_and_line_breaks() -> None:
    found = matches("Agnès Callamard spoke. Later Agnes\nCallamard and al‑Qaeda (al Qaeda) too.",
                    person("Agnes Callamard"), org("al-Qaeda"))
    assert found["Agnes Callamard"].count == 2
    assert found["Agnes Callamard"].evidence == ("Agnès Callamard", "Agnes Callamard")
    assert found["al-Qaeda"].count == 2
    assert found["al-Qaeda"].evidence == ("al‑Qaeda",)  # spellings differing in hyphens: once


def test_capitalized_name_does_not_match_lowercase_word_in_normal_text() -> None:
    assert matches("They took the brown bag and went home.", person("Gordon Brown")) == {}
    assert matches("Mr Brown went home.", person("Gordon Brown"))["Gordon Brown"].count == 1
    assert matches("BENJAMIN NETANYAHU WINS VOTE", person("Benjamin Netanyahu"))


def test_lowercased_text_matches_case_insensitively() -> None:
    found = matches("the icc said hamas and benjamin netanyahu were named .", ICC, org("Hamas"),
                    person("Benjamin Netanyahu"))
    assert set(found) == {"International Criminal Court", "Hamas", "Benjamin Netanyahu"}


def test_acronym_spelling_a_common_word_needs_case() -> None:
    us = org("United States", "US")
    assert matches("The US's envoy said so.", us)["United States"].evidence == ("US",)
    assert matches("let us go , said the us envoy .", us) == {}
    assert matches("let us go , said the us envoy .", us, form="stemmed") == {}
    assert matches("the icc said .", ICC, form="stemmed")


def test_lowercased_title_above_cased_body() -> None:
    found = matches("The ICC ruled; the icc.int site was down.", ICC,
                    title="icc rules on warrants")
    assert found["International Criminal Court"].count == 2  # title + body "ICC", not "icc.int"
    assert found["International Criminal Court"].in_title


# --- people ----------------------------------------------------------------------------------

def test_surname_alone_and_after_titles() -> None:
    found = matches("Gallant said no. Mr Gallant and Prime Minister Netanyahu met; "
                    "Defence Minister Gallant left.", person("Yoav Gallant"),
                    person("Benjamin Netanyahu"))
    assert found["Yoav Gallant"].count == 3
    assert found["Yoav Gallant"].evidence == ("Gallant", "Mr Gallant", "Defence Minister Gallant")
    assert found["Benjamin Netanyahu"].evidence == ("Prime Minister Netanyahu",)


def test_full_name_counts_once_not_also_as_surname() -> None:
    found = matches("Benjamin Netanyahu spoke.", person("Benjamin Netanyahu"))
    assert found["Benjamin Netanyahu"].count == 1
    assert found["Benjamin Netanyahu"].evidence == ("Benjamin Netanyahu",)


def test_surname_can_be_switched_off() -> None:
    assert matches("Netanyahu spoke.", person("Benjamin Netanyahu", surname=False)) == {}


def test_different_first_name_vetoes_the_surname() -> None:
    karim = person("Karim Khan")
    assert matches("London mayor Sadiq Khan opened the bridge.", karim) == {}
    assert matches("Sadiq Khan met Imran Khan.", person("Karim Khan", surname=False)) == {}
    # A surname alone is the person the article introduced last with that surname.
    assert matches("Sadiq Khan met the prosecutor. Later Khan said so.", karim) == {}
    found = matches("Sadiq Khan met Karim Khan, the prosecutor. Later Khan said so.", karim)
    assert found["Karim Khan"].evidence == ("Karim Khan", "Khan")
    assert found["Karim Khan"].count == 2


def test_capitalized_word_after_the_surname_vetoes_it() -> None:
    howard = person("Michael Howard")
    assert matches("The film about Howard Hughes and the Khan Younis camp.", howard,
                   person("Karim Khan")) == {}
    found = matches("Howard said so; Mr Howard The Third is a play; Howard, who spoke.", howard)
    assert found["Michael Howard"].count == 3  # "The" is a common word


def test_lowercase_last_word_gives_no_surname() -> None:
    kim = person("Kim Jong-un")
    assert matches("The UN and the un-named envoy met.", kim) == {}
    assert matches("Kim Jong-un spoke.", kim)["Kim Jong-un"].evidence == ("Kim Jong-un",)


def test_sentence_start_word_is_not_a_first_name() -> None:
    found = matches("But Gallant refused. Yesterday Gallant spoke.", person("Yoav Gallant"),
                    title="Yoav Gallant defiant")
    assert found["Yoav Gallant"].count == 3


def test_own_given_name_or_alias_does_not_veto() -> None:
    found = matches("Karim A. A. Khan and Karim Ahmad Khan spoke.",
                    person("Karim Khan", "Karim Ahmad Khan", "Karim A. A. Khan"))
    assert found["Karim Khan"].count == 2
    assert found["Karim Khan"].evidence == ("Karim A. A. Khan", "Karim Ahmad Khan")


def test_titled_surname_with_surname_off_needs_the_full_name() -> None:
    karim = person("Karim Khan", "Karim A. A. Khan", surname=False)
    assert matches("Mr Khan said the warrants stand.", karim) == {}
    found = matches("Mr. Khan said so. Prosecutor Karim Khan added that Mr Khan would not "
                    "comment, and Khan left.", karim)
    assert found["Karim Khan"].count == 3
    assert found["Karim Khan"].evidence == ("Mr. Khan", "Karim Khan", "Mr Khan")


def test_surname_with_particles() -> None:
    found = matches("Von der Leyen said; later von der Leyen and Leyen spoke.",
                    person("Ursula von der Leyen"), title="Von der Leyen speaks")
    assert found["Ursula von der Leyen"].count == 4


def test_title_case_headline_does_not_read_capitals_as_first_names() -> None:
    found = matches("Body text.", person("Karim Khan"), title="London Mayor Sadiq Khan Wins Vote")
    assert found == {}


STEVE_JOBS = person("Steve Jobs")


@pytest.mark.parametrize(("title", "text"), [
    ("Dutch bank to lay off 2,850 staff", "Most cuts fall in the Netherlands. Jobs will also be "
     "lost in the US - the bank did not say how many."),
    ("Jobs growth still slow in the US", "Employers added 96,000 posts last month."),
    ("", 'The report was clear. "Jobs are leaving," it said.'),
    ("", "more jobs were created . jobs went up in every sector ."),  # lowercased: no case at all
])
def test_english_word_surname_where_case_says_nothing_needs_another_mention(
        title: str, text: str) -> None:
    assert matches(text, STEVE_JOBS, title=title) == {}


def test_english_word_surname_counts_with_another_mention_or_a_telling_capital() -> None:
    found = matches("Apple's Steve Jobs unveiled the iPod. Jobs said sales were strong. Later "
                    "Mr Jobs added more.", STEVE_JOBS)
    assert found["Steve Jobs"].count == 3
    assert found["Steve Jobs"].evidence == ("Steve Jobs", "Jobs", "Mr Jobs")
    assert matches("Mr Jobs spoke. Jobs left.", STEVE_JOBS)["Steve Jobs"].count == 2
    # mid-sentence its capital tells a name, but a bare surname no one is introduced with, in
    # the body, needs another mention of the person
    assert matches("Sales are up, said Jobs.", STEVE_JOBS) == {}
    assert matches("Sales are up, said Jobs.", STEVE_JOBS,
                   title="Steve Jobs upbeat")["Steve Jobs"].count == 2
    assert matches("Jobs left. Gates stayed.", person("Bill Gates"), STEVE_JOBS) == {}


def test_a_possessives_s_in_a_title_case_headline_is_no_initial() -> None:
    # "Obama’s Jobs Record": the "s" of the possessive is not the initial of Steve Jobs.
    article = Article("Economic Legacy: How Obama’s Jobs Record Stacks Up",
                      "Comparing his performance with that of other presidents: things could "
                      "have been much worse.")
    assert compile_topics([Topic("t", "T", people=(person("Steve Jobs"),))]).match(article) == ()


def test_sentence_start_rule_is_only_for_english_words_and_real_sentence_ends() -> None:
    # not an English word: a headline that opens with it counts
    assert matches("The vote was lost.", person("Benjamin Netanyahu"), title="Netanyahu said no")
    found = matches("A visit by President George W. Bush was planned.", person("George Bush"))
    assert found["George Bush"].evidence == ("George W. Bush",)  # the stop ends an initial


@pytest.mark.parametrize("text", [
    "Johnson & Johnson agreed to buy Guidant. Johnson & Johnson's shares rose 2%.",
    "Stores such as Marks & Spencer did well; shares in Johnson plc and Johnson Inc. fell.",
    "Analysts at Johnson Group said so.",
    "j&j means johnson & johnson , the drug maker .",
    "The most watched ad was made by the agency Wieden + Kennedy for Nike.",
    "Wieden+Kennedy made it; Spencer + Johnson, a design studio, did the next one.",
])
def test_surname_in_a_company_name_is_not_the_person(text: str) -> None:
    assert matches(text, person("Boris Johnson"), person("Charles Spencer"),
                   person("Charles Kennedy")) == {}


def test_surname_next_to_a_company_name_still_counts() -> None:
    found = matches("Boris Johnson visited Johnson & Johnson. Johnson said the plant & its staff "
                    "impressed him.", person("Boris Johnson"))
    assert found["Boris Johnson"].count == 2
    assert found["Boris Johnson"].evidence == ("Boris Johnson", "Johnson")


# --- events ----------------------------------------------------------------------------------

def test_events_match_on_stems_and_in_any_case() -> None:
    found = matches("Judges issued Arrest Warrants. He was indicted in May.",
                    event("arrest warrant"), event("indictment"))
    assert found["arrest warrant"].evidence == ("Arrest Warrants",)
    assert found["indictment"].evidence == ("indicted",)


def test_events_do_not_cross_punctuation() -> None:
    assert matches("He resisted arrest. Warrant officers came.", event("arrest warrant")) == {}


def test_legal_vocabulary_aliases() -> None:
    legal = event_set("legal")
    names = {e.name for e in legal}
    assert {"arrest warrant", "indictment", "charged with", "convicted", "sentenced", "acquitted",
            "extradition", "sanctions", "lawsuit", "subpoena", "injunction", "verdict", "appeal",
            "war crimes", "crimes against humanity", "genocide"} <= names
    text = ("A warrant for the arrest of the minister was issued. He was sued, convicted of fraud "
            "and sentenced, then acquitted on appeal. Extradition talks and new sanctions followed "
            "the genocidal campaign.")
    found = matches(text, *legal)
    assert {"arrest warrant", "lawsuit", "convicted", "sentenced", "acquitted", "appeal",
            "extradition", "sanctions", "genocide"} <= set(found)
    assert found["arrest warrant"].evidence == ("warrant for the arrest",)
    assert found["genocide"].evidence == ("genocidal",)


LEGAL = event_set("legal")


@pytest.mark.parametrize("text", [
    "The offer begins with a free trial on 16 trains.",
    "Google has released a trial tool; the trial version expires.",
    "The drug failed in a clinical trial, though the court of public opinion was kind.",
    'The subject line reads "Urgent Tsunami Earthquake Appeal".',
    "The shows should appeal to a wider range of people.",
    "The appeal of the device is its size. Ministers appealed for calm.",
    "He won at the British trials. The judge of the contest was pleased.",  # another sentence
])
def test_appeal_and_trial_in_other_senses_are_no_legal_event(text: str) -> None:
    found = matches(text, *LEGAL)
    assert "appeal" not in found and "trial" not in found


@pytest.mark.parametrize(("text", "name", "evidence"), [
    ("He lodged an appeal against the verdict.", "appeal", ("lodged an appeal",)),
    ("She lost her appeal.", "appeal", ("lost her appeal",)),
    ("The Court of Appeal quashed it.", "appeal", ("Court of Appeal",)),
    ("The firm will appeal against the court's ruling.", "appeal", ("appeal",)),
    ("Their families will be appealing against the judgement.", "appeal", ("appealing",)),
    ("The former chief went on trial in March.", "trial", ("on trial",)),
    ("Suspects are held without trial.", "trial", ("without trial",)),
    ("He began testimony in his trial for fraud.", "trial", ("trial",)),
    ("The trial date was set by the judge.", "trial", ("trial",)),
])
def test_appeal_and_trial_as_legal_steps(text: str, name: str, evidence: tuple[str, ...]) -> None:
    found = matches(text, *LEGAL)
    assert found[name].evidence == evidence


def test_a_topics_own_trial_event_needs_the_legal_sense_but_its_phrases_do_not() -> None:
    assert matches("Sign up for a free trial.", event("trials")) == {}
    assert matches("Trials of the new drug began.", event("trial")) == {}
    assert matches("The trials ended when the jury retired.", event("trial"))
    assert matches("Phase two of the clinical trial began.", event("clinical trial"))


def test_appeal_and_trial_in_stemmed_text_need_the_legal_sense_too() -> None:
    assert "trial" in matches("he is to stand trial .", *LEGAL, form="stemmed")
    assert "trial" in matches("the trial judg rule on it .", *LEGAL, form="stemmed")
    assert matches("the free trial end .", *LEGAL, form="stemmed") == {}


# --- stemmed input ---------------------------------------------------------------------------

def test_stemmed_names_do_not_leak_into_raw_text() -> None:
    assert matches("Power returns to Hama after the storm.", org("Hamas")) == {}
    stemmed = matches("power return to hama after the storm .", org("Hamas"), form="stemmed")
    assert stemmed["Hamas"].evidence == ("hama",)


def test_stemmed_text_matches_stemmed_events_and_names() -> None:
    found = matches("the intern crimin court issu arrest warrant for moham deif .", ICC,
                    person("Mohammed Deif"), event("arrest warrants"), form="stemmed")
    assert set(found) == {"International Criminal Court", "Mohammed Deif", "arrest warrants"}


def test_raw_title_above_stemmed_body() -> None:
    found = matches("mr gallant said the court issu a warrant .", person("Yoav Gallant"), ICC,
                    org("Hamas"),
                    title="Gallant and Hamas reject the International Criminal Court",
                    form="stemmed")
    assert set(found) == {"Yoav Gallant", "International Criminal Court", "Hamas"}
    assert found["Hamas"].in_title and found["Hamas"].evidence == ("Hamas",)


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=80))
def test_folding_keeps_every_token_whole(text: str) -> None:
    tokens = tokenize(text)
    if tokens:
        folded = fold(" ".join(tokens)).split(" ")
        assert len(folded) == len(tokens)
        assert [len(t) for t in folded] == [len(t) for t in tokens]


def test_stemmed_text_first_name_veto() -> None:
    assert matches("mayor sadiq khan spoke .", person("Karim Khan"), form="stemmed") == {}
    assert matches("mr khan spoke .", person("Karim Khan"), form="stemmed")


# --- topic rules -----------------------------------------------------------------------------

def test_exclude_vetoes_the_topic() -> None:
    text = "ICC cricket chiefs met Hamas officials."
    assert matches(text, ICC, org("Hamas"), exclude=("cricket",)) == {}
    assert matches(text.replace("cricket", "football"), ICC, exclude=("cricket",))


def test_require_event_needs_an_event_and_an_actor() -> None:
    rules = {"require_event": True}
    assert matches("The ICC met today.", ICC, event("arrest warrant"), **rules) == {}
    assert matches("An arrest warrant was issued.", ICC, event("arrest warrant"), **rules) == {}
    found = matches("The ICC issued an arrest warrant.", ICC, event("arrest warrant"), **rules)
    assert set(found) == {"International Criminal Court", "arrest warrant"}


def test_topics_share_entities_and_keep_their_order() -> None:
    hamas = org("Hamas")
    topics = [topic([person("Yoav Gallant"), hamas], "a"), topic([hamas], "b"),
              topic([org("Hezbollah")], "c")]
    result = compile_topics(topics).match(Article("", "Hamas rejected Yoav Gallant's offer."))
    assert [t.topic for t in result] == ["a", "b"]
    assert [m.name for m in result[0].matches] == ["Yoav Gallant", "Hamas"]
    assert result[1] == TopicMatch("b", (EntityMatch("organization", "Hamas", 1, ("Hamas",),
                                                     prominence="lead"),))


def test_title_identical_to_text_counts_once() -> None:
    found = matches("Hamas said no.", org("Hamas"), title="Hamas said no.")
    assert found["Hamas"].count == 1 and found["Hamas"].in_title


def test_term_without_letters_is_rejected(write_config) -> None:
    with pytest.raises(ValueError, match="'--'"):
        compile_topics([topic([org("--")])])
    path = write_config("""
        [topics.a]
        people = ["Karim Khan", { name = "Yoav Gallant", aliases = ["..."] }]
        organizations = ["—"]
        exclude = ["?"]
    """)
    with pytest.raises(ConfigError) as exc:
        load_config(path)
    message = str(exc.value)
    assert "topics.a.people[1].aliases[0]: '...' has no letters or digits to match" in message
    assert "topics.a.organizations[0]: '—' has no letters" in message
    assert "topics.a.exclude[0]: '?' has no letters" in message
    assert "Karim Khan" not in message


# --- normalization and text form -------------------------------------------------------------

def test_fold_keeps_positions() -> None:
    text = "Agnès İstanbul ’quoted’ ﬁne"
    assert len(fold(text)) == len(text)
    assert fold("Agnès ’x’") == "agnes 'x'"
    assert fold("´¨") == "´¨"  # they decompose to a space and a mark: kept as they are
    assert tokenize("Al-Qaeda’s self‑defence") == ["Al", "Qaeda", "’", "s", "self", "defence"]
    assert stem("hamas") == "hama" and stem("international") == "intern" and stem("has") == "ha"


def test_detect_text_form_on_seeds_and_short_or_lowercase_text() -> None:
    assert detect_text_form((DATA / "afp-icc-warrants.txt").read_text()) == "raw"
    assert detect_text_form((DATA / "bbc-gallant-rejects-stemmed.txt").read_text()) == "stemmed"
    assert detect_text_form("isra defenc minist ha reject") == "raw"  # too short to tell
    lowered = (DATA / "afp-icc-warrants.txt").read_text().lower()
    assert detect_text_form(lowered) == "raw"


def test_prose_in_another_language_is_not_read_as_stemmed() -> None:
    # Porter's English rules change few Italian or Russian words and such a text may have few
    # capitals; its commas and stops stand against their words, as no tokenizer leaves them.
    italian = ("i carabinieri hanno scoperto rifiuti pericolosi abbandonati in due edifici "
               "rurali, tra cui amianto e vernici. l'area, di circa cinquemila metri quadrati, "
               "è stata sequestrata e i legali rappresentanti della società sono stati "
               "denunciati all'autorità giudiziaria, secondo quanto riferito dai militari.")
    assert detect_text_form(italian) == "raw"
    russian = ("работы по возведению детского сада идут с опережением графика, деньги, "
               "выделенные на эту стройку, осваиваются в два раза быстрее, чем планировалось. "
               "строители обещают сдать объект к осени, если погода не помешает работам.")
    assert detect_text_form(russian) == "raw"
    tokenized = " , ".join(italian.replace(",", "").replace(".", "").split(" e "))
    assert detect_text_form(tokenized + " .") == "stemmed"  # the same words spaced as tokens


@pytest.mark.corpus
def test_detect_text_form_on_corpus() -> None:
    path = CORPORA / "articles" / "bbc-news-2225.jsonl"
    if not path.exists():
        pytest.skip("../shared/corpora is absent")
    articles = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()[::5]]
    raw = [f"{a['title']}\n{a['text']}" for a in articles]
    assert {detect_text_form(t) for t in raw} == {"raw"}
    assert {detect_text_form(t.lower()) for t in raw} == {"raw"}
    stemmed = [" ".join(stem(fold(t)) for t in tokenize(text)) for text in raw]
    assert {detect_text_form(t) for t in stemmed} == {"stemmed"}


def test_spacing_accents_in_mojibake_do_not_split_tokens() -> None:
    # "Ã¯" is "ï" decoded as Latin-1; "¯" decomposes to a space and a combining macron.
    matcher = compile_topics([Topic("t", "T", organizations=(Entity("organization", "Hamas"),))])
    [match] = matcher.match(Article("Veã¯ns ¨ ¯ report", "Hamas said the veÃ¯ns ¯ were safe."))
    assert match.matches[0].name == "Hamas"
