"""Render the Tempita templates in src/ from the rule table (dualnum/rules.py).

Each ``src/NAME.in`` becomes ``src/NAME``, a build output (git-ignored) that starts with a
"generated" banner. setup.py calls :func:`render_all` before cythonizing; running this file
by hand does the same. The table is loaded by path, so nothing needs to be compiled first.
"""
import glob
import os
import runpy

from Cython import Tempita

HERE = os.path.dirname(os.path.abspath(__file__))
TABLE = os.path.join(HERE, os.pardir, "dualnum", "rules.py")

# The two number types, as the templates see them: C struct, parts (Python name, C field).
TYPES = [
    dict(name="Dual", c="dual", ctype="dn_dual",
         parts=[("real", "re"), ("dual", "du")],
         doc="Dual number a + b e with e**2 = 0: carries a value and one derivative."),
    dict(name="HyperDual", c="hyper", ctype="dn_hyper",
         parts=[("real", "re"), ("eps1", "e1"), ("eps2", "e2"), ("eps1eps2", "e12")],
         doc="Hyper-dual number a + b e1 + c e2 + d e1e2 with e1**2 = e2**2 = 0: carries a\n"
             "    value, two first derivatives and their mixed second derivative."),
]


def banner(template):
    """First line of every generated file, in the comment syntax of its language."""
    text = "generated from %s and dualnum/rules.py by src/generate.py: edit those, not this" % (
        os.path.basename(template))
    return "/* %s */" % text if template.endswith(".h.in") else "# %s" % text


def render(template, table):
    """Render one template; return its output path."""
    with open(template) as f:
        source = f.read()
    text = Tempita.Template(source, name=template).substitute(
        unary=table["UNARY"], binary=table["BINARY"], types=TYPES,
        banner=banner(template))
    out = template[:-len(".in")]
    old = open(out).read() if os.path.exists(out) else None
    if text != old:  # leave unchanged outputs alone so the build stays incremental
        with open(out, "w") as f:
            f.write(text)
    return out


def render_all():
    """Render every src/*.in; return the output paths."""
    table = runpy.run_path(TABLE)
    return [render(t, table) for t in sorted(glob.glob(os.path.join(HERE, "*.in")))]


if __name__ == "__main__":
    for path in render_all():
        print(path)
