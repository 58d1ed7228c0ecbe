"""`python -m aimap_publish`: the same command line as `aimap-publish`."""
import sys

from .cli import main

sys.exit(main())
