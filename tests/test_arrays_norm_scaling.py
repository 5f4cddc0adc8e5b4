"""The Euclidean norms (norm, vector_norm, matrix_norm 'fro', std) at every scale: where the
sum of squares underflows or overflows (norms below 1e-162 or above 1e154) their gradients
were silently 0; the parts now come from real parts scaled by a power of two
(dualnum.arrays.norms._scaled).

Reference: mpmath at 700 digits, from the definition sqrt(sum((a - mean) ** 2) / divisor) and
its chain rule in every part (first order sum(a b) / n, second order
(sum(b c) + sum(a d)) / n - sum(a b) sum(a c) / n**3), for Dual and HyperDual arrays with
general perturbation parts, with and without directions."""
import mpmath
import numpy as np
import pytest

import dualnum as dn

# the unscaled sum of squares, kept for powers of the norm, overflows at 1e155 and 1e300 as
# NumPy's own does (its warnings, not the norm's: the norm and its parts are finite)
pytestmark = pytest.mark.filterwarnings("ignore:overflow encountered",
                                        "ignore:invalid value encountered in hyper_divide")

SCALES = [1e-300, 1e-170, 1e-100, 1.0, 1e100, 1e155, 1e300]
BASE = np.array([[0.75, -1.5, 0.5], [1.25, 0.25, -2.0]])


def reference(a, b, c, d, centred=False, divisor=None):
    """Value, eps1 (k), eps2 (m), eps1eps2 (k, m) of sqrt(sum(x**2) / divisor) over a 1-D
    slice (parts (N,), (N, k), (N, m), (N, k, m)), x the deviations from the mean where
    ``centred``."""
    def mp(p):
        p = np.vectorize(mpmath.mpf, otypes=[object])(p)
        return p - np.mean(p, axis=0) if centred else p
    with mpmath.workdps(700):  # the second order cancels terms of up to 1e600 at 1e-300
        a, b, c, d = map(mp, (a, b, c, d))
        n = mpmath.sqrt(np.sum(a * a))
        ab, ac = b.T @ a, c.T @ a
        second = (b.T @ c + np.tensordot(a, d, axes=(0, 0))) / n - np.outer(ab, ac) / n ** 3
        terms = (abs(b).T @ abs(c) + np.tensordot(abs(a), abs(d), axes=(0, 0))) / n + \
            np.outer(abs(ab), abs(ac)) / n ** 3  # the size of the terms that cancel
        root = mpmath.sqrt(divisor or 1)
        return [np.array(v / root, dtype=float) for v in (n, ab / n, ac / n, second, terms)]


def hyper(scale, k=2, m=3):
    """A HyperDualArray of shape BASE.shape with k x m directions and general parts."""
    rng = np.random.default_rng(7)
    shape = BASE.shape
    return dn.HyperDualArray(BASE * scale, rng.uniform(-2, 2, shape + (k,)),
                             rng.uniform(-2, 2, shape + (m,)),
                             rng.uniform(-2, 2, shape + (k, m)), directional=True)


def assert_parts(got, want):
    """Each part within a few ulps of the reference; the second-order part within a few ulps
    of the terms that its formula subtracts (a difference: at two elements about their
    mean, std's deviations are all parallel, and the terms cancel to the eps1eps2 ones)."""
    for name, w in zip(("real", "eps1", "eps2"), want):
        np.testing.assert_allclose(np.asarray(getattr(got, name)), w, rtol=4e-15,
                                   atol=4e-15 * np.max(np.abs(w)), err_msg=name)
    error = np.abs(np.asarray(got.eps1eps2) - want[3])
    assert np.all(error <= 8e-16 * (np.abs(want[3]) + want[4])), (got.eps1eps2, want[3])


def slice_parts(x, index):
    return [np.asarray(p)[index] for p in (x.real, x.eps1, x.eps2, x.eps1eps2)]


@pytest.mark.parametrize("scale", SCALES)
def test_norm_of_every_element_at_every_scale(scale):
    x = hyper(scale)
    flat = [p.reshape((6,) + p.shape[2:]) for p in slice_parts(x, ...)]
    want = reference(*flat)
    for got in (np.linalg.norm(x), np.linalg.vector_norm(x), np.linalg.matrix_norm(x),
                np.linalg.norm(x, "fro")):
        assert_parts(got, want)


@pytest.mark.parametrize("scale", SCALES)
@pytest.mark.parametrize("axis", [0, 1])
def test_norm_and_std_along_an_axis(scale, axis):
    """Each slice on its own; std with ddof 0 and 1 (divisor N - ddof)."""
    x = hyper(scale)
    got = np.linalg.norm(x, axis=axis)
    for ddof in (0, 1):
        spread = np.std(x, axis=axis, ddof=ddof)
        for i in range(got.shape[0]):
            index = (slice(None), i) if axis == 0 else (i,)
            parts = slice_parts(x, index)
            assert_parts(got[i], reference(*parts))
            assert_parts(spread[i], reference(*parts, centred=True,
                                              divisor=x.shape[axis] - ddof))


@pytest.mark.parametrize("scale", SCALES)
def test_dual_arrays_without_directions(scale):
    """A plain DualArray: its dual parts are those of the HyperDual's eps1 direction."""
    h = hyper(scale, k=1, m=1)
    x = dn.DualArray(h.real, h.eps1[..., 0])
    want = reference(*[p.reshape((6,) + p.shape[2:]) for p in slice_parts(h, ...)])
    got = np.linalg.norm(x)
    np.testing.assert_allclose(got.real, want[0], rtol=4e-15)
    np.testing.assert_allclose(got.dual, want[1][0], rtol=4e-15)


@pytest.mark.parametrize("scale", [1e-170, 1e155])
def test_the_reported_gradients(scale):
    """Were [0, 0]: the sum of squares underflowed (1e-170) or overflowed (1e155)."""
    with np.errstate(over="ignore"):  # the unscaled square overflows, as NumPy's does
        np.testing.assert_allclose(dn.gradient(np.linalg.norm, [scale, scale]),
                                   [0.5 ** 0.5] * 2, rtol=1e-15)
        np.testing.assert_allclose(dn.gradient(np.std, [scale, -scale]), [0.5, -0.5],
                                   rtol=1e-15)
        h = dn.hessian(np.linalg.norm, [3 * scale, 4 * scale])
    np.testing.assert_allclose(h * 125 * scale, [[16, -12], [-12, 9]], rtol=1e-14)


def test_the_value_is_more_accurate_than_numpys_where_its_square_leaves_the_range():
    """NumPy's norm squares unscaled: 0 and inf here; dualnum's value is the true norm."""
    with np.errstate(over="ignore"):
        assert np.linalg.norm(np.array([3e-170, 4e-170])) == 0.0
        assert np.linalg.norm(dn.DualArray([3e-170, 4e-170], 1.0)).real == \
            pytest.approx(5e-170, rel=1e-15)
        assert np.isinf(np.linalg.norm(np.array([3e155, 4e155])))
        assert np.linalg.norm(dn.DualArray([3e155, 4e155], 1.0)).real == \
            pytest.approx(5e155, rel=1e-15)


def test_the_cone_point_and_non_finite_slices_are_left_as_they_were():
    """A slice of zeros keeps the cone's convention (first derivatives 0); a slice with an
    inf is inf, with NaN derivatives, as before."""
    x = dn.DualArray([[0.0, 0.0], [1e-170, 1e-170], [np.inf, 1.0]], 1.0)
    with np.errstate(invalid="ignore"):
        got = np.linalg.norm(x, axis=1)
    assert got.real[0] == 0.0 and got.dual[0] == 0.0
    assert got.dual[1] == pytest.approx(2 ** 0.5, rel=1e-15)
    assert got.real[2] == np.inf
