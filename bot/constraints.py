"""What a question constrains besides its topic, in both languages: places, measures, comparisons, totals.

One lexicon per kind, each entry listing its English and Russian words; matching is on Snowball stems, so
inflected forms (`Узбекистане`, `convictions`) are found. What a *fact* satisfies is read from the fact
itself (its English text for places, its data rows for measures), so the rules are the same whatever the
language of the question. Years and articles come from the parser (bot.query).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache

from bot.facts import CasesData, Fact, PenaltyData, VictimsData
from bot.lang import Lang, is_cyrillic, script, stem, stopwords

# place key -> (parent key or "", English words, Russian words). Tajikistan itself is never a constraint.
PLACES: dict[str, tuple[str, str, str]] = {
    "russia": ("", "russia russian russians", "россия россии россию российский российской рф"),
    "moscow": ("russia", "moscow", "москва москве москву"),
    "kazakhstan": ("", "kazakhstan kazakh", "казахстан казахстане казахский"),
    "kyrgyzstan": ("", "kyrgyz kyrgyzstan", "киргизия кыргызстан киргизии кыргызстане киргизский"),
    "bishkek": ("kyrgyzstan", "bishkek", "бишкек бишкеке"),
    "uae": ("", "emirates emirati arab", "оаэ эмираты эмиратах эмиратов арабские"),
    "dubai": ("uae", "dubai", "дубай дубае дубаи"),
    "abu-dhabi": ("uae", "dhabi", "абу-даби даби"),
    "turkey": ("", "turkey turkish", "турция турции турецкий"),
    "afghanistan": ("", "afghanistan afghan afghans", "афганистан афганистане афганский"),
    "kabul": ("afghanistan", "kabul", "кабул кабуле"),
    "pakistan": ("", "pakistan pakistani", "пакистан пакистане"),
    "uzbekistan": ("", "uzbekistan uzbek uzbeks", "узбекистан узбекистане узбекский узбекской"),
    "turkmenistan": ("", "turkmenistan turkmen", "туркменистан туркмения"),
    "china": ("", "china chinese", "китай китае китайский"),
    "iran": ("", "iran iranian", "иран иране"),
    "india": ("", "india indian", "индия индии"),
    "ukraine": ("", "ukraine ukrainian", "украина украине"),
    "belarus": ("", "belarus belarusian", "беларусь белоруссия"),
    "moldova": ("", "moldova", "молдова молдавия"),
    "azerbaijan": ("", "azerbaijan", "азербайджан"),
    "georgia": ("", "georgia", "грузия грузии"),
    "armenia": ("", "armenia", "армения армении"),
    "mongolia": ("", "mongolia", "монголия"),
    "europe": ("", "europe european", "европа европе европейский"),
    "germany": ("", "germany german", "германия германии"),
    "thailand": ("", "thailand", "таиланд"),
    "israel": ("", "israel", "израиль"),
    "saudi": ("", "saudi", "саудовская аравия"),
    "korea": ("", "korea korean", "корея корее"),
    "japan": ("", "japan", "япония"),
    "usa": ("", "america american", "сша америка"),
    "sughd": ("", "sughd sogd", "согд согдийская согдийской сугд"),
    "khujand": ("sughd", "khujand khujant", "худжанд худжанде"),
    "khatlon": ("", "khatlon", "хатлон хатлонская хатлонской"),
    "kulob": ("khatlon", "kulob kulyab", "куляб кулоб"),
    "gbao": ("", "gbao badakhshan", "гбао бадахшан"),
    "khorog": ("gbao", "khorog", "хорог хороге"),
    "hissar": ("", "hissar", "гиссар гиссаре"),
    "pakhtabad": ("", "pakhtabad pakhtaabad", "пахтабад"),
}

# dimension -> value -> (English words, Russian words). A question names a value; a fact satisfies what
# its data says (see fact_measures). Words are stemmed before matching.
MEASURE_WORDS: dict[str, dict[str, tuple[str, str]]] = {
    "case": {
        "opened": (
            "opened open opening investigations investigation investigated initiated",
            "возбуждено возбуждены возбудили возбуждённых возбужденных открыто открыли расследование",
        ),
        "prosecuted": (
            "prosecuted prosecution prosecutions prosecute prosecuting",
            "преследование преследования преследовании привлечено привлечены обвинение обвинения",
        ),
        "convicted": (
            "convicted conviction convictions convict convicts",
            "осуждено осуждены осуждённых осужденных осуждения осуждение приговор приговоры приговорено осудили"
            " осудить осуждён осужден посадили",
        ),
    },
    "penalty": {
        "imposed": (
            "imposed handed meted actual actually received served",
            "назначенные назначено назначены назначили вынесенные вынесено вынесены вынесли фактически реально"
            " получили",
        ),
        "prescribed": ("prescribed punishable", "предусмотрено предусмотренные предусматривает"),
    },
    "victim": {
        "identified": (
            "identified identify identifying",
            "выявлено выявлены выявленных выявили установлено опознано идентифицировано",
        ),
        "assisted": ("assisted assist assistance helped", "помощь помогли получили оказана оказали"),
    },
}
# A penalty measure counts only in a question about penalties (these words, stemmed).
PENALTY_WORDS = (
    "penalty penalties sentence sentences sentenced imprisonment jail prison punishment terms fine fines",
    "наказание наказания наказаний приговор срок сроки лишение свободы заключение тюрьма штраф",
)
VICTIM_WORDS = ("victim victims", "жертва жертвы жертв жертвам пострадавшие пострадавших")
COMPARE_WORDS = (
    "vs versus compared compare comparison between increase increased decrease decreased rise rose fall"
    " fell change changed trend up down fewer difference",
    "сравнению сравнить сравнении против рост выросло выросли увеличилось уменьшилось снизилось "
    "изменилось больше меньше динамика разница",
)
# A question about who holds a role ("who heads the MVD unit"): only facts that name a role-holder answer it.
PERSON_WORDS = (
    "head heads headed chief director chairman chairs chaired chairwoman minister ministers deputy leader"
    " ambassador name names named",
    "глава возглавляет руководит руководитель руководят председатель министр директор начальник заместитель лидер"
    " посол зовут имя имена фамилия фамилии",
)
# An office the question names (not one of the role words above): a role-holder fact answers only if it names
# that office beside its person ("the name of the commission's secretary" is not the missing chairman's fact).
OFFICE_WORDS = (
    "secretary secretaries prosecutor prosecutors spokesman spokesperson",
    "секретарь секретаря секретарём прокурор прокурора",
)
# Who case and victim figures count: "how many traffickers were convicted" is answered by "25 individuals".
COUNTED_PEOPLE = (
    "people persons person individuals traffickers defendants offenders suspects perpetrators criminals victims"
    " women men children minors girls boys adults",
    "людей человек лиц лица торговцев обвиняемых осуждённых осужденных преступников подозреваемых жертв жертвы"
    " пострадавших женщин мужчин детей несовершеннолетних девушек девочек мальчиков взрослых",
)
WHO_WORDS = frozenset({"who", "whos", "кто"})  # ... with an office within three words after it
# A former holder of a role ("who chaired the commission before 2009"): the cable names none.
FORMER_WORDS = (
    "before former formerly previous previously prior predecessor earlier until",
    "до раньше прежний прежнего прежде бывший бывшего предыдущий предыдущего предшественник",
)
PERSON_FACT_WORDS = frozenset({"rahmon", "chairman"})  # the cable's only named role-holders (staff are never named)
PERSON_FACT_WORDS_RU = frozenset({"рахмон", "председатель"})
PERSON_WINDOW = 3  # a role-holder fact answers about the words this close to its name or role word
# Personal contact details are never given (issue 9): a question for them is a miss with a note.
CONTACT_WORDS = (
    "phone telephone email mail fax mobile cellphone hotline hotlines",
    "телефон телефона почта почты email факс мобильный горячая горячей горячую",
)
# ... and so is an address, as typed ("addressed to G/TIP" is not one), used as a noun: after these words or
# before "of"/"for" ("the address of the shelter"), not as a verb ("how does the government address TIP")
ADDRESS_WORDS = frozenset({"address", "addresses", "адрес", "адреса", "адресу", "адресом"})
ADDRESS_BEFORE = frozenset(
    {"the", "an", "its", "their", "his", "her", "street", "postal", "home", "office", "mail", "email"}
)
SPEECH_WORDS = frozenset({"rahmon", "president", "presidential", "televised", "tv", "speech", "nationally"})
# A sum of money ("how many dollars", "budget in somoni"): only a fact that states an amount in a currency answers.
CURRENCY_WORDS = (
    "dollar dollars usd somoni euro euros ruble rubles rouble roubles budget budgets",
    "доллар доллара долларов долларах сомони евро рубль рублей рублях бюджет бюджета бюджете",
)
# How many people live somewhere: the cable gives no population figures. A population word, or "how many people
# live" (all three: "where do victims live" is a question about shelters).
POPULATION_WORDS = ("population populations inhabitants residents", "население населения жителей жители")
POPULATION_PHRASE = (
    ("many", "people", "live lives living reside"),
    ("сколько", "человек людей", "живет живут проживает проживают"),
)

# ... and so does "how much money/spent/cost", and a salary unless the question is about pay withheld.
MONEY_WORDS = (
    "money cost costs price pay paid funding funds fund financing grant grants donations",
    "денег деньги деньгами стоит стоило стоимость финансирование финансирования средств средства гранты",
)
SPEND_WORDS = ("spend spent spending", "потратили потрачено тратят")  # money, unless hours or days were spent
TIME_WORDS = (
    "hour hours day days week weeks month months year years time",
    "час часа часов день дня дней неделя недели недель месяц месяца месяцев год года лет время",
)
MUCH_WORDS = ("much", "сколько")
SALARY_WORDS = ("salary salaries", "зарплата зарплаты зарплату зарплате жалованье оклад")
UNPAID_WORDS = (
    "unpaid pay not no without refuse refused withheld withhold",  # "unpaid" is read as "pay"
    "невыплата невыплаты не без задержка задерживают",
)

# Greetings and thanks: never a topic ("hello, how many victims in 2009"); a query of only these, the chat words
# after them and stop words is small talk ("hi", "привет как дела"), answered with a greeting and examples.
GREETING_WORDS = (
    "hi hello hey hiya howdy greetings thanks thank thx cheers bye goodbye",
    "привет приветствую здравствуйте здравствуй спасибо благодарю салом ассалому алейкум",
)
SMALL_TALK_WORDS = (
    "morning afternoon evening ok okay good great fine nice doing",
    "добрый доброе доброго день утро вечер пока дела поживаешь хорошо отлично ок",
)
TOTAL_WORDS = ("total totals overall altogether combined sum all", "всего итого общее общей сумма вместе")


def _stems(words: str, lang: Lang) -> frozenset[str]:
    return frozenset(stem(w, lang) for w in words.split())


@cache
def _place_stems() -> dict[str, str]:
    """stem -> place key, both languages."""
    out: dict[str, str] = {}
    for key, (_, en, ru) in PLACES.items():
        for w in en.split():
            out[stem(w, "en")] = key
        for w in ru.split():
            out[stem(w, "ru")] = key
    return out


@cache
def _measure_stems() -> dict[str, tuple[str, str]]:
    """stem -> (dimension, value), both languages."""
    out: dict[str, tuple[str, str]] = {}
    for dim, values in MEASURE_WORDS.items():
        for value, (en, ru) in values.items():
            for s in _stems(en, "en") | _stems(ru, "ru"):
                out.setdefault(s, (dim, value))
    return out


@cache
def _word_set(name: str) -> frozenset[str]:
    en, ru = {
        "penalty": PENALTY_WORDS,
        "victim": VICTIM_WORDS,
        "compare": COMPARE_WORDS,
        "total": TOTAL_WORDS,
        "person": PERSON_WORDS,
        "office": OFFICE_WORDS,
        "counted_people": COUNTED_PEOPLE,
        "former": FORMER_WORDS,
        "contact": CONTACT_WORDS,
        "currency": CURRENCY_WORDS,
        "population": POPULATION_WORDS,
        "money": MONEY_WORDS,
        "much": MUCH_WORDS,
        "time": TIME_WORDS,
        "spend": SPEND_WORDS,
        "salary": SALARY_WORDS,
        "unpaid": UNPAID_WORDS,
        "greeting": GREETING_WORDS,
        "small_talk": SMALL_TALK_WORDS,
    }[name]
    return _stems(en, "en") | _stems(ru, "ru")


PERSON_STEMS = _word_set("person")
OFFICE_STEMS = _word_set("office")
COUNTED_PEOPLE_STEMS = _word_set("counted_people")
MEASURE_STEMS = frozenset(_measure_stems())


def asks_penalty(words: tuple[str, ...], lang: Lang) -> bool:
    """Whether a question asks for a penalty ("art. 132 penalty", "наказание по ст. 167")."""
    return not _word_set("penalty").isdisjoint(stem(w, script(w, lang)) for w in words)


def qualifies_penalty(term: str) -> bool:
    """Whether a stemmed word only says which penalties are meant ("imposed", "actually", "назначенные"):
    read as the measure, it is not a topic word to match."""
    return _measure_stems().get(term, ("", ""))[0] == "penalty"


@cache
def _place_stem_set() -> frozenset[str]:
    return frozenset(_place_stems())


def place_of(term: str) -> str | None:
    return _place_stems().get(term)


@cache
def _place_words() -> dict[tuple[str, int], tuple[str, ...]]:
    """The places' words as written, by first letter and length (a misspelt place keeps its first letter)."""
    out: dict[tuple[str, int], list[str]] = {}
    for _, en, ru in PLACES.values():
        for w in (*en.split(), *ru.split()):
            out.setdefault((w[0], len(w)), []).append(w)
    return {k: tuple(ws) for k, ws in out.items()}


def fold_places(words: tuple[str, ...], known: Callable[[str], bool]) -> tuple[str, ...]:
    """Each word one slip away from a place's word (same first letter; "Rusia", "Duaai", "Uzbekstan") read as that
    word, so a misspelt place is the place constraint it names, never a topic word corrected to something else.
    A word the fact base knows stays itself ("Imran" is not "Iran")."""
    table = _place_stems()
    lengths = _place_words()
    out = []
    for w in words:
        near = [p for n in (len(w) - 1, len(w), len(w) + 1) for p in lengths.get((w[0], n), ())]
        if near and len(w) >= PLACE_TYPO_MIN and stem(w, "ru" if is_cyrillic(w) else "en") not in table:
            hit = next((p for p in near if one_slip(w, p)), None)
            if hit is not None and not known(w):
                w = hit
        out.append(w)
    return tuple(out)


def one_slip(a: str, b: str) -> bool:
    """Whether two words are at most one slip apart (a letter dropped, added, replaced, or two swapped): the
    bounded Damerau-Levenshtein check a place needs, without importing rapidfuzz on every cold start."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1 or len(set(a) ^ set(b)) > 2:  # one slip changes at most two letters' presence
        return False
    i = next((k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    if len(a) == len(b):
        swapped = i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]
        return a[i + 1 :] == b[i + 1 :] or swapped
    return a[i + 1 :] == b[i:] if len(a) > len(b) else a[i:] == b[i + 1 :]


@cache
def constraint_stems() -> frozenset[str]:
    """Every stem that names a constraint (a measure, a penalty, a sum, a role, a contact detail, a greeting …):
    a misspelt one is read as it before the constraints are, so "cases opned in 2007" asks for cases opened."""
    names = "penalty victim compare total person office former contact currency population money salary greeting"
    names += " small_talk counted_people"
    return frozenset(_measure_stems()).union(*(_word_set(n) for n in names.split()))


PLACE_TYPO_MIN = 5  # a shorter word is never read as a misspelt place ("rust" is not "russia")


def places_in(words: list[str] | tuple[str, ...], lang: Lang) -> tuple[str, ...]:
    """The place keys a list of (normalised) words names, in order."""
    table = _place_stems()
    found = [table[s] for w in words if (s := stem(w, lang)) in table]
    return tuple(dict.fromkeys(found))


def place_family(key: str) -> frozenset[str]:
    """A place, its parent and its children: "uae" is met by a fact about Dubai and the other way round."""
    parent = PLACES[key][0]
    family = {key, *(k for k, v in PLACES.items() if v[0] == key)}
    if parent:
        family.add(parent)
    return frozenset(family)


def place_country(key: str) -> str:
    """The country (or region) a place is in: Dubai is in the UAE."""
    return PLACES[key][0] or key


ABBREVIATED = frozenset({"сша", "gbao", "гбао"})  # names written in capitals; "Согд" is a name, not one of them


def place_name(key: str, lang: Lang) -> str:
    """The place as the question's language names it (its first word, capitalised)."""
    _, en, ru = PLACES[key]
    if key == "uae":
        return "the UAE" if lang == "en" else "ОАЭ"
    word = (ru if lang == "ru" else en).split()[0]
    return word.upper() if word in ABBREVIATED else word.capitalize()


@dataclass(frozen=True)
class Constraints:
    """What a question asks for besides its topic (years and articles come with the Query)."""

    places: tuple[str, ...] = ()
    measures: dict[str, str] = field(default_factory=dict)  # dimension -> value
    compare: bool = False
    total: bool = False
    person: bool = False  # asks who holds a role
    former: bool = False  # ... held it before ("who chaired the commission before February 2009")
    contact: bool = False  # asks for a phone number or e-mail address
    amount: bool = False  # asks for a sum of money in a currency
    population: bool = False  # asks how many people live somewhere
    constraint_words: frozenset[str] = frozenset()  # words that named a place, measure or role (not topic words)


def constraints(words: tuple[str, ...], lang: Lang) -> Constraints:
    stems = [stem(w, lang) for w in words]
    sset = set(stems)
    content = {s for w, s in zip(words, stems, strict=True) if not stopwords(w)}
    measures: dict[str, str] = {}
    named: set[str] = set()
    table = _measure_stems()
    places = _place_stems()
    person_words = _word_set("person")
    several: set[str] = set()
    qualifiers = _word_set("compare") | _word_set("total")
    for w, s in zip(words, stems, strict=True):
        if s in qualifiers:
            named.add(w)  # "down", "overall": read as a comparison or total, never an unknown topic word
        if s in places:
            named.add(w)
        if s in person_words and not stopwords(w):  # "им" (them) stems like "имя" (name)
            named.add(w)
        if s in table:
            dim, value = table[s]
            if dim == "penalty" and not sset & _word_set("penalty"):
                continue  # "handed", "received" mean nothing without a penalty word
            if dim == "victim" and not sset & _word_set("victim"):
                continue
            if measures.setdefault(dim, value) != value:
                several.add(dim)  # "cases opened, prosecutions, convictions": every value is asked for
            named.add(w)
    return Constraints(
        places=places_in(_not_beside(words, lang), lang),
        measures={dim: value for dim, value in measures.items() if dim not in several},
        compare=bool(sset & _word_set("compare")),
        total=bool(sset & _word_set("total")),
        person=_asks_person(words, content),
        former=_asks_person(words, content) and bool(sset & _word_set("former")),
        contact=bool(sset & _word_set("contact")) or _asks_address(words),
        amount=_asks_amount(sset),
        population=bool(sset & _word_set("population")) or _asks_population(sset),
        constraint_words=frozenset(named),
    )


@cache
def _population_phrase() -> tuple[tuple[frozenset[str], ...], ...]:
    langs: tuple[Lang, Lang] = ("en", "ru")
    return tuple(
        tuple(_stems(part, lang) for part in parts) for parts, lang in zip(POPULATION_PHRASE, langs, strict=True)
    )


def _asks_person(words: tuple[str, ...], stems: set[str]) -> bool:
    """A role word ("who heads …", "name of …"), or "who is/was" with an office ("who is the Prosecutor General")."""
    if stems & _word_set("person"):
        return True
    office = _word_set("office")
    return any(
        w in WHO_WORDS and any(stem(v, "ru" if is_cyrillic(v) else "en") in office for v in words[k + 1 : k + 4])
        for k, w in enumerate(words)
    )


def _asks_address(words: tuple[str, ...]) -> bool:
    if not SPEECH_WORDS.isdisjoint(words):  # "Rahmon's televised address": the cable's address is a speech
        return False
    for k, w in enumerate(words):
        if w in ADDRESS_WORDS:
            before = words[k - 1] if k else ""
            after = words[k + 1] if k + 1 < len(words) else ""
            if is_cyrillic(w) or before in ADDRESS_BEFORE or after in ("of", "for", "") or k == 0:
                return True
    return False


def _asks_amount(stems: set[str]) -> bool:
    """A currency; "how much" with money, spending or cost; a salary (not salaries withheld)."""
    if stems & _word_set("currency"):
        return True
    if stems & _word_set("much") and stems & _word_set("money"):
        return True
    if stems & _word_set("much") and stems & _word_set("spend") and not stems & _word_set("time"):
        return True  # ... but hours spent are not a sum
    return bool(stems & _word_set("salary")) and not stems & _word_set("unpaid")


def _asks_population(stems: set[str]) -> bool:
    return any(all(stems & part for part in parts) for parts in _population_phrase())


# A rate's period: "per week", "a day", "в месяц", "weekly". The key is how a note names it.
PERIODS: dict[str, tuple[str, str]] = {
    "day": (r"(?:per|a|each|every)\s+day|daily", r"в\s+день|ежедневно|сутки"),
    "week": (r"(?:per|a|each|every)\s+week|weekly", r"в\s+неделю|еженедельно"),
    "month": (r"(?:per|a|each|every)\s+month|monthly", r"в\s+месяц|ежемесячно"),
    "year": (r"(?:per|a|each|every)\s+year|yearly|annually|annual", r"в\s+год|ежегодно"),
}
_PERIOD = {key: re.compile(rf"\b(?:{en}|{ru})\b", re.IGNORECASE) for key, (en, ru) in PERIODS.items()}


def periods_in(text: str) -> set[str]:
    """The rate periods a text names ("20 liters of petrol a month" -> {"month"})."""
    return {key for key, rx in _PERIOD.items() if rx.search(text)}


REPORT_YEAR = 2010  # the cable is the input to the 2010 TIP Report: other years' reports are not in it
_REPORT_OF_YEAR = re.compile(
    r"\b((?:19|20)\d\d)(?:\s+(?:tip|trafficking|in|persons|года|г))*\s+(?:reports?|доклад\w*|отч[её]т\w*)\b"
    r"|\b(?:reports?|доклад\w*|отч[её]т\w*)(?:\s+(?:tip|on|of|for|за|о|по|торговле|людьми|trafficking))*\s+"
    r"((?:19|20)\d\d)\b",
    re.IGNORECASE,
)


def other_report(raw: str) -> int | None:
    """The year of a TIP Report other than the cable's own that a question asks about ("what did the 2009 TIP
    report say", "доклад за 2008 год"), or None."""
    for m in _REPORT_OF_YEAR.finditer(raw):
        year = int(m.group(1) or m.group(2))
        tip = re.search(r"tip|trafficking|торговл|доклад", m.group(0), re.IGNORECASE)  # not "IOM's 2009 report"
        if year != REPORT_YEAR and tip:
            return year
    return None


def small_talk(words: tuple[str, ...], lang: Lang) -> bool:
    """Whether the words are only a greeting or thanks ("hi", "привет как дела", "thanks!")."""
    chat = _word_set("small_talk") | _word_set("greeting")
    content = [w for w in words if not stopwords(w)]
    return bool(content) and all(stem(w, lang) in chat for w in content)


def greeting(term: str) -> bool:
    """Whether a stemmed word is a greeting or thanks (dropped from matching like a stop word)."""
    return term in _word_set("greeting")


def fact_states_amount(fact: Fact) -> bool:
    """Whether a fact's English text gives a sum in a currency (a number next to a currency word)."""
    words = _WORD.findall(f"{fact.title} {fact.answer}".casefold())
    money = _stems(CURRENCY_WORDS[0], "en")
    return any(
        stem(w, "en") in money and any(x.isdigit() for x in words[max(0, k - 2) : k + 3]) for k, w in enumerate(words)
    )


# A country named beside these words is a border or an actor ("near the Uzbek border", "посольство США"), not
# where the question is about.
BESIDE_WORDS = ("border borders embassy embassies", "граница границы границе границей посольство посольства посольству")


def _not_beside(words: tuple[str, ...], lang: Lang) -> list[str]:
    """The words without the place words that stand next to a border or embassy word."""
    beside = _stems(BESIDE_WORDS[0], "en") | _stems(BESIDE_WORDS[1], "ru")
    marks = [stem(w, lang) in beside for w in words]
    return [w for k, w in enumerate(words) if not any(marks[max(0, k - 1) : k + 2])]


def fact_names_person(terms: Iterable[str]) -> bool:
    """Whether a fact (its English index terms) names a role-holder or says the role is empty: what a
    "who heads …" question needs."""
    return not _person_fact_stems().isdisjoint(terms)


@cache
def _person_fact_stems() -> frozenset[str]:
    return frozenset(stem(w, "en") for w in PERSON_FACT_WORDS)


def person_context(texts: list[str], lang: Lang) -> frozenset[str]:
    """The stems within PERSON_WINDOW words of a role-holder's name or role in a fact's texts: what the fact says
    about *that* person ("President Rahmon", "Commission … no Chairman"), so "name of the prosecutor general" is not
    answered by a fact that names the Commission's Chairman and, elsewhere, the Prosecutor General's Office."""
    marks = _person_fact_stems() if lang == "en" else frozenset(stem(w, "ru") for w in PERSON_FACT_WORDS_RU)
    near: set[str] = set()
    for text in texts:
        stems = [stem(w, lang) for w in _WORD.findall(text.casefold())]
        for k, s in enumerate(stems):
            if s in marks:
                near.update(stems[max(0, k - PERSON_WINDOW) : k + PERSON_WINDOW + 1])
    return frozenset(near)


_WORD = re.compile(r"[^\W_]+")


def fact_places(fact: Fact, terms: Iterable[str]) -> frozenset[str]:
    """The places a fact names: in its English index terms (title, answer, aliases, keywords) or its data."""
    table = _place_stems()
    found = {table[t] for t in _place_stem_set().intersection(terms)}
    if found:  # most facts name no place: nothing to take out
        found -= _border_only(f"{fact.title}. {fact.answer}")
    if fact.data is not None:
        words = _WORD.findall(" ".join(_data_strings(fact.data.model_dump())).casefold())
        found.update(places_in(words, "en"))
    return frozenset(found) if found else _NO_PLACES


_NO_PLACES: frozenset[str] = frozenset()  # shared: most facts name none (one object, not one a fact)


_BORDER = re.compile(r"(\w+)\s+border|border\s+with\s+(\w+)", re.IGNORECASE)
_BORDER_WORD = re.compile("border", re.IGNORECASE)  # a cheap scan first: most facts never say "border"


def _border_only(text: str) -> frozenset[str]:
    """Places the text names only as a border ("Pakhtabad, near the Uzbek border"): the fact is about this side
    of it, so it says nothing about that country ("children picking cotton in Uzbekistan")."""
    if not _BORDER_WORD.search(text):
        return frozenset()
    table = _place_stems()
    at_border = {
        table[s] for m in _BORDER.finditer(text) for w in m.groups() if w and (s := stem(w.casefold(), "en")) in table
    }
    elsewhere = {table[s] for w in _WORD.findall(_BORDER.sub(" ", text).casefold()) if (s := stem(w, "en")) in table}
    return frozenset(at_border - elsewhere)


def _data_strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _data_strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _data_strings(v)]
    return []


def fact_measures(fact: Fact) -> dict[str, frozenset[str]]:
    """dimension -> the values a fact gives figures for. Dimensions a fact has no figures on are absent."""
    out: dict[str, frozenset[str]] = {}
    data = fact.data
    if isinstance(data, CasesData):
        out["case"] = frozenset(r.measure for r in data.rows)
    if isinstance(data, PenaltyData) or fact.topic == "penalties":
        out["penalty"] = frozenset({"prescribed"})
    if isinstance(data, VictimsData):
        words = set(_WORD.findall(fact.answer.casefold()))
        out["victim"] = frozenset(v for v in ("identified", "assisted") if v in words) or frozenset({"assisted"})
    return out
