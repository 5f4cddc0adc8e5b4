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
from arrays_support import (KINDS, SCALAR, SUMS, assert_duals, expected_parts, objects,
                            sample)
from dualnum.arrays import HANDLED_FUNCTIONS, _registry


# ---------------------------------------------------------------- NEP 13: ufuncs
@pytest.mark.parametrize("call, name", [
    (lambda x: np.gcd(x, 2), r"numpy\.gcd is not supported on dual arrays: it acts on"),
    (lambda x: np.ldexp(x, x), "ldexp.*integer exponent"),
    (lambda x: np.gcd.outer(x, x), r"numpy\.gcd is not supported"),
    (lambda x: np.multiply.at(x, [0], 1.0), r"multiply\.at"),
    (lambda x: np.maximum.accumulate(x), "accumulate"),
    (lambda x: np.maximum.reduceat(x, [0, 2]), r"maximum\.reduceat"),
    (lambda x: np.floor_divide.reduce(x), "floor_divide"),
    (lambda x: sp.struve(0.0, x), r"scipy\.special\.struve is not"),
    (lambda x: np.heaviside(x, 0.5, dtype=np.float32),
     r"numpy\.heaviside on dual arrays does not take dtype=float32")])
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
    (lambda x: np.fft.fft(x), "fft"),
    (lambda x: np.linalg.eig(np.outer(x, x)), "eig"), (lambda x: np.fft.hfft(x), "hfft"),
    (lambda x: np.fft.rfft(x), "rfft"), (lambda x: np.fft.ifft(x), "ifft"),
    (lambda x: np.savez("name", x), "savez"), (lambda x: np.packbits(x), "packbits"),
    (lambda x: np.linalg.eigvals(np.outer(x, x)), "eigvals"),
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
# where NumPy's object arrays need another call), or REAL (what NumPy gives on the real parts:
# functions of integer or boolean results). Operands passed by keyword must give what
# they give by position. "**kwargs" stands for the ufunc keywords that clip passes on.
NUMPY, SAME, OUT, REFUSED, REAL = "numpy", "same", "out", "refused", "real"
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


def operand(name, **kw):
    return lambda make: {name: make((2, 3), **kw)}


ROUND = {"decimals": [({"decimals": 1}, NUMPY), ({"decimals": -1}, NUMPY),
                      ({"decimals": 0}, SAME)], "out": outs(decimals=1)}
BOOL_OUT = {"out": [({"out": OUT_ARRAY}, OUT), ({"out": Made(lambda make: make((2, 3)))},
                                                 REFUSED)]}
SPECIALS = np.array([[np.nan, 1.0, np.inf], [1.0, -np.inf, 1.0]])


def replaced(**given):
    """nan_to_num by definition, on the object operands: an element whose real part is NaN
    or infinite becomes its replacement, a constant; the others stay as they are."""
    def reference(o):
        x = o["x"]
        values = np.nan_to_num(np.vectorize(lambda v: v.real)(x), **given)
        return np.array([v if np.isfinite(v.real) else type(v)(r) for v, r in
                         zip(x.flat, values.flat)], dtype=object).reshape(x.shape)
    return reference


def angles(deg):
    """numpy.angle of real duals: 0 or pi (0 or 180), a constant."""
    return lambda o: np.vectorize(lambda v: type(v)(np.angle(v.real, deg)),
                                  otypes=[object])(o["z"])


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


# ---- helpers of the cases of moving, sorting, building and queries
def one(name, shape=(2, 3), **kw):
    return lambda make: {name: make(shape, **kw)}


def sets():
    return lambda make: {"ar1": make((2, 3), start=2.0, step=-0.37),
                         "ar2": make((4,), start=0.3, step=0.74)}


WEIGHTS = Made(lambda make: make((6,), start=0.5))
PRINT_OPTIONS = {"max_line_width": 20, "precision": 2, "suppress_small": True,
                 "separator": ", ", "prefix": "  ", "formatter": {"float": "{:.1f}".format},
                 "threshold": 2, "edgeitems": 1, "sign": "+", "floatmode": "fixed",
                 "suffix": ")", "legacy": "1.25"}


def linear_ramp(o, end):
    """np.pad(x, 1, 'linear_ramp', end_values=end) by definition: the edge element, then the
    end value, one step out on each side (NumPy's object path cannot ramp)."""
    x = np.pad(o, 1, "edge")
    x[0, :] = x[-1, :] = x[:, 0] = x[:, -1] = end
    return x


def unique_columns(o):
    """np.unique(x, axis=1, return_inverse=True) by the real parts of the columns (NumPy's
    object arrays take no axis): the columns at the indices of their first occurrence."""
    real = np.vectorize(lambda v: v.real)(o["ar"])
    _, first, inverse = np.unique(real, return_index=True, return_inverse=True, axis=1)
    return o["ar"][:, first], inverse


def bincount(o, minlength):
    """The weights of the elements of each bin, summed by hand."""
    out = np.zeros(max(o["x"].max() + 1, minlength), dtype=object)
    for i, w in zip(o["x"], o["weights"]):
        out[i] = out[i] + w
    return out


def dual_of(objects_):
    """The dual array of an object array of scalar duals."""
    scalar = type(objects_.flat[0])
    return next(T for T, S in SCALAR.items() if S is scalar)(objects_)


def printed(o, options):
    """np.array2string of each part, named."""
    x = dual_of(o["a"])
    return ", ".join("%s=%s" % (n, np.array2string(np.asarray(getattr(x, n)), **options))
                     for n in x._names)


def repr_under(o, func, options):
    """repr of the dual array under NumPy's print options named as array_repr names them."""
    names = {"max_line_width": "linewidth", "precision": "precision",
             "suppress_small": "suppress"}
    with np.printoptions(**{names[k]: v for k, v in options.items()}):
        return repr(dual_of(next(iter(o.values()))))

# creation and writing: the like= array, the device= cases, the references
LIKE = Made(lambda make: make((2,), start=0.5))
MASK23 = np.array([[True, False, True], [False, True, False]])
def constant(func, *args, **kwargs):
    """The reference of a creation function with like=: NumPy's array on floats, as
    constants."""
    return lambda o: np.asarray(func(*args, **kwargs)).astype(object)


def like_reference(func, **kwargs):
    """The reference of zeros_like and ones_like: NumPy's on the object array."""
    return lambda o: func(o["a"], **kwargs)


def device_error(o):
    return np.zeros(1, device="gpu")  # NumPy's ValueError


DEVICES = [({"device": "cpu"}, SAME), ({"device": None}, SAME), ({"device": "gpu"}, device_error)]


def geometric(num, endpoint=True, axis=0):
    """geomspace by its definition, start (stop / start) ** t, on the object arrays (NumPy's
    geomspace of objects asks its elements for log10)."""
    def reference(o):
        t = np.linspace(0.0, 1.0, num, endpoint)[:, None]
        out = o["start"] * (o["stop"] / o["start"]) ** t
        return np.moveaxis(out, 0, axis)
    return reference


def symmetric(make):
    """Positive definite, with well separated eigenvalues."""
    m = square(make)
    return m + m.T + np.diag([0.0, 1.5, 4.0])


def of(func, name, **kwargs):
    """The reference func(dual operand ``name``, **kwargs), from the object operands."""
    return lambda o: func(dual_of(o[name]), **kwargs)


def rows_norm(ord_, keepdims=False):
    return lambda o: np.sum(abs(o["x"]) ** ord_, axis=1, keepdims=keepdims) ** (1.0 / ord_)
# ---- the references of the statistics, calculus, polynomial and product cases below
def spread_of(axis=None, ddof=0, keepdims=False, mask=None, root=False):
    """var (or std) of the object array by its definition, the elements ``mask`` selects."""
    def reference(o):
        a = o["a"]
        chosen = np.broadcast_to(True if mask is None else mask, a.shape)
        count = np.sum(chosen, axis=axis, keepdims=True)
        mean = np.sum(np.where(chosen, a, 0.0), axis=axis, keepdims=True) / count
        d = np.where(chosen, a - mean, 0.0)
        v = np.sum(d * d, axis=axis, keepdims=keepdims) / (
            np.sum(chosen, axis=axis, keepdims=keepdims) - ddof)
        if not root:
            return v
        return np.frompyfunc(dn.sqrt, 1, 1)(v) if np.ndim(v) else dn.sqrt(v)
    return reference


def SPREAD(root):
    def ref(**kw):
        return spread_of(root=root, **kw)
    mean = Made(lambda make: np.mean(make((2, 3)), axis=1, keepdims=True))
    return {"axis": [({"axis": 1}, ref(axis=1)), ({"axis": (0, 1)}, ref(axis=(0, 1)))],
            "dtype": DTYPES, "out": outs(axis=1),
            "ddof": [({"axis": 1, "ddof": 1}, ref(axis=1, ddof=1))],
            "keepdims": [({"axis": 0, "keepdims": True}, ref(axis=0, keepdims=True))],
            "where": [({"axis": 1, "where": MASK}, ref(axis=1, mask=MASK))],
            "mean": [({"axis": 1, "mean": mean}, ref(axis=1))],
            "correction": [({"axis": 1, "correction": 1}, ref(axis=1, ddof=1)),
                           ({"ddof": 1, "correction": 1}, NUMPY)]}


def ORDER(numpy_function, q=()):
    """The cases of median (and, with q, of the quantiles), against numpy_function on the
    object arrays (NumPy's nan* forms do not take them)."""
    def ref(**kw):
        return lambda o: numpy_function(o["a"], *q, **kw)
    return {"axis": [({"axis": 1}, ref(axis=1)), ({"axis": (0, 1)}, ref(axis=(0, 1)))],
            "out": outs(axis=1), "overwrite_input": [({"overwrite_input": True}, SAME)],
            "keepdims": [({"axis": 1, "keepdims": True}, ref(axis=1, keepdims=True))]}


QS = np.array([0.25, 0.5, 0.9])


def quantile_of(unit):
    return lambda make: {"a": make((2, 3)), "q": QS / unit}


def QUANTILE(numpy_function):
    unit = 1.0 if numpy_function is np.quantile else 0.01
    cases = ORDER(numpy_function, (QS / unit,))

    def ref(**kw):
        return lambda o: numpy_function(o["a"], QS / unit, **kw)
    cases["method"] = [({"axis": 1, "method": m}, ref(axis=1, method=m)) for m in (
        "inverted_cdf", "averaged_inverted_cdf", "closest_observation",
        "interpolated_inverted_cdf", "hazen", "weibull", "linear", "median_unbiased",
        "normal_unbiased", "lower", "higher", "midpoint", "nearest")]
    weights = np.array([[1.0, 2.0, 1.0], [2.0, 1.0, 1.0]])
    cases["weights"] = [({"axis": 1, "method": "inverted_cdf", "weights": weights},
                         ref(axis=1, method="inverted_cdf", weights=weights)),
                        ({"axis": 1, "method": "inverted_cdf",
                          "weights": Made(lambda make: make((2, 3)))}, REFUSED)]
    return cases


# NumPy's nanmax of floats names fmax where its object path names maximum
def NAN_EXTREMES(numpy_function):
    return dict(EXTREMES, where=[
        ({"axis": 1, "where": MASK}, lambda o: numpy_function(np.zeros((2, 3)), axis=1,
                                                              where=MASK)),
        ({"axis": 1, "where": MASK, "initial": 2.0}, NUMPY)])
CUMULATIVE = {"axis": [({"axis": 0}, NUMPY)], "dtype": DTYPES, "out": outs(axis=1),
              "include_initial": [({"include_initial": True}, NUMPY)]}
MODES = [({"mode": m}, NUMPY) for m in ("full", "same", "valid", "bad")]


def element_type(o):
    return ARRAY_TYPE[type(np.asarray(o).flat[0])]


def partwise(name, linear):
    """A linear map of the operand ``name``: applied to each of its parts (the definition)."""
    def reference(o):
        T = element_type(o[name])
        return objects(T(*[linear(p) for p in expected_parts(o[name], T)]))
    return reference


XP = np.array([0.0, 0.5, 1.0, 2.0])


def interpolated(left=None, right=None, period=None):
    """Piecewise linear interpolation of the object arrays, element by element (the points
    of the cases lie strictly between samples)."""
    def reference(o):
        xp, fp = XP, list(o["fp"])
        lo, hi = fp[0] if left is None else left, fp[-1] if right is None else right
        if period is not None:
            order = np.argsort(XP % period)
            xp = np.concatenate([[XP[order][-1] - period], XP[order] % period,
                                 [XP[order][0] % period + period]])
            fp = [fp[order[-1]]] + [fp[i] for i in order] + [fp[order[0]]]
            lo, hi = None, None

        def at(x):
            x = x % period if period is not None else x
            if x < xp[0]:
                return lo
            if x > xp[-1]:
                return hi
            j = int(np.searchsorted(xp, x.real, "right")) - 1
            return fp[j] + (x - xp[j]) * (fp[j + 1] - fp[j]) / (xp[j + 1] - xp[j])
        return np.frompyfunc(at, 1, 1)(o["x"])
    return reference


FIT_X, FIT_W = np.array([0.0, 0.5, 1.2, 2.0, 3.1]), np.array([1.0, 2.0, 1.0, 0.5, 1.0])


def fitted(w=None):
    """The least-squares coefficients of the object y: pinv(V) y, rows weighted by w."""
    def reference(o):
        weights = np.ones(len(FIT_X)) if w is None else w
        return np.dot(np.linalg.pinv(np.vander(FIT_X, 3) * weights[:, None]), o["y"] * weights)
    return reference


def NUMPY_FULL_FIT(o):
    c = fitted()(o)
    r = o["y"] - np.dot(np.vander(FIT_X, 3), c)
    real = np.array([v.real for v in o["y"]])
    return (c, np.array([np.sum(r * r)])) + tuple(np.polyfit(FIT_X, real, 2, full=True)[2:])


def covariance(ddof=1, rowvar=True, with_y=False, f=None, a=None, step=0.37):
    """The weighted covariance of the object arrays by NumPy's documented formula (y: the
    case's second variable, make((2, 3), start=-1.0, step=step))."""
    def second_variable(x):
        return objects(sample(element_type(x), (2, 3), start=-1.0, step=step))

    def reference(o):
        x = o["m"] if rowvar else o["m"].T
        if with_y:
            x = np.concatenate([x, second_variable(x)])
        w = np.ones(x.shape[1]) * (1.0 if f is None else f) * (1.0 if a is None else a)
        mean = np.dot(x, w) / np.sum(w)
        d = x - mean[:, None]
        fact = np.sum(w) - ddof * (1.0 if a is None else np.sum(w * a) / np.sum(w))
        return np.dot(d * w, d.T) / fact
    return reference


def correlation(rowvar=True, with_y=False):
    def reference(o):
        c = covariance(rowvar=rowvar, with_y=with_y, step=0.2)({"m": o["x"]})
        s = np.frompyfunc(dn.sqrt, 1, 1)(np.diagonal(c))
        return c / s[:, None] / s[None, :]
    return reference


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
                              ({"ord": np.inf, "axis": 1}, NUMPY),
                              ({"ord": "nuc"}, lambda o: np.sum(np.linalg.svdvals(
                                  dual_of(o["x"])))), ({"ord": 3}, NUMPY)],
                      "axis": [({"axis": 1}, norm_rows(False)), ({"axis": (0, 1)}, SAME)],
                      "keepdims": [({"axis": 1, "keepdims": True}, norm_rows(True))]}),
    # ---- moving, sorting, building, queries: values moved with their parts, counts and
    # tests of the real parts
    np.flip: (one("m"), {}, {"axis": [({"axis": 1}, NUMPY), ({"axis": (0, 1)}, NUMPY),
                                      ({"axis": -1}, NUMPY), ({"axis": 2}, NUMPY)]}),
    np.fliplr: (one("m"), {}, {}), np.flipud: (one("m"), {}, {}),
    np.roll: (one("a"), {"shift": 1},
              {"shift": [({"shift": -4}, NUMPY), ({"shift": (1, 2), "axis": (0, 1)}, NUMPY)],
               "axis": [({"axis": 1}, NUMPY), ({"axis": -2}, NUMPY)]}),
    np.rot90: (one("m", (2, 3, 2)), {},
               {"k": [({"k": 2}, NUMPY), ({"k": -1}, NUMPY)],
                "axes": [({"axes": (1, 2)}, NUMPY), ({"axes": (2, 0)}, NUMPY)]}),
    np.rollaxis: (one("a", (2, 3, 2)), {"axis": 2},
                  {"axis": [({"axis": -1}, NUMPY)], "start": [({"start": 1}, NUMPY),
                                                              ({"start": 4}, NUMPY)]}),
    np.tile: (one("A"), {"reps": 2}, {"reps": [({"reps": (2, 1, 2)}, NUMPY)]}),
    np.repeat: (one("a"), {"repeats": 2},
                {"repeats": [({"repeats": [1, 0, 2], "axis": 1}, NUMPY)],
                 "axis": [({"axis": 0}, NUMPY), ({"axis": -1}, NUMPY)]}),
    np.take: (one("a"), {"indices": [2, 0]},
              {"indices": [({"indices": [[1, 5], [0, 3]]}, NUMPY), ({"indices": 9}, NUMPY)],
               "axis": [({"axis": 1}, NUMPY)], "out": outs(axis=1),
               "mode": [({"indices": [7, -9], "mode": "wrap"}, NUMPY),
                        ({"indices": [7, -9], "mode": "clip"}, NUMPY)]}),
    np.take_along_axis: (one("arr"), {"indices": np.array([[2, 0, 1], [1, 1, 0]])},
                         {"indices": [({"indices": np.array([[1], [0]])}, NUMPY)],
                          "axis": [({"axis": 0, "indices": np.array([[1, 0, 1]])}, NUMPY),
                                   ({"axis": None, "indices": np.array([5, 0])}, NUMPY)]}),
    np.diagonal: (one("a", (3, 3, 2)), {},
                  {"offset": [({"offset": 1}, NUMPY), ({"offset": -2}, NUMPY)],
                   "axis1": [({"axis1": 1, "axis2": 2}, NUMPY)],
                   "axis2": [({"axis2": -1}, NUMPY)]}),
    np.diagflat: (one("v"), {}, {"k": [({"k": 1}, NUMPY), ({"k": -2}, NUMPY)]}),
    np.tril: (one("m", (2, 3, 3)), {}, {"k": [({"k": 1}, NUMPY), ({"k": -1}, NUMPY)]}),
    np.triu: (one("m", (3, 3)), {}, {"k": [({"k": 1}, NUMPY), ({"k": -1}, NUMPY)]}),
    np.split: (one("ary", (4, 3)), {"indices_or_sections": 2},
               {"indices_or_sections": [({"indices_or_sections": [1, 3]}, NUMPY),
                                        ({"indices_or_sections": 3}, NUMPY)],
                "axis": [({"axis": 1, "indices_or_sections": 3}, NUMPY)]}),
    np.array_split: (one("ary", (4, 3)), {"indices_or_sections": 3},
                     {"indices_or_sections": [({"indices_or_sections": [1, 3]}, NUMPY)],
                      "axis": [({"axis": 1, "indices_or_sections": 2}, NUMPY)]}),
    np.hsplit: (one("ary", (2, 4)), {"indices_or_sections": 2},
                {"indices_or_sections": [({"indices_or_sections": [1]}, NUMPY)]}),
    np.vsplit: (one("ary", (4, 3)), {"indices_or_sections": 2},
                {"indices_or_sections": [({"indices_or_sections": [3]}, NUMPY)]}),
    np.dsplit: (one("ary", (2, 1, 4)), {"indices_or_sections": 2},
                {"indices_or_sections": [({"indices_or_sections": [1, 2]}, NUMPY)]}),
    np.unstack: (one("x"), {}, {"axis": [({"axis": 1}, NUMPY), ({"axis": -2}, NUMPY)]}),
    np.resize: (one("a"), {"new_shape": (4, 2)}, {"new_shape": [({"new_shape": 9}, NUMPY)]}),
    np.delete: (one("arr"), {"obj": 1},
                {"obj": [({"obj": [0, 2]}, NUMPY), ({"obj": slice(0, 4, 2)}, NUMPY)],
                 "axis": [({"axis": 1}, NUMPY), ({"axis": 0}, NUMPY)]}),
    np.matrix_transpose: (one("x", (2, 3, 2)), {}, {}),
    np.atleast_3d: (one("a"), {}, {}),
    np.broadcast_arrays: (lambda make: {"a": make((2, 1)), "b": make((3,), start=-1.0)}, {},
                          {"subok": [({"subok": True}, SAME), ({"subok": False}, SAME)]}),
    np.meshgrid: (lambda make: {"a": make((2,)), "b": make((3,), start=-1.0)}, {},
                  {"copy": [({"copy": True}, NUMPY), ({"copy": False}, REFUSED)],
                   "sparse": [({"sparse": True}, NUMPY)],
                   "indexing": [({"indexing": "ij"}, NUMPY), ({"indexing": "no"}, NUMPY)]}),
    np.lib.stride_tricks.sliding_window_view: (
        one("x"), {"window_shape": 2},
        {"window_shape": [({"window_shape": (2, 2)}, NUMPY)],
         "axis": [({"axis": 0}, NUMPY), ({"axis": (0, 1), "window_shape": (1, 2)}, NUMPY)],
         "subok": [({"subok": True}, SAME)], "writeable": [({"writeable": True}, SAME)]}),
    np.compress: (lambda make: {"condition": [True, False, True], "a": make((2, 3))},
                  {"axis": 1}, {"axis": [({"axis": None}, NUMPY), ({"axis": 0}, NUMPY)],
                                "out": outs(axis=1)}),
    np.extract: (lambda make: {"condition": np.array([[True, False, True], [False] * 3]),
                               "arr": make((2, 3))}, {}, {}),
    np.choose: (lambda make: {"a": np.array([[0, 1, 0], [1, 1, 0]]),
                              "choices": [make((2, 3)), make((3,), start=-1.0)]}, {},
                {"out": outs(), "mode": [({"mode": "wrap"}, NUMPY), ({"mode": "clip"}, NUMPY)]}),
    np.insert: (lambda make: {"arr": make((2, 3)), "obj": 1, "values": make((2,), start=5.0)},
                {"axis": 1}, {"axis": [({"axis": None}, NUMPY),
                                       ({"axis": 0, "values": 0.5}, NUMPY)]}),
    np.put_along_axis: (lambda make: {"arr": make((2, 3)), "indices": np.array([[1], [2]]),
                                      "values": make((2, 1), start=5.0)}, {"axis": 1},
                        {"axis": [({"axis": 0, "indices": np.array([[1, 0, 1]])}, NUMPY)]}),
    np.trim_zeros: (lambda make: {"filt": make((2, 4), start=-0.74, step=0.37)[::-1]}, {},
                    {"trim": [({"trim": "f"}, NUMPY), ({"trim": "b"}, NUMPY),
                              ({"trim": "x"}, NUMPY)],
                     "axis": [({"axis": 1}, NUMPY), ({"axis": 0, "trim": "b"}, NUMPY)]}),
    np.sort: (one("a", start=2.0, step=-0.37), {},
              {"axis": [({"axis": 0}, NUMPY), ({"axis": None}, NUMPY), ({"axis": 2}, NUMPY)],
               "kind": [({"kind": "stable"}, NUMPY), ({"kind": "heapsort"}, NUMPY)],
               "order": [({"order": "f"}, REAL)], "stable": [({"stable": True}, NUMPY)]}),
    np.partition: (one("a", (2, 5), start=2.0, step=-0.37), {"kth": 2},
                   {"kth": [({"kth": (1, 3)}, NUMPY), ({"kth": -1}, NUMPY)],
                    "axis": [({"axis": None, "kth": 4}, NUMPY), ({"axis": 0, "kth": 1}, NUMPY)],
                    "kind": [({"kind": "introselect"}, NUMPY), ({"kind": "other"}, REAL)],
                    "order": [({"order": "f"}, REAL)]}),
    np.unique: (one("ar", start=2.0, step=-0.37), {},
                {"return_index": [({"return_index": True}, NUMPY)],
                 "return_inverse": [({"return_inverse": True}, NUMPY)],
                 "return_counts": [({"return_counts": True, "return_index": True}, NUMPY)],
                 "axis": [({"axis": 1, "return_inverse": True}, unique_columns)],
                 "equal_nan": [({"equal_nan": False}, NUMPY)],
                 "sorted": [({"sorted": False}, NUMPY)]}),
    # NumPy's dispatcher of unique_values, ... takes x by position only
    **{f: (one("_x", start=2.0, step=-0.37), {}, {"x": [({}, SAME)]})
       for f in (np.unique_values, np.unique_counts, np.unique_inverse, np.unique_all)},
    np.union1d: (sets(), {}, {}),
    np.intersect1d: (sets(), {}, {"assume_unique": [({"assume_unique": True}, NUMPY)],
                                  "return_indices": [({"return_indices": True}, NUMPY)]}),
    np.setdiff1d: (sets(), {}, {"assume_unique": [({"assume_unique": True}, NUMPY)]}),
    np.setxor1d: (sets(), {}, {"assume_unique": [({"assume_unique": True}, NUMPY)]}),
    np.pad: (one("array"), {"pad_width": 1},
             {"pad_width": [({"pad_width": ((1, 0), (0, 2))}, NUMPY),
                            ({"pad_width": (2, 1)}, NUMPY)],
              "mode": [({"mode": m}, NUMPY) for m in ("edge", "reflect", "symmetric", "wrap",
                                                      "mean")] +
                      [({"mode": m}, REFUSED) for m in ("maximum", "minimum", "median")],
              "**kwargs": [({"constant_values": (0.5, 2.0)}, NUMPY),
                           ({"mode": "reflect", "reflect_type": "odd"}, NUMPY),
                           ({"mode": "mean", "stat_length": 2}, NUMPY),
                           ({"mode": "linear_ramp", "end_values": 2.0},
                            lambda o: linear_ramp(o["array"], 2.0)),
                           ({"constant_values": Made(lambda make: make(()))}, REFUSED)]}),
    np.vander: (one("x", (3,)), {}, {"N": [({"N": 4}, NUMPY), ({"N": 0}, NUMPY)],
                                     "increasing": [({"increasing": True}, NUMPY)]}),
    np.piecewise: (lambda make: {"x": make((2, 3))},
                   {"condlist": [MASK, ~MASK], "funclist": [np.sin, lambda v: v * v]},
                   {"condlist": [({"condlist": [MASK], "funclist": [np.exp, 0.5]}, NUMPY)],
                    "funclist": [({"funclist": [1.5, np.cos]}, NUMPY)],
                    "**kwargs": [({"condlist": [MASK], "funclist": [np.multiply], "x2": 3.0},
                                  NUMPY)]}),
    np.apply_along_axis: (lambda make: {"func1d": np.cumsum, "axis": 1, "arr": make((2, 3))},
                          {}, {"**kwargs": [({"func1d": np.sum, "keepdims": True}, NUMPY)]}),
    np.apply_over_axes: (lambda make: {"func": np.sum, "a": make((2, 3))}, {"axes": 0},
                         {"axes": [({"axes": (0, 1)}, NUMPY), ({"axes": [1]}, NUMPY)]}),
    np.bincount: (lambda make: {"x": np.array([0, 2, 2, 1, 2, 0]), "weights": make((6,))}, {},
                  {"minlength": [({"minlength": 5}, lambda o: bincount(o, 5)),
                                 ({"minlength": 0}, lambda o: bincount(o, 0))]}),
    np.histogram: (lambda make: {"a": np.array([0.1, 0.8, 0.3, 0.35, 0.6, 1.0])},
                   {"weights": WEIGHTS},
                   {"bins": [({"bins": [0.0, 0.5, 1.0]}, NUMPY), ({"bins": 3}, NUMPY)],
                    "range": [({"bins": 2, "range": (0.0, 0.7)}, NUMPY)],
                    "density": [({"density": True}, REFUSED)],
                    "weights": [({"weights": None}, NUMPY)]}),
    np.histogram_bin_edges: (lambda make: {"a": make((2, 3))}, {"range": (0.0, 2.0)},
                             {"bins": [({"bins": 3}, REAL), ({"bins": "auto", "range": None},
                                                             REFUSED)],
                              "range": [({"range": (1.0, 3.0)}, REAL)],
                              "weights": [({"weights": WEIGHTS}, REAL)]}),
    **{f: (one("a", start=2.0, step=-0.37), {}, cases) for f, cases in [
        (np.argsort, {"axis": [({"axis": 0}, REAL), ({"axis": None}, REAL)],
                      "kind": [({"kind": "stable"}, REAL)], "order": [({"order": "f"}, REAL)],
                      "stable": [({"stable": True}, REAL)]}),
        (np.argpartition, {"kth": [({"kth": 1}, REAL)], "axis": [({"axis": None, "kth": 2},
                                                                  REAL)],
                           "kind": [({"kth": 1, "kind": "introselect"}, REAL)],
                           "order": [({"kth": 1, "order": "f"}, REAL)]}),
        (np.argwhere, {}), (np.nonzero, {}), (np.flatnonzero, {}),
        (np.count_nonzero, {"axis": [({"axis": 1}, REAL)],
                            "keepdims": [({"axis": 0, "keepdims": True}, REAL)]}),
        (np.min_scalar_type, {}), (np.common_type, {})]},
    np.diag_indices_from: (one("arr", (3, 3)), {}, {}),
    **{f: (one("arr", (3, 3)), {}, {"k": [({"k": 1}, REAL)]})
       for f in (np.tril_indices_from, np.triu_indices_from)},
    **{f: (one("a"), {}, {"axis": [({"axis": 1}, REAL)],
                          "out": [({"axis": 1, "out": OUT_ARRAY}, OUT)],
                          "keepdims": [({"axis": 0, "keepdims": True}, REAL)],
                          "where": [({"where": MASK}, REAL)]}) for f in (np.all, np.any)},
    **{f: (pair("a", "b"), {}, {"rtol": [({"rtol": 0.5}, REAL)], "atol": [({"atol": 2.0}, REAL)],
                                "equal_nan": [({"equal_nan": True}, REAL)]})
       for f in (np.isclose, np.allclose)},
    np.array_equal: (pair("a1", "a2"), {}, {"equal_nan": [({"equal_nan": True}, REAL)]}),
    np.array_equiv: (pair("a1", "a2"), {}, {}),
    np.isin: (pair("element", "test_elements"), {},
              {"assume_unique": [({"assume_unique": True}, REAL)],
               "invert": [({"invert": True}, REAL)], "kind": [({"kind": "sort"}, REAL)]}),
    np.lexsort: (one("keys", start=2.0, step=-0.37), {}, {"axis": [({"axis": 0}, REAL)]}),
    np.searchsorted: (lambda make: {"a": make((4,)), "v": make((2, 3), start=0.5)}, {},
                      {"side": [({"side": "right"}, REAL)],
                       "sorter": [({"sorter": [3, 2, 1, 0]}, REAL)]}),
    np.digitize: (lambda make: {"x": make((2, 3)), "bins": make((4,), start=0.5)}, {},
                  {"right": [({"right": True}, REAL)]}),
    np.ravel_multi_index: (lambda make: {"multi_index": make((2, 3))}, {"dims": (4, 4)},
                           {"dims": [({"dims": (2, 2)}, REAL)], "mode": [({"mode": "clip"}, REAL)],
                            "order": [({"order": "F"}, REAL)]}),
    np.unravel_index: (one("indices"), {"shape": (4, 4)},
                       {"shape": [({"shape": (2, 8)}, REAL)], "order": [({"order": "F"}, REAL)]}),
    np.ix_: (one("a", (3,)), {}, {}),
    np.result_type: (one("a"), {}, {}),
    np.can_cast: (one("from_"), {"to": np.float32},
                  {"to": [({"to": np.float64}, REAL)], "casting": [({"casting": "unsafe"},
                                                                    REAL)]}),
    np.shares_memory: (pair("a", "b"), {}, {"max_work": [({"max_work": 100}, REAL)]}),
    np.may_share_memory: (pair("a", "b"), {}, {"max_work": [({"max_work": 100}, REAL)]}),
    np.array2string: (one("a"), {}, {k: [({k: v}, lambda o, k=k, v=v: printed(o, {k: v}))]
                                      for k, v in PRINT_OPTIONS.items()}),
    **{f: (one(name), {}, {k: [({k: v}, lambda o, k=k, v=v, f=f: repr_under(o, f, {k: v}))]
                           for k, v in list(PRINT_OPTIONS.items())[:3]})
       for f, name in ((np.array_repr, "arr"), (np.array_str, "a"))},
    # creation (dualnum.arrays.creation): a new array of like='s type holds NumPy's values on
    # floats as constants (CONSTANT); empty and empty_like give zeros
    **{f: (lambda make: {"shape": (2, 3)}, {"like": LIKE},
           {"dtype": DTYPES, "order": [({"order": "F"}, constant(g, (2, 3)))],
            "device": DEVICES, "like": [({}, constant(g, (2, 3)))]})
       for f, g in [(np.zeros, np.zeros), (np.ones, np.ones), (np.empty, np.zeros)]},
    **{f: (x23, {}, {"dtype": DTYPES, "order": [({"order": o}, like_reference(g, order=o))
                                               for o in "CFAK"],
                     "subok": [({"subok": False}, SAME)], "device": DEVICES,
                     "shape": [({"shape": (3, 2)}, like_reference(g, shape=(3, 2))),
                               ({"shape": 4}, like_reference(g, shape=4))]})
       for f, g in [(np.zeros_like, np.zeros_like), (np.ones_like, np.ones_like),
                    (np.empty_like, np.zeros_like)]},
    np.full_like: (lambda make: {"a": make((2, 3)), "fill_value": make((3,), start=2.0)}, {},
                   {"dtype": DTYPES, "order": [({"order": o}, NUMPY) for o in "CFAK"],
                    "subok": [({"subok": False}, SAME)], "device": DEVICES,
                    "shape": [({"shape": (4, 3)}, NUMPY)]}),
    np.full: (lambda make: {"shape": (2, 3), "fill_value": make((3,), start=2.0)},
              {"like": LIKE}, {"dtype": DTYPES, "order": [({"order": "F"}, NUMPY)],
                               "device": DEVICES, "like": [({}, NUMPY)]}),
    np.eye: (lambda make: {"N": 3}, {"like": LIKE},
             {"M": [({"M": 2}, constant(np.eye, 3, 2))], "k": [({"k": 1}, constant(np.eye, 3,
                                                                                   k=1))],
              "dtype": DTYPES, "order": [({"order": "F"}, constant(np.eye, 3))],
              "device": DEVICES, "like": [({}, constant(np.eye, 3))]}),
    np.identity: (lambda make: {"n": 3}, {"like": LIKE},
                  {"dtype": DTYPES, "like": [({}, constant(np.identity, 3))]}),
    np.tri: (lambda make: {"N": 3}, {"like": LIKE},
             {"M": [({"M": 4}, constant(np.tri, 3, 4))],
              "k": [({"k": -1}, constant(np.tri, 3, k=-1))], "dtype": DTYPES,
              "like": [({}, constant(np.tri, 3))]}),
    np.arange: (lambda make: {"start_or_stop": 1}, {"like": LIKE},
                {"stop": [({"stop": 5}, constant(np.arange, 1, 5)),
                          ({"stop": Made(lambda make: make((), start=4.0))}, REFUSED)],
                 "step": [({"stop": 6, "step": 2}, constant(np.arange, 1, 6, 2)),
                          ({"stop": 6, "step": Made(lambda make: make(()))}, REFUSED)],
                 "dtype": DTYPES, "device": DEVICES, "like": [({}, constant(np.arange, 1))]}),
    np.fromfunction: (lambda make: {"function": lambda i, j, scale=1.0: scale * i + j,
                                    "shape": (2, 3)}, {"like": LIKE},
                      {"dtype": [({"dtype": int}, constant(np.fromfunction, lambda i, j: i + j,
                                                          (2, 3), dtype=int))],
                       "like": [({}, constant(np.fromfunction, lambda i, j: i + j, (2, 3)))],
                       "**kwargs": [({"scale": 2.0}, constant(
                           np.fromfunction, lambda i, j: 2.0 * i + j, (2, 3)))]}),
    **{f: (x23, {"like": LIKE}, {"dtype": DTYPES, "order": [({"order": o}, NUMPY)
                                                            for o in "CFAK"],
                                 "device": DEVICES, "like": [({}, NUMPY)],
                                 "copy": [({"copy": True}, NUMPY), ({"copy": False}, NUMPY),
                                          ({"copy": False, "order": "C"}, NUMPY)]})
       for f in (np.asarray, np.asanyarray)},
    np.array: (lambda make: {"object": make((2, 3)).T}, {"like": LIKE},
               {"dtype": DTYPES, "copy": [({"copy": False}, NUMPY), ({"copy": True}, NUMPY)],
                "order": [({"order": o}, NUMPY) for o in "CFAK"],
                "subok": [({"subok": True}, SAME)], "ndmin": [({"ndmin": 4}, NUMPY)],
                "ndmax": [({"ndmax": 2}, REFUSED)], "like": [({}, NUMPY)]}),
    **{f: (lambda make: {"a": make((2, 3)).T}, {"like": LIKE},
           {"dtype": DTYPES, "like": [({}, NUMPY)]})
       for f in (np.ascontiguousarray, np.asfortranarray)},
    np.require: (lambda make: {"a": make((2, 3)).T}, {"like": LIKE},
                 {"dtype": DTYPES, "like": [({}, NUMPY)],
                  "requirements": [({"requirements": r}, NUMPY)
                                   for r in ("C", ["F", "W"], "OA", "E", "CF")]}),
    np.astype: (lambda make: {"x": make((2, 3)), "dtype": np.float64}, {},
                {"copy": [({"copy": False}, SAME), ({"copy": True}, SAME)],
                 "device": DEVICES}),
    np.linspace: (lambda make: {"start": make((3,)), "stop": make((2, 3), start=2.0)}, {},
                  {"num": [({"num": 4}, NUMPY), ({"num": 1}, NUMPY)],
                   "endpoint": [({"endpoint": False}, NUMPY)],
                   "retstep": [({"retstep": False}, SAME)],  # True: tests/test_arrays_creation
                   "dtype": DTYPES, "axis": [({"axis": 1}, NUMPY), ({"axis": -1}, NUMPY)],
                   "device": DEVICES}),
    np.logspace: (lambda make: {"start": make((3,)), "stop": make((3,), start=-0.5)}, {},
                  {"num": [({"num": 4}, NUMPY)], "endpoint": [({"endpoint": False}, NUMPY)],
                   "base": [({"base": 2.0}, NUMPY), ({"base": np.array([2.0, 3.0, 4.0]),
                                                      "axis": 1}, NUMPY),
                            ({"base": Made(lambda make: make((), start=1.5))}, NUMPY)],
                   "dtype": DTYPES, "axis": [({"axis": -1}, NUMPY)]}),
    np.geomspace: (lambda make: {"start": make((3,)), "stop": make((3,), start=2.0)}, {},
                   {"num": [({"num": 4}, geometric(4)), ({"num": 1}, geometric(1))],
                    "endpoint": [({"endpoint": False}, geometric(50, False))],
                    "dtype": DTYPES, "axis": [({"axis": 1}, geometric(50, axis=1))]}),
    # writing into dual arrays (dualnum.arrays.writing): None, as NumPy's (the arrays written
    # are compared in tests/test_arrays_fill.py)
    np.copyto: (lambda make: {"dst": make((2, 3)), "src": make((3,), start=2.0)}, {},
                {"casting": [({"casting": "no"}, NUMPY), ({"casting": "unsafe"}, NUMPY)],
                 "where": [({"where": MASK}, NUMPY)]}),
    np.place: (lambda make: {"arr": make((2, 3)), "mask": MASK23,
                             "vals": make((2,), start=5.0)}, {}, {}),
    np.put: (lambda make: {"a": make((2, 3)), "ind": [0, 4], "v": make((2,), start=5.0)}, {},
             {"mode": [({"mode": m}, NUMPY) for m in ("raise", "wrap", "clip")]}),
    np.putmask: (lambda make: {"a": make((2, 3)), "mask": MASK23,
                               "values": make((2,), start=5.0)}, {}, {}),
    np.fill_diagonal: (lambda make: {"a": make((5, 2)), "val": make((3,), start=5.0)}, {},
                       {"wrap": [({"wrap": True}, NUMPY)]}),
    # joining (dualnum.arrays.joining)
    np.dstack: (lambda make: {"tup": [make((2, 3)), make((2, 3), start=-1.0)]}, {}, {}),
    np.column_stack: (lambda make: {"tup": [make((3,)), make((3, 2), start=-1.0)]}, {}, {}),
    np.block: (lambda make: {"arrays": [[make((2, 2)), make((2, 1), start=-1.0)],
                                        [make((1, 3), start=2.0)]]}, {}, {}),
    np.append: (lambda make: {"arr": make((2, 3)), "values": make((1, 3), start=-1.0)}, {},
                {"axis": [({"axis": 0}, NUMPY), ({"axis": None}, NUMPY),
                          ({"axis": 1}, NUMPY)]}),
    np.select: (lambda make: {"condlist": [MASK23, ~MASK23], "choicelist": [
        make((2, 3)), make((3,), start=-1.0)]}, {},
                {"default": [({"default": 0.5}, NUMPY),
                             ({"default": Made(lambda make: make((2, 1), start=4.0))}, NUMPY)]}),
    np.linalg.matmul: (pair("x1", "x2", shape_b=(3, 2)), {}, {}),
    np.linalg.vecdot: (pair("x1", "x2"), {},
                       {"axis": [({"axis": 0}, lambda o: np.sum(o["x1"] * o["x2"], axis=0)),
                                 ({"axis": -1}, SAME)]}),
    np.linalg.tensordot: (pair("x1", "x2", shape_b=(3, 2)), {},
                          {"axes": [({"axes": 1}, NUMPY), ({"axes": ([0, 1], [1, 0])}, NUMPY),
                                    ({"axes": 0}, NUMPY)]}),
    np.linalg.outer: (pair("x1", "x2", (2,), (3,)), {}, {}),
    np.linalg.cross: (pair("x1", "x2", (3, 2), (3, 2)), {}, {"axis": [({"axis": 0}, NUMPY)]}),
    np.linalg.trace: (lambda make: {"x": make((2, 3, 3))}, {},
                      {"offset": [({"offset": 1}, lambda o: np.trace(o["x"], 1, 1, 2))],
                       "dtype": DTYPES}),
    np.linalg.diagonal: (lambda make: {"x": make((2, 3, 3))}, {},
                         {"offset": [({"offset": -1},
                                      lambda o: np.diagonal(o["x"], -1, 1, 2))]}),
    np.linalg.matrix_transpose: (lambda make: {"x": make((2, 3, 2))}, {}, {}),
    np.linalg.multi_dot: (lambda make: {"arrays": [make((3,)), square(make), make((3, 2))]},
                          {}, {"out": outs()}),
    np.linalg.matrix_power: (lambda make: {"a": square(make), "n": 3}, {}, {}),
    np.linalg.tensorsolve: (lambda make: {"a": square(make).reshape(3, 3, 1),
                                          "b": make((3,), start=1.0)}, {},
                            {"axes": [({"axes": (0,)}, lambda o: np.linalg.tensorsolve(
                                np.moveaxis(dual_of(o["a"]), 0, -1), dual_of(o["b"])))]}),
    np.linalg.tensorinv: (lambda make: {"a": square(make).reshape(3, 3, 1)}, {},
                          {"ind": [({"ind": 0}, NUMPY), ({"ind": 1}, lambda o: np.linalg.inv(
                              dual_of(o["a"]).reshape(3, 3)).reshape(3, 1, 3))]}),
    # a matrix that is not symmetric: UPLO="U" reads the upper triangle, "L" the lower one
    np.linalg.eigh: (lambda make: {"a": square(make)}, {},
                     {"UPLO": [({"UPLO": "U"}, lambda o: np.linalg.eigh(dual_of(o["a"]).T))]}),
    np.linalg.eigvalsh: (lambda make: {"a": square(make)}, {},
                         {"UPLO": [({"UPLO": "U"},
                                    lambda o: np.linalg.eigvalsh(dual_of(o["a"]).T))]}),
    np.linalg.cholesky: (lambda make: {"a": symmetric(make)}, {},
                         {"upper": [({"upper": True}, lambda o: np.swapaxes(
                             np.linalg.cholesky(dual_of(o["a"])), 0, 1))]}),
    np.linalg.slogdet: (lambda make: {"a": square(make)}, {}, {}),
    np.linalg.svd: (lambda make: {"a": symmetric(make)}, {},
                    {"full_matrices": [({"full_matrices": False}, SAME)],
                     "compute_uv": [({"compute_uv": False}, of(np.linalg.svdvals, "a"))],
                     "hermitian": [({"hermitian": True, "compute_uv": False},
                                    of(np.linalg.svdvals, "a"))]}),
    np.linalg.svdvals: (lambda make: {"x": make((2, 3))}, {}, {}),
    np.linalg.qr: (lambda make: {"a": square(make)}, {},
                   {"mode": [({"mode": "complete"}, SAME), ({"mode": "raw"}, REFUSED),
                             ({"mode": "r"}, lambda o: np.linalg.qr(dual_of(o["a"])).R)]}),
    np.linalg.pinv: (lambda make: {"a": symmetric(make)}, {},
                     {"rcond": [({"rcond": 1e-10}, SAME)], "hermitian": [({"hermitian": True},
                                                                         SAME)],
                      "rtol": [({"rtol": None}, SAME), ({"rtol": 0.5, "rcond": 0.1}, NUMPY)]}),
    np.linalg.lstsq: (lambda make: {"a": make((3, 2)), "b": make((3,), start=1.0)}, {},
                      {"rcond": [({"rcond": None}, SAME), ({"rcond": 1e-10}, SAME)]}),
    np.linalg.cond: (lambda make: {"x": square(make)}, {},
                     {"p": [({"p": 2}, SAME), ({"p": "fro"}, lambda o: np.linalg.norm(
                         dual_of(o["x"])) * np.linalg.norm(np.linalg.inv(dual_of(o["x"]))))]}),
    np.linalg.matrix_rank: (lambda make: {"A": make((2, 3))}, {},
                            {"tol": [({"tol": 100.0}, lambda o: 0)],
                             "hermitian": [({"hermitian": False}, SAME)],
                             "rtol": [({"rtol": 2.0}, lambda o: 0)]}),
    np.linalg.vector_norm: (lambda make: {"x": make((2, 3))}, {},
                            {"axis": [({"axis": 1}, rows_norm(2))],
                             "keepdims": [({"axis": 1, "keepdims": True}, rows_norm(2, True))],
                             "ord": [({"ord": 3, "axis": 1}, rows_norm(3)),
                                     ({"ord": 1}, lambda o: np.sum(abs(o["x"])))]}),
    np.linalg.matrix_norm: (lambda make: {"x": make((2, 3))}, {},
                            {"keepdims": [({"keepdims": True, "ord": 1}, lambda o: np.array(
                                [[np.max(np.sum(abs(o["x"]), axis=0))]], dtype=object))],
                             "ord": [({"ord": np.inf}, lambda o: np.max(
                                 np.sum(abs(o["x"]), axis=1)))]}),
    # statistics, order statistics, calculus, polynomials and products
    np.var: (x23, {}, SPREAD(False)), np.std: (x23, {}, SPREAD(True)),
    np.nanvar: (x23, {}, SPREAD(False)), np.nanstd: (x23, {}, SPREAD(True)),
    np.average: (x23, {}, {"axis": [({"axis": 1}, NUMPY), ({"axis": (0, 1)}, NUMPY)],
                           "weights": [({"axis": 1, "weights": Made(lambda make: make(
                               (2, 3), start=1.0))}, NUMPY),
                                       ({"axis": 1, "weights": np.array([1.0, 2.0, 3.0])},
                                        NUMPY)],
                           "returned": [({"axis": 1, "returned": True}, lambda o: (
                               np.mean(o["a"], axis=1), np.array([3.0, 3.0])))],
                           "keepdims": [({"axis": 1, "keepdims": True}, NUMPY)]}),
    np.median: (x23, {}, ORDER(np.median)), np.nanmedian: (x23, {}, ORDER(np.median)),
    np.quantile: (quantile_of(1.0), {}, QUANTILE(np.quantile)),
    np.percentile: (quantile_of(0.01), {}, QUANTILE(np.percentile)),
    np.nanquantile: (quantile_of(1.0), {}, QUANTILE(np.quantile)),
    np.nanpercentile: (quantile_of(0.01), {}, QUANTILE(np.percentile)),
    np.ptp: (x23, {}, {"axis": [({"axis": 1}, NUMPY)], "out": outs(axis=1),
                       "keepdims": [({"axis": 0, "keepdims": True}, NUMPY)]}),
    np.nansum: (x23, {}, SUM), np.nanprod: (x23, {}, PROD),
    np.nanmean: (x23, {}, dict(reduction(None, lambda o: np.sum(
        o["a"], 1, where=MASK, initial=0.0) / 2), dtype=DTYPES)),
    np.nanmax: (x23, {}, NAN_EXTREMES(np.nanmax)), np.nanmin: (x23, {}, NAN_EXTREMES(np.nanmin)),
    np.nancumsum: (x23, {}, {"axis": [({"axis": 1}, NUMPY)], "dtype": DTYPES,
                             "out": outs(axis=1)}),
    np.nancumprod: (x23, {}, {"axis": [({"axis": 0}, NUMPY)], "dtype": DTYPES,
                              "out": outs(axis=0)}),
    np.nanargmax: (x23, {}, ARGS), np.nanargmin: (x23, {}, ARGS),
    np.cumulative_sum: (lambda make: {"x": make((2, 3))}, {"axis": 1}, CUMULATIVE),
    np.cumulative_prod: (lambda make: {"x": make((2, 3))}, {"axis": 1}, CUMULATIVE),
    np.trapezoid: (lambda make: {"y": make((2, 3))}, {},
                   {"x": [({"x": Made(lambda make: make((3,), start=0.1, step=0.5))}, NUMPY),
                          ({"x": np.array([0.0, 0.5, 2.0])}, NUMPY)],
                    "dx": [({"dx": 0.5}, NUMPY), ({"dx": Made(lambda make: make(()))}, NUMPY)],
                    "axis": [({"axis": 0}, NUMPY)]}),
    np.gradient: (lambda make: {"f": make((3, 4))}, {"axis": 1},
                  {"axis": [({"axis": 0}, partwise("f", lambda p: np.gradient(p, axis=0))),
                            ({"axis": -1}, partwise("f", lambda p: np.gradient(p, axis=1)))],
                   "edge_order": [({"edge_order": 2}, partwise(
                       "f", lambda p: np.gradient(p, axis=1, edge_order=2)))]}),
    np.ediff1d: (lambda make: {"ary": make((2, 3))}, {},
                 {"to_end": [({"to_end": Made(lambda make: make((2,), start=-1.0))}, NUMPY),
                             ({"to_end": 2.0}, NUMPY)],
                  "to_begin": [({"to_begin": np.array([1.0, 2.0])}, NUMPY)]}),
    np.interp: (lambda make: {"x": make((2, 3), start=-0.2, step=0.45), "xp": XP,
                              "fp": make((4,), start=-1.0, step=0.7)}, {},
                {"left": [({"left": 5.0}, interpolated(left=5.0))],
                 "right": [({"right": -1.0}, interpolated(right=-1.0))],
                 "period": [({"period": 1.5}, interpolated(period=1.5))]}),
    np.unwrap: (lambda make: {"p": make((2, 3), start=0.3, step=1.9)}, {},
                {"discont": [({"discont": 4.0}, NUMPY)], "axis": [({"axis": 0}, NUMPY)],
                 "period": [({"period": 1.0}, NUMPY)]}),
    np.convolve: (pair("a", "v", (5,), (3,)), {}, {"mode": MODES}),
    np.correlate: (pair("a", "v", (5,), (3,)), {}, {"mode": MODES}),
    np.polyval: (pair("p", "x", (4,), (3,)), {}, {}), np.poly: (lambda make: {
        "seq_of_zeros": make((3,))}, {}, {}),
    np.polyadd: (pair("a1", "a2", (4,), (2,)), {}, {}),
    np.polysub: (pair("a1", "a2", (2,), (4,)), {}, {}),
    np.polymul: (pair("a1", "a2", (4,), (2,)), {}, {}),
    np.polydiv: (pair("u", "v", (4,), (2,)), {}, {}),
    np.polyder: (lambda make: {"p": make((4,))}, {},
                 {"m": [({"m": 2}, NUMPY), ({"m": 0}, NUMPY), ({"m": -1}, NUMPY)]}),
    np.polyint: (lambda make: {"p": make((4,))}, {},
                 {"m": [({"m": 2}, NUMPY)],
                  "k": [({"k": 3.0}, NUMPY),
                        ({"m": 2, "k": Made(lambda make: make((2,), start=-1.0))}, NUMPY)]}),
    np.polyfit: (lambda make: {"x": FIT_X, "y": make((5,)), "deg": 2}, {},
                 {"rcond": [({"rcond": 1e-10}, fitted())],
                  "full": [({"full": False}, SAME), ({"full": True}, NUMPY_FULL_FIT)],
                  "w": [({"w": FIT_W}, fitted(FIT_W))],
                  "cov": [({"cov": False}, SAME), ({"cov": True}, REFUSED)]}),
    np.roots: (lambda make: {"p": np.array([1.0, -1.5, 0.56])}, {}, {}),
    np.cov: (lambda make: {"m": make((2, 3))}, {},
             {"y": [({"y": Made(lambda make: make((2, 3), start=-1.0))},
                     covariance(with_y=True))],
              "rowvar": [({"rowvar": False}, covariance(rowvar=False))],
              "bias": [({"bias": True}, covariance(ddof=0))],
              "ddof": [({"ddof": 0}, covariance(ddof=0)), ({"ddof": 2},
                                                          covariance(ddof=2))],
              "fweights": [({"fweights": np.array([1, 2, 1])},
                            covariance(f=np.array([1.0, 2.0, 1.0])))],
              "aweights": [({"aweights": np.array([0.5, 1.0, 2.0])},
                            covariance(a=np.array([0.5, 1.0, 2.0]))),
                           ({"aweights": Made(lambda make: make((3,)))}, REFUSED)],
              "dtype": DTYPES}),
    np.corrcoef: (lambda make: {"x": make((2, 3))}, {},
                  {"y": [({"y": Made(lambda make: make((2, 3), start=-1.0, step=0.2))},
                          correlation(with_y=True))],
                   "rowvar": [({"rowvar": False}, correlation(rowvar=False))],
                   "dtype": DTYPES}),
    np.einsum: (lambda make: {"subscripts": "ij,jk", "a": make((2, 3)),
                              "b": make((3, 2), start=-1.0)}, {},
                {"out": outs(), "optimize": [({"optimize": True}, NUMPY),
                                             ({"optimize": "greedy"}, NUMPY)],
                 "**kwargs": [({"dtype": np.float64}, SAME), ({"dtype": np.float32}, REFUSED),
                              ({"order": "F"}, NUMPY), ({"casting": "unsafe"}, NUMPY)]}),
    np.einsum_path: (lambda make: {"subscripts": "ij,jk,kl", "a": make((2, 3)),
                                   "b": make((3, 2)), "c": make((2, 2))}, {},
                     {"optimize": [({"optimize": "optimal"}, NUMPY),
                                   ({"optimize": False}, NUMPY)],
                      "einsum_call": [({"einsum_call": False}, SAME),
                                      ({"einsum_call": True}, REFUSED)]}),
    np.tensordot: (pair("a", "b", (2, 3), (3, 2)), {},
                   {"axes": [({"axes": 1}, NUMPY), ({"axes": ([0, 1], [1, 0])}, NUMPY),
                             ({"axes": 0}, NUMPY)]}),
    np.kron: (pair("a", "b", (2, 3), (2,)), {}, {}),
    np.cross: (pair("a", "b", (3, 3), (3, 3)), {},
               {"axisa": [({"axisa": 0}, NUMPY)], "axisb": [({"axisb": 0}, NUMPY)],
                "axisc": [({"axisc": 0}, NUMPY)], "axis": [({"axis": 0}, NUMPY)]}),
    np.vdot: (pair("a", "b"), {}, {}),
    # rounding, NaN replacement, the complex family, numpy.lib.scimath (real_functions.py)
    np.round: (x23, {}, ROUND), np.around: (x23, {}, ROUND),
    np.fix: (operand("x"), {}, {"out": outs()}),
    np.nan_to_num: (lambda make: {"x": make((2, 3)) * SPECIALS}, {}, {
        "copy": [({"copy": False}, SAME), ({"copy": True}, SAME)],
        "nan": [({"nan": 7.0}, replaced(nan=7.0)), ({"nan": np.arange(3.0)},
                                                    replaced(nan=np.arange(3.0)))],
        "posinf": [({"posinf": 8.0}, replaced(posinf=8.0))],
        "neginf": [({"neginf": -9.0, "nan": 1.0}, replaced(neginf=-9.0, nan=1.0)),
                   ({"neginf": Made(lambda make: make(()))}, REFUSED)]}),
    np.isneginf: (operand("x"), {}, BOOL_OUT), np.isposinf: (operand("x"), {}, BOOL_OUT),
    np.isreal: (operand("x"), {}, {}), np.iscomplex: (operand("x"), {}, {}),
    np.isrealobj: (operand("x"), {}, {}), np.iscomplexobj: (operand("x"), {}, {}),
    np.real: (operand("val"), {}, {}), np.imag: (operand("val"), {}, {}),
    np.angle: (operand("z", start=-0.5), {}, {"deg": [({"deg": True}, angles(True)),
                                                      ({"deg": False}, angles(False))]}),
    np.real_if_close: (x23, {}, {"tol": [({"tol": 1000}, NUMPY), ({"tol": 0.5}, NUMPY)]}),
    **{getattr(np.lib.scimath, n): (operand("x"), {}, {}) for n in ("sqrt", "log", "log2",
                                                                   "log10")},
    **{getattr(np.lib.scimath, n): (operand("x", start=-0.8, step=0.3), {}, {})
       for n in ("arccos", "arcsin", "arctanh")},
    np.lib.scimath.power: (pair("x", "p"), {}, {}),
    np.lib.scimath.logn: (lambda make: {"n": make((2, 3), start=1.5), "x": make((2, 3))}, {},
                          {}),
    # numpy.fft's shifts move values; numpy.polynomial's two-variable power series
    np.fft.fftshift: (one("x"), {}, {"axes": [({"axes": 1}, NUMPY), ({"axes": (0, 1)}, NUMPY)]}),
    np.fft.ifftshift: (one("x"), {}, {"axes": [({"axes": 0}, NUMPY), ({"axes": -1}, NUMPY)]}),
    np.polynomial.polynomial.polyval2d: (lambda make: {
        "x": make((3,)), "y": make((3,), start=1.0), "c": make((2, 3), start=0.5)}, {}, {}),
    np.polynomial.polynomial.polygrid2d: (lambda make: {
        "x": make((3,)), "y": make((2,), start=1.0), "c": make((2, 3), start=0.5)}, {}, {}),
    np.i0: (lambda make: {"x": make((2, 3))}, {}, {}),
    np.sinc: (lambda make: {"x": make((2, 3))}, {}, {}),
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


def real_maker(T):
    return lambda shape, **kw: sample(T, shape, **kw).real


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
        elif expect == REAL:
            want = outcome(lambda: call(func, build, kwargs, real_maker(T)))
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
    anything else exactly; tuples and lists item by item."""
    if isinstance(want, (list, tuple)):  # split, unique with indices, ...
        assert type(got) is type(want) and len(got) == len(want), (got, want)
        for g, w in zip(got, want):
            assert_same(T, g, w)
        return
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
