"""Matrix products of arrays with directions (dualnum.arrays.products): every direction of
a product against the same product of object arrays of scalar duals built from that
direction alone, for a constant on either side, two dual operands, vectors, stacks that
broadcast, Dual and HyperDual; and the rows of a seeded part that are zero, which the
product leaves out (none, one or two rows left: outer products; more: a product of the rows
kept; every row), against np.matmul of the whole part.
"""
import numpy as np
import pytest

import dualnum as dn
from arrays_support import KINDS, NAMES, SUMS, assert_duals, objects
from dualnum.arrays import products

K, M = 4, 3  # directions: eps1 (and dual) K, eps2 M


def directional(T, real, rng, zero_rows=()):
    """An array of type T at ``real`` whose parts carry K (and M) directions, general
    values with a few exact zeros; rows (first axis) listed in ``zero_rows`` all zero."""
    shapes = [(K,)] if T is dn.DualArray else [(K,), (M,), (K, M)]
    parts = [rng.uniform(-2.0, 2.0, real.shape + s) for s in shapes]
    for p in parts:
        p.reshape(-1)[::5] = 0.0
        p[list(zero_rows)] = 0.0
    return T(real, *parts, directional=True)


def direction(x, a, b):
    """The plain array of x's type holding direction a (and b for eps2) of x, or x itself
    where x is a constant."""
    if not isinstance(x, (dn.DualArray, dn.HyperDualArray)):
        return x
    parts = [x.real] + [np.asarray(getattr(x, n)) for n in NAMES[type(x)][1:]]
    picked = [parts[1][..., a]] if len(parts) == 2 else \
        [parts[1][..., a], parts[2][..., b], parts[3][..., a, b]]
    return type(x)(parts[0], *picked)


SHAPES = {  # name: (shape of a, shape of b, which are dual)
    "constant @ dual": ((5, 3), (3, 6), "b"), "dual @ constant": ((5, 3), (3, 6), "a"),
    "dual @ dual": ((5, 3), (3, 6), "ab"), "vector @ dual": ((3,), (3, 6), "b"),
    "dual @ vector": ((5, 3), (3,), "a"), "dual vectors": ((3,), (3,), "ab"),
    "stack @ dual": ((2, 5, 3), (3, 6), "b"), "dual stack @ stack": ((2, 1, 5, 3), (3, 3, 6), "a"),
    "stack @ dual stack": ((3, 5, 3), (2, 1, 3, 6), "b"), "dual stacks": ((2, 5, 3), (2, 3, 6), "ab"),
}


@pytest.mark.parametrize("name", list(SHAPES))
@pytest.mark.parametrize("T", KINDS)
def test_each_direction_matches_object_arrays(T, name):
    rng = np.random.default_rng(len(name) + 7 * KINDS.index(T))
    sa, sb, dual = SHAPES[name]
    a, b = rng.uniform(-2.0, 2.0, sa), rng.uniform(-2.0, 2.0, sb)
    a = directional(T, a, rng) if "a" in dual else a
    b = directional(T, b, rng) if "b" in dual else b
    got = a @ b
    assert got.directions == (K if T is dn.DualArray else (K, M))
    for i in range(K):
        for j in range(M if T is dn.HyperDualArray else 1):
            want = np.asarray(objects(direction(a, i, j)) @ objects(direction(b, i, j)),
                              dtype=object)
            assert_duals(direction(got, i, j), want, T, rtol=SUMS)


@pytest.mark.parametrize("T", KINDS)
def test_the_parts_keep_their_directions_last_in_memory(T):
    """The result's parts are C-contiguous with the directions last, as the elementwise
    kernels' fast loops read them (not a view with the directions outermost)."""
    rng = np.random.default_rng(3)
    x = directional(T, rng.uniform(-1.0, 1.0, (3, 6)), rng)
    for got in (rng.uniform(size=(5, 3)) @ x, x.T @ rng.uniform(size=(3, 2))):
        for name in NAMES[T][1:]:
            assert np.asarray(getattr(got, name)).flags.c_contiguous, name


@pytest.mark.parametrize("zero_rows", [(), (0, 1, 2, 3, 5, 6), (1, 2, 3, 4, 5, 6),
                                       (0, 1, 3, 4, 6), (2, 5), tuple(range(7))])
def test_zero_rows_of_a_seeded_part_are_left_out(zero_rows):
    """All rows kept, one left (an outer product), two, three (a product of the rows kept),
    none: the same as np.matmul of the whole part."""
    rng = np.random.default_rng(len(zero_rows))
    w = directional(dn.DualArray, rng.uniform(-1.0, 1.0, (7, 5)), rng, zero_rows)
    x = rng.uniform(-1.0, 1.0, (9, 7))
    whole = np.matmul(x, w.dual.reshape(7, -1)).reshape(9, 5, K)
    np.testing.assert_allclose((x @ w).dual, whole, rtol=SUMS, atol=SUMS)
    np.testing.assert_array_equal((x @ w).real, x @ w.real)


def test_a_constant_with_inf_keeps_every_row():
    """A constant's inf or NaN: every row is kept, so that 0 * inf is NaN (as BLAS gives
    it) whichever rows a pass perturbs: the same result as the whole part's product, and
    the same for the transposed product, so that a Jacobian does not depend on how its
    passes fall (zero rows or not)."""
    rng = np.random.default_rng(5)
    w = directional(dn.DualArray, rng.uniform(-1.0, 1.0, (4, 3)), rng, zero_rows=(1, 2, 3))
    x = rng.uniform(-1.0, 1.0, (2, 4))
    x[:, 2] = [np.inf, np.nan]
    with np.errstate(invalid="ignore"):  # inf * 0 is NaN
        got = (x @ w).dual
        whole = np.matmul(x, w.dual.reshape(4, -1)).reshape(2, 3, K)
        transposed = np.swapaxes((w.T @ x.T).dual, 0, 1)
    np.testing.assert_array_equal(got, whole)
    np.testing.assert_array_equal(np.isnan(got), np.isnan(transposed))
    assert np.isnan(got).all()


def test_jacobians_with_an_infinite_constant_do_not_depend_on_the_passes():
    """C @ t and t @ C.T with an inf in C, one pass (n <= CHUNK) or several: inf where
    the inf meets its own direction, NaN (0 * inf) in the rest of its row, whatever the
    passes."""
    from dualnum import api
    for n in (10, api.CHUNK + 90):
        c = np.ones((2, n))
        c[1, 2] = np.inf
        with np.errstate(invalid="ignore"):
            left = dn.jacobian(lambda t: c @ t, np.ones(n))
            right = dn.jacobian(lambda t: t @ c.T, np.ones(n))
        np.testing.assert_array_equal(np.isnan(left), np.isnan(right))
        assert left[1, 2] == np.inf and np.isnan(np.delete(left[1], 2)).all()
        assert not np.isnan(left[0]).any()


def test_the_outer_product_path_is_reached(monkeypatch):
    """Rows up to OUTER_ROWS go to outer products, more to a product of the rows kept: both
    reached by the cases above (counted here)."""
    calls = []
    real_matmul = np.matmul
    monkeypatch.setattr(products.np, "matmul", lambda *a: calls.append(a) or real_matmul(*a))
    rng = np.random.default_rng(9)
    x = rng.uniform(size=(3, 6))
    for kept, blas in ((1, 0), (products.OUTER_ROWS, 0), (products.OUTER_ROWS + 1, 1)):
        w = directional(dn.DualArray, rng.uniform(size=(6, 2)), rng, range(kept, 6))
        calls.clear()
        x @ w
        # the real part's product, and the part's where more rows are kept than OUTER_ROWS
        assert len(calls) == 1 + blas
