"""The API of any order against facts known without dualnum: powers whose value
underflows or overflows keep their higher derivatives, a point outside a function's domain
gives NaN at every order (as the value), an f that mixes elements is refused, orders
whose factorial no double holds are refused, and the lazy names are listed."""
import math
import warnings

import numpy as np
import pytest
import scipy.special as sc

import dualnum as dn
from dualnum import higher
from dualnum.series import TaylorArray


@pytest.mark.parametrize("f, x, order, want", [
    (lambda t: t ** 20, 1e-17, 20, float(math.factorial(20))),
    (lambda t: t ** 3, 1e-110, 3, 6.0),
    (lambda t: (t - 1e-170) ** 2, 0.0, 2, 2.0),
    (lambda t: t ** 2.5, 1e-140, 2, 3.75e-70),   # 2.5 * 1.5 * x^0.5
    (lambda t: t ** 2, 1e155, 1, 2e155),
    (lambda t: t ** 2, 1e155, 2, 2.0),
    (lambda t: t ** -2, 1e-160, 1, -math.inf),   # -2 x^-3 = -2e480 overflows
])
def test_powers_out_of_the_doubles_keep_their_derivatives(f, x, order, want):
    got = dn.derivative(f, x, order=order)
    assert got == want or abs(got - want) <= 1e-13 * abs(want)


@pytest.mark.parametrize("f, x", [
    (np.log, -1.0), (np.log2, -1.0), (np.log10, -2.0), (np.log1p, -3.0),
    (np.arctanh, 2.0), (np.arcsin, 1.5), (np.sqrt, -1.0), (sc.logit, 2.0),
    (lambda t: sc.xlogy(2.0, t), -1.0), (lambda t: sc.xlog1py(2.0, t), -3.0),
    (lambda t: t ** 0.5, -1.0),
])
def test_outside_the_domain_every_order_is_nan(f, x):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        values = dn.derivatives(f, x, order=4)
        array = dn.derivatives(f, np.array([x, x]), order=4)
    assert all(math.isnan(v) for v in values)
    assert all(np.isnan(v).all() for v in array)


@pytest.mark.parametrize("f, x", [
    (lambda x: x * x[::-1], np.arange(1.0, 4.0)),
    (lambda x: np.sum(x ** 3), np.ones(3)),
    (lambda x: x ** 2 * x[0], np.ones(5)),
    (lambda x: x ** 2 * x[0], np.ones(5000)),
])
@pytest.mark.parametrize("call", [lambda f, x: dn.derivative(f, x, order=2),
                                  lambda f, x: dn.derivatives(f, x, order=1),
                                  lambda f, x: dn.derivatives(f, x, order=5)])
def test_an_f_that_mixes_elements_is_refused(f, x, call):
    with pytest.raises(ValueError, match="elementwise f"):
        call(f, x)


def test_an_elementwise_f_over_blocks_and_the_probe():
    x = np.linspace(-1.0, 2.0, 10001)    # more than one block of dualnum.higher.BLOCK
    got = dn.derivatives(np.sin, x, order=3)
    assert np.array_equal(got[3], dn.derivative(np.sin, x, order=3))
    assert np.allclose(got[3], -np.cos(x), rtol=1e-14, atol=1e-15)
    assert np.array_equal(dn.derivative(lambda t: 3.0, x[:4], order=2), np.zeros(4))


def test_block_sizes():
    sizes = [higher.block_size(order) for order in range(200)]
    assert sizes[10] == 4096 and sizes[2] == 14848 and min(sizes) == 256
    assert all(s % 256 == 0 for s in sizes) and sizes == sorted(sizes, reverse=True)
    assert all(s * (order + 1) <= higher.BLOCK_COEFFICIENTS or s == 256
               for order, s in enumerate(sizes))


@pytest.mark.parametrize("order", [0, 2, 10, 30])
def test_blocks_give_the_bits_of_one_evaluation(order):
    """The blocked evaluation (fast path: block_size elements per call of f) against f
    on the whole array at once (the slow, obvious one): the same bits for every element,
    at one block, one more element, and across several blocks with a short last one."""
    def f(t):
        return np.exp(np.sin(t)) * t ** 2 / (1 + t ** 2) + np.tanh(t)

    block = higher.block_size(order)
    for n in (block, block + 1, 2 * block + 3):
        x = np.linspace(-1.0, 2.0, n)
        whole = f(TaylorArray.variable(x, order)).coefficients
        assert np.array_equal(dn.taylor(f, x, order), whole), (order, n)


@pytest.mark.parametrize("call", [
    lambda: dn.derivative(np.sin, 1.0, order=171),
    lambda: dn.derivatives(np.sin, 1.0, order=200),
    lambda: dn.directional_derivatives(np.sum, np.ones(2), np.ones(2), 171),
])
def test_orders_whose_factorial_overflows_are_refused(call):
    with pytest.raises(ValueError, match="171! exceeds"):
        call()


def test_the_normalised_coefficients_have_no_such_limit():
    c = dn.taylor(np.exp, 0.0, 200)
    assert c[170] == pytest.approx(1.0 / math.factorial(170), rel=1e-13)
    assert dn.derivative(np.exp, 0.0, order=170) == pytest.approx(1.0, rel=1e-12)


def test_the_lazy_names_are_listed():
    for name in ("taylor", "directional_derivatives", "derivative_tensor", "TaylorArray"):
        assert name in dir(dn) and name in dn.__all__


def test_an_array_warns_once_and_only_with_taylor_warnings():
    """The probe's elements are the array's own: its TaylorWarnings are not given twice,
    and its comparison of infinite coefficients raises no RuntimeWarning."""
    for f, x in [(lambda t: np.sqrt(t ** 2), np.array([0.0, 1.0, -2.0])),
                 (np.log, np.array([0.0, 1.0]))]:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            got = dn.derivatives(f, x, order=3)
        assert [w.category for w in caught] == [dn.TaylorWarning]
        assert np.isnan(got[3][0]) and np.isfinite(got[3][1])


@pytest.mark.parametrize("size", [1e-9, 1e-6, 1.0, 3e7])
def test_the_tensor_with_vectors_of_unlike_sizes(size):
    """D^3 f[s e0, e1, e2] = s d^3 f / dx0 dx1 dx2 (sympy) to rounding whatever s: each
    vector is scaled to size 1 by a power of 2 before the polarisation's sums."""
    sympy = pytest.importorskip("sympy")
    p = sympy.symbols("p0:3")

    def f(q, lib=np):
        return lib.exp(q[0] + 2 * q[1] + 3 * q[2]) + q[1] ** 3 * q[2] ** 2

    x = np.array([0.1, 0.2, 0.3])
    exact = float(sympy.diff(f(p, sympy), p[0], p[1], p[2]).subs(dict(zip(p, x))))
    e = np.eye(3)
    got = dn.derivative_tensor(f, x, size * e[0], e[1], e[2])
    assert got == pytest.approx(size * exact, rel=1e-14)
    assert dn.derivative_tensor(f, x, 0.0 * e[0], e[1], e[2]) == 0.0


@pytest.mark.parametrize("call, message", [
    (lambda: dn.Taylor([1.0, 1.0]) + 1j, "complex operand"),
    (lambda: 1j * dn.Taylor([1.0, 1.0]), "complex operand"),
    (lambda: dn.Taylor([1.0, 1.0]) * np.complex128(1j), "complex operand"),
    (lambda: dn.derivative(lambda t: t * 1j, 1.0, order=2), "complex operand"),
    (lambda: dn.taylor(np.sin, 1.0, 2, series=2.0), "series must be a sequence"),
    (lambda: dn.taylor(np.sin, 1.0, 2, series="ab"), "series must be a sequence"),
    (lambda: TaylorArray.variable(1.0, 1.5), "non-negative int"),
    (lambda: TaylorArray.variable(1.0, True), "non-negative int"),
    (lambda: dn.Taylor.variable(1.0, 2.0), "non-negative int"),
])
def test_bad_input_names_the_problem(call, message):
    with pytest.raises(TypeError, match=message):
        call()
