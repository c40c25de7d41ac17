#!/usr/bin/env python3
"""Entry point: `python make_materials.py build|list|translations ...` (see README.md)."""

import sys
from pathlib import Path

from awareness.cli import main

if __name__ == "__main__":
    sys.exit(main(root=Path(__file__).resolve().parent))
