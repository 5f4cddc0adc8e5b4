"""The per-part path of the functions that move elements within one dual array (roll,
rot90, take, repeat, tile, diagonal, tril, triu, the splits, the transposes;
dualnum.arrays.moving.per_part) against the path by positions that serves every moving
function (moving.by_positions): bit-identical parts, for Dual and HyperDual arrays with and
without directions, 0-d to 3-d, every form of the axis arguments; views where NumPy's
function returns views. numpy.flip, which slices every part (a path of its own), is
compared with the path by positions alike.
"""
import re

import numpy as np
import pytest

import dualnum as dn
from arrays_support import KINDS, seeded
from dualnum.arrays import moving, operands

CALLS = [  # (function, arguments, keywords, the ndims it takes)
    (np.flip, (), {}, (0, 1, 3)), (np.flip, (-1,), {}, (1, 3)),
    (np.flip, (), {"axis": (0, -1)}, (3,)),
    (np.fliplr, (), {}, (3,)), (np.flipud, (), {}, (1, 3)),
    (np.rot90, (), {}, (3,)), (np.rot90, (3, [2, -3]), {}, (3,)),
    (np.roll, (2,), {}, (0, 1, 3)), (np.roll, (-5,), {"axis": -2}, (3,)),
    (np.roll, ((1, 2), (0, 2)), {}, (3,)), (np.roll, ((1, 3),), {"axis": 1}, (3,)),
    (np.take, ([3, 0, 3],), {}, (1, 3)), (np.take, (0,), {}, (0,)),
    (np.take, ([[1, 0], [2, 2]], -2), {}, (3,)),
    (np.take, ([5, -7],), {"axis": 2, "mode": "wrap"}, (3,)),
    (np.take, ([5, -7], -1, None, "clip"), {}, (3,)),
    (np.repeat, (2,), {}, (0, 1, 3)), (np.repeat, ([1, 0, 2], -2), {}, (3,)),
    (np.tile, (2,), {}, (0, 1, 3)), (np.tile, ((2, 1, 1, 2),), {}, (1, 3)),
    (np.tile, ((),), {}, (1,)),
    (np.diagonal, (), {}, (3,)), (np.diagonal, (1, -1, 0), {}, (3,)),
    (np.diagonal, (), {"offset": -1, "axis1": 2, "axis2": 1}, (3,)),
    (np.tril, (), {}, (1, 3)), (np.triu, (1,), {}, (3,)), (np.tril, (), {"k": -1}, (3,)),
    (np.matrix_transpose, (), {}, (3,)),
    (np.rollaxis, (-1,), {}, (3,)), (np.rollaxis, (0, 3), {}, (3,)),
    (np.rollaxis, (2, -3), {}, (3,)),
    (np.unstack, (), {}, (1, 3)), (np.unstack, (), {"axis": -1}, (3,)),
    (np.split, ([1, 3],), {"axis": -1}, (3,)), (np.split, (2,), {}, (3,)),
    (np.array_split, (3, 2), {}, (3,)), (np.array_split, (3,), {}, (1,)),
    (np.hsplit, (2,), {}, (1,)), (np.hsplit, (3,), {}, (3,)), (np.vsplit, (2,), {}, (3,)), (np.dsplit, ([1],), {}, (3,)),
]
SHAPES = {0: (), 1: (8,), 3: (2, 3, 4)}


def cases():
    for func, args, kwargs, ndims in CALLS:
        for nd in ndims:
            yield pytest.param(func, args, kwargs, SHAPES[nd],
                               id="%s%s%s-%dd" % (func.__name__, args, kwargs or "", nd))


def assert_same(got, want):
    """The same dual array(s), part by part, bit for bit."""
    if isinstance(want, (list, tuple)):
        assert type(got) is type(want) and len(got) == len(want)
        for g, w in zip(got, want):
            assert_same(g, w)
        return
    assert type(got) is type(want) and got._directional == want._directional
    assert got._tag == want._tag
    for g, w in zip(got._parts, want._parts):
        assert g.shape == w.shape
        np.testing.assert_array_equal(g, w)


@pytest.mark.parametrize("directional", [False, True])
@pytest.mark.parametrize("T", KINDS)
@pytest.mark.parametrize("func, args, kwargs, shape", cases())
def test_per_part_equals_the_path_by_positions(func, args, kwargs, shape, T, directional,
                                               monkeypatch):
    rng = np.random.default_rng(5)
    x = seeded(T, rng.permutation(max(np.prod(shape, dtype=int), 1)) * 0.5 - 2.0,
               directional, rng).reshape(shape)
    want = moving.by_positions(func, x, *args, **kwargs)
    with monkeypatch.context() as patch:  # the per-part path is the one taken
        patch.setattr(moving, "by_positions", None)
        got = func(x, *args, **kwargs)
    assert_same(got, want)


@pytest.mark.parametrize("T", KINDS)
def test_views_where_numpy_returns_views(T):
    x = seeded(T, np.arange(12.0), True, np.random.default_rng(1)).reshape(3, 4)
    for y in (np.flip(x), np.rot90(x), np.diagonal(x), np.matrix_transpose(x),
              np.split(x, 2, axis=1)[1]):
        assert all(np.shares_memory(p, q) for p, q in zip(y._parts, x._parts))
    y = np.flip(x, 0)
    y[0] = 7.0  # writes into x, as into NumPy's view
    assert np.all(x.real[-1] == 7.0) and np.all(x._parts[1][-1] == 0.0)


@pytest.mark.parametrize("T", KINDS)
def test_a_constant_array_and_out_and_dual_arguments(T):
    x = T(np.arange(6.0).reshape(2, 3))  # no perturbation given: zero parts
    np.testing.assert_array_equal(np.roll(x, 1).real, np.roll(x.real, 1))
    assert all(np.all(p == 0) for p in np.roll(x, 1)._parts[1:])
    out = T(np.zeros(2))
    assert np.take(x, [5, 0], None, out) is out  # out= by position, as NumPy takes it
    np.testing.assert_array_equal(out.real, [5.0, 0.0])
    with pytest.raises(TypeError, match="drop its derivative parts"):
        np.take(x, T(np.array([1.0, 0.0])))  # a dual index: by positions, refused there


@pytest.mark.parametrize("T", KINDS)
def test_flip_of_a_constant_with_parts_of_its_directions_only(T):
    """numpy.flip slices every part (its own path, not the per-part one): a constant's
    cached zero parts (direction axes only) are spread over the shape first."""
    x = seeded(T, np.arange(6.0), True, np.random.default_rng(2)).reshape(2, 3)
    c = operands.constant(x, np.arange(6.0).reshape(2, 3))
    assert c._parts[1].shape == (3,)
    for axis in (None, 1, (0, 1)):
        assert_same(np.flip(c, axis), moving.by_positions(np.flip, c, axis))


@pytest.mark.parametrize("axis, error", [((0, 0), ValueError), (2, np.exceptions.AxisError),
                                         (-3, np.exceptions.AxisError)])
def test_flip_refuses_the_axes_numpy_refuses(axis, error):
    x = seeded(dn.DualArray, np.arange(6.0), False, np.random.default_rng(2)).reshape(2, 3)
    with pytest.raises(error) as numpy_error:
        np.flip(x.real, axis)
    with pytest.raises(error, match=re.escape(str(numpy_error.value))):
        np.flip(x, axis)
