"""Sparsity detection (dualnum.sparse.jacobian_sparsity, hessian_sparsity) against
references from outside: SciPy's analytic Rosenbrock Hessian, and the nonzeros of dualnum's
dense Jacobians and Hessians at random points, which every pattern must contain
(conservative), and equal where the structure is known."""
import numpy as np
import pytest
import scipy.sparse as sp
from scipy.optimize import rosen_hess

import dualnum as dn
from corpus import rosen
from dualnum.sparse import hessian_sparsity, jacobian_sparsity

RNG = np.random.default_rng(11)
A_BANDED = np.diag(np.full(6, 2.0)) + np.diag(np.full(5, -1.0), 1)


def points(n, count=3):
    return [RNG.uniform(0.2, 1.5, n) for _ in range(count)]


@pytest.mark.parametrize("n", [2, 3, 10, 1000])
def test_rosenbrock_hessian_pattern_is_scipys(n):
    for x in points(n, 2):
        got = hessian_sparsity(rosen, x)
        assert isinstance(got, sp.csr_array) and got.dtype == np.bool_
        assert got.shape == (n, n)
        np.testing.assert_array_equal(got.toarray(), rosen_hess(x) != 0)


def banded_residual(t):
    """A tridiagonal residual: r_i = t_{i-1} - 2 t_i + t_{i+1} + t_i^3 (ends fixed)."""
    inner = t[:-2] - 2.0 * t[1:-1] + t[2:] + t[1:-1] ** 3
    return np.concatenate([t[:1] - 1.0, inner, t[-1:] ** 2])


# functions of R^6, vector-valued (Jacobian) and scalar (Hessian)
VECTOR = {
    "elementwise": lambda t: np.exp(np.sin(t)) * t ** 2 / (1 + t ** 2) + np.tanh(t),
    "banded": banded_residual,
    "constant matrix": lambda t: A_BANDED @ t,
    "traced matrix": lambda t: t.reshape(2, 3) @ t[:3],
    "transposed": lambda t: (t.reshape(2, 3).T * t[:3, None]).ravel(),
    "where": lambda t: np.where(t > 0.7, t[::-1], np.exp(t)),
    "maximum": lambda t: np.maximum(t, t[::-1] ** 2),
    "clip": lambda t: np.clip(t * t[0], 0.3, 0.9),
    "diff": lambda t: np.diff(t ** 2),
    "sums": lambda t: t * np.sum(t[:2]) + np.mean(t.reshape(3, 2), axis=1).repeat(2),
    "prod": lambda t: np.prod(t.reshape(2, 3), axis=0),
    "joined": lambda t: np.stack([t[:3], np.log(t[3:])]).T.ravel(),
    "zero factor": lambda t: t * np.array([0.0, 1.0, 0.0, 2.0, 0.0, 1.0]),
}
SCALAR = {
    "rosen": rosen,
    "quadratic form": lambda t: t @ A_BANDED @ t,
    "separable": lambda t: np.sum(np.exp(t) * t[::-1]),
    "products": lambda t: np.prod(t[:3]) + t[4] / t[5],
    "where": lambda t: np.sum(np.where(t > 0.7, t ** 3, t[::-1] * t)),
    "max": lambda t: np.max(t * t[0]) + np.sum(t[1:] * t[:-1]),
    "linear": lambda t: np.sum(3.0 * t - t[::-1]),
}


@pytest.mark.parametrize("name", sorted(VECTOR))
def test_jacobian_pattern_holds_every_nonzero(name):
    f = VECTOR[name]
    found = jacobian_sparsity(f, points(6, 1)[0]).toarray()
    for x in points(6):
        dense = dn.jacobian(f, x)
        assert found.shape == dense.shape
        assert not np.any((dense != 0) & ~found), name


@pytest.mark.parametrize("name", sorted(SCALAR))
def test_hessian_pattern_holds_every_nonzero(name):
    f = SCALAR[name]
    found = hessian_sparsity(f, points(6, 1)[0]).toarray()
    np.testing.assert_array_equal(found, found.T)
    for x in points(6):
        dense = dn.hessian(f, x)
        assert not np.any((dense != 0) & ~found), name


def test_known_structures_exactly():
    x = points(6, 1)[0]
    tridiagonal = (np.abs(np.subtract.outer(np.arange(6), np.arange(6))) <= 1)
    tridiagonal[0, 1] = tridiagonal[5, 4] = False  # the fixed ends
    np.testing.assert_array_equal(jacobian_sparsity(banded_residual, x).toarray(),
                                  tridiagonal)
    np.testing.assert_array_equal(jacobian_sparsity(VECTOR["constant matrix"], x).toarray(),
                                  A_BANDED != 0)
    np.testing.assert_array_equal(hessian_sparsity(SCALAR["quadratic form"], x).toarray(),
                                  (A_BANDED + A_BANDED.T) != 0)
    assert hessian_sparsity(SCALAR["linear"], x).nnz == 0
    zero = jacobian_sparsity(VECTOR["zero factor"], x).toarray()
    np.testing.assert_array_equal(zero, np.diag([False, True, False, True, False, True]))
    for step in (np.floor, np.sign):  # derivative 0 in the rule table
        np.testing.assert_array_equal(jacobian_sparsity(step, x).toarray(),
                                      np.zeros((6, 6), bool))


def test_branches_are_both_kept_whatever_the_condition():
    """np.where and maximum keep both operands' dependencies, even where the condition
    picks one everywhere at x: the pattern holds for every x."""
    x = np.full(4, 5.0)
    for f in (lambda t: np.where(t > 0.0, t, t[::-1] ** 2),
              lambda t: np.maximum(t, t[::-1] - 100.0)):
        got = jacobian_sparsity(f, x).toarray()
        np.testing.assert_array_equal(got, np.eye(4, dtype=bool) | np.eye(4, dtype=bool)[::-1])


@pytest.mark.parametrize("f, named", [
    (np.sort, "numpy.sort"),
    (lambda t: np.linalg.solve(np.eye(3), t), "solve"),
    (lambda t: np.cumsum(t), "numpy.cumsum"),
    (lambda t: float(t[0]) * t, "float"),
    (lambda t: np.asarray(t) * 2.0, "np.asarray"),
    (lambda t: np.add.accumulate(t), "add.accumulate"),
    (lambda t: np.sum(t, where=t > 0), "where"),
])
def test_operations_that_cannot_be_traced_are_named(f, named):
    with pytest.raises(TypeError, match=named.replace(".", r"\.")):
        jacobian_sparsity(f, np.ones(3))


def test_bad_input():
    with pytest.raises(ValueError, match="scalar f"):
        hessian_sparsity(lambda t: t ** 2, np.ones(3))
    with pytest.raises(TypeError, match="None"):
        jacobian_sparsity(lambda t: None, np.ones(3))
    with pytest.raises(TypeError):
        jacobian_sparsity(np.sin, "abc")
    with pytest.raises(TypeError):
        jacobian_sparsity(3.0, np.ones(3))


def test_a_constant_result_has_no_pattern():
    got = jacobian_sparsity(lambda t: np.ones(2), np.ones(3))
    assert got.shape == (2, 3) and got.nnz == 0


def test_large_rosenbrock_is_fast_enough_to_use():
    """10⁶ inputs: the tridiagonal pattern, found in one traced evaluation."""
    n = 10 ** 6
    got = hessian_sparsity(rosen, np.ones(n))
    assert got.shape == (n, n) and got.nnz == 3 * n - 2
    assert got[0, 1] and got[n - 1, n - 2] and not got[0, 2]


def test_shapes_args_and_top_level_names():
    """x of any shape (columns in C order), f's extra arguments, and dn's own names."""
    x = RNG.uniform(0.5, 1.0, (3, 2))
    got = dn.jacobian_sparsity(lambda t, w: np.sum(t * w, axis=0), x, args=(2.0,))
    want = np.zeros((2, 6), bool)
    want[0, [0, 2, 4]] = want[1, [1, 3, 5]] = True
    np.testing.assert_array_equal(got.toarray(), want)
    assert dn.hessian_sparsity(lambda t: t ** 3, 1.5).toarray().tolist() == [[True]]
    assert dn.sparse.jacobian_sparsity is jacobian_sparsity


def test_python_branches_follow_the_values_at_x():
    """A Python ``if`` on a traced value sees f's values at x: the pattern is that of the
    branch taken there."""
    def f(t):
        return t * 2.0 if t[0] > 0.0 else t[::-1] * 2.0
    np.testing.assert_array_equal(jacobian_sparsity(f, np.ones(3)).toarray(),
                                  np.eye(3, dtype=bool))
    np.testing.assert_array_equal(jacobian_sparsity(f, -np.ones(3)).toarray(),
                                  np.eye(3, dtype=bool)[::-1])


def test_a_scipy_sparse_matrix_times_a_traced_array_is_refused():
    with pytest.raises(TypeError, match="converted to a plain one.*scipy.sparse"):
        jacobian_sparsity(lambda t: sp.csr_array(A_BANDED) @ t, np.ones(6))


@pytest.mark.parametrize("copies", [127, 128, 256, 1000])
def test_a_dependence_reached_many_times_is_kept(copies):
    """Sums, products with constants and joins that reach one input through many elements
    (a count that would wrap a narrow integer to 0)."""
    x = np.ones(3)
    ones = np.ones(copies)
    for f in (lambda t: np.sum(t[0] * ones),
              lambda t: np.ones((1, copies)) @ (t[0] * ones),
              lambda t: np.mean(np.concatenate([t[:1]] * copies))):
        got = jacobian_sparsity(f, x).toarray()
        np.testing.assert_array_equal(got, [[True, False, False]])


def test_ufunc_reduce_takes_its_own_default_axis():
    """np.add.reduce sums along axis 0 (np.sum along all axes), as on floats."""
    x = np.ones((2, 3))
    got = jacobian_sparsity(lambda t: np.add.reduce(t), x).toarray()
    np.testing.assert_array_equal(got, np.tile(np.eye(3, dtype=bool), 2))
    np.testing.assert_array_equal(jacobian_sparsity(lambda t: np.multiply.reduce(t, axis=None),
                                                    x).toarray(), np.ones((1, 6), bool))


MASKED = {
    "comparison times t": lambda t: t * (t > 0) + 0.1 * t[::-1],
    "where of constants times t": lambda t: np.where(t > 0, 1.0, 0.0) * t,
    "cast mask in a matrix": lambda t: ((t[:, None] > 0) * np.triu(np.ones((4, 4)))) @ t,
    "boolean index": lambda t: np.concatenate([t[t > 0] * 2.0, t[:1]])[:1],
    "indices from the values": lambda t: np.take(t, np.argsort(t > 0)),
    "where of an index": lambda t: t[np.where(t > 0)][:1] ** 2,
    "count of a mask": lambda t: np.sum(t > 0) * t,
    "method sum of a mask": lambda t: (t > 0).sum() * t,
    "any of a mask": lambda t: (t > 0).any() * t,
    "mean of a mask": lambda t: np.mean(t > 0) * t,
    "element of a mask": lambda t: (t > 0)[0] * t,
    "0-d mask times a number": lambda t: (t[0] > 0) * 1.0 * t,
    "nonzero method": lambda t: t[(t > 0).nonzero()][:1] * t[1],
    "argmax of a mask": lambda t: t[(t > 0).argmax()] * t,
    "flatnonzero": lambda t: t[np.flatnonzero(t > 0)][:1] * t[2],
}


@pytest.mark.parametrize("name", sorted(MASKED))
def test_masks_computed_from_x_keep_the_dependence(name):
    """A comparison of traced values is 0 at x but not for every x: its zeros are not
    structural, and an index made of it may pick any element. The pattern found at one point
    holds every nonzero of the dense Jacobian at points where the mask differs."""
    f = MASKED[name]
    x0 = np.array([-1.0, 2.0, -3.0, 4.0])
    found = jacobian_sparsity(f, x0).toarray()
    for x in (x0, -x0, np.abs(x0), -np.abs(x0) + 0.5, x0[::-1]):
        dense = dn.jacobian(f, x)
        if dense.shape != found.shape:  # a boolean index picks another number of elements
            continue
        assert not np.any((dense != 0) & ~found), (name, x)
    hessian = hessian_sparsity(lambda t: np.sum(f(t) ** 2), x0).toarray()
    for x in (x0, -x0):
        dense = dn.hessian(lambda t: np.sum(f(t) ** 2), x)
        assert not np.any((dense != 0) & ~hessian), (name, x)


def test_a_reused_colouring_of_a_masked_function_stays_right():
    f = MASKED["comparison times t"]
    x0 = np.array([-1.0, 2.0, -3.0, 4.0])
    found = dn.colour(jacobian_sparsity(f, x0))
    np.testing.assert_array_equal(dn.jacobian(f, -x0, sparsity=found).toarray(),
                                  dn.jacobian(f, -x0))


def test_methods_and_operators_of_traced_arrays():
    x = np.array([1.5, -2.5, 3.5])
    found = jacobian_sparsity(lambda t: t // 2.0 + t % 3.0 + t.max() * t.min() + 0 * t, x)
    assert found.toarray().all()  # max and min reach every element
    np.testing.assert_array_equal(jacobian_sparsity(lambda t: t.astype(np.float64) * 2, x)
                                  .toarray(), np.eye(3, dtype=bool))
    with pytest.raises(TypeError, match="astype.*float"):
        jacobian_sparsity(lambda t: t.astype(int), x)
    with pytest.raises(TypeError, match="item assignment.*np.where"):
        jacobian_sparsity(lambda t: t.__setitem__(0, 1.0), x)
    with pytest.raises(TypeError, match="list holding traced values"):
        jacobian_sparsity(lambda t: np.array([t[0], t[1]]), x)


def test_constants_of_f_are_taken_at_their_values():
    """The README's caution: a coefficient of f that is 0 at detection (here the time of an
    ODE's right-hand side) leaves no dependence; at a generic value it does."""
    def rhs(y, t):
        return np.sin(t) * y[::-1] + y
    y = np.ones(4)
    np.testing.assert_array_equal(jacobian_sparsity(rhs, y, args=(0.0,)).toarray(),
                                  np.eye(4, dtype=bool))
    np.testing.assert_array_equal(jacobian_sparsity(rhs, y, args=(1.0,)).toarray(),
                                  np.eye(4, dtype=bool) | np.eye(4, dtype=bool)[::-1])


def test_a_given_pattern_is_left_as_it_was():
    """Colouring a pattern with stored zeros drops them from its copy, not the caller's."""
    pattern = sp.csr_array(np.array([[1.0, 0.0], [1.0, 1.0]]))
    pattern.data[0] = 0.0  # a stored zero
    found = dn.colour(pattern)
    assert pattern.nnz == 3 and found.pattern.nnz == 2
    pattern.data[:] = 1.0
    assert found.pattern.nnz == 2
