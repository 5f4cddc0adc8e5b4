"""NumPy's functions on Taylor arrays against independent references: functions that move
or pick elements against the same function on each coefficient array; arithmetic reductions
(var, std, norm, cumprod, average) against the Taylor coefficients of the float function of
x + t v, computed by numpy.polynomial on the exact polynomial inputs; the registry's count
against the README."""
import re
import warnings
from pathlib import Path

import numpy as np
import numpy.polynomial.polynomial as P
import pytest

import dualnum as dn
from dualnum.series import HANDLED_FUNCTIONS, TaylorArray, TaylorWarning

ORDER = 4
RNG = np.random.default_rng(20240611)


def general(shape, order=ORDER, seed=0):
    """A Taylor array of general (non-seed) coefficients."""
    return TaylorArray(np.random.default_rng(seed).normal(size=(order + 1,) + shape))


def per_coefficient(func, x, *args, **kwargs):
    return np.stack([func(ck, *args, **kwargs) for ck in np.asarray(x.coefficients)])


@pytest.mark.parametrize("func, args", [
    (np.flip, ()), (np.roll, (3,)), (np.roll, (-2, 1)), (np.tile, ((2, 1),)),
    (np.repeat, (2, 0)), (np.diagonal, ()), (np.tril, ()), (np.triu, (1,)),
    (np.resize, ((7, 11),)), (np.delete, (1, 0)), (np.fft.fftshift, ()), (np.trace, ()),
    (np.swapaxes, (0, 1)), (np.rot90, ()), (np.fliplr, ()), (np.flipud, ()),
    (np.matrix_transpose, ()),
    (lambda a, *args: np.compress([True, False, True], a, *args), (1,))])
def test_moving_functions_move_every_coefficient(func, args):
    x = general((40, 33))
    got = func(x, *args)
    np.testing.assert_array_equal(np.asarray(got.coefficients), per_coefficient(func, x, *args))


@pytest.mark.parametrize("func", [np.argmax, np.argmin, np.argsort, np.nonzero,
                                  np.count_nonzero, np.flatnonzero, np.argwhere])
def test_integer_results_are_numpys_on_the_values(func):
    x = general((300,))
    np.testing.assert_array_equal(func(x), func(np.asarray(x.real)))


def poly_series(c):
    """Object array of numpy.polynomial.Polynomial, one per element (coefficients c)."""
    flat = c.reshape(len(c), -1)
    out = np.empty(flat.shape[1], dtype=object)
    out[:] = [P.Polynomial(flat[:, i]) for i in range(flat.shape[1])]
    return out.reshape(c.shape[1:])


def truncated(p, order=ORDER):
    coef = np.zeros(order + 1)
    coef[:min(order + 1, len(p.coef))] = p.coef[:order + 1]
    return coef


@pytest.mark.parametrize("axis, keepdims", [(None, False), (0, False), (1, True)])
def test_var_is_the_series_of_the_variance(axis, keepdims):
    x = general((37, 5), seed=1)
    polys = poly_series(np.asarray(x.coefficients))
    mean = polys.sum(axis=axis, keepdims=True) / (polys.size if axis is None
                                                   else polys.shape[axis])
    dev = polys - mean
    want = (dev * dev).sum(axis=axis, keepdims=keepdims) / (polys.size if axis is None
                                                            else polys.shape[axis])
    got = np.var(x, axis=axis, keepdims=keepdims)
    want = np.stack([truncated(p) for p in np.ravel(want)], axis=-1)
    np.testing.assert_allclose(np.asarray(got.coefficients).reshape(ORDER + 1, -1), want,
                               rtol=1e-12, atol=1e-12)


def sqrt_series(s, order=ORDER):
    """The Taylor coefficients of sqrt of the series s (s_0 > 0): the recurrence of
    r^2 = s, independent of the kernels."""
    r = np.zeros(order + 1)
    r[0] = np.sqrt(s[0])
    for k in range(1, order + 1):
        r[k] = (s[k] - sum(r[j] * r[k - j] for j in range(1, k))) / (2 * r[0])
    return r


def test_std_and_norm_are_sqrt_of_the_series():
    x = general((64,), seed=2)
    polys = poly_series(np.asarray(x.coefficients))
    dev = polys - polys.sum(keepdims=True) / polys.size
    var = truncated(sum(dev * dev) / polys.size)
    np.testing.assert_allclose(np.std(x).coefficients, sqrt_series(var), rtol=1e-11)
    square = truncated(sum(polys * polys))
    np.testing.assert_allclose(np.linalg.norm(x).coefficients, sqrt_series(square),
                               rtol=1e-11)
    np.testing.assert_allclose(np.linalg.norm(x, 1).coefficients,
                               truncated(sum(p if p.coef[0] > 0 else -p for p in polys)),
                               rtol=1e-12, atol=1e-13)


def test_cumprod_is_the_product_of_the_series():
    x = general((300,), seed=3) * 0.1 + 1.0
    polys = poly_series(np.asarray(x.coefficients))
    got = np.cumprod(x)
    running = P.Polynomial([1.0])
    for i in range(0, 300, 37):
        running = P.Polynomial([1.0])
        for p in polys[:i + 1]:
            running = P.Polynomial(truncated(running * p))
        np.testing.assert_allclose(got.coefficients[:, i], truncated(running), rtol=1e-10)


def test_max_min_pick_by_the_value():
    x = general((50, 6), seed=4)
    c = np.asarray(x.coefficients)
    at = np.argmax(c[0], axis=0)
    np.testing.assert_array_equal(np.max(x, axis=0).coefficients,
                                  np.take_along_axis(c, at[None, None], 1)[:, 0])
    at = np.argmin(c[0], axis=1)
    np.testing.assert_array_equal(np.min(x, axis=1, keepdims=True).coefficients[..., 0],
                                  np.take_along_axis(c, at[None, :, None], 2)[..., 0])


def test_ties_cross_at_a_kink_with_a_warning():
    """Equal values whose series cross (slopes 1 and 3): max, min and sort give the mean
    slope there (the table's convention at a kink, as np.maximum) and NaN above it, with a
    TaylorWarning; the max of three with one tie is np.maximum's fold."""
    c = np.array([[2.0, 2.0, 1.0], [1.0, 3.0, 5.0], [0.5, 0.25, 0.0]])
    x = TaylorArray(c)
    with pytest.warns(TaylorWarning, match="maximum"):
        m = np.max(x)
    with pytest.warns(TaylorWarning, match="maximum"):
        pairwise = np.maximum(np.maximum(x[0], x[1]), x[2])
    np.testing.assert_array_equal(m.coefficients, pairwise.coefficients)
    assert m.coefficients[0] == 2.0 and m.coefficients[1] == 2.0
    assert np.isnan(m.coefficients[2])
    with pytest.warns(TaylorWarning, match="sort"):
        s = np.sort(x)
    np.testing.assert_array_equal(s.real, [1.0, 2.0, 2.0])
    np.testing.assert_array_equal(s.coefficients[1], [5.0, 2.0, 2.0])
    assert np.isnan(s.coefficients[2, 1:]).all() and s.coefficients[2, 0] == 0.0


@pytest.mark.parametrize("sign", [1.0, -1.0])
def test_ties_that_touch_without_crossing_are_exact(sign):
    """1 + s t + t^2 against 1 + s t + 2 t^2 and 1 + s t - 3 t^3 (they part at order 2,
    on both sides alike): the larger next to 0 is the max, exactly, with no warning; the
    polynomials' own coefficients (sympy) are the reference."""
    sympy = pytest.importorskip("sympy")
    t = sympy.Symbol("t", real=True)
    polys = [1 + sign * t + t ** 2, 1 + sign * t + 2 * t ** 2, 1 + sign * t - 3 * t ** 3]
    c = np.array([[float(sympy.Poly(p, t).coeff_monomial(t ** k)) for p in polys]
                  for k in range(5)])
    x = TaylorArray(c)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        np.testing.assert_array_equal(np.max(x).coefficients, c[:, 1])
        np.testing.assert_array_equal(np.min(x).coefficients, c[:, 2])
        np.testing.assert_array_equal(np.sort(x).coefficients, c[:, [2, 0, 1]])
        np.testing.assert_array_equal(np.max(x[:2]).coefficients,
                                      np.maximum(x[0], x[1]).coefficients)


def test_ties_that_cross_at_order_3():
    """1 + t^3 and 1 - t^3 cross at order 3: the sorted ranks take the mean of the two
    sides there (0) and NaN above, with a warning; below, their common coefficients."""
    x = TaylorArray(np.array([[1.0, 1.0], [0.0, 0.0], [0.0, 0.0], [1.0, -1.0], [0.0, 0.0]]))
    with pytest.warns(TaylorWarning, match="sort"):
        s = np.sort(x)
    np.testing.assert_array_equal(s.coefficients[:4], np.array([[1.0, 1.0], [0.0, 0.0],
                                                               [0.0, 0.0], [0.0, 0.0]]))
    assert np.isnan(s.coefficients[4]).all()
    with pytest.warns(TaylorWarning, match="maximum"):
        m = np.max(x)
    np.testing.assert_array_equal(m.coefficients[:4], [1.0, 0.0, 0.0, 0.0])
    assert np.isnan(m.coefficients[4])


def test_sort_moves_every_coefficient_with_its_value():
    x = general((500,), seed=5)
    order = np.argsort(np.asarray(x.real))
    np.testing.assert_array_equal(np.sort(x).coefficients,
                                  np.asarray(x.coefficients)[:, order])


def test_methods_and_conversions_to_lists():
    x = general((3, 4), seed=6)
    assert x.flatten().shape == (12,)
    assert x.tolist()[1][2].coefficients.tolist() == np.asarray(
        x.coefficients)[:, 1, 2].tolist()
    assert x.item(5).coefficients.tolist() == np.asarray(x.coefficients)[:, 1, 1].tolist()


def test_sinc_of_taylor_is_the_rule():
    import dualnum as dn
    t = dn.Taylor([0.3, 1.0, 0.5])
    assert np.sinc(t).coefficients.tolist() == dn.sinc(t).coefficients.tolist()


def test_refused_functions_say_why():
    x = general((3,))
    with pytest.raises(TypeError, match=r"numpy\.allclose is not supported on Taylor arrays"):
        np.allclose(x, x)
    with pytest.raises(TypeError, match=r"numpy\.fft\.fft is not supported on Taylor arrays"):
        np.fft.fft(x)
    with pytest.raises(TypeError, match="ord=2 of a matrix"):
        np.linalg.norm(general((3, 3)), 2)
    with pytest.raises(TypeError, match="cannot convert a TaylorArray to float"):
        float(x[0:1])


def test_the_readme_counts_the_registry():
    text = (Path(__file__).parent.parent / "README.md").read_text()
    counts = re.findall(r"Taylor arrays take (\d+) NumPy functions", text)
    assert counts == [str(len(HANDLED_FUNCTIONS))]


@pytest.mark.parametrize("v", [[1.0, 2.0, -1.0], [1.0, 2.0, -1.0, -3.0], [0.5, 0.5, 0.5]])
def test_max_and_min_of_ties_take_the_mean_of_the_one_sided_slopes(v):
    """x = ones: every element ties. The one-sided slopes of max(x + t v) are max(v) (t > 0)
    and min(v) (t < 0), measured here on the float function; coefficient 1 is their mean
    (the table's convention at a kink), as for np.sort's last element and order 1's jvp;
    equal slopes (no kink) give an exact series and no warning."""
    v = np.array(v)
    x = np.ones(v.size)
    h = 2.0 ** -20
    right = (np.max(x + h * v) - np.max(x)) / h
    left = (np.max(x) - np.max(x - h * v)) / h
    kink = right != left
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        top = dn.directional_derivatives(np.max, x, v, 2)
        bottom = dn.directional_derivatives(np.min, x, v, 2)
        last = dn.directional_derivatives(lambda y: np.sort(y)[-1], x, v, 2)
    assert top[1] == 0.5 * (right + left) == last[1]
    assert bottom[1] == 0.5 * (right + left)
    assert np.isnan(top[2]) == kink and np.isnan(bottom[2]) == kink
    assert bool(caught) == kink
    if kink:
        assert {w.category for w in caught} == {TaylorWarning}
    else:   # no kink: the first derivative of the dual path
        assert top[1] == pytest.approx(dn.jvp(np.max, x, v))
