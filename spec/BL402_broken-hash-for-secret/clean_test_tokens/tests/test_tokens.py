"""Tests compute MD5 tokens to compare with what the code under test issued."""

import hashlib


def test_reset_token_matches() -> None:
    reset_token = hashlib.md5(b"user-1:1700000000").hexdigest()
    assert reset_token
