"""canon/7: a running head of one side of the book (verso or recto) is page
furniture too, though it stands on under half of the pages (audit4: an ACM
paper's even pages head with the authors and its odd pages with the title,
five of them cutting sentences, all kept)."""

from __future__ import annotations

from verify.normalize.layout import remove_furniture

VERSO = "IWOCL'20, April 27-29, 2020, Munich, Germany Ada Lovelace and Alan Turing"
RECTO = "Memory Access Patterns IWOCL'20, April 27-29, 2020, Munich, Germany"


BODIES = ("caches keep the lines a loop reads again", "prefetchers guess the next line from a stride",
          "a stride of one line is the easy case", "pointer chasing defeats every prefetcher we tried",
          "the working set decides the miss rate", "vectorised loops read whole lines at once",
          "the last level cache is shared by the cores", "our metric counts the distinct lines touched")


def _paper(pages: int = 9) -> tuple[str, ...]:
    out = ["Memory Access Patterns\n\nAbstract. We study how programs touch memory and why it matters."]
    for number in range(2, pages + 1):
        head = VERSO if number % 2 == 0 else RECTO
        out.append(f"{head}\n\nand so {BODIES[number - 2]}, as the next page shows")
    return tuple(out)


def test_verso_and_recto_heads_are_removed() -> None:
    outcome = remove_furniture(_paper())
    text = "\n".join(outcome.pages)
    assert VERSO not in text and RECTO not in text
    assert all(body in text for body in BODIES) and "Memory Access Patterns\n" in outcome.pages[0]


def test_a_line_on_two_pages_of_one_side_stays() -> None:
    """The paired case: a line on two of the four even pages is no proof."""
    pages = list(_paper())
    pages = [p.replace(VERSO, "A short heading") if i in (1, 3) else p.replace(VERSO, f"Other line {i}")
             for i, p in enumerate(pages)]
    outcome = remove_furniture(tuple(pages))
    assert sum(p.count("A short heading") for p in outcome.pages) == 2


def test_an_edit_of_a_side_head_is_on_record() -> None:
    edited = tuple(p.replace("Alan Turing", "Alan Turin") if i == 3 else p for i, p in enumerate(_paper()))
    before, after = remove_furniture(_paper()), remove_furniture(edited)
    assert before.pages != after.pages or before.removed != after.removed
