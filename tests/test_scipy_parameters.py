"""SciPy's functions with a parameter first (jv(v, x), gammainc(a, x), polygamma(n, x), ...):
the parameter is a constant, broadcast against x as SciPy broadcasts it, and a dual parameter
is refused, whichever way it arrives (scipy.special, dn.NAME, a list, an object array, a
dual array).

Each rule's accuracy is tests/test_rules_range.py's; here the reference of a broadcast call
is the same rule called on one element and one parameter at a time through the scalar types
(a path that shares no broadcasting code with the arrays).
"""
import numpy as np
import pytest
import scipy.special as sp

import dualnum as dn
from dualnum import rules

FIRST = [r for r in rules.UNARY if r.scipy and r.param]
B, C, D = 0.7, -1.3, 0.45   # general perturbation parts
PARTS = {1: ("real", "dual"), 3: ("real", "eps1", "eps2", "eps1eps2")}


def params(rule):
    """Two valid values of the rule's first parameter: its default and the next integer
    above."""
    return np.array([rule.params[0][1], rule.params[0][1] + 1.0])


def args(rule, p):
    """The parameters of a call: p for the first, the defaults of the others (betainc's b)."""
    return (p, *(default for _, default in rule.params[1:]))


def points(rule):
    return np.array(rule.samples[-2:], dtype=float)


def element(rule, p, x, parts):
    """The rule at one parameter and one point, through the scalar types."""
    T = dn.Dual if len(parts) == 1 else dn.HyperDual
    return getattr(dn, rule.name)(*args(rule, float(p)), T(float(x), *parts))


@pytest.mark.parametrize("rule", FIRST, ids=lambda r: r.name)
@pytest.mark.parametrize("parts", [(B,), (B, C, D)], ids=["Dual", "HyperDual"])
def test_parameters_broadcast_against_a_dual_array(rule, parts):
    T = dn.DualArray if len(parts) == 1 else dn.HyperDualArray
    x = points(rule)
    p = params(rule)[:, None]
    got = getattr(sp, rule.scipy)(*args(rule, p), T(x, *parts))
    assert got.shape == (2, 2)
    for i in range(2):
        for j in range(2):
            want = element(rule, p[i, 0], x[j], parts)
            names = PARTS[len(parts)]
            assert [float(getattr(got, n)[i, j]) for n in names] == [
                getattr(want, n) for n in names]


@pytest.mark.parametrize("rule", FIRST, ids=lambda r: r.name)
def test_an_array_of_parameters_beside_a_scalar_dual_and_directions(rule):
    x = float(points(rule)[0])
    p = params(rule)
    via_scipy = getattr(sp, rule.scipy)(*args(rule, p), dn.Dual(x, B))
    via_dualnum = getattr(dn, rule.name)(*args(rule, list(p)), dn.Dual(x, B))
    for i in range(2):
        want = element(rule, p[i], x, (B,))
        assert (float(via_scipy.real[i]), float(via_scipy.dual[i])) == (want.real, want.dual)
        assert (via_dualnum[i].real, via_dualnum[i].dual) == (want.real, want.dual)
    seeded = dn.DualArray([x, x], np.array([[B, 0.0], [0.0, C]]), directional=True)
    got = getattr(sp, rule.scipy)(*args(rule, p), seeded)
    assert got.dual.shape == (2, 2)
    for i, s in enumerate((B, C)):
        want = element(rule, p[i], x, (s,))
        assert got.dual[i, i] == want.dual and got.dual[i, 1 - i] == 0.0


@pytest.mark.parametrize("rule", FIRST, ids=lambda r: r.name)
def test_a_number_parameter_gives_the_scalar_result(rule):
    x = float(points(rule)[0])
    got = getattr(sp, rule.scipy)(*args(rule, rule.params[0][1]), dn.HyperDual(x, B, C, D))
    want = element(rule, rule.params[0][1], x, (B, C, D))
    assert type(got) is dn.HyperDual and got == want and got.eps1eps2 == want.eps1eps2
    value = getattr(dn, rule.name)(*args(rule, rule.params[0][1]), x)
    assert type(value) is float and value == want.real


def dual_parameters(rule):
    v = rule.params[0][1]
    return {"Dual": dn.Dual(v, 1.0), "HyperDual": dn.HyperDual(v, 1.0, 1.0, 0.0),
            "dual array": dn.DualArray([v, v], 1.0), "list": [v, dn.Dual(v, 1.0)],
            "object array": np.array([dn.Dual(v, 1.0), dn.Dual(v, 1.0)], dtype=object)}


@pytest.mark.parametrize("rule", FIRST, ids=lambda r: r.name)
@pytest.mark.parametrize("kind", ["Dual", "HyperDual", "dual array", "list", "object array"])
def test_a_dual_parameter_is_refused(rule, kind):
    p = dual_parameters(rule)[kind]
    x = float(points(rule)[0])
    calls = [lambda: getattr(dn, rule.name)(*args(rule, p), dn.Dual(x, 1.0)),
             lambda: getattr(dn, rule.name)(*args(rule, p), x)]
    if kind != "object array":   # NumPy refuses those before dualnum sees them
        calls.append(lambda: getattr(sp, rule.scipy)(*args(rule, p),
                                                     dn.DualArray([x, x], 1.0)))
    if kind in ("Dual", "HyperDual", "dual array"):
        calls.append(lambda: getattr(sp, rule.scipy)(*args(rule, p), x))
    for call in calls:
        with pytest.raises(TypeError, match=r"differentiates %s in x only.*pass %s as a "
                           r"number" % (rule.scipy, rule.params[0][0])):
            call()


@pytest.mark.parametrize("rule", FIRST, ids=lambda r: r.name)
def test_the_derivative_is_refused_through_the_api(rule):
    x = float(points(rule)[0])
    with pytest.raises(TypeError, match="in x only"):
        dn.derivative(lambda v: getattr(sp, rule.scipy)(*args(rule, v), x), rule.params[0][1])
    with pytest.raises(TypeError, match="in x only"):
        dn.gradient(lambda v: np.sum(getattr(sp, rule.scipy)(*args(rule, v), x)), params(rule))


@pytest.mark.parametrize("rule", FIRST, ids=lambda r: r.name)
def test_a_parameter_that_is_not_real_is_refused(rule):
    with pytest.raises(TypeError, match="must be real numbers"):
        getattr(dn, rule.name)(*args(rule, "a"), dn.Dual(float(points(rule)[0]), 1.0))
