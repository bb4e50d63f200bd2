"""Numbers, dates and document symbols, read as values.

A translation may write "60th", "sixtieth" or "sixtieth - anniversary -",
"threescore and ten" or "70", "15 June 2006" or "June 15, 2006": what is
compared is the value. Symbols are read first and dates second, and what they
cover is masked, so that the 60 of "resolution 60/45" or the 2006 of a date
is not also counted as a bare number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from verify.compare import numerals

MentionKind = Literal["number", "date", "symbol"]


@dataclass(frozen=True)
class Mention:
    """A number, date or symbol found at ``[start, end)`` of a text.

    ``value`` is the canonical form: a decimal string for numbers,
    ``YYYY-MM-DD`` for dates (``????`` or ``??`` for unknown parts), the
    upper-cased symbol for symbols. ``weak`` marks words such as "one" or
    "first" that are only counted when the other side spells them in digits.
    """

    kind: MentionKind
    start: int
    end: int
    text: str
    value: str
    weak: bool = False
    ordinal: bool = False


_UNITS = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ]
    )
}
_TENS = {
    w: 10 * i
    for i, w in enumerate(
        ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
    )
    if w != "_"
}
_ORDINAL_UNITS = {
    w: i
    for i, w in enumerate(
        [
            "zeroth",
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "eleventh",
            "twelfth",
            "thirteenth",
            "fourteenth",
            "fifteenth",
            "sixteenth",
            "seventeenth",
            "eighteenth",
            "nineteenth",
        ]
    )
}
_ORDINAL_TENS = {w.replace("ty", "tieth"): v for w, v in _TENS.items()}
_UNITS["twain"] = 2
# Words that say a number without being one: weak, they only meet a number.
_UNITS.update({"both": 2, "twice": 2, "thrice": 3, "once": 1, "twins": 2, "sevens": 7, "twos": 2})
_SCALES = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9}
_ORDINAL_SCALES = {k + "th": v for k, v in _SCALES.items()}
_SCORE = re.compile(r"^(?:(" + "|".join(_UNITS) + r")?score)$")
_WEAK = frozenset(
    {"one", "two", "first", "second", "both", "twice", "thrice", "once", "twins", "sevens", "twos"}
)
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"']+[^\s<>\"'.,;:!?)\]]", re.IGNORECASE)

_NUMBER_WORD = (
    "|".join(
        sorted(
            [*_UNITS, *_TENS, *_ORDINAL_UNITS, *_ORDINAL_TENS, *_SCALES, *_ORDINAL_SCALES],
            key=len,
            reverse=True,
        )
    )
    + r"|(?:"
    + "|".join(_UNITS)
    + r")?score|dozen"
)
_WORDS_RUN = re.compile(
    r"\b(?:" + _NUMBER_WORD + r")(?:(?:\s*-\s*|\s+(?:and\s+)?)(?:" + _NUMBER_WORD + r"))*(?:fold)?\b",
    re.IGNORECASE,
)
_HAS_DIGIT = re.compile(r"\d")
_LETTERS = re.compile(r"[a-z]+")
_NUMBER_WORDS = frozenset(
    [
        *_UNITS,
        *_TENS,
        *_ORDINAL_UNITS,
        *_ORDINAL_TENS,
        *_SCALES,
        *_ORDINAL_SCALES,
        "dozen",
        "score",
        *(u + "score" for u in _UNITS),
    ]
)


def number_word(word: str) -> bool:
    """Whether a word is an English number word ("One", "seventh", "score")."""
    return word.lower() in _NUMBER_WORDS


_DIGITS = re.compile(r"(?<![\w/.,])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?:st|nd|rd|th)?(?![\w/]|\.\d)")

#: Languages that group the thousands of a number with a space ("46 500",
#: "603 550"; also a no-break or narrow no-break space).
SPACE_GROUPED = frozenset({"fr", "es", "ru"})
_GROUPED = re.compile(
    r"(?<![\w/.,])(?<!\d[ \u00a0\u202f])[1-9]\d{0,2}(?:[ \u00a0\u202f]\d{3})+(?![\w/]|[.,]\d)"
)
_GAPS = re.compile(r"[ \u00a0\u202f]")

_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ]
    )
}
_MONTH_ALIASES = {**_MONTHS, **{m[:3]: v for m, v in _MONTHS.items()}, "sept": 9}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTH_ALIASES, key=len, reverse=True)) + r")\.?"
_DATE_PATTERNS = (
    re.compile(
        r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r",?\s+(?P<year>\d{4})\b",
        re.IGNORECASE,
    ),
    re.compile(r"\b" + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})\b", re.IGNORECASE),
    re.compile(r"\b(?P<year>\d{4})-(?P<mon>\d{1,2})-(?P<day>\d{1,2})\b"),
    re.compile(r"\b(?P<day>\d{1,2})[./](?P<mon>\d{1,2})[./](?P<year>\d{4})\b"),
    re.compile(r"\b" + _MONTH + r",?\s+(?P<year>\d{4})\b", re.IGNORECASE),
    re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"\b", re.IGNORECASE),
)
_SYMBOL_PATTERNS = (
    re.compile(r"\b[A-Z]{1,6}(?:/[A-Z0-9][A-Za-z0-9.\-]*[A-Za-z0-9])+(?:\s*\(\d{4}\))?"),
    re.compile(r"(?<![\w/])\d{1,4}/\d{1,4}(?![\w/])"),
)


def words_value(text: str) -> int | None:
    """The value of a run of number words, or None.

    >>> words_value("threescore and ten"), words_value("sixtieth"), words_value("two hundred and one")
    (70, 60, 201)
    """
    total, current, seen, joined = 0, 0, False, False
    text = text[:-4] if text.lower().endswith("fold") else text  # "sevenfold" says seven
    for word in re.split(r"[\s\-]+", text.lower()):
        if word == "and" or not word:
            joined = joined or word == "and"
            continue
        seen, after_and, joined = True, joined, False
        score = _SCORE.match(word)
        if word in _UNITS or word in _ORDINAL_UNITS:
            if current % 10:
                return None  # "two and two" is two numbers
            current += _UNITS.get(word, _ORDINAL_UNITS.get(word, 0))
        elif word in _TENS or word in _ORDINAL_TENS:
            if current % 100 >= 10 or (current % 10 and not after_and):
                return None  # "thirty and sixty", "one thirty"; "four and thirty" is 34
            current += _TENS.get(word, _ORDINAL_TENS.get(word, 0))
        elif word == "dozen":
            current = max(current, 1) * 12
        elif score is not None:
            factor = _UNITS[score.group(1)] if score.group(1) else 0
            current = current * 20 if factor == 0 and current else current + max(factor, 1) * 20
        elif word in _SCALES or word in _ORDINAL_SCALES:
            scale = _SCALES.get(word, _ORDINAL_SCALES.get(word, 1))
            if scale == 100:
                current = max(current, 1) * 100
            else:
                total += max(current, 1) * scale
                current = 0
        else:
            return None
    return total + current if seen else None


def _mask(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for start, end in spans:
        chars[start:end] = "\x00" * (end - start)  # no pattern matches across it
    return "".join(chars)


def symbols(text: str) -> list[Mention]:
    """Document symbols ("A/60/973") and resolution numbers ("60/45")."""
    if "/" not in text:
        return []
    found: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for pattern in _SYMBOL_PATTERNS:
        for m in pattern.finditer(_mask(text, taken)):
            value = re.sub(r"\s+", "", m.group()).upper()
            found.append(Mention("symbol", m.start(), m.end(), m.group(), value))
            taken.append((m.start(), m.end()))
    return sorted(found, key=lambda x: x.start)


def dates(text: str, lang: str = "en") -> list[Mention]:
    """Dates in the usual English and numeric formats (or those of ``lang``),
    as ``YYYY-MM-DD``."""
    if not _HAS_DIGIT.search(text) and lang != "zh":
        return []
    found: list[Mention] = []
    taken: list[tuple[int, int]] = []
    if lang != "en":
        for start, end, iso in numerals.dates(text, lang):
            found.append(Mention("date", start, end, text[start:end], iso))
            taken.append((start, end))
    for pattern in _DATE_PATTERNS if lang == "en" else _DATE_PATTERNS[2:4]:
        for m in pattern.finditer(_mask(text, taken)):
            value = _date_value(m.groupdict())
            if value is not None:
                found.append(Mention("date", m.start(), m.end(), text[m.start() : m.end()], value))
                taken.append((m.start(), m.end()))
    return sorted(found, key=lambda x: x.start)


def _date_value(groups: dict[str, str | None]) -> str | None:
    month_name = groups.get("month")
    month = _MONTH_ALIASES[month_name.lower()] if month_name else int(groups.get("mon") or 0)
    day = int(groups.get("day") or 0)
    year = groups.get("year")
    if not 1 <= month <= 12 or not 0 <= day <= 31:
        return None
    return f"{year or '????'}-{month:02d}-{f'{day:02d}' if day else '??'}"


_ROMAN_VALUES = {"i": 1, "j": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
_ROMAN_SCALE = r"(?:\s+(?P<scale>hundred|thousand)\b)?"
#: Roman numerals as older and legal texts write them: between full stops
#: (".lxxxx.", ".v."), or ending in j in the old way ("viij", "iiij.").
_ROMAN_PATTERNS = (
    re.compile(r"(?<![\w.])\.(?P<roman>[ivxlcdm]+j?|[IVXLCDM]+J?)\." + _ROMAN_SCALE, re.IGNORECASE),
    re.compile(r"(?<![\w.])(?P<roman>[ivxlc]*ij)\b\.?" + _ROMAN_SCALE),
)
_ROMAN_SHAPE = re.compile(r"^m*(?:d?c{0,4}|c[dm])(?:l?x{0,4}|x[lc])(?:v?i{0,4}j?|i[vx])$")


def roman_value(word: str) -> int | None:
    """The value of a Roman numeral, also in the older additive forms
    ("lxxxx" is 90, "viij" and "iiij" end in j), or None.

    >>> roman_value("lxxxx"), roman_value("viij"), roman_value("xiv"), roman_value("vx")
    (90, 8, 14, None)
    """
    w = word.lower()
    if not w or not _ROMAN_SHAPE.match(w) or "j" in w[:-1]:
        return None
    total = 0
    for k, ch in enumerate(w):
        value = _ROMAN_VALUES[ch]
        nxt = _ROMAN_VALUES[w[k + 1]] if k + 1 < len(w) else 0
        total += -value if value < nxt else value
    return total or None


def romans(text: str) -> list[Mention]:
    """Roman numerals written the way that marks them as numbers: between
    full stops or ending in j; "viij. hundred" is 800. A bare "i" or "mix" is
    a word."""
    if "." not in text and "j" not in text:
        return []
    found: dict[int, Mention] = {}
    for pattern in _ROMAN_PATTERNS:
        for m in pattern.finditer(text):
            value = roman_value(m.group("roman"))
            if value is None or m.start() in found:
                continue
            scale = m.group("scale")
            if scale:
                value *= _SCALES[scale.lower()]
            found[m.start()] = Mention("number", m.start(), m.end(), m.group(), str(value), value == 1)
    return _joined(text, sorted(found.values(), key=lambda x: x.start))


def _joined(text: str, ms: list[Mention]) -> list[Mention]:
    """ "viij. hundred and .xv." is 815, one number, as "eight hundred and fifteen"."""
    out: list[Mention] = []
    for m in ms:
        last = out[-1] if out else None
        if (
            last is not None
            and re.fullmatch(r"\s+(?:and\s+)?", text[last.end : m.start])
            and re.search(r"(?:hundred|thousand)$", last.text, re.IGNORECASE)
            and int(m.value) < 100 <= int(last.value)
        ):
            value = str(int(last.value) + int(m.value))
            out[-1] = Mention("number", last.start, m.end, text[last.start : m.end], value)
        else:
            out.append(m)
    return out


def numbers(text: str, lang: str = "en") -> list[Mention]:
    """Numbers in digits or in words, by value ("60th" and "sixtieth" are 60;
    "neuf cent trente", "девятьсот тридцать" and "九百三十" are 930; the
    Roman ".lxxxx." is 90)."""
    found: list[Mention] = [
        Mention("number", s, e, text[s:e], str(v), weak, ordinal)
        for s, e, v, weak, ordinal in numerals.spelled(text, lang)
    ]
    if lang in ("en", "fr", "es"):
        roman = romans(text)
        found.extend(roman)
        text = _mask(text, [(m.start, m.end) for m in roman])
    lowered = text.lower()
    spelled = lang == "en" and ("fold" in lowered or not _NUMBER_WORDS.isdisjoint(_LETTERS.findall(lowered)))
    for m in _WORDS_RUN.finditer(text) if spelled else ():
        for start, end in _parts(text, m.start(), m.end()):
            words = text[start:end]
            spelled_value = words_value(words)
            if spelled_value is not None:
                weak = words.lower() in _WEAK
                last = re.split(r"[\s\-]+", words.lower().removesuffix("fold"))[-1]
                ordinal = last in _ORDINAL_UNITS or last in _ORDINAL_TENS or last in _ORDINAL_SCALES
                found.append(Mention("number", start, end, words, str(spelled_value), weak, ordinal))
    if lang in SPACE_GROUPED and _HAS_DIGIT.search(text):
        grouped = list(_GROUPED.finditer(text))
        found.extend(
            Mention("number", m.start(), m.end(), m.group(), _GAPS.sub("", m.group())) for m in grouped
        )
        text = _mask(text, [(m.start(), m.end()) for m in grouped])
    for m in _DIGITS.finditer(text) if _HAS_DIGIT.search(text) else ():
        digits = m.group(1).replace(",", "")
        if not (digits.startswith("0") and len(digits) > 1 and not m.group(2)):
            digits = digits.lstrip("0") or "0"  # a leading zero is kept as written: ZIP 02110
        if m.group(2):
            digits += "." + m.group(2)
        found.append(Mention("number", m.start(), m.end(), m.group(), digits))
    return sorted(found, key=lambda x: x.start)


def _parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A run of number words as one number, or cut at "and" where it is several
    ("two and two", "thirty, and some sixty")."""
    if words_value(text[start:end]) is not None:
        return [(start, end)]
    out: list[tuple[int, int]] = []
    at = start
    for m in re.finditer(r"\s+and\s+", text[start:end]):
        out.append((at, start + m.start()))
        at = start + m.end()
    out.append((at, end))
    return [piece for s, e in out for piece in _greedy(text, s, e)]


def _greedy(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A run of number words without "and" that is not one number, cut into the
    longest numbers from the left ("one thirty, and one sixty" of Young's
    Literal Translation is "some thirty": 1 and 30, not 31)."""
    if words_value(text[start:end]) is not None:
        return [(start, end)]
    words = [(m.start() + start, m.end() + start) for m in re.finditer(r"\S+", text[start:end])]
    out: list[tuple[int, int]] = []
    k = 0
    while k < len(words):
        last = k
        while last + 1 < len(words) and words_value(text[words[k][0] : words[last + 1][1]]) is not None:
            last += 1
        out.append((words[k][0], words[last][1]))
        k = last + 1
    return out


def mentions(text: str, lang: str = "en") -> list[Mention]:
    """Symbols, then dates, then numbers of ``text``, none overlapping; nothing
    inside a URL (its digits are part of an address, not a number)."""
    text_urls = (
        _mask(text, [(u.start(), u.end()) for u in _URL.finditer(text)])
        if "/" in text or "www." in text
        else text
    )
    syms = symbols(text_urls)
    masked = _mask(text_urls, [(s.start, s.end) for s in syms])
    dats = dates(masked, lang)
    masked = _mask(masked, [(d.start, d.end) for d in dats])
    found = [*syms, *(_retext(m, text) for m in (*dats, *numbers(masked, lang)))]
    return sorted(found, key=lambda x: x.start)


def _retext(m: Mention, text: str) -> Mention:
    return Mention(m.kind, m.start, m.end, text[m.start : m.end], m.value, m.weak, m.ordinal)


def label(m: Mention) -> str:
    """A mention's value as a reader wants it: a partial date without its
    unknown parts ("1991-06", "--06-12" for a day without a year)."""
    if m.kind != "date":
        return m.value
    year, month, day = m.value.split("-")
    if "?" in day:
        return f"{year}-{month}" if "?" not in year else f"--{month}"
    return f"--{month}-{day}" if "?" in year else m.value


def number_values(text: str, lang: str = "en") -> list[str]:
    """Values of the numbers of ``text`` (for similarity)."""
    return [n.value for n in numbers(text, lang) if not n.weak]


def date_compatible(x: str, y: str) -> bool:
    """Whether two date values can be the same date (unknown parts match)."""
    return all(p == q or "?" in p or "?" in q for p, q in zip(x.split("-"), y.split("-"), strict=True))


def symbol_compatible(x: str, y: str) -> bool:
    """Whether two symbols name the same thing ("60/45" is "A/RES/60/45")."""
    if x == y:
        return True
    short, long_ = sorted((x, y), key=len)
    return "/" in short and long_.endswith("/" + short)
