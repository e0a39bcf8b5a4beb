"""What a user can type, in ONE table, and every help text made from it, in English and Russian: the
terminal and Slack help (`help` / `помощь`), the App Home's command list and the digest's "ask more" line."""

from __future__ import annotations

from dataclasses import dataclass

from bot.lang import LANGS, Lang

CABLE_NAME: dict[Lang, str] = {
    "en": "cable DUSHANBE 000170 (2010 Trafficking in Persons Report for Tajikistan)",
    "ru": "телеграмме DUSHANBE 000170 (доклад о торговле людьми за 2010 год по Таджикистану)",
}


@dataclass(frozen=True)
class QueryCommand:
    example: str  # typed as it is: "penalties 130.1"
    does: str  # what it answers
    ru_example: str  # the same command in Russian, typed as it is: "наказания 130.1"
    ru_does: str
    slack_only: bool = False  # e.g. `/tip digest`: the terminal has `tip-bot digest` instead
    featured: bool = False  # named in the short "ask more" line under a digest

    def typed(self, lang: Lang) -> str:
        return self.ru_example if lang == "ru" else self.example

    def what(self, lang: Lang) -> str:
        return self.ru_does if lang == "ru" else self.does


QUERY_COMMANDS: tuple[QueryCommand, ...] = (
    QueryCommand(
        "penalties",
        "all Criminal Code penalties, as a table",
        "наказания",
        "все наказания по Уголовному кодексу, таблицей",
    ),
    QueryCommand(
        "penalties 130.1",
        "the penalty under one article (article 138 works too)",
        "наказания 130.1",
        "наказание по одной статье (работает и «статья 138»)",
        featured=True,
    ),
    QueryCommand(
        "shelters",
        "shelters for victims; victims 2009, cases 2008 for one year's figures",
        "приюты",
        "приюты для жертв; «жертвы 2009», «дела 2008» — цифры за один год",
        featured=True,
    ),
    QueryCommand("topics", "what the cable covers, by paragraph", "темы", "о чём телеграмма, по параграфам"),
    QueryCommand(
        "about",
        "what the cable is: office, date, subject, reference",
        "телеграмма",
        "что это за телеграмма: отправитель, дата, тема, ссылка",
    ),
    QueryCommand(
        "digest",
        "today's digest, only to you (digest next: tomorrow's)",
        "сводка",
        "сегодняшняя сводка, только вам («сводка завтра» — завтрашняя)",
        slack_only=True,
    ),
    QueryCommand("help", "this list", "помощь", "этот список", featured=True),
)
QUESTION: dict[Lang, str] = {
    "en": 'or a question        "who runs the shelters", "where are women trafficked to"',
    "ru": "или вопрос           «кто управляет приютами», «куда вывозят женщин»",
}
# buttons under the help; each answers as typed
EXAMPLES: dict[Lang, tuple[str, ...]] = {
    "en": ("penalties 130.1", "how many shelters are there", "topics"),
    "ru": ("наказания 130.1", "сколько приютов", "темы"),
}


def help_text(*, slack: bool = False, lang: Lang = "en") -> str:
    """The help answer: one line per command, aligned for a monospace block (terminal, Slack code block)."""
    rows = [c for c in QUERY_COMMANDS if (slack or not c.slack_only) and c.example != "help"]
    ask = "Ask about" if lang == "en" else "Спросите о"
    lines = [f"{ask} {CABLE_NAME[lang]}:"]
    lines += [f"  {c.typed(lang):<20} {c.what(lang)}" for c in rows]
    lines.append(f"  {QUESTION[lang]}")
    return "\n".join(lines)


_HOME_EXTRA: dict[Lang, tuple[str, str, str]] = {
    "en": (
        "• `/tip <question>`: an answer only you see, with *Share in channel* and *Show source* buttons",
        "• Send me a direct message: the same answers, here in Messages",
        "• Mention `@tip-bot <question>` in a channel I am in: I answer in the thread",
    ),
    "ru": (
        "• `/tip <вопрос>`: ответ, который видите только вы, с кнопками *Поделиться в канале* и *Показать источник*",
        "• Напишите мне в личные сообщения: те же ответы, здесь во вкладке Messages",
        "• Упомяните `@tip-bot <вопрос>` в канале, где я есть: я отвечу в ветке",
    ),
}


def home_commands(lang: Lang = "en") -> str:
    """The App Home's "Commands" section (Slack mrkdwn)."""
    first, dm, mention = _HOME_EXTRA[lang]
    lines = [first, *(f"• `/tip {c.typed(lang)}`: {c.what(lang)}" for c in QUERY_COMMANDS), dm, mention]
    return "\n".join(lines)


def ask_more(*, markup: bool = True, lang: Lang = "en") -> str:
    """The line under a digest post: where to ask more."""
    tick = "`" if markup else ""
    examples = ", ".join(f"{tick}/tip {c.typed(lang)}{tick}" for c in QUERY_COMMANDS if c.featured)
    if lang == "ru":
        return f"Спросите ещё через {tick}/tip{tick} — например, {examples}"
    return f"Ask more with {tick}/tip{tick} - e.g. {examples}"


HELP: dict[Lang, str] = {lang: help_text(lang=lang) for lang in LANGS}  # the core's help answer carries it
