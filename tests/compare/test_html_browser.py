"""The HTML comparison report, opened in a real headless browser.

Chromium renders the page of the two seed translations; the screenshot must
have the size asked for, show text, and show the colours of the differences
(the pink of a `name`, the blue of a `wording`, the green of an `addition`).
With CI=true as root (where scripts/install-test-deps installs it) a missing
browser fails the test; elsewhere it is skipped with the reason.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from verify.compare import compare_texts
from verify.pipeline import process_file
from verify.report import compare_html

Image = pytest.importorskip("PIL.Image", reason="Pillow is needed to read the screenshot")

SOURCES = Path(__file__).resolve().parents[2] / "sources"
WIDTH, HEIGHT = 1280, 2000


def _chromium() -> str:
    found = shutil.which("chromium") or ("/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None)
    if found is None:
        if os.environ.get("CI") == "true" and os.geteuid() == 0:
            # As root, scripts/install-test-deps installs it: missing here means that step broke.
            pytest.fail("chromium is missing on CI although running as root: run .ci/install-chromium")
        pytest.skip("chromium is not installed, and installing it needs root "
                    "(run .ci/install-chromium as root)")
    return found


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return (int(hex_colour[1:3], 16), int(hex_colour[3:5], 16), int(hex_colour[5:7], 16))


def _text(name: str) -> str:
    (path,) = SOURCES.glob(f"{name}_*.txt")
    record = process_file(path)
    assert record.text is not None
    return record.text


def test_screenshot_shows_the_report(tmp_path: Path) -> None:
    browser = _chromium()
    page = tmp_path / "report.html"
    page.write_text(
        compare_html.render(compare_texts(_text("001"), _text("002")), "001", "002"),
        encoding="utf-8",
    )
    shot = tmp_path / "shot.png"
    subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
            "--force-color-profile=srgb",
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--screenshot={shot}",
            f"--window-size={WIDTH},{HEIGHT}",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    with Image.open(shot) as image:
        assert image.size == (WIDTH, HEIGHT)
        rgb = image.convert("RGB")
        pixels = Counter(getattr(rgb, "get_flattened_data", rgb.getdata)())
    assert pixels[(255, 255, 255)] > WIDTH * HEIGHT // 3  # a white page...
    dark = sum(n for (r, g, b), n in pixels.items() if r + g + b < 200)
    assert dark > 5000  # ...with text on it
    for kind, least in (("name", 200), ("wording", 200), ("addition", 20000), ("omission", 2000)):
        assert pixels[_rgb(compare_html.COLOURS[kind])] >= least, kind


def test_a_missing_browser_fails_on_ci_and_skips_elsewhere(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.setattr(os.path, "exists", lambda path: False)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="install-chromium"):
        _chromium()
    monkeypatch.setenv("CI", "false")
    with pytest.raises(pytest.skip.Exception, match="not installed"):
        _chromium()
