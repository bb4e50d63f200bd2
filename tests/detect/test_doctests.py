"""The examples in the detectors' docstrings are true."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import verify.detect
import verify.report.lint_text

MODULES = [f"verify.detect.{m.name}" for m in pkgutil.iter_modules(verify.detect.__path__)]


@pytest.mark.parametrize("name", ["verify.detect", *MODULES, "verify.report.lint_text"])
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name))
    assert result.failed == 0
