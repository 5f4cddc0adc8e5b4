"""The count of operations that may move values between elements (src/_storage.pyx,
dualnum/arrays/watching.py), by which the elementwise derivatives skip their probe.

The probe is skipped only where f did nothing to dual arrays but ufunc calls and arithmetic
with arrays of its computation and uniform constants. So every other way to reach a dual
array's elements must count: each method, property and operator of the classes is called
here and must move the count (a new one fails until it is classified), and the arithmetic
that must not count is checked not to. The derivatives with and without the probe are
compared, and an f that counts is probed (and refused where it is not elementwise)."""
import copy
import pickle

import numpy as np
import pytest
import scipy.special

import dualnum as dn
from dualnum import api
from dualnum.arrays import watching
from dualnum.arrays._storage import unsafe_operations


def counts(action):
    before = unsafe_operations()
    try:
        action()
    except Exception:   # a refusal counts as well: it ran
        pass
    return unsafe_operations() - before


def sample(cls):
    return cls(np.linspace(0.2, 0.8, 4), *([1.0] if cls is dn.DualArray else [1.0, 1.0, 0.0]))


# Every way into a dual array's elements that is not elementwise arithmetic: name -> call.
def _set(x):
    x[0] = 0.5


def _iadd(x):
    x += 1.0


COUNTED = {
    "T": lambda x: x.T, "real": lambda x: x.real, "shape": lambda x: x.shape,
    "size": lambda x: x.size, "nbytes": lambda x: x.nbytes,
    "dual": lambda x: x.dual, "eps1": lambda x: x.eps1, "eps2": lambda x: x.eps2,
    "eps1eps2": lambda x: x.eps1eps2,
    "all": lambda x: x.all(), "any": lambda x: x.any(), "argmax": lambda x: x.argmax(),
    "argmin": lambda x: x.argmin(), "argsort": lambda x: x.argsort(),
    "astype": lambda x: x.astype(object), "clip": lambda x: x.clip(0.3, 0.6),
    "conj": lambda x: x.conj(), "conjugate": lambda x: x.conjugate(),
    "copy": lambda x: x.copy(), "cumprod": lambda x: x.cumprod(),
    "cumsum": lambda x: x.cumsum(), "diagonal": lambda x: x.reshape(2, 2).diagonal(),
    "dot": lambda x: x.dot(x), "fill": lambda x: x.copy().fill(1.0),
    "flatten": lambda x: x.flatten(), "item": lambda x: x.item(0),
    "max": lambda x: x.max(), "mean": lambda x: x.mean(), "min": lambda x: x.min(),
    "nonzero": lambda x: x.nonzero(), "prod": lambda x: x.prod(),
    "ptp": lambda x: x.ptp(), "ravel": lambda x: x.ravel(), "repeat": lambda x: x.repeat(2),
    "reshape": lambda x: x.reshape(2, 2), "round": lambda x: x.round(1),
    "searchsorted": lambda x: x.searchsorted(0.5), "sort": lambda x: x.copy().sort(),
    "squeeze": lambda x: x.squeeze(), "std": lambda x: x.std(), "sum": lambda x: x.sum(),
    "swapaxes": lambda x: x.swapaxes(0, 0), "take": lambda x: x.take([1, 0]),
    "tolist": lambda x: x.tolist(), "trace": lambda x: x.reshape(2, 2).trace(),
    "transpose": lambda x: x.transpose(), "var": lambda x: x.var(),
    "__getitem__": lambda x: x[1:], "__setitem__": _set, "__iter__": lambda x: list(x),
    "__reversed__": lambda x: list(reversed(x)), "__len__": len, "__bool__": bool,
    "__float__": float, "__int__": int, "__complex__": complex,
    "__index__": lambda x: [0][x], "__array__": np.asarray, "__repr__": repr,
    "__str__": str, "__format__": format,
    "__array_function__": np.sum, "__array_ufunc__": lambda x: np.add.reduce(x),
    "__matmul__": lambda x: x @ x, "__rmatmul__": lambda x: np.ones(4) @ x,
    "__floordiv__": lambda x: x // 0.5, "__rfloordiv__": lambda x: 2.0 // x,
    "__mod__": lambda x: x % 0.5, "__rmod__": lambda x: 2.0 % x,
    "__divmod__": lambda x: divmod(x, 0.5), "__rdivmod__": lambda x: divmod(2.0, x),
    "__lt__": lambda x: x < 0.5, "__le__": lambda x: x <= 0.5, "__gt__": lambda x: x > 0.5,
    "__ge__": lambda x: x >= 0.5, "__eq__": lambda x: x == 0.5, "__ne__": lambda x: x != 0.5,
    "__round__": round, "__copy__": copy.copy, "__deepcopy__": copy.deepcopy,
    "__reduce__": pickle.dumps, "__reduce_ex__": lambda x: x.__reduce_ex__(2),
    "__iadd__": _iadd, "__isub__": lambda x: x.__isub__(1.0),
    "__imul__": lambda x: x.__imul__(2.0), "__itruediv__": lambda x: x.__itruediv__(2.0),
    "__ipow__": lambda x: x.__ipow__(2.0), "__imatmul__": lambda x: x.__imatmul__(x),
    # arithmetic with operands that are not uniform: arrays of many constants, other
    # computations, scalar duals, comparisons' and tests' results (plain arrays)
    "__add__": lambda x: x + np.arange(4.0), "__radd__": lambda x: np.arange(4.0) + x,
    "__sub__": lambda x: x - np.arange(4.0), "__rsub__": lambda x: np.arange(4.0) - x,
    "__mul__": lambda x: x * np.arange(4.0), "__rmul__": lambda x: np.arange(4.0) * x,
    "__truediv__": lambda x: x / np.arange(1.0, 5.0),
    "__rtruediv__": lambda x: np.arange(4.0) / x,
    "__pow__": lambda x: x ** np.arange(4.0), "__rpow__": lambda x: np.arange(4.0) ** x,
}
CLASSES = [dn.DualArray, dn.HyperDualArray]


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_every_name_of_the_classes_is_classified(cls):
    """A name is counted (below), tells nothing of positions (PLACELESS), is Python's
    machinery, private, or object's own that says nothing of the values."""
    quiet = {"__class__", "__delattr__", "__dir__", "__getattribute__", "__setattr__",
             "__sizeof__", "__subclasshook__", "__init_subclass__", "__new__", "__init__",
             "__pyx_vtable__", "__reduce_cython__", "__setstate_cython__", "__setstate__",
             "__getstate__", "__neg__", "__pos__", "__abs__", "__slots__", "__doc__",
             "__module__", "__hash__", "__array_priority__"}
    for name in dir(cls):
        if name.startswith("_") and not name.startswith("__"):
            continue
        assert name in COUNTED or name in watching.PLACELESS or name in quiet, name


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
@pytest.mark.parametrize("name", sorted(COUNTED))
def test_each_way_to_the_elements_counts(cls, name):
    if name in ("dual",) and cls is dn.HyperDualArray or \
            name.startswith("eps") and cls is dn.DualArray:
        pytest.skip("not an attribute of this class")
    assert counts(lambda: COUNTED[name](sample(cls))) >= 1


def test_getstate_tells_nothing():
    """object.__getstate__ of a dual array: its state lives in the compiled base, which
    __getstate__ does not give (pickling goes through __reduce__, which counts)."""
    assert sample(dn.DualArray).__getstate__() is None


ELEMENTWISE = {
    "sin": np.sin, "exp of sin": lambda t: np.exp(np.sin(t)), "product": lambda t: t * t,
    "quotient": lambda t: t / (1.0 + t), "square": lambda t: t ** 2,
    "powers": lambda t: t ** 2.5 + 2.0 ** t + t ** t, "numbers": lambda t: 2 * t - 1 / t,
    "numpy scalars": lambda t: np.float64(2.0) * t + np.int64(3),
    "arrays of one element": lambda t: np.array([2.0]) * t + np.array(1.0),
    "maximum": lambda t: np.maximum(t, 0.3), "abs": lambda t: abs(t - 0.5) + 1.0,
    "negation": lambda t: -t, "erf": scipy.special.erf,
    "composite": lambda t: np.exp(np.sin(t)) * t ** 2 / (1 + t ** 2) + np.sqrt(t)
    * np.log(t) + np.tanh(t),
}


@pytest.mark.parametrize("name", ELEMENTWISE)
@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_elementwise_arithmetic_does_not_count(name, cls):
    f = ELEMENTWISE[name]
    f(sample(cls))   # a first call may register an optional ufunc (scipy.special)
    assert counts(lambda: f(sample(cls))) == 0


@pytest.mark.parametrize("n", [2, 100, api.BLOCK, api.BLOCK + 1, 3 * api.BLOCK + 7])
@pytest.mark.parametrize("name", ELEMENTWISE)
def test_without_the_probe_the_derivatives_are_those_with_it(name, n, monkeypatch):
    """An f that did nothing but elementwise arithmetic is not probed; its derivatives are
    the probed ones, bit for bit, on one evaluation and on blocks."""
    f = ELEMENTWISE[name]
    x = np.linspace(0.2, 0.9, n)
    probes = []
    probe = api._check_elementwise
    monkeypatch.setattr(api, "_check_elementwise", lambda *a: probes.append(1) or probe(*a))
    f(dn.DualArray(x[:2], 1.0))
    fast = [dn.derivative(f, x), *dn.derivatives(f, x)]
    assert probes == []
    # the same f, made to count: probed, and equal
    slow = [dn.derivative(lambda t: f(t + t.size * 0.0), x),
            *dn.derivatives(lambda t: f(t + t.size * 0.0), x)]
    assert len(probes) == 2
    for a, b in zip(fast, slow, strict=True):
        assert a.tobytes() == b.tobytes()


@pytest.mark.parametrize("f", [lambda t: t - t.mean(), lambda t: np.cumsum(t),
                               lambda t: t[::-1], lambda t: t * t.size,
                               lambda t: np.where(t > 0.5, t, 0.0),
                               lambda t: t * np.linspace(1.0, 2.0, t.size)])
def test_anything_else_is_probed(f, monkeypatch):
    probes = []
    probe = api._check_elementwise
    monkeypatch.setattr(api, "_check_elementwise", lambda *a: probes.append(1) or probe(*a))
    try:
        dn.derivative(f, np.linspace(0.2, 0.9, 50))
    except ValueError:
        pass
    assert probes == [1]


@pytest.mark.parametrize("shape", [(1,), (7,), (3, 4), (2, 3, 4)])
def test_the_compiled_reading_gives_the_callers_own_arrays(shape):
    """f = identity passes its read-only seed on: the API's results are copies, writeable,
    of x's shape; writing into them changes neither x nor the next call's seeds."""
    x = np.linspace(0.2, 0.9, int(np.prod(shape))).reshape(shape)
    value, first, second = dn.derivatives(lambda t: t, x)
    d = dn.derivative(lambda t: t, x)
    for a, want in ((value, x), (first, np.ones(shape)), (second, np.zeros(shape)),
                    (d, np.ones(shape))):
        assert a.shape == shape and a.flags.writeable and a.flags.c_contiguous
        np.testing.assert_array_equal(a, want)
        a[...] = 7.0
    np.testing.assert_array_equal(x, np.linspace(0.2, 0.9, x.size).reshape(shape))
    np.testing.assert_array_equal(dn.derivative(lambda t: t, x), np.ones(shape))
    assert not np.shares_memory(dn.derivatives(np.sin, x)[0], x)


@pytest.mark.parametrize("where", [0, 5, 9])
def test_a_nan_second_derivative_is_reported_wherever_it_is(where):
    from dualnum.arrays._storage import any_nan
    a = np.zeros(10)
    assert not any_nan(a) and not any_nan(a[::2])
    a[where] = np.nan
    assert any_nan(a) and any_nan(a.reshape(2, 5).T)
    x = np.linspace(-1.0, 1.0, 10)
    x[where] = 0.0   # maximum(t, 0) at its tie: a kink, no second derivative
    with pytest.warns(RuntimeWarning, match="NaN at 1 of 10"):
        second = dn.second_derivative(lambda t: np.maximum(t, 0.0) + 0.0 * t, x)
    assert np.isnan(second[where]) and np.count_nonzero(np.isnan(second)) == 1


def test_an_out_argument_counts():
    x = sample(dn.DualArray)
    y = np.sin(x)
    assert counts(lambda: np.sin(x, out=y)) >= 1
    assert counts(lambda: np.add(x, 1.0, where=True)) >= 1


def test_the_block_sizes_are_the_readmes():
    """README: beyond 65536 elements for derivative, 16384 for second_derivative and
    derivatives, f is evaluated in blocks of equal size at most that large."""
    assert api.BLOCK == 65536 and api.HYPER_BLOCK == 16384
    seen = []

    def f(t):
        seen.append(t.shape[0])   # (counted: f is probed too)
        return np.sin(t)
    x = np.linspace(0.1, 2.0, 3 * api.HYPER_BLOCK + 5)
    dn.second_derivative(f, x)
    sizes = np.diff(api._blocks(x.size, api.HYPER_BLOCK)).tolist()
    assert len(sizes) == 4 and max(sizes) <= api.HYPER_BLOCK and sum(sizes) == x.size
    assert seen[:4] == sizes
    seen.clear()
    dn.derivative(f, x)
    assert seen[0] == x.size   # one evaluation of x itself, then the probe
