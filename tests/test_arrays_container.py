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


@pytest.mark.parametrize("T", KINDS)
@pytest.mark.parametrize("part", [0, 1])
def test_construction_refuses_what_is_not_a_plain_real_array(T, part):
    """Complex numbers (NumPy's 'float() argument' before), np.matrix and masked arrays
    (their meaning would be dropped), for the real part and a perturbation part alike."""
    name = NAMES[T][part]
    for value, message in [
            ([1j, 2.0], r"cannot use list \(dtype complex128\) as the %s part of a %s: dual "
                        r"numbers are real, complex numbers are not supported; pass the real "
                        r"part explicitly \(np.real\(z\)\)" % (name, T.__name__)),
            (np.ma.array([1.0, 2.0], mask=[0, 1]), r"%s is a numpy.ma.MaskedArray.*%s.filled"
                                                   % (name, name)),
            (np.array([1.0, 2.0]).view(np.recarray), r"%s is a recarray, an ndarray "
                                                     r"subclass" % name)]:
        parts = [[0.5, 1.5], 1.0]
        parts[part] = value
        with pytest.raises(TypeError, match=message):
            T(*parts)
    with pytest.warns(PendingDeprecationWarning), pytest.raises(TypeError, match="np.matrix|@"):
        T(*([np.matrix([[1.0, 2.0]]), 1.0] if part == 0 else [[0.5, 1.5], np.matrix([[1.0]])]))


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


@pytest.mark.parametrize("directional", [False, True])
@pytest.mark.parametrize("T", KINDS)
def test_iteration_and_reversed(T, directional):
    """A dual array is iterable and reversible but no sequence (see src/_storage.pyx)."""
    x = with_directions(T, (3, 2)) if directional else sample(T, (3, 2))
    forward, backward = list(x), list(reversed(x))
    assert len(forward) == 3 and [repr(v) for v in backward] == [repr(v) for v in forward[::-1]]


def test_flatten_copies_and_ravel_views():
    x = sample(dn.DualArray, (2, 3))
    flat, view = x.flatten(), x.ravel()
    flat[0] = 99.0
    assert x.real[0, 0] != 99.0
    view[0] = 99.0  # as ndarray.ravel: a view where the parts allow one
    assert x.real[0, 0] == 99.0


@pytest.mark.parametrize("T", KINDS)
def test_memory_orders_follow_the_real_parts(T):
    """order='A' and 'K' read the real parts' layout; 'K' is refused where the parts share
    no memory order (NumPy's answer would depend on the real parts alone)."""
    x = sample(T, (2, 3)).T  # real parts Fortran-ordered
    for order in "CFAK":
        assert np.copy(x, order=order).real.flags.f_contiguous == \
            np.copy(x.real, order=order).flags.f_contiguous
        np.testing.assert_array_equal(np.ravel(x, order=order).real, np.ravel(x.real, order))
    with pytest.raises(TypeError, match="numpy.ravel .*order='K'.* C- nor F-contiguous"):
        np.ravel(sample(T, (3, 4))[:, ::2], order="K")
    with pytest.raises(np.exceptions.AxisError):
        x.transpose(0, 2)


# ---------------------------------------------------------------- float ndarrays hold no duals
FLOAT_BUFFER = "a float ndarray cannot hold derivative parts"


def with_directions(T, shape):
    """An array whose perturbation parts carry two directions."""
    pert = [np.ones(shape + (2,)), np.ones(shape + (2,)), np.ones(shape + (2, 2))]
    return T(np.arange(1.0, 1.0 + np.prod(shape)).reshape(shape), *pert[:len(NAMES[T]) - 1],
             directional=True)


STORES = {  # the ways a dual array reaches a float ndarray buf of shape (2,)
    "buf[...] = x": lambda buf, x: buf.__setitem__(Ellipsis, x),
    "buf[:] = x": lambda buf, x: buf.__setitem__(slice(None), x),
    "buf[[1, 0]] = x": lambda buf, x: buf.__setitem__([1, 0], x),
    "buf[mask] = x": lambda buf, x: buf.__setitem__(np.array([True, True]), x),
    "buf += x": lambda buf, x: operator.iadd(buf, x),
    "buf -= x": lambda buf, x: operator.isub(buf, x),
    "buf *= x": lambda buf, x: operator.imul(buf, x),
    "buf /= x": lambda buf, x: operator.itruediv(buf, x),
    "buf **= x": lambda buf, x: operator.ipow(buf, x),
    "np.add(out=buf)": lambda buf, x: np.add(x, 1.0, out=buf),
    "np.sin(out=buf)": lambda buf, x: np.sin(x, out=(buf,)),
    "np.cumsum(out=buf)": lambda buf, x: np.cumsum(x, out=buf),
    "np.sum(out=buf[:1])": lambda buf, x: np.sum(x[None], axis=1, out=buf[:1]),
    "np.clip(out=buf)": lambda buf, x: np.clip(x, 0.0, 1.0, out=buf),
}
ELEMENT_STORES = {  # an element of an array with directions is a 0-d array
    "buf[i] = x[i]": lambda buf, x: buf.__setitem__(0, x[0]),
    "buf[i] = x[0] * x[1]": lambda buf, x: buf.__setitem__(1, x[0] * x[1]),
    "buf.fill(x[0])": lambda buf, x: buf.fill(x[0]),
    "buf[i] += x[i]": lambda buf, x: buf.__setitem__(0, buf[0] + x[0]),
}


@pytest.mark.parametrize("store", [(s, d) for s in STORES for d in (False, True)] +
                         [(s, True) for s in ELEMENT_STORES], ids=str)
@pytest.mark.parametrize("T", KINDS)
def test_a_float_ndarray_refuses_a_dual_and_says_what_to_write(T, store):
    name, directional = store
    x = with_directions(T, (2,)) if directional else sample(T, (2,))
    buf = np.zeros(2)
    with pytest.raises(TypeError, match=FLOAT_BUFFER) as refused:
        {**STORES, **ELEMENT_STORES}[name](buf, x)
    assert "np.stack" in str(refused.value) and "np.zeros_like(p)" in str(refused.value)
    np.testing.assert_array_equal(buf, 0.0)  # nothing half-written


def setitem_f(p):  # a user's function that collects results in a float buffer
    buf = np.zeros(2)
    buf[0] = p[0] * p[1]
    buf[1] = p[1] ** 2
    return buf.sum()


def accumulate_f(p):
    acc = np.zeros(2)
    acc += p ** 2
    return acc.sum()


def slice_f(p):
    buf = np.zeros(p.shape)
    buf[:] = np.sin(p)
    return buf


API = {"gradient": lambda f: dn.gradient(f, np.array([1.0, 2.0])),
       "hessian": lambda f: dn.hessian(f, np.array([1.0, 2.0])),
       "hvp": lambda f: dn.hvp(f, np.array([1.0, 2.0]), np.array([1.0, -1.0])),
       "jvp": lambda f: dn.jvp(f, np.array([1.0, 2.0]), np.array([1.0, -1.0])),
       "jacobian": lambda f: dn.jacobian(lambda p: f(p) * p, np.array([1.0, 2.0]))}


# jvp seeds one direction without direction axes: its elements are scalar duals, whose own
# conversion refusal says it as well
@pytest.mark.parametrize("path, f", [(p, f) for p in API for f in (setitem_f, accumulate_f)],
                         ids=str)
def test_the_api_explains_a_float_buffer(path, f):
    with pytest.raises(TypeError, match=FLOAT_BUFFER):
        API[path](f)


def test_elementwise_derivatives_explain_a_float_buffer():
    for x in (np.linspace(0.0, 1.0, 5), np.linspace(0.0, 1.0, 20000)):  # one block, several
        for call in (dn.derivative, dn.second_derivative):
            with pytest.raises(TypeError, match=FLOAT_BUFFER):
                call(slice_f, x)


def test_the_fixes_the_message_names_give_the_derivatives():
    """p0 p1 + p1^2 built in a dual array, with np.stack, or summed as acc = acc + term."""
    def into_dual(p):
        buf = 0 * p[:2]
        buf[0] = p[0] * p[1]
        buf[1] = p[1] ** 2
        return buf.sum()

    def stacked(p):
        return np.stack([p[0] * p[1], p[1] ** 2]).sum()

    def summed(p):
        acc = np.zeros(2)
        acc = acc + np.stack([p[0] * p[1], p[1] ** 2])
        return acc.sum()

    def allocated(p):
        buf = np.zeros_like(p)
        buf[0] = p[0] * p[1]
        buf[1] = p[1] ** 2
        return buf.sum()

    def accumulated(p):
        acc = np.zeros(2, like=p)
        acc += np.stack([p[0] * p[1], p[1] ** 2])
        return acc.sum()
    for f in (into_dual, stacked, summed, allocated, accumulated):
        np.testing.assert_array_equal(dn.gradient(f, np.array([1.0, 2.0])), [2.0, 5.0])
        np.testing.assert_array_equal(dn.hessian(f, np.array([1.0, 2.0])), [[0.0, 1.0],
                                                                            [1.0, 2.0]])
