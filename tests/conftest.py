import datetime as dt
from pathlib import Path

import pytest

from compliance import Checker

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def checker() -> Checker:
    """The built-in packs, shared by every test (pipelines are built once per language)."""
    return Checker.default(today=dt.date(2026, 11, 23))


@pytest.fixture(scope="session")
def fixtures() -> Path:
    return FIXTURES
