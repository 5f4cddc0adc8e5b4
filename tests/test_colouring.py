"""Colourings of sparsity patterns (dualnum.sparse.colour): valid (no two columns of one
colour share a nonzero row, checked independently of the colouring code by the product of
the pattern and each group's indicator), and their colour counts against the known optimum
of banded patterns (lower bandwidth l, upper u: l + u + 1) and of arrow patterns (a dense
row: every column its own colour). Star colourings (kind="star") against their definition,
checked by brute force: every path on four vertices takes at least three colours."""
import numpy as np
import pytest
import scipy.sparse as sp

import dualnum as dn
from dualnum.sparse import Colouring, colour, is_valid


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
    found = Colouring(banded(5, 1, 1), np.zeros(5, dtype=int), check=False)
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


def two_coloured_path(pattern, colours):
    """A path a - b - c - d of off-diagonal nonzeros with two colours, or None (the
    definition of a star colouring, checked by brute force)."""
    dense = sp.csr_array(pattern).toarray() != 0
    np.fill_diagonal(dense, False)
    near = [np.flatnonzero(row) for row in dense]
    for a in range(len(near)):
        for b in near[a]:
            for c in near[b]:
                for d in near[c]:
                    if len({a, b, c, d}) == 4 and len({colours[v] for v in (a, b, c, d)}) == 2:
                        return a, b, c, d
    return None


# ---- star colouring ----

@pytest.mark.parametrize("seed", range(40))
def test_star_colourings_of_random_patterns_meet_the_definition(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(4, 40))
    upper = sp.random_array((n, n), density=rng.uniform(0.03, 0.3), rng=rng) != 0
    pattern = (upper + upper.T + sp.eye_array(n, dtype=bool)) != 0
    found = colour(pattern, kind="star")
    dense = pattern.toarray()
    i, j = np.nonzero(dense & ~np.eye(n, dtype=bool))
    assert np.all(found.colours[i] != found.colours[j])  # distance 1
    assert two_coloured_path(pattern, found.colours) is None
    assert is_valid(found) and found.kind == "star"
    assert found.count <= colour(pattern).count  # never more than the column colouring


def test_star_colouring_counts_against_the_optimum():
    """A path of four or more vertices needs three colours in a star colouring (two would
    colour it alternately); an arrow pattern (a dense row and column) needs two, where a
    column colouring needs one per column."""
    for n in (4, 10, 1000, 10 ** 5):
        assert colour(banded(n, 1, 1), kind="star").count == 3
    n = 50
    arrow = np.eye(n, dtype=bool)
    arrow[0] = arrow[:, 0] = True
    assert colour(arrow, kind="star").count == 2 and colour(arrow).count == n
    found = colour(banded(10 ** 5, 1, 1), kind="star")
    assert is_valid(found)
    # a banded pattern of half-bandwidth p contains cliques of p + 1 columns
    for p in (2, 3):
        found = colour(banded(300, p, p), kind="star")
        assert p + 1 <= found.count <= 2 * p + 1 and is_valid(found)


def test_invalid_star_colourings_are_detected():
    pattern = banded(6, 1, 1)
    # distance-1 valid, but a two-coloured path; then neighbours of one colour
    for colours in ([0, 1, 0, 1, 0, 1], [0, 0, 1, 2, 0, 1]):
        assert not is_valid(Colouring(pattern, colours, "star", check=False))
        with pytest.raises(ValueError, match="not a star colouring"):
            Colouring(pattern, colours, "star")
    assert is_valid(Colouring(pattern, [0, 1, 2, 0, 1, 2], "star"))


def test_colourings_made_by_hand_are_checked():
    pattern = np.array([[1, 1, 0], [0, 1, 1]])
    with pytest.raises(ValueError, match="share a row"):
        Colouring(pattern, [0, 0, 0])
    for bad in ([-1, 0, 1], [0, 1], [0.5, 1.0, 2.0], "abc"):
        with pytest.raises(ValueError, match="integer colour, 0 or more"):
            Colouring(pattern, bad)
    with pytest.raises(ValueError, match="'column'.*'star'"):
        Colouring(pattern, [0, 1, 0], kind="acyclic")
    with pytest.raises(ValueError, match="symmetric"):
        Colouring(pattern, [0, 1, 2], kind="star")
    with pytest.raises(ValueError, match="not symmetric"):
        Colouring(np.triu(np.ones((3, 3))), [0, 1, 2], kind="star")
    found = Colouring(pattern, [0, 1, 0])
    assert found.count == 2 and not found.colours.flags.writeable
    np.testing.assert_array_equal(dn.jacobian(lambda t: t[1:] * t[:-1], [1.0, 2.0, 3.0],
                                              sparsity=found).toarray(), [[2, 1, 0], [0, 3, 2]])


def test_bad_colouring_requests():
    with pytest.raises(ValueError, match="'column'.*'star'"):
        colour(np.eye(3), kind="acyclic")
    with pytest.raises(ValueError, match="symmetric"):
        colour(np.ones((2, 3)), kind="star")
    with pytest.raises(ValueError, match="not symmetric"):
        colour(np.triu(np.ones((3, 3))), kind="star")
