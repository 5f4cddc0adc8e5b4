"""max and min over every axis where one element attains the extreme (found by argmax and
argmin: dualnum.arrays.reductions._lone_extreme) against the weighted path that serves every
other case (reached here through an ``initial`` that no element attains): the same parts,
bit for bit, for Dual and HyperDual arrays with and without directions, 0-d to 3-d,
keepdims; and ties and NaN take the weighted path."""
import numpy as np
import pytest

from arrays_support import KINDS, NAMES, seeded
from dualnum.arrays import reductions


def parts(value, T):
    return [np.asarray(getattr(value, n)) for n in NAMES[T]]


@pytest.mark.parametrize("keepdims", [False, True])
@pytest.mark.parametrize("directional", [False, True])
@pytest.mark.parametrize("T", KINDS)
@pytest.mark.parametrize("shape", [(), (1,), (7,), (2, 3, 4)])
@pytest.mark.parametrize("func", [np.max, np.min])
def test_the_lone_extreme_is_the_weighted_one(func, shape, T, directional, keepdims,
                                              monkeypatch):
    rng = np.random.default_rng(len(shape) + 3 * keepdims)
    x = seeded(T, rng.permutation(max(int(np.prod(shape)), 1)) * 0.5 - 1.0, directional,
               rng).reshape(shape)
    initial = -np.inf if func is np.max else np.inf  # attained by no element
    want = func(x, keepdims=keepdims, initial=initial)  # the weighted path
    calls = []
    lone = reductions._lone_extreme
    monkeypatch.setattr(reductions, "_lone_extreme", lambda *a: calls.append(1) or lone(*a))
    got = func(x, keepdims=keepdims)
    assert calls == [1]
    assert type(got) is type(want)
    for g, w in zip(parts(got, T), parts(want, T)):
        assert g.shape == w.shape
        np.testing.assert_array_equal(g, w)


@pytest.mark.parametrize("T", KINDS)
def test_ties_and_nan_take_the_weighted_path(T, monkeypatch):
    rng = np.random.default_rng(4)
    taken = []
    weighted = reductions._lone_extreme
    monkeypatch.setattr(reductions, "_lone_extreme",
                        lambda *a: taken.append(weighted(*a)) or taken[-1])
    tie = seeded(T, np.array([1.0, 3.0, 3.0, 2.0]), True, rng)
    first = np.max(tie).dual if T.__name__ == "DualArray" else np.max(tie).eps1
    np.testing.assert_array_equal(first, (tie._parts[1][1] + tie._parts[1][2]) / 2)
    nan = seeded(T, np.array([1.0, np.nan, 2.0]), False, rng)
    assert np.isnan(np.min(nan).real)
    assert taken == [None, None]
