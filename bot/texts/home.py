"""The App Home tab's own words in English and Russian (the command list comes from bot/texts/commands.py).

Home shows one language at a time with a switch button: each view stays short and under Slack's 100
blocks (room for other sections), and a reader of one language does not scroll past the other."""

from __future__ import annotations

from dataclasses import dataclass

from bot.lang import Lang


@dataclass(frozen=True)
class HomeWords:
    intro: str  # "{ref}": the cable's reference and date
    languages: str
    cable: str
    topics: str
    commands: str
    switch: str  # the button that shows Home in the other language
    footer: str  # "{n} facts from {ref}."


HOME: dict[Lang, HomeWords] = {
    "en": HomeWords(
        intro="I answer questions about one document, the US Embassy Dushanbe cable *{ref}*, _2010 Trafficking "
        "in Persons Report for Tajikistan_. Every answer comes from the cable and cites its paragraph; "
        "*Show source* adds the cable's own words.",
        languages="Ask in English or Russian: each answer comes in the language of its question.",
        cable="The cable",
        topics="Topics",
        commands="Commands",
        switch="Русский",
        footer="{n} facts from {ref}.",
    ),
    "ru": HomeWords(
        intro="Я отвечаю на вопросы об одном документе — телеграмме посольства США в Душанбе *{ref}*, _доклад "
        "о торговле людьми за 2010 год по Таджикистану_. Каждый ответ взят из телеграммы и ссылается на её "
        "параграф; *Показать источник* добавляет слова самой телеграммы (на английском).",
        languages="Спрашивайте по-русски или по-английски: ответ приходит на языке вопроса.",
        cable="Телеграмма",
        topics="Темы",
        commands="Команды",
        switch="English",
        footer="Фактов из {ref}: {n}.",
    ),
}
