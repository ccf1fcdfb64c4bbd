"""Text normalisation for the public search, the same on SQLite and PostgreSQL: lower case,
accents folded, Italian Snowball stems, typo correction against the index vocabulary.

Scripts without word stems here (Arabic, Chinese, Cyrillic) are folded and kept whole, so that
the translated phrases of the phrase table match them as substrings."""

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

import snowballstemmer

_WORD = re.compile(r"\w+", re.UNICODE)
_LATIN = re.compile(r"^[a-z0-9]+$")

# Italian function words that carry no need (a short list on purpose: "non" stays, it matters
# in "non è più autonoma").
STOPWORDS = frozenset(
    [
        "a",
        "ad",
        "al",
        "allo",
        "ai",
        "agli",
        "all",
        "alla",
        "alle",
        "col",
        "con",
        "da",
        "dal",
        "dallo",
        "dai",
        "dagli",
        "dall",
        "dalla",
        "dalle",
        "di",
        "del",
        "dello",
        "dei",
        "degli",
        "dell",
        "della",
        "delle",
        "e",
        "ed",
        "i",
        "il",
        "in",
        "la",
        "le",
        "lo",
        "gli",
        "l",
        "nel",
        "nello",
        "nei",
        "negli",
        "nell",
        "nella",
        "nelle",
        "per",
        "su",
        "sul",
        "sullo",
        "sui",
        "sugli",
        "sull",
        "sulla",
        "sulle",
        "tra",
        "fra",
        "un",
        "uno",
        "una",
        "mi",
        "ti",
        "si",
        "ci",
        "vi",
        "ne",
        "che",
        "chi",
        "cui",
        "mio",
        "mia",
        "miei",
        "mie",
        "tuo",
        "tua",
        "suo",
        "sua",
        "nostro",
        "nostra",
        "vostro",
        "loro",
        "sono",
        "sei",
        "è",
        "siamo",
        "siete",
        "ho",
        "hai",
        "ha",
        "abbiamo",
        "avete",
        "hanno",
        "come",
        "cosa",
        "dove",
        "quando",
        "anche",
        "ma",
        "o",
        "se",
        "sempre",
        "molto",
        "più",
        "piu",
        "the",
        "of",
        "to",
        "and",
        "for",
        "my",
        "is",
        "are",
    ]
)

MAX_QUERY_CHARS = 300
MAX_TOKENS = 20


def fold(text: str) -> str:
    """Lower case without accents (à → a) and with apostrophes as spaces (l'asilo → l asilo)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("'", " ").replace("’", " "))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=1)
def _stemmer() -> "snowballstemmer.stemmer":
    return snowballstemmer.stemmer("italian")


@lru_cache(maxsize=20000)
def stem(word: str) -> str:
    if not _LATIN.match(word):
        return word
    return str(_stemmer().stemWord(word))


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text[:MAX_QUERY_CHARS]))[:MAX_TOKENS]


def stems(text: str, *, keep_stopwords: bool = False) -> list[str]:
    return [stem(w) for w in words(text) if keep_stopwords or w not in STOPWORDS]


def edit_distance(a: str, b: str, limit: int) -> int:
    """Damerau–Levenshtein distance (adjacent transpositions count one), stopping past `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


def typo_limit(word: str) -> int:
    """How many edits a word may carry: none below 4 letters, one up to 7, two from 8."""
    if len(word) < 4 or not _LATIN.match(word):
        return 0
    return 1 if len(word) < 8 else 2


def correct(word: str, vocabulary: Iterable[str]) -> str | None:
    """The closest vocabulary word (ties: the first in sorted order), or None if none is near.
    `word` and the vocabulary are folded words (not stems)."""
    limit = typo_limit(word)
    if limit == 0:
        return None
    best: tuple[int, str] | None = None
    for candidate in vocabulary:
        if abs(len(candidate) - len(word)) > limit or candidate[:1] != word[:1] and limit < 2:
            continue
        d = edit_distance(word, candidate, limit)
        if d <= limit and (best is None or (d, candidate) < best):
            best = (d, candidate)
    return best[1] if best else None
