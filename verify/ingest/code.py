"""Source code and configuration keep their lines (canon/7).

The profile reads plain text as prose: indentation is layout, hard-wrapped
lines are joined, a tab is a space. In a program or a configuration file
those are meaning: a statement moved into an ``else:`` block, a key moved
under another in YAML, a Makefile recipe indented by spaces instead of a tab
(which ``make`` refuses) all kept one digest (audit4, on CPython's
``textwrap.py``), and ``check`` called a change of behaviour a formatting
change.

A plain text is read as code on its name alone, from a fixed list that is
part of the profile (not a library's table, which a patch release could
change): :data:`SUFFIXES` and :data:`NAMES`. Its lines are then code lines
and its tabs fields (:func:`verify.ingest.fields.mark_fields`): the layout
steps keep every line as it is, its indentation and its tabs stay in the
canonical text and in the digest. Prose formats (``.txt``, ``.md``,
``.rst``, ``.tex``) are not on the list: they are read as text is.
"""

from __future__ import annotations

from dataclasses import replace

from verify.ingest.fields import mark_fields
from verify.model import Extracted

#: File name endings of programming languages and of configuration and data
#: formats whose line structure, indentation or tabs are syntax.
SUFFIXES = frozenset((
    ".py", ".pyi", ".pyw", ".pyx", ".pxd", ".rb", ".pl", ".pm", ".t", ".sh", ".bash", ".zsh", ".ksh",
    ".fish", ".ps1", ".psm1", ".bat", ".cmd", ".c", ".h", ".cc", ".cpp", ".cxx", ".hpp", ".hh", ".hxx",
    ".m", ".mm", ".java", ".kt", ".kts", ".scala", ".sc", ".go", ".rs", ".swift", ".cs", ".fs", ".fsx",
    ".vb", ".js", ".mjs", ".cjs", ".ts", ".mts", ".cts", ".tsx", ".jsx", ".php", ".lua", ".r", ".jl",
    ".hs", ".lhs", ".ml", ".mli", ".ex", ".exs", ".erl", ".hrl", ".clj", ".cljs", ".edn", ".lisp",
    ".lsp", ".el", ".scm", ".ss", ".rkt", ".sql", ".f", ".for", ".f90", ".f95", ".asm", ".s", ".v",
    ".sv", ".vhd", ".vhdl", ".dart", ".groovy", ".gradle", ".cmake", ".mk", ".mak", ".nix", ".tf",
    ".hcl", ".pas", ".pp", ".adb", ".ads", ".d", ".zig", ".nim", ".cr", ".coffee", ".vim", ".awk",
    ".sed", ".tcl", ".y", ".l", ".proto", ".graphql", ".gql", ".json", ".jsonl", ".ndjson", ".json5",
    ".yaml", ".yml", ".toml", ".ini", ".cfg", ".conf", ".properties", ".env", ".csv", ".diff",
    ".patch", ".dockerfile", ".bzl", ".gn", ".ninja", ".cabal",
))
#: Whole file names of build and configuration files without such an ending.
NAMES = frozenset((
    "makefile", "gnumakefile", "dockerfile", "containerfile", "jenkinsfile", "vagrantfile", "gemfile",
    "rakefile", "podfile", "brewfile", "procfile", "cmakelists.txt", "meson.build", "build",
    "workspace", "build.bazel", ".bashrc", ".bash_profile", ".profile", ".zshrc", ".gitignore",
    ".gitattributes", ".gitmodules", ".editorconfig", ".dockerignore", ".npmrc",
))
#: The metadata key that says a text was read as code, and why.
KEY = "source-code"


def declared(name: str | None) -> str | None:
    """Why a file named ``name`` is code (its ending or its name), or None.

    >>> declared("src/textwrap.py"), declared("Makefile"), declared("README.md"), declared(None)
    ('.py', 'makefile', None, None)
    """
    if not name:
        return None
    base = name.rsplit("/", 1)[-1].lower()
    if base in NAMES:
        return base
    dot = base.rfind(".")
    suffix = base[dot:] if dot > 0 else ""
    return suffix if suffix in SUFFIXES else None


def mark_source_code(extracted: Extracted, name: str | None) -> Extracted:
    """``extracted`` with every line a code line and every tab a field if its
    name says it is code (said in its metadata), else as it is."""
    why = declared(name)
    if why is None:
        return extracted
    return replace(extracted, pages=tuple(mark_fields(page) for page in extracted.pages),
                   metadata=(*extracted.metadata, (KEY, why)))
