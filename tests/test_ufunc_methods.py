"""The ufunc methods on dual arrays (dualnum.arrays.ufunc_methods and _registry): outer for
every binary ufunc that dual arrays take, add.at and subtract.at (scatter-adds, repeated
indices included), add.reduceat, and the refusals of the other methods.

References: the scalar duals' own ufuncs element by element (outer), NumPy's method on
object arrays of scalar duals (at, reduceat), and for directions each direction (pair) on
its own.
"""
import numpy as np
import pytest

import dualnum as dn
from arrays_support import KINDS, NAMES, SCALAR, SUMS, assert_duals, objects, sample, seeded
from dualnum.arrays import _registry


def _binary_ufuncs():
    _registry.ufunc_call(np.sin)  # moves the scipy.special ufuncs into the table
    return sorted((u for u in _registry.UFUNCS if u.nin == 2 and u.signature is None),
                  key=lambda u: u.__name__)


def _second(ufunc, T):
    """The second operand of ufunc.outer: integers for ldexp, else a (3,) dual array."""
    if ufunc is np.ldexp:
        return np.array([1, -2, 0])
    return sample(T, (3,), start=0.35, step=0.21)


def by_elements(ufunc, oa, ob):
    """The results of ufunc on every pair of elements of the object arrays oa (2-D) and ob
    (1-D) by the scalar duals' own ufuncs: a tuple of object arrays, one per output."""
    with np.errstate(all="ignore"):
        pairs = {(i, j, k): ufunc(oa[i, j], ob[k]) for i, j, k in np.ndindex(oa.shape + ob.shape)}
    outs = tuple(np.empty(oa.shape + ob.shape, dtype=object) for _ in range(ufunc.nout))
    for index, pair in pairs.items():
        for out, value in zip(outs, pair if ufunc.nout > 1 else (pair,)):
            out[index] = value
    return outs


def assert_outputs(got, want, T):
    """The outputs of a ufunc (a tuple for divmod) against by_elements: booleans exactly,
    duals to SUMS (the array kernels of arctan2, logaddexp2 round apart from the
    scalars')."""
    for result, expected in zip(got if isinstance(got, tuple) else (got,), want):
        if isinstance(result, np.ndarray):
            np.testing.assert_array_equal(result, expected.astype(result.dtype))
        else:
            assert_duals(result, expected, T, rtol=SUMS)


@pytest.mark.parametrize("ufunc", _binary_ufuncs(), ids=lambda u: u.__name__)
@pytest.mark.parametrize("T", KINDS)
def test_outer_is_the_ufunc_of_every_pair(T, ufunc):
    """ufunc.outer(a, b)[i, j, k] = ufunc(a[i, j], b[k]) by the scalar duals' own ufuncs,
    and NumPy's definition ufunc(a[:, :, None], b) to the bit; an ndarray first."""
    a, b = sample(T, (2, 2), start=0.3, step=0.17), _second(ufunc, T)
    with np.errstate(all="ignore"):
        got, call = ufunc.outer(a, b), ufunc(a[:, :, None], b)
    assert_outputs(got, by_elements(ufunc, objects(a), objects(b)), T)
    for result, by_call in zip(*[r if isinstance(r, tuple) else (r,) for r in (got, call)]):
        for n in NAMES[T] if not isinstance(result, np.ndarray) else ("real",):
            np.testing.assert_array_equal(getattr(result, n), getattr(by_call, n))
    if ufunc is not np.ldexp:
        with np.errstate(all="ignore"):
            plain = ufunc.outer(a.real, b)
        assert_outputs(plain, by_elements(ufunc, objects(T(a.real)), objects(b)), T)


def one_direction(x, j, m):
    """The plain array of x's direction j (and m of eps2, for hyper-duals)."""
    parts = [np.asarray(getattr(x, n)) for n in NAMES[type(x)]]
    if type(x) is dn.DualArray:
        return dn.DualArray(parts[0], parts[1][..., j])
    return dn.HyperDualArray(parts[0], parts[1][..., j], parts[2][..., m],
                             parts[3][..., j, m])


@pytest.mark.parametrize("T", KINDS)
def test_outer_with_directions_and_keywords(T):
    """Each direction of multiply.outer with directions is the outer of that direction's
    plain array (by NumPy on object arrays); out= as for the ufunc's call; NumPy's errors
    for a unary ufunc and for a gufunc."""
    x = sample(T, (3,))
    d = seeded(T, np.array([0.5, -1.0, 2.0]), True, np.random.default_rng(7))
    got = np.multiply.outer(d, x.real)
    for j, m in [(0, 0), (2, 1)]:
        want = np.multiply.outer(objects(one_direction(d, j, m)), x.real.astype(object))
        assert_duals(one_direction(got, j, m), want, T)
    out = dn.zeros((3, 3), like=x)
    np.add.outer(x, x, out=out)
    assert_duals(out, np.add.outer(objects(x), objects(x)), T)
    with pytest.raises(ValueError, match="only supported for binary functions"):
        np.sin.outer(x, x)
    with pytest.raises(TypeError, match="non-trivial signature"):
        np.matmul.outer(x, x)


def test_scalar_duals_in_outer():
    t = dn.Dual(0.5, 1.0)
    got = np.subtract.outer(t, np.array([1.0, 2.0]))
    assert type(got) is dn.DualArray and got.real.tolist() == [-0.5, -1.5]
    assert got.dual.tolist() == [1.0, 1.0]


@pytest.mark.parametrize("ufunc", [np.add, np.subtract])
@pytest.mark.parametrize("T", KINDS)
def test_at_scatters_each_part_with_repeats(T, ufunc):
    """add.at / subtract.at against NumPy on object arrays of scalar duals: repeated
    indices apply in turn; values dual, scalar dual, float; indices 1-D, 2-D, tuples."""
    for shape, indices, values in [
            ((4,), [0, 2, 0, 0], sample(T, (4,), start=-0.5)),
            ((4,), np.array([[1, 1], [3, 1]]), sample(T, (2, 2))),
            ((3, 2), ([0, 2, 0], [1, 1, 1]), sample(T, (3,), start=1.5)),
            ((3, 2), [2, 2], sample(T, (2,))[0]),
            ((3, 2), (slice(None), 0), np.array([0.5, 1.0, -2.0])),
            ((4,), [3], 2.5)]:
        a = sample(T, shape, start=0.1, step=0.9)
        want = objects(a)
        ufunc.at(want, indices, objects(values) if not isinstance(values, float) else values)
        assert ufunc.at(a, indices, values) is None
        assert_duals(a, want, T)


@pytest.mark.parametrize("T", KINDS)
def test_at_into_constants_and_with_directions(T):
    """A constant target (read-only zero parts) takes on the values' parts and tag; with
    directions each direction scatters as the plain arrays; an error (index out of range)
    leaves every part as it was."""
    values = sample(T, (3,))
    target = dn.zeros(4, like=values)
    np.add.at(target, [1, 1, 3], values)
    want = np.zeros(4, dtype=object) + SCALAR[T](0.0)
    np.add.at(want, [1, 1, 3], objects(values))
    assert_duals(target, want, T)
    d = dn.DualArray([1.0, 2.0], np.eye(2), directional=True)
    acc = dn.zeros(3, like=d)
    np.add.at(acc, [0, 0], d)
    np.testing.assert_array_equal(acc.dual, [[1.0, 1.0], [0.0, 0.0], [0.0, 0.0]])
    np.testing.assert_array_equal(acc.real, [3.0, 0.0, 0.0])
    before = [np.array(getattr(target, n)) for n in NAMES[T]]
    with pytest.raises(IndexError):
        np.add.at(target, [0, 9], values[:2])
    for n, p in zip(NAMES[T], before):
        np.testing.assert_array_equal(getattr(target, n), p)


@pytest.mark.parametrize("ufunc", [np.add, np.subtract])
@pytest.mark.parametrize("T", KINDS)
def test_at_with_directions_each_direction_as_the_plain_arrays(T, ufunc):
    """The flat path of a contiguous target with directions, and NumPy's loop over the axes
    of a strided one (a view), against each direction (pair) scattered on its own."""
    rng = np.random.default_rng(3)
    values = seeded(T, rng.uniform(-1.0, 1.0, 6), True, rng).reshape(3, 2)
    indices = ([2, 0, 2], [1, 1, 1])
    targets = (seeded(T, rng.uniform(-1.0, 1.0, 12), True, rng).reshape(4, 3),
               seeded(T, rng.uniform(-1.0, 1.0, 24), True, rng).reshape(4, 6)[:, ::2])
    assert all(p.flags.c_contiguous for p in targets[0]._parts[1:])  # the flat path
    assert not any(p.flags.c_contiguous for p in targets[1]._parts[1:])  # NumPy's loop
    for target in targets:
        before = target.copy()
        ufunc.at(target, indices, values[:, 0])
        for j, m in [(0, 0), (2, 1)]:
            want = objects(one_direction(before, j, m))
            ufunc.at(want, indices, objects(one_direction(values[:, 0], j, m)))
            assert_duals(one_direction(target, j, m), want, T)


def test_gradient_of_an_assembly():
    """The scatter-add of assembly code: K[i] += k_e for elements of two nodes; the sum of
    squares of K has the gradient 2 J^T K (J the 0/1 assembly matrix)."""
    nodes = np.array([[0, 1], [1, 2], [2, 3]])

    def f(k):
        K = dn.zeros(4, like=k)
        np.add.at(K, nodes.ravel(), np.repeat(k, 2))
        return np.sum(K ** 2)
    k = np.array([0.5, -1.0, 2.0])
    J = np.zeros((4, 3))
    for e, (i, j) in enumerate(nodes):
        J[i, e] += 1.0
        J[j, e] += 1.0
    np.testing.assert_allclose(dn.gradient(f, k), 2 * J.T @ (J @ k), rtol=1e-15)


@pytest.mark.parametrize("T", KINDS)
def test_reduceat_sums_each_part(T):
    x = sample(T, (3, 5))
    for indices, axis in [([0, 2, 3], 1), ([1, 0], 0), ([4, 1, 3], -1)]:
        assert_duals(np.add.reduceat(x, indices, axis=axis),
                     np.add.reduceat(objects(x), indices, axis=axis), T, rtol=SUMS)
    out = dn.zeros((3, 2), like=x)
    np.add.reduceat(x, [0, 2], axis=1, out=out)
    assert_duals(out, np.add.reduceat(objects(x), [0, 2], axis=1), T, rtol=SUMS)


@pytest.mark.parametrize("call, match", [
    (lambda x: np.multiply.at(x, [0], 2.0), r"numpy\.multiply\.at .*add, subtract; write "
                                             r"the loop.*numpy\.multiply\(a\[i\], v\)"),
    (lambda x: np.maximum.at(x, [0], x[1]), r"numpy\.maximum\.at .*write the loop"),
    (lambda x: np.multiply.reduceat(x, [0, 1]), r"numpy\.multiply\.reduceat .*only with add"
                                                 r"; reduce each slice"),
    (lambda x: np.arctan2.reduce(x), r"numpy\.arctan2\.reduce .*functools\.reduce"),
    (lambda x: np.add.at(np.zeros(3), [0], x[0]), r"numpy\.add\.at into a float64 ndarray"),
    (lambda x: np.add.at(x, x, 1.0), r"numpy\.add\.at: the index cannot be dual"),
    (lambda x: np.bitwise_and.reduce(x), r"numpy\.bitwise_and is not supported .*bits")])
@pytest.mark.parametrize("T", KINDS)
def test_other_methods_refused_with_the_loop_to_write(T, call, match):
    with pytest.raises(TypeError, match=match):
        call(sample(T, (3,)))


@pytest.mark.parametrize("T", KINDS)
def test_at_into_an_object_array_writes_it(T):
    """An object ndarray of scalar duals as target: NumPy's own add.at on it, in place
    (before: the scalar duals' protocol wrote into a dual copy, and the target stayed)."""
    S = SCALAR[T]
    x = S(*[0.5 + k for k in range(len(NAMES[T]))])
    target = np.array([S(1.0), S(2.0)], dtype=object)
    np.add.at(target, [1, 1], x)
    assert_duals(T(target),
                 np.array([S(1.0), S(2.0) + x + x], dtype=object), T)
    np.add.at(target, [0], sample(T, (1,)))
    assert_duals(T(target), np.array([S(1.0) + objects(sample(T, (1,)))[0],
                                      S(2.0) + x + x], dtype=object), T)


@pytest.mark.parametrize("T", KINDS)
def test_scalar_duals_get_the_refusals(T):
    x = SCALAR[T](0.5, *[1.0] * (len(NAMES[T]) - 1))
    with pytest.raises(TypeError, match=r"numpy\.multiply\.at .*write the loop"):
        np.multiply.at(np.zeros(2), [0], x)
    with pytest.raises(TypeError, match=r"numpy\.maximum\.reduceat .*reduce each slice"):
        np.maximum.reduceat(x, [0])
