"""Sparse Hessians: dn.hessian(f, x, sparsity=...) from a star colouring, and the partially
separable dn.sum_hessian / dn.sum_gradient. Each equals dualnum's dense Hessian or
gradient (itself tested against closed forms and finite differences) and SciPy's analytic
Rosenbrock derivatives (scipy.optimize.rosen_hess, rosen_der); the passes, blocks and
fallbacks are each reached and compared with the one-pass result. (The star colourings
themselves: tests/test_colouring.py.)"""
import tracemalloc
import warnings

import numpy as np
import pytest
import scipy.optimize as so
import scipy.sparse as sp

import dualnum as dn
from dualnum import api
from dualnum.sparse import colour
from test_sparsity_detection import SCALAR

RNG = np.random.default_rng(17)


def rosen(t):
    return np.sum(100.0 * (t[1:] - t[:-1] ** 2) ** 2 + (1.0 - t[:-1]) ** 2)


def rosen_elements(t):
    """The element functions of Rosenbrock's function (scipy.optimize.rosen is their sum)."""
    return 100.0 * (t[1:] - t[:-1] ** 2) ** 2 + (1.0 - t[:-1]) ** 2


def chain3(t):
    """Elements of three consecutive inputs each (Hessian pentadiagonal)."""
    return np.exp(0.1 * t[:-2] * t[1:-1]) + t[2:] ** 2 * t[:-2] + np.sin(t[1:-1] * t[2:])


# ---- dn.hessian(f, x, sparsity=...) ----

@pytest.mark.parametrize("name", sorted(SCALAR))
def test_sparse_hessian_equals_dense(name):
    f = SCALAR[name]
    x = RNG.uniform(0.2, 1.5, 6)
    got = dn.hessian(f, x, sparsity="auto")
    assert isinstance(got, sp.csr_array) and got.shape == (6, 6)
    np.testing.assert_array_equal(got.toarray(), dn.hessian(f, x))


@pytest.mark.parametrize("n", [5, 85, 86, 300])
def test_sparse_rosenbrock_hessian_is_scipys(n):
    """Up to CHUNK // colours inputs one pass (n = 85 with 3 colours), beyond that passes
    sized by f's intermediates (n = 86, 300): each against rosen_hess."""
    x = RNG.uniform(-1.0, 2.0, n)
    found = colour(dn.hessian_sparsity(rosen, x), kind="star")
    assert found.count == 3 and api.CHUNK // found.count == 85
    calls = []

    def counted(t):
        calls.append(t.shape)
        return rosen(t)
    got = dn.hessian(counted, x, sparsity=found)
    assert (len(calls) == 1) == (n <= 85)
    reference = so.rosen_hess(x)
    np.testing.assert_allclose(got.toarray(), reference, rtol=1e-15,
                               atol=4 * np.finfo(float).eps * np.abs(reference).max())
    assert got.nnz == 3 * n - 2  # tridiagonal, stored entry for entry
    np.testing.assert_array_equal(got.toarray(), got.toarray().T)


def test_an_arrow_hessian_takes_two_colours():
    """f(t) = t0 * sum(t^2): H has a dense row and column, read from two colours."""
    def f(t):
        return t[0] * np.sum(t ** 2) + np.sum(np.cos(t))
    x = RNG.uniform(0.2, 1.0, 40)
    found = colour(dn.hessian_sparsity(f, x), kind="star")
    assert found.count == 2
    np.testing.assert_allclose(dn.hessian(f, x, sparsity=found).toarray(), dn.hessian(f, x),
                               rtol=1e-15, atol=1e-15)


def test_a_colouring_is_reused_and_shapes_are_flattened():
    x0 = RNG.uniform(0.5, 1.5, (3, 4))
    found = colour(dn.hessian_sparsity(rosen, x0.ravel()), kind="star")

    def f(t):  # x of two axes, flattened in C order
        return rosen(t.ravel())
    for _ in range(3):
        x = RNG.uniform(0.5, 1.5, (3, 4))
        got = dn.hessian(f, x, sparsity=found)
        np.testing.assert_array_equal(got.toarray(), dn.hessian(f, x).reshape(12, 12))
    # a column colouring of the Hessian's pattern is a star colouring too
    got = dn.hessian(rosen, x0.ravel(), sparsity=colour(found.pattern))
    np.testing.assert_array_equal(got.toarray(), dn.hessian(rosen, x0.ravel()))


def test_functions_that_take_no_directions_fall_back():
    """f converting its input with np.asarray cannot carry directions: one pass per
    direction pair instead (the pattern given, since detection refuses np.asarray)."""
    def f(t):
        return rosen(np.asarray(t))
    x = RNG.uniform(0.5, 1.5, 7)
    pattern = dn.hessian_sparsity(rosen, x)
    np.testing.assert_array_equal(dn.hessian(f, x, sparsity=pattern).toarray(),
                                  dn.hessian(rosen, x))


def test_sparse_hessians_refuse_what_does_not_fit():
    x = np.ones(4)
    with pytest.raises(ValueError, match="square symmetric"):
        dn.hessian(rosen, x, sparsity=colour(np.ones((3, 4))))
    with pytest.raises(ValueError, match="4 elements"):
        dn.hessian(rosen, x, sparsity=np.eye(3))
    with pytest.raises(ValueError, match="symmetric"):
        dn.hessian(rosen, x, sparsity=np.triu(np.ones((4, 4))))
    with pytest.raises(ValueError, match="scalar-valued"):
        dn.hessian(np.sin, x, sparsity=np.eye(4))
    tridiagonal = np.eye(4) + np.eye(4, k=1) + np.eye(4, k=-1)
    with pytest.raises(ValueError, match="not a star colouring"):
        wrong = dn.sparse.Colouring(tridiagonal, [0, 1, 0, 1], "star", check=False)
        dn.hessian(rosen, x, sparsity=wrong)
    with pytest.raises(ValueError, match="cannot give a Jacobian"):
        dn.jacobian(np.sin, x, sparsity=colour(np.eye(4), kind="star"))
    with pytest.raises(ValueError, match="'auto'"):
        dn.hessian(rosen, x, sparsity="star")


def test_a_nan_second_derivative_warns():
    x = np.array([0.0, 1.0, 2.0])
    with pytest.warns(RuntimeWarning, match="NaN at 1 of"):
        got = dn.hessian(lambda t: np.sum(np.abs(t) * t[::-1]), x, sparsity="auto")
    assert np.isnan(got.toarray()[0, 0])


def test_branches_give_the_hessian_on_either_side():
    """The detected pattern keeps both branches of np.where and maximum, so the sparse
    Hessian is right whichever branch the point takes."""
    def f(t):
        return np.sum(np.where(t > 1.0, t[::-1] * t, np.exp(t))) + np.max(t * t[0])
    for x in (0.5 + 0.01 * np.arange(5), 2.0 - 0.01 * np.arange(5), np.linspace(0.1, 2.0, 5)):
        np.testing.assert_array_equal(dn.hessian(f, x, sparsity="auto").toarray(),
                                      dn.hessian(f, x))


def test_a_kink_gives_nan_in_the_entries_of_the_pattern():
    """max at a tie has no second derivative: NaN (with the warning) in every entry of the
    pattern, where the dense Hessian is NaN in every entry; the entries outside the
    pattern are structurally 0."""
    def f(t):
        return np.max(t * t[0]) + np.sum(t[1:] ** 3)
    x = np.full(5, 0.5)
    with pytest.warns(RuntimeWarning, match="NaN"):
        got = dn.hessian(f, x, sparsity="auto")
    pattern = dn.hessian_sparsity(f, x).toarray()
    assert np.isnan(got.toarray()[pattern]).all()
    np.testing.assert_array_equal(got.toarray()[~pattern], 0.0)


# ---- partially separable: dn.sum_hessian, dn.sum_gradient ----

@pytest.mark.parametrize("n", [2, 3, 10, 1000])
def test_sum_hessian_of_rosenbrock_is_scipys(n):
    x = RNG.uniform(-1.0, 2.0, n)
    got = dn.sum_hessian(rosen_elements, x)
    assert isinstance(got, sp.csr_array)
    reference = so.rosen_hess(x)
    np.testing.assert_allclose(got.toarray(), reference, rtol=1e-15,
                               atol=4 * np.finfo(float).eps * np.abs(reference).max())
    np.testing.assert_allclose(dn.sum_gradient(rosen_elements, x), so.rosen_der(x),
                               rtol=1e-14, atol=1e-12)


def test_sum_hessian_equals_the_dense_hessian_of_the_sum():
    for g in (chain3, lambda t: np.sin(t) * t ** 2, lambda t: (t[:, :1] * t).ravel()):
        x = RNG.uniform(0.2, 1.5, (5, 4))
        dense = dn.hessian(lambda t: np.sum(g(t)), x).reshape(20, 20)
        np.testing.assert_allclose(dn.sum_hessian(g, x).toarray(), dense, rtol=1e-14,
                                   atol=1e-14)
        np.testing.assert_allclose(dn.sum_gradient(g, x),
                                   dn.gradient(lambda t: np.sum(g(t)), x), rtol=1e-14)
    assert colour(dn.jacobian_sparsity(chain3, np.ones(50))).count == 3


def test_an_element_of_every_input_stays_within_one_block_of_memory():
    """A penalty on the sum of all inputs makes every column its own colour (C = n): the
    colour pairs go in blocks and only each block's entries are kept, so memory stays that
    of a block (not elements x C x C); the result equals the dense Hessian, exactly
    symmetric."""
    def elements(t):
        return np.concatenate([rosen_elements(t), ((np.sum(t) - 1.0) ** 2)[None]])
    x = RNG.uniform(0.0, 1.0, 400)
    tracemalloc.start()
    try:
        got = dn.sum_hessian(elements, x).toarray()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 400 ** 3 * 8 / 8  # an eighth of elements x C x C doubles (512 MB)
    np.testing.assert_allclose(got, dn.hessian(lambda t: np.sum(elements(t)), x),
                               rtol=1e-14, atol=1e-12)
    np.testing.assert_array_equal(got, got.T)


def test_many_colours_go_in_blocks():
    """Elements of 20 consecutive inputs take 20 colours, beyond HESSIAN_CHUNK: the colour
    pairs go in blocks, against the one-block result with the chunk raised."""
    def window(t):
        return np.sum(np.stack([t[k:k + t.size - 19] for k in range(20)]) ** 2, axis=0) ** 1.5
    x = RNG.uniform(0.2, 1.5, 60)
    found = colour(dn.jacobian_sparsity(window, x))
    assert found.count == 20 > api.HESSIAN_CHUNK
    blocked = dn.sum_hessian(window, x, sparsity=found)
    saved = api.HESSIAN_CHUNK
    api.HESSIAN_CHUNK = 32
    try:
        whole = dn.sum_hessian(window, x, sparsity=found)
    finally:
        api.HESSIAN_CHUNK = saved
    np.testing.assert_array_equal(blocked.toarray(), whole.toarray())
    np.testing.assert_allclose(blocked.toarray(), dn.hessian(lambda t: np.sum(window(t)), x),
                               rtol=1e-13, atol=1e-12)


def test_sum_hessian_falls_back_for_functions_without_directions():
    x = RNG.uniform(0.5, 1.5, 6)
    pattern = dn.jacobian_sparsity(rosen_elements, x)
    got = dn.sum_hessian(lambda t: rosen_elements(np.asarray(t)), x, sparsity=pattern)
    np.testing.assert_array_equal(got.toarray(), dn.sum_hessian(rosen_elements, x).toarray())


def test_sum_hessian_refuses_what_does_not_fit():
    x = np.ones(4)
    with pytest.raises(ValueError, match="returns 3 values"):
        dn.sum_hessian(rosen_elements, x, sparsity=np.ones((2, 4)))
    with pytest.raises(ValueError, match="cannot give a Jacobian"):
        dn.sum_hessian(rosen_elements, x, sparsity=colour(np.eye(4), kind="star"))
    with pytest.raises(TypeError, match="sparsity pattern"):
        dn.sum_gradient(rosen_elements, x, sparsity=[1, 2])
    # None, like "auto", detects and colours
    np.testing.assert_array_equal(dn.sum_hessian(rosen_elements, x, sparsity=None).toarray(),
                                  dn.sum_hessian(rosen_elements, x).toarray())


def test_the_million_input_rosenbrock_hessian_stays_under_2_gb():
    n = 10 ** 6
    x = np.linspace(-1.0, 2.0, n)
    found = colour(dn.jacobian_sparsity(rosen_elements, x))
    tracemalloc.start()
    try:
        got = dn.sum_hessian(rosen_elements, x, sparsity=found)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 2 * 2 ** 30
    assert got.nnz == 3 * n - 2
    # row i depends on x[i - 1 : i + 2] alone: rosen_hess of that window (of the first or
    # last two inputs at the ends) has the same row
    for i in [0, 1, n // 2, n - 2, n - 1, *RNG.integers(0, n, 100)]:
        lo, hi = max(i - 1, 0), min(i + 2, n)
        np.testing.assert_allclose(got[[i]].toarray()[0, lo:hi],
                                   so.rosen_hess(x[lo:hi])[i - lo], rtol=1e-15, atol=1e-12)


def test_gradient_and_hessian_by_elements_in_trust_constr():
    """scipy.optimize.minimize(method='trust-constr') on chained Rosenbrock at n = 10⁴ with
    the sparse Hessian (and gradient) of its elements, the colouring computed once."""
    n = 10 ** 4
    x0 = 0.6 + 0.3 * np.sin(np.arange(n))
    found = colour(dn.jacobian_sparsity(rosen_elements, x0))
    found_count = found.count
    result = so.minimize(so.rosen, x0, method="trust-constr",
                         jac=lambda x: dn.sum_gradient(rosen_elements, x, sparsity=found),
                         hess=lambda x: dn.sum_hessian(rosen_elements, x, sparsity=found),
                         options={"gtol": 1e-10, "maxiter": 500})
    assert found_count == 2
    assert result.status == 1  # gtol reached
    np.testing.assert_allclose(result.x, 1.0, atol=1e-8)
    assert result.nhev < 100
    np.testing.assert_allclose(dn.sum_hessian(rosen_elements, x0, sparsity=found).toarray()
                               [:50, :50], so.rosen_hess(x0)[:50, :50], rtol=1e-15)


def test_top_level_names():
    for name in ("sum_hessian", "sum_gradient"):
        assert getattr(dn, name) is getattr(dn.sparse, name)


@pytest.mark.parametrize("x", [np.array([np.nan, 2.0, 3.0, 4.0, 5.0, 6.0]),
                               np.array([2.0, 3.0, np.inf, 4.0, 5.0, 6.0]),
                               np.full(150, np.nan)])
def test_a_nan_stays_where_the_dense_hessian_has_it(x):
    """A NaN or infinity among the derivatives along one input spreads, through the seeds,
    into every entry read from its colour: those entries are read again from unit
    directions (64 columns per evaluation: 150 NaN inputs take three), and equal the
    dense Hessian's on the pattern."""
    def f(t):
        return np.sum(t[1:] * t[:-1] ** 2) + np.sum(np.sqrt(np.abs(t)))
    with pytest.warns(RuntimeWarning, match="NaN"):
        got = dn.hessian(f, x, sparsity="auto").toarray()
        dense = dn.hessian(f, x)
    pattern = dn.hessian_sparsity(f, x).toarray()
    np.testing.assert_array_equal(got[pattern], dense[pattern])
    np.testing.assert_array_equal(got[~pattern], 0.0)


def test_a_square_root_at_zero_leaves_other_entries_alone():
    def f(t):
        return np.sum(np.sqrt(t) * t[::-1])
    x = np.arange(6.0)
    with pytest.warns(RuntimeWarning):
        got = dn.hessian(f, x, sparsity="auto").toarray()
        dense = dn.hessian(f, x)
    pattern = dn.hessian_sparsity(f, x).toarray()
    np.testing.assert_array_equal(got[pattern], dense[pattern])
    assert got[1, 1] == -1.0 / (4 * 1.0 ** 1.5) * 4.0  # -x^(-3/2)/4 times t[::-1][1] = 4


def test_sparse_jacobians_fall_back_for_functions_without_directions():
    def residual(t):
        t = np.asarray(t)
        return t[1:] - t[:-1] ** 2
    x = RNG.uniform(0.5, 1.5, 7)
    pattern = dn.jacobian_sparsity(lambda t: t[1:] - t[:-1] ** 2, x)
    np.testing.assert_array_equal(dn.jacobian(residual, x, sparsity=pattern).toarray(),
                                  dn.jacobian(residual, x))
    np.testing.assert_array_equal(dn.sum_gradient(residual, x, sparsity=pattern),
                                  dn.gradient(lambda t: np.sum(residual(t)), x))


def test_a_nan_through_a_matrix_product_stays_where_the_dense_result_has_it():
    """Through a constant matrix product a NaN or infinity along one input reaches, by the
    colour's seed, entries of other columns (0 times NaN): the sparse Jacobian, gradient
    and Hessian read those entries again from unit directions, and equal the dense ones
    on the pattern (except where the sparse Hessian is the finite or infinite limit that
    the dense one, summing every element, turns into NaN)."""
    a = np.eye(4) + np.eye(4, k=1)
    for x in (np.array([np.nan, 1.0, 2.0, 3.0]), np.array([1.0, 2.0, 3.0, np.inf])):
        def f(t):
            return a @ (t * t)
        pattern = dn.jacobian_sparsity(f, x).toarray()
        np.testing.assert_array_equal(dn.jacobian(f, x, sparsity="auto").toarray()[pattern],
                                      dn.jacobian(f, x)[pattern])
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            np.testing.assert_array_equal(
                dn.sum_gradient(lambda t: a @ np.sqrt(t), x),
                dn.gradient(lambda t: np.sum(a @ np.sqrt(t)), x))

            def q(t):
                return (a @ np.sqrt(t)) ** 2
            got = dn.sum_hessian(q, x).toarray()
            dense = dn.hessian(lambda t: np.sum(q(t)), x)
        hessian = dn.hessian_sparsity(lambda t: np.sum(q(t)), x).toarray()
        np.testing.assert_array_equal(got[hessian], dense[hessian])
        np.testing.assert_array_equal(got, got.T)


def test_sum_hessian_is_exactly_symmetric_with_many_elements_per_pair():
    """(j, k) and (k, j) are one sum of the elements' numbers, whatever their count."""
    weights = np.geomspace(1e-8, 1e8, 40)
    got = dn.sum_hessian(lambda t: weights * t[0] * t[1] + t[2] ** 3, np.ones(3)).toarray()
    np.testing.assert_array_equal(got, got.T)
    assert got[0, 1] == pytest.approx(weights.sum(), rel=1e-15)
    n = 30

    def dense_elements(t):
        return (np.ones((n, n)) @ t) ** 2 * np.linspace(0.1, 3.0, n)
    got = dn.sum_hessian(dense_elements, np.linspace(-1.0, 1.0, n)).toarray()
    np.testing.assert_array_equal(got, got.T)
