"""Array functions that move, select and combine the elements of DualArray and HyperDualArray
(dualnum.arrays.shape): against object arrays of scalar duals, compared exactly; where, clip,
argmax and the shape queries; and directional arrays, direction by direction."""
import itertools

import numpy as np
import pytest

import dualnum as dn
from arrays_support import (KINDS, NAMES, SCALAR, assert_duals, objects, operand_a, operand_b,
                            sample)


# ---------------------------------------------------------------- array functions
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
    # constants beside dual arrays: ndarrays and numbers join as elements without derivative
    "stack ndarray": lambda a, b: np.stack([a, np.arange(6.0).reshape(2, 3)], axis=1),
    "vstack ndarray": lambda a, b: np.vstack([np.arange(3.0), a]),
    "concatenate ndarray": lambda a, b: np.concatenate([a, np.ones((1, 3))]),
    "hstack number": lambda a, b: np.hstack([a[0], 2.0, b[1]]),
    "atleast_2d ndarray": lambda a, b: np.atleast_2d(a, np.arange(2.0))[1] * a[0, :2],
}


@pytest.mark.parametrize("name", list(FUNCTIONS))
@pytest.mark.parametrize("T", KINDS)
def test_array_functions_match_object_arrays(T, name):
    """Exactly: these functions only move, select or combine elements (the products, which
    sum, are in test_arrays_linalg.py)."""
    func = FUNCTIONS[name]
    got = func(operand_a(T), operand_b(T))
    want = func(objects(operand_a(T)), objects(operand_b(T)))
    assert_duals(got, want, T, rtol=0.0)


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


def _objects(v):
    """An object array of scalar duals and numbers for a dual array, a scalar dual, an
    ndarray, a list or a number."""
    return objects(v) if isinstance(v, (dn.DualArray, dn.HyperDualArray)) else \
        np.array(v, dtype=object)


def _clip_operands(T):
    """Each of clip's a, a_min, a_max in every form: a dual array, a scalar dual, an ndarray,
    a list, a number, None (for a bound)."""
    a = sample(T, (2, 3))
    low, high = sample(T, (3,), start=0.5, step=0.5), sample(T, (), start=1.4)[()]
    return ({"dual array": a, "ndarray": a.real, "list": a.real.tolist(), "number": 0.9},
            {"dual array": low, "scalar dual": low[1], "ndarray": low.real, "number": 0.67,
             "None": None},
            {"dual array": high * np.ones(3), "scalar dual": high, "ndarray": high.real + 0.0 *
             low.real, "list": [1.5, 1.2, 1.4], "None": None})


@pytest.mark.parametrize("T", KINDS)
def test_clip_takes_every_mix_of_operands(T):
    """A plain a beside a dual bound used to fail ('NoneType' object is not callable)."""
    a_forms, low_forms, high_forms = _clip_operands(T)
    reached = 0
    for a, low, high in itertools.product(a_forms.values(), low_forms.values(),
                                          high_forms.values()):
        if not any(isinstance(v, (T, SCALAR[T])) for v in (a, low, high)) or \
                low is None and high is None:
            continue  # NumPy's own clip (no dual operand), or no bound at all
        want = _objects(a)
        if low is not None:
            want = _objects(np.frompyfunc(dn.maximum, 2, 1)(want, _objects(low)))
        if high is not None:
            want = _objects(np.frompyfunc(dn.minimum, 2, 1)(want, _objects(high)))
        got = np.clip(a, low, high)
        assert_duals(got, want if want.ndim else want[()], T)  # 0-d: a scalar dual
        reached += 1
    assert reached == 72


def test_clip_of_an_ndarray_by_a_dual_bound_as_reported():
    assert dn.derivative(lambda b: np.clip(np.array([0.5, 2.0]), 0.0, b), 1.0).tolist() == \
        [0.0, 1.0]


@pytest.mark.parametrize("T", KINDS)
def test_where_argmax_and_shape_queries_use_the_real_parts(T):
    x = sample(T, (2, 3))
    assert np.argmax(x) == 5 and np.argmin(x, axis=1).tolist() == [0, 0]
    assert np.shape(x) == (2, 3) and np.ndim(x) == 2 and np.size(x) == 6
    np.testing.assert_array_equal(np.where(x > 1.0)[0], np.nonzero(x.real > 1.0)[0])


# ---------------------------------------------------------------- directions
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
    "det": lambda x: np.linalg.det(x[:, :2]),
    "det stacked": lambda x: np.linalg.det(np.stack([x[:, :2], x[:, 1:], x[:, ::2]])),
    "det singular": lambda x: np.linalg.det(x[[0, 0], :2]),
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
