"""The exception checkers raise when the judge or the problem's author is at fault."""

from __future__ import annotations


class CheckerError(Exception):
    """A check that could not be carried out; the pipeline turns it into verdict IE."""
