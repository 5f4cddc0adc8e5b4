"""``python -m dualnum``: the main job (see dualnum.report)."""
from dualnum.report import main

main()
