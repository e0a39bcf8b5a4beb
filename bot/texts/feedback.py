"""The words of the feedback loop (issue 12) in English and Russian: the vote buttons, the 👎 modal,
"Thanks — noted", "Ask the curators", the curator post and the Curators section of App Home.
One `FeedbackWords` per language: a field missing on either side is a type error, not a blank."""

from __future__ import annotations

from dataclasses import dataclass

from bot.lang import Lang


@dataclass(frozen=True)
class FeedbackWords:
    helpful: str  # the 👍 button
    not_helpful: str  # the 👎 button
    thanks: str  # in place of the buttons once voted
    thanks_tally: str  # a channel post keeps its buttons for others: "{up} 👍 · {down} 👎"
    modal_title: str  # at most 24 characters (Slack's limit for a modal title)
    modal_label: str
    modal_hint: str
    modal_submit: str
    modal_close: str
    too_long: str  # "{n}" the limit
    ask_curators: str  # the button on a miss
    sent_to_curators: str  # "{channel}" a <#C…> link
    not_sent: str  # the curator post failed
    curator_post: str  # "{who}" a <@U…> mention: the header of the post in the curator channel
    curator_suggestions: str  # before the bot's best suggestions
    curator_no_suggestions: str


FEEDBACK: dict[Lang, FeedbackWords] = {
    "en": FeedbackWords(
        helpful="👍 Helpful",
        not_helpful="👎 Not helpful",
        thanks="Thanks — noted.",
        thanks_tally="Thanks — noted. {up} 👍 · {down} 👎",
        modal_title="Feedback",
        modal_label="What was missing or wrong?",
        modal_hint="Optional, at most 500 characters. Your 👎 is counted either way.",
        modal_submit="Send",
        modal_close="Skip",
        too_long="At most {n} characters, please.",
        ask_curators="Ask the curators",
        sent_to_curators="Sent to the curators in {channel}. Thank you.",
        not_sent="Sorry, I could not reach the curators just now. Please try again later.",
        curator_post="{who} asked something the cable base could not answer:",
        curator_suggestions="The bot's best suggestions:",
        curator_no_suggestions="The bot had no suggestion.",
    ),
    "ru": FeedbackWords(
        helpful="👍 Полезно",
        not_helpful="👎 Не помогло",
        thanks="Спасибо — учтено.",
        thanks_tally="Спасибо — учтено. {up} 👍 · {down} 👎",
        modal_title="Отзыв",
        modal_label="Чего не хватило или что неверно?",
        modal_hint="Необязательно, не больше 500 символов. Ваш 👎 уже учтён.",
        modal_submit="Отправить",
        modal_close="Пропустить",
        too_long="Не больше {n} символов, пожалуйста.",
        ask_curators="Спросить кураторов",
        sent_to_curators="Отправлено кураторам в {channel}. Спасибо.",
        not_sent="Не удалось связаться с кураторами. Попробуйте позже.",
        curator_post="{who} спросил(а) то, чего нет в базе фактов:",
        curator_suggestions="Лучшие подсказки бота:",
        curator_no_suggestions="Подсказок у бота не было.",
    ),
}


def feedback_words(lang: str) -> FeedbackWords:
    return FEEDBACK["ru" if lang == "ru" else "en"]


@dataclass(frozen=True)
class CuratorWords:
    """The Curators section of App Home (shown to CURATORS) and `tip-bot stats`: for curators, in English."""

    header: str = "Curators"
    period: str = "Last {days} days: {questions} questions, {answered} answered ({share})."
    none: str = "No questions in the last {days} days."
    top_misses: str = "*Most asked, not answered*"
    no_misses: str = "No unanswered questions."
    downvoted: str = "*Facts with the most 👎*"
    no_downvotes: str = "No 👎 yet."
    log_off: str = "The usage log is off (USAGE_LOG=off): nothing to show."
    unavailable: str = "The database is not answering just now: {why}"


CURATOR_WORDS = CuratorWords()
