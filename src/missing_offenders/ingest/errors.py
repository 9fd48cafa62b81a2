"""Errors about bad input: each says where (file, line, column), what was found and what was expected."""
from __future__ import annotations


class InputError(Exception):
    """A problem with an input file that a person must fix; the message is one plain paragraph."""


class RawDataChangedError(InputError):
    """A raw file differs from, or is missing from, the checksum manifest."""


class CsvFormatError(InputError):
    """A raw CSV cannot be read as the expected table (encoding, empty, missing column)."""


class UnknownForceError(InputError):
    """A force name that resolves to no force, or to more than one."""


class DuplicateForceError(InputError):
    """Two rows give a figure for the same force in the same round."""


class UnreadableValueError(InputError):
    """A figure or duration that the parser cannot read."""


class ParameterError(ValueError):
    """A notebook parameter with the wrong type or a value outside those allowed."""


def located(file: str, line: int | None, column: str | None, value: object, problem: str) -> str:
    """Uniform prefix: `data/raw/x.csv, line 5, column count_text: value 'abc': problem`."""
    where = [file]
    if line is not None:
        where.append(f"line {line}")
    if column is not None:
        where.append(f"column {column}")
    return f"{', '.join(where)}: value {value!r}: {problem}"
