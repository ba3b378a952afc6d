"""The one exception checkers raise: the judge (or the problem's author) is at fault, never the student."""

from __future__ import annotations


class CheckerError(Exception):
    """A check that could not be carried out; the pipeline turns it into verdict IE."""
