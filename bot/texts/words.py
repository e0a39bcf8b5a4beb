"""The words the renderers put around the facts (labels, buttons, penalty terms, miss lines), in English
and Russian. One `Words` per language: a field missing on either side is a type error, not a blank."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.lang import Lang

CABLE_ID = "DUSHANBE 000170"
CABLE_DATE: dict[Lang, str] = {"en": "10 Feb 2010", "ru": "10 фев 2010"}


RU_MONTHS = ("янв", "фев", "мар", "апр", "мая", "июн", "июл", "авг", "сен", "окт", "ноя", "дек")


def short_date(day: date, lang: Lang = "en") -> str:
    """'10 Feb 2010' / '10 фев 2010' (not the C locale's month names: the process locale is not ours)."""
    month = RU_MONTHS[day.month - 1] if lang == "ru" else ENGLISH_MONTHS[day.month - 1]
    return f"{day.day} {month} {day.year}"


ENGLISH_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def cable_ref(lang: Lang = "en") -> str:
    """'DUSHANBE 000170, 10 Feb 2010' / 'DUSHANBE 000170, 10 фев 2010'."""
    return f"{CABLE_ID}, {CABLE_DATE[lang]}"


@dataclass(frozen=True)
class Words:
    you_asked: str
    not_found: str  # a miss with no note of its own
    did_you_mean: str
    try_: str
    share: str  # buttons
    show_source: str
    original: str  # heading of the verbatim English quotes
    cited_from: str  # under a table: "Cited from {ref}."
    more_facts: str  # "{n} more fact(s) not shown: ask a narrower question"
    or_hide_sources: str
    topics_intro: str  # Slack, before the topic list
    topics_intro_text: str  # terminal
    cable_header: str  # the citation of a fact from the cable's header
    article: str  # "Art." in the penalty table
    fine: str
    fine_or: str  # "a fine or {span}"
    confiscation: str
    aggravated: str  # after the aggravated terms
    untranslated: str  # a fact whose Russian side is not written yet, shown in English
    someone: str  # who shared, when Slack did not say
    shared: str  # "{who} shared this answer from `/tip`": the header of a shared answer
    shared_text: str  # "{who} shared: {text}": its notification text
    share_failed: str
    sorry: str  # an unexpected error answering /tip


WORDS: dict[Lang, Words] = {
    "en": Words(
        you_asked="You asked",
        not_found="I could not find that in the cable.",
        did_you_mean="Did you mean",
        try_="Try",
        share="Share in channel",
        show_source="Show source",
        original="Original",
        cited_from="Cited from {ref}.",
        more_facts="{n} more fact(s) not shown: ask a narrower question",
        or_hide_sources=" or hide the sources",
        topics_intro="What the cable covers; ask about any of these, e.g. `/tip shelters`:",
        topics_intro_text="What the cable covers (ask about any of these):",
        cable_header="cable header",
        article="Art.",
        fine="a fine",
        fine_or="a fine or {span}",
        confiscation=", confiscation",
        aggravated=" aggravated",
        untranslated="",
        someone="Someone",
        shared="{who} shared this answer from `/tip`",
        shared_text="{who} shared: {text}",
        share_failed="Sorry, I could not share that here. Invite me to the channel with `/invite @tip-bot`.",
        sorry="Sorry, something went wrong answering that. Please try again.",
    ),
    "ru": Words(
        you_asked="Вы спросили",
        not_found="В телеграмме этого нет.",
        did_you_mean="Возможно, вы имели в виду",
        try_="Попробуйте",
        share="Поделиться в канале",
        show_source="Показать источник",
        original="Оригинал (англ.)",
        cited_from="Источник: {ref}.",
        more_facts="Не показано фактов: {n}. Задайте вопрос точнее",
        or_hide_sources=" или скройте источники",
        topics_intro="О чём телеграмма; спросите о любой из этих тем, например `/tip приюты`:",
        topics_intro_text="О чём телеграмма (спросите о любой из этих тем):",
        cable_header="заголовок телеграммы",
        article="Ст.",
        fine="штраф",
        fine_or="штраф или {span}",
        confiscation=", конфискация имущества",
        aggravated=" при отягчающих обстоятельствах",
        untranslated="Перевод этого факта ещё не готов: ответ на английском.",
        someone="Кто-то",
        shared="{who} делится ответом из `/tip`",
        shared_text="{who} делится: {text}",
        share_failed="Не получилось поделиться здесь. Пригласите меня в канал: `/invite @tip-bot`.",
        sorry="Не удалось ответить на этот вопрос. Попробуйте ещё раз.",
    ),
}


def ru_plural(n: float, one: str, few: str, many: str) -> str:
    """The Russian noun form for a count: 1 год, 2 года, 5 лет, 21 год; a fraction takes `few` (1.5 года)."""
    if n != int(n):
        return few
    n = abs(int(n))
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def _n(x: float) -> str:
    return f"{x:g}"


def years_span(lo: float | None, hi: float | None, lang: Lang = "en") -> str:
    """'5–8 years' / '5–8 лет', 'up to 2 years' / 'до 2 лет', 'at least 3 years' / 'не менее 3 лет'."""
    if lang == "ru":
        if lo is not None and hi is not None:
            span = f"{_n(lo)}–{_n(hi)}" if lo != hi else _n(hi)
            return f"{span} {ru_plural(hi, 'год', 'года', 'лет')}"
        if hi is not None:  # genitive after "до" / "не менее": до 1 года, до 2 лет
            return f"до {_n(hi)} {ru_plural(hi, 'года', 'лет', 'лет')}"
        if lo is not None:
            return f"не менее {_n(lo)} {ru_plural(lo, 'года', 'лет', 'лет')}"
        return ""
    if lo is not None and hi is not None:
        return f"{_n(lo)}–{_n(hi)} years" if lo != hi else f"{_n(lo)} years"
    if hi is not None:
        return f"up to {_n(hi)} years"
    if lo is not None:
        return f"at least {_n(lo)} years"
    return ""


# Case figures: "23 cases opened" / "возбуждено 23 дела"; the unit's Russian form comes from the fact's labels.
MEASURES_RU = {"opened": "возбуждено", "prosecuted": "передано в суд", "convicted": "осуждено"}
MEASURES_RU_PEOPLE = {"opened": "возбуждены дела против", "prosecuted": "привлечено к суду", "convicted": "осуждено"}
ARTICLE_RU = "ст."
