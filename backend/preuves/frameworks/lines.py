"""Where each value of a JSON text starts: JSON pointer -> (line, column), both from 1.

A support worker fixes a framework file in a text editor: an error must say the line, not
only the pointer. Python's json module gives no positions for valid documents, so this walks
the text once with the json module's own scanners (the text is already known to parse).
"""

from __future__ import annotations

import json
from json.decoder import scanstring

_DECODER = json.JSONDecoder()
_SPACE = " \t\n\r"

Positions = dict[str, tuple[int, int]]


def escape(token: str) -> str:
    """One reference token of a JSON pointer (RFC 6901)."""
    return token.replace("~", "~0").replace("/", "~1")


def positions(text: str) -> Positions:
    """Line and column of every value of a JSON text that parses."""
    found: Positions = {}
    _value(text, _skip(text, 0), "", found)
    return found


def line_of(found: Positions, pointer: str) -> tuple[int, int] | None:
    """The position of the pointer, or of its nearest ancestor (a missing field's parent)."""
    while True:
        if pointer in found:
            return found[pointer]
        if not pointer:
            return None
        pointer = pointer.rsplit("/", 1)[0]


def _where(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _skip(text: str, index: int) -> int:
    while index < len(text) and text[index] in _SPACE:
        index += 1
    return index


def _value(text: str, index: int, pointer: str, found: Positions) -> int:
    """Record the value at `index` and what it holds; return the index just after it."""
    found[pointer] = _where(text, index)
    if text[index] == "{":
        return _members(text, index, pointer, found)
    if text[index] == "[":
        return _elements(text, index, pointer, found)
    return _DECODER.raw_decode(text, index)[1]


def _members(text: str, index: int, pointer: str, found: Positions) -> int:
    index = _skip(text, index + 1)
    while text[index] != "}":
        key, index = scanstring(text, index + 1)
        index = _skip(text, _skip(text, index) + 1)  # past the colon
        index = _skip(text, _value(text, index, f"{pointer}/{escape(key)}", found))
        if text[index] == ",":
            index = _skip(text, index + 1)
    return index + 1


def _elements(text: str, index: int, pointer: str, found: Positions) -> int:
    index, position = _skip(text, index + 1), 0
    while text[index] != "]":
        index = _skip(text, _value(text, index, f"{pointer}/{position}", found))
        position += 1
        if text[index] == ",":
            index = _skip(text, index + 1)
    return index + 1
