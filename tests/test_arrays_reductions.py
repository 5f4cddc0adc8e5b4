"""Reductions of DualArray and HyperDualArray (dualnum.arrays.reductions): sum, mean, prod,
cumsum, cumprod, max and min, as functions, methods and ufunc.reduce/accumulate, against object
arrays of scalar duals; ties of max/min average the derivative parts."""
import numpy as np
import pytest

import dualnum as dn
from arrays_support import (KINDS, NAMES, SCALAR, SUMS, assert_duals, objects, sample,
                            tie_reference)


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


@pytest.mark.parametrize("T", [dn.DualArray, dn.HyperDualArray], ids=lambda t: t.__name__)
@pytest.mark.parametrize("kwargs", [{}, {"axis": 0}, {"axis": -1}, {"axis": (0,)},
                                    {"axis": 0, "keepdims": True}, {"axis": None}])
def test_the_compiled_sum_of_a_gradients_last_step_is_the_general_one(T, kwargs):
    """np.sum of a 1-D array with directions (the last step of every gradient) is taken in
    src/_storage.pyx without kwargs or along its one axis; it agrees bit for bit with the
    registered implementation, which takes every other form."""
    from dualnum.arrays import _registry
    rng = np.random.default_rng(3)
    n, k = 7, 5
    parts = [rng.normal(size=(n,)), rng.normal(size=(n, k))]
    if T is dn.HyperDualArray:
        parts += [rng.normal(size=(n, 2)), rng.normal(size=(n, k, 2))]
    x = T(*parts, directional=True)
    got = np.sum(x, **kwargs)
    want = _registry.HANDLED_FUNCTIONS[np.sum](x, **kwargs)
    for a, b in zip(got._parts, want._parts, strict=True):
        assert a.shape == b.shape and a.tobytes() == b.tobytes()
