"""Random expression trees over the whole rule table, for the property tests
(tests/test_properties.py).

A tree is held as a *program*: a tuple of ``Step(name, args, param)``, each a public rule of
``dualnum.rules`` (by name) or an operator ``+ - * / **`` applied to operands, where an operand
is an input ``("x", i)``, a constant ``("c", number)`` or the result of an earlier step
``("s", k)``; the last step is the tree's value. ``run`` evaluates a program with the
functions it is given, so one program runs on dualnum's scalars and arrays (the results under
test, ``dualnum_calls``) and, while it is drawn, on pairs (mpmath value at 50 digits, sympy
expression) built from the plain mathematical functions (``reference_apply``: the mpmath
references of tests/references.py and sympy's own functions, never dualnum's rules).

Domains are guarded by construction (``programs``): each argument of a function is brought
into a *region* of that function's domain, an interval on which the function is smooth and
well conditioned (away from poles, branch points, kinks and jumps), either because its value
at the drawn point already lies there or through an affine adapter ``c + s * u`` (two more
steps) that maps it there. Piecewise functions (kinks, jumps) are therefore smooth near the
point, and their sympy form is the branch the point lies on.

Imported by name (pytest puts tests/ on sys.path, as for references.py).
"""
import operator
from collections import namedtuple

import mpmath
import numpy as np
import scipy.special
import sympy
from hypothesis import assume
from hypothesis import strategies as st
from sympy.codegen.cfunctions import expm1 as sympy_expm1

import dualnum as dn
from arrays_support import NAMES as ARRAY_PARTS
from dualnum import rules
from references import BINARY as REF2
from references import UNARY as REF1
from rule_calls import module_function, parameters

DIGITS = 50  # of the references (tests/references.py sets mpmath to 50 digits)
Step = namedtuple("Step", "name args param")
Case = namedtuple("Case", "program point value expr symbols")

# ---------------------------------------------------------------- regions of the domains
WIDE = (-3.0, 3.0)
POSITIVE = (0.25, 4.0)
NONZERO = ((-3.0, -0.25), (0.25, 3.0))
UNIT = ((-0.875, 0.875),)
OFF_THE_POLES = ((0.25, 5.0), (-0.75, -0.25), (-2.75, -2.25))  # gamma, lgamma, digamma
BETWEEN_INTEGERS = tuple((k + 0.125, k + 0.875) for k in range(-3, 3))
BETWEEN_HALVES = tuple((k - 0.375, k + 0.375) for k in range(-3, 4))  # rint's jumps

# The regions of each public one-argument rule: one is drawn per node.
UNARY_REGIONS = {
    "sqrt": (POSITIVE,), "cbrt": NONZERO, "square": (WIDE,), "reciprocal": NONZERO,
    "exp": (WIDE,), "exp2": (WIDE,), "expm1": (WIDE,), "log": (POSITIVE,),
    "log2": (POSITIVE,), "log10": (POSITIVE,), "log1p": ((-0.75, 3.0),),
    "sin": (WIDE,), "cos": (WIDE,), "tan": ((-1.25, 1.25),), "arcsin": UNIT,
    "arccos": UNIT, "arctan": (WIDE,),
    "sinh": (WIDE,), "cosh": (WIDE,), "tanh": (WIDE,), "arcsinh": (WIDE,),
    "arccosh": ((1.25, 5.0),), "arctanh": UNIT,
    "erf": (WIDE,), "erfc": (WIDE,), "gamma": OFF_THE_POLES, "lgamma": OFF_THE_POLES,
    "digamma": OFF_THE_POLES, "rgamma": OFF_THE_POLES,  # sympy: 1/gamma has no value at poles
    "polygamma": OFF_THE_POLES,
    "sinc": (WIDE,),
    "sigmoid": (WIDE,), "softplus": (WIDE,), "relu": NONZERO, "leaky_relu": NONZERO,
    "gelu": (WIDE,),
    "absolute": NONZERO, "sign": NONZERO, "floor": BETWEEN_INTEGERS, "ceil": BETWEEN_INTEGERS,
    "rint": BETWEEN_HALVES, "trunc": BETWEEN_INTEGERS,
    "ndtr": (WIDE,), "ndtri": ((0.125, 0.875),), "erfinv": UNIT, "erfcinv": ((0.125, 1.875),),
    "logit": ((0.125, 0.875),), "log_expit": (WIDE,), "entr": (POSITIVE,), "i0": (WIDE,),
    "i1": (WIDE,), "log_ndtr": (WIDE,), "iv": (POSITIVE,), "ive": (POSITIVE,), "kv": (POSITIVE,),
    "j0": (WIDE,),
    "j1": (WIDE,),
    "y0": (POSITIVE,), "y1": (POSITIVE,), "jv": (POSITIVE,), "yv": (POSITIVE,),
    "gammainc": (POSITIVE,), "gammaincc": (POSITIVE,), "betainc": ((0.125, 0.875),),
}
APART = (((-3.0, -1.25), (-0.75, 3.0)), ((-0.75, 3.0), (-3.0, -1.25)))  # no ties
# The region pairs of each public two-argument rule and operator (None: any value).
BINARY_REGIONS = {
    "power": ((POSITIVE, WIDE),),
    "arctan2": tuple((r, WIDE) for r in NONZERO),  # off the branch cut x1 = 0
    "hypot": tuple((r, WIDE) for r in NONZERO),    # off the cone point (0, 0)
    "logaddexp": ((WIDE, WIDE),),
    "maximum": APART, "minimum": APART,
    "logaddexp2": ((WIDE, WIDE),),
    # fmod jumps where x / y is an integer: quotients 0 and 2, away from the jumps
    "fmod": (((-0.875, 0.875), (1.0, 3.0)), ((2.25, 2.75), (1.0, 1.0625))),
    "+": ((None, None),), "-": ((None, None),), "*": ((None, None),),
    "/": tuple((None, r) for r in NONZERO),
    "xlogy": ((WIDE, POSITIVE),), "xlog1py": ((WIDE, (-0.75, 3.0)),),
    "beta": ((POSITIVE, POSITIVE),), "betaln": ((POSITIVE, POSITIVE),),
}
# ``**`` with a constant exponent (an integer one allows a negative base), with a constant
# base, or with both operands variable (BINARY_REGIONS["power"]).
EXPONENTS = (2, 3, -1, 0, 1, 2.0, 0.5, -1.5, 2.5, 1.0 / 3.0)
BASES = (0.5, 2.0, 2.5, 10.0)
ALPHAS = (0.01, 0.2, 1.5)  # leaky_relu's slope for x < 0
# The parameters of each rule that takes some, one drawn per node: leaky_relu's slope, and
# SciPy's, which come first in its calls (tests/rule_calls.py).
PARAMETERS = {"leaky_relu": ALPHAS, "gammainc": (0.5, 1.0, 3.5), "gammaincc": (0.5, 1.0, 3.5),
              "betainc": ((0.5, 0.5), (2.0, 3.0), (1.0, 2.5)), "iv": (0.0, 1.0, 2.5, -1.5),
              "ive": (0.0, 1.0, 2.5, -1.5), "kv": (0.0, 1.0, 2.5, -1.5),
              "jv": (0.0, 1.0, 2.5, -1.5), "yv": (0.0, 1.0, 2.5, -1.5),
              "polygamma": (0.0, 1.0, 2.0, 5.0)}
RULES = {r.name: r for r in rules.UNARY}

OPERATORS = ("+", "-", "*", "/", "**")
UNARY_NAMES = tuple(r.name for r in rules.UNARY if r.public)
BINARY_NAMES = tuple(r.name for r in rules.BINARY if r.public)
NAMES = UNARY_NAMES + BINARY_NAMES + OPERATORS


def moderate(lo, hi):
    """Floats in [lo, hi]: 0, or at least 1e-3 in magnitude, so that no product of a few of
    them underflows."""
    return st.floats(lo, hi).filter(lambda v: v == 0.0 or abs(v) >= 1e-3)


# Points and constants.
NUMBERS = moderate(-3.0, 3.0)
CONSTANTS = st.one_of(st.sampled_from((0, 1, 2, -3)), NUMBERS)


# ---------------------------------------------------------------- the references
def _side(v):
    """The branch a value lies on: 1 above 0, -1 below (regions keep it off 0)."""
    return 1 if v > 0 else -1


def _sign_of_gamma(v):
    return _side(mpmath.gamma(v))


# Each public rule as a sympy expression of its arguments ``e`` (with values ``v`` at the
# point, for the branch of a piecewise function) and its parameter ``p``.
SYMPY = {
    "sqrt": lambda e, v, p: sympy.sqrt(e[0]),
    "cbrt": lambda e, v, p: _side(v[0]) * (_side(v[0]) * e[0]) ** sympy.Rational(1, 3),
    "square": lambda e, v, p: e[0] ** 2,
    "reciprocal": lambda e, v, p: 1 / e[0],
    "exp": lambda e, v, p: sympy.exp(e[0]),
    "exp2": lambda e, v, p: 2 ** e[0],
    "expm1": lambda e, v, p: sympy_expm1(e[0]),  # exp(u) - 1 loses all digits for tiny u
    "log": lambda e, v, p: sympy.log(e[0]),
    "log2": lambda e, v, p: sympy.log(e[0]) / sympy.log(2),
    "log10": lambda e, v, p: sympy.log(e[0]) / sympy.log(10),
    "log1p": lambda e, v, p: sympy.log(1 + e[0]),
    "sin": lambda e, v, p: sympy.sin(e[0]),
    "cos": lambda e, v, p: sympy.cos(e[0]),
    "tan": lambda e, v, p: sympy.tan(e[0]),
    "arcsin": lambda e, v, p: sympy.asin(e[0]),
    "arccos": lambda e, v, p: sympy.acos(e[0]),
    "arctan": lambda e, v, p: sympy.atan(e[0]),
    "sinh": lambda e, v, p: sympy.sinh(e[0]),
    "cosh": lambda e, v, p: sympy.cosh(e[0]),
    "tanh": lambda e, v, p: sympy.tanh(e[0]),
    "arcsinh": lambda e, v, p: sympy.asinh(e[0]),
    "arccosh": lambda e, v, p: sympy.acosh(e[0]),
    "arctanh": lambda e, v, p: sympy.atanh(e[0]),
    "erf": lambda e, v, p: sympy.erf(e[0]),
    "erfc": lambda e, v, p: sympy.erfc(e[0]),
    "gamma": lambda e, v, p: sympy.gamma(e[0]),
    "lgamma": lambda e, v, p: sympy.log(_sign_of_gamma(v[0]) * sympy.gamma(e[0])),
    "digamma": lambda e, v, p: sympy.polygamma(0, e[0]),
    "rgamma": lambda e, v, p: 1 / sympy.gamma(e[0]),
    "sinc": lambda e, v, p: sympy.sinc(sympy.pi * e[0]),
    "sigmoid": lambda e, v, p: 1 / (1 + sympy.exp(-e[0])),
    "softplus": lambda e, v, p: sympy.log(1 + sympy.exp(e[0])),
    "relu": lambda e, v, p: e[0] if v[0] > 0 else sympy.Integer(0),
    "leaky_relu": lambda e, v, p: e[0] if v[0] > 0 else _exact(p) * e[0],
    "gelu": lambda e, v, p: e[0] * (1 + sympy.erf(e[0] / sympy.sqrt(2))) / 2,
    "absolute": lambda e, v, p: _side(v[0]) * e[0],
    "sign": lambda e, v, p: sympy.Integer(_side(v[0])),
    "floor": lambda e, v, p: sympy.Integer(int(mpmath.floor(v[0]))),
    "ceil": lambda e, v, p: sympy.Integer(int(mpmath.ceil(v[0]))),
    "rint": lambda e, v, p: sympy.Integer(int(mpmath.nint(v[0]))),
    "trunc": lambda e, v, p: sympy.Integer(int(v[0])),
    "power": lambda e, v, p: e[0] ** e[1],
    "arctan2": lambda e, v, p: sympy.atan2(e[0], e[1]),
    "hypot": lambda e, v, p: sympy.sqrt(e[0] ** 2 + e[1] ** 2),
    "logaddexp": lambda e, v, p: sympy.log(sympy.exp(e[0]) + sympy.exp(e[1])),
    "ndtr": lambda e, v, p: (1 + sympy.erf(e[0] / sympy.sqrt(2))) / 2,
    "log_ndtr": lambda e, v, p: sympy.log((1 + sympy.erf(e[0] / sympy.sqrt(2))) / 2),
    "ndtri": lambda e, v, p: sympy.sqrt(2) * sympy.erfinv(2 * e[0] - 1),
    "erfinv": lambda e, v, p: sympy.erfinv(e[0]),
    "erfcinv": lambda e, v, p: sympy.erfinv(1 - e[0]),  # sympy cannot evaluate erfcinv
    "logit": lambda e, v, p: sympy.log(e[0] / (1 - e[0])),
    "log_expit": lambda e, v, p: -sympy.log(1 + sympy.exp(-e[0])),
    "entr": lambda e, v, p: -e[0] * sympy.log(e[0]),
    "i0": lambda e, v, p: sympy.besseli(0, e[0]),
    "i1": lambda e, v, p: sympy.besseli(1, e[0]),
    "iv": lambda e, v, p: sympy.besseli(_exact(p), e[0]),
    "ive": lambda e, v, p: sympy.besseli(_exact(p), e[0]) * sympy.exp(-e[0]),  # x > 0
    "kv": lambda e, v, p: sympy.besselk(_exact(p), e[0]),
    "j0": lambda e, v, p: sympy.besselj(0, e[0]),
    "j1": lambda e, v, p: sympy.besselj(1, e[0]),
    "y0": lambda e, v, p: sympy.bessely(0, e[0]),
    "y1": lambda e, v, p: sympy.bessely(1, e[0]),
    "jv": lambda e, v, p: sympy.besselj(_exact(p), e[0]),
    "yv": lambda e, v, p: sympy.bessely(_exact(p), e[0]),
    "gammainc": lambda e, v, p: sympy.lowergamma(_exact(p), e[0]) / sympy.gamma(_exact(p)),
    "gammaincc": lambda e, v, p: sympy.uppergamma(_exact(p), e[0]) / sympy.gamma(_exact(p)),
    "betainc": lambda e, v, p: sympy.betainc_regularized(*map(_exact, p), 0, e[0]),
    "polygamma": lambda e, v, p: sympy.polygamma(_exact(p), e[0]),
    "xlogy": lambda e, v, p: e[0] * sympy.log(e[1]),
    "xlog1py": lambda e, v, p: e[0] * sympy.log(1 + e[1]),
    "beta": lambda e, v, p: sympy.beta(e[0], e[1]),
    "betaln": lambda e, v, p: sympy.log(sympy.beta(e[0], e[1])),
    "maximum": lambda e, v, p: e[0] if v[0] > v[1] else e[1],
    "minimum": lambda e, v, p: e[0] if v[0] < v[1] else e[1],
    "logaddexp2": lambda e, v, p: sympy.log(2 ** e[0] + 2 ** e[1]) / sympy.log(2),
    "fmod": lambda e, v, p: e[0] - int(v[0] / v[1]) * e[1],
    "+": lambda e, v, p: e[0] + e[1],
    "-": lambda e, v, p: e[0] - e[1],
    "*": lambda e, v, p: e[0] * e[1],
    "/": lambda e, v, p: e[0] / e[1],
    "**": lambda e, v, p: e[0] ** e[1],
}

OPERATOR_CALLS = {"+": operator.add, "-": operator.sub, "*": operator.mul,
                  "/": operator.truediv, "**": operator.pow}
_MPMATH_OPERATORS = dict(OPERATOR_CALLS, **{"**": mpmath.power})


def _exact(c):
    """A float or int as a sympy number of the same value: a Float of 60 digits holds a
    double exactly, and unlike a Rational with a denominator of 2**52 it never sends sympy
    into exact arithmetic (roots and powers of huge integers)."""
    return sympy.Integer(c) if isinstance(c, int) else sympy.Float(c, DIGITS + 10)


def _lift(c):
    """A constant as a reference pair (mpmath value, sympy expression)."""
    return (mpmath.mpf(c), _exact(c))


def reference_apply(name, args, param):
    """Step ``name`` on reference pairs (mpmath value, sympy expression)."""
    values = [a[0] for a in args]
    if name in _MPMATH_OPERATORS:
        value = _MPMATH_OPERATORS[name](*values)
    elif name in REF2:
        value = REF2[name](*values)
    else:
        value = REF1[name](*values, *map(mpmath.mpf, parameters(RULES[name], param)))
    expr = SYMPY[name]([a[1] for a in args], values, param)
    # a step of constants alone is a number: its value, rather than an exact expression
    return value, expr if expr.free_symbols else sympy.Float(value, DIGITS)


# ---------------------------------------------------------------- running a program
def run(program, inputs, apply):
    """The results of every step of ``program`` (a list; the last is the tree's value) on
    ``inputs``, with ``apply(name, args, param)`` evaluating a step."""
    return rerun(program, inputs, apply, [], 0)


def rerun(program, inputs, apply, results, start):
    """``run`` from step ``start`` on, the steps before it taken from ``results``."""
    results = list(results[:start])
    for name, args, param in program[start:]:
        operands = [inputs[i] if kind == "x" else i if kind == "c" else results[i]
                    for kind, i in args]
        results.append(apply(name, operands, param))
    return results


def dualnum_calls(numpy=False):
    """``apply`` for dualnum: its module functions, or with ``numpy`` the NumPy and
    scipy.special ufuncs of the rules that have one wherever an argument is a dual array
    (NEP 13; on numbers alone they are NumPy's and SciPy's own float functions)."""
    table = dict(OPERATOR_CALLS, **{name: getattr(dn, name) for name in BINARY_NAMES})
    ufuncs = {}
    for r in rules.UNARY + rules.BINARY:
        scipy_name = getattr(r, "scipy", None)  # one-argument rules only
        if numpy and r.public and (r.numpy or scipy_name):
            ufuncs[r.name] = getattr(np, r.numpy) if r.numpy else getattr(scipy.special,
                                                                          scipy_name)

    def apply(name, args, param):
        arrays = any(isinstance(a, (dn.DualArray, dn.HyperDualArray)) for a in args)
        if name not in RULES:
            return (ufuncs.get(name, table[name]) if arrays else table[name])(*args)
        if arrays and name in ufuncs:   # SciPy's ufuncs take the parameters first
            ps = parameters(RULES[name], param)
            return ufuncs[name](*ps, *args) if RULES[name].scipy else ufuncs[name](*args, *ps)
        return module_function(RULES[name], param)(*args)
    return apply


# ---------------------------------------------------------------- drawing programs
class _Builder:
    """Collects the steps of a program, evaluating each on reference pairs as it is added."""

    def __init__(self, point):
        self.symbols = sympy.symbols("x0:%d" % len(point), real=True)
        self.inputs = [(mpmath.mpf(v), s) for v, s in zip(point, self.symbols)]
        self.program, self.refs = [], []

    def reference(self, operand):
        kind, i = operand
        return self.inputs[i] if kind == "x" else _lift(i) if kind == "c" else self.refs[i]

    def apply(self, name, args, param=None):
        self.refs.append(reference_apply(name, [self.reference(a) for a in args], param))
        self.program.append(Step(name, tuple(args), param))
        return ("s", len(self.program) - 1)


@st.composite
def programs(draw, variables=1, depth=3, root=None):
    """A Case: a random program over ``variables`` inputs (the function ``root``, or a
    random one, at the root; functions nested up to ``depth`` deep) that reads at least one
    of them, the point drawn for it, and its reference value and sympy expression in the
    symbols ``x0, x1, ...``."""
    point = tuple(draw(NUMBERS) for _ in range(variables))
    b = _Builder(point)
    _function(draw, b, depth, root)
    assume(any(kind == "x" for step in b.program for kind, _ in step.args))
    value, expr = b.refs[-1]
    return Case(tuple(b.program), point, value, expr, b.symbols)


def _function(draw, b, depth, name=None):
    name = name or draw(st.sampled_from(NAMES))
    if name in UNARY_REGIONS:
        region = draw(st.sampled_from(UNARY_REGIONS[name]))
        param = draw(st.sampled_from(PARAMETERS[name])) if name in PARAMETERS else None
        return b.apply(name, [_argument(draw, b, depth - 1, region)], param)
    if name == "**":
        return _power(draw, b, depth)
    regions = draw(st.sampled_from(BINARY_REGIONS[name]))
    return b.apply(name, [_argument(draw, b, depth - 1, r) for r in regions])


def _power(draw, b, depth):
    kind = draw(st.sampled_from(("exponent", "base", "both")))
    if kind == "exponent":
        p = draw(st.sampled_from(EXPONENTS))
        region = draw(st.sampled_from(NONZERO if float(p).is_integer() else (POSITIVE,)))
        return b.apply("**", [_argument(draw, b, depth - 1, region), ("c", p)])
    if kind == "base":
        return b.apply("**", [("c", draw(st.sampled_from(BASES))),
                              _argument(draw, b, depth - 1, WIDE)])
    return b.apply("**", [_argument(draw, b, depth - 1, r) for r in BINARY_REGIONS["power"][0]])


def _argument(draw, b, depth, region):
    """An operand whose value lies in ``region`` (an interval, or None for any value): a
    leaf or a function, adapted to the region where needed."""
    if depth <= 0 or draw(st.integers(0, 2)) == 0:
        if draw(st.integers(0, 3)):
            return _into(draw, b, ("x", draw(st.integers(0, len(b.inputs) - 1))), region)
        return ("c", draw(CONSTANTS if region is None else moderate(*region)))
    return _into(draw, b, _function(draw, b, depth), region)


def _into(draw, b, operand, region):
    """``operand``, or ``c + s * operand`` with c and s chosen so that its value lies in
    ``region``: at a drawn fraction of the half-width from the middle, so that it stays
    1/8 of the half-width inside."""
    if region is None:
        return operand
    lo, hi = region
    u = float(b.reference(operand)[0])
    if lo <= u <= hi and draw(st.booleans()):
        return operand
    centre, half = (lo + hi) / 2, (hi - lo) / 2
    target = draw(moderate(-0.875, 0.875))
    # a tiny |u| is shifted by the centre alone: it stays well inside
    scale = half * target / u if abs(u) >= 1e-3 else 1.0
    return b.apply("+", [("c", centre), b.apply("*", [("c", scale), operand])])


# ---------------------------------------------------------------- the reference values
def evaluate(expr, case):
    """A sympy expression of the case's symbols at its point, as an mpmath number (exact
    floats in, DIGITS correct digits out; a sum that cancels below DIGITS digits is 0:
    without ``chop`` sympy returns noise such as 1e-160 for an exact 0)."""
    at = {s: _exact(v) for s, v in zip(case.symbols, case.point)}
    value = sympy.N(expr, DIGITS, subs=at, chop=True)
    if value == 0:   # chop also drops a product of a tiny and a huge factor (1e-148 e^347)
        unchopped = sympy.N(expr, DIGITS, subs=at)
        value = unchopped if abs(unchopped) > 1e-60 else value
    assert value.is_real, "reference %s is not real at %s: %s" % (expr, case.point, value)
    return mpmath.mpf(value)


# ---------------------------------------------------------------- the error bound
# Every rule gives its value and derivatives at a float argument to within REL of the exact
# ones (tests/test_rules.py holds each to this) and every operator rounds once, so an error
# of at most REL in each part of each step's result, carried to the tree's result, bounds
# the error there (to first order). The sensitivity of the result to such an error is
# measured by making it: each part of each step's result in turn is scaled by 1 + ETA and by
# 1 - ETA (the larger change counts: next to a domain edge one side may leave the domain)
# and the rest of the program run again. A step's rounding is relative to the terms it sums
# (f'' b c + f' d may cancel to far less than either), so the perturbation parts of the
# inputs are scaled too: exact themselves, they measure the terms the first steps sum, as
# the results of earlier steps measure those of later ones. ETA is 64 ulps: large enough that
# the rounding of the run itself hardly blurs the change, small enough that the change stays
# linear even next to a domain edge (1 - tanh x = 1e-11 moves by 0.1%).
REL = 1e-13
ETA = 2.0 ** -46
PART_NAMES = {**ARRAY_PARTS, dn.Dual: ARRAY_PARTS[dn.DualArray],
              dn.HyperDual: ARRAY_PARTS[dn.HyperDualArray]}


def parts(value):
    """The parts of a result as float64 arrays (one part for a number or an ndarray)."""
    names = PART_NAMES.get(type(value))
    if names is None:
        return [np.asarray(value, dtype=np.float64)]
    return [np.asarray(getattr(value, n), dtype=np.float64) for n in names]


def _with_part_scaled(value, i, factor):
    names = PART_NAMES.get(type(value))
    if names is None:
        return value * factor
    new = [getattr(value, n) for n in names]
    new[i] = new[i] * factor
    if isinstance(value, (dn.DualArray, dn.HyperDualArray)):
        return type(value)(*new, directional=value.directions is not None)
    return type(value)(*new)


def error_bound(program, inputs, apply):
    """``(bounds, result)``: the program's result on ``inputs`` and, for each of its parts,
    the bound on its error described above (arrays of the part's shape)."""
    results = run(program, inputs, apply)
    base = parts(results[-1])
    total = [np.zeros(b.shape) for b in base]

    def measure(rerun_with):
        """Add the larger change of the result's parts when one part is scaled by 1 +- ETA
        (``rerun_with(factor)`` gives the result)."""
        changes = [[np.abs(m - b) for m, b in zip(parts(rerun_with(factor)), base)]
                   for factor in (1.0 + ETA, 1.0 - ETA)]
        for t, up, down in zip(total, *changes):
            t += np.fmax(up, down)

    def with_input(j, i, factor):
        changed = list(inputs)
        changed[j] = _with_part_scaled(inputs[j], i, factor)
        return run(program, changed, apply)[-1]

    def with_result(k, i, factor):
        changed = results[:k] + [_with_part_scaled(results[k], i, factor)]
        return rerun(program, inputs, apply, changed, k + 1)[-1]

    with np.errstate(all="ignore"):  # a perturbed run may leave a domain
        for j, x in enumerate(inputs):
            for i in range(1, len(parts(x))):
                measure(lambda factor: with_input(j, i, factor))
        for k, step_result in enumerate(results):
            for i in range(len(parts(step_result))):
                measure(lambda factor: with_result(k, i, factor))
    return [REL / ETA * t for t in total], results[-1]
