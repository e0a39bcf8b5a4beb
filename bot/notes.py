"""Every note the answer core writes for a user (misses, unmet constraints, comparisons, sums), in both languages.

One template per situation and language; `note(key, lang, **values)` fills it. Keep the two languages saying
the same thing: tests/test_core_notes.py checks that every key exists in both with the same placeholders.
"""

from __future__ import annotations

from bot.lang import Lang

NOTES: dict[str, dict[Lang, str]] = {
    "miss": {
        "en": "The cable does not seem to answer that.",
        "ru": "Похоже, в телеграмме нет ответа на этот вопрос.",
    },
    "unknown_words": {
        "en": "The cable does not cover {words}.",
        "ru": "В телеграмме нет сведений о следующем: {words}.",
    },
    "no_year_topic": {
        "en": "The cable gives no figures on that for {years}; on it, it gives figures for {have}.",
        "ru": "В телеграмме нет данных об этом за {years}; по этой теме есть данные за {have}.",
    },
    "no_year_topic_none": {
        "en": "The cable gives no figures on that for {years}.",
        "ru": "В телеграмме нет данных об этом за {years}.",
    },
    "no_year": {
        "en": "The cable gives no figures for {years}; the years it covers are {known}.",
        "ru": "В телеграмме нет данных за {years}; она охватывает годы: {known}.",
    },
    "undated": {
        "en": "The cable gives no year for what follows: it describes the situation at the time of the report.",
        "ru": "Год для приведённого ниже в телеграмме не указан: это положение дел на момент составления отчёта.",
    },
    "no_year_measure": {
        "en": "The cable gives no {measure} for {years}. It gives {measure} for: {have}.",
        "ru": "В телеграмме нет данных ({measure}) за {years}. Такие данные есть за: {have}.",
    },
    "no_place": {
        "en": "The cable gives no figures or facts for {places}.",
        "ru": "В телеграмме нет данных по: {places}.",
    },
    "place_nothing": {
        "en": "The cable says nothing on that about {places}.",
        "ru": "Об этом применительно к {places} в телеграмме ничего нет.",
    },
    "contact": {
        "en": "The bot does not give contact details (phone numbers, hotlines, e-mail addresses).",
        "ru": "Бот не сообщает контактные данные (телефоны, горячие линии, адреса электронной почты).",
    },
    "small_talk": {
        "en": "Hello! I answer questions about the cable DUSHANBE 000170 (the 2010 TIP report for Tajikistan): "
        "penalties, cases, victims, shelters and more. Type `help` for everything I can do.",
        "ru": "Здравствуйте! Я отвечаю на вопросы по телеграмме DUSHANBE 000170 (доклад о торговле людьми "
        "в Таджикистане за 2010 год): наказания, дела, жертвы, приюты и другое. "
        "Наберите `помощь`, чтобы узнать больше.",
    },
    "other_period": {
        "en": "The cable gives that per {have}, not per {asked}:",
        "ru": "В телеграмме это дано за {have}, а не за {asked}:",
    },
    "no_count_says": {
        "en": "The cable gives no number for that; what it says:",
        "ru": "В телеграмме нет числа по этому вопросу; вот что в ней сказано:",
    },
    "no_percent_says": {
        "en": "The cable gives no percentage for that; what it says:",
        "ru": "В телеграмме нет процентов по этому вопросу; вот что в ней сказано:",
    },
    "no_year_says": {
        "en": "The cable does not give the year of that; what it says:",
        "ru": "В телеграмме не указан год этого; вот что в ней сказано:",
    },
    "population": {
        "en": "The cable gives no population figures.",
        "ru": "В телеграмме нет данных о численности населения.",
    },
    "amount": {
        "en": "The cable gives no sums of money (in dollars, somoni or any other currency).",
        "ru": "В телеграмме нет денежных сумм (ни в долларах, ни в сомони, ни в другой валюте).",
    },
    "person": {
        "en": "The cable does not say who holds that role.",
        "ru": "В телеграмме не сказано, кто занимает эту должность.",
    },
    "other_report": {
        "en": "The cable is the embassy's input to the 2010 TIP Report; it does not say what the {year} report says.",
        "ru": "Телеграмма — материал посольства к докладу о торговле людьми 2010 года; что сказано в докладе "
        "за {year} год, в ней нет.",
    },
    "former": {
        "en": "The cable names no one who held that role before.",
        "ru": "В телеграмме не назван никто, кто занимал эту должность раньше.",
    },
    "no_figures": {
        "en": "The cable gives no {measure} on that.",
        "ru": "В телеграмме нет таких данных ({measure}).",
    },
    "imposed": {
        "en": "The cable gives no sentences actually imposed; it gives the penalties the Code prescribes:",
        "ru": "В телеграмме нет фактически назначенных наказаний; в ней приведены наказания, "
        "предусмотренные Уголовным кодексом:",
    },
    "identified": {
        "en": "The cable gives no count of victims identified by the government; it gives the victims IOM assisted:",
        "ru": "В телеграмме нет числа жертв, выявленных государством; в ней приведено число жертв, "
        "которым помогла МОМ:",
    },
    "measure_missing": {
        "en": "The cable gives no {wanted}; it gives {have}:",
        "ru": "В телеграмме нет данных ({wanted}); есть данные ({have}):",
    },
    "which_article": {
        "en": "Which article? The cable covers articles {known}.",
        "ru": "Какая статья? В телеграмме упомянуты статьи {known}.",
    },
    "no_article": {
        "en": "The cable does not mention article {article}. Articles it covers: {known}.",
        "ru": "Статья {article} в телеграмме не упоминается. Упомянуты статьи: {known}.",
    },
    "table": {
        "en": "Criminal Code penalties, as the cable gives them:",
        "ru": "Наказания по Уголовному кодексу, как они приведены в телеграмме:",
    },
    "compare": {
        "en": "Side by side, as the cable counts them: {rows}.",
        "ru": "Рядом, как это считает телеграмма: {rows}.",
    },
    "compare_different": {
        "en": "The cable counts different things in each year, so the figures are not comparable: {rows}.",
        "ru": "В разные годы телеграмма считает разное, поэтому цифры несопоставимы: {rows}.",
    },
    "sum": {
        "en": "{parts} = {total} {unit}, our sum: the cable states no total.",
        "ru": "{parts} = {total} ({unit}) — наша сумма: итога в телеграмме нет.",
    },
    "period": {
        "en": "The cable gives no year for {what}; it reports them for its reporting period ({years}).",
        "ru": "Год для этих данных ({what}) в телеграмме не указан; они приведены за отчётный период ({years}).",
    },
}

# How each counted measure is named in a note.
MEASURES: dict[str, dict[Lang, str]] = {
    "opened": {"en": "cases opened", "ru": "возбуждённые дела"},
    "prosecuted": {"en": "prosecutions", "ru": "уголовное преследование"},
    "convicted": {"en": "convictions", "ru": "осуждённые"},
    "imposed": {"en": "sentences imposed", "ru": "назначенные наказания"},
    "prescribed": {"en": "penalties prescribed", "ru": "предусмотренные наказания"},
    "identified": {"en": "victims identified", "ru": "выявленные жертвы"},
    "assisted": {"en": "victims assisted", "ru": "жертвы, получившие помощь"},
}
UNITS: dict[str, dict[Lang, str]] = {
    "cases": {"en": "cases", "ru": "дел"},
    "individuals": {"en": "individuals", "ru": "человек"},
}
# One counted row in a comparison or sum: "3 individuals convicted under Art. 132" / "осуждено человек: 3 (ст. 132)".
ROW: dict[Lang, str] = {"en": "{count} {unit} {verb}{art}", "ru": "{verb}: {count}{art}"}
ROW_ARTICLE: dict[Lang, str] = {"en": " under Art. {article}", "ru": " (ст. {article})"}
VERBS: dict[str, dict[Lang, str]] = {
    "opened": {"en": "opened", "ru": "возбуждено дел"},
    "prosecuted": {"en": "prosecuted", "ru": "дел с уголовным преследованием"},
    "convicted": {"en": "convicted", "ru": "осуждено человек"},
}
ARTICLE_SHORT: dict[Lang, str] = {"en": "Art.", "ru": "ст."}
UNDER: dict[Lang, str] = {"en": "under", "ru": "по"}
NO_YEAR: dict[Lang, str] = {"en": "no year given", "ru": "год не указан"}
AND: dict[Lang, str] = {"en": " and ", "ru": " и "}


def row(count: int, unit_name: str, measure_name: str, article: str | None, lang: Lang) -> str:
    art = ROW_ARTICLE[lang].format(article=article) if article else ""
    verb = VERBS.get(measure_name, {}).get(lang, measure_name)
    return ROW[lang].format(count=count, unit=unit(unit_name, lang), verb=verb, art=art)


def note(key: str, lang: Lang, **values: object) -> str:
    return NOTES[key][lang].format(**values)


def measure(name: str, lang: Lang) -> str:
    return MEASURES.get(name, {}).get(lang, name)


def unit(name: str, lang: Lang) -> str:
    return UNITS.get(name, {}).get(lang, name)


def listing(items: list[str], lang: Lang) -> str:
    """'a, b and c' / 'a, b и c'."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + AND[lang] + items[-1]
