"""The search index of one language, built once from the facts: a pure function of (facts, language).

Phrases are each title and alias, the keywords as one phrase (weight 1) and the answer (ANSWER_WEIGHT).
Facts are bits of an int per term, so a query splits the base into groups with a few big-int operations
instead of looping over every fact that holds a common word. A fact with no text in a language (its `ru`
side not written yet) is simply not in that language's index.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from bot.facts import Fact, FactText
from bot.lang import Lang, stem, stopwords
from bot.query import SPELLING, normalize_words

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
    "repatriation": "репатриация возвращение",
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


def topic_words(topic: str, lang: Lang) -> list[str]:
    return TOPIC_WORDS_RU.get(topic, "").split() if lang == "ru" else topic.split("-")


def fact_text(fact: Fact, lang: Lang) -> FactText | None:
    """A fact's text in a language, or None when that side is not written (Russian still being translated)."""
    return fact.text(lang, fallback=False)


def bitset(indices: list[int]) -> int:
    """An int with the given bits set, built in one pass (shifting big ints one by one is quadratic)."""
    if not indices:
        return 0
    buf = bytearray(max(indices) // 8 + 1)
    for i in indices:
        buf[i >> 3] |= 1 << (i & 7)
    return int.from_bytes(buf, "little")


def terms(text: str, lang: Lang = "en") -> list[str]:
    """The index terms of a text: normalised, stop words out, stemmed, in order, no repeats."""
    return list(dict.fromkeys(stem(w, lang) for w in normalize_words(text) if not stopwords(w)))


@dataclass(frozen=True)
class Index:
    lang: Lang
    size: int  # facts in the base (indexed or not): bit positions are the base's order
    present: int  # bits of the facts indexed in this language
    idf: dict[str, float]
    bits: dict[str, tuple[int, int]]  # term -> (facts naming it, facts with it in the answer only)
    phrase_fact: tuple[int, ...]
    phrase_terms: tuple[frozenset[str], ...]
    phrase_field: tuple[float, ...]
    phrase_weight: tuple[float, ...]
    term_phrases: tuple[dict[str, tuple[int, ...]], ...]  # per fact: term -> its phrases
    surfaces: dict[str, str]  # surface word -> its term, for the typo pass
    by_length: dict[int, tuple[str, ...]]  # surface words by length, for the typo pass
    unknown_weight: float

    def knows(self, term: str) -> bool:
        return term in self.idf


def build_index(facts: tuple[Fact, ...], lang: Lang) -> Index:
    n = len(facts)
    phrase_fact: list[int] = []
    phrase_terms: list[frozenset[str]] = []
    phrase_field: list[float] = []
    surfaces: dict[str, str] = {}
    term_named: dict[str, list[int]] = defaultdict(list)
    term_any: dict[str, list[int]] = defaultdict(list)
    term_phrases: list[dict[str, tuple[int, ...]]] = []
    present: list[int] = []
    for i, f in enumerate(facts):
        text = fact_text(f, lang)
        own: dict[str, list[int]] = {}
        if text is None:
            term_phrases.append({})
            continue
        present.append(i)
        bag: dict[str, float] = {}
        keywords = [*text.keywords, *topic_words(f.topic, lang)]
        named = [text.title, *text.aliases, " ".join(keywords)]
        for phrase, weight in [*((t, 1.0) for t in named), (text.answer, ANSWER_WEIGHT)]:
            words = [w for w in normalize_words(phrase) if not stopwords(w)]
            ts = frozenset(stem(w, lang) for w in words)
            if not ts:
                continue
            p = len(phrase_fact)
            phrase_fact.append(i)
            phrase_terms.append(ts)
            phrase_field.append(weight)
            for t in ts:
                own.setdefault(t, []).append(p)
                if bag.get(t, 0.0) < weight:
                    bag[t] = weight
            for w in words:
                if w not in surfaces and not w.isdigit():
                    surfaces[w] = stem(w, lang)
        for t, weight in bag.items():
            term_any[t].append(i)
            if weight == 1.0:
                term_named[t].append(i)
        term_phrases.append({t: tuple(ps) for t, ps in own.items()})
    m = max(1, len(present))  # idf over the facts this language holds
    idf = {t: math.log(1 + m / len(fs)) for t, fs in term_any.items()}
    bits: dict[str, tuple[int, int]] = {}
    for t, fs in term_any.items():
        named_bits = bitset(term_named.get(t, []))
        bits[t] = (named_bits, bitset(fs) & ~named_bits)
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
        bits=bits,
        phrase_fact=tuple(phrase_fact),
        phrase_terms=tuple(phrase_terms),
        phrase_field=tuple(phrase_field),
        phrase_weight=tuple(sum(idf[t] for t in ts) for ts in phrase_terms),
        term_phrases=tuple(term_phrases),
        surfaces=surfaces,
        by_length={k: tuple(v) for k, v in by_length.items()},
        unknown_weight=UNKNOWN_WEIGHT * math.log(1 + m),
    )
