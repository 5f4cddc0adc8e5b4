"""``python -m dualnum``: the main job, ``python -m dualnum.bench`` (see dualnum.bench.cli)."""
import sys

from dualnum.bench.cli import main

sys.exit(main(prog="python -m dualnum"))
