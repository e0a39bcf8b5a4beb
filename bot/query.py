"""Parse a query before any fuzzy matching: language, command word, article numbers, years, and the words.

Numbers are never matched fuzzily: "130.1", "Art 130-1" and "art. 130.1" are article 130.1; "130" is a
different article. Years (19xx/20xx) select that year's figures. Slack's escaping of the three characters
it escapes (&amp; &lt; &gt;) is undone first, so `women &amp; children` is `women & children` here and a
renderer escapes the echo exactly once. Everything else is plain text: mentions and unicode are characters.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from bot.answer import MAX_QUERY
from bot.lang import Lang, detect

# Command words; a query is in command form only when it holds a command word and nothing but numbers.
COMMANDS: dict[str, str] = {
    "penalties": "penalties",
    "penalty": "penalties",
    "punishments": "penalties",
    "sentences": "penalties",
    "article": "article",
    "articles": "article",
    "art": "article",
    "shelters": "shelters",
    "shelter": "shelters",
    "victims": "victims",
    "victim": "victims",
    "cases": "cases",
    "case": "cases",
    "topics": "topics",
    "topic": "topics",
    "help": "help",
    "commands": "help",
    "about": "about",
    # Russian command words (a query in command form: the word alone, numbers aside)
    "наказания": "penalties",
    "наказание": "penalties",
    "статья": "article",
    "статьи": "article",
    "ст": "article",
    "приюты": "shelters",
    "приют": "shelters",
    "жертвы": "victims",
    "жертв": "victims",
    "дела": "cases",
    "дел": "cases",
    "темы": "topics",
    "помощь": "help",
    "справка": "help",
    "команды": "help",
    "телеграмма": "about",
    "телеграмме": "about",
}
# Words that introduce an article number ("art. 130.1", "article 138", "§ 167", Russian "ст. 130").
ARTICLE_WORDS = frozenset(
    {"article", "articles", "art", "arts", "st", "ст", "статья", "статьи", "статье", "статьей", "статьёй", "§"}
)

# British and other spellings folded to the ones the fact files use.
SPELLING = {
    "labour": "labor",
    "labourers": "laborers",
    "organised": "organized",
    "organisation": "organization",
    "organisations": "organizations",
    "offence": "offense",
    "offences": "offenses",
    "centre": "center",
    "centres": "centers",
    "programme": "program",
    "programmes": "programs",
    "litres": "liters",
    "litre": "liter",
    "clients": "customers",
    "client": "customer",
    "kirgiz": "kyrgyz",
    "kirghiz": "kyrgyz",
    "kyrgyzstan": "kyrgyz",
    "uae": "emirates",
    "tip": "trafficking",
    "tajik": "tajikistan",
    # the legal and everyday words people use for the cable's own terms
    "jail": "imprisonment",
    "jails": "imprisonment",
    "jailed": "imprisonment",
    "prison": "imprisonment",
    "prisons": "imprisonment",
    "sued": "sue",  # Snowball stems "sued" apart from "sue" ("su")
    "suing": "sue",
    "punished": "penalty",
    "punish": "penalty",
    "punishes": "penalty",
    "punishing": "penalty",
    "punishable": "penalty",
    "punishment": "penalty",
    "punishments": "penalty",
    "sentence": "penalty",
    "sentences": "penalty",
    "sentenced": "penalty",
    "sentencing": "penalty",
    "sell": "sale",
    "sells": "sale",
    "selling": "sale",
    "sold": "sale",
    "kids": "child",
    "kid": "child",
    "children": "child",
    "childrens": "child",
    # words for the cable's own terms: referral, discussions
    "refer": "referral",
    "referring": "referral",
    "referred": "referral",
    "refers": "referral",
    "talks": "discussions",
    "talk": "discussions",
    "talked": "discussions",
    "talking": "discussions",
    "complicit": "complicity",
    "negotiations": "discussions",
    "fuel": "petrol",
    "gasoline": "petrol",
    "maid": "servant",
    "maids": "servants",
    "wage": "pay",
    "wages": "pay",
    "paid": "pay",
    "payed": "pay",
    "unpaid": "pay",
    "papers": "documents",
    "emirati": "emirates",
    "govt": "government",
    "gov": "government",
    "prey": "target",
    "ngos": "ngo",
    "tj": "tajikistan",
    "stats": "statistics",
    "рт": "таджикистан",
}

# Irregular English verb forms, read as the verb (Snowball stems "made" apart from "make"): in the fact files and in
# questions alike. Not where the verb is a stop word ("found guilty" keeps its "found") or the form is also a noun.
IRREGULAR: dict[str, str] = {
    form: verb
    for verb, forms in {
        "arise": "arose arisen",
        "begin": "began begun",
        "bend": "bent",
        "break": "broke broken",
        "bring": "brought",
        "build": "built",
        "buy": "bought",
        "catch": "caught",
        "choose": "chose chosen",
        "come": "came",
        "deal": "dealt",
        "draw": "drew drawn",
        "drive": "drove driven",
        "fight": "fought",
        "flee": "fled",
        "forbid": "forbade forbidden",
        "forget": "forgot forgotten",
        "freeze": "froze frozen",
        "grow": "grew grown",
        "hide": "hid hidden",
        "hold": "held",
        "keep": "kept",
        "lead": "led",
        "lend": "lent",
        "lose": "lost",
        "make": "made",
        "meet": "met",
        "pay": "paid",
        "ride": "rode ridden",
        "run": "ran",
        "seek": "sought",
        "sell": "sold",
        "send": "sent",
        "shake": "shook shaken",
        "shoot": "shot",
        "sleep": "slept",
        "speak": "spoke spoken",
        "spend": "spent",
        "stand": "stood",
        "steal": "stole stolen",
        "strike": "struck stricken",
        "swear": "swore sworn",
        "take": "took taken",
        "teach": "taught",
        "tear": "tore torn",
        "throw": "threw thrown",
        "understand": "understood",
        "undertake": "undertook undertaken",
        "wear": "wore worn",
        "win": "won",
        "withdraw": "withdrew withdrawn",
        "write": "wrote written",
        "oversee": "oversaw overseen",
    }.items()
    for form in forms.split()
}

# Abbreviations in questions, spelled out (only in questions: the fact files spell out what they abbreviate).
ABBREVIATIONS: dict[str, str] = {
    "nap": "action plan",
    "nsc": "national security committee",
    "scns": "national security committee",
    "emboffs": "embassy officers",
    "emboff": "embassy officer",
    "dv": "domestic violence",
    "coc": "criminal code",  # the Criminal Code
    # US government shorthand for bodies the cable names
    "gotj": "government tajikistan",
    "pgo": "prosecutor general office",
    "doj": "department justice",
    "dhs": "homeland security",
    "mfa": "ministry foreign affairs",
    "минобразования": "министерство образования",
    "мид": "министерство иностранных дел",
    # Russian colloquial and clipped forms
    "трафикинг": "торговля людьми",
    "трафикинга": "торговли людьми",
    "трафикингу": "торговле людьми",
    "трафикингом": "торговлей людьми",
    "госорганы": "государственные органы",
    "госорганов": "государственных органов",
    "госорганах": "государственных органах",
    "госорганам": "государственным органам",
    "уг": "уголовные",
    "таджички": "таджикские женщины",
    "таджичек": "таджикских женщин",
    "таджичкам": "таджикским женщинам",
}

# Phrasal verbs folded to the cable's single word ("came back" is "returned"), after the spellings above.
PHRASAL: dict[tuple[str, str], str] = {
    (verb, "back"): "return"
    for verb in ("come", "comes", "came", "coming", "go", "goes", "went", "going", "brought", "bring", "brings", "sent")
}
PHRASAL |= {(verb, "home"): "return" for verb in ("come", "comes", "came", "coming", "go", "went", "brought", "sent")}
# ... "end up" where victims are taken: the destinations
PHRASAL |= {(verb, "up"): "destination" for verb in ("end", "ends", "ended", "ending", "wind", "winds", "wound")}
# ... "right now" is "now" (no topic), not rights
PHRASAL[("right", "now")] = "now"
# ... "shut down" is what the cable calls closed, "put together" compiled
PHRASAL |= {(verb, "down"): "closed" for verb in ("shut", "shuts", "shutting")}
PHRASAL |= {(verb, "together"): "compiled" for verb in ("put", "puts", "putting")}
# ... "pays for" what the cable calls funding ("who pays for the shelters")
PHRASAL |= {(verb, "for"): "fund" for verb in ("pays", "paying")}  # not "paid for picking cotton" (wages)
# ... and "trafficked to", "taken to" ask where: the destinations (the verb stays)
PHRASAL |= {(verb, "to"): f"{verb} destination" for verb in ("trafficked", "taken", "sent", "smuggled", "moved")}

# Phrases that ask for a number: facts carrying figures come first.
COUNT_PHRASES = (
    "how many",
    "how much",
    "number of",
    "how often",
    "figures",
    "сколько",
    "скольких",
    "скольким",
    "сколькими",
    "число",
    "количество",
    "цифры",
    "percent",
    "percentage",
    "процент",
    "процентов",
)

_DEGREE = re.compile(r" how (?:much|far) (?=(?:can|could|do|does|did|is|are|was|were|should|would|will|has|have) )")
_NUMBER = re.compile(r"(?<![\d.])(\d{1,5})(?:([.\-‐‑–,/])(\d{1,2}))?(?![\d])")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_LEADING_COMMAND = re.compile(r"^\s*/\s*tip\b[\s:,]*", re.IGNORECASE)
_MARKUP = re.compile(r"<[!@#][^>]*>")  # Slack mentions and broadcasts: dropped for matching, never acted on


@dataclass(frozen=True)
class ArticleRef:
    """An article number as typed. explicit: written as an article (word before it, or a x.y form)."""

    number: str
    explicit: bool


@dataclass(frozen=True)
class Query:
    raw: str  # the query cut to MAX_QUERY characters, as shown back to the user
    words: tuple[str, ...]  # normalised words, numbers removed
    command: str | None  # set only for command-form queries ("penalties 130.1", "victims 2009", "help")
    articles: tuple[ArticleRef, ...]
    years: tuple[int, ...]
    asks_count: bool = False  # "how many", "number of", "how much": facts with figures come first
    lang: Lang = "en"  # the language of the question: Cyrillic in it makes it "ru"

    @property
    def empty(self) -> bool:
        return not self.words and not self.articles and not self.years


def unescape(text: str) -> str:
    """Undo Slack's escaping of user text (it escapes exactly &, <, >); `&amp;lt;` stays `&lt;` as typed."""
    if "&" not in text:
        return text
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def clean(text: str) -> str:
    """The query unescaped, cut to MAX_QUERY characters, control characters made spaces, a leading /tip removed."""
    text = unescape(text)[:MAX_QUERY]
    text = "".join(" " if unicodedata.category(c)[0] == "C" else c for c in text)
    return _LEADING_COMMAND.sub("", text, count=1).strip()


def normalize_words(text: str) -> list[str]:
    """NFKC, case-folded, accents kept, punctuation dropped, British spellings and irregular verb forms folded."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text).replace("ё", "е").replace("Ё", "Е")
    words = [SPELLING.get(w, w) for w in _WORD.findall(text.casefold())]
    for i in range(len(words) - 2, -1, -1):
        meant = PHRASAL.get((words[i], words[i + 1]))
        if meant:
            words[i : i + 2] = meant.split()
    return [IRREGULAR.get(w, w) for w in words]


EXCLUDING = frozenset({"besides", "except", "excluding", "кроме", "помимо"})
EXCLUDING_PAIRS = frozenset({("apart", "from"), ("other", "than"), ("aside", "from"), ("except", "for")})


def _excluded(lead: list[str]) -> bool:
    """Whether the words before a number set it aside ("besides", "apart from", "кроме")."""
    return bool(lead) and (lead[-1] in EXCLUDING or tuple(lead[-2:]) in EXCLUDING_PAIRS)


def parse(text: str, lang: Lang | None = None) -> Query:
    """The parsed query; `lang` forces the language, otherwise it is detected from the text."""
    raw = clean(text)
    body = _MARKUP.sub(" ", raw)
    body = unicodedata.normalize("NFKC", body)
    articles: list[ArticleRef] = []
    years: list[int] = []
    prev_end = 0
    pieces: list[str] = []
    for m in _NUMBER.finditer(body):
        before = body[prev_end : m.start()]
        pieces.append(before)
        prev_end = m.end()
        whole, sep, frac = m.group(1), m.group(2), m.group(3)
        lead = normalize_words(before)
        after_article_word = (bool(lead) and lead[-1] in ARTICLE_WORDS) or before.rstrip().endswith("§")
        if _excluded(lead[:-1] if after_article_word and lead else lead):
            continue  # "other articles besides 130.1": not the article asked about (its words still are)
        if frac is not None and sep != "/" and len(whole) <= 3:
            articles.append(ArticleRef(f"{whole}.{frac}", True))
            continue
        if frac is not None:  # "2008/2009" and the like: read both parts again as plain numbers
            pieces.append(f" {whole} {frac} ")
            continue
        value = int(whole)
        if len(whole) == 4 and 1900 <= value <= 2099:
            years.append(value)
        elif len(whole) == 5 and whole[0] == "1" and 1990 <= int(whole[1:]) <= 2010:
            years.append(int(whole[1:]))  # the cable's "12009": a stray paragraph mark before 2009
        elif len(whole) == 4:
            articles.append(ArticleRef(f"{whole[:3]}.{whole[3]}", after_article_word))  # "1301" typed for 130.1
        elif len(whole) <= 3:
            articles.append(ArticleRef(str(value), after_article_word))
    pieces.append(body[prev_end:])
    words = [m for w in normalize_words(" ".join(pieces)) for m in ABBREVIATIONS.get(w, w).split()]
    command = _command_form(words)
    joined = f" {' '.join(words)} "
    joined = _DEGREE.sub(" ", joined)  # "how much can we trust …" asks how far, not how many
    asks_count = any(f" {c} " in joined for c in COUNT_PHRASES)  # whole words: "насколько надёжна" is not "сколько"
    return Query(
        raw,
        tuple(words),
        command,
        tuple(dict.fromkeys(articles)),
        tuple(dict.fromkeys(years)),
        asks_count,
        lang or detect(body),
    )


def _command_form(words: list[str]) -> str | None:
    """The command when the query is a command word alone (numbers aside), typos allowed ("sheltres")."""
    if len(words) != 1:
        return None
    word = words[0]
    if word in COMMANDS:
        return COMMANDS[word]
    if len(word) < 5:
        return None
    from rapidfuzz import fuzz, process

    best = process.extractOne(word, list(COMMANDS), scorer=fuzz.ratio, score_cutoff=80)
    return COMMANDS[best[0]] if best else None
