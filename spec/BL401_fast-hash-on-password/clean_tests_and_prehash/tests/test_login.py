"""Tests build fixtures with fast hashes on purpose (BL401 skips test code)."""

import hashlib


def test_legacy_hash_is_upgraded() -> None:
    password = "hunter2"
    legacy = hashlib.md5(password.encode()).hexdigest()
    assert len(legacy) == 32
