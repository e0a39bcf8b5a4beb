"""The two languages of the bot: which one a query is in, and how each language's words are stemmed.

Cyrillic anywhere in a query makes it Russian (`статья 130.1`, `IOM 2009 жертвы`); otherwise English.
Stemming is Snowball (PyStemmer) for both languages: maintained, C-fast, and on the tuning sets at least
as good as the hand-written suffix rules it replaced and as pymorphy3's lemmas (docs/matching.md).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Literal

Lang = Literal["en", "ru"]
LANGS: tuple[Lang, ...] = ("en", "ru")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def detect(text: str) -> Lang:
    """ "ru" when the text holds any Cyrillic letter, else "en"."""
    return "ru" if _CYRILLIC.search(text) else "en"


def is_cyrillic(word: str) -> bool:
    return bool(_CYRILLIC.search(word))


@lru_cache(maxsize=2)
def _stemmer(lang: Lang) -> Any:  # PyStemmer ships no type hints
    import Stemmer  # here: `tip-bot help` never needs it

    return Stemmer.Stemmer("russian" if lang == "ru" else "english")


@lru_cache(maxsize=131072)
def stem(word: str, lang: Lang = "en") -> str:
    """One word's Snowball stem. A Cyrillic word is stemmed as Russian whatever `lang` says (mixed queries)."""
    if word.isdigit() or len(word) <= 2:
        return word
    if is_cyrillic(word):
        return str(_stemmer("ru").stemWord(word.replace("ё", "е")))
    return str(_stemmer("en").stemWord(word))


# Words that carry no topic: question words, auxiliaries, politeness, the cable's own name.
STOPWORDS: dict[Lang, frozenset[str]] = {
    "en": frozenset(
        """a an the and or of to in on at for by with from into about as is are was were be been being do does did
        done has have had having it its this that these those there here what which who whom whose when where why
        how many much any some all me my i we our you your us they them their he she his her can could would should
        will shall may might must tell show give list say said says please know find get got let want need does
        than then so if not no yes also just only very more most other such per via vs etc thing things kind one
        getting located location exist exists available currently actually exactly time go going went anyone
        someone anybody somebody anything something s t d ll re ve m whats hows whos wheres
        method methods way ways type types sort sorts manner see seen saw think consider considered regard
        am doing ought because while through during once both each nor too among amongst
        exact precise precisely according even really basically typically kinds
        ever anywhere somewhere everywhere nowhere anyhow somehow anyway whatever whoever yet always maybe perhaps
        likely unlikely supposed supposedly quite pretty else ones whole entire lot lots bit single simply
        certain certainly happen happens happened happening become becomes became becoming city cities
        now like look looks looked looking
        """.split()  # noqa: SIM905
    ),
    "ru": frozenset(
        """а и или но да нет не ни же ли бы что кто как какой какая какие каких каким какое каков когда где куда откуда
        какими каком какому какую каких какого какой каково почему зачем сколько скольких скольким
        сколькими чем чём кого кому ком чего чему который которая которое которые которых чей чья чьи это этот эта
        эти эту этой этого этом этим этих этими тот та те то тому той тех там тут здесь в во на по с со к ко о об обо от
        до из у за для при про через над под между без после перед ещё еще уже только также тоже очень более менее
        самый самая все всё весь вся был была были было быть есть будет будут является являются мне меня мы нас
        нам вы вас вам он она они оно его её ее их им ему ей я ты скажите подскажите покажите расскажите дайте
        пожалуйста можно нужно надо ли вообще именно либо такой такие такая своих свой своя своё
        способ способы способами метод методы методами вид виды видами образом
        среди кроме около вместо ради согласно вокруг ведь вот даже ну если уж потом себя ничего может нибудь
        опять чтоб чтобы будто раз тогда того потому совсем почти тем сейчас наконец хоть разве впрочем иногда
        чуть всегда конечно всю сам сама сами стал стала стало стали становится становятся""".split()  # noqa: SIM905
    ),
}
# Words for the cable itself: no topic, but a question of only these ("which cable is this") is about the cable.
CABLE_WORDS = frozenset(
    """cable cables report document telegram dushanbe телеграмма телеграммы телеграмме телеграмму телеграммой
    отчет отчёт отчета отчёта отчете отчёте документ документе""".split()  # noqa: SIM905
)
STOPWORDS = {lang: words | CABLE_WORDS for lang, words in STOPWORDS.items()}


def script(word: str, lang: Lang) -> Lang:
    """The index a word of a `lang` question is looked up in: its own script's (a Latin word in a Russian
    question is English)."""
    return "ru" if is_cyrillic(word) else ("en" if lang == "ru" else lang)


def stopwords(word: str) -> bool:
    """True for a word that carries no topic in either language."""
    return word in STOPWORDS["en"] or word in STOPWORDS["ru"]
