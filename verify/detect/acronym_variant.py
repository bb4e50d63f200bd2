"""``acronym.variant``: an acronym that is most likely a garble of another.

The forms of a text are grouped with every form one edit away (a
permutation, an adjacent transposition, one letter substituted, inserted or
dropped, or a permutation with one letter substituted); each group has a
centre (:func:`_centre`: a defined form, else the most used form spelt with
the group's consensus letters). A form V of the text is reported as standing
for the centre D when:

- V is never defined (in this text or, when linting a folder, in any other),
  is not a configured known acronym, and has at least three letters;
- D is used at least twice and at least as often as V;
- the evidence adds up (:func:`score`): the edit (a reordering of the same
  letters is the strongest sign), the words the two forms share around them
  ("X member states", "the X summit"), how many garbles of D the text holds,
  whether D is defined somewhere, and how much more often D is used.

A weak edit (anything but a reordering, as ICT beside ITU) is only reported
beside another garble of the same form. See ``docs/lint.md`` for the
measured false-positive rate.

>>> text = ("The SCO summit. SCO member states met. The SCO secretariat. "
...         "The CSO member states agreed.")
>>> [(f.snippet[f.column - 1 : f.column + 2], dict(f.evidence)["stands_for"])
...  for f in detect(text)]
[('CSO', 'SCO')]
"""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from verify.detect._text import finding, in_fenced_block
from verify.detect.acronyms import AcronymStats, Occurrence, occurrences
from verify.detect.config import Corpus, LintConfig
from verify.detect.definitions import find_definitions
from verify.detect.edits import EditKind, edit_kind
from verify.detect.known_acronyms import WELL_KNOWN
from verify.model import Finding
from verify.normalize.lexicon import is_english_word

CODES = ("acronym.variant",)

THRESHOLD = 4
_EDIT_WEIGHT: dict[EditKind, int] = {
    "permutation": 2,
    "transposition": 2,
    "substitution": 0,
    "insertion": 0,
    "deletion": 0,
    "permutation+substitution": 0,
}


@dataclass(frozen=True)
class Suspect:
    """A form and the form it most likely garbles, with the evidence."""

    variant: str
    form: str
    edit: EditKind
    shared_context: tuple[str, ...]
    #: False when the form is the variant's nearest neighbour, not its group's
    #: centre: such a suspect is reported only as a lone garble.
    via_centre: bool = True


def detect(text: str, config: LintConfig | None = None, corpus: Corpus | None = None) -> list[Finding]:
    """One finding per use of each garbled form, in text order."""
    config = config or LintConfig()
    uses = list(occurrences(text))
    if corpus is None:
        corpus = Corpus(documents=1)
        corpus.acronyms.add(uses, find_definitions(text))
    pool = corpus.acronyms
    here = {use.form for use in uses}
    local: defaultdict[str, set[str]] = defaultdict(set)
    for use in uses:
        local[use.form] |= use.context
    candidates = list(_suspects(here, corpus, config, local))
    if not candidates:
        return []  # the text's words, names and numbers are read only for a suspect
    words = _lower_words(text)
    names = _identifiers(text) | _series(uses, text)
    numbers = _numbers_after(uses, text)
    zones = _after_time(uses, text)
    suspects = [
        s
        for s in candidates
        if not _word_in_capitals(s, words)
        and not (s.variant in names and not numbers[s.variant] & numbers[s.form])
        and s.variant not in zones
        and not _two_numbers(s, text)
        and not _side_by_side(s, uses, text)
        and not _spelt_out(s.variant, text)
        and not _only_in_code(s.variant, uses, text)
        and not (s.edit == "substitution" and pool.counts[s.variant] >= 3 and _family(s, here))
    ]
    cluster: defaultdict[str, list[str]] = defaultdict(list)
    backed: Counter[str] = Counter()
    for suspect in suspects:
        if suspect.via_centre:
            cluster[suspect.form].append(suspect.variant)
            backed[suspect.form] += bool(suspect.shared_context)
    findings = []
    starts: defaultdict[str, list[int]] = defaultdict(list)
    for use in uses:
        starts[use.form].append(use.start)
    for suspect in suspects:
        group = cluster[suspect.form] if backed[suspect.form] >= 2 else [suspect.variant]
        points = score(suspect, pool, len(group))
        variant_at, form_at = starts[suspect.variant], starts[suspect.form]
        later = bool(form_at) and variant_at[0] > form_at[0] and not _family(suspect, here)
        ends_run = later and _ends_its_run(variant_at, form_at)
        ends_run = ends_run and not _introduced(suspect.variant, text, variant_at[0])
        lone = _lone_garble(suspect, pool, later, ends_run)
        weak = points < THRESHOLD or (_EDIT_WEIGHT[suspect.edit] == 0 and len(group) < 2)
        if not lone and (weak or not suspect.via_centre):
            continue
        evidence = _evidence(suspect, pool, group, points)
        findings += [
            finding(
                text,
                "acronym.variant",
                "warning",
                f"{suspect.variant} is most likely a garbled {suspect.form} ({suspect.edit})",
                use.start,
                use.end,
                evidence,
            )
            for use in uses
            if use.form == suspect.variant
        ]
    return sorted(findings, key=lambda f: (f.span.start, f.span.end))


def _suspects(
    here: set[str], corpus: Corpus, config: LintConfig, local: Mapping[str, set[str]]
) -> list[Suspect]:
    """Group the forms of this text with the forms one edit away from them,
    find each group's centre, and name the forms that garble it.

    A form of another text joins a group only if it is common to the corpus
    (:meth:`Corpus.central`). Shared words are counted in this text when
    the centre is used here, and across the corpus only when it is not: the
    words around a common acronym in a whole folder overlap with anything.
    A letter added or dropped at either end is a compound (WLAN and LAN,
    XRAM and RAM), not a garble."""
    pool = corpus.acronyms
    reachable = {f for f in pool.counts if f in here or corpus.central(pool.documents[f])}
    suspects = []
    for group in _groups(here, pool, reachable):
        centre = _centre(group, pool)
        for variant in sorted(group & here):
            form, via_centre = _form_of(variant, centre, group, pool)
            kind = edit_kind(variant, form) if form else None
            if form is None or kind is None or _compound(variant, form):
                continue
            if not _may_be_variant(variant, form, pool, config):
                continue
            around = local[form] if form in here else pool.contexts[form]
            shared = tuple(sorted(local[variant] & around))
            suspects.append(Suspect(variant, form, kind, shared, via_centre))
    return suspects


def _form_of(variant: str, centre: str, group: set[str], pool: AcronymStats) -> tuple[str | None, bool]:
    """The form ``variant`` most likely garbles, and whether it is the
    group's centre.

    The centre, when a reordering of its letters gives the variant (the
    strongest edit); else a form of the group whose letters the variant
    reorders (:func:`_reordered`: PDA beside ADP, in a group centred on ATP,
    is ADP reversed, not ATP with a letter changed), unless the group is a
    crowd (``_CROWDED``); else the centre, when
    one weaker edit away; else the variant's nearest form (:func:`_neighbour`).

    >>> pool = AcronymStats(counts=Counter({"ATP": 14, "ADP": 10, "PDA": 2}))
    >>> _form_of("PDA", "ATP", {"ATP", "ADP", "PDA"}, pool)
    ('ADP', False)
    >>> _form_of("ADP", "ATP", {"ATP", "ADP", "PDA"}, pool)
    ('ATP', True)
    """
    kind = edit_kind(variant, centre)
    if kind is not None and _EDIT_WEIGHT[kind] > 0:
        return centre, True
    reordered = _reordered(variant, group, pool) if len(group) <= _CROWDED else None
    if reordered is not None:
        return reordered, False
    if kind is not None:
        return centre, True
    return _neighbour(variant, group, pool), False


#: A group of more forms than this is a crowd of names (the 50 acronyms of
#: an RFC or a release history, linked one edit at a time), where one name
#: spelt with another's letters is chance: SSH beside SHS (the Secure Hash
#: Standard), ASE beside AES.
_CROWDED = 12


def _reordered(variant: str, group: set[str], pool: AcronymStats) -> str | None:
    """The form of ``group`` spelt with the variant's letters in another
    order, used twice or more and more often than the variant (a defined
    form first, then the most used), if any."""
    letters = sorted(variant)
    least = max(2, pool.counts[variant] + 1)
    same = [f for f in sorted(group) if f != variant and sorted(f) == letters and pool.counts[f] >= least]
    if not same:
        return None
    return max(same, key=lambda f: (pool.defined(f), pool.counts[f], f))


def _neighbour(variant: str, group: set[str], pool: AcronymStats) -> str | None:
    """The form of ``group`` one edit from ``variant`` that it most likely
    garbles, when the group's centre is further (RSA beside RNA, in a group
    centred on DNA): a defined form first, then the most used."""
    near = [f for f in sorted(group) if f != variant and edit_kind(variant, f) is not None]
    if not near:
        return None
    return max(near, key=lambda f: (pool.defined(f), pool.counts[f], f))


def _lone_garble(suspect: Suspect, pool: AcronymStats, later: bool, ends_run: bool = False) -> bool:
    """One garble on its own: a reordering of the form's letters (GCI for
    CGI, MOR for ROM) used at most twice and less often than the form (used
    twice or more); or one letter changed (FAQ for FAO), used at most twice,
    the centre of its group (not a mere neighbour), first used only after
    the form was (a garble damages later uses; of two real acronyms one
    letter apart, either may come first), and either used once beside a form
    used twice or more, or at most half as often as a form used three times
    or more, or less often than a form that is defined, shares a neighbouring
    word with it, or is an English word in capitals while the variant is not;
    or one letter changed, used at most twice and less often than the form
    (the centre or the variant's nearest form), ending the form's run of
    uses (``ends_run``: :func:`_ends_its_run`, and not introduced by its own
    words, :func:`_introduced`), and no well-known acronym."""
    variant, form = pool.counts[suspect.variant], pool.counts[suspect.form]
    if suspect.edit in ("permutation", "transposition"):
        return variant <= 2 and form >= max(2, variant + 1)
    if suspect.edit != "substitution" or not later or variant > 2:
        return False
    # The form's last uses written as one misspelling (five uses of API, the
    # last two APP: 3 against 2), or a one-off one letter from the form it
    # stands nearest to (GAD after GID, in a group centred on UID): the
    # variant ends the form's run of uses (:func:`_ends_its_run`). A
    # well-known acronym (TTY after DTY, UTF after RTF) is a name of its own.
    if ends_run and form > variant and suspect.variant not in WELL_KNOWN:
        return True
    if not suspect.via_centre:
        return False
    if form >= max(3, 2 * variant):
        return True
    # A form used only twice (or three times beside two) is enough when the
    # variant stands among the same words as the form (``the SCO summit``,
    # ``the SCA summit``) or the form is defined: two real acronyms one
    # letter apart seldom share their neighbours.
    if form > variant and (bool(suspect.shared_context) or pool.defined(suspect.form)):
        return True
    # An English word in capitals (NAME, FLAGS, SYSTEM: a manual's headings)
    # beside a one-off that is no word (NAMO, FHAGS, SYMTEM) is a word
    # garbled; two real acronyms one letter apart are seldom a word and not.
    if form > variant and _garbled_word(suspect.variant, suspect.form):
        return True
    # A one-off beside a form used twice or more: an acronym written once one
    # letter from another is most often that one garbled (the tuning part of
    # lint_garbles: 41 of its 185 missed substitutions were this, with no
    # false alarm more on its clean texts).
    return variant == 1 and form >= 2


def _ends_its_run(variant: list[int], form: list[int]) -> bool:
    """The variant (its uses' offsets, in text order) is written only after
    the form's last use, and not far after it: its first use follows the
    form's last by at most ``_STRIDES`` times the form's mean stride (the
    distance between two of its uses).

    A garble stands where its form stood, in the run of the form's uses,
    and the form is not written after it; a second name written once, a
    long way past the form's last use (NDATA, 85 paragraphs after CDATA in
    expat's reference; GLES after GLEW in CMake's modules), belongs to
    another passage.

    >>> _ends_its_run([900], [100, 300, 500]), _ends_its_run([400], [100, 300, 500])
    (True, False)
    >>> _ends_its_run([9000], [100, 300, 500])
    False
    """
    if len(form) < 2 or not variant or variant[0] < form[-1]:
        return False
    stride = (form[-1] - form[0]) / (len(form) - 1)
    return variant[0] - form[-1] <= _STRIDES * stride


#: How far past the form's last use (in strides of the form) a garble may
#: stand: of the 148 substitutions this rule found without a limit (the
#: garble bench's two parts and ``--part system``, seed 11), 136 stand
#: within 4 strides, and 5 of its 17 false alarms on clean texts do.
_STRIDES = 4


def _garbled_word(variant: str, form: str) -> bool:
    """``form`` is an English word of four letters or more written in
    capitals, and ``variant`` is not a word.

    >>> _garbled_word("FHAGS", "FLAGS"), _garbled_word("DNS", "DNA"), _garbled_word("CODA", "CODE")
    (True, False, False)
    """
    return len(form) >= 4 and is_english_word(form.lower()) and not is_english_word(variant.lower())


def _word_in_capitals(suspect: Suspect, words: Counter[str]) -> bool:
    """The variant is a word the text also writes in lower case, twice or
    more (USE beside "use"; ``asm`` beside ``ASM``): a word in capitals or
    a name of code, not a garble; unless it is an English word standing
    where its form stands, the form's letters reordered (AND for DNA in
    ``AND polymerase``, beside ``DNA polymerase``) sharing a neighbouring
    word with it, while the form itself is no word of the text. An English
    word in capitals set where an acronym stands is what a reversal of the
    acronym looks like; a writer's word in capitals (``AND`` and ``OR`` of
    a query syntax, ``NOTE``) stands among other words, and a name of code
    (``asm``, ``nid``) is one name in two cases.

    >>> words = _lower_words("use and DNA and use")
    >>> _word_in_capitals(Suspect("USE", "SUE", "permutation", ()), words)
    True
    >>> _word_in_capitals(Suspect("AND", "DNA", "permutation", ("polymerase",)), words)
    False
    """
    if words[suspect.variant.lower()] < 2:
        return False
    stands_in = suspect.edit in ("permutation", "transposition") and bool(suspect.shared_context)
    return not (stands_in and words[suspect.form.lower()] == 0 and is_english_word(suspect.variant.lower()))


def _lower_words(text: str) -> Counter[str]:
    """The text's lower-case words: a form that is also one of them, used
    twice or more (USE beside "use"), is a word in capitals, not a garble."""
    return Counter(re.findall(r"(?<![\w-])[a-z]{2,8}(?![\w-])", text))


def _identifiers(text: str) -> set[str]:
    """Forms the text writes as identifiers of a naming scheme: with a
    version (``BSL-1.0``, ``UFL-1.0``, ``LGPL-2.1``: licence and standard
    identifiers) or as the value of a ``License:`` field, twice or more (once
    is what a garble of ``GPL-2`` looks like). One letter from another such
    name (BSL and BSD, UFL and OFL) is another name.

    >>> sorted(_identifiers("License: BSL\\n\\nLicense: UFL-1.0 or GPL, BSL-1.0, GIL-2"))
    ['BSL']
    """
    fields = {m.start(1): m.group(1) for m in _LICENSE_FIELD_RE.finditer(text)}
    found = Counter(fields.values())
    found.update(
        m.group()[:-2]
        for m in _VERSIONED_RE.finditer(text)
        if m.start() not in fields and not _after_word(text, m.start())
    )
    return {form for form, n in found.items() if n >= 2}


def _after_word(text: str, start: int) -> bool:
    r"""``start`` follows a word character or a hyphen (what ``(?<![\w-])``
    says, checked by hand: a pattern that starts with a look-behind is tried
    at every offset of the text, one that starts with a capital is not)."""
    return start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_-")


def _series(uses: list[Occurrence], text: str) -> set[str]:
    """Forms used twice or more and always followed by a number: the name
    of a series (``BCP 14``, ``BCP 78``), whose one letter from another
    series (BGP) is another series, unless it has the same numbers (see
    :func:`_numbers_after`). A form used once with a number is what a garble
    of ``GPL-2`` looks like.

    >>> text = "BCP 14 and BCP 78, not BGP"
    >>> sorted(_series(list(occurrences(text)), text))
    ['BCP']
    """
    numbered: dict[str, bool] = {}
    count: Counter[str] = Counter()
    for use in uses:
        after = _NUMBER_AFTER_RE.match(text, use.end) is not None
        numbered[use.form] = numbered.get(use.form, True) and after
        count[use.form] += 1
    return {form for form, always in numbered.items() if always and count[form] >= 2}


def _numbers_after(uses: list[Occurrence], text: str) -> defaultdict[str, set[str]]:
    """The numbers that follow each form (``HIV-1``: ``1``). A name with
    the same numbers as its neighbour (``VIH-1`` beside ``HIV-1``) is a
    garble of it after all; BSL-1.0 beside BSD-3 is another name.

    >>> found = _numbers_after(list(occurrences("HIV-1 and HIV 2, BSD")), "HIV-1 and HIV 2, BSD")
    >>> sorted(found["HIV"]), sorted(found["BSD"])
    (['1', '2'], [])
    """
    numbers: defaultdict[str, set[str]] = defaultdict(set)
    for use in uses:
        match = _NUMBER_AFTER_RE.match(text, use.end)
        numbers[use.form] |= {match.group(1)} if match else set()
    return numbers


_NUMBER_AFTER_RE = re.compile(r"[ \t-]?(\d+(?:\.\d+)*|[IVX]+\b)")
#: A form with a version (``BSL-1.0``); the one a ``License:`` field names
#: is counted once, as the field's value (the two were one alternation).
_VERSIONED_RE = re.compile(r"[A-Z]{2,8}-\d")
_LICENSE_FIELD_RE = re.compile(r"\bLicense:[ \t]+([A-Z]{2,8})(?![\w])")


def _after_time(uses: list[Occurrence], text: str) -> set[str]:
    """Forms written after a time of day: a time zone (``12:45:26 GMT``),
    not a garble of a form one letter away (GET).

    >>> text = "Date: Tue, 15 Nov 1994 12:45:26 GMT, sent with GET"
    >>> sorted(_after_time(list(occurrences(text)), text))
    ['GMT']
    """
    return {use.form for use in uses if _TIME_BEFORE_RE.search(text, max(0, use.start - 12), use.start)}


_TIME_BEFORE_RE = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?[ \t]+$")


def _side_by_side(suspect: Suspect, uses: list[Occurrence], text: str) -> bool:
    """The text sets the variant beside its form, joined by nothing but
    connectives (``in NFD or in NFC``, ``not an SLA but an SLO``, ``SVE and
    SME``, ``BGRA/ARGB``), or in one list of names (``ODEs, SDEs, DAEs``,
    each joined to the next by connectives): a writer contrasting two names tells them apart;
    a garble replaces a use of the form, it is not coordinated with it.

    >>> text = "The SCO summit. The SCO members met the CSO members. Either NFD or NFC."
    >>> found = list(occurrences(text))
    >>> _side_by_side(Suspect("CSO", "SCO", "permutation", ()), found, text)
    False
    >>> _side_by_side(Suspect("NFD", "NFC", "substitution", ()), found, text)
    True
    >>> text = "solvers for ODEs, SDEs, DAEs, DDEs, PDEs, and more"
    >>> _side_by_side(Suspect("DAE", "ODE", "substitution", ()), list(occurrences(text)), text)
    True
    """
    # Uses come in text order: neighbours joined by connectives make a
    # chain, a list of names (``ODEs, SDEs, DAEs, DDEs, PDEs``); the two in
    # one chain are set side by side (one pass).
    pair = {suspect.variant, suspect.form}
    chain: set[str] = set()
    for lo, hi in itertools.pairwise(uses):
        if hi.start - lo.end > _BESIDE or not _CONNECTIVES_RE.fullmatch(text, lo.end, hi.start):
            chain = set()
            continue
        chain |= {lo.form, hi.form}
        if pair <= chain:
            return True
    return False


#: At most this many characters between the two, on one line.
_BESIDE = 20
_CONNECTIVES_RE = re.compile(
    r"(?:'?s(?![\w'])|)"  # a plural: "ODEs, SDEs"
    r"[ \t,/&]*(?:(?:or|and|nor|but|not|vs\.?|versus|than|to|from|into|in|an?|the)[ \t,/&]+)*"
)


def _only_in_code(variant: str, uses: list[Occurrence], text: str) -> bool:
    """Every use of the variant stands in a code span or a fenced block
    (``SEP.RULE+`` is shorthand for ``RULE (SEP RULE)*``, a grammar's
    metavariable): a name of code, which prose would write at least once
    if it were the form's garble.

    >>> code = "The PEP says: ``SEP.RULE+`` means ``RULE (SEP RULE)*``."
    >>> prose = code + " The parser reads each SEP in turn."
    >>> _only_in_code("SEP", list(occurrences(code)), code)
    True
    >>> _only_in_code("SEP", list(occurrences(prose)), prose)
    False
    """
    starts = [use.start for use in uses if use.form == variant]
    return bool(starts) and all(_in_literal(text, start) for start in starts)


def _in_literal(text: str, i: int) -> bool:
    """Offset ``i`` stands between the double backticks of a
    reStructuredText literal, or in a fenced block. A single backtick is
    not read here: GNU texts quote ```like this'``, which would make a code
    span of every later word of the paragraph.

    >>> _in_literal("see ``SEP.RULE+`` here", 7), _in_literal("the `SEP' rule, a SEP", 18)
    (True, False)
    """
    start = text.rfind("\n\n", 0, i) + 1
    end = text.find("\n\n", i)
    before = len(_LITERAL_RE.findall(text, start, i))
    return (before % 2 == 1 and _LITERAL_RE.search(text, i, len(text) if end == -1 else end) is not None) or (
        in_fenced_block(text, i)
    )


_LITERAL_RE = re.compile(r"(?<!`)``(?!`)")


def _spelt_out(variant: str, text: str) -> bool:
    """The text writes the words the variant's letters stand for, each
    capitalised, in order (``USC/Information Sciences Institute`` beside
    ISI): a real name, whose likeness to another form (ISO) is chance, even
    when the text never puts the two in a definition.

    >>> _spelt_out("ISI", "see USC/Information Sciences Institute, ISI"), _spelt_out("ISI", "ISO")
    (True, False)
    """
    if not variant.isalpha():
        return False
    joint = r"[\s-]+(?:(?:of|and|for|the|on|in|to|de)[\s-]+)?"
    # It starts with the capital itself, so the search skips to each one (a
    # leading look-behind is tried at every offset); the word's start is
    # checked by hand.
    pattern = joint.join(f"{letter}[a-z]+" for letter in variant) + r"(?![\w])"
    return any(not _after_word(text, m.start()) for m in re.finditer(pattern, text))


def _introduced(variant: str, text: str, start: int) -> bool:
    """The paragraph of the variant's first use (at ``start``) writes,
    before it, the words its letters stand for, in any case
    (``Geographic information systems, or GiS, are used ... GIS is used``):
    the variant is defined where it first stands, a name of its own.

    >>> text = "Geographic information systems, or GiS, are used. GIS maps soil."
    >>> _introduced("GIS", text, text.index("GIS")), _introduced("GPS", text, text.index("GIS"))
    (True, False)
    """
    if not variant.isalpha():
        return False
    joint = r"[\s-]+(?:(?:of|and|for|the|on|in|to|de)[\s-]+)?"
    pattern = joint.join(f"[{letter}{letter.lower()}][a-z]+" for letter in variant) + r"(?![\w])"
    paragraph = text.rfind("\n\n", 0, start) + 1
    return any(not _after_word(text, m.start()) for m in re.compile(pattern).finditer(text, paragraph, start))


def _family(suspect: Suspect, here: set[str]) -> bool:
    """Another form of the text differs from the centre at the same letter:
    SFP, XFP, CFP (and QSFP) are a family of names, not a garble.

    >>> _family(Suspect("XFP", "SFP", "substitution", ()), {"SFP", "XFP", "CFP"})
    True
    """
    variant, form = suspect.variant, suspect.form
    if len(variant) != len(form):
        return False
    at = next(i for i, (a, b) in enumerate(zip(variant, form, strict=True)) if a != b)
    rest = form[:at] + form[at + 1 :]
    return any(
        other not in (variant, form) and len(other) == len(form) and other[:at] + other[at + 1 :] == rest
        for other in here
    )


def _compound(variant: str, centre: str) -> bool:
    """One form is the other with a letter added at the start or the end."""
    shorter, longer = sorted((variant, centre), key=len)
    return len(longer) == len(shorter) + 1 and shorter in (longer[1:], longer[:-1])


def _may_be_variant(variant: str, centre: str, pool: AcronymStats, config: LintConfig) -> bool:
    if variant in config.known_acronyms or pool.defined(variant):
        return False
    if _two_known(variant, centre, config) or (_two_words(variant, centre) and not pool.defined(centre)):
        return False
    return pool.counts[centre] >= max(2, pool.counts[variant])


def _two_known(variant: str, form: str, config: LintConfig) -> bool:
    """Both forms are well-known acronyms one edit apart (ABI and API, XSL
    and XML, TLS and LTS, ARM and RAM): two real acronyms, whatever their
    counts and whatever the edit."""
    known = WELL_KNOWN | config.known_acronyms
    return variant in known and form in known


def _two_words(variant: str, form: str) -> bool:
    """Two English words of four letters or more in capitals (MOUSE and
    HOUSE, the headwords of a dictionary; POST and HOST): not a garble of
    one another, unless the form is defined (FRET, "fluorescence resonance
    energy transfer", is an acronym, and TERF its garble: checked by the
    caller).

    >>> _two_words("MOUSE", "HOUSE"), _two_words("NAMO", "NAME")
    (True, False)
    """
    words = is_english_word(variant.lower()) and is_english_word(form.lower())
    return min(len(variant), len(form)) >= 4 and words


def _two_numbers(suspect: Suspect, text: str) -> bool:
    """Two hexadecimal numbers (FFFF and FFFD) in a text that writes
    hexadecimal (``U+FFFD``, ``0x1F``, ``3FA0``): not a garble of one
    another. A text with no hexadecimal number spells acronyms with the
    letters A to F (FADD, DEAD), whose reorderings are garbles.

    >>> s = Suspect("FFFF", "FFFD", "substitution", ())
    >>> _two_numbers(s, "U+FFFD is FFFD, not FFFF")
    True
    >>> _two_numbers(Suspect("DDAF", "FADD", "permutation", ()), "FADD and DDAF")
    False
    """
    hexadecimal = _HEX_RE.fullmatch(suspect.variant) and _HEX_RE.fullmatch(suspect.form)
    return len(suspect.variant) >= 4 and bool(hexadecimal) and _WRITES_HEX_RE.search(text) is not None


_HEX_RE = re.compile(r"[A-F0-9]+")
#: A hexadecimal number: with a prefix, or four digits or more mixing
#: figures and the letters A to F.
_WRITES_HEX_RE = re.compile(
    r"\b(?:0[xX][0-9A-Fa-f]+|U\+[0-9A-Fa-f]{4,6})\b"
    r"|\b(?=[0-9A-Fa-f]*[0-9])(?=[0-9A-Fa-f]*[A-Fa-f])[0-9A-Fa-f]{4,}\b"
)


def _groups(here: set[str], pool: AcronymStats, reachable: set[str]) -> list[set[str]]:
    """Connected groups of forms (three letters or more) linked by one edit
    that is not a letter added at either end (:func:`_compound`)."""
    by_length: defaultdict[int, list[str]] = defaultdict(list)
    for form in sorted(f for f in reachable if len(f) >= 3):
        by_length[len(form)].append(form)
    seeds = sorted(f for f in here if len(f) >= 3)
    links: defaultdict[str, set[str]] = defaultdict(set)
    for seed in seeds:
        near = by_length[len(seed) - 1] + by_length[len(seed)] + by_length[len(seed) + 1]
        for form in near:
            # A compound (LGPL beside GPL) is another name, not a garble: it
            # joins no group, or LGPL's garbles would be weighed against GPL.
            if edit_kind(seed, form) is not None and not _compound(seed, form):
                links[seed].add(form)
                links[form].add(seed)
    groups: list[set[str]] = []
    seen: set[str] = set()
    for seed in seeds:
        if seed in seen or not links[seed]:
            continue
        group, todo = set(), [seed]
        while todo:
            form = todo.pop()
            if form not in group:
                group.add(form)
                todo.extend(links[form] - group)
        seen |= group
        groups.append(group)
    return groups


def _centre(group: set[str], pool: AcronymStats) -> str:
    """The form a group garbles: a defined form if there is one, else the
    most used form spelt with the group's consensus letters, else the most
    used form.

    In a page that writes SCO three times, CSM three times and CSR, CSO and
    CSU once each, the letters used most are C, S and O: the centre is SCO.
    """
    # Sorted, so that ties between letters or lengths never depend on the
    # order of a set (which changes with PYTHONHASHSEED).
    # A letter is weighed once for each time a form writes it (the second C
    # of GCC is a letter of its own), so that a form with a doubled letter
    # agrees with the consensus and its garble GKC does not.
    weight: Counter[tuple[str, int]] = Counter()
    lengths: Counter[int] = Counter()
    for form in sorted(group):
        lengths[len(form)] += pool.counts[form]
        seen: Counter[str] = Counter()
        for letter in form:
            seen[letter] += 1
            weight[letter, seen[letter]] += pool.counts[form]
    length = lengths.most_common(1)[0][0]
    consensus = sorted(letter for (letter, _), _ in weight.most_common(length))

    def rank(form: str) -> tuple[bool, bool, int, str]:
        agrees = sorted(form) == consensus
        return (pool.defined(form), agrees, pool.counts[form], form)

    return max(sorted(group), key=rank)


def score(suspect: Suspect, pool: AcronymStats, cluster_size: int) -> int:
    """Add up the evidence that ``suspect.variant`` garbles ``suspect.form``.

    ``cluster_size`` counts the garbles of one form in one text, when at
    least two of them share words with it: three or more such garbles are
    reported on that evidence alone, since clean text does not spell one
    organisation four ways.
    """
    points = _EDIT_WEIGHT[suspect.edit]
    points += min(2, len(suspect.shared_context))
    points += {1: 0, 2: 2}.get(cluster_size, THRESHOLD)
    points += 1 if pool.defined(suspect.form) else 0
    points += 1 if pool.counts[suspect.form] >= 3 * pool.counts[suspect.variant] else 0
    return points


def _evidence(suspect: Suspect, pool: AcronymStats, cluster: list[str], points: int) -> dict[str, object]:
    return {
        "variant": suspect.variant,
        "stands_for": suspect.form,
        "edit": suspect.edit,
        "variant_count": pool.counts[suspect.variant],
        "form_count": pool.counts[suspect.form],
        "form_defined_as": sorted(pool.definitions.get(suspect.form, ())),
        "shared_context": list(suspect.shared_context),
        "other_variants": sorted(v for v in cluster if v != suspect.variant),
        "score": points,
    }
