"""How often plain text in a legacy encoding is decoded right.

Gold: the Vim tutor ships one text in many legacy encodings beside its UTF-8
sibling (``/usr/share/vim/vim90/tutor``: ``tutor.cs`` is ISO-8859-2,
``tutor.cs.cp1250`` windows-1250, ``tutor.cs.utf-8`` the gold). Each legacy
file is decoded whole, and in short pieces (three lines with a non-ASCII
byte, every 40 lines: the evidence a short note or a subtitle gives); a
decoding is right when its lines equal the gold's (97% of lines for whole
files, where a sibling differs by an encoding comment). Held out (never
tuned on): Vim's menu translations, whose names give their encoding
(``menu_ru_ru.koi8-r.vim``, ``menu_pl_pl.iso_8859-2.vim``), and keymaps
(``slovak_cp1250.vim``), decoded with the encoding named as the gold.

    python bench/encodings.py            # verify's decoder
    python bench/encodings.py --tree /path/to/other/checkout
"""

from __future__ import annotations

import argparse
import glob
import sys
from pathlib import Path

TUTOR = Path("/usr/share/vim/vim90/tutor")
VIM = Path("/usr/share/vim/vim90")
NAMED = {"latin1": "latin-1", "cp1250": "cp1250", "latin2": "iso8859-2", "koi8-r": "koi8-r",
         "koi8-u": "koi8-u", "iso_8859-2": "iso8859-2", "iso-8859-2": "iso8859-2",
         "iso-8859-5": "iso8859-5", "iso-8859-7": "iso8859-7", "iso-8859-8": "iso8859-8",
         "cp1251": "cp1251", "cp1253": "cp1253", "cp1255": "cp1255", "cp737": "cp737",
         "cp1252": "cp1252", "iso_8859-15": "iso8859-15", "euc-jp": "euc-jp"}


def tutor_samples() -> list[tuple[str, str, bytes, list[str]]]:
    out = []
    for path in sorted(TUTOR.glob("tutor.*")):
        name = path.name
        if name.endswith((".utf-8", ".vim")) or name == "tutor.zh.big5":  # not valid Big5 for Python
            continue
        parts = name.split(".")
        gold = TUTOR / ("tutor.zh_cn.utf-8" if name == "tutor.zh.euc" else ".".join(parts[:2]) + ".utf-8")
        if not gold.exists():
            continue
        lines = gold.read_text(encoding="utf-8").splitlines()
        data = path.read_bytes()
        out.append((name, "whole", data, lines))
        raw = data.split(b"\n")
        for i in range(0, min(len(raw), len(lines)) - 3, 40):
            chunk = b"\n".join(raw[i:i + 3])
            if max(chunk, default=0) >= 128:
                out.append((name, "short", chunk, lines[i:i + 3]))
    return out


def held_out() -> list[tuple[str, bytes, str]]:
    out = []
    files = sorted(glob.glob(str(VIM / "lang" / "menu_*.vim")) + glob.glob(str(VIM / "keymap" / "*.vim")))
    for file in files:
        stem = Path(file).stem
        for label, codec in NAMED.items():
            if stem.endswith("." + label) or stem.endswith("_" + label):
                data = Path(file).read_bytes()
                try:
                    data.decode("utf-8")
                except UnicodeDecodeError:
                    out.append((Path(file).name, data, codec))
                break
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tree", help="import verify from this checkout")
    args = parser.parse_args()
    if args.tree:
        sys.path.insert(0, args.tree)
    from verify.errors import UnsupportedFormat
    from verify.ingest.text import decode_text

    def decoded(data: bytes) -> str | None:
        try:
            return decode_text(data)[0]
        except UnsupportedFormat:
            return None

    right = {"whole": [0, 0], "short": [0, 0]}
    refused = 0
    for name, kind, data, gold in tutor_samples():
        text = decoded(data)
        refused += text is None and kind == "whole"
        lines = text.splitlines() if text is not None else []
        same = sum(a == b for a, b in zip(lines, gold, strict=False))
        ok = same >= 0.97 * len(gold) if kind == "whole" else text == "\n".join(gold)
        right[kind][0] += ok
        right[kind][1] += 1
        if kind == "whole" and not ok:
            print(f"  wrong: {name} ({'refused' if text is None else f'{same}/{len(gold)} lines'})")
    held = [0, 0]
    for name, data, codec in held_out():
        text = decoded(data)
        ok = text is not None and text == data.decode(codec)
        held[0] += ok
        held[1] += 1
        if not ok:
            print(f"  held out wrong: {name} ({codec})")
    import verify.ingest.text as module
    print(f"decoder: {module.__file__}")
    print("| set | right |\n|---|---:|")
    whole = f"{right['whole'][0]}/{right['whole'][1]}"
    print(f"| Vim tutor, whole files | {whole} (refused as binary: {refused}) |")
    print(f"| Vim tutor, 3-line pieces | {right['short'][0]}/{right['short'][1]} |")
    print(f"| held out: Vim menus and keymaps named by encoding | {held[0]}/{held[1]} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
