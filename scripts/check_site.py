#!/usr/bin/env python3
"""Check the study site (make check): `python scripts/check_site.py --help` says what.
The checks live in check/, imported as studysite.check."""

import sys

from studysite.check.run import main

if __name__ == "__main__":
    sys.exit(main())
