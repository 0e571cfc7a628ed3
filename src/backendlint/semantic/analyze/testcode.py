"""Whether code is test code, where rules that would only cry wolf stay quiet."""

from __future__ import annotations

_TEST_DIRS = frozenset({"test", "tests", "testing", "testutils", "test_utils", "fixtures"})


def is_test_path(path: str) -> bool:
    """Whether a POSIX path is test code: under a `test(s)`/`testing`/`testutils` folder, or a
    `test_*.py`, `*_test.py`, `tests.py` or `conftest.py` file. Rules that would only cry wolf
    there (lowered hashing cost, apps built for one test, SQL expected by assertions) skip it."""
    parts = path.split("/")
    name = parts[-1]
    stem = name.rsplit(".", 1)[0]
    return (any(part in _TEST_DIRS for part in parts[:-1])
            or stem.startswith("test_") or stem.endswith("_test")
            or stem in ("tests", "testing", "conftest"))
