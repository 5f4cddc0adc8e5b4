"""Functions that move values (dualnum.arrays.moving, sorting, building) and those of integer
or boolean results (queries) on dual arrays with directions, at ties and at refusals.

References: NumPy on object arrays of scalar duals, one direction (pair) at a time; the
definitions of sort and unique at ties (README, Conventions); NumPy on the real parts.
Every keyword of every function is walked against NumPy in tests/test_arrays_registry.py.
"""
import numpy as np
import numpy.lib.recfunctions as recfunctions
import pytest

import dualnum as dn
from arrays_support import KINDS, NAMES, SUMS, assert_duals, objects, sample, seeded

WINDOWS = np.lib.stride_tricks.sliding_window_view
ORDER = np.argsort(np.sin(np.arange(24.0)).reshape(2, 3, 4), axis=-1)
CALLS = {  # name -> a call on a (2, 3, 4) array
    "flip": lambda a: np.flip(a, -1), "roll": lambda a: np.roll(a, 2, axis=-2),
    "rot90": lambda a: np.rot90(a, axes=(2, 1)), "rollaxis": lambda a: np.rollaxis(a, -1),
    "tile": lambda a: np.tile(a, (2, 1, 1)), "repeat": lambda a: np.repeat(a, [1, 0, 2], -2),
    "take": lambda a: np.take(a, [3, 0], axis=-1), "diagonal": lambda a: np.diagonal(a, 1, -1, -2),
    "take_along_axis": lambda a: np.take_along_axis(a, ORDER, -1),
    "tril": lambda a: np.tril(a, -1), "triu": lambda a: np.triu(a, 1),
    "split": lambda a: np.split(a, [1, 3], axis=-1), "unstack": lambda a: np.unstack(a, axis=-1),
    "resize": lambda a: np.resize(a, (5, 7)), "delete": lambda a: np.delete(a, [0, 2], -1),
    "insert": lambda a: np.insert(a, 1, 0.5, axis=-1), "windows": lambda a: WINDOWS(a, 2, -1),
    "compress": lambda a: np.compress([True, False, True], a, axis=-2),
    "sort": lambda a: np.sort(a, axis=-2), "sort flat": lambda a: np.sort(a, axis=None),
    "partition": lambda a: np.partition(a, 1, axis=-1),
    "unique": lambda a: np.unique(a),
    "pad edge": lambda a: np.pad(a, ((0, 1), (2, 0), (1, 1)), "edge"),
    "pad constant": lambda a: np.pad(a, 1, constant_values=0.5),
    "pad odd": lambda a: np.pad(a, 2, "symmetric", reflect_type="odd"),
    "pad wrap": lambda a: np.pad(a, (1, 2), "wrap"),
    "pad mean": lambda a: np.pad(a, 1, "mean", stat_length=2),
    "vander": lambda a: np.vander(a[0, 0], 3, increasing=True),
    "apply_along_axis": lambda a: np.apply_along_axis(np.cumsum, -1, a),
}


def one_direction(x, j, m=0):
    """The plain array of x's direction j (and m of eps2, for hyper-duals)."""
    T = type(x)
    parts = [getattr(x, n) for n in NAMES[T]]
    if T is dn.DualArray:
        return T(parts[0], parts[1][..., j])
    return T(parts[0], parts[1][..., j], parts[2][..., m], parts[3][..., j, m])


def assert_direction(got, x, call, j, m):
    """Direction (j, m) of got is the call on objects of x's direction (j, m)."""
    if isinstance(got, (list, tuple)):
        for i, g in enumerate(got):
            assert_direction(g, x, lambda a: call(a)[i], j, m)
        return
    want = call(objects(one_direction(x, j, m)))
    assert_duals(one_direction(got, j, m), want, type(x))


@pytest.mark.parametrize("name", list(CALLS))
@pytest.mark.parametrize("T", KINDS)
def test_directions_move_with_their_values(T, name):
    """Each direction (pair) of the result is the function of that direction's plain array,
    by NumPy on object arrays: the trailing direction axes never count as axes."""
    rng = np.random.default_rng(3)
    x = seeded(T, rng.permutation(24) * 0.25 - 2.0, True, rng).reshape(2, 3, 4)
    got = CALLS[name](x)
    for j, m in [(0, 0), (2, 1)] if T is dn.HyperDualArray else [(0, 0), (2, 0)]:
        assert_direction(got, x, CALLS[name], j, m)


def tied(T):
    """[1, 1, 0, 1] with distinct perturbations: three tied elements."""
    return sample(T, (4,)) * 0.0 + np.array([1.0, 1.0, 0.0, 1.0]) + \
        (sample(T, (4,)) - sample(T, (4,)).real)


@pytest.mark.parametrize("T", KINDS)
def test_sort_at_ties_shares_the_mean_and_has_no_second_derivative(T):
    """README: tied elements (a kink of the order statistics) share the mean of their first
    derivatives; their second-order part is NaN where perturbations of the tie meet; as
    max and min reduce."""
    x = tied(T)
    got = np.sort(x)
    parts = [np.asarray(getattr(x, n)) for n in NAMES[T]]
    np.testing.assert_array_equal(got.real, [0.0, 1.0, 1.0, 1.0])
    for n, p in zip(NAMES[T][1:], parts[1:]):
        mean = p[[0, 1, 3]].mean()
        want = [p[2], mean, mean, mean]
        if n == "eps1eps2":
            want = [p[2], np.nan, np.nan, np.nan]
        np.testing.assert_allclose(getattr(got, n), want, rtol=1e-15)
    for n in NAMES[T]:  # the means of max, summed in another order
        np.testing.assert_allclose(getattr(got[-1], n), getattr(np.max(x), n), rtol=SUMS)
        np.testing.assert_array_equal(getattr(got[0], n), getattr(np.min(x), n))
    moved = np.partition(x, 1)
    for n in NAMES[T]:  # partition: the same shares, in its own arrangement
        np.testing.assert_array_equal(np.sort(getattr(moved, n)), np.sort(getattr(got, n)))


@pytest.mark.parametrize("T", KINDS)
def test_a_unique_value_takes_the_mean_of_its_elements(T):
    x = tied(T)
    values, counts = np.unique(x, return_counts=True)
    np.testing.assert_array_equal(counts, [1, 3])
    first = NAMES[T][1]
    np.testing.assert_allclose(getattr(values, first),
                               [getattr(x, first)[2], getattr(x, first)[[0, 1, 3]].mean()],
                               rtol=1e-15)
    np.testing.assert_array_equal(getattr(np.union1d(x, [5.0]), first)[:2],
                                  getattr(values, first))


@pytest.mark.parametrize("T", KINDS)
def test_without_ties_sorting_moves_the_parts_exactly(T):
    rng = np.random.default_rng(5)
    x = seeded(T, rng.permutation(12) * 1.0, False, rng).reshape(3, 4)
    order = np.argsort(x.real, axis=0)
    got = np.sort(x, axis=0)
    for n in NAMES[T]:
        part = np.asarray(getattr(x, n))
        index = order.reshape(order.shape + (1,) * (part.ndim - 2))
        np.testing.assert_array_equal(getattr(got, n), np.take_along_axis(part, index, 0))


@pytest.mark.parametrize("T", KINDS)
def test_put_along_axis_writes_every_part_in_place(T):
    a, values = sample(T, (2, 3)), sample(T, (2, 1), start=5.0)
    obj = objects(a)
    assert np.put_along_axis(a, np.array([[2], [0]]), values, 1) is None
    np.put_along_axis(obj, np.array([[2], [0]]), objects(values), 1)
    assert_duals(a, obj, T)


@pytest.mark.parametrize("T", KINDS)
def test_weighted_counts_count_each_part(T):
    rng = np.random.default_rng(2)
    w = seeded(T, rng.uniform(size=6), True, rng)
    bins = np.array([0, 3, 3, 1, 0, 3])
    got = np.bincount(bins, w, minlength=5)
    hist, _ = np.histogram(np.array([0.1, 0.9, 0.95, 0.4, 0.2, 1.0]), 4, (0.0, 1.0), weights=w)
    for n in NAMES[T]:
        part = np.asarray(getattr(w, n))
        want = np.stack([part[bins == i].sum(axis=0) for i in range(5)])
        np.testing.assert_allclose(getattr(got, n), want, rtol=1e-15)
        np.testing.assert_allclose(getattr(hist, n), want[:4], rtol=1e-15)


@pytest.mark.parametrize("T", KINDS)
def test_piecewise_evaluates_each_function_on_its_elements(T):
    x = sample(T, (2, 3), start=-1.0, step=0.4)
    got = np.piecewise(x, [x.real < 0.0, x.real > 0.5], [np.sin, lambda v: v ** 3, 2.0])
    want = np.where(x.real < 0.0, np.sin(x), np.where(x.real > 0.5, x ** 3, 2.0 + 0.0 * x))
    assert_duals(got, objects(want), T)


@pytest.mark.parametrize("T", KINDS)
def test_results_of_the_real_parts_are_plain(T):
    x = sample(T, (2, 3))
    assert np.array_equal(np.argsort(x, axis=0), np.argsort(x.real, axis=0))
    assert np.isclose(x, x.real + 1e-12).all() and np.allclose(x, x.real)
    assert np.count_nonzero(x - x.real[0, 0]) == 5
    assert np.shares_memory(x, x.real) and not np.shares_memory(x, x.copy())
    with pytest.raises(TypeError, match="out= takes an ndarray"):
        np.all(x, axis=0, out=sample(T, (3,)))
    assert np.array2string(x, precision=1).startswith("real=[[0.3 0.7 1. ]")


@pytest.mark.parametrize("call, name", [
    (lambda x: np.pad(x, 1, "maximum"), "order statistics"),
    (lambda x: np.pad(x, 1, lambda *a: None), "pads in place"),
    (lambda x: np.pad(x, 1, constant_values=x[0]), "constant_values= a dual"),
    (lambda x: np.meshgrid(x, copy=False), "copy=False"),
    (lambda x: np.histogram(x), "edges would move"),
    (lambda x: np.histogram([0.5, 0.2, 0.1], weights=x, density=True), "not linear"),
    (lambda x: np.put_along_axis(np.zeros(3), np.array([0]), x, 0), "put_along_axis"),
    (lambda x: np.save("x.npy", x), "files and buffers"),
    (lambda x: np.is_busday(x), "dates"), (lambda x: np.packbits(x), "bits"),
    (lambda x: np.histogramdd(x), "count the real parts"),
    (lambda x: recfunctions.structured_to_unstructured(x), "structured arrays"),
    # dual edges and probabilities of a constant sample or a dual one (a RecursionError
    # before: NumPy's function, called on the real parts, came back with the dual argument)
    (lambda x: np.histogram(np.array([0.4, 0.8]), x), "dual bins= or range=: the counts "
                                                      "are a step function of the edges"),
    (lambda x: np.histogram(x, x), "dual bins="),
    (lambda x: np.histogram(x.real, 3, (x[0], 2.0), weights=x), "dual bins= or range="),
    (lambda x: np.histogram_bin_edges(np.array([0.4, 0.8]), x), "dual bins="),
    (lambda x: np.histogram2d(x.real, x.real, bins=x), "count the real parts"),
    (lambda x: np.quantile(np.array([0.4, 0.8]), x * 0.5), "numpy.quantile .* a dual q: "
                                                            "the probabilities are constants"),
    (lambda x: np.quantile(x, x[1] * 0.5), "dual q"),
    (lambda x: np.percentile(np.array([0.4, 0.8]), x * 50.0), "numpy.percentile .* dual q"),
    (lambda x: np.nanquantile(x, x * 0.5), "numpy.nanquantile .* dual q"),
    (lambda x: np.nanpercentile(x.real, x * 50.0), "numpy.nanpercentile .* dual q")])
@pytest.mark.parametrize("T", KINDS)
def test_refusals_say_why(T, call, name):
    with pytest.raises(TypeError, match=name):
        call(sample(T, (3,)))


@pytest.mark.parametrize("T", KINDS)
def test_ix_gives_the_open_mesh_of_dual_arrays(T):
    """np.ix_ of a dual array is a dual array with its parts (by NumPy on object arrays);
    with directions each direction of the mesh is the mesh of that direction; a boolean
    argument gives NumPy's integer indices. (Before: plain float arrays, no derivatives.)"""
    x, mask = sample(T, (3,)), np.array([True, False, True, True])
    got = np.ix_(x, mask, sample(T, (2,), start=-1.0))
    want = np.ix_(objects(x), mask, objects(sample(T, (2,), start=-1.0)))
    assert_duals(got[0], want[0], T)
    assert_duals(got[2], want[2], T)
    np.testing.assert_array_equal(got[1], [[[0], [2], [3]]])
    assert got[1].dtype.kind == "i"
    rng = np.random.default_rng(5)
    d = seeded(T, np.array([0.5, -1.0, 2.0]), True, rng)
    for j, m in [(0, 0), (2, 1)] if T is dn.HyperDualArray else [(0, 0), (2, 0)]:
        assert_direction(np.ix_(d, d), d, lambda a: np.ix_(a, a), j, m)
    with pytest.raises(ValueError, match="1 dimensional"):
        np.ix_(sample(T, (2, 2)))


def test_ix_carries_first_and_second_derivatives():
    """sum(X * Y) over the open mesh of p with itself is (p0 + p1)^2: gradient 2 (p0 + p1),
    Hessian 2 everywhere (the review's example gave 0)."""
    def f(p):
        X, Y = np.ix_(p, p)
        return np.sum(X * Y)
    np.testing.assert_array_equal(dn.gradient(f, [1.0, 2.0]), [6.0, 6.0])
    np.testing.assert_array_equal(dn.hessian(f, [1.0, 2.0]), np.full((2, 2), 2.0))
