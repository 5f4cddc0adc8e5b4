"""An argument that reaches a kink with no first-order parts (b = c = 0, as t*t at t = 0)
moves to one side of it only, that of its second-order part d: smooth functions written
through a kink get their true second derivatives there, with no warning.

References: sympy differentiates the smooth function each case equals near the point
(|t**2| = t**2, relu(-t**2) = 0, ...); the Hessians are analytic.
"""
import numpy as np
import pytest
import sympy

import dualnum as dn

T = sympy.Symbol("t")

# name: (f written through a kink at t = 0, the smooth function it equals near 0)
ONE_SIDED = {
    "abs(t*t)": (lambda t: abs(t * t), T ** 2),
    "np.abs(-t*t)": (lambda t: np.abs(-t * t), T ** 2),
    "abs(1 - cos t)": (lambda t: abs(1 - np.cos(t)), 1 - sympy.cos(T)),
    "abs(t**4)": (lambda t: abs(t ** 4), T ** 4),
    "relu(t*t)": (lambda t: dn.relu(t * t), T ** 2),
    "relu(-t*t)": (lambda t: dn.relu(-t * t), sympy.Integer(0)),
    "leaky_relu(t*t)": (lambda t: dn.leaky_relu(t * t, 0.1), T ** 2),
    "leaky_relu(-t*t)": (lambda t: dn.leaky_relu(-t * t, 0.1), -T ** 2 / 10),
    "copysign(t*t, 1)": (lambda t: np.copysign(t * t, 1.0), T ** 2),
    "copysign(t*t, -1)": (lambda t: np.copysign(t * t, -1.0), -T ** 2),
    "minimum(t*t, 0)": (lambda t: np.minimum(t * t, 0.0), sympy.Integer(0)),
    "maximum(t*t, 0)": (lambda t: np.maximum(t * t, 0.0), T ** 2),
    "maximum(0, -t*t)": (lambda t: np.maximum(0.0, -t * t), sympy.Integer(0)),
    "minimum(0, -t*t)": (lambda t: np.minimum(0.0, -t * t), -T ** 2),
    "dn.maximum(t*t, 3t*t)": (lambda t: dn.maximum(t * t, 3 * t * t), 3 * T ** 2),
    "dn.minimum(t*t, 3t*t)": (lambda t: dn.minimum(t * t, 3 * t * t), T ** 2),
    "fmax(t*t, 0)": (lambda t: np.fmax(t * t, 0.0), T ** 2),
    "fmin(-t*t, 0)": (lambda t: np.fmin(-t * t, 0.0), -T ** 2),
    "clip(t*t, 0, 1)": (lambda t: np.clip(t * t, 0.0, 1.0), T ** 2),
    "clip(-t*t, -1, 0)": (lambda t: np.clip(-t * t, -1.0, 0.0), -T ** 2),
    "clip(1 + t*t, 0, 1)": (lambda t: np.clip(1 + t * t, 0.0, 1.0), sympy.Integer(1)),
    "clip(1 - t*t, 0, 1)": (lambda t: np.clip(1 - t * t, 0.0, 1.0), 1 - T ** 2),
    "hypot(t*t, 0)": (lambda t: dn.hypot(t * t, 0.0), T ** 2),
    "np.hypot(0, -t*t)": (lambda t: np.hypot(0.0, -t * t), T ** 2),
    "hypot(t*t, 2t*t)": (lambda t: dn.hypot(t * t, 2 * t * t), sympy.sqrt(5) * T ** 2),
    # the Euclidean norm at 0 (a cone, as hypot) and the standard deviation, its scaling
    "norm([t*t, 2t*t])": (lambda t: np.linalg.norm(np.stack([t * t, 2 * t * t]), axis=0),
                          sympy.sqrt(5) * T ** 2),
    "std([t*t, -t*t])": (lambda t: np.std(np.stack([t * t, -t * t]), axis=0), T ** 2),
    # a sample point of interp, between the slopes 1 and 2
    "interp(1 + t*t)": (lambda t: np.interp(1 + t * t, [0.0, 1.0, 2.0], [0.0, 1.0, 3.0]),
                        1 + 2 * T ** 2),
    "interp(1 - t*t)": (lambda t: np.interp(1 - t * t, [0.0, 1.0, 2.0], [0.0, 1.0, 3.0]),
                        1 - T ** 2),
}

# the same through the reductions and sorting of arrays (ties of equal real parts)
TIES = {
    "max([t*t, 0])": (lambda t: np.max(np.stack([t * t, 0 * t])), T ** 2),
    "min([t*t, -t*t, 0])": (lambda t: np.min(np.stack([t * t, -t * t, 0 * t])), -T ** 2),
    "max([-t*t], initial=0)": (lambda t: np.max(np.stack([-t * t]), initial=0.0),
                               sympy.Integer(0)),
    "max([t*t], initial=0)": (lambda t: np.max(np.stack([t * t]), initial=0.0), T ** 2),
    "sort([t*t, 0, -t*t])[0]": (lambda t: np.sort(np.stack([t * t, 0 * t, -t * t]))[0],
                                -T ** 2),
    "sort([t*t, 0, -t*t])[1]": (lambda t: np.sort(np.stack([t * t, 0 * t, -t * t]))[1],
                                sympy.Integer(0)),
    "sort([t*t, 0, -t*t])[2]": (lambda t: np.sort(np.stack([t * t, 0 * t, -t * t]))[2],
                                T ** 2),
    "partition([t*t, -t*t], 1)[1]": (
        lambda t: np.partition(np.stack([t * t, -t * t]), 1)[1], T ** 2),
    "median([t*t, 3t*t, 0])": (lambda t: np.median(np.stack([t * t, 3 * t * t, 0 * t])),
                               T ** 2),
    "quantile([t*t, 3t*t, 0], 1)": (
        lambda t: np.quantile(np.stack([t * t, 3 * t * t, 0 * t]), 1.0), 3 * T ** 2),
}


def reference(expr):
    """(value, first, second derivative) of a sympy expression of t at t = 0."""
    return tuple(float(sympy.diff(expr, T, n).subs(T, 0)) for n in range(3))


@pytest.mark.filterwarnings("error::RuntimeWarning")
@pytest.mark.parametrize("name", list(ONE_SIDED) + list(TIES))
def test_scalars_get_the_one_sided_second_derivative(name):
    f, smooth = {**ONE_SIDED, **TIES}[name]
    assert dn.derivatives(f, 0.0) == reference(smooth)


@pytest.mark.filterwarnings("error::RuntimeWarning")
@pytest.mark.parametrize("n", [5, 600], ids=["small", "above the twin size"])
@pytest.mark.parametrize("name", list(ONE_SIDED))
def test_arrays_get_the_one_sided_second_derivative(name, n):
    f, smooth = ONE_SIDED[name]
    _, first, second = reference(smooth)
    x = np.zeros(n)
    np.testing.assert_array_equal(dn.second_derivative(f, x), np.full(n, second))
    np.testing.assert_array_equal(dn.derivative(f, x), np.full(n, first))


@pytest.mark.parametrize("d", [2.0, -2.0, 0.5])
def test_hyperduals_with_only_a_second_order_part(d):
    # g(0 + d e1e2) = g'(0 on the side of d) d e1e2: |d|, relu(d), ...
    assert abs(dn.HyperDual(0.0, 0.0, 0.0, d)) == dn.HyperDual(0.0, 0.0, 0.0, abs(d))
    assert dn.relu(dn.HyperDual(0.0, 0.0, 0.0, d)).eps1eps2 == max(d, 0.0)
    assert dn.leaky_relu(dn.HyperDual(0.0, 0.0, 0.0, d), 0.25).eps1eps2 == (
        d if d > 0 else 0.25 * d)
    tie = dn.maximum(dn.HyperDual(1.0, 0.0, 0.0, d), dn.HyperDual(1.0, 0.0, 0.0, 1.0))
    assert tie == dn.HyperDual(1.0, 0.0, 0.0, max(d, 1.0))
    origin = dn.hypot(dn.HyperDual(0.0, 0.0, 0.0, d), dn.HyperDual(0.0, 0.0, 0.0, 1.5))
    assert origin.eps1eps2 == np.hypot(d, 1.5)


def test_first_order_parts_keep_the_conventions():
    # a first-order part moves the argument across the kink: no second derivative (NaN)
    # where an eps1 and an eps2 part meet, the mean slope where only one of them is there
    assert np.isnan(abs(dn.HyperDual(0.0, 1.0, 2.0, 3.0)).eps1eps2)
    assert abs(dn.HyperDual(0.0, 0.0, 2.0, 3.0)) == dn.HyperDual(0.0, 0.0, 0.0, 0.0)
    assert dn.relu(dn.HyperDual(0.0, 1.5, 0.0, -3.0)) == dn.HyperDual(0.0, 0.75, 0.0, -1.5)
    assert np.isnan(dn.maximum(dn.HyperDual(1.0, 1.0, 2.0, 3.0), 1.0).eps1eps2)
    assert dn.derivative(lambda t: abs(t * t), 0.0) == 0.0  # Dual: the first derivative
    assert abs(dn.Dual(0.0, 0.0)) == dn.Dual(0.0, 0.0)


def _entries(x, g):
    """g of every (row, column) entry of the hyper-dual array x, as a scalar HyperDual of
    that entry's eps1, eps2 and eps1eps2 parts, element by element: the scalar path."""
    want = np.empty(x.eps1eps2.shape)
    for idx in np.ndindex(want.shape):
        i, (a, e) = idx[:-2], idx[-2:]
        h = dn.HyperDual(float(x.real[i]), float(x.eps1[i + (a,)]), float(x.eps2[i + (e,)]),
                         float(x.eps1eps2[idx]))
        want[idx] = g(h).eps1eps2
    return want


@pytest.mark.parametrize("n", [4, 600], ids=["small", "above the twin size"])
@pytest.mark.parametrize("g", [abs, dn.relu, lambda h: dn.maximum(h, 0.0),
                               lambda h: np.clip(h, 0.0, 1.0), lambda h: dn.hypot(h, 0.0)],
                         ids=["abs", "relu", "maximum", "clip", "hypot"])
def test_directions_have_no_value_where_two_seeds_meet_a_kink(g, n):
    # an entry of directions pairs two seeds t, s: the argument moves by d t s, to both sides
    # of the kink, so the entry is NaN where b and c vanish and d does not; elsewhere it is
    # the scalar path's value, entry by entry
    rng = np.random.default_rng(3)
    b, c, d = rng.uniform(-2, 2, (n, 3)), rng.uniform(-2, 2, (n, 2)), rng.uniform(-2, 2, (n, 3, 2))
    b[:, :2] = 0.0  # rows 0 and 1 have no eps1 part, column 0 no eps2 part
    c[:, 0] = 0.0
    d[:, 1, 0] = 0.0  # ... and entry (1, 0) no eps1eps2 part either: it stays 0
    x = dn.HyperDualArray(np.zeros(n), b, c, d, directional=True)
    got = np.asarray(g(x).eps1eps2)
    want = _entries(x, g)
    want[:, 0, 0] = np.nan
    np.testing.assert_array_equal(got, want)
    assert np.all(got[:, 1, 0] == 0.0)
    assert np.isnan(got[:, 2, 1]).all()  # b and c meet: no second derivative


@pytest.mark.parametrize("g", [abs, lambda h: dn.maximum(h, 0.0), lambda h: dn.hypot(h, 0.0)],
                         ids=["abs", "maximum", "hypot"])
def test_one_direction_of_each_is_two_seeds_too(g):
    # a 1 x 1 block of directions (padded for the kernels) pairs two seeds as a larger one;
    # a non-contiguous array without directions keeps the one-sided value
    x = dn.HyperDualArray(np.zeros(3), np.zeros((3, 1)), np.zeros((3, 1)),
                          np.array([2.0, -2.0, 0.0]).reshape(3, 1, 1), directional=True)
    np.testing.assert_array_equal(np.asarray(g(x).eps1eps2).ravel(), [np.nan, np.nan, 0.0])
    plain = dn.HyperDualArray(np.zeros(6), 0.0, 0.0, np.array([2.0, 9, -2.0, 9, 0.0, 9]))[::2]
    want = [g(dn.HyperDual(0.0, 0.0, 0.0, d)).eps1eps2 for d in (2.0, -2.0, 0.0)]
    np.testing.assert_array_equal(np.asarray(g(plain).eps1eps2), want)


# f written through kinks, smooth near 0 (sympy: the Hessian where it exists); every
# argument reaching a kink with no first-order parts moves by d = its Hessian entry
THROUGH_KINKS = {
    "abs": lambda p: np.sum(np.abs(p * p)),
    "relu": lambda p: np.sum(dn.relu(p * p) - dn.relu(-p * p)),
    "relu of a sum": lambda p: dn.relu(p[0] ** 2 + p[1] ** 2),
    "abs of a sum": lambda p: np.abs(p[0] ** 2 + 2 * p[1] ** 2),
    "max": lambda p: np.max(p * p),
    "sort": lambda p: np.sort(p * p)[-1],
    "median": lambda p: np.median(p * p),
    "clip": lambda p: np.sum(np.clip(p * p, 0.0, 1.0)),
    "interp": lambda p: np.interp(1 + p @ p, [0.0, 1.0, 2.0], [0.0, 1.0, 3.0]),
    "norm": lambda p: np.linalg.norm(p * p),
}


@pytest.mark.parametrize("name", list(THROUGH_KINKS))
def test_hessians_and_hvps_through_kinks_are_nan_with_a_warning(name):
    # the diagonal entries too: e1 and e2 seed two directions of an array, whatever they are
    f = THROUGH_KINKS[name]
    with pytest.warns(RuntimeWarning, match="NaN at 2 of 4"):
        h = dn.hessian(f, np.zeros(2))
    np.testing.assert_array_equal(h, [[np.nan, 0.0], [0.0, np.nan]])
    with pytest.warns(RuntimeWarning, match="NaN at 2 of 2"):
        hv = dn.hvp(f, np.zeros(2), np.array([0.5, 2.0]))
    assert np.isnan(hv).all()


# their second derivatives along the line t -> t (0.5, -2), where p*p = t**2 (0.25, 4)
# (analytic: each f equals a smooth function of t near 0)
ALONG_LINE = {"abs": 8.5, "relu": 8.5, "relu of a sum": 8.5, "abs of a sum": 16.5,
              "max": 8.0, "sort": 8.0, "median": 4.25, "clip": 8.5, "interp": 17.0,
              "norm": np.sqrt(64.25)}


@pytest.mark.filterwarnings("error::RuntimeWarning")
@pytest.mark.parametrize("name", list(THROUGH_KINKS))
def test_second_derivatives_along_a_line_through_kinks_stay_exact(name):
    # along one line the seeds are one variable: the one-sided value, exact
    f, v = THROUGH_KINKS[name], np.array([0.5, -2.0])
    assert dn.second_derivative(lambda t: f(t * v), 0.0) == ALONG_LINE[name]


def test_two_seeds_of_opposite_signs_and_a_saddle():
    # the one-sided rule would give hvp (2, 4) (true: H v = (2, -4)) and an off-diagonal
    # entry +1 (true: -1): where the entries are not NaN they are exact
    with pytest.warns(RuntimeWarning, match="NaN at 2 of 2"):
        hv = dn.hvp(lambda p: np.sum(np.abs(p * p)), np.zeros(2), [1.0, -2.0])
    assert np.isnan(hv).all()
    with pytest.warns(RuntimeWarning, match="NaN at 4 of 4"):
        h = dn.hessian(lambda p: abs(p[0] ** 2 + p[1] ** 2 - p[0] * p[1]), np.zeros(2))
    assert np.isnan(h).all()
    with pytest.warns(RuntimeWarning, match="NaN at 2 of 4"):
        h = dn.hessian(lambda p: dn.relu(p[0] * p[1]), np.zeros(2))
    np.testing.assert_array_equal(h, [[0.0, np.nan], [np.nan, 0.0]])
    # one variable: a 1 x 1 block of directions, two seeds still (hvp along v = -1: true -2)
    with pytest.warns(RuntimeWarning, match="NaN at 1 of 1"):
        assert np.isnan(dn.hvp(lambda p: abs(p[0] ** 2), np.zeros(1), [-1.0])).all()
    with pytest.warns(RuntimeWarning, match="NaN at 1 of 1"):
        assert np.isnan(dn.hessian(lambda p: abs(p[0] ** 2), np.zeros(1))).all()
