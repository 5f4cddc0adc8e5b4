"""Statistics, order statistics, calculus, polynomials and multilinear products of dual arrays
(dualnum/arrays/statistics.py, quantiles.py, calculus.py, polynomials.py, products.py).

References: NumPy on object arrays of scalar duals (tests/arrays_support.py), central
differences of NumPy's float functions with their error bounds (piecewise linear and
quadratic functions: no truncation error), closed forms (implicit differentiation of roots,
the least-squares solution pinv(V) y), and, for directions, the same call on plain arrays
seeded with one direction at a time. The registry walks (test_arrays_registry.py,
test_scalar_numpy.py, test_tags.py) try every keyword against NumPy.
"""
import numpy as np
import pytest

import dualnum as dn
from arrays_support import KINDS, NAMES, SUMS, assert_duals, objects, sample
from dualnum.arrays import contractions, quantiles

H = 1e-3
EPS = np.finfo(float).eps


def as_reference(want):
    return want[()] if isinstance(want, np.ndarray) and want.ndim == 0 else want


def directional(T, shape, rng, low=-1.0, high=1.0):
    """An array of type T with general parts and directions (3 eps1 and 2 eps2 directions,
    or 3 for duals), some parts exactly 0."""
    shapes = [shape + (3,)] if T is dn.DualArray else [shape + (3,), shape + (2,),
                                                       shape + (3, 2)]
    parts = [rng.uniform(-2.0, 2.0, s) for s in shapes]
    for p in parts:
        p.reshape(-1)[::7] = 0.0
    return T(rng.uniform(low, high, shape), *parts, directional=True)


def per_direction(T, x, call):
    """call on the directional array x, compared with call on plain arrays seeded with one
    direction (one pair of directions for hyper-duals) at a time."""
    got = call(x)
    if T is dn.DualArray:
        for i in range(x.directions):
            plain = call(dn.DualArray(x.real, x.dual[..., i]))
            np.testing.assert_allclose(got.dual[..., i], plain.dual, rtol=SUMS, atol=SUMS)
        return
    k, m = x.directions
    for i in range(k):
        for j in range(m):
            plain = call(dn.HyperDualArray(x.real, x.eps1[..., i], x.eps2[..., j],
                                           x.eps1eps2[..., i, j]))
            for name, part in (("eps1", got.eps1[..., i]), ("eps2", got.eps2[..., j]),
                               ("eps1eps2", got.eps1eps2[..., i, j])):
                np.testing.assert_allclose(part, getattr(plain, name), rtol=SUMS, atol=SUMS,
                                           err_msg=name)


# ---------------------------------------------------------------- products
EINSUMS = [("ij,jk->ik", (2, 3), (3, 4)), ("ij,jk", (2, 3), (3, 4)), ("...j,jk", (2, 2, 3), (3, 4)),
           ("ij,ij->", (2, 3), (2, 3)), ("ii->i", (3, 3), None), ("i,j,k->ijk", (2,), (3,))]


@pytest.mark.parametrize("subscripts, sa, sb", EINSUMS)
@pytest.mark.parametrize("T", KINDS)
def test_einsum_against_object_arrays(T, subscripts, sa, sb):
    a, b = sample(T, sa), None if sb is None else sample(T, sb, start=-1.0, step=0.45)
    ops = [a] if b is None else [a, b] if subscripts.count(",") == 1 else [a, b, a]
    want = np.einsum(subscripts, *[objects(o) for o in ops])
    assert_duals(np.einsum(subscripts, *ops), as_reference(want), T, rtol=SUMS)
    mixed = [ops[0].real] + ops[1:] if len(ops) > 1 else ops  # a constant beside duals
    want = np.einsum(subscripts, *[objects(o) for o in mixed])
    assert_duals(np.einsum(subscripts, *mixed), as_reference(want), T, rtol=SUMS)


@pytest.mark.parametrize("T", KINDS)
def test_einsum_calls_the_compiled_einsum_as_numpy_einsum_does(T, monkeypatch):
    """With optimize=False, each contraction calls NumPy's compiled einsum directly, as
    numpy.einsum itself does then: the parts of the path through numpy.einsum, bit for
    bit."""
    rng = np.random.default_rng(6)
    a, b = directional(T, (3, 4), rng), directional(T, (3, 4), rng)
    calls = []
    compiled = contractions.c_einsum
    with monkeypatch.context() as patch:
        patch.setattr(contractions, "c_einsum",
                      lambda *args, **kwargs: calls.append(args[0]) or compiled(*args, **kwargs))
        got = np.einsum("ij,ij->i", a, b, order="C", casting="same_kind")
    assert len(calls) == {dn.DualArray: 3, dn.HyperDualArray: 9}[T]
    with monkeypatch.context() as patch:
        patch.setattr(contractions, "c_einsum", np.einsum)  # NumPy's wrapper, its dispatch
        want = np.einsum("ij,ij->i", a, b, order="C", casting="same_kind")
    for p, q in zip(got._parts, want._parts):
        np.testing.assert_array_equal(p, q)


@pytest.mark.parametrize("T", KINDS)
def test_products_with_directions(T):
    rng = np.random.default_rng(3)
    a = directional(T, (3, 3), rng)
    b = 2.0 * a.T + 1.0  # of the same computation: the product rule's cross terms count
    for call in [lambda x: np.einsum("ij,jk,k->i", x, 2.0 * x.T, x[0]),
                 lambda x: np.tensordot(x, x.T * x, 1), lambda x: np.kron(x, x[0]),
                 lambda x: np.cross(x, x[::-1]), lambda x: np.convolve(x[0], x[1], "same"),
                 lambda x: np.correlate(x[0], x[1, :2], "full"), lambda x: np.vdot(x, b.real)]:
        per_direction(T, a, call)


@pytest.mark.parametrize("mode", ["full", "same", "valid"])
@pytest.mark.parametrize("T", KINDS)
def test_convolutions_against_object_arrays(T, mode):
    a, v = sample(T, (6,)), sample(T, (4,), start=-1.0)
    for x, y in ((a, v), (v, a), (a, v.real), (a.real, v)):
        assert_duals(np.convolve(x, y, mode), np.convolve(objects(x), objects(y), mode), T,
                     rtol=SUMS)
        assert_duals(np.correlate(x, y, mode), np.correlate(objects(x), objects(y), mode), T,
                     rtol=SUMS)


# ---------------------------------------------------------------- statistics
@pytest.mark.parametrize("T", KINDS)
def test_var_and_std_with_directions(T):
    rng = np.random.default_rng(5)
    x = directional(T, (4, 5), rng)
    for call in [lambda a: np.var(a, axis=1), lambda a: np.std(a, axis=0, ddof=1),
                 lambda a: np.average(a, axis=1, weights=np.arange(1.0, 6.0)),
                 lambda a: np.quantile(a, [0.2, 0.5], axis=1, method="hazen"),
                 lambda a: np.median(a, axis=0), lambda a: np.cov(a)]:
        per_direction(T, x, call)


def test_var_matches_central_differences():
    """d/dt var(x + t v) against central differences (var is quadratic in t: exact)."""
    rng = np.random.default_rng(7)
    x, v = rng.uniform(-1, 1, 7), rng.uniform(-1, 1, 7)
    got = np.var(dn.HyperDualArray(x, v, v, 0.0), ddof=1)
    f = [np.var(x + t * v, ddof=1) for t in (-H, 0.0, H)]
    bound = 4 * EPS * max(map(abs, f))
    assert abs(got.eps1 - (f[2] - f[0]) / (2 * H)) <= bound / (2 * H)
    assert abs(got.eps1eps2 - (f[2] - 2 * f[1] + f[0]) / H ** 2) <= 2 * bound / H ** 2


def test_std_at_zero_spread_is_a_kink_with_a_smooth_square():
    """std(c + t v) = |t| std(v): the one-sided derivatives are +-std(v), their mean 0; no
    second derivative exists, while std**2 = var has one (2 var(v))."""
    v = np.array([1.0, -2.0, 0.5])
    s = np.std(dn.HyperDualArray(np.full(3, 2.0), v, v, 0.0))
    assert s.real == 0.0 and s.eps1 == 0.0 and np.isnan(s.eps1eps2)
    assert (s ** 2).eps1eps2 == pytest.approx(2 * np.var(v), rel=1e-15)
    assert np.std(dn.HyperDualArray(np.full(3, 2.0), 0.0, 0.0, 0.0)).eps1eps2 == 0.0


def test_order_statistics_at_ties_share_the_derivative_as_max_does():
    x = dn.HyperDualArray([1.0, 3.0, 3.0, 0.0], [1.0, 2.0, 4.0, 8.0], [1.0, 1.0, 1.0, 1.0],
                          0.0)
    for q in (1.0, 2 / 3):  # the maximum, and the order statistic of the tie below it
        got = np.quantile(x, q, method="lower")
        top = np.max(x)
        assert (got.real, got.eps1, got.eps2) == (top.real, top.eps1, top.eps2) == (
            3.0, 3.0, 1.0)
        assert np.isnan(got.eps1eps2)
    low = np.quantile(x, 0.0)  # no tie: a plain element
    assert (low.eps1, low.eps2, low.eps1eps2) == (8.0, 1.0, 0.0)


METHODS = ["inverted_cdf", "averaged_inverted_cdf", "closest_observation",
           "interpolated_inverted_cdf", "hazen", "weibull", "linear", "median_unbiased",
           "normal_unbiased", "lower", "higher", "midpoint", "nearest"]
ORDER_STATISTICS = [  # (call, whether every row counts the same positions: the partition)
    *[(lambda a, m=m: np.quantile(a, [0.0, 0.3, 0.5, 1.0], axis=1, method=m), True)
      for m in METHODS],
    (lambda a: np.median(a), True), (lambda a: np.median(a, axis=(0, 2), keepdims=True), True),
    (lambda a: np.percentile(a, 37.5, axis=-1), True), (lambda a: np.median(a[:, :1]), True),
    (lambda a: np.nanpercentile(a, [10.0, 90.0], axis=0), True),
    (lambda a: np.nanmedian(np.where(a.real > 0.7, np.nan, a), axis=1), False),
    (lambda a: np.quantile(a, 0.4, axis=2, method="inverted_cdf",
                           weights=np.arange(1.0, 6.0)), False)]


@pytest.mark.parametrize("directional_", [False, True])
@pytest.mark.parametrize("T", KINDS)
@pytest.mark.parametrize("call, partitioned", ORDER_STATISTICS)
def test_order_statistics_by_partition_are_those_of_the_full_sort(T, directional_, call,
                                                                  partitioned, monkeypatch):
    """Without ties at the order statistics, a partition finds them in linear time: the
    parts of the full sort's path, bit for bit, for every method, axes, NaN-free nan forms;
    weights and NaN to leave out take the sort."""
    rng = np.random.default_rng(8)
    x = directional(T, (3, 4, 5), rng)
    if not directional_:
        x = T(x.real, *[np.asarray(getattr(x, n))[..., 0] if n != "eps1eps2" else
                        x.eps1eps2[..., 0, 0] for n in NAMES[T][1:]])
    taken = []
    partition = quantiles._partitioned
    with monkeypatch.context() as patch:
        patch.setattr(quantiles, "_partitioned",
                      lambda *args: taken.append(partition(*args)) or taken[-1])
        got = call(x)
    assert len(taken) == partitioned and all(found is not None for found in taken)
    with monkeypatch.context() as patch:
        patch.setattr(quantiles, "_partitioned", lambda *args: None)  # the full sort
        want = call(x)
    assert type(got) is type(want)
    for name in NAMES[T]:
        p, q = np.asarray(getattr(got, name)), np.asarray(getattr(want, name))
        assert p.shape == q.shape
        np.testing.assert_array_equal(p, q)


@pytest.mark.parametrize("T", KINDS)
def test_a_tie_at_an_order_statistic_takes_the_sort_one_elsewhere_the_partition(T,
                                                                               monkeypatch):
    parts = [np.arange(1.0, 7.0) * (i + 1) for i in range(len(NAMES[T]) - 1)]
    taken = []
    partition = quantiles._partitioned
    monkeypatch.setattr(quantiles, "_partitioned",
                        lambda *args: taken.append(partition(*args)) or taken[-1])
    x = T([0.5, 0.5, 1.0, 1.5, 2.0, 3.0], *parts)  # a tie away from the middle
    assert_duals(np.median(x), np.median(objects(x)), T)
    assert_duals(np.quantile(x, 0.9, method="lower"), objects(x)[4], T)
    x = T([0.5, 0.7, 1.0, 1.0, 2.0, 3.0], *parts)  # a tie at the middle: the sort's,
    got = np.quantile(x, 0.5, method="lower")   # which shares the tied elements' parts
    assert [found is None for found in taken] == [False, False, True]
    assert [got.real] + [getattr(got, n) for n in NAMES[T][1:3]] == \
        [1.0] + [(p[2] + p[3]) / 2 for p in parts[:2]]


@pytest.mark.parametrize("T", KINDS)
def test_nan_reductions_leave_nan_elements_out_with_their_parts(T):
    x = sample(T, (2, 4))
    x[0, 1] = T(np.nan, *[7.0] * (len(NAMES[T]) - 1))
    kept = np.array([[True, False, True, True], [True] * 4])
    clean = np.where(kept, x, 0.0)
    o = objects(x)
    for nan_function, reference in [
            (np.nansum, lambda: np.sum(objects(clean), axis=1)),
            (np.nanmax, lambda: np.max(objects(np.where(kept, x, -9.0)), axis=1)),
            (np.nanmean, lambda: np.sum(objects(clean), axis=1) / np.array([3.0, 4.0])),
            (np.nanmedian, lambda: np.array([np.median(o[0, kept[0]]), np.median(o[1])]))]:
        assert_duals(nan_function(x, axis=1), reference(), T, rtol=SUMS)
    assert np.nanargmax(x, axis=1).tolist() == np.nanargmax(x.real, axis=1).tolist()


# ---------------------------------------------------------------- calculus
XP, FP = np.array([0.0, 0.5, 1.5, 2.0]), np.array([1.0, -1.0, 2.0, 2.5])


def test_interp_in_x_and_in_fp_against_central_differences():
    """The interpolant is linear in fp and, within a segment, in x: central differences of
    np.interp are exact to rounding there."""
    x, v = np.array([-0.3, 0.2, 0.9, 1.7, 2.4]), np.array([1.0, -0.5, 2.0, 0.3, 1.0])
    w = np.array([0.3, -1.0, 0.5, 2.0])
    got = np.interp(dn.HyperDualArray(x, v, v, 0.0), XP, dn.HyperDualArray(FP, w, w, 0.0))
    f = [np.interp(x + t * v, XP, FP + t * w) for t in (-H, 0.0, H)]
    bound = 4 * EPS * np.max(np.abs(f)) + 4 * EPS * np.max(np.abs(x))
    np.testing.assert_allclose(got.eps1, (f[2] - f[0]) / (2 * H), rtol=0, atol=bound / H)
    np.testing.assert_allclose(got.eps1eps2, (f[2] - 2 * f[1] + f[0]) / H ** 2, rtol=0,
                               atol=2 * bound / H ** 2 + 1e-6)
    np.testing.assert_array_equal(got.real, np.interp(x, XP, FP))


def test_interp_at_a_sample_point_takes_the_mean_of_the_one_sided_slopes():
    got = np.interp(dn.HyperDualArray([0.5, 0.0, 2.0], 1.0, 1.0, 0.0), XP, FP)
    assert got.eps1.tolist() == [(-4.0 + 3.0) / 2, -4.0 / 2, 1.0 / 2]  # at the ends: 0 outside
    assert np.isnan(got.eps1eps2).all()
    assert np.interp(dn.DualArray([0.5], 0.0), XP, FP).dual.tolist() == [0.0]  # not moved


@pytest.mark.parametrize("T", KINDS)
def test_interp_at_nan_has_nan_parts(T):
    """np.interp at a NaN x is NaN (NumPy's value) and so is every derivative part that a
    perturbation of x or of fp reaches (not the 0 slope outside the samples); an element
    without perturbation keeps parts 0."""
    parts = [[1.0, 0.0], [0.5, 0.0], [2.0, 0.0]][:len(NAMES[T]) - 1]
    got = np.interp(T([np.nan, 0.5], *parts), XP, FP)
    np.testing.assert_array_equal(got.real, np.interp([np.nan, 0.5], XP, FP))
    for n in NAMES[T][1:]:
        assert np.isnan(getattr(got, n)[0]) and getattr(got, n)[1] == 0.0, n
    in_fp = np.interp(np.nan, XP, T(FP, *[np.full(len(FP), v[0]) for v in parts]))
    assert np.isnan(in_fp.real) and all(np.isnan(getattr(in_fp, n)) for n in NAMES[T][1:])
    assert np.isnan(np.interp(dn.Dual(np.nan, 1.0), XP, FP).dual)


def test_interp_refuses_dual_sample_points():
    with pytest.raises(TypeError, match=r"numpy\.interp .*xp"):
        np.interp(0.3, dn.DualArray(XP, 1.0), FP)
    # a scalar dual among the sample points, beside a dual x: named too, not a cast error
    xp = [XP[0], dn.Dual(XP[1], 1.0)] + list(XP[2:])
    for given in (xp, np.array(xp, dtype=object)):
        with pytest.raises(TypeError, match=r"numpy\.interp .*xp.*v\.real"):
            np.interp(dn.DualArray([0.3], 1.0), given, FP)


@pytest.mark.parametrize("T", KINDS)
def test_interp_trapezoid_and_gradient_with_directions(T):
    rng = np.random.default_rng(11)
    x = directional(T, (3, 4), rng, 0.0, 2.0)
    for call in [lambda a: np.interp(a, XP, FP), lambda a: np.trapezoid(a, x=a[0], axis=1),
                 lambda a: np.gradient(a, 0.5, axis=0, edge_order=2),
                 lambda a: np.ediff1d(a, to_begin=a[0, 0]), lambda a: np.unwrap(3 * a)]:
        per_direction(T, x, call)


def test_gradient_is_the_gradient_of_each_part():
    x = dn.DualArray(np.array([[1.0, 2.0, 4.0], [0.0, 3.0, 9.0]]), np.array([[1.0, 0.0, 2.0],
                                                                        [3.0, 1.0, 1.0]]))
    rows, cols = np.gradient(x, 2.0, [0.0, 1.0, 3.0])
    np.testing.assert_array_equal(cols.dual, np.gradient(x.dual, [0.0, 1.0, 3.0], axis=1))
    np.testing.assert_array_equal(rows.real, np.gradient(x.real, 2.0, axis=0))


# ---------------------------------------------------------------- polynomials
def test_roots_by_implicit_differentiation():
    """p = (x - a)(x - b)(x - c) with dual a, b, c: each root moves with its own zero, to
    second order."""
    zeros = dn.HyperDualArray([3.0, -1.0, 0.5], [1.0, 2.0, -1.0], [0.5, 1.0, 1.0],
                              [0.25, -0.5, 2.0])
    roots = np.roots(np.poly(zeros))
    order = [int(np.argmin(np.abs(zeros.real - r))) for r in roots.real]  # NumPy's order
    assert sorted(order) == [0, 1, 2]
    for name in NAMES[dn.HyperDualArray]:
        np.testing.assert_allclose(getattr(roots, name), getattr(zeros, name)[order],
                                   rtol=1e-12, atol=1e-12)


def test_roots_refuses_complex_roots():
    with pytest.raises(TypeError, match="complex roots"):
        np.roots(dn.DualArray([1.0, 0.0, 1.0], 1.0))


@pytest.mark.parametrize("T", KINDS)
def test_polyfit_is_the_least_squares_solution(T):
    x = np.linspace(0.0, 2.0, 6)
    y = sample(T, (6,))
    want = np.dot(np.linalg.pinv(np.vander(x, 3)), objects(y))
    assert_duals(np.polyfit(x, y, 2), want, T, rtol=1e-12)
    c, residuals, rank, _, _ = np.polyfit(x, y, 2, full=True)
    r = objects(y) - np.dot(np.vander(x, 3), objects(c))
    assert_duals(residuals, np.array([np.sum(r * r)]), T, rtol=1e-10)
    assert rank == 3


@pytest.mark.parametrize("T", KINDS)
def test_polynomial_arithmetic_against_object_arrays(T):
    p, q, x = sample(T, (4,)), sample(T, (2,), start=-1.0), sample(T, (3,), start=0.2)
    po, qo, xo = objects(p), objects(q), objects(x)
    assert_duals(np.polyval(p, x), np.polyval(po, xo), T, rtol=SUMS)
    assert_duals(np.polymul(p, q), np.convolve(po, qo), T, rtol=SUMS)
    assert_duals(np.polyadd(q, p), np.polyadd(qo, po), T, rtol=SUMS)
    assert_duals(np.polyint(p, 2, k=[x[0], 1.0]), np.polyint(po, 2, k=[xo[0], 1.0]), T,
                 rtol=SUMS)
    quotient, remainder = np.polydiv(p, q)
    assert_duals(np.polyadd(np.polymul(quotient, q), remainder), po, T, rtol=1e-12)
    assert len(remainder) == 1


def test_polyfit_refuses_dual_x_and_w():
    y = dn.DualArray([1.0, 2.0, 0.5], 1.0)
    for kwargs in ({"x": dn.DualArray([0.0, 1.0, 2.0], 1.0)}, {"w": dn.DualArray(np.ones(3))}):
        args = dict({"x": [0.0, 1.0, 2.0], "y": y, "deg": 1}, **kwargs)
        with pytest.raises(TypeError, match=r"numpy\.polyfit .*dual x or w"):
            np.polyfit(**args)
