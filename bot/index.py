"""The search index of one language, built once from the facts: a pure function of (facts, language).

Phrases are each title and alias, the keywords as one phrase (weight 1) and the answer (ANSWER_WEIGHT).
Facts are bits of an int per term, so a query splits the base into groups with a few big-int operations
instead of looping over every fact that holds a common word. A fact with no text in a language (its `ru`
side not written yet) is simply not in that language's index.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from bot.facts import Fact, FactText
from bot.lang import Lang, stem, stopwords
from bot.query import IRREGULAR, SPELLING, normalize_words

ANSWER_WEIGHT = 0.7  # a word found only in a fact's answer text (not its title, aliases, keywords)
UNKNOWN_WEIGHT = 2.0  # a word no fact knows weighs double the rarest known word, so off-topic queries miss


# A fact is about its topic: the topic's words join its keywords (the id's words in English, these in Russian).
TOPIC_WORDS_RU: dict[str, str] = {
    "about": "телеграмма",
    "agencies": "ведомства органы",
    "complicity": "соучастие причастность коррупция",
    "conditions": "условия",
    "cooperation": "сотрудничество",
    "cotton": "хлопок",
    "data": "данные",
    "demand": "спрос",
    "destinations": "направления страны назначения",
    "extradition": "экстрадиция выдача",
    "foreign-victims": "иностранные жертвы",
    "identification": "выявление",
    "identity-documents": "документы личность",
    "international-assistance": "международная помощь",
    "investigation": "расследование",
    "labor": "труд",
    "laws": "законы закон",
    "limitations": "ограничения препятствия",
    "long-term-care": "долгосрочная помощь",
    "monitoring": "мониторинг",
    "organisations": "организации",
    "partnerships": "партнерство",
    "penalties": "наказания",
    "prevention": "профилактика предотвращение",
    "recognition": "признание",
    "referral": "направление",
    "repatriation": "репатриация возвращение вернули вернуть вернулись возвращены",
    "routes": "маршруты",
    "services": "услуги",
    "shelters": "приюты",
    "sources": "источники",
    "statistics": "статистика",
    "traffickers": "торговцы",
    "training": "обучение",
    "victim-rights": "права жертв",
    "victims": "жертвы",
    "vulnerability": "уязвимость риск",
    "witness-protection": "защита свидетелей",
}


# ... and in English, beside the id's own words: the everyday words for the topic as a whole, so that a
# question about the topic ("what obstacles …", "where are victims taken") reaches every fact on it.
TOPIC_WORDS_EN: dict[str, str] = {
    "agencies": "agency ministries institutions bodies",
    "complicity": "collusion involvement",
    "cooperation": "cooperate collaboration joint",
    "cotton": "harvest",
    "destinations": "destination",
    "extradition": "extradite extradited",
    "foreign-victims": "foreigners",
    "limitations": "obstacles challenges constraints barriers difficulties hurdles limits",
    "long-term-care": "reintegration rehabilitation",
    "prevention": "prevent",
    "repatriation": "return returned repatriate",
    "routes": "route transit",
    "training": "train trained",
    "victim-rights": "rights",
    "vulnerability": "vulnerable",
    "witness-protection": "witness witnesses",
}


def topic_words(topic: str, lang: Lang) -> list[str]:
    if lang == "ru":
        return TOPIC_WORDS_RU.get(topic, "").split()
    return [*topic.split("-"), *TOPIC_WORDS_EN.get(topic, "").split()]


def fact_text(fact: Fact, lang: Lang) -> FactText | None:
    """A fact's text in a language, or None when that side is not written (Russian still being translated)."""
    return fact.text_in(lang)


def bitset(indices: list[int]) -> int:
    """An int with the given bits set, built in one pass (shifting big ints one by one is quadratic)."""
    if len(indices) < 16:  # most terms are in a few facts: a handful of shifts beats a byte buffer
        out = 0
        for i in indices:
            out |= 1 << i
        return out
    buf = bytearray(max(indices) // 8 + 1)
    for i in indices:
        buf[i >> 3] |= 1 << (i & 7)
    return int.from_bytes(buf, "little")


def terms(text: str, lang: Lang = "en") -> list[str]:
    """The index terms of a text: normalised, stop words out, stemmed, in order, no repeats."""
    return list(dict.fromkeys(stem(w, lang) for w in normalize_words(text) if not stopwords(w)))


Phrase = tuple[frozenset[str], float, float]  # (terms, field weight, IDF weight of its terms)


@dataclass(frozen=True)
class Index:
    """One language's index. At start-up: idf, each fact's terms, and postings (the facts holding each term,
    lists a term rather than sets a fact: a big base has far fewer terms than facts, and fewer long-lived
    objects for the GC to walk). On first use: a term's bits, and a fact's phrases when a query first
    shortlists it (a query scores at most SHORTLIST facts), so start-up stays fast at any size."""

    lang: Lang
    size: int  # facts in the base (indexed or not): bit positions are the base's order
    present: int  # bits of the facts indexed in this language
    idf: dict[str, float]
    facts: tuple[Fact, ...] = field(repr=False)  # the base: a fact's phrases are read from it on first use
    fact_terms: tuple[tuple[str, ...], ...]  # per fact, every term it holds, once (tuples: the GC soon skips them)
    named_in: dict[str, list[int]]  # term -> the facts whose title, aliases or keywords hold it, in order
    answer_in: dict[str, list[int]]  # term -> the facts that hold it in the answer only, in order
    surfaces: dict[str, str]  # surface word -> its term, for the typo pass
    by_length: dict[int, tuple[str, ...]]  # surface words by length, for the typo pass
    unknown_weight: float
    terms_of: _Terms = field(repr=False, compare=False)
    _bits: dict[str, tuple[int, int]] = field(default_factory=dict, repr=False, compare=False)
    _phrases: dict[int, tuple[Phrase, ...]] = field(default_factory=dict, repr=False, compare=False)

    def bits(self, term: str) -> tuple[int, int]:
        """(facts naming the term, facts holding it in the answer only) as bits of two ints. Built on a term's
        first use and kept: a query needs a handful, the base has tens of thousands (so start-up stays fast)."""
        got = self._bits.get(term)
        if got is None:
            got = self._bits[term] = (bitset(self.named_in.get(term, [])), bitset(self.answer_in.get(term, [])))
        return got

    def phrases(self, i: int) -> tuple[Phrase, ...]:
        """Fact i's phrases: each title and alias and the keywords (field 1), the answer (ANSWER_WEIGHT)."""
        got = self._phrases.get(i)
        if got is None:
            f = self.facts[i]
            text = f.text_in(self.lang)
            out: list[Phrase] = []
            if text is not None:
                keywords = " ".join([*text.keywords, *topic_words(f.topic, self.lang)])
                named = (text.title, *text.aliases, keywords)
                for phrase, weight in [*((t, 1.0) for t in named), (text.answer, ANSWER_WEIGHT)]:
                    ts = self.terms_of(phrase)
                    if ts:
                        out.append((ts, weight, sum(self.idf.get(t, 0.0) for t in ts)))
            got = self._phrases[i] = tuple(out)
        return got


_STOP = ""  # the term of a stop word


class _Terms:
    """Text -> terms for one language; every distinct word is stemmed once per build.

    Two ways to the same set. A phrase that is scored (`__call__`, kept) is split as a whole, as it always
    was, so its set and the order its idf weights are summed in stay exactly as before. A fact's whole text
    at start-up (`of_tokens`, not kept) is split on white space and each distinct token ("Shelters,") is
    worked out once, so a fact costs a few set operations however big the base: white space never joins
    or splits a word, so the set is the same."""

    def __init__(self, lang: Lang):
        self.lang = lang
        self.words: dict[str, str] = {}  # word as found in text -> term ("" for a stop word)
        self.tokens: dict[str, frozenset[str]] = {}  # white-space-separated token -> its terms
        self.sets: dict[frozenset[str], frozenset[str]] = {}  # one object per distinct token set (GC)
        self.phrases: dict[str, frozenset[str]] = {}

    def __call__(self, text: str) -> frozenset[str]:
        got = self.phrases.get(text)
        if got is None:
            found = set(self._words(text))
            got = self.phrases[text] = frozenset(map(self.words.__getitem__, found)) - _STOPS
        return got

    def of_tokens(self, text: str) -> frozenset[str]:
        """The terms of a text, not kept (a fact's text at start-up)."""
        found = text.split()
        try:  # on a big base nearly every token is known already
            return _NONE.union(*map(self.tokens.__getitem__, found))
        except KeyError:
            for token in set(found).difference(self.tokens):
                got = frozenset(map(self.words.__getitem__, self._words(token))) - _STOPS
                self.tokens[token] = self.sets.setdefault(got, got)
            return _NONE.union(*map(self.tokens.__getitem__, found))

    def _words(self, text: str) -> list[str]:
        """The words of a text, each with its term in self.words."""
        if not text.isascii():
            text = unicodedata.normalize("NFKC", text).replace("ё", "е").replace("Ё", "Е")
        found = _WORD.findall(text.casefold())
        words = self.words
        for w in found:
            if w not in words:
                meant = SPELLING.get(w, w)
                meant = IRREGULAR.get(meant, meant)
                words[w] = _STOP if stopwords(meant) else stem(meant, self.lang)
        return found


_NONE: frozenset[str] = frozenset()
_STOPS = frozenset({_STOP})
_WORD = re.compile(r"[^\W_]+")


def build_index(facts: tuple[Fact, ...], lang: Lang) -> Index:
    """The index of one language: a pure function of the facts (the same facts give the same index)."""
    n = len(facts)
    terms_of = _Terms(lang)
    fact_terms: list[tuple[str, ...]] = []
    named_in: defaultdict[str, list[int]] = defaultdict(list)
    answer_in: defaultdict[str, list[int]] = defaultdict(list)
    present: list[int] = []
    answers: dict[str, frozenset[str]] = {}  # facts that say the same thing share one set
    topics: dict[str, list[str]] = {}
    for i, f in enumerate(facts):
        text = f if lang == "en" else f.ru  # what f.text_in(lang) reads, without building a FactText per fact
        if text is None:
            fact_terms.append(())
            continue
        present.append(i)
        topic = topics.get(f.topic)
        if topic is None:
            topic = topics[f.topic] = topic_words(f.topic, lang)
        # one pass over all named phrases (not kept: a fact's phrases are worked out when it is shortlisted)
        named_terms = terms_of.of_tokens("\n".join([text.title, *text.aliases, *text.keywords, *topic]))
        answer_terms = answers.get(text.answer)
        if answer_terms is None:
            answer_terms = answers[text.answer] = terms_of.of_tokens(text.answer)
        answer_only = answer_terms - named_terms
        for t in named_terms:
            named_in[t].append(i)
        for t in answer_only:
            answer_in[t].append(i)
        fact_terms.append((*named_terms, *answer_only))
    terms_of.tokens.clear()  # only the build splits by token: the tokens' sets go (memory, GC)
    terms_of.sets.clear()
    m = max(1, len(present))  # idf over the facts this language holds
    df = {t: len(v) for t, v in named_in.items()}
    for t, v in answer_in.items():
        df[t] = df.get(t, 0) + len(v)
    idf = {t: math.log(1 + m / d) for t, d in df.items()}
    surfaces = {SPELLING.get(w, w): t for w, t in terms_of.words.items() if t and not w.isdigit()}
    for typed, meant in SPELLING.items():  # "punishmnt" is a typo of "punishment", folded to "penalty"
        if lang == "en" and stem(meant, lang) in idf:
            surfaces.setdefault(typed, stem(meant, lang))
    by_length: dict[int, list[str]] = defaultdict(list)
    for w in surfaces:
        by_length[len(w)].append(w)
    return Index(
        lang=lang,
        size=n,
        present=bitset(present),
        idf=idf,
        facts=facts,
        fact_terms=tuple(fact_terms),
        named_in=dict(named_in),
        answer_in=dict(answer_in),
        surfaces=surfaces,
        by_length={k: tuple(v) for k, v in by_length.items()},
        unknown_weight=UNKNOWN_WEIGHT * math.log(1 + m),
        terms_of=terms_of,
    )
