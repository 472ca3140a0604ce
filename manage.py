#!/usr/bin/env python
"""Django's command-line utility; `padu` wraps it for operators."""

import sys

from padu.cli import main

if __name__ == "__main__":
    sys.exit(main())
