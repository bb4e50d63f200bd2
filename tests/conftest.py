from __future__ import annotations

from pathlib import Path

import pytest

from helpers import DATA


@pytest.fixture
def data() -> Path:
    return DATA


from hypothesis import HealthCheck, settings  # noqa: E402

# The default keeps the suite quick; `pytest --hypothesis-profile=heavy` searches harder.
settings.register_profile("default", max_examples=200, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("heavy", max_examples=5000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("default")
