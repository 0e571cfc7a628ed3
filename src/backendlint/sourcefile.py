"""A source file's bytes as text and back, unchanged but for the fixes: its declared encoding,
its BOM and its line endings survive a round trip (`--fix` must not rewrite what it did not
fix)."""

from __future__ import annotations

import codecs
import io
import tokenize
from dataclasses import dataclass

from backendlint.core.pipeline import DecodeError, decode_source


@dataclass(frozen=True)
class Decoded:
    """The text the linter sees (no BOM; line endings as in the file) and how to write it."""

    text: str
    encoding: str
    bom: bool


def decode(data: bytes) -> Decoded:
    """Decode as Python does (BOM, coding cookie, else UTF-8); DecodeError when it cannot."""
    text = decode_source(data)
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as error:  # decode_source has already accepted it; stay safe
        raise DecodeError(str(error)) from None
    bom = data.startswith(codecs.BOM_UTF8)
    return Decoded(text, "utf-8" if encoding == "utf-8-sig" else encoding, bom)


def encode(text: str, like: Decoded) -> bytes:
    """The bytes of `text` in the original's encoding, with its BOM; UnicodeEncodeError when
    a fix brought in a character that encoding cannot hold."""
    data = text.encode(like.encoding)
    return codecs.BOM_UTF8 + data if like.bom else data


def encode_problem(text: str, like: Decoded) -> str | None:
    """Why `text` cannot be written in the original's encoding, or None."""
    try:
        encode(text, like)
    except UnicodeEncodeError as error:
        return (f"fix not applied: the fixed code has {text[error.start]!r}, which the "
                f"file's encoding ({like.encoding}) cannot hold")
    return None
