"""DualArray and HyperDualArray against the scalar types, element by element.

The reference for every operation is the same operation on a NumPy object array of scalar
``Dual``/``HyperDual`` numbers built from the array's parts (or, where that is the
definition, on the parts directly). Elementwise arithmetic shares its C rules with the
scalars and is compared exactly; anything that sums in another order (reductions, products,
linear algebra) to a relative 1e-13.
"""
import operator

import numpy as np
import pytest
import scipy.special as sp
from numpy.testing.overrides import (allows_array_function_override,
                                     get_overridable_numpy_array_functions)

import dualnum as dn
from dualnum.arrays import HANDLED_FUNCTIONS

KINDS = [dn.DualArray, dn.HyperDualArray]
SCALAR = {dn.DualArray: dn.Dual, dn.HyperDualArray: dn.HyperDual}
NAMES = {dn.DualArray: ("real", "dual"), dn.HyperDualArray: ("real", "eps1", "eps2", "eps1eps2")}
SUMS = 1e-13  # tolerance where the order of summation differs


def sample(T, shape, start=0.3, step=0.37):
    """A fixed array: real parts start + step i, perturbation parts distinct per element."""
    i = np.arange(int(np.prod(shape)), dtype=float)
    pert = [np.round(np.sin(1.7 * (j + 1) + 0.9 * i), 3).reshape(shape)
            for j in range(len(NAMES[T]) - 1)]
    return T((start + step * i).reshape(shape), *pert)


def objects(x):
    """x as an object array of scalar duals, built from its parts."""
    if not isinstance(x, (dn.DualArray, dn.HyperDualArray)):
        return np.asarray(x).astype(object) if isinstance(x, np.ndarray) else x
    parts = [np.asarray(getattr(x, n)) for n in NAMES[type(x)]]
    out = np.empty(x.shape, dtype=object)
    for idx in np.ndindex(x.shape):
        out[idx] = SCALAR[type(x)](*[float(p[idx]) for p in parts])
    return out


def expected_parts(obj, T):
    obj = np.asarray(obj, dtype=object)
    names = NAMES[T]
    return [np.array([getattr(v, n) if isinstance(v, SCALAR[T]) else (float(v) if n == "real"
                      else 0.0) for v in obj.flat], dtype=float).reshape(obj.shape)
            for n in names]


def assert_duals(result, expected, T, rtol=0.0):
    """result (array or scalar of type T) equals the object array/scalar expected."""
    if isinstance(expected, SCALAR[T]):
        assert type(result) is SCALAR[T], type(result)
    else:
        assert type(result) is T, type(result)
        assert result.shape == np.shape(expected)
    for name, want in zip(NAMES[T], expected_parts(expected, T)):
        got = np.asarray(getattr(result, name))
        assert got.shape == want.shape, name
        if rtol:
            scale = np.max(np.abs(want[np.isfinite(want)]), initial=1.0)
            np.testing.assert_allclose(got, want, rtol=rtol, atol=rtol * scale, err_msg=name)
        else:
            np.testing.assert_array_equal(got, want, err_msg=name)


def zeros_like(T, shape):
    return T(*[np.zeros(shape) for _ in NAMES[T]])


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


# ---------------------------------------------------------------- arithmetic
OPS = [operator.add, operator.sub, operator.mul, operator.truediv, operator.pow]
OTHERS = {
    "float": lambda T: 2.5, "int": lambda T: 3, "numpy scalar": lambda T: np.float64(-1.5),
    "ndarray": lambda T: np.array([[0.5], [2.0], [-1.25]]),
    "scalar dual": lambda T: SCALAR[T](1.5, *[0.25, -0.5, 2.0][:len(NAMES[T]) - 1]),
    "array": lambda T: sample(T, (4,), start=-0.9, step=0.6),
    "broadcast array": lambda T: sample(T, (3, 1), start=1.1),
}


@pytest.mark.parametrize("op", OPS, ids=lambda op: op.__name__)
@pytest.mark.parametrize("other", list(OTHERS))
@pytest.mark.parametrize("T", KINDS)
def test_arithmetic_matches_scalars(T, other, op):
    x, y = sample(T, (4,)), OTHERS[other](T)
    ref_y = float(y) if isinstance(y, np.floating) else objects(y)
    with np.errstate(all="ignore"):
        for a, b, ra, rb in [(x, y, objects(x), ref_y), (y, x, ref_y, objects(x))]:
            assert_duals(op(a, b), op(ra, rb), T)
        assert_duals(-x, -objects(x), T)
        assert_duals(abs(x - 1.0), abs(objects(x) - 1.0), T)


@pytest.mark.parametrize("op", OPS, ids=lambda op: op.__name__)
@pytest.mark.parametrize("T", KINDS)
def test_arithmetic_with_directions_is_each_direction(T, op):
    """A directional array combined with constants equals, direction by direction, the plain
    array with that direction's parts."""
    real = np.array([0.4, 1.3, 2.2])
    pert = [np.arange(6.0).reshape(3, 2) - 2, np.arange(9.0).reshape(3, 3) / 4,
            np.arange(18.0).reshape(3, 2, 3) - 8][:len(NAMES[T]) - 1]
    if T is dn.DualArray:
        pert = [pert[0]]
    x = T(real, *pert, directional=True)
    z = op(op(x, 1.5), x) + np.array([1.0, -2.0, 0.5])
    for a in range(2):
        for e in range(3 if T is dn.HyperDualArray else 1):
            p = [pert[0][:, a]] if T is dn.DualArray else [pert[0][:, a], pert[1][:, e],
                                                           pert[2][:, a, e]]
            plain = T(real, *p)
            w = op(op(plain, 1.5), plain) + np.array([1.0, -2.0, 0.5])
            idx = [(a,)] if T is dn.DualArray else [(a,), (e,), (a, e)]
            np.testing.assert_array_equal(z.real, w.real)
            for n, i in zip(NAMES[T][1:], idx):
                np.testing.assert_array_equal(getattr(z, n)[(Ellipsis,) + i], getattr(w, n))


@pytest.mark.parametrize("op", [operator.lt, operator.le, operator.gt, operator.ge,
                                operator.eq, operator.ne])
@pytest.mark.parametrize("T", KINDS)
def test_comparisons_give_bool_arrays_of_real_parts(T, op):
    x = sample(T, (4,))
    other = T(np.array([0.3, 1.0, 1.04, 5.0]), 7.0)  # equal real parts at 0 and 2
    for y in (1.04, np.array([0.3, 0.0, 1.04, 2.0]), other):
        got = op(x, y)
        assert isinstance(got, np.ndarray) and got.dtype == bool
        np.testing.assert_array_equal(got, op(x.real, getattr(y, "real", y)))


@pytest.mark.parametrize("T", KINDS)
def test_conversions(T):
    x = sample(T, (2, 2))
    with pytest.raises(TypeError, match=r"\.real"):
        float(x)
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


# ---------------------------------------------------------------- ufuncs
UFUNCS = {
    "sin": (np.sin, dn.sin), "exp": (np.exp, dn.exp), "sqrt": (np.sqrt, dn.sqrt),
    "abs": (np.abs, dn.absolute), "erf": (sp.erf, dn.erf), "gamma": (sp.gamma, dn.gamma),
    "expit": (sp.expit, dn.sigmoid), "arctan2": (np.arctan2, dn.arctan2),
    "hypot": (np.hypot, dn.hypot), "maximum": (np.maximum, dn.maximum),
    "minimum": (np.minimum, dn.minimum), "power": (np.power, operator.pow),
    "logaddexp": (np.logaddexp, dn.logaddexp),
}


@pytest.mark.parametrize("name", list(UFUNCS))
@pytest.mark.parametrize("T", KINDS)
def test_numpy_ufuncs_match_scalars(T, name):
    ufunc, scalar = UFUNCS[name]
    x = sample(T, (2, 3)) - 1.0
    if ufunc.nin == 1:
        operands = [[x if name not in ("sqrt", "gamma") else x + 1.0]]
    else:  # ties with x at two elements, constants on either side, broadcasting
        tie = np.array([[x.real[0, 0], x.real[1, 1], 3.0]])  # equal real parts at 2 places
        y = T(tie, *[np.array([0.1, -0.2, 0.3]) * (j + 1) for j in range(len(NAMES[T]) - 1)])
        operands = [[x, y], [y, x], [x, 2.0], [0.5, x], [x, np.array([[1.2], [0.0]])]]
    for args in operands:
        with np.errstate(all="ignore"):
            got = ufunc(*args)
            want = np.frompyfunc(scalar, len(args), 1)(*[objects(a) for a in args])
        assert_duals(got, want, T)


@pytest.mark.parametrize("T", KINDS)
def test_ufunc_out_and_where(T):
    x = sample(T, (2, 3))
    out = zeros_like(T, (2, 3))
    assert np.sin(x, out=out) is out
    assert_duals(out, objects(np.sin(x)), T)
    out = sample(T, (2, 3), start=-5.0)
    ref = objects(out)
    mask = np.array([True, False, True])
    assert np.exp(x, out=out, where=mask) is out
    ref[:, mask] = objects(np.exp(x))[:, mask]
    assert_duals(out, ref, T)
    with pytest.raises(TypeError):
        np.exp(x, where=mask)


@pytest.mark.parametrize("call, name", [
    (lambda x: np.heaviside(x, 0.5), "heaviside"), (lambda x: np.nextafter(x, 1.0), "nextafter"),
    (lambda x: np.ldexp(x, 2), "ldexp"), (lambda x: np.add.outer(x, x), "outer"),
    (lambda x: np.add.at(x, [0], 1.0), "at"), (lambda x: np.maximum.accumulate(x), "accumulate"),
    (lambda x: np.add.reduceat(x, [0, 2]), "reduceat"), (lambda x: np.floor_divide(x, 2.0),
                                                         "floor_divide")])
@pytest.mark.parametrize("T", KINDS)
def test_unsupported_ufuncs_raise(T, call, name):
    with pytest.raises(TypeError, match=name):
        call(sample(T, (3,)))


# ---------------------------------------------------------------- reductions
REDUCTIONS = {"sum": (np.sum, SUMS), "mean": (np.mean, SUMS), "prod": (np.prod, SUMS)}


@pytest.mark.parametrize("keepdims", [False, True])
@pytest.mark.parametrize("axis", [None, 0, 1, -1, (0, 2)])
@pytest.mark.parametrize("name", list(REDUCTIONS))
@pytest.mark.parametrize("T", KINDS)
def test_reductions_match_object_arrays(T, name, axis, keepdims):
    func, rtol = REDUCTIONS[name]
    x = sample(T, (2, 3, 4), start=0.6, step=0.05)
    got = func(x, axis=axis, keepdims=keepdims)
    want = func(objects(x), axis=axis, keepdims=keepdims)
    assert_duals(got, want, T, rtol=rtol)


@pytest.mark.parametrize("T", KINDS)
def test_methods_and_ufunc_reductions(T):
    x = sample(T, (3, 4), start=0.6, step=0.05)
    obj = objects(x)
    assert_duals(x.sum(axis=0), obj.sum(axis=0), T, rtol=SUMS)
    assert_duals(x.prod(), np.prod(obj), T, rtol=SUMS)
    assert_duals(x.mean(axis=1, keepdims=True), obj.mean(axis=1, keepdims=True), T, rtol=SUMS)
    assert_duals(np.add.reduce(x, axis=1), np.add.reduce(obj, axis=1), T, rtol=SUMS)
    assert_duals(np.multiply.reduce(x), np.multiply.reduce(obj), T, rtol=SUMS)
    assert_duals(np.multiply.reduce(x, axis=1, keepdims=True),
                 np.multiply.reduce(obj, axis=1, keepdims=True), T, rtol=SUMS)
    assert_duals(np.add.accumulate(x, axis=1), np.add.accumulate(obj, axis=1), T, rtol=SUMS)
    assert_duals(np.multiply.accumulate(x), np.multiply.accumulate(obj), T, rtol=SUMS)
    assert_duals(np.cumsum(x, axis=1), np.cumsum(obj, axis=1), T, rtol=SUMS)
    assert_duals(np.cumsum(x), np.cumsum(obj), T, rtol=SUMS)
    assert_duals(x.cumsum(axis=0), np.cumsum(obj, axis=0), T, rtol=SUMS)


@pytest.mark.parametrize("n", [1, 2, 5, 8, 13])
@pytest.mark.parametrize("T", KINDS)
def test_cumprod_is_the_sequential_product(T, n):
    x = sample(T, (n, 2), start=0.7, step=0.11)
    obj = objects(x)
    want = obj.copy()
    for i in range(1, n):
        want[i] = want[i - 1] * obj[i]
    assert_duals(np.cumprod(x, axis=0), want, T, rtol=SUMS)
    assert_duals(np.cumprod(x), np.cumprod(obj.reshape(-1)), T, rtol=SUMS)
    assert_duals(np.prod(x, axis=0), want[-1], T, rtol=SUMS)


def tie_reference(x, axis, pick):
    """max/min by definition: the extreme real part; perturbation parts the mean over the
    elements that attain it."""
    T = type(x)
    parts = [np.asarray(getattr(x, n)) for n in NAMES[T]]
    if axis is None:
        parts, axis = [p.reshape(-1) for p in parts], 0
    moved = [np.moveaxis(p, axis, -1) for p in parts]
    out = np.empty(moved[0].shape[:-1], dtype=object)
    for idx in np.ndindex(out.shape):
        real = moved[0][idx]
        tied = real == pick(real)
        out[idx] = SCALAR[T](float(pick(real)), *[float(np.mean(p[idx][tied]))
                                                    for p in moved[1:]])
    return out if out.ndim else out[()]


@pytest.mark.parametrize("axis", [None, 0, 1])
@pytest.mark.parametrize("func, pick", [(np.max, np.max), (np.min, np.min),
                                        (np.amax, np.max), (np.maximum.reduce, np.max)])
@pytest.mark.parametrize("T", KINDS)
def test_max_min_ties_average_the_derivatives(T, func, pick, axis):
    real = np.array([[1.0, 3.0, 3.0, -2.0], [2.0, 2.0, -5.0, 2.0], [5.0, 1.0, 5.0, -5.0]])
    pert = [np.arange(12.0).reshape(3, 4) * (j + 1) - 4 * j for j in range(len(NAMES[T]) - 1)]
    x = T(real, *pert)
    got = func(x, axis=axis) if func is not np.maximum.reduce else func(x, axis=axis or 0)
    want = tie_reference(x, axis if func is not np.maximum.reduce else axis or 0, pick)
    assert_duals(got, want, T, rtol=1e-15)
    single = T(np.array([1.0, 3.0, 3.0]), np.array([5.0, 1.0, 2.0]))
    assert repr(np.max(single)).startswith(SCALAR[T].__name__ + "(3.0, 1.5")


# ---------------------------------------------------------------- array functions
def _a(T):
    return sample(T, (2, 3))


def _b(T):
    return sample(T, (2, 3), start=-1.0, step=0.45)


FUNCTIONS = {
    "concatenate": lambda a, b: np.concatenate([a, b], axis=1),
    "concatenate None": lambda a, b: np.concatenate([a, b], axis=None),
    "stack": lambda a, b: np.stack([a, b], axis=1), "hstack": lambda a, b: np.hstack([a, b]),
    "vstack": lambda a, b: np.vstack([a, b[0]]), "reshape": lambda a, b: np.reshape(a, (3, 2)),
    "transpose": lambda a, b: np.transpose(a), "moveaxis": lambda a, b: np.moveaxis(
        np.stack([a, b]), 0, -1),
    "squeeze": lambda a, b: np.squeeze(a[:, None, :1]), "expand_dims": lambda a, b:
        np.expand_dims(a, (0, 2)), "broadcast_to": lambda a, b: np.broadcast_to(a, (4, 2, 3)),
    "diff": lambda a, b: np.diff(a), "diff n=2 axis 0": lambda a, b: np.diff(np.vstack(
        [a, b]), n=2, axis=0),
    "where": lambda a, b: np.where(np.array([True, False, True]), a, b),
    "where constant": lambda a, b: np.where(np.array([[True], [False]]), 0.5, b),
    "diag 1-D": lambda a, b: np.diag(a[0]), "diag 1-D k=1": lambda a, b: np.diag(b[1], k=1),
    "diag 2-D": lambda a, b: np.diag(a), "diag 2-D k=-1": lambda a, b: np.diag(a.T, k=-1),
    "atleast_2d": lambda a, b: np.atleast_2d(a[0]), "swapaxes": lambda a, b: np.swapaxes(a, 0, 1),
    "ravel": lambda a, b: np.ravel(a), "copy": lambda a, b: np.copy(a),
}
PRODUCTS = {
    "trace": lambda a, b: np.trace(np.vstack([a, b])), "outer": lambda a, b: np.outer(a, b[0]),
    "inner": lambda a, b: np.inner(a, b), "inner 1-D": lambda a, b: np.inner(a[0], b[1]),
    "dot 1-D": lambda a, b: np.dot(a[0], b[1]), "dot 2-D": lambda a, b: np.dot(a, b.T),
    "matmul 2-D": lambda a, b: a @ b.T, "matmul 1-D": lambda a, b: a @ b[0],
    "matmul 1-D left": lambda a, b: a[1] @ b.T, "matmul vectors": lambda a, b: a[0] @ b[0],
    "matmul constant right": lambda a, b: a @ np.array([[1.0, -2.0], [0.5, 3.0], [2.0, 0.25]]),
    "matmul constant left": lambda a, b: np.array([[1.0, -2.0], [0.5, 3.0]]) @ a,
    "matmul constant vector": lambda a, b: np.array([0.5, -1.5]) @ a,
    "matmul scalar dual": lambda a, b: a @ b[0] * b[1, 1],
    "dot scalar": lambda a, b: np.dot(a, 2.0),
}


@pytest.mark.parametrize("name", list(FUNCTIONS) + list(PRODUCTS))
@pytest.mark.parametrize("T", KINDS)
def test_array_functions_match_object_arrays(T, name):
    func = FUNCTIONS.get(name) or PRODUCTS[name]
    got = func(_a(T), _b(T))
    want = func(objects(_a(T)), objects(_b(T)))
    assert_duals(got, want, T, rtol=SUMS if name in PRODUCTS else 0.0)


@pytest.mark.parametrize("T", KINDS)
def test_clip_is_maximum_then_minimum(T):
    x = sample(T, (2, 3))
    got = np.clip(x, 0.67, 1.5)  # 0.67 ties with an element: derivative halves there
    want = np.frompyfunc(dn.minimum, 2, 1)(np.frompyfunc(dn.maximum, 2, 1)(objects(x), 0.67), 1.5)
    assert_duals(got, want, T)
    assert_duals(np.clip(x, None, 1.0), np.frompyfunc(dn.minimum, 2, 1)(objects(x), 1.0), T)
    bound = sample(T, (3,), start=0.5, step=0.5)
    assert_duals(np.clip(x, bound, None), np.frompyfunc(dn.maximum, 2, 1)(objects(x),
                                                                           objects(bound)), T)


@pytest.mark.parametrize("T", KINDS)
def test_where_argmax_and_shape_queries_use_the_real_parts(T):
    x = sample(T, (2, 3))
    assert np.argmax(x) == 5 and np.argmin(x, axis=1).tolist() == [0, 0]
    assert np.shape(x) == (2, 3) and np.ndim(x) == 2 and np.size(x) == 6
    np.testing.assert_array_equal(np.where(x > 1.0)[0], np.nonzero(x.real > 1.0)[0])



DIRECTIONAL = {
    "sum axis -1": lambda x: np.sum(x, axis=-1), "sum": np.sum, "mean 0": lambda x: np.mean(x, 0),
    "prod 1": lambda x: np.prod(x, axis=1), "max 0": lambda x: np.max(x, axis=0),
    "min": np.min, "cumprod 1": lambda x: np.cumprod(x, axis=1), "cumsum": np.cumsum,
    "T": lambda x: x.T, "moveaxis": lambda x: np.moveaxis(x[None], 0, 2),
    "concatenate": lambda x: np.concatenate([x, x[:1] * 2.0]), "diag": np.diag,
    "diag 1-D": lambda x: np.diag(x[0], k=-1), "where": lambda x: np.where(x > 1.0, x, -x),
    "clip": lambda x: np.clip(x, 0.67, 1.5), "matmul": lambda x: x @ np.arange(3.0),
    "matmul left": lambda x: np.ones((2, 2)) @ x, "self matmul": lambda x: x.T @ x,
    "exp sin": lambda x: np.exp(np.sin(x)) / (x + 1.0) ** 2.5, "fancy": lambda x: x[[1, 0, 1], 1:],
    "norm": np.linalg.norm, "solve": lambda x: np.linalg.solve(x[:, :2] + 3 * np.eye(2), x[:, 2]),
}


@pytest.mark.parametrize("name", list(DIRECTIONAL))
@pytest.mark.parametrize("T", KINDS)
def test_directions_are_independent_plain_arrays(T, name):
    """Each direction of a directional result equals the plain result for that direction."""
    func = DIRECTIONAL[name]
    real = sample(T, (2, 3)).real
    k, m = (3, 1) if T is dn.DualArray else (2, 3)
    e1 = np.cos(np.arange(6 * k)).reshape(2, 3, k)
    e2 = np.sin(np.arange(6 * m)).reshape(2, 3, m)
    e12 = np.cos(0.5 * np.arange(6 * k * m)).reshape(2, 3, k, m)
    parts = [e1] if T is dn.DualArray else [e1, e2, e12]
    got = func(T(real, *parts, directional=True))
    for a in range(k):
        for e in range(m):
            plain = [e1[..., a]] if T is dn.DualArray else [e1[..., a], e2[..., e], e12[..., a, e]]
            want = func(T(real, *plain))
            index = [(a,)] if T is dn.DualArray else [(a,), (e,), (a, e)]
            np.testing.assert_array_equal(got.real, want.real)
            for n, i in zip(NAMES[T][1:], index):
                np.testing.assert_allclose(np.asarray(getattr(got, n))[(Ellipsis,) + i],
                                           getattr(want, n), rtol=1e-14, atol=1e-14, err_msg=n)


# ---------------------------------------------------------------- linear algebra
A0 = np.array([[4.0, 1.0, -0.5], [0.3, 3.0, 1.2], [-1.0, 0.7, 5.0]])
A1 = np.array([[0.2, -0.1, 0.4], [1.0, 0.5, -0.3], [0.0, 0.25, -0.6]])
A2 = np.array([[-0.3, 0.0, 0.1], [0.2, -0.4, 0.0], [0.5, 0.1, 0.3]])
A12 = np.array([[0.1, 0.2, 0.0], [0.0, -0.1, 0.3], [0.4, 0.0, -0.2]])
B0, B1, B2, B12 = (np.array(v) for v in ([1.0, -2.0, 0.5], [0.3, 0.0, -1.0],
                                         [0.0, 0.7, 0.2], [-0.4, 0.1, 0.6]))
LINALG_RTOL = 1e-12


def sym_hyper(func, *operands):
    """The four hyper-dual parts of func(X(s, t), ...) for X = X0 + s X1 + t X2 + s t X12,
    by exact rational arithmetic in sympy (func takes and returns sympy objects)."""
    import sympy
    s, t = sympy.symbols("s t")

    def build(p0, p1, p2, p12):
        q = [sympy.Matrix(np.atleast_1d(p).tolist()).applyfunc(lambda v: sympy.Rational(v))
             for p in (p0, p1, p2, p12)]
        return q[0] + s * q[1] + t * q[2] + s * t * q[3]
    expr = sympy.Matrix([func(*[build(*o) for o in operands])])
    at = {s: 0, t: 0}
    return [np.array(sympy.N(e.subs(at), 30).tolist(), dtype=float).reshape(-1)
            for e in (expr, expr.diff(s), expr.diff(t), expr.diff(s, t))]


def check_parts(got, want, T):
    for name, w in zip(NAMES[T], want):
        np.testing.assert_allclose(np.asarray(getattr(got, name)).reshape(-1), w,
                                   rtol=LINALG_RTOL, atol=1e-14, err_msg=name)


def test_dual_solve_against_the_identity():
    x0 = np.linalg.solve(A0, B0)
    x = np.linalg.solve(dn.DualArray(A0, A1), dn.DualArray(B0, B1))
    check_parts(x, [x0, np.linalg.solve(A0, B1 - A1 @ x0)], dn.DualArray)  # A x' = b' - A' x
    check_parts(np.linalg.solve(dn.DualArray(A0, A1), B0), [x0, np.linalg.solve(A0, -A1 @ x0)],
                dn.DualArray)
    check_parts(np.linalg.solve(A0, dn.DualArray(B0, B1)), [x0, np.linalg.solve(A0, B1)],
                dn.DualArray)
    rhs = np.stack([B0, B1], axis=1)  # a matrix right-hand side
    X = np.linalg.solve(dn.DualArray(A0, A1), dn.DualArray(rhs, rhs[::-1]))
    X0 = np.linalg.solve(A0, rhs)
    check_parts(X, [X0.ravel(), np.linalg.solve(A0, rhs[::-1] - A1 @ X0).ravel()], dn.DualArray)


def test_dual_inv_against_the_identity():
    y = np.linalg.inv(A0)  # (A^-1)' = -A^-1 A' A^-1
    check_parts(np.linalg.inv(dn.DualArray(A0, A1)), [y.ravel(), (-y @ A1 @ y).ravel()],
                dn.DualArray)


def test_dual_det_by_jacobis_formula():
    d = np.linalg.det(dn.DualArray(A0, A1))
    assert type(d) is dn.Dual  # det' = det tr(A^-1 A')
    check_parts(d, [np.linalg.det(A0), np.linalg.det(A0) * np.trace(np.linalg.solve(A0, A1))],
                dn.DualArray)


def test_dual_solve_with_directions():
    dA = np.stack([A1, A2], axis=-1)
    db = np.stack([B1, B2], axis=-1)
    x = np.linalg.solve(dn.DualArray(A0, dA, directional=True),
                        dn.DualArray(B0, db, directional=True))
    x0 = np.linalg.solve(A0, B0)
    assert x.directions == 2
    for a, (Ak, bk) in enumerate([(A1, B1), (A2, B2)]):
        np.testing.assert_allclose(x.dual[:, a], np.linalg.solve(A0, bk - Ak @ x0),
                                   rtol=LINALG_RTOL)


HYPER_LINALG = {
    "solve": (lambda A, b: np.linalg.solve(A, b), lambda A, b: list(adjugate(A) * b / det(A))),
    "inv": (lambda A, b: np.linalg.inv(A), lambda A, b: list(adjugate(A) / det(A))),
    "det": (lambda A, b: np.linalg.det(A), lambda A, b: [det(A)]),
    "norm": (lambda A, b: np.linalg.norm(b), lambda A, b: [sqrt_sum(b)]),
    "frobenius": (lambda A, b: np.linalg.norm(A), lambda A, b: [sqrt_sum(A)]),
    "quadratic": (lambda A, b: b @ A @ b, lambda A, b: [(b.T * A * b)[0]]),
}


def adjugate(m):  # A^-1 = adj(A) / det(A), with polynomial entries: fast to differentiate
    import sympy
    return m.adjugate().applyfunc(sympy.expand)


def det(m):
    import sympy
    return sympy.expand(m.det())


def sqrt_sum(m):
    import sympy
    return sympy.sqrt(sum(v * v for v in m))


@pytest.mark.parametrize("name", list(HYPER_LINALG))
def test_hyperdual_linalg_against_sympy(name):
    ours, theirs = HYPER_LINALG[name]
    got = ours(dn.HyperDualArray(A0, A1, A2, A12), dn.HyperDualArray(B0, B1, B2, B12))
    want = sym_hyper(theirs, (A0, A1, A2, A12), (B0, B1, B2, B12))
    check_parts(got, want, dn.HyperDualArray)


@pytest.mark.parametrize("T", KINDS)
def test_norms(T):
    v = sample(T, (4,), start=-0.8, step=0.5)
    obj = objects(v)
    assert_duals(np.linalg.norm(v), dn.sqrt(np.sum(obj * obj)), T, rtol=SUMS)
    assert_duals(np.linalg.norm(v, 1), np.sum(abs(obj)), T, rtol=SUMS)
    assert_duals(np.linalg.norm(v, np.inf), tie_reference(abs(v), None, np.max), T)
    m = sample(T, (2, 3))
    assert_duals(np.linalg.norm(m, axis=1), np.frompyfunc(dn.sqrt, 1, 1)(
        np.sum(objects(m) ** 2, axis=1)), T, rtol=SUMS)
    with pytest.raises(TypeError, match="ord"):
        np.linalg.norm(m, 2)


@pytest.mark.parametrize("T", KINDS)
def test_norm_of_zero_has_derivative_zero(T):
    """The cone point, as absolute at 0: a one-element norm is the absolute value."""
    pert = [np.array([1.0, 2.0, 3.0]), np.array([0.5, -1.0, 2.0]), np.ones(3)]
    z = np.linalg.norm(T(np.zeros(3), *pert[:len(NAMES[T]) - 1]))
    assert z.real == 0.0 and all(getattr(z, n) == 0.0 for n in NAMES[T][1:3])
    x = SCALAR[T](0.0, *[1.0, 1.0, 0.0][:len(NAMES[T]) - 1])
    assert repr(np.linalg.norm(T([x]))) == repr(abs(x))


# ---------------------------------------------------------------- NEP 18 registry
def test_handled_functions_are_overridable_numpy_functions():
    overridable = get_overridable_numpy_array_functions()
    for func in HANDLED_FUNCTIONS:
        assert allows_array_function_override(func), func
        assert func in overridable, func


@pytest.mark.parametrize("call, name", [
    (lambda x: np.sort(x), "sort"), (lambda x: np.fft.fft(x), "fft"),
    (lambda x: np.linalg.eig(np.outer(x, x)), "eig"), (lambda x: np.einsum("i,i", x, x), "einsum"),
    (lambda x: np.median(x), "median"), (lambda x: np.interp(x, [0.0, 1.0], [1.0, 2.0]), "interp"),
    (lambda x: np.linalg.svd(np.outer(x, x)), "svd"), (lambda x: np.sum(x, dtype=float), "dtype")])
@pytest.mark.parametrize("T", KINDS)
def test_unhandled_functions_raise_naming_them(T, call, name):
    with pytest.raises(TypeError, match=name):
        call(sample(T, (3,)))
