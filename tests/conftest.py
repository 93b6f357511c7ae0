import datetime as dt
import os
import tempfile
from pathlib import Path

import pytest

from compliance import Checker

FIXTURES = Path(__file__).parent / "fixtures"

# The suite keeps its compiled packs in a folder of its own, not in the user's cache; the
# CLI tests' subprocesses inherit it, so they still start warm after the first load.
os.environ.setdefault("COMPLIANCE_CACHE_DIR", tempfile.mkdtemp(prefix="compliance-test-cache-"))


@pytest.fixture(scope="session")
def checker() -> Checker:
    """The built-in packs, shared by every test (pipelines are built once per language)."""
    return Checker.default(today=dt.date(2026, 11, 23))


@pytest.fixture(scope="session")
def fixtures() -> Path:
    return FIXTURES
