"""Outputs that are filled: out[key] = value with any mix of values at any key, the in-place
operators, NumPy's writing functions (dualnum.arrays.writing), against the same writes into
object arrays of scalar duals; directions and tags; the float-buffer refusal on every route;
the README's residual pattern against an analytic Jacobian."""
import operator

import numpy as np
import pytest

import dualnum as dn
from arrays_support import KINDS, NAMES, SCALAR, SUMS, assert_duals, objects, sample

FLOAT_BUFFER = "a float ndarray cannot hold derivative parts"


def scalar(T, real, *pert):
    return SCALAR[T](real, *(list(pert) + [0.25, -0.75, 1.5])[:len(NAMES[T]) - 1])


WRITES = {  # key -> value, given x (3, 4) of type T
    "int, scalar dual": (lambda T: (1, 2), lambda T, x: scalar(T, 5.0, -1.0)),
    "row, list of duals": (lambda T: 0, lambda T, x: [x[1, 0] * x[2, 0], 2.0, x[0, 0], 4]),
    "slice, dual array": (lambda T: (slice(1, 3),), lambda T, x: sample(T, (2, 4), -2.0)),
    "slice, ndarray": (lambda T: (slice(None), 1), lambda T, x: np.array([1.0, 2.0, 3.0])),
    "fancy, number": (lambda T: ([0, 2], [3, 1]), lambda T, x: -7.0),
    "mask, dual broadcast": (lambda T: np.arange(12).reshape(3, 4) % 3 == 0,
                             lambda T, x: scalar(T, 1.0, 2.0)),
    "Ellipsis column, nested list": (lambda T: (Ellipsis, slice(0, 2)),
                                     lambda T, x: [[x[0, 0], 1.0]] * 3),
    "broadcast row": (lambda T: (slice(None),), lambda T, x: sample(T, (4,), 9.0)),
}


@pytest.mark.parametrize("name", list(WRITES))
@pytest.mark.parametrize("T", KINDS)
def test_out_key_equals_any_mix(T, name):
    out = np.zeros_like(sample(T, (3, 4)))
    ref = objects(out)
    key, value = WRITES[name]
    x = sample(T, (3, 4), start=1.0)
    v = value(T, x)
    out[key(T)] = v
    ref[key(T)] = objects(v) if isinstance(v, (dn.DualArray, dn.HyperDualArray)) else \
        np.array(v, dtype=object) if isinstance(v, list) else v
    assert_duals(out, ref, T)


@pytest.mark.parametrize("T", KINDS)
def test_filling_with_directions_writes_every_direction(T):
    e = [np.eye(3)] * 2 + [np.zeros((3, 3, 3))]
    p = T(np.array([1.0, 2.0, 3.0]), *e[:len(NAMES[T]) - 1], directional=True)
    out = np.zeros_like(p)
    out[0] = p[0] * p[1]
    out[1:] = [p[1] ** 2, 3.0]  # 0-d arrays with directions beside a number
    np.testing.assert_array_equal(out.real, [2.0, 4.0, 3.0])
    first = out.dual if T is dn.DualArray else out.eps1
    np.testing.assert_array_equal(first, [[2.0, 1.0, 0.0], [0.0, 4.0, 0.0], [0.0, 0.0, 0.0]])
    plain = np.zeros(3, like=sample(T, (3,)))
    with pytest.raises(ValueError, match=r"directions .*np\.zeros_like\(p\)"):
        plain[0] = p[0]


@pytest.mark.parametrize("T", KINDS)
def test_a_filled_constant_takes_the_tag_of_what_moves(T):
    x = sample(T, (2,))
    x = T._wrap(x._parts, False, 9)
    out = dn.zeros(2, like=sample(T, (2,)))  # of no computation (tag 0)
    out[0] = x[0] * 2.0
    assert out._tag == 9
    acc = np.zeros_like(sample(T, (2,)))
    acc += x
    assert acc._tag == 9


IN_PLACE = {"+=": operator.iadd, "-=": operator.isub, "*=": operator.imul,
            "/=": operator.itruediv, "**=": operator.ipow}
OTHERS = {"dual": lambda T: sample(T, (2, 3), start=0.7, step=0.11),
          "dual row": lambda T: sample(T, (3,), start=1.2), "ndarray": lambda T: np.full(3, 1.5),
          "number": lambda T: 2.0, "int": lambda T: 3, "scalar dual": lambda T: scalar(T, 1.3, 0.5),
          "list": lambda T: [1.0, 2.0, 0.5]}


@pytest.mark.parametrize("other", list(OTHERS))
@pytest.mark.parametrize("op", list(IN_PLACE))
@pytest.mark.parametrize("T", KINDS)
def test_in_place_operators_write_into_the_array(T, op, other):
    x = sample(T, (2, 3), start=0.4)
    alias, view = x, x[1:]
    ref = objects(x)
    o = OTHERS[other](T)
    ro = objects(o) if isinstance(o, (dn.DualArray, dn.HyperDualArray)) else \
        np.array(o, dtype=object) if isinstance(o, list) else o
    result = IN_PLACE[op](x, o)
    ref = IN_PLACE[op](ref, ro)
    assert result is alias  # in place, as ndarray's
    assert_duals(x, ref, T, rtol=SUMS)
    assert_duals(view, ref[1:], T, rtol=SUMS)  # views see the write, as ndarray's


@pytest.mark.parametrize("T", KINDS)
def test_in_place_needs_the_arrays_shape(T):
    x = sample(T, (3,))
    with pytest.raises(ValueError, match="non-broadcastable output operand"):
        x += sample(T, (2, 3))


WRITERS = {
    "put": lambda a, v: np.put(a, [0, 5, 2], v),
    "put wrap": lambda a, v: np.put(a, [7, -1], v, mode="wrap"),
    "put clip": lambda a, v: np.put(a, [9], v, mode="clip"),
    "place": lambda a, v: np.place(a, np.array([[True, False, True], [True, True, False]]), v),
    "putmask": lambda a, v: np.putmask(a, np.array([[True, False, True], [False, True, True]]),
                                       v),
    "fill_diagonal": lambda a, v: np.fill_diagonal(a, v),
    "copyto": lambda a, v: np.copyto(a, v[:3] if np.ndim(v) else v),
    "copyto where": lambda a, v: np.copyto(a, v[:3] if np.ndim(v) else v,
                                           where=np.array([True, False, True])),
}


@pytest.mark.parametrize("values", ["dual", "number", "list"])
@pytest.mark.parametrize("name", list(WRITERS))
@pytest.mark.parametrize("T", KINDS)
def test_writing_functions_match_object_arrays(T, name, values):
    a = sample(T, (2, 3))
    v = {"dual": sample(T, (4,), start=5.0), "number": 2.5, "list": [1.0, 2.0, 3.0, 4.0]}[values]
    ref = objects(a)
    assert WRITERS[name](a, v) is None
    WRITERS[name](ref, objects(v) if values == "dual" else v)
    assert_duals(a, ref, T)


@pytest.mark.parametrize("T", KINDS)
def test_writing_into_an_object_ndarray_is_numpys(T):
    """An object ndarray holds scalar duals: NumPy writes them (np.full of a dual fill)."""
    x = sample(T, (2,))
    for given in ({}, {"by_keyword": True}):
        dst = np.zeros(3, dtype=object)
        if given:
            np.put(a=dst, ind=[0, 2], v=x)
        else:
            np.put(dst, [0, 2], x)
        assert dst.dtype == object
        assert_duals(T(dst), np.array([objects(x)[0], 0.0, objects(x)[1]], dtype=object), T)
    full = np.full(2, x[0], dtype=object)
    assert full.dtype == object
    assert_duals(T(full), np.array([objects(x)[0]] * 2), T)


@pytest.mark.parametrize("name", list(WRITERS))
@pytest.mark.parametrize("T", KINDS)
def test_writing_duals_into_a_float_ndarray_says_what_to_write(T, name):
    buf = np.zeros((2, 3))
    with pytest.raises(TypeError, match=FLOAT_BUFFER):
        WRITERS[name](buf, sample(T, (4,)))
    assert not buf.any()


def test_a_scalar_dual_into_a_float_ndarray_says_what_to_write():
    def f(p):
        buf = np.zeros(2)
        buf[0] = p[0] * p[1]
        return buf
    for call in (lambda: dn.jvp(f, np.array([1.0, 2.0]), np.array([1.0, 0.0])),
                 lambda: f([dn.Dual(1.0, 1.0), dn.Dual(2.0, 0.0)])):
        with pytest.raises(TypeError, match=FLOAT_BUFFER + ".*np.zeros_like"):
            call()


# ---------------------------------------------------------------- the README's pattern
def residual(p):
    """README: the residual of x y = 2, x^2 + sin(y) = 1, allocated and filled."""
    r = np.zeros_like(p)
    r[0] = p[0] * p[1] - 2.0
    r[1] = p[0] ** 2 + np.sin(p[1]) - 1.0
    return r


def rhs(t, y):
    """README: the right-hand side of the Lotka-Volterra equations, allocated and filled."""
    dydt = dn.zeros(2, like=y)
    dydt[0] = 1.5 * y[0] - y[0] * y[1]
    dydt[1] = -3.0 * y[1] + y[0] * y[1]
    return dydt


def test_the_readme_residual_has_the_analytic_jacobian():
    p = np.array([0.7, 1.3])
    np.testing.assert_array_equal(dn.jacobian(residual, p), [[p[1], p[0]],
                                                             [2 * p[0], np.cos(p[1])]])
    y = np.array([2.0, 0.5])
    np.testing.assert_array_equal(dn.jacobian(lambda v: rhs(0.0, v), y),
                                  [[1.5 - y[1], -y[0]], [y[1], -3.0 + y[0]]])
    h = dn.hessian(lambda v: np.sum(residual(v) ** 2), p)
    r = residual(p)
    J = np.array([[p[1], p[0]], [2 * p[0], np.cos(p[1])]])
    second = r[0] * np.array([[0.0, 1.0], [1.0, 0.0]]) + \
        r[1] * np.array([[2.0, 0.0], [0.0, -np.sin(p[1])]])
    np.testing.assert_allclose(h, 2 * (J.T @ J + second), rtol=1e-14, atol=1e-14)
