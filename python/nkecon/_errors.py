"""The exception tree of nkecon. The Rust core maps its errors onto these classes."""

from __future__ import annotations


class NkeconError(Exception):
    """Base class of every error nkecon raises."""


class NkeconFileNotFoundError(NkeconError, FileNotFoundError):
    """An input path that was named does not exist (or a glob matched nothing)."""


class NkeconIOError(NkeconError, OSError):
    """Reading or writing a file failed."""


class NkeconOptionError(NkeconError, ValueError):
    """An option has a value outside its allowed set; the message lists them."""


class NkeconSchemaError(NkeconError, ValueError):
    """An input table lacks a column a stage needs, or has the wrong type."""


class NkeconInterrupted(NkeconError, KeyboardInterrupt):
    """The run was interrupted (Ctrl-C); the output folder was left untouched."""


class NkeconRejectWarning(UserWarning):
    """Some inputs could not be used; call with ``with_rejects=True`` to get them."""


__all__ = [
    "NkeconError",
    "NkeconFileNotFoundError",
    "NkeconIOError",
    "NkeconOptionError",
    "NkeconSchemaError",
    "NkeconInterrupted",
    "NkeconRejectWarning",
]
