"""DualArray and HyperDualArray as containers (dualnum.arrays.container): construction,
attributes, indexing, item assignment, what results and views share, conversions and repr.
References: object arrays of scalar duals (see tests/arrays_support.py)."""
import operator

import numpy as np
import pytest

import dualnum as dn
from arrays_support import KINDS, NAMES, SCALAR, assert_duals, objects, sample


# ---------------------------------------------------------------- construction, attributes
@pytest.mark.parametrize("T", KINDS)
def test_components_broadcast(T):
    x = T(np.arange(3.0)[:, None], *[np.full(4, v) for v in (2.0, -1.0, 0.5)][:len(NAMES[T]) - 1])
    assert x.shape == (3, 4) and x.ndim == 2 and x.size == 12 and len(x) == 3
    np.testing.assert_array_equal(x.real, np.repeat(np.arange(3.0)[:, None], 4, axis=1))
    for name, v in zip(NAMES[T][1:], (2.0, -1.0, 0.5)):
        np.testing.assert_array_equal(getattr(x, name), np.full((3, 4), v))
    assert x.directions is None
    y = T(np.arange(2.0))  # perturbations default to 0
    assert all(not np.any(getattr(y, n)) for n in NAMES[T][1:])


@pytest.mark.parametrize("T", KINDS)
def test_from_scalar_duals(T):
    S = SCALAR[T]
    items = [[S(1.0, *range(2, len(NAMES[T]) + 1)), 4.5], [S(-2.0, *[0.5] * (len(NAMES[T]) - 1)),
                                                          S(7.0)]]
    x = T(items)
    assert x.shape == (2, 2)
    assert_duals(x, np.array(items, dtype=object), T)
    with pytest.raises(TypeError):
        T([S(1.0), SCALAR[KINDS[KINDS.index(T) - 1]](2.0)])  # mixed types


def test_directional_construction():
    x = dn.DualArray(np.array([1.0, 2.0]), np.arange(6.0).reshape(2, 3), directional=True)
    assert x.directions == 3 and x.shape == (2,) and x.dual.shape == (2, 3)
    h = dn.HyperDualArray(np.zeros(2), np.ones((2, 4)), np.ones((2, 3)), np.zeros((2, 4, 3)),
                          directional=True)
    assert tuple(h.directions) == (4, 3) and h.shape == (2,)
    assert h.eps1.shape == (2, 4) and h.eps2.shape == (2, 3) and h.eps1eps2.shape == (2, 4, 3)
    assert "directional=True" in repr(x)
    b = dn.DualArray(np.zeros((2, 1)), np.ones((3, 5)), directional=True)  # broadcast S
    assert b.shape == (2, 3) and b.dual.shape == (2, 3, 5)


@pytest.mark.parametrize("T", KINDS)
def test_shape_operations_and_copy(T):
    x = sample(T, (2, 3))
    assert_duals(x.T, objects(x).T, T)
    assert_duals(x.reshape(3, 2), objects(x).reshape(3, 2), T)
    assert_duals(x.reshape((-1,)), objects(x).reshape(-1), T)
    before = objects(x)
    c = x.copy()
    c[0, 0] = 99.0
    c[1] = SCALAR[T](-1.0, *[5.0] * (len(NAMES[T]) - 1))
    assert_duals(x, before, T)  # the copy is independent
    assert c.real[0, 0] == 99.0 and c[1, 2] == -1.0
    with pytest.raises(TypeError):
        len(T(1.0))  # len() of a 0-d array
    assert [list(map(repr, row)) for row in x] == [list(map(repr, r)) for r in objects(x)]
    text = repr(x)
    for name in NAMES[T]:
        assert name + "=" in text
    assert "2.15" in text and str(getattr(x, NAMES[T][-1])[1, 2]) in text


# ---------------------------------------------------------------- indexing
KEYS = {
    "slice": (slice(1, None),), "negative step": (slice(None, None, -1), slice(None, None, -2)),
    "ellipsis": (Ellipsis, 1), "ellipsis first": (0, Ellipsis), "newaxis": (None, slice(1, 3)),
    "newaxis inside": (slice(None), None, 2), "fancy": (np.array([2, 0, 2]),),
    "fancy 2": (np.array([0, 2]), np.array([1, 3])), "mask": "real > 1.9",
    "row mask": (np.array([True, False, True]),), "element": (1, 2), "negative": (-1, -3),
}


def key_of(name, x):
    return x.real > 1.9 if name == "mask" else KEYS[name]


@pytest.mark.parametrize("directional", [False, True])
@pytest.mark.parametrize("name", list(KEYS))
@pytest.mark.parametrize("T", KINDS)
def test_getitem(T, name, directional):
    x = sample(T, (3, 4))
    if directional:
        shapes = [(2,)] if T is dn.DualArray else [(2,), (3,), (2, 3)]
        pert = [np.arange(12 * int(np.prod(s)), dtype=float).reshape((3, 4) + s) * (j + 1)
                for j, s in enumerate(shapes)]
        x = T(x.real, *pert, directional=True)
    key = key_of(name, x)
    flat = np.arange(12).reshape(3, 4)[key]   # which elements, by position
    got = x[key]
    if not directional:
        assert_duals(got, objects(x).reshape(-1)[flat] if flat.ndim else
                     objects(x).reshape(-1)[int(flat)], T)
        return
    assert type(got) is T and got.shape == flat.shape  # a 0-d array for one element
    for n in NAMES[T]:
        part = getattr(x, n)
        want = part.reshape((12,) + part.shape[2:])[flat]
        np.testing.assert_array_equal(getattr(got, n), want, err_msg=n)


@pytest.mark.parametrize("T", KINDS)
def test_setitem(T):
    S = SCALAR[T]
    x = sample(T, (3, 4))
    ref = objects(x)
    value = S(5.0, *[-1.0] * (len(NAMES[T]) - 1))
    other = sample(T, (2, 4), start=-2.0)
    row = sample(T, (4,), start=9.0)
    for key, v in [((1, 2), value), ((0,), 3.5), ((slice(1, 3),), other), ((Ellipsis, 0), 0),
                   ((slice(None, None, 2),), row), ((x.real > 2.5,), value),
                   ((np.array([0, 2]), np.array([3, 1])), -7.0), ((slice(None), 1), row[:3])]:
        x[key] = v
        ref[key] = objects(v)
        assert_duals(x, ref, T)


@pytest.mark.parametrize("T", KINDS)
def test_setitem_directional_and_errors(T):
    pert = [np.ones((3, 2)), np.ones((3, 2)), np.ones((3, 2, 2))][:len(NAMES[T]) - 1]
    x = T(np.arange(3.0), *pert, directional=True)
    x[1] = 5.0  # a constant: zero perturbations in every direction
    assert x.real[1] == 5.0 and all(not np.any(getattr(x, n)[1]) for n in NAMES[T][1:])
    assert all(np.all(getattr(x, n)[0] == 1.0) for n in NAMES[T][1:])
    with pytest.raises(ValueError):
        x[0] = SCALAR[T](1.0, 1.0)  # one direction into an array of two
    with pytest.raises(IndexError):
        x[x] = 1.0


def scalar(T, real, pert):
    return SCALAR[T](real, *[pert] * (len(NAMES[T]) - 1))


SHARING = {"x + c": lambda x: x + 1.0, "c + x": lambda x: 2.0 + x, "x - c": lambda x: x - 1.0,
           "+x": lambda x: +x, "x * 1": lambda x: x * 1.0}


@pytest.mark.parametrize("make", list(SHARING))
@pytest.mark.parametrize("T", KINDS)
def test_writing_into_a_result_leaves_its_operand_alone(T, make):
    x = sample(T, (3,))
    before = objects(x)
    y = SHARING[make](x)
    y[0] = scalar(T, 5.0, 9.0)
    y[1:] = 4.0
    assert_duals(x, before, T)
    assert_duals(y, np.array([scalar(T, 5.0, 9.0), 4.0, 4.0], dtype=object), T)


@pytest.mark.parametrize("make", [m for m in SHARING if m != "+x"])
@pytest.mark.parametrize("T", KINDS)
def test_writing_into_an_operand_leaves_its_results_alone(T, make):
    """y = x + 1.0 is a new value (as with ndarrays): a later x[i] = v must not reach y."""
    x = sample(T, (3,))
    y = SHARING[make](x)
    y_before = objects(y)
    x[1] = scalar(T, -4.0, 8.0)
    assert_duals(y, y_before, T)


@pytest.mark.parametrize("make", list(SHARING))
@pytest.mark.parametrize("T", KINDS)
def test_writing_through_a_view_updates_every_part(T, make):
    """A basic slice is a view (as with ndarrays): writing through it changes the whole
    element of the base, real and perturbation parts together, never half of it."""
    y = SHARING[make](sample(T, (3,)))
    ref = objects(y)
    view = y[0:2]
    view[0] = scalar(T, 7.0, 9.0)
    ref[0] = scalar(T, 7.0, 9.0)
    assert_duals(view, ref[0:2], T)
    assert_duals(y, ref, T)


@pytest.mark.parametrize("T", KINDS)
def test_setitem_with_one_ndarray_given_for_two_parts(T):
    """T(r, v, v, ...) with the same ndarray twice: each part must still get its own value."""
    v = np.array([1.0, 2.0, 3.0])
    x = T(v, *[v] * (len(NAMES[T]) - 1))
    want = SCALAR[T](7.0, *[8.0, 9.0, 10.0][:len(NAMES[T]) - 1])
    x[0] = want
    assert repr(x[0]) == repr(want)


@pytest.mark.parametrize("T", KINDS)
def test_conversions(T):
    x = sample(T, (2, 2))
    for convert, target in [(float, "float"), (int, "int"), (complex, "complex"),
                            (operator.index, "an index")]:
        with pytest.raises(TypeError, match=r"to %s: .*\.real" % target):
            convert(x[:1])
    obj = np.asarray(x)
    assert obj.dtype == object and obj.shape == (2, 2)
    assert all(type(v) is SCALAR[T] for v in obj.flat)
    assert_duals(T(obj), obj, T)
    assert_duals(x, obj, T)
    with pytest.raises(TypeError):
        np.asarray(x, dtype=float)
    pert = [np.ones((2, 3)), np.ones((2, 3)), np.ones((2, 3, 3))][:len(NAMES[T]) - 1]
    with pytest.raises(TypeError, match="direction"):
        np.asarray(T(np.zeros(2), *pert, directional=True))
