"""The cable's paragraph headings, as the cable gives them (25-28), and in Russian; 29 and 30 lost theirs
in the text, so these name what their items cover."""

from __future__ import annotations

from bot.lang import Lang

HEADINGS: dict[str, str] = {
    "25": "Tajikistan's TIP Situation",
    "26": "Background to Government's Anti-TIP Efforts",
    "27": "Investigation and Prosecution",
    "28": "Protection and Assistance to Victims",
    "29": "Prevention",
    "30": "Partnerships",
}
HEADINGS_RU: dict[str, str] = {
    "25": "Ситуация с торговлей людьми в Таджикистане",
    "26": "Предпосылки усилий правительства по борьбе с торговлей людьми",
    "27": "Расследование и уголовное преследование",
    "28": "Защита жертв и помощь им",
    "29": "Профилактика",
    "30": "Партнёрство",
}
CABLE_HEADER: dict[Lang, str] = {"en": "The cable itself", "ru": "Сама телеграмма"}  # section "cable"


def heading(paragraph: str, lang: Lang = "en") -> str | None:
    return (HEADINGS_RU if lang == "ru" else HEADINGS).get(paragraph)


def paragraph_label(paragraph: str, lang: Lang = "en") -> str:
    """'¶26 Background to Government's Anti-TIP Efforts'; the cable header for 'cable'."""
    if paragraph == "cable":
        return CABLE_HEADER[lang]
    name = heading(paragraph, lang)
    return f"¶{paragraph} {name}" if name else f"¶{paragraph}"
