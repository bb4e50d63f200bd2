"""``damage.glued_token``: two tokens run together because a space was lost
(``66thsession``, ``security.The``).

>>> [dict(f.evidence)["split"] for f in detect("during the 66thsession of the UN")]
['66th session']
"""

from __future__ import annotations

import re

from verify.detect._text import finding
from verify.detect.config import Corpus, LintConfig
from verify.model import Finding

CODES = ("damage.glued_token",)

_ORDINAL_RE = re.compile(r"(?<![\w.])(\d+(?:st|nd|rd|th))([a-z]{3,})(?![\w-])")
_FULL_STOP_RE = re.compile(r"(?<![\w.@/])([a-z]{3,}[.!?])([A-Z][a-z]{2,})(?![\w.@/-])")


def detect(text: str, config: LintConfig | None = None, corpus: Corpus | None = None) -> list[Finding]:
    findings = []
    for kind, pattern in (("ordinal", _ORDINAL_RE), ("sentence", _FULL_STOP_RE)):
        for match in pattern.finditer(text):
            split = f"{match.group(1)} {match.group(2)}"
            findings.append(
                finding(
                    text,
                    "damage.glued_token",
                    "warning",
                    f"{match.group()!r} looks like {split!r} with the space lost",
                    match.start(),
                    match.end(),
                    {"token": match.group(), "split": split, "kind": kind},
                )
            )
    return findings
