"""The ``nkecon`` command line: ``nkecon run [INPUT...] --out DIR``."""

from __future__ import annotations

import sys

from . import SAMPLE_DIR
from ._core import cli_main


def main(argv: list[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); returns the exit code.

    With no INPUT, ``nkecon run --out DIR`` runs on the sample archive shipped in the package.
    """
    args = list(sys.argv[1:] if argv is None else argv)
    code = cli_main(args, [SAMPLE_DIR])
    return int(code)


if __name__ == "__main__":
    sys.exit(main())
