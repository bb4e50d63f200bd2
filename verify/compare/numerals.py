"""Numbers written in words in French, Spanish, Russian and Chinese, and their
month names: what a translation keeps of the numbers of its original.

Handled: cardinals from zero to the millions ("neuf cent trente", "novecientos
treinta", "девятьсот тридцать", "九百三十"), French "quatre-vingt(s)", the
Spanish "veinte y cinco" of older texts, the common Russian case forms
("двух", "пяти", "сорока", "трехсот") and ordinals to the hundreds
("troisième", "tercero", "третий", "第三"), Russian collectives ("двое",
"трое"). Not handled: fractions, financial Chinese numerals (壹, 贰). As
in English, the words for one and first ("un", "uno", "один", "一",
"premier", "primero", "первый", "第一") are weak: they count only against
digits, since they also mean "a" or "the same".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

Found = tuple[int, int, int, bool, bool]  # start, end, value, weak, ordinal


def _fold(word: str) -> str:
    w = unicodedata.normalize("NFD", word.lower().replace("ё", "е"))
    kept = "".join(c for c in w if unicodedata.category(c) != "Mn" or c == "\u0306")  # keep й
    return unicodedata.normalize("NFC", kept)


_FR = {
    "zéro": 0,
    "un": 1,
    "une": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "onze": 11,
    "douze": 12,
    "treize": 13,
    "quatorze": 14,
    "quinze": 15,
    "seize": 16,
    "vingt": 20,
    "vingts": 20,
    "trente": 30,
    "quarante": 40,
    "cinquante": 50,
    "soixante": 60,
    "cent": 100,
    "cents": 100,
    "mille": 1000,
    "mil": 1000,
    "million": 10**6,
    "millions": 10**6,
}
_FR_ORD = {"premier": 1, "première": 1, "second": 2, "seconde": 2}
for _w, _v in list(_FR.items()):
    if _v >= 2 and _w not in ("vingts", "cents", "millions"):
        _stem = {"cinq": "cinqu", "neuf": "neuv"}.get(_w, _w.rstrip("e"))
        _FR_ORD[_stem + "ième"] = _v
        _FR_ORD[_stem + "ièmes"] = _v

_ES = {
    "cero": 0,
    "un": 1,
    "uno": 1,
    "una": 1,
    "dos": 2,
    "tres": 3,
    "cuatro": 4,
    "cinco": 5,
    "seis": 6,
    "siete": 7,
    "ocho": 8,
    "nueve": 9,
    "diez": 10,
    "once": 11,
    "doce": 12,
    "trece": 13,
    "catorce": 14,
    "quince": 15,
    "dieciseis": 16,
    "diecisiete": 17,
    "dieciocho": 18,
    "diecinueve": 19,
    "veinte": 20,
    "treinta": 30,
    "cuarenta": 40,
    "cincuenta": 50,
    "sesenta": 60,
    "setenta": 70,
    "ochenta": 80,
    "noventa": 90,
    "cien": 100,
    "ciento": 100,
    "mil": 1000,
    "millon": 10**6,
    "millones": 10**6,
}
for _u, _v in (
    ("doscient", 200),
    ("trescient", 300),
    ("cuatrocient", 400),
    ("quinient", 500),
    ("seiscient", 600),
    ("setecient", 700),
    ("ochocient", 800),
    ("novecient", 900),
):
    _ES[_u + "os"] = _ES[_u + "as"] = _v
for _u, _v in (("veinti", 20),):
    for _name, _n in (
        ("uno", 1),
        ("un", 1),
        ("dos", 2),
        ("tres", 3),
        ("cuatro", 4),
        ("cinco", 5),
        ("seis", 6),
        ("siete", 7),
        ("ocho", 8),
        ("nueve", 9),
    ):
        _ES[_u + _name] = _v + _n
_ES_ORD = {"primero": 1, "primer": 1, "primera": 1, "segundo": 2, "segunda": 2}
for _stem, _v in (
    ("tercer", 3),
    ("cuart", 4),
    ("quint", 5),
    ("sext", 6),
    ("septim", 7),
    ("octav", 8),
    ("noven", 9),
    ("decim", 10),
):
    for _end in ("o", "a", "os", "as", ""):
        if _end or _stem == "tercer":
            _ES_ORD[_stem + _end] = _v

_RU: dict[str, int] = {}
for _forms, _v in (
    ("ноль нуль", 0),
    ("один одна одно одного одной одному одним одном", 1),
    ("два две двух двум двумя", 2),
    ("три трех трем тремя", 3),
    ("четыре четырех четырем четырьмя", 4),
    ("пять пяти пятью", 5),
    ("шесть шести шестью", 6),
    ("семь семи семью", 7),
    ("восемь восьми восемью", 8),
    ("девять девяти девятью", 9),
    ("десять десяти десятью", 10),
    ("сорок сорока", 40),
    ("девяносто девяноста", 90),
    ("сто ста", 100),
    ("двести двухсот", 200),
    ("триста трехсот", 300),
    ("четыреста четырехсот", 400),
    ("пятьсот пятисот", 500),
    ("шестьсот шестисот", 600),
    ("семьсот семисот", 700),
    ("восемьсот восьмисот", 800),
    ("девятьсот девятисот", 900),
    ("тысяча тысячи тысяч тысячу тысячами", 1000),
    ("тьма тьмы", 10000),
    # collective numerals ("вышли все трое" / "they three came out")
    ("двое двоих двоим", 2),
    ("трое троих троим", 3),
    ("четверо четверых", 4),
    ("пятеро пятерых", 5),
    ("шестеро шестерых", 6),
    ("семеро семерых", 7),
):
    for _f in _forms.split():
        _RU[_f] = _v
for _stem, _v in (
    ("одиннадцат", 11),
    ("двенадцат", 12),
    ("тринадцат", 13),
    ("четырнадцат", 14),
    ("пятнадцат", 15),
    ("шестнадцат", 16),
    ("семнадцат", 17),
    ("восемнадцат", 18),
    ("девятнадцат", 19),
    ("двадцат", 20),
    ("тридцат", 30),
):
    _RU[_stem + "ь"] = _RU[_stem + "и"] = _RU[_stem + "ью"] = _v
for _nom, _obl, _v in (
    ("пятьдесят", "пятидесяти", 50),
    ("шестьдесят", "шестидесяти", 60),
    ("семьдесят", "семидесяти", 70),
    ("восемьдесят", "восьмидесяти", 80),
):
    _RU[_nom], _RU[_obl] = _v, _v
_RU_ORD_STEMS = {
    "перв": 1,
    "втор": 2,
    "трет": 3,
    "четверт": 4,
    "пят": 5,
    "шест": 6,
    "седьм": 7,
    "восьм": 8,
    "девят": 9,
    "десят": 10,
    "одиннадцат": 11,
    "двенадцат": 12,
    "тринадцат": 13,
    "четырнадцат": 14,
    "пятнадцат": 15,
    "шестнадцат": 16,
    "семнадцат": 17,
    "восемнадцат": 18,
    "девятнадцат": 19,
    "двадцат": 20,
    "тридцат": 30,
    "сороков": 40,
    "пятидесят": 50,
    "шестидесят": 60,
    "семидесят": 70,
    "восьмидесят": 80,
    "девяност": 90,
    "сот": 100,
    "тысячн": 1000,
}
_RU_ORD_ENDINGS = (
    "ый",
    "ой",
    "ий",
    "ая",
    "ое",
    "ого",
    "ому",
    "ом",
    "ую",
    "ые",
    "ых",
    "ым",
    "ыми",
    "ья",
    "ье",
    "ьего",
    "ьему",
    "ьем",
    "ью",
    "ьи",
    "ей",
    "ий",
    # the older instrumental in -ою / -ею ("первою", "третьею")
    "ою",
    "ьею",
    "ьей",
    "ьим",
    "ьих",
)

_ZH_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_ZH_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10**4, "亿": 10**8}
_ZH_RUN = re.compile(r"(第)?((?:两|[零〇一二三四五六七八九十百千万亿])[零〇一二三四五六七八九十百千万亿]*)")
#: Measure words: a numeral followed by one counts something ("三个", "九百三十岁");
#: one that is not is often part of a word (十字架 "cross", 四方 "all around", 零碎 "scraps").
_ZH_COUNTED = frozenset(
    "个人年岁天日次两条只头块位倍章节月名家口匹件张斤里肘尺钱舍客分时夜代样句根座棵把处回遍步层顿碗篮饼更点"
)
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def _ru_value(word: str) -> tuple[int, bool] | None:
    w = _fold(word)
    if w in _RU:
        return _RU[w], False
    for stem, v in _RU_ORD_STEMS.items():
        if w.startswith(stem) and w[len(stem) :] in _RU_ORD_ENDINGS:
            return v, True
    return None


def _lookup(lang: str, word: str) -> tuple[int, bool] | None:
    """A word's value and whether it is an ordinal."""
    if lang == "ru":
        return _ru_value(word)
    w = word.lower()
    if lang == "fr":
        if w in _FR:
            return _FR[w], False
        return (_FR_ORD[w], True) if w in _FR_ORD else None
    if lang == "es":
        f = _fold(w)
        if f in _ES:
            return _ES[f], False
        return (_ES_ORD[f], True) if f in _ES_ORD else None
    return None


_WEAK_VALUES = frozenset({1})
_CONNECTORS = {"fr": {"et"}, "es": {"y"}, "ru": {"и"}}


def _combine(values: list[int], lang: str, words: list[str]) -> int | None:
    total, current = 0, 0
    previous = ""
    for v, w in zip(values, words, strict=True):
        if v >= 1000:
            total += max(current, 1) * v
            current = 0
        elif v == 100 and current < 100:
            current = max(current, 1) * 100
        elif v == 20 and lang == "fr" and previous == "quatre":
            current = current - 4 + 80  # quatre-vingt(s)
        elif current % 10 and v < 10:
            return None  # two numbers side by side
        elif current % 100 and 10 <= v < 100 and not (lang == "fr" and current % 100 in (60, 80) and v < 20):
            return None  # "soixante-dix" is 70, "trente quarante" two numbers
        else:
            current += v
        previous = w
    return total + current


def spelled(text: str, lang: str) -> Iterator[Found]:
    """Numbers written in words in ``text`` (language ``lang``), as
    (start, end, value, weak, ordinal)."""
    if lang == "zh":
        yield from _chinese(text)
        return
    if lang not in ("fr", "es", "ru"):
        return
    connectors = _CONNECTORS[lang]
    run: list[tuple[int, int, int, bool, str]] = []
    groups: list[int] = []  # where each written word's parts end in ``run``
    pending: tuple[int, int] | None = None
    for m in _WORD.finditer(text):
        parts = m.group().split("-") if lang == "fr" else [m.group()]
        looked = [_lookup(lang, p) for p in parts]
        if all(x is not None for x in looked) and looked:
            for (value, ordinal), p in zip([x for x in looked if x is not None], parts, strict=True):
                run.append((m.start(), m.end(), value, ordinal, p.lower()))
            groups.append(len(run))
            pending = None
            continue
        if run and m.group().lower() in connectors and pending is None:
            pending = (m.start(), m.end())
            continue
        yield from _flush(run, groups, lang)
        run, groups, pending = [], [], None
    yield from _flush(run, groups, lang)


def _flush(run: list[tuple[int, int, int, bool, str]], groups: list[int], lang: str) -> Iterator[Found]:
    if not run:
        return
    value = _combine([r[2] for r in run], lang, [r[4] for r in run])
    # a run that is not one number is read word by word ("quatre-vingt-dix et soixante")
    pieces = (
        [run] if value is not None else [run[a:b] for a, b in zip([0, *groups[:-1]], groups, strict=True)]
    )
    for piece in pieces:
        v = _combine([r[2] for r in piece], lang, [r[4] for r in piece])
        if v is None:
            continue
        ordinal = piece[-1][3]
        weak = (v in _WEAK_VALUES and len(piece) == 1) or (
            ordinal and v == 2 and len(piece) == 1 and lang != "ru"
        )
        yield piece[0][0], piece[-1][1], v, weak, ordinal


def _chinese(text: str) -> Iterator[Found]:
    for m in _ZH_RUN.finditer(text):
        digits = m.group(2)
        value = chinese_value(digits)
        if value is None:
            continue
        ordinal = m.group(1) is not None
        counted = text[m.end() : m.end() + 1] in _ZH_COUNTED
        weak = (
            value == 1  # 一: "a"
            or not (ordinal or counted)  # a bare numeral may be part of a word
            or digits[0] in "百千万亿"  # 万人 "all men", 千万人 "the thousands": no count
        )
        yield m.start(), m.end(), value, weak, ordinal


def chinese_value(s: str) -> int | None:
    """The value of a Chinese numeral: 九百三十 is 930, 十二 is 12, 一万二千 is 12000.

    >>> chinese_value("九百三十"), chinese_value("十二"), chinese_value("一万二千"), chinese_value("一二三")
    (930, 12, 12000, 123)
    """
    if all(c in _ZH_DIGITS for c in s):
        return int("".join(str(_ZH_DIGITS[c]) for c in s))  # 一九九一: digits read one by one
    total, section, digit = 0, 0, 0
    for c in s:
        if c in _ZH_DIGITS:
            digit = _ZH_DIGITS[c]
        else:
            unit = _ZH_UNITS[c]
            if unit >= 10**4:
                total += max(section + digit, 1) * unit  # 万 alone is ten thousand
                section, digit = 0, 0
            else:
                section += max(digit, 1) * unit
                digit = 0
    return total + section + digit


# --------------------------------------------------------------------------- dates

MONTHS: dict[str, dict[str, int]] = {
    "fr": {
        m: i + 1
        for i, m in enumerate(
            [
                "janvier",
                "février",
                "mars",
                "avril",
                "mai",
                "juin",
                "juillet",
                "août",
                "septembre",
                "octobre",
                "novembre",
                "décembre",
            ]
        )
    },
    "es": {
        m: i + 1
        for i, m in enumerate(
            [
                "enero",
                "febrero",
                "marzo",
                "abril",
                "mayo",
                "junio",
                "julio",
                "agosto",
                "septiembre",
                "octubre",
                "noviembre",
                "diciembre",
            ]
        )
    },
    "ru": {
        m: i + 1
        for i, m in enumerate(
            [
                "января",
                "февраля",
                "марта",
                "апреля",
                "мая",
                "июня",
                "июля",
                "августа",
                "сентября",
                "октября",
                "ноября",
                "декабря",
            ]
        )
    },
}
MONTHS["es"]["setiembre"] = 9
for _i, _m in enumerate(
    [
        "январь",
        "февраль",
        "март",
        "апрель",
        "май",
        "июнь",
        "июль",
        "август",
        "сентябрь",
        "октябрь",
        "ноябрь",
        "декабрь",
    ]
):
    MONTHS["ru"][_m] = _i + 1
_ZH_DATE = re.compile(
    r"(\d{4}|[〇零一二三四五六七八九]{4})年(?:([\d一二三四五六七八九十]{1,3})月(?:([\d一二三四五六七八九十]{1,3})[日号])?)?"
)


def dates(text: str, lang: str) -> Iterator[tuple[int, int, str]]:
    """Dates written the way of ``lang``: "8 décembre 2005", "8 de diciembre de
    2005", "8 декабря 2005 года", "2005年12月8日", as (start, end, YYYY-MM-DD)."""
    if lang == "zh":
        for m in _ZH_DATE.finditer(text):
            year = m.group(1) if m.group(1).isdigit() else str(chinese_value(m.group(1)))
            month = _zh_int(m.group(2))
            day = _zh_int(m.group(3))
            if month is None:
                continue
            yield m.start(), m.end(), f"{year}-{month:02d}-{f'{day:02d}' if day else '??'}"
        return
    months = MONTHS.get(lang)
    if not months:
        return
    names = "|".join(sorted(months, key=len, reverse=True))
    pattern = re.compile(
        r"(?:\b(?P<day>\d{1,2})(?:er)?\s+(?:de\s+)?)?\b(?P<month>"
        + names
        + r")\b(?:\s+(?:de\s+|del\s+)?(?P<year>\d{4}))?",
        re.IGNORECASE,
    )
    for m in pattern.finditer(text):
        if not m.group("day") and not m.group("year"):
            continue  # "mai" alone is a word ("may")
        month = months[m.group("month").lower()]
        day = int(m.group("day") or 0)
        year = m.group("year") or "????"
        yield m.start(), m.end(), f"{year}-{month:02d}-{f'{day:02d}' if day else '??'}"


def _zh_int(s: str | None) -> int | None:
    if not s:
        return None
    return int(s) if s.isdigit() else chinese_value(s)
