"""Generic tests of the rule table against independent mpmath references.

Every rule in ``dualnum.rules`` is checked at its own samples for float, Dual and HyperDual
inputs. Expected derivatives come from ``mpmath.diff`` (mp.dps = 50) applied to the plain
mathematical function of ``tests/references.py``, composed with the truncated expansion of
the input: for a HyperDual a + b e1 + c e2 + d e1e2 the expected parts are the partials of
g(s, t) = f(a + b s + c t + d s t) at (0, 0), which is independent of the chain rule that
dualnum implements.

Tolerances: values (an elementary function at an exact float) within VALUE_ULPS ulps;
derivative parts within a relative error of REL. An exactly zero expected part must come out
as exactly zero. VALUE_REL lists any rule whose value is held to REL rather than to ulps
(none at present: gelu's lower tail, once off by x^2 ulps, is now corrected).
"""
import math
import operator

import mpmath
import pytest
from mpmath import mp, mpf

import dualnum as dn
from dualnum import rules
from references import BINARY as REF2
from references import REFERENCES
from references import UNARY as REF1
from rule_calls import module_function, parameters

mp.dps = 50

VALUE_ULPS = 4
REL = 1e-13
B = 0.7                      # the dual part of a Dual input
HX = (0.7, -1.3, 0.45)       # eps1, eps2, eps1eps2 of a HyperDual input
DY, HY = -1.1, (-0.6, 0.9, 1.2)   # the same for a second argument
NAN = float("nan")
VALUE_REL = {}

# Non-public rules are reached through operators: `x ** c` and `c ** x` with a constant c.
EXPONENTS = (2.0, 0.5, -1.5, 3, 0.0, 1.0)
BASES = (2.0, 0.5, 3, 1.0, 10.0)
# ... and `x * y`, `x / y` for the non-public two-argument rules.
BINARY_OPERATORS = {"multiply": operator.mul, "divide": operator.truediv}


def binary_function(name):
    return BINARY_OPERATORS.get(name) or getattr(dn, name)


OPERATOR_RULES = {
    "power_constant_exponent": (EXPONENTS, lambda c: lambda x: x ** c),
    "power_constant_base": (BASES, lambda c: lambda x: c ** x),
}


# ---------------------------------------------------------------- helpers
def parts(z):
    if isinstance(z, dn.HyperDual):
        return (z.real, z.eps1, z.eps2, z.eps1eps2)
    if isinstance(z, dn.Dual):
        return (z.real, z.dual)
    return (z,)


def check(got, exact, rel=REL, label=""):
    """|got - exact| <= rel * |exact| in mpmath (so an exact 0 must be exactly 0)."""
    err = abs(mpf(got) - exact)
    assert err <= rel * abs(exact), (
        f"{label}: got {got!r}, expected {mpmath.nstr(exact, 20)}, "
        f"rel. error {mpmath.nstr(err / abs(exact), 3) if exact else 'inf'}")


def check_value(got, exact, label=""):
    assert isinstance(got, float), f"{label}: {type(got).__name__}, not float"
    ulps = abs(mpf(got) - exact) / math.ulp(float(exact))
    assert ulps <= VALUE_ULPS, (
        f"{label}: got {got!r}, expected {mpmath.nstr(exact, 20)} ({mpmath.nstr(ulps, 3)} ulps)")


def check_parts(result, expected, label, name=None):
    got = parts(result)
    assert len(got) == len(expected), f"{label}: wrong type {type(result).__name__}"
    if name in VALUE_REL:
        check(got[0], expected[0], rel=VALUE_REL[name], label=label + " value")
    else:
        check_value(got[0], expected[0], label + " value")
    for k in range(1, len(got)):
        check(got[k], expected[k], label=f"{label} part {k}")


def expected_dual(f, *inputs):
    """f and its derivative along s of f(a + b s, ...) at s = 0, for inputs (a, b)."""
    def g(s):
        return f(*[mpf(a) + mpf(b) * s for a, b in inputs])
    return g(mpf(0)), mpmath.diff(g, 0)


def expected_hyper(f, *inputs):
    """The four parts of f at inputs (a, b, c, d): g(s, t) = f(a + b s + c t + d s t)."""
    def g(s, t):
        return f(*[mpf(a) + mpf(b) * s + mpf(c) * t + mpf(d) * s * t for a, b, c, d in inputs])
    return (g(mpf(0), mpf(0)),) + tuple(
        mpmath.diff(g, (0, 0), n) for n in ((1, 0), (0, 1), (1, 1)))


def with_param(f, p):
    """The reference f of x with the parameters p (None, one number or a tuple) in place."""
    return f if p is None else (lambda x: f(x, *map(mpf, parameters(None, p))))


# ---------------------------------------------------------------- cases from the table
# Rules whose first parameter takes integers only: the moved value of unary_cases.
MOVED = {"polygamma": 2.0}


def unary_cases(public_only=False):
    for r in rules.UNARY:
        if r.name in OPERATOR_RULES:
            if public_only:
                continue
            constants, make = OPERATOR_RULES[r.name]
            calls = [(c, make(c), f"{r.name}-c={c!r}") for c in constants]
        elif r.params:
            defaults = parameters(r)
            # the first parameter at 0.2 (at 2 for an integer one)
            moved = (MOVED.get(r.name, 0.2),) + defaults[1:]
            fn = getattr(dn, r.name)
            calls = [(defaults, module_function(r) if r.scipy else fn, f"{r.name}-default"),
                     (moved, module_function(r, moved), f"{r.name}-{r.params[0][0]}={moved[0]}")]
        else:
            calls = [(None, getattr(dn, r.name), r.name)]
        for p, call, label in calls:
            for a in r.samples:
                yield pytest.param(r.name, a, p, call, id=f"{label}-{a!r}")


def binary_cases():
    for r in rules.BINARY:
        calls = [(binary_function(r.name), r.name)]
        if r.name == "power":
            calls.append((operator.pow, "**"))
        for call, label in calls:
            for x, y in r.samples:
                for where in ("x", "y", "both"):
                    yield pytest.param(r.name, x, y, where, call, id=f"{label}-{x!r},{y!r}-{where}")


# ---------------------------------------------------------------- the table is complete
def test_every_rule_has_a_reference():
    names = {r.name for r in rules.UNARY} | {r.name for r in rules.BINARY}
    assert not names - set(REFERENCES), "rules without a reference in tests/references.py"
    assert not set(REFERENCES) - names, "references to rules that no longer exist"
    assert {r.name for r in rules.UNARY} == set(REF1)
    assert {r.name for r in rules.BINARY} == set(REF2)
    hidden = {r.name for r in rules.UNARY if not r.public}
    assert hidden == set(OPERATOR_RULES), "a non-public rule the tests do not know how to call"
    hidden = {r.name for r in rules.BINARY if not r.public}
    assert hidden == set(BINARY_OPERATORS), "a non-public rule the tests do not know how to call"


# ---------------------------------------------------------------- unary rules
@pytest.mark.parametrize("name, a, p, call", list(unary_cases(public_only=True)))
def test_unary_float(name, a, p, call):
    check_parts(call(a), (with_param(REF1[name], p)(mpf(a)),), name, name)


@pytest.mark.parametrize("name, a, p, call", list(unary_cases()))
def test_unary_dual(name, a, p, call):
    check_parts(call(dn.Dual(a, B)), expected_dual(with_param(REF1[name], p), (a, B)), name, name)


@pytest.mark.parametrize("name, a, p, call", list(unary_cases()))
def test_unary_hyperdual(name, a, p, call):
    result = call(dn.HyperDual(a, *HX))
    check_parts(result, expected_hyper(with_param(REF1[name], p), (a, *HX)), name, name)


# ---------------------------------------------------------------- binary rules
@pytest.mark.parametrize("name", [r.name for r in rules.BINARY])
def test_binary_float(name):
    for x, y in next(r.samples for r in rules.BINARY if r.name == name):
        check_value(binary_function(name)(x, y), REF2[name](mpf(x), mpf(y)),
                    f"{name}({x}, {y})")


@pytest.mark.parametrize("name, x, y, where, call", list(binary_cases()))
def test_binary_dual(name, x, y, where, call):
    bx = B if where in ("x", "both") else 0.0
    by = DY if where in ("y", "both") else 0.0
    args = [dn.Dual(x, B) if bx else x, dn.Dual(y, DY) if by else y]
    check_parts(call(*args), expected_dual(REF2[name], (x, bx), (y, by)), name)


@pytest.mark.parametrize("name, x, y, where, call", list(binary_cases()))
def test_binary_hyperdual(name, x, y, where, call):
    px = HX if where in ("x", "both") else (0.0, 0.0, 0.0)
    py = HY if where in ("y", "both") else (0.0, 0.0, 0.0)
    args = [dn.HyperDual(x, *HX) if any(px) else x, dn.HyperDual(y, *HY) if any(py) else y]
    check_parts(call(*args), expected_hyper(REF2[name], (x, *px), (y, *py)), name)


@pytest.mark.parametrize("T, p", [(dn.Dual, (B,)), (dn.HyperDual, HX)])
@pytest.mark.parametrize("a, c", [(-1.7, 3), (-1.7, -2), (-0.4, 2.0), (-2.5, 1.0)])
def test_integer_power_of_negative_base(T, p, a, c):
    f = lambda x: mpmath.power(x, c)  # noqa: E731  (real for an integer exponent)
    expected = expected_dual(f, (a, *p)) if T is dn.Dual else expected_hyper(f, (a, *p))
    check_parts(T(a, *p) ** c, expected, f"({a}) ** {c}")


# ---------------------------------------------------------------- kinks and jumps
def kink_cases():
    yield "absolute", dn.absolute, 0.0, 0.0
    yield "absolute(-0)", dn.absolute, -0.0, 0.0
    yield "abs()", abs, 0.0, 0.0
    yield "relu", dn.relu, 0.0, 0.5
    yield "leaky_relu", dn.leaky_relu, 0.0, (1 + 0.01) / 2
    yield "leaky_relu(alpha=0.2)", lambda x: dn.leaky_relu(x, alpha=0.2), 0.0, (1 + 0.2) / 2
    for name in ("sign", "floor", "ceil", "rint", "trunc"):
        for a in (0.0, 2.0, -3.0, 0.7, -2.5):
            yield f"{name}({a})", getattr(dn, name), a, 0.0


@pytest.mark.parametrize("T, p", [(dn.Dual, (B,)), (dn.HyperDual, HX)], ids=["Dual", "HyperDual"])
@pytest.mark.parametrize("label, fn, a, slope", list(kink_cases()),
                         ids=lambda v: v if isinstance(v, str) else None)
def test_kink_derivative_is_mean_of_one_sided(T, p, label, fn, a, slope):
    got = parts(fn(T(a, *p)))
    kink = not label.startswith(tuple(JUMPS))
    for k, pk in enumerate(p, 1):
        if k == 3 and kink:  # no second derivative at a kink: NaN, as eps1 * eps2 != 0
            assert math.isnan(got[k]), label
        else:  # the first-order parts: the slope times the input's part
            check(got[k], mpf(slope) * mpf(pk), rel=1e-15, label=f"{label} part {k}")
    if T is dn.HyperDual:  # eps1 * eps2 == 0: nothing second-order to miss, and no NaN
        assert parts(fn(T(a, 1.0, 0.0, 0.0)))[3] == 0.0


@pytest.mark.parametrize("T, px, py", [(dn.Dual, (B,), (DY,)), (dn.HyperDual, HX, HY)])
@pytest.mark.parametrize("fn", [dn.maximum, dn.minimum])
@pytest.mark.parametrize("tie", [0.0, 1.0, -2.5])
def test_maximum_minimum_tie(T, px, py, fn, tie):
    got = parts(fn(T(tie, *px), T(tie, *py)))
    assert got[0] == tie
    for k in range(1, len(got)):
        if k == 3:  # a tie is a kink: no second derivative
            assert math.isnan(got[k])
        else:
            check(got[k], (mpf(px[k - 1]) + mpf(py[k - 1])) / 2, rel=1e-15, label=f"part {k}")
    assert fn(dn.Dual(tie, 1.0), tie).dual == 0.5
    assert fn(tie, dn.Dual(tie, 1.0)).dual == 0.5


@pytest.mark.parametrize("T, px, py", [(dn.Dual, (B,), (DY,)), (dn.HyperDual, HX, HY)])
@pytest.mark.parametrize("a, b", [(0.0, 0.0), (1.0, 1.0), (-0.3, 0.7), (3.0, -1.3), (0.0, 2.0)])
def test_kink_identities(T, px, py, a, b):
    x, y = T(a, *px), T(b, *py)
    pairs = [(dn.relu(x), (x + abs(x)) / 2), (dn.relu(y), (y + abs(y)) / 2),
             (dn.maximum(x, y), (x + y + abs(x - y)) / 2),
             (dn.minimum(x, y), (x + y - abs(x - y)) / 2)]
    for left, right in pairs:
        for got, want in zip(parts(left), parts(right)):
            if math.isnan(want):  # second order at a kink, on both sides
                assert math.isnan(got), f"{left!r} vs {right!r}"
            else:
                check(got, mpf(want), rel=1e-15, label=f"{left!r} vs {right!r}")


# ---------------------------------------------------------------- edge points
def test_sqrt_and_log_at_zero():
    for fn in (dn.sqrt, dn.log):
        assert parts(fn(dn.Dual(0.0, 0.0)))[1] == 0.0           # a constant stays constant
        assert parts(fn(dn.HyperDual(0.0)))[1:] == (0.0, 0.0, 0.0)
        assert fn(dn.Dual(0.0, 1.0)).dual == math.inf
    assert dn.sqrt(dn.Dual(0.0, 1.0)).real == 0.0
    assert dn.log(dn.Dual(0.0, 1.0)).real == -math.inf


def test_powers_at_zero():
    assert parts(dn.Dual(0.0, 1.0) ** 2.5) == (0.0, 0.0)
    assert parts(dn.HyperDual(0.0, 1.0, 1.0, 0.0) ** 2.5) == (0.0, 0.0, 0.0, 0.0)
    assert parts(dn.Dual(0.0, 1.0) ** 2) == (0.0, 0.0)
    assert parts(dn.HyperDual(0.0, 1.0, 1.0, 0.0) ** 2) == (0.0, 0.0, 0.0, 2.0)
    assert parts(dn.Dual(0.0, 1.0) ** 1) == (0.0, 1.0)
    assert parts(dn.Dual(0.0, 1.0) ** 0) == (1.0, 0.0)
    assert parts(0.0 ** dn.Dual(2.0, 1.0)) == (0.0, 0.0)
    assert parts(0.0 ** dn.HyperDual(2.0, 1.0, 1.0, 0.0)) == (0.0, 0.0, 0.0, 0.0)
    # both dual: s^(2 + s) is flat at s = 0 and its second derivative in x alone is 2
    assert parts(dn.Dual(0.0, 1.0) ** dn.Dual(2.0, 1.0)) == (0.0, 0.0)
    assert parts(dn.HyperDual(0.0, 1.0, 1.0, 0.0) ** dn.HyperDual(2.0)) == (0.0, 0.0, 0.0, 2.0)


def test_negative_base():
    assert math.isnan(((-8.0) ** dn.Dual(1 / 3, 1.0)).real)
    assert math.isnan((dn.Dual(-8.0, 1.0) ** (1 / 3)).real)
    z = (-8.0) ** dn.Dual(2.0, 1.0)       # (-8)^x is undefined next to x = 2
    assert z.real == 64.0 and math.isnan(z.dual)
    assert parts((-8.0) ** dn.Dual(2.0, 0.0)) == (64.0, 0.0)
    assert parts(dn.Dual(-8.0, 1.0) ** 3) == (-512.0, 192.0)


@pytest.mark.parametrize("fn, a", [(dn.sqrt, -1.0), (dn.log, -1.0), (dn.arcsin, 2.0),
                                   (dn.arccosh, 0.5), (dn.log1p, -2.0)])
def test_out_of_domain_is_nan(fn, a):
    assert math.isnan(fn(a))
    assert math.isnan(fn(dn.Dual(a, 1.0)).real)
    assert math.isnan(fn(dn.HyperDual(a, 1.0, 1.0, 0.0)).real)


def test_hypot_at_origin():
    assert parts(dn.hypot(dn.Dual(0.0, 1.0), dn.Dual(0.0, 1.0))) == (0.0, 0.0)
    z = parts(dn.hypot(dn.HyperDual(0.0, *HX), dn.HyperDual(0.0, *HY)))
    assert z[:3] == (0.0,) * 3 and math.isnan(z[3])  # a cone point: no second derivative
    assert parts(dn.hypot(dn.Dual(0.0, 1.0), 0.0)) == (0.0, 0.0)


JUMPS = {"sign", "floor", "ceil", "rint", "trunc"}  # derivative identically 0, even at nan


@pytest.mark.parametrize("name", [r.name for r in rules.UNARY if r.public])
def test_nan_propagates_unary(name):
    fn = module_function(next(r for r in rules.UNARY if r.name == name))
    assert math.isnan(fn(NAN))
    d, h = fn(dn.Dual(NAN, 1.0)), fn(dn.HyperDual(NAN, 1.0, 1.0, 1.0))
    assert math.isnan(d.real) and math.isnan(h.real)
    if name not in JUMPS:
        assert math.isnan(d.dual) and all(math.isnan(v) for v in parts(h)[1:])


@pytest.mark.parametrize("name", [r.name for r in rules.BINARY])
def test_nan_propagates_binary(name):
    fn = binary_function(name)
    for x, y in [(NAN, 2.0), (2.0, NAN)]:  # not 1.0: pow(1, nan) = 1 (IEEE 754, C99)
        assert math.isnan(fn(x, y))
        assert math.isnan(fn(dn.Dual(x, 1.0), dn.Dual(y, 1.0)).real)
        assert math.isnan(fn(dn.HyperDual(x, 1.0), dn.HyperDual(y, 1.0)).real)


# ---------------------------------------------------------------- tails and special functions
# Far in the tails the derivative is tiny next to the value (erf'(25) ~ 1e-272 next to 1), so
# numerical differentiation needs the precision to span that ratio.
@pytest.mark.parametrize("name, a", [
    ("tanh", 25.0), ("tanh", -30.0), ("tanh", 300.0), ("sigmoid", 25.0), ("sigmoid", -30.0),
    ("sigmoid", -700.0), ("erf", 25.0), ("erf", -25.0), ("erf", 26.5), ("erfc", 25.0),
    ("gelu", -25.0), ("gelu", -36.0), ("softplus", -700.0)])
def test_tails_keep_relative_accuracy(name, a):
    fn, ref = getattr(dn, name), REF1[name]
    with mp.workdps(400):
        hyper, dual = expected_hyper(ref, (a, *HX)), expected_dual(ref, (a, B))
    assert all(v != 0 for v in hyper)
    check_parts(fn(dn.HyperDual(a, *HX)), hyper, f"{name}({a})", name)
    check_parts(fn(dn.Dual(a, B)), dual, f"{name}({a})", name)


@pytest.mark.parametrize("name, a", [
    *[("gamma", a) for a in (-0.5, -3.7, -10.3, -100.5, 50.5, 170.5)],
    *[("lgamma", a) for a in (-0.5, -3.7, -10.3, -100.5, 1e5, 1e10, 1e15)],
    *[("digamma", a) for a in (-0.5, -3.7, -10.3, -100.5, -1000.25, 1e5, 1e10,
                               1.4616321449683622)]])  # the last is next to digamma's root
def test_special_functions(name, a):
    fn, ref = getattr(dn, name), REF1[name]
    check_value(fn(a), ref(mpf(a)), f"{name}({a})")
    check_parts(fn(dn.HyperDual(a, *HX)), expected_hyper(ref, (a, *HX)), f"{name}({a})", name)
