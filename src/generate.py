"""Render the Tempita templates in src/ from the rule table (dualnum/rules.py).

Each ``src/NAME.in`` becomes ``src/NAME`` (``jets.py.in`` becomes dualnum/_jets.py), a build
output (git-ignored) that starts with a "generated" banner. setup.py calls :func:`render_all`
before cythonizing; running this file by hand does the same. The table is loaded by path, so
nothing needs to be compiled first.

Any table can be rendered into any directory, with the same layout below it (``src/...``,
``dualnum/_jets.py``); tests/golden uses this to pin what the generator writes:

    python src/generate.py --table tests/golden/table.py --out tests/golden/expected
"""
import argparse
import glob
import os
import re
import runpy
import sys

from Cython import Tempita

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import taylor_compile  # noqa: E402  (beside this file, found through the path above)
ROOT = os.path.dirname(HERE)
TABLE = os.path.join(ROOT, "dualnum", "rules.py")
# templates rendered into the package rather than beside themselves (paths below the root)
OUTPUTS = {"jets.py.in": os.path.join("dualnum", "_jets.py")}

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


def read_constants(path):
    """The ``#define DN_NAME literal`` lines of a C header, as {name: literal}."""
    with open(path) as f:
        return dict(re.findall(r"^#define\s+(DN_\w+)\s+([0-9.eE+-]+)", f.read(), re.M))


# The constants the rules may use (constants.h). The NumPy twins define the same names with
# the same literals, so their expressions need no translation and the values are one source.
C_CONSTANTS = read_constants(os.path.join(HERE, "constants.h"))

# C names in the rule table -> NumPy functions. A rule whose C expressions use only these
# (and arithmetic) has a NumPy twin in dualnum/_jets.py. sin and cos are left out on purpose:
# NumPy evaluates them one element at a time, and the C kernels compute both in one call.
C_TO_NUMPY = {
    "sqrt": "sqrt", "cbrt": "cbrt", "exp": "exp", "exp2": "exp2", "expm1": "expm1",
    "log": "log", "log2": "log2", "log10": "log10", "log1p": "log1p", "tan": "tan",
    "asin": "arcsin", "acos": "arccos", "atan": "arctan", "sinh": "sinh", "cosh": "cosh",
    "tanh": "tanh", "asinh": "arcsinh", "acosh": "arccosh", "atanh": "arctanh",
    "hypot": "_hypot", "floor": "floor", "ceil": "ceil", "rint": "rint", "trunc": "trunc",
}
# hypot goes to the twins' own _hypot (src/jets.py.in): NumPy's hypot has no SIMD loop, and
# cost arcsinh's twin three times its arcsinh (6.1 ms against 2.1 on 1e6 elements).
TWIN_HELPERS = {"_hypot"}
# floor, ceil, rint and trunc are C-library calls too (one per element, unless the build
# targets SSE4.1), and NumPy's SIMD loops give the same exact results; their derivatives are
# the constant 0.
# A twin pays only where it replaces a C-library call that NumPy evaluates with SIMD loops:
# a rule of plain arithmetic and sqrt (one instruction, inlined) runs faster in its kernel's
# single pass (square, reciprocal and sqrt measured 1.2-1.8x faster than their twins on
# 16384 elements), so it gets no twin.
INLINE_IN_C = {"sqrt"}
# The names a twin's expressions may use besides its `let` temporaries and the constants.
# Not the parameter p: dualnum.arrays.elementwise calls a twin with x alone, so a rule with
# a parameter gets no twin.
TWIN_NAMES = {"x", "f0", "f1", "f2"}
IDENTIFIER = re.compile(r"\b[A-Za-z_][A-Za-z_0-9]*")
CALL = re.compile(r"\b([A-Za-z_][A-Za-z_0-9]*)\s*\(")
DECLARED = re.compile(r"\bdouble\s+(\w+)\s*=")
# `let` declares temporaries (and may fill them by a helper call). Statements that steer
# control, such as an early return, would bypass the generated f0/f1/f2 and their NumPy twin.
LET_CONTROL = re.compile(r"[{}]|\b(if|else|return|for|while|do|switch|goto)\b")


def to_numpy(expression, known, functions=C_TO_NUMPY):
    """A C expression of the table as NumPy code, or None if it uses anything but arithmetic,
    the C functions of `functions` and the names in `known`."""
    if re.search(r"[?&|!<>={}]", expression):
        return None
    calls = set(CALL.findall(expression))
    if not calls <= set(functions) or not set(IDENTIFIER.findall(expression)) - calls <= known:
        return None
    return CALL.sub(lambda m: "%s(" % (functions[m.group(1)] if functions[m.group(1)]
                                       in TWIN_HELPERS else "np." + functions[m.group(1)]),
                    expression)


def to_numpy_let(let, known, functions=C_TO_NUMPY):
    """The `let` declarations of a rule as NumPy assignments, or None."""
    lines = []
    for statement in filter(None, (t.strip() for t in let.split(";"))):
        match = re.fullmatch(r"double\s+(\w+)\s*=\s*(.+)", statement)
        value = match and to_numpy(match.group(2), known, functions)
        if not value:
            return None
        lines.append("%s = %s" % (match.group(1), value))
    return lines


def numpy_twin(rule, functions=C_TO_NUMPY):
    """(let lines, f0, f1, f2) in NumPy for a unary rule, or None."""
    known = TWIN_NAMES | set(C_CONSTANTS) | set(DECLARED.findall(rule.let))
    let = to_numpy_let(rule.let, known, functions)
    exprs = [to_numpy(e, known, functions) for e in (rule.f0, rule.f1, rule.f2)]
    calls = set(CALL.findall(" ".join((rule.let, rule.f0, rule.f1, rule.f2))))
    if let is None or None in exprs or not calls - INLINE_IN_C:
        return None
    return let, *exprs


# The C functions the vector loops evaluate with SIMD variants (src/vector_loops.h): the
# twins' and sin and cos, which NumPy runs one element at a time but libmvec vectorises.
VECTOR_FUNCTIONS = dict(C_TO_NUMPY, sin="sin", cos="cos")


def vector_rule(rule):
    """Whether a unary rule gets vector loops (src/vector_kernels.h.in): no parameters, and
    C expressions of arithmetic and the functions of VECTOR_FUNCTIONS, one at least."""
    return not rule.params and numpy_twin(rule, VECTOR_FUNCTIONS) is not None


# Calls of SciPy's kernels (scipy_special.h), or of a helper that makes them (special_scipy.h
# names those dn_sp_ too): a rule that makes one needs the kernels loaded first.
SCIPY_CALL = re.compile(r"\bdn_sp_\w+\s*\(")


def needs_scipy(rule):
    """Whether a rule (unary or binary) calls a SciPy kernel."""
    parts = (rule.f0, rule.f1, rule.f2) if hasattr(rule, "f0") else (
        rule.f, rule.fx, rule.fy, rule.fxx, rule.fxy, rule.fyy)
    return bool(SCIPY_CALL.search(" ".join((rule.let,) + parts)))


def check_lets(rules):
    """Raise ValueError for a rule whose `let` does more than declare temporaries."""
    for rule in rules:
        if LET_CONTROL.search(rule.let):
            raise ValueError(
                "rule %r: `let` may only declare temporaries, not %r; put conditions in the "
                "expressions (c ? a : b) or in a helper of helpers.h" % (rule.name, rule.let))


# The C rule functions take the parameters as p and q (rules.h.in, loops.h).
MAX_PARAMETERS = 2


def check_parameters(rules):
    """Raise ValueError for a rule of more parameters than the C rule functions take."""
    for rule in rules:
        if len(rule.params) > MAX_PARAMETERS:
            raise ValueError("rule %r: %d parameters, but a rule takes at most %d (p, q)" % (
                rule.name, len(rule.params), MAX_PARAMETERS))


def load_table(path):
    """The UNARY and BINARY rules of a table file, checked."""
    table = runpy.run_path(path)
    check_lets(table["UNARY"] + table["BINARY"])
    check_parameters(table["UNARY"])
    return table


def banner(template, table_name):
    """First line of every generated file, in the comment syntax of its language."""
    text = "generated from %s and %s by src/generate.py: edit those, not this" % (
        os.path.basename(template), table_name)
    return "/* %s */" % text if template.endswith(".h.in") else "# %s" % text


def output_path(template, out_dir):
    """Where a template renders below out_dir: src/NAME, or its entry in OUTPUTS."""
    name = os.path.basename(template)
    return os.path.join(out_dir, OUTPUTS.get(name, os.path.join("src", name[:-len(".in")])))


def render(template, table, table_name, out_dir):
    """Render one template into out_dir; return its output path."""
    with open(template) as f:
        source = f.read()
    rules = {r.name: r for r in table["UNARY"] + table["BINARY"]}
    text = Tempita.Template(source, name=template).substitute(
        unary=table["UNARY"], binary=table["BINARY"], types=TYPES, constants=C_CONSTANTS,
        scipy_functions=table.get("SCIPY_FUNCTIONS", set()),
        banner=banner(template, table_name), numpy_twin=numpy_twin,
        vector_rule=vector_rule, needs_scipy=needs_scipy,
        taylor_function=lambda rule: taylor_compile.function(rule, rules))
    out = output_path(template, out_dir)
    old = open(out).read() if os.path.exists(out) else None
    if text != old:  # leave unchanged outputs alone so the build stays incremental
        os.makedirs(os.path.dirname(out), exist_ok=True)
        with open(out, "w") as f:
            f.write(text)
    return out


def render_all(table_path=TABLE, out_dir=ROOT):
    """Render every src/*.in from the table at table_path into out_dir (by default: the
    build's own outputs in src/ and dualnum/); return the output paths."""
    table = load_table(table_path)
    # named in the banners as a path below the project, never an absolute one
    table_name = os.path.relpath(table_path, ROOT).replace(os.sep, "/")
    return [render(t, table, table_name, out_dir)
            for t in sorted(glob.glob(os.path.join(HERE, "*.in")))]


def main(argv=None):
    parser = argparse.ArgumentParser(description="Render src/*.in from a rule table.")
    parser.add_argument("--table", default=TABLE, help="rule table (default: dualnum/rules.py)")
    parser.add_argument("--out", default=ROOT,
                        help="directory that receives src/... and dualnum/_jets.py "
                             "(default: the project itself, as the build does)")
    args = parser.parse_args(argv)
    for path in render_all(args.table, args.out):
        print(path)


if __name__ == "__main__":
    main()
