"""Key figures: the numbers that carry a story, each with its unit and the words around it.

A number is a key figure only when it has a unit that says what it counts: a currency or a
scale ("$5 million", "£600m", "€1.2bn"), a percentage, a multiplier ("three times"), a count
noun ("44,056 people", "124 national members") or a duration ("13 months"). That rule alone keeps
out dates, times, street numbers and list numbering; ages ("aged 45", "45-year-old") are
excluded explicitly. Stemmed text writes "1 , 200 peopl": the groups are rejoined and the nouns
are matched as stems.
"""

from __future__ import annotations

import bisect
import dataclasses
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.extract.clauses import LEADING, NOW_WORDS, SAYING, SUBJECTS, subject_start
from bot.extract.layout import Furniture, classify
from bot.extract.lexicon import DATE_WORDS, SUBORDINATORS, reads_as_verb
from bot.extract.marks import Paragraph, paragraphs
from bot.extract.owners import Owners
from bot.extract.vocab import (
    both_forms,
    is_adjective,
    is_inflected_verb,
    is_noun,
    is_plural_noun,
    raw_forms,
    reads_as_verb_too,
    words,
)
from bot.models import Figure, TextForm

__all__ = ["SCALES", "find_figures", "parse_number"]

_SMALL_NUMBERS = """zero one two three four five six seven eight nine ten eleven twelve thirteen
fourteen fifteen sixteen seventeen eighteen nineteen twenty"""
# "one" is left out: it is hardly ever the figure ("one of the aims").
_WORD_NUMBERS = {word: float(n) for n, word in enumerate(_SMALL_NUMBERS.split()) if n >= 2} | {
    "thirty": 30.0, "forty": 40.0, "fifty": 50.0, "sixty": 60.0, "seventy": 70.0,
    "eighty": 80.0, "ninety": 90.0, "hundred": 100.0, "dozen": 12.0,
}  # fmt: skip
SCALES = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9,
    "b": 1e9, "trillion": 1e12, "tn": 1e12,
}  # fmt: skip
_CURRENCY_SYMBOLS = {
    "$": "USD", "us$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY", "a$": "AUD", "c$": "CAD",
    "hk$": "HKD", "rs": "INR", "usd": "USD", "eur": "EUR", "gbp": "GBP", "chf": "CHF",
}  # fmt: skip
_CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP",
    "pounds": "GBP", "yen": "JPY", "yuan": "CNY", "rupees": "INR", "francs": "CHF",
    "rand": "ZAR", "baht": "THB", "roubles": "RUB", "rubles": "RUB", "shekels": "ILS",
    "naira": "NGN", "ringgit": "MYR", "kronor": "SEK", "lira": "TRY", "zloty": "PLN",
}  # fmt: skip
# Currencies whose name several countries share (Saudi and Qatari riyals, Danish and Norwegian
# kroner): an amount, its country left unsaid.
_SHARED_CURRENCY_WORDS = frozenset({"riyal", "riyals", "dirham", "dirhams", "rupee", "krone",
                                    "kroner"})
_COUNT_NOUNS = raw_forms(
    """
people persons civilians children kids women men adults soldiers troops fighters militants
hostages prisoners detainees refugees migrants residents patients deaths dead casualties victims
injured wounded members states countries nations employees workers jobs staff users customers
subscribers voters votes seats students homes houses buildings cases charges counts warrants
others lives families households villages towns schools hospitals journalists officers police
policemen protesters demonstrators candidates delegates lawmakers judges passengers flights cars
vehicles vessels ships aircraft planes rockets missiles drones bombs shares units tonnes tons
barrels kilometres kilometers km miles acres hectares sq copies visitors viewers fans doctors
nurses teachers firms companies banks stores shops games goals points runs wickets
"""
)
# A data rate written against its number ("2Mbps"): sizes and clock speeds so written ("60GB",
# "1.8GHz") are a product's specifications, which crowd out the story's figures.
_GLUED_UNIT = re.compile(r"\s?(Mbps|Gbps|kbps|Kbps|Mbit/s|Gbit/s|[KMGT]B|[MG]Hz)\b")
# An exchange rate: "the rupee climbed to 43.305 per US dollar".
_PER_CURRENCY = re.compile(r"\s+per\s+(?:US\s+|U\.S\.\s+)?(dollar|euro|pound|yen)\b",
                           re.IGNORECASE)
# A product's specification ("a 120GB hard drive"): ranked below its price.
_SPEC_UNITS = frozenset({"KB", "MB", "GB", "TB", "MHz", "GHz"})
_ACRONYM_PLURAL = re.compile(r"[A-Z]{2,4}s")  # people counted by a short title: "83 MPs"
# What millions are counted of besides the count nouns: "133m text messages", "2m downloads".
_SCALED_AFTER = re.compile(
    r" (?:[a-z-]+ )?(?:messages|e-?mails|calls|downloads|searches|visits|views|streams)\b"
)
_DURATION_NOUNS = raw_forms("years months weeks days hours minutes seconds decades")
_SINGULAR_DURATIONS = both_forms("year month week day hour minute second decade")
_HYPHEN_WORD = re.compile(r"-([A-Za-z]+)\b")  # "4bn-euro hole"
# "an eight-year ban", "a 50-strong commission", "a 10-minute standing ovation"
_HYPHEN_UNIT = re.compile(
    r"-(?:(year|month|week|day|hour|minute|second|decade)|(strong)|"
    r"(foot|feet|metre|meter|mile|kilometre|kilometer|acre|storey|story|tonne|ton|page|match|"
    r"game|player))"
    r"\b(?!\s?-?\s?olds?\b)",
    re.IGNORECASE,
)
# Counts of time that place an event rather than measure anything: "40 years ago", "four
# minutes from time", "10 minutes left".
_TIME_PLACE = re.compile(
    r"\s+(?:ago|left|remaining|to go|from time|later|earlier|into\b|in the past\b)", re.IGNORECASE
)
# A frame of time around the story ("over the next four years", "for the last 14 years"):
# when, not how much; outside the lead no figure, in it ranked below the lead's others.
_TIME_FRAME = re.compile(
    r"\b(?:the|its|their|his|her)\s+(?:next|past|last|coming|previous|following)\s+$"
    r"|\btime\s+in\s+$",  # "for the second time in six years"
    re.IGNORECASE,
)
# "a first Grand Slam in 27 years", "its first decline in three months": how long since, not a
# measure (a race won "in 21.01 seconds" is one).
_FIRST_IN = re.compile(r"\bfirst\s+(?:[\w'’-]+\s+){0,3}in\s+$", re.IGNORECASE)
# How long since a record: "its lowest level in three years", "the strongest for 13 years".
_RECORD_IN = re.compile(
    r"\b(?:(?:low|high|bigg|larg|strong|weak|fast|slow|sharp|steep|great)est|best|worst)\s+"
    r"(?:[\w'’-]+\s+){0,2}(?:in|for)\s+(?:(?:more than|almost|nearly|over)\s+)?$",
    re.IGNORECASE,
)
# A span that places an event ("two hours before Mr Blair speaks", "died three days after
# the crash"), unless it measures something ("banned for six months after", "jailed to ...").
_LONG_SPANS = frozenset({"years", "decades", "months"})
_PLACED_AFTER = re.compile(r"\s+(?:before|after)\b", re.IGNORECASE)
_MEASURED_BEFORE = re.compile(
    r"\b(?:for|to|of|serve[sd]?|serving|spent|spend|spends|lasted|lasting|lasts|took|takes|"
    r"within|over|a|an|the)\s+$",
    re.IGNORECASE,
)
# A span that opens its sentence and closes with a comma, "For five days, they will discuss":
# when, not how much.
_FRAME_OPENS = re.compile(
    r"(?:^|[.!?]\s+|\n\s*)(?:For|Over|During|Within|In)\s+(?:the\s+)?"
    r"(?:(?:next|past|last|first|coming)\s+)?$"
)
# The length of a clip: "Apple's event in under 90 seconds", "a 30-second video".
_CLIP_BEFORE = re.compile(r"\bin\s+(?:under|less than|just)\s+$", re.IGNORECASE)
_CLIP_AFTER = re.compile(r"\s+(?:video|clip|film|trailer|ad|advert|recap|montage)s?\b",
                         re.IGNORECASE)
# How far out a shot was taken, in a match report: "wide from 10 yards", "a free-kick 20 yards
# out".
_DISTANCES = frozenset({"yards", "metres", "meters", "feet"})
_TITLE_YEAR = re.compile(r"\s*\((?:1[89]|20)\d\d\)")
_SHOT_FROM = re.compile(r"\bfrom\s+$", re.IGNORECASE)
_SHOT_OUT = re.compile(r"\s+(?:out|range)\b", re.IGNORECASE)
# What a list article counts ("two ways to disclose", "five things to know"): no figure.
_LIST_NOUNS = words(
    """ways things reasons tips lessons ideas questions steps kinds types options choices
    takeaways secrets tricks signs myths mistakes facts rules"""
)
# A number that is part of a name ("Falcon 9", "Model 3", "Windows 95", "Game 5", "#222",
# "No 10"), after a capitalized word that does not start the sentence.
_NAME_BEFORE = re.compile(r"(?:\b([A-Z][\w’'-]*)|#|\bNo\.?)\s?$")
_OPENS_SENTENCE = re.compile(r"(?:^|[.!?:;\n\"“‘(]|``)\s*$")
_YEAR = re.compile(r"1[89]\d\d|20\d\d")
_LETTERED_NUMBER = re.compile(r"\b[A-Z]{1,2}-?(\d+)\b")  # "G7", "F-16"
_DIGIT = re.compile(r"\d")
_CLAUSE_BREAKS = (". ", "\n", "; ", ", ", " - ", " – ")
_YEAR_BEFORE = re.compile(r"(?<![\d,.])(?:1[89]|20)\d\d$")  # "From 2006 upfront fees"
# "3-1", "112-97": a score, not a range.
_SCORE = re.compile(r"\s?[-–]\s?\d")
_SCORE_BEFORE = re.compile(r"\d\s?[-–]\s?$")
# The score of a game played for points ("his side's 19-13 victory", "defeated his Wales side
# 40-7", "Ireland 21-19 Argentina"): the winner's tally has two or three digits (not a football
# or tennis score, "2-1", "6-4", nor a season, "2004-05"), and the words around it name a result
# or the two sides; not a clock time ("10:30-8 p.m."), a telephone number, a price in odds ("on
# 12-1 Sealiway"), or a score on the way ("came from 15-6 down").
_POINTS_SCORE = re.compile(
    r"(?<![:\d])(?<!\son )(?<!\sat )(\d{2,3})\s?[-–]\s?(\d{1,3})"
    r"(?!\d|[/.,:]\d|\s?[-–]\s?\d|\s?[ap]\.?m\b)"
    r"(?!\s+(?:down|behind|up|ahead|at (?:half|the break|the interval))\b)"
)
_RESULT = re.compile(
    r"\b(?:win|wins|won|winning|victory|victories|defeat|defeats|defeated|beat|beats|beating|"
    r"lost|loss|draw|drew|drawn|triumph|thrash\w*|hammer\w*|rout\w*|edge[sd]?)\b",
    re.IGNORECASE,
)
_SIDES = re.compile(r"[A-Z][\w’'.-]*\s$")
_SIDE_AFTER = re.compile(r"\s[A-Z]")
# "the two companies": a number word with the bare noun after "the" counts things the story
# has named already, no figure ("the five suspended students" may be one).
_VAGUE_BEFORE = re.compile(r"\b(?:several|a few|few|many)\s+$", re.IGNORECASE)
_THE_BEFORE = re.compile(r"\b[Tt]he\s+$")
# "$4m (£2.13m)", "16,666,000 pesos (slightly under $1.2m)"
# Between an amount and the same amount in another currency: "$4m (£2.1m", "$5bn (£2.7bn; "
# (the second conversion of two), "$4m, or about ", "14.87% - or ".
_CONVERSION_GAP = re.compile(
    r"\s*(?:\((?:[^();]{0,30};)?(?:\s*[a-z]+){0,3}"
    r"|(?:,|\s[-–])?\s*or\s+(?:about|around|roughly|nearly|almost|approximately|some)?)\s*$"
)
# Between one conversion and the next of the same amount: "$9.4bn (261bn roubles, £4.8bn)",
# "400m pesos ($136m; £72.3m)".
_NEXT_CONVERSION = re.compile(r"\s*[,;]\s*(?:or\s+)?(?:about\s+|around\s+|some\s+)?$")
# Between a conversion and the top of its range, its bracket still open: "(£2m to £2.6m)".
_RANGE_TOP = re.compile(r"\s*(?:to|-|–)\s*$")
# After an amount, what makes it a figure of its own, no conversion: "- or £140 per household".
_PER_AFTER = re.compile(r"\s+(?:per|a|an|each)\s", re.IGNORECASE)
# A story about a company's shares, and the move of its price: the story's own figure.
_SHARES = re.compile(r"\b(?:shares?|stocks?)\b", re.IGNORECASE)
_SHARE_MOVE_BEFORE = re.compile(
    r"\b(?:shares?|stocks?)\b[^.!?]{0,60}\b(?:up|down|rose|risen|fell|fallen|sank|sunk|slumped|"
    r"jumped|climbed|gained|lost|dropped|plunged|soared|surged|tumbled|slid)\b[^.!?]{0,24}$",
    re.IGNORECASE,
)
# An amount in a currency the lists do not know, converted after it: "400m pesos ($136m",
# "2bn hryvnias, or about $".
_CONVERTED_AFTER = re.compile(
    r"\s+[a-z]+\s*(?:\(|,?\s*or\s+(?:about|around|roughly|some)?\s*)"
    r"(?:about\s+|around\s+|some\s+)?(?:\b(?i:us|a|c|hk)\$|[$£€¥])\s?\d"
)
# Words near a count that make it a toll: the count of the dead, the hurt, the displaced.
_TOLL = re.compile(
    r"\b(?:kill|dead|die|death|injur|wound|casualt|victim|hostag|missing|displac|evacu|"
    r"homeless|arrest|murder|massacr|fatalit|lives\b)",
    re.IGNORECASE,
)
_SOLD_AFTER = re.compile(r"\s+(?:sold|shipped|downloaded|bought)\b")
_TOLL_AFTER = re.compile(r"\s+(?:killed|dead|injured|wounded|hurt|missing|died)\b", re.IGNORECASE)
_TOLL_BEFORE = re.compile(
    r"\b(?:killed|killing|injured|injuring|wounded|wounding|kills|injures)\s+$", re.IGNORECASE
)
_PEOPLE_UNITS = words(
    """people persons civilians children kids women men adults soldiers troops fighters militants
    hostages prisoners detainees refugees migrants residents patients deaths dead casualties
    victims injured wounded employees workers jobs staff users customers voters families
    households passengers students"""
)
_GAME_UNITS = words("points goals runs wickets games assists")
# A gap in age between two people: "three years Murray's senior", "two years his junior",
# "five years older".
_AGE_GAP = re.compile(
    r"\s+(?:(?:[A-Z][\w'’-]*['’]s|his|her|their)\s+(?:senior|junior)\b|(?:older|younger)\b)"
)
# What a hyphenated duration names rather than measures: "a five-year plan", "its 10-year
# strategy" (a ban, a sentence or a contract is measured by its length: those stay).
_NAMED_SPAN = re.compile(
    r"\s+(?:plans?|programmes?|programs?|strateg(?:y|ies)|vision|blueprint|cycle|history)\b",
    re.IGNORECASE,
)
# The people a survey asked: "a survey of 2,000 adults", "3,028 adults ... were interviewed",
# "they asked 801 adults", "the survey of 5,196 firms"; the sample is no finding and ranks
# below what they said.
_SAMPLED_UNITS = _PEOPLE_UNITS | words("firms companies businesses organisations organizations")
_SAMPLE_BEFORE = re.compile(
    r"\b(?:survey|poll|sample|study|questioned|interviewed|surveyed|polled|asked)\s+(?:of\s+)?"
    r"(?:(?:more than|over|some|nearly|almost|about|around|a total of)\s+)?$",
    re.IGNORECASE,
)
_SAMPLE_AFTER = re.compile(
    r"[^.;]{0,40}?\b(?:were|was|had been|have been|being)\s+"
    r"(?:interviewed|questioned|surveyed|polled|asked|sampled)\b",
    re.IGNORECASE,
)
# A prison term or a ban: "jailed for 14 years", "sentenced to life ... and 25 years",
# "banned for two years", "given a three-month suspended sentence".
_SENTENCED_BEFORE = re.compile(
    r"\b(?:jailed|imprisoned|sentenced|banned|suspended|barred|given)\s+(?:for|to)\s+"
    r"(?:(?:up to|at least|a further|another|an extra)\s+)?$",
    re.IGNORECASE,
)
# A span given in two units: "four minutes 14.74 seconds", "two hours and 40 minutes".
_SPAN_UNITS = ("seconds", "minutes", "hours")
_LARGER_UNIT_BEFORE = re.compile(
    r"\b(\d+|one|" + "|".join(_SMALL_NUMBERS.split()[2:])
    + r")\s+(hours?|minutes?),?\s+(?:and\s+)?$",
    re.IGNORECASE,
)

# What a bond is called by its term: "the 10-year gilt yield", "30-year debt offering".
_MATURITY = re.compile(
    r"\s+(?:bonds?|gilts?|yields?|debt|notes?|treasur(?:y|ies)|securities|bunds?)\b",
    re.IGNORECASE,
)
# "18 to 24 years old": an age range, read after the range's top.
_OLD_AFTER = re.compile(r"\s+old\b")
_MEASURES = {
    "foot": "feet", "feet": "feet", "storey": "storeys", "story": "storeys", "match": "matches",
}  # fmt: skip
# "iron ingots ($5) and shogun armour ($1.70)": prices in a list of products.
_PRICE_TAG = re.compile(r"\(\s*$")
_PRICE_TAG_END = re.compile(r"\s*\)")
_MULTIPLIERS = both_forms("times fold")
# Raw and stemmed spellings ("nearly" / "nearli") of the words that qualify a count.
_QUALIFIERS = re.compile(
    r"(?:at least|more than|less than|fewer than|up to|as many as|at most|close to|about|around|"
    r"over|some|nearly|nearli|almost|roughly|roughli|approximately|approxim|an estimated|"
    r"an estim|between|from)\s+$",
    re.IGNORECASE,
)
# A number joined to another by a slash is a date, a fraction or a name ("9/11", "24/7"), no count.
_NUMBER = re.compile(
    # not the minutes of a time ("03:42") nor a term of code ("p+1")
    r"(?<![\w.,/])(?<!\d:)(?<![A-Za-z]\+)(?:\d{1,3}(?:(?:,| , )\d{3})+|\d+)(?:\.\d+)?"
    r"(?![\d]|/\d)"
    # The lookahead on the first letter spares trying every word at every position.
    r"|\b(?=[tfsenhd])(?:" + "|".join(_WORD_NUMBERS) + r")\b"
    r"|\bone(?=[\s-]+(?:hundred|thousand|million|billion|trillion)\b)",  # "one million": not "one"
    re.IGNORECASE,
)
_CURRENCY_BEFORE = re.compile(
    r"(?:\b(?:us|a|c|hk)\$|[$£€¥]|\b(?:usd|eur|gbp|chf|rs\.?))\s?$", re.IGNORECASE
)
_SCALE_AFTER = re.compile(
    r"(?:\s?(?:bn|mn|tn|m|b|k)\b|[\s-](?:thousand|million|billion|trillion)\b)", re.IGNORECASE
)
_CURRENCY_AGAIN = re.compile(r"(?:\b(?:us|a|c|hk)\$|[$£€¥])", re.IGNORECASE)
_PERCENT_AFTER = re.compile(r"\s?(?:%|per ?cent\b)", re.IGNORECASE)
_RANGE_AFTER = re.compile(r"(?:\s?(?:-|–|to|and)\s?)(?=\d|[a-z]+\b|[$£€¥])", re.IGNORECASE)
_BETWEEN_BEFORE = re.compile(r"\bbetween\s+(?:\S+\s+)?$", re.IGNORECASE)
_MILESTONE = re.compile(
    r"(?:st|nd|rd|th)\s+(?:[a-z]+\s+)?(cap|goal|win|victory|title|appearance|game|match|race|"
    r"start)\b"
)
_MILESTONE_OWNER = re.compile(r"\b(?:his|her|their|its)\s+$", re.IGNORECASE)
_NAME_AFTER = re.compile(r"\s+[A-Z]")  # "the majority of 52 MPs": a part of them
_MAJORITY_BEFORE = re.compile(
    r"\bmajority\s+(?:of|(?:was\s+)?(?:\w+\s+)?to)\s+(?:just\s+|only\s+)?$", re.IGNORECASE
)
_SHARE_OF = re.compile(
    r"[\d.,]+\s?(?:%|per\s?cent|percent)\s+of\s+(?:the\s+|its\s+|their\s+)?(?:[£$€]\s?)?$"
)
_RUN_BEFORE = re.compile(r"\b(?:run|streak|sequence|record)\s+(?:of|to)\s+$", re.IGNORECASE)
# A player's tally over a career or a season: "158 goals in 276 games", "817 points in 52
# internationals".
_TALLY_AFTER = re.compile(
    r"\s+in\s+\d[\d,]*\s+(?:games|matches|appearances|internationals|tests|starts|caps|outings)\b",
    re.IGNORECASE,
)
_OF_TOTAL = re.compile(r"\s+of\s+(?:the\s+|his\s+|her\s+|their\s+|its\s+)?"
                       r"(?:(?:last|first|past|previous)\s+)?\d[\d,.]*(?=\s)")
# A proportion, "nine out of 10 children", "one in four homes", "4 out of 4 House seats": the
# part counts what the whole counts, and the whole is not shown without the part.
_SMALL_WHOLE = r"(?:\d{1,3}|" + "|".join(_SMALL_NUMBERS.split()[2:]) + "|hundred)"
_OUT_OF = re.compile(rf"\s+(?:out\s+of|in)\s+{_SMALL_WHOLE}(?=\s)", re.IGNORECASE)
_PROPORTION_BEFORE = re.compile(
    rf"\b(?:one|a|{_SMALL_WHOLE})\s+(?:out\s+of|in)\s+$", re.IGNORECASE
)
_NUMBER_WORD_BEFORE = re.compile(rf"\b(?:{'|'.join(_WORD_NUMBERS)})$", re.IGNORECASE)
# The next word, past the mark closing a quoted one ("100,000 new “affordable” homes").
_WORD = re.compile(r"(?:(?<=[A-Za-z])[”\"])?\s+(?:-\s+)?[“‘\"]?([A-Za-z][\w'’-]*)")
_AGE = re.compile(r"\s?-?\s?(?:year|yr)s?\s?-\s?old|\s+years?\s+old|\s+year\s+old", re.IGNORECASE)
_TIME = re.compile(r"\s?(?::\s?\d\d|[ap]\.?m\b|gmt|bst|utc)", re.IGNORECASE)
_MONTH = (
    r"jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|januari|januar|februari|"
    r"march|april|june|juli|august|septemb|octob|novemb|decemb|january|february|july|"
    r"september|october|november|december"
)
_MONTH_AFTER = re.compile(rf"\s(?:{_MONTH})\b", re.IGNORECASE)
_MONTH_BEFORE = re.compile(rf"\b(?:{_MONTH})\.?\s$", re.IGNORECASE)
_STOP = re.compile(r"[,.;:!?](?=\s|$)|[()\[\]\"“”«»]|``|''|\s-\s|\n")

_DANGLING = words(
    """
in on at to of by for with from as and or but the a an more than less that which who while after
before into over under about have has had been be being will would could should can may might is
are was were i he she it we they you his her its their our my your this these those if when
because until unless whether like since during within between through across per
"""
)
# Words the lemma tables read as nouns that modify no noun after them ("9.1 itself and apps").
_NO_MODIFIERS = _DANGLING | words(
    "itself themselves himself herself them us him all both each others either neither"
)
# What an amount is, said after it ("$20bn in damages", "$750m in aid"): the phrase starts at
# the amount when a preposition leads up to it from another phrase.
_SAYS_WHAT = re.compile(
    r"\s+in\s+(?!(?:the|an?|its|their|his|her|our|this|that|these|those|which|total|each)\b)"
    r"[a-z]{3,}\b(?![-'’])"
)
_OF_BEFORE = re.compile(r"\b[a-z]{3,}\s+of\s+$")  # what a count is a part, a loss or a total of
_PREPOSITION_BEFORE = re.compile(r"\b(?:for|of|with|at|by)\s+$", re.IGNORECASE)
_HEADLINE_WORD = re.compile(r"\s+([a-z][a-z-]*)\b(?![’'])")
_WOVEN_BEFORE = re.compile(r"(?<!['’])\b([a-z]{3,}) [\"“‘']?$")
_SPEECH_VERBS = words("""
said says say told tells tell added adds asked asks wrote writes warned called calls calling
dubbed describing set
""")
_CONTENT_WORD = re.compile(r"[A-Za-z]{4,}")
# Words too common to tie a sentence to the story.
_COMMON_WORDS = words("""
also that this with from have been were will would could should their there they them then
than when where which what while said says told after before about over into more most some
such only other first last year years month months week weeks time just made make like being
because under since these those very much many well even still back million billion thousand
percent
""")
_STEM = 5  # letters compared: "suspended" and "suspension", "airline" and "airlines"
_STOP_SENTENCE = re.compile(r"[.!?;](?=\s)|\n")
_BE = words("is are was were")
_COMPLEMENT_AFTER = re.compile(
    r"\s+(?:up|out|off|down|away|back|over|in|on|at|as|to|of|a|an|the|that)\b", re.IGNORECASE
)
_TO_AFTER = re.compile(r"\s+to\b")
# A verb's particle ends its phrase well: "Five firms sign up to the scheme".
_PARTICLES = words("up out off down away back over next")
# A word, a number's thousands included ("400,000").
_RIGHT_WORD = re.compile(r"\s+(?:[^\s,;:!?()\"“”]|,(?=\d{3}\b))+")
_CONJUNCTIONS = words("and but or while which who whose where when")
# After the figure these open a clause of their own ("a seven-minute song that began"): the
# phrase ends before them.
_CLAUSE_OPENERS = _CONJUNCTIONS | words("that if because unless whether until although")
_GROUPING = re.compile(r"\s|,")
_AGED = re.compile(r"\baged?\s$", re.IGNORECASE)
# An obituary's age in the headline or the lead is its figure: "has died aged 93".
_DIED_AGED = re.compile(
    r"\b(?i:died|dies|dead)\s+(?:(?i:in|at)\s+(?:[A-Z][\w'’-]*\s+){1,3})?"
    r"(?i:aged|at|at\s+the\s+age\s+of)\s$|\b(?i:at\s+the\s+age\s+of)\s$"
)  # "died aged 93", "has died in Bath aged 94", "has died in Germany at 50", "at the age of 48"
# An obituary that says the age after the death: "has died. He was 84, had been ill".
_WAS_AGED = re.compile(r"\b(?:He|She)\s+was\s$")
_WAS_AGED_END = re.compile(r"\s*(?:[,.;]|\s+and\b)")
_DEATH = re.compile(r"\b(?i:died|dies)\b")
_LEFT_WORD = re.compile(r"(\S+)\s+$")
_FIRST_WORD = re.compile(r"\s*(\S+)\s+")
_CLAUSE_EDGE = re.compile(r"[,.;:!?\"“”()]$|^(?:``|''|-)$")
# Words a figure's phrase may start with when the words before it lead up to it ("called the
# UK's £3bn rebate" -> "the UK's £3bn rebate").
_PHRASE_STARTS = words("a an the its their his her our this that these those")
# Counted by a number word, these are people in the story rather than a key figure ("the five
# men bore responsibility").
_PERSONS = frozenset({"people", "persons", "men", "women", "adults", "children", "others"})
# Words that open a sentence before a number without naming anything ("The 16 films", "While
# 62 percent", "After 55 years").
_OPENERS = _DANGLING | _PHRASE_STARTS | LEADING | _CLAUSE_OPENERS
_OUT = -1000.0  # a bonus that takes a figure out
_LEAD_BONUS = 3.0  # a figure of the headline or the lead
# A few things counted in words inside a sentence ("two album releases", "three land bills")
# are named in passing more often than they are the news: they rank with a share or an amount,
# not above it. A sentence that opens with its count is about them ("Two farmers committed").
_FEW_THINGS = 1.5
_KIND_WEIGHT = {
    "money": 5.0, "count": 4.0, "score": 4.0, "percent": 3.0, "multiplier": 2.5, "duration": 1.5,
}  # fmt: skip
_STOP_WORDS = words("of and or the a to in on at for by from per as wa was were are is had have ha")


@dataclass(frozen=True)
class _Found:
    figure: Figure
    kind: str
    start: int  # where the number is
    end: int
    left: int  # where its phrase starts
    bonus: float = 0.0  # what the figure's place and words add to its rank
    background: bool = False  # ranked, and takes its place, but not shown


def parse_number(token: str) -> float:
    """The value of a number as written: "1,206" -> 1206, "1 , 200" -> 1200, "five" -> 5."""
    word = token.lower()
    if word in _WORD_NUMBERS:
        return _WORD_NUMBERS[word]
    if word == "one":
        return 1.0
    return float(_GROUPING.sub("", token))


def _whole(value: float) -> float | int:
    value = float(f"{value:.12g}")  # 8.2 * 1e9 is 8199999999.999999 in binary
    return int(value) if value == int(value) and abs(value) < 1e18 else value


def _currency_word_after(text: str, pos: int) -> bool:
    word = _WORD.match(text, pos)
    return bool(
        word and word.group(1).lower() in _CURRENCY_WORDS.keys() | _SHARED_CURRENCY_WORDS
    ) or bool(
        _hyphen_currency(text, pos)
    )


def _hyphen_currency(text: str, pos: int) -> re.Match[str] | None:
    """A currency's name joined to the amount by a hyphen ("4bn-euro hole"); "pound" so joined
    is a weight ("a 1,000-pound turtle")."""
    word = _HYPHEN_WORD.match(text, pos)
    if word and word.group(1).lower() in _CURRENCY_WORDS.keys() - {"pound", "pounds"}:
        return word
    return None


def _unit_after(text: str, pos: int, form: TextForm = "raw") -> tuple[str, str, int] | None:
    """What the number counts: (kind, unit, end offset), looking at most two modifiers ahead.
    Any plural noun counts in raw text; stemmed text has only the known count nouns."""
    money = _hyphen_currency(text, pos)
    if money:
        return "money", _CURRENCY_WORDS[money.group(1).lower()], money.end()  # "4bn-euro hole"
    rate = _PER_CURRENCY.match(text, pos)
    if rate:
        return "count", f"per {rate.group(1).lower()}", rate.end()  # "43.305 per US dollar"
    glued = _GLUED_UNIT.match(text, pos)
    if glued:
        return "count", glued.group(1), glued.end()  # "download speeds of 2Mbps"
    hyphen = _HYPHEN_UNIT.match(text, pos)
    if hyphen and text[hyphen.end() + 1 : hyphen.end() + 2].isupper():
        return None  # "10-year Bunds", "30-year UK debt": the name of a thing
    if hyphen and hyphen.group(1) and _MATURITY.match(text, hyphen.end()):
        return None  # "the 10-year gilt yield", "30-year debt": a bond's name
    if hyphen and hyphen.group(1):
        return "duration", hyphen.group(1).lower() + "s", hyphen.end()
    if hyphen and hyphen.group(3):
        measure = hyphen.group(3).lower()
        return "count", _MEASURES.get(measure, measure + "s"), hyphen.end()
    if hyphen:
        noun = _WORD.match(text, hyphen.end())
        if noun and noun.group(1).islower():
            return "count", noun.group(1).lower(), noun.end()
        return None
    words = []
    cursor = pos
    for _ in range(4):
        m = _WORD.match(text, cursor)
        if not m:
            break
        words.append((m.group(1), m.end()))
        cursor = m.end()
    joined = _joined_modifiers(words)
    # "Eighty large net service firms": three modifiers before a known count noun
    reach = 4 if joined > 0 or (
        len(words) == 4 and words[3][0] in _COUNT_NOUNS
        and all(w.islower() and w not in _STOP_WORDS and not w.endswith(("s", "ed", "ing"))
                for w, _ in words[:3])
    ) else 3
    # "12 foreign terror suspects": after a word that is only an adjective, a plural that is
    # also a verb's form is still the noun it describes
    described = (
        bool(words) and text[pos - 1 : pos].isdigit() and not _YEAR_BEFORE.search(text, 0, pos)
        and words[0][0].islower() and _only_adjective(words[0][0])
    )
    # "two telephone licences": after a number word no company is named ("Fuller's 19 firm
    # handles"), so a singular noun and a plural that is also a verb are one counted thing
    worded = bool(words) and words[0][0].islower() and _NUMBER_WORD_BEFORE.search(
        text, max(0, pos - 12), pos) is not None
    for i, (written, end) in enumerate(words[:reach]):
        word = written.lower()
        if written[:1].isupper() and word in _WORD_NUMBERS:
            return None  # "two Six Nations games": the count is of what the name is part of
        if i == 0 and written[:1].isupper() and not word.endswith("s") and \
                word in _SINGULAR_DURATIONS:
            return None  # "24 Hour Party People": a film's title
        if i == joined:
            continue  # "2,000 business and political leaders"
        if word in _DURATION_NOUNS or (
            i == 0 and word in _SINGULAR_DURATIONS and text[pos : pos + 2].lstrip().startswith("-")
        ):
            return ("duration", _DURATION_NOUNS.get(word, word + "s"), end) if i == 0 else None
        if word in _MULTIPLIERS and i == 0:
            return "multiplier", "times", end
        if word in _CURRENCY_WORDS and i == 0:
            return "money", _CURRENCY_WORDS[word], end
        if word in _SHARED_CURRENCY_WORDS and i == 0:
            return "money", None, end  # "fined 3,000 riyal": which country's, unsaid
        if word in _COUNT_NOUNS and (form == "stemmed" or _COUNT_NOUNS[word] == word):
            # In raw text a stem key ("firm" for "firms") is a singular noun: "19 firm".
            return "count", _COUNT_NOUNS[word], end
        if word in _STOP_WORDS:
            return None
        if form == "raw" and _ACRONYM_PLURAL.fullmatch(written):
            return "count", written, end  # "Some 83 MPs", "40 MEPs"
        if (
            form == "raw"
            and written.islower()
            and is_plural_noun(written)
            and (i == 0 or described or (i == 1 and worded) or not reads_as_verb_too(word))
        ):
            # "91 foxes", "1,000 mass shootings"; not "19 firm handles", where it is a verb.
            return "count", word, end
    return None


_RACE_DISTANCES = frozenset({"50", "60", "100", "110", "200", "400", "800", "1500", "3000", "5000",
                            "10000"})
_RUNNERS = words("men women athletes")
_RACES = words(
    "hurdles relays races heats finals metres meters yards laps lengths runners sprinters swimmers"
)


def _open_quote(phrase: str) -> bool:
    """Whether a phrase opens a quotation it does not close."""
    return phrase.count("“") > phrase.count("”") or phrase.count('"') % 2 == 1


def _counted_after_scale(text: str, token: str, scale: re.Match[str], form: TextForm) -> bool:
    """Whether "m" or "k" after a number is a million or a thousand of what follows: "2m
    people", "1.7m animal trophies", "20k users"; not a length or a race ("10m waves", "the 60m
    hurdles", "the 400m women")."""
    if scale.group().strip().lower() not in ("m", "k") or scale.group()[:1].isspace():
        return False
    if scale.group().strip().lower() == "k" and len(token) == 1:
        return False  # "4K iTunes movies", "5k displays": a picture's resolution
    if _SCALED_AFTER.match(text, scale.end()):
        return True  # "133m text messages", "2m downloads"
    after = _unit_after(text, scale.end(), form)
    if not after or after[0] != "count" or after[1] in _RACES:
        return False
    if _GROUPING.sub("", token) in _RACE_DISTANCES and after[1] in _RUNNERS:
        return False  # "the 400m women": a race's
    # a known count ("2m people", "100K vehicles"), a plural after a decimal ("1.7m animal
    # trophies") or after "about", "nearly" ...; not a length ("10m waves", "2m cracks")
    number_at = scale.start() - len(token)
    return after[1] in _COUNT_NOUNS or "." in token or bool(
        _QUALIFIERS.search(text[max(0, number_at - 20) : number_at])
    )


def _only_adjective(word: str) -> bool:
    """Whether a word is an adjective and no noun or verb ("foreign", "British"; not "firm")."""
    return is_adjective(word) and not is_noun(word) and not reads_as_verb_too(word)


def _joined_modifiers(words: list[tuple[str, int]]) -> int:
    """Where "and" or "or" joins two modifiers of the noun after them ("business and political
    leaders", "British and American troops", "short and medium-distance flights"), as the index
    of the conjunction, or -1."""
    for i in (1, 2):
        if (
            len(words) > i + 1
            and words[i][0] in ("and", "or")
            and words[i - 1][0].lower() not in _NO_MODIFIERS
            and (words[i - 1][0][:1].isupper() or is_adjective(words[i - 1][0])
                 or is_noun(words[i - 1][0]))
            and (words[i + 1][0][:1].isupper() or is_adjective(words[i + 1][0])
                 or "-" in words[i + 1][0].strip("-"))
        ):
            return i
    return -1


def find_figures(
    text: str,
    form: TextForm = "raw",
    limit: int = 5,
    headline: str = "",
    quoted: Sequence[tuple[int, int]] = (),
) -> list[Figure]:
    """The key figures of ``headline`` and ``text``, most telling first, each value once. A
    headline's figure is shown with its unit only (the headline around it is no phrase), or
    in the words of the text when the text gives the same value. ``quoted`` are the (start,
    end) offsets of the quotations in ``text``: a span of time someone speaks of ("For the
    last 14 years I've been normal") is theirs, not the story's."""
    headline_end = len(headline)
    shares_story = bool(_SHARES.search(headline))
    if headline:
        text = f"{headline}\n\n{text}"
    shift = headline_end + 2 if headline else 0
    quoted_starts = [a + shift for a, _ in quoted]
    quoted_ends = [b + shift for _, b in quoted]
    blocks = paragraphs(text)
    block_starts = [b.start for b in blocks]
    furniture = classify([text[b.start : b.end] for b in blocks])
    # The lead: the first paragraph of the story after the headline.
    lead = next(
        (i for i, b in enumerate(blocks) if b.start >= headline_end and i not in furniture), -1
    )
    found: list[_Found] = []
    owners = Owners(text, form, headline_end, list(zip(quoted_starts, quoted_ends, strict=True)))
    length = len(text)
    story_blocks = [i for i in range(lead, len(blocks)) if i not in furniture] if lead >= 0 else []
    # The closing paragraph of a story of three or more, where background gathers.
    closing = story_blocks[-1] if len(story_blocks) >= 3 else -1
    story = _story_words(text, blocks[lead]) if closing >= 0 else frozenset()
    led = False  # whether the headline or the lead gives a figure
    lead_counted = False  # whether the lead paragraph itself gives one
    after_lead = next((i for i in story_blocks if i > lead), -1)
    # a death in the headline or the lead: "He was 84" after it is the age ("has died. He was")
    obituary = bool(_DEATH.search(text, 0, blocks[lead].end)) if lead >= 0 else False
    consumed = 0
    money_end = -1  # where the last amount ended: "$4m (£2.13m)" is one amount
    converted_end = -1  # where the last conversion of it ended: "$9.4bn (261bn roubles, £4.8bn)"
    for m in _NUMBER.finditer(text):
        token = m.group()
        start, end = m.start(), m.end()
        if start < consumed:
            continue  # the top of a range already read
        block = bisect.bisect_right(block_starts, start) - 1
        place = furniture.get(block)
        if place in (Furniture.PROMO, Furniture.BOX):
            continue
        is_word = token[0].isalpha()
        leading = start < headline_end or block == lead
        before = text[max(0, start - 12) : start]
        if not is_word and (
            _TIME.match(text, end)
            or _MONTH_AFTER.match(text, end)
            or _MONTH_BEFORE.search(before)
            or _AGE.match(text, end)
        ):
            continue
        died = (
            _DIED_AGED.search(text, max(0, start - 50), start)
            if not is_word and leading
            else None
        ) or (
            _WAS_AGED.search(text, max(0, start - 12), start)
            if obituary and not is_word and (leading or block == after_lead)
            and _WAS_AGED_END.match(text, end)
            else None
        )
        if (_AGED.search(before) and not died) or _SCORE_BEFORE.search(before) or (
            _in_name(text, start, token) and not _is_score(text, start)
        ):
            continue
        if is_word and _VAGUE_BEFORE.search(before):
            continue  # "several hundred people": no number
        # "one in four homes": the whole of a proportion is shown with its part.
        proportion = _PROPORTION_BEFORE.search(before)
        value = parse_number(token)
        currency = None
        kind = unit = None
        cur = _CURRENCY_BEFORE.search(before)
        if cur and not is_word:
            currency = _CURRENCY_SYMBOLS.get(cur.group().strip().lower().rstrip("."))
            start -= len(cur.group())
            tag_scale = _SCALE_AFTER.match(text, end)
            if _converts(text, money_end, converted_end, start) and not _PER_AFTER.match(
                text, tag_scale.end() if tag_scale else end
            ):  # "£3bn - or £140 per household" is a figure of its own
                converted_end = tag_scale.end() if tag_scale else end
                continue  # the same amount in another currency
            if _PRICE_TAG.search(text, max(0, start - 3), start) and _PRICE_TAG_END.match(
                text, tag_scale.end() if tag_scale else end
            ):
                continue
        scale = _SCALE_AFTER.match(text, end)
        scaled = bool(
            scale
            and (
                (currency and not is_word)
                or scale.group().strip(" -").lower()
                in ("thousand", "million", "billion", "trillion", "bn", "tn")
                or _currency_word_after(text, scale.end())  # "785m euros", not "60m" run
                or _CONVERTED_AFTER.match(text, scale.end())  # "400m pesos ($136m)"
                or (not is_word and _counted_after_scale(text, token, scale, form))  # "2m people"
            )
        )
        if scale and scaled:
            value *= SCALES[scale.group().strip(" -").lower()]
            end = scale.end()
        upper = None
        rng = _RANGE_AFTER.match(text, end)
        if rng and rng.group().strip().lower() == "and" and not _BETWEEN_BEFORE.search(
            text, max(0, start - 30), start
        ):
            rng = None  # "lost about $180bn and 20,000 workers lost their jobs": two figures
        if rng and not is_word:
            second_at = rng.end()
            if currency:
                again = _CURRENCY_AGAIN.match(text, second_at)
                second_at = again.end() if again else second_at
            second = _NUMBER.match(text, second_at)
            if second and not second.group()[0].isalpha():
                upper_value = parse_number(second.group())
                second_end = second.end()
                scale2 = _SCALE_AFTER.match(text, second_end)
                if scale2 and scale and scale2.group().strip(" -").lower() in SCALES:
                    upper_value *= SCALES[scale2.group().strip(" -").lower()]
                    second_end = scale2.end()
                elif scale and value != parse_number(token):
                    upper_value *= value / parse_number(token)
                if upper_value > value:
                    upper, end = upper_value, second_end
                    consumed = second_end
        if upper is None and not currency and _SCORE.match(text, end):
            # "3-1", "6-4": no count. A points game's score in the headline or the lead is the
            # story's figure.
            tally = _is_score(text, start)
            if tally and leading:
                found.append(_score(text, start, tally, value, headline_end, length))
                consumed = tally
            continue
        amount_end = end
        toll_verb = None
        share = None  # "nine out of 10": a proportion of what the whole counts
        part_of = None  # "eight of their last 13": the part of a whole
        milestone = None  # "his 50th cap"
        pct = _PERCENT_AFTER.match(text, end)
        if currency:
            kind, unit = "money", None
        elif pct and not is_word:
            kind, unit, end = "percent", "%", pct.end()
            span = _percent_range(text, end, value) if upper is None else None
            if span:
                upper, end = span  # "3% to 5%": one figure, not its first half
                consumed = end
        else:
            after = _unit_after(text, end, form)
            toll_verb = _TOLL_BEFORE.search(text, max(0, start - 12), start)
            # "70 of 113 countries", "eight of their last 13 matches"; not the whole of a
            # proportion ("two in five of the 635,173 reports")
            part_of = _OF_TOTAL.match(text, end) if after is None and not proportion else None
            share = part_of or (_OUT_OF.match(text, end) if after is None else None)
            whole = _unit_after(text, share.end(), form) if share else None
            if whole and whole[0] == "count":
                # "More than 70 of 113 countries": the part counts what the whole does, and
                # the phrase is one figure.
                after, consumed = whole, whole[2]
            if after is None and died:
                after = ("duration", "years", end)
            if after is None and not is_word and not _NAME_AFTER.match(text, end) and (
                _MAJORITY_BEFORE.search(text, max(0, start - 40), start)
            ):
                after = ("count", "majority", end)  # "Labour's majority was reduced to 14"
            milestone = _MILESTONE.match(text, end) if leading and not is_word and (
                _MILESTONE_OWNER.search(text, max(0, start - 8), start)
            ) else None
            if after is None and milestone:
                # "Giggs wins his 50th cap": a milestone the headline or the lead counts
                after = ("count", milestone.group(1).lower(), milestone.end())
            if after is None and (
                (not is_word and _TOLL_AFTER.match(text, end))
                or (toll_verb and value >= 2 and not text.startswith(" of ", end))
            ):
                # "killed 50 and injured 53", "50 killed", "The attack, which killed five,":
                # counts of people.
                after = ("count", "people", end)
            if after is None and leading and not is_word and _SOLD_AFTER.match(text, end):
                # "50,000 sold in its first week": in the lead, a count of what the story sells
                after = ("count", "sold", end)
            if after is None:
                if scaled and value >= 1e6:
                    kind, unit = "count", None
                else:
                    continue
            else:
                kind, unit, end = after
                if kind == "money":
                    currency, unit = unit, None
                    if _converts(text, money_end, converted_end, start):
                        converted_end = end
                        continue  # "$9.4bn (261bn roubles": the same amount
                elif scaled and _CONVERTED_AFTER.match(text, amount_end):
                    kind = "money"  # "400m pesos ($136m)": named by its currency's word
        if is_word and not scaled and (
            kind not in ("count", "duration", "multiplier")
            or (kind == "count" and unit in _PERSONS and not share and not toll_verb and not (
                leading and _toll_in_clause(text, end)
            ))
        ):
            continue  # "the five men bore responsibility"; not "three people ... died" or
            # "killed five soldiers"
        if kind == "duration" and _OLD_AFTER.match(text, end):
            continue  # "18 to 24 years old"
        if kind == "duration" and unit in _LONG_SPANS and _RECORD_IN.search(
            text, max(0, start - 40), start
        ):
            continue  # "its lowest level in three years": how long since, not a measure
        if kind == "duration" and not leading and (
            _AGE_GAP.match(text, end)
            or (text[end - 1 : end] != "s" and _NAMED_SPAN.match(text, end))
            or _inside(quoted_starts, quoted_ends, m.start())
            or _TIME_FRAME.search(text, max(0, start - 24), start)
            or (unit in _LONG_SPANS and _FIRST_IN.search(text, max(0, start - 40), start))
        ):
            continue
        if kind == "duration" and _no_measure(text, start, end, unit, start < headline_end):
            continue
        if kind == "count" and _titled(text, amount_end, end):
            continue  # "Henry Fonda in 12 Angry Men (1957)": a film's title
        if kind == "count" and (
            (unit in _LIST_NOUNS and value < 100)
            or (unit in _DISTANCES and not leading and _shot_distance(text, start, end))
        ):
            continue
        woven = (
            _woven(text, quoted_starts, quoted_ends, m.start())
            if kind in ("money", "percent") and not leading
            else -1
        )
        if not leading and _inside(quoted_starts, quoted_ends, m.start()) and woven < 0:
            continue  # "I'm sure the 60 metres will be one of the races": the speaker's
        tally = _TALLY_AFTER.match(text, end) if kind == "count" and unit in _GAME_UNITS else None
        if tally:
            consumed = tally.end()  # "in 276 games" is the tally's, no figure of its own
        if (
            kind == "count"
            and unit in _GAME_UNITS
            and not leading
            and not _RUN_BEFORE.search(text, max(0, start - 40), start)
            and not tally
        ):
            continue  # "nine match points", "three goals": the game's, not the story's; not
            # "extended their unbeaten run to 22 games", a record
        if is_word and not scaled and kind == "count" and unit not in _COUNT_NOUNS and not leading \
                and not part_of:
            continue  # "two venues", "three brothers": things in the story, not its figures (a
            # share of a whole is: "lost eight of their last 13 matches")
        if (
            is_word
            and not scaled  # "the one million seafarers at sea": a figure
            and kind == "count"
            and m.start() >= headline_end
            and _THE_BEFORE.search(before)
            and _bare_noun_after(text, m.end(), end)
        ):
            continue  # "the two companies": the ones the story named
        qualifier = _QUALIFIERS.search(text[max(0, start - 20) : start])
        if kind in ("count", "duration"):
            if not qualifier and not scaled and _YEAR.fullmatch(token):
                continue  # "the 2004 tour", "2005 campaign"
            if kind == "count" and value == int(value) and any(
                m.group(1) == str(int(value))
                for m in _LETTERED_NUMBER.finditer(text[max(0, start - 40) : start])
            ):
                continue  # "the G7 meeting of seven leading nations": the name spelled out
            if _TIME_PLACE.match(text, end):
                continue
        smaller = unit
        while kind == "duration" and smaller in _SPAN_UNITS and (
            larger := _LARGER_UNIT_BEFORE.search(text, max(0, start - 30), start)
        ) and _SPAN_UNITS.index(_span_unit(larger.group(2))) > _SPAN_UNITS.index(smaller):
            # "four minutes 14.74 seconds", "two hours, 23 minutes and 10 seconds": one span,
            # given by its largest unit ("two hours" is no figure of its own)
            smaller, start = _span_unit(larger.group(2)), larger.start()
            value, unit = parse_number(larger.group(1)), smaller
            found = [f for f in found if f.start != start]
        if qualifier:
            start -= len(qualifier.group())
        if proportion:
            start -= len(before) - proportion.start()
        toll_phrase = kind == "count" and unit == "people" and toll_verb and end == amount_end
        if toll_phrase:
            start = toll_verb.start()  # "killed 50": the verb says what the number counts
        elif died:
            start = died.start()  # "died aged 93"
        elif unit == "majority" and (held := _MAJORITY_BEFORE.search(text, max(0, start - 40),
                                                                     start)):
            start = held.start()  # "majority was reduced to 14"
        if kind in ("money", "count", "percent"):
            # After its currency's name too, known or not: "16,666,000 pesos (about $1.2m)";
            # after a share, the same change in money: "sank 14.87% - or $1.83".
            money_end, converted_end = end, -1
        # ranked as the lead's: the paragraph after a lead that gives no figure ("A group of MPs
        # has tried to raise the pressure ...¶ ... in which 70% of members would be elected")
        bonus = _bonus(text, blocks[block] if block >= 0 else None, m.start(), end, kind, unit,
                       value, place, leading)
        if block == after_lead and not lead_counted and bonus > _OUT:
            bonus += _LEAD_BONUS
        elif kind == "percent" and not leading and shares_story and _SHARE_MOVE_BEFORE.search(
            text, max(0, m.start() - 90), m.start()
        ):
            bonus += _LEAD_BONUS  # "Krispy Kreme shares hit": "Shares in Krispy Kreme sank 14.87%"
        if (
            kind == "count"
            and unit in _SAMPLED_UNITS
            and (_SAMPLE_BEFORE.search(text, max(0, start - 40), start)
                 or _SAMPLE_AFTER.match(text, end))
        ):
            bonus -= 8.0
        bracketed = text[start - 1 : start] == "(" and text[end : end + 1] == ")"
        if bracketed and unit in (None, "%") and _restates(found, text, start, value, kind):
            continue  # "Suez owns 40% of Aguas Argentinas (39.9%)": the same share, exactly
        if m.start() >= headline_end and bracketed and unit in (None, "%"):
            # "Fewer Americans (38%) say": the words before the brackets say what it counts.
            start, end = _extend_left(text, start - 1, 3), end + 1
        elif m.start() >= headline_end:
            words_left = 3 if kind in ("money", "percent", "multiplier") or (
                kind == "count" and _OF_BEFORE.search(text, max(0, start - 30), start)
            ) else 1 if milestone else 0  # "market expectations of 190,000 new jobs"
            if kind in ("duration", "count") and words_left == 0 and not toll_phrase and \
                    form == "raw":
                # "four years" says nothing alone: "suspended for three years", "firms added
                # only 146,000 jobs", "Ethiopia produced 14.27 million tonnes"
                start = _clause_words(text, start)
            if kind == "money" and _SAYS_WHAT.match(text, end) and _PREPOSITION_BEFORE.search(
                text, max(0, start - 6), start
            ):
                words_left = 0  # "the sale of Yuganskneftegas for $20bn in damages"
            start = _extend_left(text, start, words_left)
            # Four words after the number at most, its unit's words included; the rest of its
            # clause when that ends within eight ("running 1.45bn euros over budget").
            taken = len(text[amount_end:end].replace("%", "").split())  # "%" is no word
            right = max(0, 4 - taken)
            whole = _to_clause_end(text, end, length)
            if whole is not None and taken + whole <= _CLAUSE_REST:
                right = max(right, whole)
            end = _extend_right(text, end, length, 0 if toll_phrase or milestone else right)
        elif kind in ("money", "percent") and unit in (None, "%"):
            end = _headline_noun(text, end, headline_end)
        if m.start() >= headline_end and not bracketed and form == "raw":
            subject = subject_start(text, start)
            start = _named_subject(text, start, end, owners) if subject == start else subject
        start = max(start, woven)  # "hopes to increase productivity "by nearly 30%""
        if text[end : end + 1] in ("”", '"') and _open_quote(text[start:end]):
            end += 1  # "1,500 “safety whistleblowers”": the unit's quotation closed
        figure = Figure(
            text=text[start:end].strip().lstrip("\"“”'‘’`").strip(),
            value=_whole(value),
            unit=unit,
            currency=currency,
            upper=_whole(upper) if upper is not None else None,
        )
        if bonus <= _OUT:
            continue
        background = (
            block == closing
            and not _toll(text, m.start(), end, kind, unit)
            and _background(text, blocks[block].start, story)
            and _background(text, m.start(), story)
        )
        led = led or leading
        lead_counted = lead_counted or block == lead
        found.append(_Found(figure, kind, m.start(), end, start, bonus, background))
    if led:
        # A story that leads with figures goes on with them: its closing ones are its own.
        found = [dataclasses.replace(f, background=False) for f in found]
    return _rank(found, text, limit, headline_end, owners)


def _named_subject(text: str, start: int, end: int, owners: Owners) -> int:
    """Where a figure's phrase starts when its clause's subject is "he" or "she" the text says
    who is ("he sought £5,000": "Robert Napier sought £5,000"), else ``start``; not after another
    figure's words in the clause ("59 percent of respondents thought he was a “strong leader,”
    compared with just 38 percent": the clause's first figure carries it)."""
    named = subject_start(text, start, person=True)
    if named == start or owners.named(text[named:end], named) == text[named:end]:
        return start
    clause = max(text.rfind(b, 0, named) for b in _CLAUSE_BREAKS)
    return start if _DIGIT.search(text, clause + 1, named) else named


def _no_measure(text: str, start: int, end: int, unit: str | None, in_headline: bool) -> bool:
    """Whether a span of time places an event or frames the story rather than measures
    something: "two hours before Mr Blair speaks" (outside the headline, which shows a span for
    its news: "captured 19 days after zoo escape"), "For five days, they will discuss", a
    clip's length ("in under 90 seconds", "a 30-second video")."""
    before = text[max(0, start - 40) : start]
    qualifier = _QUALIFIERS.search(before)
    lead_in = before[: qualifier.start()] if qualifier else before
    if (
        not in_headline
        and _PLACED_AFTER.match(text, end)
        and not _MEASURED_BEFORE.search(lead_in)
    ):
        return True
    if text[end : end + 1] == "," and _FRAME_OPENS.search(lead_in):
        return True
    return unit in ("seconds", "minutes") and bool(
        _CLIP_BEFORE.search(before) or _CLIP_AFTER.match(text, end)
    )


def _titled(text: str, at: int, end: int) -> bool:
    """Whether the words from ``at`` to the counted noun at ``end`` are a work's title: all
    capitalized and dated in brackets after it ("12 Angry Men (1957)")."""
    taken = text[at:end].split()
    return (
        bool(taken)
        and all(word[:1].isupper() for word in taken)
        and _TITLE_YEAR.match(text, end) is not None
    )


def _shot_distance(text: str, start: int, end: int) -> bool:
    """Whether a distance is where a shot came from: "wide from 10 yards", "20 yards out"."""
    return bool(_SHOT_FROM.search(text, max(0, start - 6), start) or _SHOT_OUT.match(text, end))


def _headline_noun(text: str, end: int, headline_end: int) -> int:
    """Where the words after an amount in the headline that say what it is end: up to three
    lowercase nouns and adjectives, to the last noun ("$1b share price collapse", "£4.4m
    fine"; "$9bn at auction" stays "$9bn")."""
    best = cursor = end
    for _ in range(3):
        m = _HEADLINE_WORD.match(text, cursor, headline_end)
        if not m or m.group(1) in _DANGLING:
            break
        word = m.group(1)
        if is_noun(word):
            best = m.end()
        elif not is_adjective(word):
            break
        cursor = m.end()
    return best


def _restates(found: list[_Found], text: str, start: int, value: float, kind: str) -> bool:
    """Whether a bracketed figure at ``start`` restates the figure just before it, in the same
    sentence: about as large ("40% of Aguas Argentinas (39.9%)"), or in another currency
    ("£99 in the UK (149 euros)")."""
    if not found:
        return False
    last = found[-1]
    return (
        start - last.end < 40
        and (
            (kind == "money" and last.kind == "money")
            or abs(float(last.figure.value) - value) <= 0.1 * max(abs(value), 1.0)
        )
        and not _STOP_SENTENCE.search(text, last.end, start)
    )


def _converts(text: str, money_end: int, converted_end: int, start: int) -> bool:
    """Whether the amount at ``start`` gives the last amount in another currency: right after
    it ("$4m (£2.13m)", "$4m, or about £2m") or after another conversion of it ("$9.4bn (261bn
    roubles, £4.8bn)")."""
    if money_end >= 0 and _CONVERSION_GAP.fullmatch(text, money_end, start):
        return True
    return converted_end >= 0 and bool(
        _NEXT_CONVERSION.fullmatch(text, converted_end, start)
        # "$3.8m to $4.9m (£2m to £2.6m)": the top of a range in the brackets still open
        or (_RANGE_TOP.fullmatch(text, converted_end, start)
            and text.count("(", money_end, start) > text.count(")", money_end, start))
    )


def _toll_in_clause(text: str, end: int) -> bool:
    """Whether the clause after a count of people says they died, were hurt or were held
    ("At least three people from Scotland died in the tsunami")."""
    stop = _STOP.search(text, end, min(len(text), end + 80))
    return bool(_TOLL.search(text, end, stop.start() if stop else min(len(text), end + 80)))


def _bare_noun_after(text: str, at: int, end: int) -> bool:
    """Whether the unit that ends at ``end`` is the one word right after ``at``."""
    word = _WORD.match(text, at)
    return bool(word) and word.end() == end


def _is_score(text: str, start: int) -> int:
    """Where the points game's score at ``start`` ends, or 0 when there is none: the clause
    names a result near it ("victory", "beat France 24-18") or the score stands between the
    two sides ("Chiefs 40-7 Wales")."""
    tally = _POINTS_SCORE.match(text, start)
    if not tally:
        return 0
    end = tally.end()
    if _RESULT.search(text, max(0, start - 40), min(len(text), end + 20)) or (
        _SIDES.search(text, max(0, start - 30), start) and _SIDE_AFTER.match(text, end)
    ):
        return end
    return 0


def _score(text: str, start: int, end: int, value: float, headline_end: int,
           length: int) -> _Found:
    """A game's score as a figure, worth the winner's tally, with the words that say whose."""
    left, right = start, end
    if start >= headline_end:
        left = _extend_left(text, start, 2)
        right = _extend_right(text, end, length, 2)
    figure = Figure(text=text[left:right].strip(" •"), value=_whole(value), unit="points")
    return _Found(figure, "score", start, right, left, 3.0)


def _percent_range(text: str, end: int, value: float) -> tuple[float, int] | None:
    """The upper bound and end of a range of percentages that starts at ``end``, if one does."""
    rng = _RANGE_AFTER.match(text, end)
    second = _NUMBER.match(text, rng.end()) if rng else None
    if not second or second.group()[0].isalpha():
        return None
    pct = _PERCENT_AFTER.match(text, second.end())
    upper = parse_number(second.group())
    return (upper, pct.end()) if pct and upper > value else None


def _stems(text: str) -> set[str]:
    return {
        w.lower().removesuffix("s")[:_STEM]
        for w in _CONTENT_WORD.findall(text)
        if w.lower() not in _COMMON_WORDS
    }


def _story_words(text: str, lead: Paragraph) -> frozenset[str]:
    """The stems of the headline's and the lead's words: what the story is about."""
    return frozenset(_stems(text[: lead.end]))


def _background(text: str, at: int, story: frozenset[str]) -> bool:
    """Whether the sentence at ``at`` shares no word with the headline or the lead: in the
    closing paragraph, when its first sentence does not either, it is background to the story
    ("Delta has said it needs to cut 6,000 jobs" closing a story about a fired blogger)."""
    if not story:
        return False
    start = max(text.rfind(". ", 0, at), text.rfind("\n", 0, at)) + 1
    stop = _STOP_SENTENCE.search(text, at)
    return not _stems(text[start : stop.start() if stop else len(text)]) & story


def _toll(text: str, start: int, end: int, kind: str, unit: str | None) -> bool:
    """Whether a count is of people killed, hurt or driven out ("at least 44,056 people had been
    killed"): a toll is the story's news wherever it stands, never background."""
    return kind == "count" and unit in _PEOPLE_UNITS and bool(
        _TOLL.search(text, max(0, start - 60), min(len(text), end + 40)))


def _woven(text: str, starts: list[int], ends: list[int], at: int) -> int:
    """Where the quotation around ``at`` starts when it opens inside the writer's own sentence,
    after a lowercase word that is no verb of speech ("controlling “over 80 percent of the
    listings”"): its words carry the story's figure, not a speaker's aside. -1 otherwise."""
    i = bisect.bisect_right(starts, at) - 1
    if i < 0 or at >= ends[i]:
        return -1
    m = _WOVEN_BEFORE.search(text, max(0, starts[i] - 30), starts[i])
    return starts[i] if m and m.group(1) not in _SPEECH_VERBS else -1


def _inside(starts: list[int], ends: list[int], at: int) -> bool:
    """Whether ``at`` lies inside one of the sorted spans."""
    i = bisect.bisect_right(starts, at) - 1
    return i >= 0 and at < ends[i]


_SHARE_AFTER = re.compile(r"\s?(?:%|per\s?cent\b|percent\b)")
"""A share after a number: "Labour 40%" opening a sentence is a result, not a model's name."""


def _in_name(text: str, start: int, token: str) -> bool:
    """Whether the number at ``start`` is part of a name: "Falcon 9", "Model 3", "#222", or a
    capitalized number word inside a sentence ("Six Nations")."""
    before = text[max(0, start - 30) : start]
    m = _NAME_BEFORE.search(before)
    if m and (m.group(1) is None or not _OPENS_SENTENCE.search(before[: m.start()])):
        return True
    if (
        m
        and token[0].isdigit()
        and not _SHARE_AFTER.match(text, start + len(token))
        and m.group(1).lower() not in _OPENERS
        and not _QUALIFIERS.search(m.group(1) + " ")
        and _named_elsewhere(text, m.group(1))
    ):
        return True  # "Commodore 64 enthusiasts" opening a sentence, after "the Commodore name"
    if token[0].isupper() and re.search(r"[A-Z][\w-]*['’]s\s+$", before):
        return True  # "Ocean's Twelve", a title
    return (
        token[0].isupper()
        and not _OPENS_SENTENCE.search(before)
        and text[start + len(token) : start + len(token) + 2].strip()[:1].isupper()
    )


def _named_elsewhere(text: str, word: str) -> bool:
    """Whether ``word`` is written capitalized inside a sentence somewhere in the text, after a
    lowercase word: a name, not a word capitalized for opening its sentence."""
    return re.search(rf"\b[a-z][\w'’]*,?\s+{re.escape(word)}\b", text) is not None


def _bonus(
    text: str,
    block: Paragraph | None,
    at: int,
    end: int,
    kind: str,
    unit: str | None,
    value: float,
    place: Furniture | None,
    leading: bool,
) -> float:
    """What makes a figure news beyond its kind: standing in the headline or the lead, counting
    the dead or the people affected; what makes it less: a photo caption, a game's score or
    clock."""
    bonus = 0.0
    if place is Furniture.CAPTION:
        bonus -= 20.0
    if leading:
        bonus += _LEAD_BONUS
    if kind == "count":
        low = block.start if block else 0
        high = block.end if block else len(text)
        if _TOLL.search(text, max(low, at - 80), min(high, end + 60)):
            bonus += 2.0 + 0.5 * math.log10(max(value, 1.0))
        elif (
            value < 10 and text[at : at + 1].isalpha() and unit not in _PEOPLE_UNITS
            and not _OPENS_SENTENCE.search(text, max(0, at - 3), at)
        ):
            bonus -= _FEW_THINGS  # "delays to two album releases": below "sunk by 16%"
        if unit in _PEOPLE_UNITS:
            bonus += 1.0
        if unit in _GAME_UNITS:
            bonus -= 2.0
    if unit in _SPEC_UNITS:
        bonus -= 1.5  # "a 120GB hard drive": a product's specification, below its price
    if kind == "duration" and _SENTENCED_BEFORE.search(text, max(0, at - 40), at):
        bonus += 2.0  # "jailed for 14 years": a legal story's news, as a toll is a disaster's
    if kind == "duration" and _TIME_FRAME.search(text, max(0, at - 30), at):
        bonus -= _LEAD_BONUS  # "over the next two years": in the lead, the span the news is
        # framed in ranks below it (elsewhere it is no figure)
    if kind == "duration" and unit in ("minutes", "seconds"):
        bonus -= 1.0
        if not leading and float(value).is_integer() and not _LARGER_UNIT_BEFORE.search(
            text, max(0, at - 30), at
        ):
            return _OUT  # "45 minutes United had looked": a game's clock (not "7.96 seconds",
            # nor "two hours and 40 minutes")
    return bonus


def _extend_left(text: str, start: int, words: int) -> int:
    """Up to ``words`` words before the figure, in its clause and its paragraph, from a
    determiner among them when there is one (not from the verb before it), and not from a
    preposition, pronoun or auxiliary that leads up to them ("is now processing $2 billion" is
    "now processing $2 billion", "of storage for $99" is "storage for $99")."""
    return _past_leading(text, _left_words(text, start, words), start)


def _past_leading(text: str, left: int, start: int) -> int:
    """Where the phrase starts past the words that lead up to it. The last word before the
    number stays ("is 40%" is no phrase without "is"), but "that" there joins a clause to the
    verb before it ("found that 90% of PCs are infested")."""
    while left < start:
        m = _FIRST_WORD.match(text, left, start)
        word = m.group(1).lower() if m else ""
        if not m or word not in LEADING or (m.end() >= start and word != "that"):
            break
        left = m.end()
    return left


_APPROXIMATELY = words("almost nearly about around some just only over roughly approximately")


def _clause_words(text: str, start: int) -> int:
    """Where the phrase of a count or a span starts: up to three words before it in its own
    clause, from after a verb of saying, a clause's opener (and "since", which after a figure
    counts from a time: "20 years since that day") or another number ("Police said 3 mayors" is
    "3 mayors"), when they add more than a preposition or an article ("to 400,000 units" is
    "400,000 units")."""
    left = base = _extend_left(text, start, 3)
    verb = False  # whether a verb came before, whose words the figure's modifier goes on
    for m in re.finditer(r"\S+", text[base:start]):
        word = m.group().lower()
        if word in SAYING or word in _CLAUSE_OPENERS or word == "since" or word in DATE_WORDS or \
                m.group() in NOW_WORDS or any(c.isdigit() for c in word):
            # nor from another figure ("1998 with 46 states") or the day of a verb of saying
            # ("said Thursday at least 44,056 people had been killed")
            left, verb = base + m.end(), False
        elif word in _APPROXIMATELY and not verb:
            # "During the same period almost 5,000 laptops": the phrase opens at "almost";
            # not "firms added only 146,000 jobs"
            left = base + m.start()
        elif reads_as_verb(m.group()) or is_inflected_verb(word):
            verb = True
    opening = text[start:].split(None, 1)[:1]
    if not verb and opening and opening[0].lower() in _APPROXIMATELY:
        return start  # "almost 5,000 laptops" after "During the same period"
    left = _past_leading(text, left, start)
    added = text[left:start].split()
    return left if any(w.lower() not in _DANGLING for w in added) else start


def _left_words(text: str, start: int, words: int) -> int:
    starts = [start]
    for _ in range(words):
        m = _LEFT_WORD.search(text[max(0, start - 40) : start])
        if not m or _CLAUSE_EDGE.search(m.group(1)) or "\n" in m.group():
            break
        if m.group(1).lower() in _CONJUNCTIONS:
            break  # "But only 40% think": the conjunction joins the clause, not the figure
        start -= len(m.group())
        starts.append(start)
        word = m.group(1).lower()
        if word in _PHRASE_STARTS:
            # "a $900m" reads better as "$900m"; "the UK's £3bn rebate" keeps its "the".
            return starts[0] if len(starts) == 2 and word in ("a", "an") else start
    return starts[-1]


def _extend_right(text: str, end: int, length: int, words: int = 4) -> int:
    """Where a figure's phrase ends: up to ``words`` words after the number in its clause, not
    on a word that leads to the words cut ("30GB version has also", "in the last"). A short
    bracket right after the number is read past when the clause goes on after it ("funds worth
    up to $120m (£64m) went missing")."""
    bracket = _BRACKET_AFTER.match(text, end)
    if bracket:
        # not into another clause: "bought the unit for $9.3bn (£5bn) after Yukos was forced"
        following = _RIGHT_WORD.match(text, bracket.end())
        if following and following.group().strip().lower() in SUBORDINATORS:
            return end
        after = _extend_right(text, bracket.end(), length, words)
        return after if after > bracket.end() else end
    best = _reach_right(text, end, length, words)
    # "30GB version has also", "75% of respondents thought": what comes next is cut; the
    # phrase ends before the words that lead up to it
    trimmed = best
    while trimmed > end and _last_word(text, trimmed).lower() in _NO_END:
        trimmed = len(text[:trimmed].rstrip().rsplit(None, 1)[0])
        while trimmed > end and _last_word(text, trimmed).lower() in _DANGLING:
            trimmed = len(text[:trimmed].rstrip().rsplit(None, 1)[0])
    if trimmed == end and text[:end].rstrip().endswith("%") and \
            _last_word(text, best).lower() not in _BEFORE_NOUN:
        return best  # "47% said" says more than "47%"
    return trimmed


_CLAUSE_REST = 8  # words after a number that may end its clause in a figure's phrase
_BRACKET_AFTER = re.compile(r" ?\([^()\n]{1,25}\)")


def _to_clause_end(text: str, end: int, length: int) -> int | None:
    """How many words after ``end`` its clause ends (at a stop or a word opening another
    clause), or None when that is more than ``_CLAUSE_REST`` words away."""
    stop = _STOP.search(text, end, min(length, end + 120))
    limit = stop.start() if stop else min(length, end + 120)
    count, cursor = 0, end
    while count <= _CLAUSE_REST:
        m = _RIGHT_WORD.match(text, cursor, limit)
        if not m or m.group().strip().lower() in _CLAUSE_OPENERS:
            return count if (m or stop) else None
        count, cursor = count + 1, m.end()
    return None


def _reach_right(text: str, end: int, length: int, words: int) -> int:
    stop = _STOP.search(text, end, min(length, end + 80))
    limit = stop.start() if stop else min(length, end + 80)
    cursor = best = end
    previous = ""
    clean = end  # the end of the last word a dangling word follows: a phrase may stop there
    for _ in range(words):
        m = _RIGHT_WORD.match(text, cursor, limit)
        if not m:
            break
        word = m.group().strip().lower()
        if word in _CLAUSE_OPENERS and not (word == "that" and previous in _DANGLING):
            break  # "since that day": there "that" is the day's
        if word == "compared":
            break  # "18Mbps compared with": what it is set against is no part of it
        if word == "as" and _as_opens_clause(text, m.start(), m.end()):
            break  # "fell 93% as research costs rose", "rise by £1,400 as part of"
        if word in SUBJECTS or _another_subjects_verb(m.group().strip()):
            # "£120,000 as he put", "a poll of 1,313 people suggests": a clause of its own
            # starts; the phrase ends on the figure's last word before it, not on a word that
            # joins the clauses ("the £178m schedule also includes").
            if best > end and _last_word(text, best).lower() in _JOINING_ADVERBS:
                best = len(text[:best].rstrip().rsplit(None, 1)[0])
            break
        if word in _DANGLING and previous not in _DANGLING:
            clean = cursor
        previous = word
        if word not in _DANGLING and any(c.isalnum() for c in word):
            best = m.end()
        cursor = m.end()
    else:
        following = _RIGHT_WORD.match(text, cursor, limit)
        if (
            previous in _BE
            and text[best:cursor].split() == [previous]
            and not (previous in ("is", "was") and _last_word(text, best).endswith("s"))
            and following
            and _participle(following.group())
            and not _COMPLEMENT_AFTER.match(text, following.end())
        ):
            # "90% of PCs are" before "infested": the figure is the subject, and its verb says
            # what of it (not "were fed" before "up", "are suspected" before "of", nor "10
            # disasters was compiled", where the verb is another subject's).
            return following.end()
        verb = None
        if previous in _BE and text[best:cursor].split() == [previous]:
            verb = cursor  # "23% of the population are" before "65 or older"
        elif best == cursor and following and following.group().strip().lower() in _BE:
            verb = following.end()
        if verb is not None and words and " of " in text[end:best]:
            # a share of a whole says what is true of it: "23% of the population are 65 or
            # older", "70% of local businesses were no worse off"; not the verb alone
            said = _extend_right(text, verb, length, 3)
            if said > verb:
                return said
        tail = [w.lower() for w in text[:best].split()[-2:]]
        if words and best == cursor and following and len(tail) == 2 and \
                tail[0] in _DANGLING and tail[1] in _RELATIONAL and \
                following.group().strip().lower() in ("of", "to"):
            return clean  # "fall to 4% by the end" before "of the year", "in order" before "to"
        if words and best == cursor and following and \
                _cut_before(previous, following.group().strip()):
            # Cut short before the noun its last word leads to ("3 mayors arrested in southern"
            # before "Turkey", "Seventy scholars sign letter imploring" before "president"): end
            # where the phrase can stop, before its last preposition or at the figure's words.
            return clean
    if best > end and text[best - 1 : best].isalpha():
        after = _RIGHT_WORD.match(text, best, limit)
        if after and after.group().strip()[:1].isupper() and _last_word(text, best)[:1].isupper():
            # A name cut short ("from the European"): end before the name, not inside it.
            return _extend_right(text, end, length, _words_before_name(text, end, best))
    if best > end and _last_word(text, best).endswith(("'s", "’s")):
        owned = _owned_after(text, best, limit)
        if owned:
            return owned  # "6.7% of Circuit City's shares", not "... Circuit City's"
    last = _last_word(text, best)
    if (
        best > end
        and _TO_AFTER.match(text, best)
        and last.lower() not in _PARTICLES
        and _needs_complement(last)
    ):
        # "500 largest companies scheduled" before "to attend", "18-month period due" before
        # "to": the last word's own phrase is cut, and the noun before it stands alone.
        previous_end = len(text[:best].rstrip().rsplit(None, 1)[0])
        if previous_end >= end and _is_head_noun(_last_word(text, previous_end)):
            return previous_end
    return best


# Words a phrase cut short must not end on: an adverb before the verb it leads to, a verb of
# thinking or saying before what is thought or said, a determiner before its noun ("fell 0.5%
# in the last" before "quarter", "a net loss of 472bn yen in its current" before "year").
_BEFORE_NOUN = words("last next current some such most")
_NO_END = words("also still already just thought think thinks believe believed believes said "
                "says say") | _BEFORE_NOUN
# Nouns that say nothing without what they are of: "by the end", "in order".
_RELATIONAL = words("end start beginning middle rest order wake course height turn close")
# "four times as fast", "as much as", "such as", "as well": "as" in a comparison or a set phrase.
_AS_BEFORE = words("times twice such half")
_AS_AFTER = words("well much many long far soon good high low fast often big large likely")


def _as_opens_clause(text: str, at: int, after: int) -> bool:
    """Whether "as" (from ``at`` to ``after``) after a figure opens a clause or a phrase of its
    own ("as research costs rose", "as part of") rather than a comparison ("four times as
    fast") or a set phrase ("such as", "as well")."""
    following = _RIGHT_WORD.match(text, after)
    word = following.group().strip().strip(".,;:!?") if following else ""
    # "five years as CEO": a post the figure is of
    return _last_word(text, at).lower() not in _AS_BEFORE and word.lower() not in _AS_AFTER and (
        not word[:1].isupper()
    )

_JOINING_ADVERBS = words("also so then thus still")


def _another_subjects_verb(word: str) -> bool:
    """Whether ``word``, in lowercase, can only be a lexical verb's "-s" form ("suggests"): after
    a figure's words it is the verb of the sentence's subject ("a poll of 1,300 bosses
    suggests"), not part of the figure's phrase. "is", "has" and "was" are left to the rule
    for a figure that is its sentence's subject ("90% of PCs are infested")."""
    from lemminflect import getAllLemmas  # loaded on the first long phrase

    if not word.endswith("s") or not word.isalpha() or not word.islower() or word in _DANGLING:
        return False  # "Revolution Bars": a name
    readings = getAllLemmas(word)
    return "NOUN" not in readings and "ADJ" not in readings and any(
        lemma != word for lemma in readings.get("VERB", ()))


def _participle(word: str) -> bool:
    """Whether ``word`` is a verb's past participle in "-ed" ("infested", "affected")."""
    from lemminflect import getAllLemmas  # loaded on the first long phrase

    word = word.strip().lower()
    return word.endswith("ed") and "VERB" in getAllLemmas(word)


def _owned_after(text: str, at: int, limit: int, words: int = 3) -> int:
    """Where the phrase ends on what an owner at its end owns: the first noun in up to
    ``words`` words after ``at`` ("the club's shares", "this year's awards"), or 0."""
    cursor = at
    for _ in range(words):
        m = _RIGHT_WORD.match(text, cursor, limit)
        if not m:
            return 0
        word = m.group().strip()
        if not word[:1].isalpha():
            return 0
        if is_noun(word.strip(".,;:!?\"”’)")) and not is_adjective(word):
            return m.end()
        cursor = m.end()
    return 0


def _span_unit(word: str) -> str:
    """A unit of a span of time as the figures name it: "hour" and "hours" are "hours"."""
    word = word.lower()
    return _DURATION_NOUNS.get(word, word + "s")


def _is_head_noun(word: str) -> bool:
    """Whether a phrase may end on ``word``: a noun or a name, not "are" or "previously"."""
    word = word.strip(".,;:!?\"”’)")
    return word.lower() not in _DANGLING and (is_noun(word) or word[:1].isupper())


def _needs_complement(word: str) -> bool:
    """Whether a word after a noun is a verb's form or an adjective, no noun ("scheduled",
    "due", "expected"): it opens a phrase of its own that the cut leaves without its object."""
    from lemminflect import getAllLemmas  # loaded on the first long phrase

    readings = getAllLemmas(word.lower().strip(".,;:!?\"”’)"))
    return bool(readings) and ("NOUN" not in readings or "ADJ" in readings)


def _cut_before(last: str, following: str) -> bool:
    """Whether a phrase ending on ``last`` (lowercased) is cut before the noun it leads to:
    ``last`` can be an adjective, or no noun (a verb's form, an adverb: "southern",
    "imploring"), and ``following`` is a name or can be a noun. "of those polled believe" ends
    well: "believe" is no noun."""
    if not last.isalpha() or following.lower() in _DANGLING:
        return False
    from lemminflect import getAllLemmas  # loaded on the first long phrase

    readings = getAllLemmas(last)
    word = following.rstrip(".,;:!?\"”’)")
    # a number opens a noun's phrase too: "over the past" before "10 years"
    noun_next = word[:1].isupper() or word[:1].isdigit() or "NOUN" in getAllLemmas(word.lower())
    # An adjective before a noun is cut from it even when it can be a noun ("rebuild black
    # churches", "a personal connection").
    return noun_next and ("NOUN" not in readings or "ADJ" in readings)


def _last_word(text: str, end: int) -> str:
    return text[:end].rsplit(None, 1)[-1]


def _words_before_name(text: str, end: int, best: int) -> int:
    """How many words after ``end`` come before the run of capitalized words ending at
    ``best``."""
    taken = text[end:best].split()
    count = len(taken)
    while count and taken[count - 1][:1].isupper():
        count -= 1
    return count


_ROUNDING = 0.05  # how far a headline's round figure may be from the text's exact one


def _exact(item: _Found, found: list[_Found], headline_end: int) -> _Found:
    """A headline figure as the closest figure of the text it rounds: of the same kind, unit
    and currency, within 5% of the text's value and written with more significant digits;
    else the figure itself (also when the text gives the headline's value as it is)."""
    value = item.figure.value
    same = [
        other for other in found
        if other.start >= headline_end
        and (other.kind, other.figure.unit, other.figure.currency)
        == (item.kind, item.figure.unit, item.figure.currency)
    ]
    if any(other.figure.value == value for other in same):
        return item
    rounded = [
        other for other in same
        if abs(other.figure.value - value) <= _ROUNDING * abs(other.figure.value)
        and _digits(other.figure.value) > _digits(value)
    ]
    if not rounded:
        return item
    closest = min(rounded, key=lambda other: abs(other.figure.value - value))
    return dataclasses.replace(item, figure=closest.figure)


def _digits(value: float) -> int:
    """Significant digits of a value: 28.3bn has 3, 28bn has 2."""
    return len(f"{abs(value):.12e}".split("e")[0].replace(".", "").rstrip("0"))


# A figure's phrase that only says what another figure is compared with: "from $639m", "down
# from 16.3%", "compared with 469".
_COMPARED = re.compile(r"(?:(?:up|down|rising|falling|increasing|decreasing|)\s*from|compared"
                       r"\s+(?:with|to)|against|versus)\s", re.IGNORECASE)
_COMPARED_GAP = 30  # words at most between the figure and the one it is compared with


def _compared_to(item: _Found, shown: list[_Found], text: str) -> int | None:
    """The index of the shown figure earlier in the same sentence that ``item``'s phrase only
    gives a comparison for, if there is one."""
    if not _COMPARED.match(text, item.left):
        return None
    earlier = [(o.end, i) for i, o in enumerate(shown) if o.end <= item.left]
    if not earlier:
        return None
    end, index = max(earlier)
    between = text[end : item.left]
    if re.search(r"[.!?]\s|\n", between) or len(between.split()) > _COMPARED_GAP:
        return None
    return index


def _rank(
    found: list[_Found], text: str, limit: int, headline_end: int, owners: Owners
) -> list[Figure]:
    def score(item: _Found) -> float:
        position = 1.0 - 0.5 * item.start / max(len(text), 1)
        size = min(len(str(int(abs(item.figure.value)))), 8) / 8
        return _KIND_WEIGHT[item.kind] * position + size + item.bonus

    # A headline's round figure is the text's exact one: "sues Russia for $28bn" is the
    # "$28.3bn" of the text, shown once, in the text's words.
    found = [_exact(item, found, headline_end) if item.start < headline_end else item
             for item in found]
    # One figure per value and kind: "2,850 staff" and "2,850 jobs" are the same figure.
    best: dict[tuple[object, ...], _Found] = {}
    for item in found:
        key = (item.figure.value, item.kind, item.figure.currency)
        if key not in best or score(item) > score(best[key]):
            best[key] = item
    # A headline's figure stands where the text gives it: "Adults must be paid at least £5.05
    # an hour, up from £4.85" holds the headline's "£5.05" too.
    in_body: dict[tuple[object, ...], _Found] = {}
    for item in found:
        if item.start >= headline_end:
            in_body.setdefault((item.figure.value, item.kind, item.figure.currency), item)

    def placed(item: _Found) -> _Found:
        if item.start >= headline_end:
            return item
        return in_body.get((item.figure.value, item.kind, item.figure.currency), item)

    # A figure inside a better one's phrase is shown there already: "rose 2% to $11.1bn"; a
    # better one inside a figure's phrase is shown with its words: "sales down 3.1% at 1.06
    # million" rather than "1.06 million" and that phrase again.
    shown: list[_Found] = []
    order = sorted(best.values(), key=score, reverse=True)
    # The figure a comparison is made with is read just before the comparison's figure, so
    # that the comparison joins its bullet even when its own value ranks higher: "net profits
    # of 1.33bn Australian dollars in 2004, up from A$246bn the year before" (a span of time is
    # no such figure: "for the three months to December, from $639m")
    for item in [i for i in order if _COMPARED.match(text, i.left)]:
        measures = [o for o in order if o.kind != "duration"]
        base = _compared_to(item, [placed(o) for o in measures], text)
        if (
            base is not None
            and order.index(measures[base]) > order.index(item)
            and not _COMPARED.match(text, measures[base].left)
        ):
            order.remove(measures[base])
            order.insert(order.index(item), measures[base])
    for item in order:
        outer = next((i for i, o in enumerate(shown)
                      if placed(o).left <= item.start < placed(o).end), None)
        if outer is not None:
            o = placed(shown[outer])
            if item.start < o.start and _SHARE_OF.match(text, item.start, o.start):
                # "Some 87% of the 1,000 adults quizzed": the share is the finding, shown in
                # its whole's words
                shown[outer] = dataclasses.replace(
                    item, figure=dataclasses.replace(item.figure, text=o.figure.text),
                    left=o.left, end=o.end)
            continue
        inner = next((i for i, o in enumerate(shown) if placed(o).start >= headline_end
                      and item.left <= placed(o).start < item.end), None)
        if inner is not None and item.start >= headline_end:
            o = placed(shown[inner])
            left, end = min(o.left, item.left), max(o.end, item.end)
            phrase = text[left:end].strip().lstrip("\"“”'‘’`").strip()
            # "87% of the 1,000 adults": the share is the finding, the whole its sample
            kept = item if _SHARE_OF.match(text, item.start, o.start) else o
            shown[inner] = dataclasses.replace(
                kept, figure=dataclasses.replace(kept.figure, text=phrase), left=left, end=end)
            continue
        overlap = next((i for i, o in enumerate(shown) if item.start >= headline_end
                        and placed(o).start >= headline_end
                        and placed(o).left < item.end and item.left < placed(o).end), None)
        if overlap is not None:
            # "at least 44,056 people had been killed" and "killed in more than 13 months of
            # war": phrases that share words are one
            o = placed(shown[overlap])
            left, end = min(o.left, item.left), max(o.end, item.end)
            phrase = text[left:end].strip().lstrip("\"“”'‘’`").strip()
            shown[overlap] = dataclasses.replace(
                o, figure=dataclasses.replace(o.figure, text=phrase), left=left, end=end)
            continue
        base = _compared_to(item, [placed(o) for o in shown], text)
        if base is not None:
            # "from $639m year-earlier" after "TimeWarner jumped 76% to $1.13bn (£600m) for the
            # three months to December,": what it is compared with goes with it
            o = placed(shown[base])
            phrase = text[o.left : item.end].strip()
            shown[base] = dataclasses.replace(
                o, figure=dataclasses.replace(o.figure, text=phrase), end=item.end)
            continue
        shown.append(item)
        if len(shown) == limit:  # the rest would not be shown: a long text's thousands
            break                # of figures cost no more than a short one's
    in_text = {
        (item.figure.value, item.kind, item.figure.currency): item
        for item in reversed(found)
        if item.start >= headline_end
    }
    # "He has been jailed for 19 weeks" is "Geoffrey Bennett has been jailed for 19 weeks"
    return [
        dataclasses.replace(shown_as.figure, text=owners.named(shown_as.figure.text, shown_as.left))
        if shown_as.start >= headline_end
        else shown_as.figure
        for shown_as in (
            in_text.get((item.figure.value, item.kind, item.figure.currency), item)
            if item.start < headline_end
            else item
            for item in shown[:limit]
            if not item.background
        )
    ]
