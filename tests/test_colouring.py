"""Colourings of sparsity patterns (dualnum.sparse.colour): valid (no two columns of one
colour share a nonzero row, checked independently of the colouring code by the product of
the pattern and each group's indicator), and their colour counts against the known optimum
of banded patterns (lower bandwidth l, upper u: l + u + 1) and of arrow patterns (a dense
row: every column its own colour)."""
import numpy as np
import pytest
import scipy.sparse as sp

import dualnum as dn
from dualnum.sparse import colour, is_valid


def banded(n, lower, upper):
    return sp.csr_array(sum(sp.eye_array(n, k=k, dtype=bool) for k in range(-lower, upper + 1)))


def independent_check(pattern, found):
    dense = sp.csr_array(pattern).toarray() != 0
    for group in found.groups:
        assert np.all(dense[:, group].sum(axis=1) <= 1)
    assert sorted(np.concatenate(found.groups).tolist()) == list(range(dense.shape[1]))


@pytest.mark.parametrize("n, lower, upper", [(1, 0, 0), (10, 0, 0), (10, 1, 1), (50, 2, 1),
                                             (200, 3, 3), (1000, 1, 1)])
def test_banded_patterns_take_the_optimum(n, lower, upper):
    pattern = banded(n, lower, upper)
    found = colour(pattern)
    assert is_valid(found)
    independent_check(pattern, found)
    assert found.count == min(n, lower + upper + 1)


def test_arrow_pattern_needs_a_colour_per_column():
    n = 12
    arrow = np.eye(n, dtype=bool)
    arrow[0, :] = arrow[:, 0] = True
    found = colour(arrow)
    assert is_valid(found) and found.count == n


@pytest.mark.parametrize("seed", range(5))
def test_random_patterns_are_coloured_validly(seed):
    rng = np.random.default_rng(seed)
    pattern = sp.random_array((40, 30), density=0.08, rng=rng, format="csr") != 0
    found = colour(pattern)
    assert is_valid(found)
    independent_check(pattern, found)
    seeds = found.seeds()
    assert seeds.shape == (30, found.count)
    np.testing.assert_array_equal(seeds.sum(axis=1), 1.0)


def test_an_invalid_colouring_is_detected():
    found = colour(banded(5, 1, 1))
    found.colours[:] = 0
    assert not dn.sparse.is_valid(found)


def test_detected_patterns_are_coloured():
    """The pattern of a tridiagonal residual, detected, takes 3 colours."""
    def residual(t):
        return np.concatenate([t[:1], t[:-2] - 2.0 * t[1:-1] + t[2:] ** 2, t[-1:]])
    found = dn.colour(dn.jacobian_sparsity(residual, np.ones(100)))
    assert found.count == 3 and is_valid(found)


def test_bad_input():
    for bad in (None, [1, 2], np.ones(3), "pattern"):
        with pytest.raises(TypeError, match="sparsity pattern"):
            colour(bad)


def test_large_banded_pattern():
    found = colour(banded(10 ** 5, 1, 1))
    assert found.count == 3 and is_valid(found)
