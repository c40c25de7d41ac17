"""`python -m awareness ...`: the same as make_materials.py."""

import sys

from .cli import main

sys.exit(main())
