"""Render the Tempita templates in src/ from the rule table (dualnum/rules.py).

Each ``src/NAME.in`` becomes ``src/NAME`` (``jets.py.in`` becomes dualnum/_jets.py), a build
output (git-ignored) that starts with a
"generated" banner. setup.py calls :func:`render_all` before cythonizing; running this file
by hand does the same. The table is loaded by path, so nothing needs to be compiled first.
"""
import glob
import os
import re
import runpy

from Cython import Tempita

HERE = os.path.dirname(os.path.abspath(__file__))
PACKAGE = os.path.join(HERE, os.pardir, "dualnum")
TABLE = os.path.join(PACKAGE, "rules.py")
# templates rendered into the package rather than beside themselves
OUTPUTS = {"jets.py.in": os.path.join(PACKAGE, "_jets.py")}

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


# C names in the rule table -> NumPy functions. A rule whose C expressions use only these
# (and arithmetic) has a NumPy twin in dualnum/_jets.py. sin and cos are left out on purpose:
# NumPy evaluates them one element at a time, and the C kernels compute both in one call.
C_TO_NUMPY = {
    "sqrt": "sqrt", "cbrt": "cbrt", "exp": "exp", "exp2": "exp2", "expm1": "expm1",
    "log": "log", "log2": "log2", "log10": "log10", "log1p": "log1p", "tan": "tan",
    "asin": "arcsin", "acos": "arccos", "atan": "arctan", "sinh": "sinh", "cosh": "cosh",
    "tanh": "tanh", "asinh": "arcsinh", "acosh": "arccosh", "atanh": "arctanh",
    "hypot": "hypot",
}
C_CONSTANTS = {"M_LN2": "LN2", "M_LN10": "LN10", "M_2_SQRTPI": "TWO_OVER_SQRT_PI",
               "M_SQRT1_2": "SQRT1_2"}
IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z_0-9]*")


def to_numpy(expression):
    """A C expression of the table as NumPy code, or None if it uses anything else."""
    if re.search(r"[?&|!<>={}]", expression):
        return None
    names = set(IDENTIFIER.findall(expression))
    calls = set(re.findall(r"([A-Za-z_][A-Za-z_0-9]*)\s*\(", expression))
    if not calls <= set(C_TO_NUMPY):
        return None
    for name in calls:
        expression = re.sub(r"\b%s\s*\(" % name, "np.%s(" % C_TO_NUMPY[name], expression)
    for name in names & set(C_CONSTANTS):
        expression = re.sub(r"\b%s\b" % name, C_CONSTANTS[name], expression)
    return expression


def to_numpy_let(let):
    """The `let` declarations of a rule as NumPy assignments, or None."""
    lines = []
    for statement in filter(None, (t.strip() for t in let.split(";"))):
        match = re.fullmatch(r"double\s+(\w+)\s*=\s*(.+)", statement)
        value = match and to_numpy(match.group(2))
        if not value:
            return None
        lines.append("%s = %s" % (match.group(1), value))
    return lines


def numpy_twin(rule):
    """(let lines, f0, f1, f2) in NumPy for a unary rule, or None."""
    let = to_numpy_let(rule.let)
    exprs = [to_numpy(e) for e in (rule.f0, rule.f1, rule.f2)]
    if let is None or None in exprs:
        return None
    return let, *exprs


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
        banner=banner(template), numpy_twin=numpy_twin)
    out = OUTPUTS.get(os.path.basename(template), template[:-len(".in")])
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
