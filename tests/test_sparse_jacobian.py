"""Sparse Jacobians (dn.jacobian(f, x, sparsity=...)): equal to dualnum's dense Jacobian
(itself tested against closed forms and finite differences) at random points, entry for
entry, for detected, given and reused colourings; errors for patterns that do not fit."""
import numpy as np
import pytest
import scipy.sparse as sp

import dualnum as dn
from test_sparsity_detection import VECTOR, banded_residual

RNG = np.random.default_rng(5)


@pytest.mark.parametrize("name", sorted(VECTOR))
def test_sparse_equals_dense(name):
    f = VECTOR[name]
    x = RNG.uniform(0.2, 1.5, 6)
    got = dn.jacobian(f, x, sparsity="auto")
    assert isinstance(got, sp.csr_array)
    dense = dn.jacobian(f, x)
    np.testing.assert_array_equal(got.toarray(), dense.reshape(got.shape))


def test_a_colouring_is_reused_across_points():
    x0 = np.linspace(0.1, 1.0, 2000)
    found = dn.colour(dn.jacobian_sparsity(banded_residual, x0))
    assert found.count == 3
    for _ in range(3):
        x = RNG.uniform(0.2, 1.5, x0.size)
        got = dn.jacobian(banded_residual, x, sparsity=found)
        np.testing.assert_array_equal(got.toarray(), dn.jacobian(banded_residual, x))
        assert got.nnz == found.pattern.nnz  # every entry of the pattern, zeros too


def test_a_given_pattern_and_shapes():
    """A NumPy pattern; x and f's result of several axes, flattened in C order."""
    x = RNG.uniform(0.5, 1.0, (2, 3))

    def f(t):
        return np.sin(t) * t[:, :1]
    pattern = dn.jacobian_sparsity(f, x).toarray()
    got = dn.jacobian(f, x, sparsity=pattern)
    np.testing.assert_array_equal(got.toarray(), dn.jacobian(f, x).reshape(6, 6))
    # a factor 0 leaves no dependence: an empty pattern, no colour, f evaluated all the same
    constant = dn.jacobian(lambda t: np.ones(2) + 0.0 * t.ravel()[:2], x, sparsity="auto")
    assert constant.shape == (2, 6) and constant.nnz == 0


def test_patterns_that_do_not_fit_are_refused():
    x = np.ones(4)
    with pytest.raises(ValueError, match="4 elements"):
        dn.jacobian(np.sin, x, sparsity=np.eye(3))
    with pytest.raises(ValueError, match="returns 4 values"):
        dn.jacobian(np.sin, x, sparsity=np.ones((2, 4)))
    with pytest.raises(ValueError, match="'auto'"):
        dn.jacobian(np.sin, x, sparsity="dense")
    with pytest.raises(TypeError, match="sparsity pattern"):
        dn.jacobian(np.sin, x, sparsity=3)
