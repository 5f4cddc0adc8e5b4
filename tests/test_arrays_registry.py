"""The NEP 13/18 registry of the array layer (dualnum.arrays._registry): every handled function
is one NumPy lets dual arrays override, and the dispatchers refuse any function or ufunc that
has no implementation with a TypeError naming it."""
import inspect

import numpy as np
import pytest
import scipy.special as sp
from numpy.testing.overrides import (allows_array_function_override,
                                     get_overridable_numpy_array_functions)

import dualnum as dn
from arrays_support import KINDS, SCALAR, SUMS, assert_duals, objects, sample
from dualnum.arrays import HANDLED_FUNCTIONS, _registry


# ---------------------------------------------------------------- NEP 13: ufuncs
@pytest.mark.parametrize("call, name", [
    (lambda x: np.heaviside(x, 0.5), "heaviside"), (lambda x: np.nextafter(x, 1.0), "nextafter"),
    (lambda x: np.ldexp(x, 2), "ldexp"), (lambda x: np.add.outer(x, x), "outer"),
    (lambda x: np.add.at(x, [0], 1.0), "at"), (lambda x: np.maximum.accumulate(x), "accumulate"),
    (lambda x: np.add.reduceat(x, [0, 2]), "reduceat"), (lambda x: np.floor_divide(x, 2.0),
                                                         "floor_divide"),
    (lambda x: sp.j0(x), r"scipy\.special\.j0 is not"),
    (lambda x: np.heaviside(x, 0.5, dtype=float), r"numpy\.heaviside on dual arrays takes")])
@pytest.mark.parametrize("T", KINDS)
def test_unsupported_ufuncs_raise(T, call, name):
    with pytest.raises(TypeError, match=name):
        call(sample(T, (3,)))


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
    (lambda x: np.linalg.svd(np.outer(x, x)), "svd"),
    (lambda x: np.sum(x, dtype=np.float32), "dtype")])
@pytest.mark.parametrize("T", KINDS)
def test_unhandled_functions_raise_naming_them(T, call, name):
    with pytest.raises(TypeError, match=name):
        call(sample(T, (3,)))


# ---------------------------------------------------------------- every keyword of every function
# For each registered function: its operands (by NumPy's parameter names, built by ``make``:
# dual arrays, or the object arrays of scalar duals that are the reference), the arguments
# every call needs, and per keyword of NumPy's signature the calls that try it and what each
# must give: NUMPY (what NumPy gives on the object arrays, its errors included), SAME (what
# the call gives without that keyword), OUT (out= filled and returned), REFUSED (a TypeError
# naming the function and the keyword), or a function of the object operands (the reference
# where NumPy's object arrays need another call). Operands passed by keyword must give what
# they give by position. "**kwargs" stands for the ufunc keywords that clip passes on.
NUMPY, SAME, OUT, REFUSED = "numpy", "same", "out", "refused"
MASK = np.array([True, False, True])
OUT_ARRAY, FLOAT_ARRAY = "<a dual array for out=>", "<a float ndarray for out=>"


class Made:
    """A keyword value built by ``make`` (a dual array, or its object-array twin)."""

    def __init__(self, build):
        self.build = build


def x23(make):
    return {"a": make((2, 3))}


def square(make):
    return make((3, 3), start=-0.4, step=0.21) + 3.0 * np.eye(3)  # invertible


def norm_rows(keepdims):
    """The Euclidean norms of the rows of the object array (NumPy's norm of object arrays
    asks its elements for a conjugate)."""
    return lambda o: np.frompyfunc(dn.sqrt, 1, 1)(np.sum(o["x"] * o["x"], axis=1,
                                                         keepdims=keepdims))


def pair(first, second, shape=(2, 3), shape_b=(2, 3)):
    return lambda make: {first: make(shape), second: make(shape_b, start=-1.0, step=0.45)}


DTYPES = [({"dtype": np.float64}, SAME), ({"dtype": float}, SAME),
          ({"dtype": np.float32}, REFUSED), ({"dtype": object}, REFUSED)]
CASTING = [({"casting": "same_kind"}, SAME), ({"casting": "unsafe"}, REFUSED),
           ({"casting": "no"}, REFUSED)]


def outs(**given):
    return [(dict(given, out=OUT_ARRAY), OUT), (dict(given, out=FLOAT_ARRAY), REFUSED)]


def reduction(initial, where_alone):
    """The cases of a reduction; ``where_alone`` is the reference of where= without initial=
    (NumPy's object arrays need an initial value with where=)."""
    cases = {"axis": [({"axis": 1}, NUMPY), ({"axis": (0, 1)}, NUMPY)], "out": outs(axis=1),
             "keepdims": [({"axis": 0, "keepdims": True}, NUMPY), ({"keepdims": True}, NUMPY)],
             "where": [({"axis": 1, "where": MASK}, where_alone)]}
    if initial is not None:
        cases["where"].append(({"axis": 1, "where": MASK, "initial": initial}, NUMPY))
        cases["initial"] = [({"axis": 1, "initial": initial}, NUMPY),
                            ({"initial": initial}, NUMPY)]
    return cases


DUAL_INITIAL = Made(lambda make: make((), start=5.0))
EXTREMES = dict(reduction(2.0, NUMPY))  # NumPy refuses where= without initial= alike
EXTREMES["initial"] = EXTREMES["initial"] + [({"initial": 0.0}, NUMPY),
                                             ({"initial": DUAL_INITIAL}, REFUSED)]
CLIP = {"a_min": [({"a_min": 0.5, "a_max": None}, NUMPY), ({"a_min": 0.5}, NUMPY)],
        "a_max": [({"a_min": None, "a_max": 1.5}, NUMPY), ({"a_max": 1.5}, NUMPY)],
        "out": outs(a_min=0.5, a_max=1.5),
        "min": [({"min": 0.5}, NUMPY), ({"a_min": 0.5, "a_max": 1.5, "min": 0.5}, NUMPY)],
        "max": [({"max": 1.5}, NUMPY), ({"min": 0.5, "max": 1.5}, NUMPY)],
        "**kwargs": [({"a_min": 0.5, "a_max": 1.5, k: v}, REFUSED) for k, v in
                     [("where", MASK), ("casting", "unsafe"), ("dtype", np.float64),
                      ("order", "F"), ("subok", True)]]}
ARGS = {"axis": [({"axis": 1}, NUMPY)], "out": [({"out": OUT_ARRAY}, OUT)],
        "keepdims": [({"axis": 0, "keepdims": True}, NUMPY)]}  # argmax, argmin

SUM = dict(reduction(2.5, lambda o: np.sum(o["a"], 1, where=MASK, initial=0.0)), dtype=DTYPES)
SUM["initial"] = SUM["initial"] + [({"initial": DUAL_INITIAL}, REFUSED)]
PROD = dict(reduction(2.5, lambda o: np.prod(o["a"], 1, where=MASK, initial=1.0)),
            dtype=DTYPES)
PROD["initial"] = PROD["initial"] + [({"axis": 0, "initial": DUAL_INITIAL}, NUMPY)]

KEYWORD_CASES = {
    np.sum: (x23, {}, SUM),
    np.mean: (x23, {}, dict(reduction(None, lambda o: np.sum(o["a"], 1, where=MASK,
                                                             initial=0.0) / 2), dtype=DTYPES)),
    np.prod: (x23, {}, PROD),
    np.max: (x23, {}, EXTREMES), np.amax: (x23, {}, EXTREMES),
    np.min: (x23, {}, EXTREMES), np.amin: (x23, {}, EXTREMES),
    np.cumsum: (x23, {}, {"axis": [({"axis": 1}, NUMPY)], "dtype": DTYPES,
                          "out": outs(axis=1)}),
    np.cumprod: (x23, {}, {"axis": [({"axis": 0}, NUMPY)], "dtype": DTYPES,
                           "out": outs(axis=0)}),
    np.concatenate: (lambda make: {"arrays": [make((2, 3)), make((1, 3), start=-1.0)]}, {},
                     {"axis": [({"axis": 0}, NUMPY), ({"axis": None}, NUMPY)],
                      "out": outs(), "dtype": DTYPES, "casting": CASTING}),
    np.stack: (lambda make: {"arrays": [make((2, 3)), make((2, 3), start=-1.0)]}, {},
               {"axis": [({"axis": 2}, NUMPY)], "out": outs(axis=1), "dtype": DTYPES,
                "casting": CASTING}),
    np.hstack: (lambda make: {"tup": [make((2, 3)), make((2, 1), start=-1.0)]}, {},
                {"dtype": DTYPES, "casting": CASTING}),
    np.vstack: (lambda make: {"tup": [make((2, 3)), make((3,), start=-1.0)]}, {},
                {"dtype": DTYPES, "casting": CASTING}),
    # the operand of reshape, ravel and copy is Fortran-ordered, so that order='A', 'K' and
    # copy=False matter
    np.reshape: (lambda make: {"a": make((2, 3)).T}, {"shape": (2, 3)},
                 {"shape": [({"shape": (6, 1)}, NUMPY), ({"shape": (-1,)}, NUMPY)],
                  "order": [({"order": o}, NUMPY) for o in "CFAK"],
                  "copy": [({"copy": True}, NUMPY), ({"copy": False}, NUMPY),
                           ({"order": "F", "copy": False}, NUMPY)]}),
    np.ravel: (lambda make: {"a": make((2, 3)).T}, {},
               {"order": [({"order": o}, NUMPY) for o in "CFAK"]}),
    np.transpose: (lambda make: {"a": make((2, 3, 2))}, {},
                   {"axes": [({"axes": (1, 0, 2)}, NUMPY), ({"axes": (0, 3, 1)}, NUMPY)]}),
    np.moveaxis: (lambda make: {"a": make((2, 3, 2))}, {"source": 0, "destination": -1},
                  {"source": [({"source": (0, 1), "destination": (2, 0)}, NUMPY)],
                   "destination": [({"destination": 1}, NUMPY)]}),
    np.swapaxes: (lambda make: {"a": make((2, 3, 2))}, {"axis1": 0, "axis2": 1},
                  {"axis1": [({"axis1": 2}, NUMPY)], "axis2": [({"axis2": -1}, NUMPY)]}),
    np.squeeze: (lambda make: {"a": make((2, 1, 3, 1))}, {},
                 {"axis": [({"axis": 1}, NUMPY), ({"axis": (1, 3)}, NUMPY),
                           ({"axis": 0}, NUMPY)]}),
    np.expand_dims: (x23, {"axis": 0}, {"axis": [({"axis": (0, 3)}, NUMPY),
                                                 ({"axis": -1}, NUMPY)]}),
    np.broadcast_to: (lambda make: {"array": make((2, 3))}, {"shape": (4, 2, 3)},
                      {"shape": [({"shape": (3, 2, 3)}, NUMPY)],
                       "subok": [({"subok": True}, SAME), ({"subok": False}, SAME)]}),
    np.shape: (x23, {}, {}), np.ndim: (x23, {}, {}),
    np.atleast_1d: (x23, {}, {}), np.atleast_2d: (x23, {}, {}),  # operands only (*arys)
    np.size: (x23, {}, {"axis": [({"axis": 1}, NUMPY), ({"axis": (0, 1)}, NUMPY)]}),
    np.copy: (lambda make: {"a": make((2, 3)).T}, {},
              {"order": [({"order": o}, NUMPY) for o in "CFAK"],
               "subok": [({"subok": True}, SAME), ({"subok": False}, SAME)]}),
    np.where: (lambda make: {"condition": MASK, "x": make((2, 3)),
                             "y": make((2, 3), start=-1.0)}, {}, {}),
    np.clip: (x23, {}, CLIP),
    np.diff: (x23, {}, {"n": [({"n": 2}, NUMPY), ({"n": 0}, NUMPY), ({"n": -1}, NUMPY)],
                        "axis": [({"axis": 0}, NUMPY)],
                        "prepend": [({"prepend": 0.5}, NUMPY),
                                    ({"prepend": Made(lambda make: make((2, 1), start=-2.0)),
                                      "n": 2}, NUMPY)],
                        "append": [({"append": np.array([[1.0], [2.0]])}, NUMPY),
                                   ({"append": 0.5, "prepend": 0.25, "axis": 0}, NUMPY)]}),
    np.diag: (lambda make: {"v": make((3, 3))}, {}, {"k": [({"k": 1}, NUMPY),
                                                           ({"k": -2}, NUMPY)]}),
    np.trace: (lambda make: {"a": make((3, 3, 2))}, {},
               {"offset": [({"offset": 1}, NUMPY)],
                "axis1": [({"axis1": 1, "axis2": 2}, NUMPY)], "axis2": [({"axis2": 2}, NUMPY)],
                "dtype": DTYPES, "out": outs()}),
    np.argmax: (x23, {}, ARGS), np.argmin: (x23, {}, ARGS),
    np.dot: (pair("a", "b", shape_b=(3, 2)), {}, {"out": outs()}),
    np.inner: (pair("a", "b"), {}, {}),
    np.outer: (pair("a", "b", (2,), (3,)), {}, {"out": outs()}),
    np.linalg.solve: (lambda make: {"a": square(make), "b": make((3,), start=1.0)}, {}, {}),
    np.linalg.inv: (lambda make: {"a": square(make)}, {}, {}),
    np.linalg.det: (lambda make: {"a": square(make)}, {}, {}),
    np.linalg.norm: (lambda make: {"x": make((2, 3))}, {},
                     {"ord": [({"ord": "fro"}, SAME), ({"ord": 1, "axis": 1}, NUMPY),
                              ({"ord": np.inf, "axis": 1}, NUMPY), ({"ord": 2}, REFUSED),
                              ({"ord": "nuc"}, REFUSED)],
                      "axis": [({"axis": 1}, norm_rows(False)), ({"axis": (0, 1)}, SAME)],
                      "keepdims": [({"axis": 1, "keepdims": True}, norm_rows(True))]}),
    np.i0: (lambda make: {"x": make((2, 3))}, {}, {}),
}
ALIASES = {np.amax: "max", np.amin: "min"}  # one implementation, named after the first


def keywords(func):
    """The parameters of NumPy's func that a caller may pass by keyword ("**kwargs" for the
    keywords it passes on)."""
    kinds = {inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY}
    return [p.name if p.kind in kinds else "**kwargs"
            for p in inspect.signature(func).parameters.values()
            if p.kind in kinds or p.kind == inspect.Parameter.VAR_KEYWORD]


def name_of(func):
    return ("linalg." if func.__module__.endswith("linalg") else "") + func.__name__


def dual_maker(T):
    return lambda shape, **kw: sample(T, shape, **kw)


def object_maker(T):
    return lambda shape, **kw: objects(sample(T, shape, **kw))


WALK = [(f, k) for f in HANDLED_FUNCTIONS for k in keywords(f)]


def test_the_walk_covers_the_registry():
    assert set(KEYWORD_CASES) == set(HANDLED_FUNCTIONS)


@pytest.mark.parametrize("func, keyword", WALK, ids=["%s-%s" % (name_of(f), k) for f, k in WALK])
@pytest.mark.parametrize("T", KINDS)
def test_every_numpy_keyword_is_honoured_or_refused(T, func, keyword):
    """Each keyword of NumPy's signature, on dual arrays: never ignored, never Python's
    "unexpected keyword argument"."""
    build, required, cases = KEYWORD_CASES[func]
    if keyword in build(dual_maker(T)):
        cases = [({}, SAME)]  # an operand, passed by keyword (with those after it)
    else:
        assert cases.get(keyword), "no case for keyword %s of %s" % (keyword, name_of(func))
        cases = cases[keyword]
    for given, expect in cases:
        named = [k for k in given if k not in keywords(func)] if keyword == "**kwargs" else \
            [keyword]
        check_call(T, func, build, dict(required, **given), named[0], expect)


def call(func, build, kwargs, make, by_keyword=()):
    """func on the operands that ``make`` builds: by position, or by keyword for the names
    in by_keyword; values of kwargs that are Made are built by make too."""
    operands = build(make)
    args = [v for k, v in operands.items() if k not in by_keyword]
    given = {k: v.build(make) if isinstance(v, Made) else v for k, v in kwargs.items()}
    return func(*args, **{k: v for k, v in operands.items() if k in by_keyword}, **given)


def outcome(thunk):
    """(result, None), or (None, the exception raised)."""
    try:
        return thunk(), None
    except Exception as error:  # noqa: BLE001  (compared with the reference's)
        return None, error


def check_call(T, func, build, kwargs, keyword, expect):
    dual, objs = dual_maker(T), object_maker(T)
    without = {k: v for k, v in kwargs.items() if k != keyword}
    if expect in (OUT, REFUSED) and kwargs.get("out") in (OUT_ARRAY, FLOAT_ARRAY):
        want = call(func, build, without, dual)
        kwargs = dict(kwargs, out=out_array(kwargs["out"], want))
    if expect == REFUSED:
        with pytest.raises(TypeError) as refused:
            call(func, build, kwargs, dual)
        message = str(refused.value)
        assert "numpy.%s" % ALIASES.get(func, name_of(func)) in message, message
        assert keyword in message and "unexpected keyword" not in message, message
        return
    if expect == OUT:
        got = call(func, build, kwargs, dual)
        assert got is kwargs["out"]
        return assert_same(T, got, want)
    if expect == SAME and keyword in build(dual):
        by_keyword = keywords(func)  # this operand and any after it
        want = outcome(lambda: call(func, build, kwargs, dual))
        got = outcome(lambda: call(func, build, kwargs, dual, by_keyword=by_keyword))
    else:
        if expect == SAME:
            want = outcome(lambda: call(func, build, without, dual))
        elif expect == NUMPY:
            want = outcome(lambda: call(func, build, kwargs, objs))
        else:  # the reference, computed from the object operands
            want = outcome(lambda: expect(build(objs)))
        got = outcome(lambda: call(func, build, kwargs, dual))
    if want[1] is not None:  # NumPy's error, or the error without the keyword
        assert type(got[1]) is type(want[1]) and str(got[1]) == str(want[1]), (got, want)
    else:
        assert got[1] is None, got[1]
        assert_same(T, got[0], want[0])


def out_array(placeholder, result):
    """The array a placeholder of out= stands for, of the result's shape: a dual array of
    the result's type (an ndarray of its dtype for results that are ndarrays), or a float
    ndarray."""
    shape = np.shape(getattr(result, "real", result))
    if placeholder == FLOAT_ARRAY:
        return np.zeros(shape)
    if isinstance(result, (np.ndarray, np.generic)):
        return np.empty(shape, dtype=np.asarray(result).dtype)
    return ARRAY_TYPE[type(result)](np.zeros(shape))


ARRAY_TYPE = {dn.Dual: dn.DualArray, dn.HyperDual: dn.HyperDualArray,
              dn.DualArray: dn.DualArray, dn.HyperDualArray: dn.HyperDualArray}


def assert_same(T, got, want):
    """Equal results: duals part by part (to SUMS: the reference may sum in another order),
    anything else exactly."""
    if isinstance(want, (dn.DualArray, dn.HyperDualArray)):
        want = objects(want)
    if isinstance(got, SCALAR[T]) and isinstance(want, float):
        want = SCALAR[T](want)  # NumPy's object reduction returned its initial= constant
    if isinstance(want, SCALAR[T]) or (isinstance(want, np.ndarray) and want.dtype == object):
        assert_duals(got, want, T, rtol=SUMS)
    else:
        assert not isinstance(got, (dn.DualArray, dn.HyperDualArray, dn.Dual, dn.HyperDual))
        np.testing.assert_array_equal(got, want)


# ---------------------------------------------------------------- the container's methods
FUNCTION_METHODS = ["sum", "mean", "prod", "max", "min", "cumsum", "cumprod", "dot"]


@pytest.mark.parametrize("name", FUNCTION_METHODS)
@pytest.mark.parametrize("T", KINDS)
def test_methods_are_their_numpy_functions(T, name):
    """x.sum(...) is np.sum(x, ...), as for ndarrays, with every case of the walk above."""
    func = getattr(np, name)
    build, required, cases = KEYWORD_CASES[func]
    assert callable(getattr(np.ndarray, name))
    for given, expect in [c for tried in cases.values() for c in tried]:
        kwargs = dict(required, **given)
        if any(isinstance(v, (str, Made)) for v in kwargs.values()):
            continue  # out= placeholders and dual values: the walk above has them
        operands = list(build(dual_maker(T)).values())
        want = outcome(lambda: func(*operands, **kwargs))
        got = outcome(lambda: getattr(operands[0], name)(*operands[1:], **kwargs))
        if want[1] is not None:
            assert type(got[1]) is type(want[1]) and str(got[1]) == str(want[1])
        else:
            assert_same(T, got[0], want[0])


ARRAY_METHODS = {  # the methods of ndarray that take other arguments than NumPy's functions
    "copy": [((), {"order": o}) for o in "CFAK"],
    "ravel": [((), {"order": o}) for o in "CFAK"],
    "flatten": [((), {"order": o}) for o in "CFAK"],
    "reshape": [((2, 3), {"order": o}) for o in "CFAK"] + [
        (((3, 2),), {"copy": False}), (((2, 3),), {"copy": False}), ((6,), {"copy": True}),
        (((2, 3),), {"order": "F", "copy": False})],
    "transpose": [((), {}), ((1, 0), {}), (((1, 0),), {}), ((None,), {}), ((0, 2), {})],
}


@pytest.mark.parametrize("name", list(ARRAY_METHODS))
@pytest.mark.parametrize("T", KINDS)
def test_array_methods_take_ndarrays_arguments(T, name):
    """Every keyword of ndarray.NAME is tried, on a Fortran-ordered array (where order= and
    copy= matter), against the same method of the object array."""
    tried = {k for _, kwargs in ARRAY_METHODS[name] for k in kwargs}
    assert tried == set(keywords(getattr(np.ndarray, name))) - {"**kwargs"}
    x, obj = sample(T, (2, 3)).T, objects(sample(T, (2, 3))).T
    for args, kwargs in ARRAY_METHODS[name]:
        want = outcome(lambda: getattr(obj, name)(*args, **kwargs))
        got = outcome(lambda: getattr(x, name)(*args, **kwargs))
        if want[1] is not None:
            assert type(got[1]) is type(want[1]) and str(got[1]) == str(want[1]), (got, want)
        else:
            assert got[1] is None, got[1]
            assert_duals(got[0], want[0], T)


def test_a_refused_function_or_ufunc_says_why(monkeypatch):
    monkeypatch.setitem(_registry.REFUSED, np.fft.fft, "the Fourier transform is complex")
    monkeypatch.setitem(_registry.REFUSED, np.gcd, "it acts on integers")
    x = sample(dn.DualArray, (3,))
    with pytest.raises(TypeError, match=r"numpy\.fft\.fft is not supported on dual arrays: "
                                        r"the Fourier transform is complex"):
        np.fft.fft(x)
    with pytest.raises(TypeError, match=r"numpy\.gcd is not supported on dual arrays: it acts "
                                        r"on integers"):
        np.gcd(x, x)
