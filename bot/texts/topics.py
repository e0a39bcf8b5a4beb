"""The facts' topics as a reader types them: the English name is the topic id with spaces; the Russian
names are queries that answer with that topic's facts as typed (tests/test_i18n_texts.py asks each)."""

from __future__ import annotations

from bot.lang import Lang

TOPICS_RU: dict[str, str] = {
    "about": "телеграмма",
    "sources": "источники информации",
    "destinations": "страны назначения",
    "victims": "жертвы",
    "labor": "форма торговли людьми",
    "cotton": "хлопок",
    "conditions": "условия",
    "vulnerability": "уязвимость",
    "traffickers": "торговцы людьми",
    "routes": "маршруты",
    "recognition": "признание проблемы",
    "agencies": "государственные органы",
    "limitations": "ограничения",
    "monitoring": "мониторинг",
    "identity-documents": "документы",
    "data": "данные",
    "laws": "законы",
    "penalties": "наказания",
    "statistics": "статистика",
    "training": "обучение",
    "cooperation": "сотрудничество",
    "extradition": "экстрадиция",
    "complicity": "соучастие чиновников",
    "demand": "спрос",
    "witness-protection": "защита свидетелей",
    "shelters": "приюты",
    "services": "услуги",
    "foreign-victims": "иностранные жертвы",
    "long-term-care": "долгосрочная помощь",
    "referral": "перенаправление жертв",
    "identification": "выявление жертв",
    "victim-rights": "права жертв",
    "investigation": "расследование",
    "repatriation": "репатриация",
    "organisations": "организации",
    "prevention": "профилактика",
    "partnerships": "партнёрство",
    "international-assistance": "международная помощь",
}


def topic_name(topic: str, lang: Lang = "en") -> str:
    """What to type for a topic: 'witness protection' / 'защита свидетелей' (the id itself if unnamed)."""
    if lang == "ru" and topic in TOPICS_RU:
        return TOPICS_RU[topic]
    return topic.replace("-", " ")
