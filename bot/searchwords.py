"""The forms a search word is looked for in, and the words too common to search for. Pure.

Both full-text indexes stem words by rule (SQLite's FTS5 with Porter's stemmer, PostgreSQL's
``english`` configuration with Snowball's English one), and a rule leaves irregular forms
apart: "sued" stems to "su" but "sues" to "sue", "struck" is not "strike". So a search word is
looked for in every inflection of the nouns and verbs it is a form of (the ``lemminflect``
tables), one form per stem the index would make of it: the stemmer of the index's own
algorithm picks the forms that add something ("strike", "strikes" and "striking" are one
stem, "struck" another).

PostgreSQL's ``english`` configuration leaves common words out of its index ("the", "who",
"or"), so a search for them finds nothing there. ``STOP_WORDS`` is that list (PostgreSQL's
``tsearch_data/english.stop``, Snowball's English stop words) so that both databases leave
them out of a search alike and can say so.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from lemminflect import getAllInflections, getAllLemmas
from nltk.stem.porter import PorterStemmer
from nltk.stem.snowball import SnowballStemmer

__all__ = ["STOP_WORDS", "porter_stem", "snowball_stem", "word_forms"]

_ENGLISH_STOP = """
i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she
her hers herself it its itself they them their theirs themselves what which who whom this that
these those am is are was were be been being have has had having do does did doing a an the and
but if or because as until while of at by for with about against between into through during
before after above below to from up down in out on off over under again further then once here
there when where why how all any both each few more most other some such no nor not only own
same so than too very s t can will just don should now
"""
STOP_WORDS = frozenset(_ENGLISH_STOP.split())
"""The words PostgreSQL's ``english`` text search configuration does not index."""

_PARTS = ("VERB", "NOUN")
"""The parts of speech whose inflections a word is looked for in: "sued" is the verb "sue",
"mice" the noun "mouse"; adjectives ("better" and "good") are other words to a reader."""

porter_stem: Callable[[str], str] = PorterStemmer(PorterStemmer.MARTIN_EXTENSIONS).stem
"""SQLite FTS5's ``porter`` tokenizer as Python: the two agree on every word of the BBC
News corpus and on every inflection of them (39,267 words)."""
snowball_stem: Callable[[str], str] = SnowballStemmer("english").stem
"""PostgreSQL's ``english_stem`` as Python: the two agree on the same words, bar words that
mix letters and digits ("10secs"), which PostgreSQL does not stem and which have no forms."""


@lru_cache(maxsize=4096)
def word_forms(word: str, stem: Callable[[str], str]) -> tuple[str, ...]:
    """``word`` (lowercase), then its other inflections that ``stem`` makes another stem of,
    bar stop words: ("sued", "sue") by Porter's rule, where "suing" stems as "sued" does."""
    stems = {stem(word)}
    forms = [word]
    for part in _PARTS:
        for lemma in getAllLemmas(word, upos=part).get(part, ()):
            for inflections in getAllInflections(lemma, upos=part).values():
                for form in map(str.lower, inflections):
                    if form.isalpha() and form not in STOP_WORDS and stem(form) not in stems:
                        stems.add(stem(form))
                        forms.append(form)
    return tuple(forms)
