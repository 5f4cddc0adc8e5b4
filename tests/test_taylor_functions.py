"""dualnum's module functions (dn.sin, dn.jv, dn.arctan2, ...) on the Taylor types give the
rule kernels' series, the same bits as NumPy's and SciPy's ufuncs on them, and refuse what
they cannot take."""
import numpy as np
import pytest
import scipy.special

import dualnum as dn
from dualnum import rules

ORDER = 6
PUBLIC_UNARY = [r for r in rules.UNARY if r.public and not r.params]


def same(a, b):
    return np.array_equal(np.asarray(a.coefficients), np.asarray(b.coefficients),
                          equal_nan=True)


@pytest.mark.parametrize("rule", PUBLIC_UNARY, ids=lambda r: r.name)
def test_module_function_of_a_taylor_is_the_kernel(rule):
    x0 = rule.samples[1]
    t = dn.Taylor.variable(x0, ORDER)
    got = getattr(dn, rule.name)(t)
    assert same(got, t._apply_rule(rule.name))
    a = dn.TaylorArray.variable(np.array([x0, x0]), ORDER)
    assert np.array_equal(getattr(dn, rule.name)(a).coefficients[:, 1], got.coefficients,
                          equal_nan=True)
    if rule.numpy:
        assert same(got, getattr(np, rule.numpy)(t))
    elif rule.scipy:
        assert same(got, getattr(scipy.special, rule.scipy)(t))


def test_parametrised_and_two_argument_functions():
    t = dn.Taylor.variable(1.7, ORDER)
    assert same(dn.jv(0.5, t), scipy.special.jv(0.5, t))
    assert same(dn.arctan2(t, 2.0), np.arctan2(t, 2.0))
    assert same(dn.hypot(3.0, t), np.hypot(3.0, t))
    u = dn.Taylor.variable(0.4, ORDER)
    assert same(dn.arctan2(t, u), np.arctan2(t, u))
    a = dn.TaylorArray.variable(np.array([1.7, 0.2]), ORDER)
    assert np.array_equal(dn.arctan2(a, 2.0).coefficients[:, 0],
                          dn.arctan2(t, 2.0).coefficients)


def test_refusals():
    t = dn.Taylor.variable(1.7, ORDER)
    with pytest.raises(TypeError, match="arctan2"):
        dn.arctan2(t, "a")
    with pytest.raises(ValueError, match="orders"):
        dn.arctan2(t, dn.Taylor.variable(1.0, ORDER + 1))
