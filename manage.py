#!/usr/bin/env python
"""Django's command-line utility; the `samvirke` command wraps the same commands."""

import sys

from samvirke.cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
