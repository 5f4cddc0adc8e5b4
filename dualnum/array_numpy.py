"""NumPy's protocols for dual arrays: ufuncs (NEP 13) and array functions (NEP 18).

Every ufunc and function is either handled exactly, through the rule table and the kernels,
or refused with a TypeError that names it: never a silent fall-back that drops derivatives.
The functions handled are listed in ``HANDLED_FUNCTIONS``.
"""
import operator
import sys

import numpy as np

from . import array_math as am
from . import rules
from ._scalar import Dual, HyperDual
from .array import _Base, _normalize_axis

HANDLED_FUNCTIONS = {}


def implements(*functions):
    """Register a NEP 18 implementation for NumPy functions."""
    def register(impl):
        for f in functions:
            HANDLED_FUNCTIONS[f] = impl
        return impl
    return register


# ---------------------------------------------------------------- ufuncs (NEP 13)
def _real_test(test):
    return lambda x: test(x.real)


def _rule_call(name):
    return lambda x, *p: am.unary(name, x, *p)


def _binary_call(name):
    return lambda x, y: am.binary(name, x, y)


UFUNC_CALLS = {
    np.add: am.add, np.subtract: lambda x, y: am.add(x, y, -1.0),
    np.multiply: am.multiply, np.divide: am.divide, np.power: am.power,
    np.negative: operator.neg, np.positive: lambda x: x.copy(),
    np.less: lambda x, y: am.compare(np.less, x, y),
    np.less_equal: lambda x, y: am.compare(np.less_equal, x, y),
    np.greater: lambda x, y: am.compare(np.greater, x, y),
    np.greater_equal: lambda x, y: am.compare(np.greater_equal, x, y),
    np.equal: lambda x, y: am.compare(np.equal, x, y),
    np.not_equal: lambda x, y: am.compare(np.not_equal, x, y),
    np.isnan: _real_test(np.isnan), np.isinf: _real_test(np.isinf),
    np.isfinite: _real_test(np.isfinite), np.signbit: _real_test(np.signbit),
}
for _r in rules.UNARY:
    if _r.numpy:
        UFUNC_CALLS[getattr(np, _r.numpy)] = _rule_call(_r.name)
for _r in rules.BINARY:
    if _r.numpy and _r.numpy not in ("power",):
        UFUNC_CALLS[getattr(np, _r.numpy)] = _binary_call(_r.name)

_SCIPY_CALLS = {}


def ufunc_call(ufunc):
    """The implementation of ``ufunc(...)`` on dual arrays, or None."""
    call = UFUNC_CALLS.get(ufunc)
    if call is None and not _SCIPY_CALLS and "scipy.special" in sys.modules:
        special = sys.modules["scipy.special"]
        _SCIPY_CALLS.update({getattr(special, r.scipy): _rule_call(r.name)
                             for r in rules.UNARY if r.scipy})
    return call if call is not None else _SCIPY_CALLS.get(ufunc)


def array_ufunc(ufunc, method, inputs, kwargs):
    """NEP 13 beyond the plain calls that ArrayBase.__array_ufunc__ dispatches itself."""
    out = kwargs.pop("out", None)
    where = kwargs.pop("where", True)
    axis = kwargs.pop("axis", 0)
    keepdims = kwargs.pop("keepdims", False)
    if kwargs.pop("dtype", None) is not None or kwargs:
        raise TypeError("numpy.%s on dual arrays takes out=, where=, axis= and keepdims= "
                        "only" % ufunc.__name__)
    if method == "__call__":
        call = np.matmul is ufunc and _matmul or ufunc_call(ufunc)
        if call is None:
            raise TypeError("numpy.%s is not supported on dual arrays: it has no derivative "
                            "rule in dualnum (see dualnum.rules)" % ufunc.__name__)
        result = call(*inputs)
    elif method in ("reduce", "accumulate") and (ufunc, method) in _REDUCTIONS:
        (x,) = inputs
        result = _REDUCTIONS[ufunc, method](x, axis, keepdims) if method == "reduce" else \
            _REDUCTIONS[ufunc, method](x, axis)
    else:
        raise TypeError("numpy.%s.%s is not supported on dual arrays" % (ufunc.__name__,
                                                                          method))
    return _store(result, out, where)


def _store(result, out, where):
    if out is None:
        if where is not True:
            raise TypeError("where= on dual arrays needs out= (the elements it skips)")
        return result
    (target,) = out
    if where is True:
        target[...] = result
    else:
        mask = np.broadcast_to(where, target.shape)
        target[mask] = _broadcast(result, target.shape)[mask]
    return target


def _broadcast(x, shape):
    if isinstance(x, _Base):
        return np.broadcast_to(x, shape)
    return np.broadcast_to(np.asarray(x), shape)


# ---------------------------------------------------------------- reductions
def _axes(x, axis):
    return _normalize_axis(axis, x.ndim)


def _scalar_or_array(x):
    """NumPy returns scalars from full reductions; so do dual arrays without directions."""
    if x.ndim == 0 and not x._directional:
        return x[()]
    return x


@implements(np.sum)
def _sum(a, axis=None, dtype=None, out=None, keepdims=False, **kwargs):
    if dtype is not None or out is not None or kwargs:
        _no_extras("sum", dtype=dtype, out=out, **kwargs)
    if axis is None and a.ndim == 1:  # the common case: one axis, given as an int
        axes = 0
    else:
        axes = _axes(a, axis)
    reduce = np.add.reduce
    return _scalar_or_array(a._wrap([reduce(p, axes, None, None, keepdims) for p in a._parts],
                                    a._directional))


@implements(np.mean)
def _mean(a, axis=None, dtype=None, out=None, keepdims=False, **kwargs):
    _no_extras("mean", dtype=dtype, out=out, **kwargs)
    axes = _axes(a, axis)
    count = int(np.prod([a.shape[i] for i in axes]))
    return _sum(a, axis, keepdims=keepdims) / count


def _pairwise(x, axis, combine):
    """Reduce along `axis` by combining halves: log2(n) passes of the exact elementwise rule."""
    x = np.moveaxis(x, axis, 0)
    while len(x) > 1:
        half = len(x) // 2
        head = combine(x[:half], x[half:2 * half])
        x = np.concatenate([head, x[2 * half:]]) if len(x) % 2 else head
    return x.reshape(x.shape[1:])


@implements(np.prod)
def _prod(a, axis=None, dtype=None, out=None, keepdims=False, **kwargs):
    _no_extras("prod", dtype=dtype, out=out, **kwargs)
    axes = _axes(a, axis)
    x = a
    for ax in sorted(axes, reverse=True):
        if x.shape[ax] == 0:
            x = np.sum(x, axis=ax) * 0.0 + 1.0
        else:
            x = _pairwise(x, ax, am.multiply)
    if keepdims:
        x = x.reshape(tuple(1 if i in axes else n for i, n in enumerate(a.shape)))
    return _scalar_or_array(x)


def _extreme(a, axis, keepdims, pick):
    """max/min along axes: the derivative of the extreme element; at ties the mean of the
    tied elements' derivatives (dualnum's convention for kinks)."""
    axes = _axes(a, axis)
    best = pick(a.real, axis=axes, keepdims=True)
    tied = (a.real == best)
    weight = tied / tied.sum(axis=axes, keepdims=True)
    if np.isnan(best).any():
        weight = np.where(np.isnan(best), np.nan, weight)
    real = best if keepdims else best.reshape([n for i, n in enumerate(best.shape)
                                               if i not in axes])
    parts = [real] + [(p * weight.reshape(weight.shape + (1,) * c)).sum(
        axis=axes, keepdims=keepdims) for p, c in zip(a._parts[1:], a._core[1:])]
    return _scalar_or_array(a._wrap(parts, a._directional))


@implements(np.max, np.amax)
def _max(a, axis=None, out=None, keepdims=False, **kwargs):
    _no_extras("max", out=out, **kwargs)
    return _extreme(a, axis, keepdims, np.max)


@implements(np.min, np.amin)
def _min(a, axis=None, out=None, keepdims=False, **kwargs):
    _no_extras("min", out=out, **kwargs)
    return _extreme(a, axis, keepdims, np.min)


@implements(np.cumsum)
def _cumsum(a, axis=None, dtype=None, out=None):
    _no_extras("cumsum", dtype=dtype, out=out)
    if axis is None:
        a, axis = a.ravel(), 0
    (ax,) = _axes(a, axis)
    return a._map(lambda p, c: np.cumsum(p, axis=ax))


@implements(np.cumprod)
def _cumprod(a, axis=None, dtype=None, out=None):
    """Prefix products by doubling steps (Hillis-Steele): log2(n) exact multiplications."""
    _no_extras("cumprod", dtype=dtype, out=out)
    if axis is None:
        a, axis = a.ravel(), 0
    (ax,) = _axes(a, axis)
    x = np.moveaxis(a, ax, 0)
    step = 1
    while step < len(x):
        x = np.concatenate([x[:step], am.multiply(x[step:], x[:-step])])
        step *= 2
    return np.moveaxis(x, 0, ax)


_REDUCTIONS = {
    (np.add, "reduce"): lambda x, axis, keepdims: _sum(x, axis, keepdims=keepdims),
    (np.multiply, "reduce"): lambda x, axis, keepdims: _prod(x, axis, keepdims=keepdims),
    (np.maximum, "reduce"): lambda x, axis, keepdims: _max(x, axis, keepdims=keepdims),
    (np.minimum, "reduce"): lambda x, axis, keepdims: _min(x, axis, keepdims=keepdims),
    (np.add, "accumulate"): lambda x, axis: _cumsum(x, axis),
    (np.multiply, "accumulate"): lambda x, axis: _cumprod(x, axis),
}


def _no_extras(name, **kwargs):
    bad = [k for k, v in kwargs.items() if v is not None and v is not np._NoValue]
    if bad:
        raise TypeError("numpy.%s on dual arrays does not take %s" % (name, ", ".join(bad)))


# ---------------------------------------------------------------- structure
def _lead(arrays):
    """The arrays as one dual type with common directions."""
    converted, _ = am.as_arrays(*arrays)
    return converted


@implements(np.concatenate)
def _concatenate(arrays, axis=0, out=None, **kwargs):
    _no_extras("concatenate", out=out, **kwargs)
    arrays = _lead(list(arrays))
    if axis is None:
        arrays, axis = [a.ravel() for a in arrays], 0
    (ax,) = _normalize_axis(axis, arrays[0].ndim)
    parts = [np.concatenate([a._parts[i] for a in arrays], axis=ax)
             for i in range(len(arrays[0]._parts))]
    return arrays[0]._wrap(parts, arrays[0]._directional)


@implements(np.stack)
def _stack(arrays, axis=0, out=None, **kwargs):
    _no_extras("stack", out=out, **kwargs)
    arrays = _lead(list(arrays))
    (ax,) = _normalize_axis(axis, arrays[0].ndim + 1)
    return _concatenate([np.expand_dims(a, ax) for a in arrays], axis=ax)


@implements(np.hstack)
def _hstack(tup, **kwargs):
    arrays = [np.atleast_1d(a) for a in _lead(list(tup))]
    return _concatenate(arrays, axis=0 if arrays[0].ndim == 1 else 1)


@implements(np.vstack)
def _vstack(tup, **kwargs):
    return _concatenate([np.atleast_2d(a) for a in _lead(list(tup))], axis=0)


@implements(np.atleast_1d)
def _atleast_1d(*arys):
    out = [a if a.ndim >= 1 else a.reshape(1) for a in _lead(list(arys))]
    return out[0] if len(out) == 1 else out


@implements(np.atleast_2d)
def _atleast_2d(*arys):
    out = [a if a.ndim >= 2 else a.reshape((1,) * (2 - a.ndim) + a.shape)
           for a in _lead(list(arys))]
    return out[0] if len(out) == 1 else out


@implements(np.reshape)
def _reshape(a, shape=None, order="C", **kwargs):
    shape = kwargs.pop("newshape", shape)
    return a.reshape(shape, order=order)


@implements(np.ravel)
def _ravel(a, order="C"):
    return a.reshape(-1, order=order)


@implements(np.transpose)
def _transpose(a, axes=None):
    return a.transpose(axes)


@implements(np.moveaxis)
def _moveaxis(a, source, destination):
    src = _normalize_axis(tuple(np.atleast_1d(source).tolist()), a.ndim)
    dst = _normalize_axis(tuple(np.atleast_1d(destination).tolist()), a.ndim)
    order = [n for n in range(a.ndim) if n not in src]
    for d, s in sorted(zip(dst, src)):
        order.insert(d, s)
    return a.transpose(order)


@implements(np.swapaxes)
def _swapaxes(a, axis1, axis2):
    order = list(range(a.ndim))
    (i,), (j,) = _normalize_axis(axis1, a.ndim), _normalize_axis(axis2, a.ndim)
    order[i], order[j] = order[j], order[i]
    return a.transpose(order)


@implements(np.squeeze)
def _squeeze(a, axis=None):
    axes = _normalize_axis(axis, a.ndim) if axis is not None else \
        tuple(i for i, n in enumerate(a.shape) if n == 1)
    if any(a.shape[i] != 1 for i in axes):
        raise ValueError("cannot select an axis to squeeze out which has size not equal to one")
    return a.reshape(tuple(n for i, n in enumerate(a.shape) if i not in axes))


@implements(np.expand_dims)
def _expand_dims(a, axis):
    axes = tuple(np.atleast_1d(axis).tolist())
    nd = a.ndim + len(axes)
    axes = _normalize_axis(axes, nd)
    sizes = iter(a.shape)
    return a.reshape(tuple(1 if i in axes else next(sizes) for i in range(nd)))


@implements(np.broadcast_to)
def _broadcast_to(array, shape, subok=False):
    shape = tuple(np.atleast_1d(shape).tolist()) if np.ndim(shape) else (int(shape),)
    return array._map(lambda p, c: np.broadcast_to(p, shape + p.shape[p.ndim - c:]))


@implements(np.shape)
def _shape(a):
    return a.shape


@implements(np.ndim)
def _ndim(a):
    return a.ndim


@implements(np.size)
def _size(a, axis=None):
    return a.size if axis is None else a.shape[axis]


@implements(np.copy)
def _copy(a, order="K", subok=False):
    return a.copy()


@implements(np.where)
def _where(condition, x=None, y=None):
    if x is None and y is None:
        return np.nonzero(condition.real if isinstance(condition, _Base) else condition)
    cond = np.asarray(condition.real if isinstance(condition, _Base) else condition,
                      dtype=bool)
    x, y = _lead([x, y])
    parts = [np.where(cond.reshape(cond.shape + (1,) * c), px, py)
             for px, py, c in zip(x._parts, y._parts, x._core)]
    return x._wrap(parts, x._directional)


@implements(np.clip)
def _clip(a, a_min=None, a_max=None, out=None, **kwargs):
    _no_extras("clip", out=out, **kwargs)
    if a_min is not None:
        a = am.binary("maximum", a, a_min)
    if a_max is not None:
        a = am.binary("minimum", a, a_max)
    return a


@implements(np.diff)
def _diff(a, n=1, axis=-1):
    (ax,) = _normalize_axis(axis, a.ndim)
    for _ in range(n):
        hi = tuple(slice(1, None) if i == ax else slice(None) for i in range(a.ndim))
        lo = tuple(slice(None, -1) if i == ax else slice(None) for i in range(a.ndim))
        a = a[hi] - a[lo]
    return a


@implements(np.diag)
def _diag(v, k=0):
    if v.ndim == 1:
        n = len(v) + abs(k)
        rows = np.arange(len(v)) + max(-k, 0)
        cols = np.arange(len(v)) + max(k, 0)
        out = v._map(lambda p, c: np.zeros((n, n) + p.shape[p.ndim - c:]))
        out[rows, cols] = v
        return out
    if v.ndim == 2:
        length = max(0, min(v.shape[0] - max(-k, 0), v.shape[1] - max(k, 0)))
        rows = np.arange(length) + max(-k, 0)
        return v[rows, rows + k]
    raise ValueError("numpy.diag needs a 1-D or 2-D array")


@implements(np.trace)
def _trace(a, offset=0, axis1=0, axis2=1, dtype=None, out=None):
    _no_extras("trace", dtype=dtype, out=out)
    (i,), (j,) = _normalize_axis(axis1, a.ndim), _normalize_axis(axis2, a.ndim)
    return _scalar_or_array(a._map(lambda p, c: np.trace(p, offset, i, j)))


@implements(np.argmax)
def _argmax(a, axis=None, out=None, **kwargs):
    return np.argmax(a.real, axis=axis, **kwargs)


@implements(np.argmin)
def _argmin(a, axis=None, out=None, **kwargs):
    return np.argmin(a.real, axis=axis, **kwargs)


# ---------------------------------------------------------------- products and linear algebra
from .array_linalg import _matmul  # noqa: E402
from . import array_linalg  # noqa: E402,F401  (registers dot, inner, outer, linalg.*)


def array_function(func, types, args, kwargs):
    """NEP 18 beyond the calls that ArrayBase.__array_function__ dispatches itself."""
    impl = HANDLED_FUNCTIONS.get(func)
    if impl is None:
        raise TypeError(
            "%s.%s is not supported on dual arrays (it would drop or miscompute the "
            "derivative parts); see dualnum.array_numpy.HANDLED_FUNCTIONS for what is"
            % (getattr(func, "__module__", "numpy"), func.__name__))
    if not all(issubclass(t, (_Base, np.ndarray, Dual, HyperDual)) for t in types):
        return NotImplemented
    return impl(*args, **kwargs)
