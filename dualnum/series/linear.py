"""NumPy functions that act on every Taylor coefficient alike (NEP 18): sums, means,
differences, reshaping, joining, selection, and the constant arrays of a Taylor array's
order (zeros_like ...). Each takes the coefficient array, whose first axis is the
coefficients', and applies the function with the axes of the shape moved one on. Results
are new arrays (copies), C-contiguous. Keywords NumPy's function takes are honoured or
refused with a TypeError that names them.
"""
import numpy as np
from numpy.lib.array_utils import normalize_axis_index, normalize_axis_tuple

from .container import FAMILY, TaylorArray, common_order, operand
from .kernels import constant_series, lifted

implements = FAMILY.implements
_wrap = TaylorArray._wrap
_NONE = object()  # a keyword not given


def refuse(name, keyword, why):
    """The TypeError for a keyword of numpy.NAME that Taylor arrays do not honour."""
    raise TypeError("numpy.%s on Taylor arrays does not take %s: %s" % (name, keyword, why))


def float64_only(name, dtype):
    if dtype is not None and np.dtype(dtype) != np.float64:
        refuse(name, "dtype=%s" % np.dtype(dtype), "the coefficients of a Taylor array are "
               "float64 (dtype=None or float64)")


def c_order(name, order, allowed=("K", "C", "A", None)):
    """order= of a function that makes a new array: the coefficients are C-contiguous."""
    if order not in allowed:
        refuse(name, "order=%r" % (order,), "the coefficients of a Taylor array are "
               "C-contiguous, the layout of the kernels")


def write_out(name, result, out):
    """``result`` of numpy.NAME written into ``out`` (a TaylorArray of its order and shape),
    which is returned; None: the result."""
    if out is None:
        return result
    if isinstance(out, tuple) and len(out) == 1:
        out = out[0]
    if not isinstance(out, TaylorArray):
        raise TypeError("numpy.%s with out= a %s: a Taylor result would lose its "
                        "coefficients; pass out= a TaylorArray" % (name, type(out).__name__))
    if out.shape != result.shape:
        raise ValueError("numpy.%s: out= has shape %s, the result %s"
                         % (name, out.shape, result.shape))
    out[...] = result
    return out


def taylor(x, name):
    """The Taylor operand ``x`` of numpy.NAME (TypeError for a constant)."""
    a = operand(x)
    if not isinstance(a, TaylorArray):
        raise TypeError("numpy.%s takes a Taylor array here" % name)
    return a


def series(values):
    """The coefficient arrays of several operands (Taylor or constant) of one order."""
    operands = [operand(v) for v in values]
    order = common_order(*operands)
    return [x._c if isinstance(x, TaylorArray) else constant_series(x, order)
            for x in operands], order


def shifted(axis, ndim):
    """The axes (None: all; an int or tuple) of a shape of ``ndim`` axes, as axes of the
    coefficient array (one on)."""
    axes = tuple(range(ndim)) if axis is None else normalize_axis_tuple(axis, ndim)
    return tuple(a + 1 for a in axes)


def _mask(where, shape):
    return True if where is True else np.broadcast_to(where, shape)


# ---------------------------------------------------------------- reductions
@implements(np.sum)
def sum(a, axis=None, dtype=None, out=None, keepdims=False, initial=_NONE, where=True):
    """The sum of the series: every coefficient summed; initial= adds to the values."""
    x = taylor(a, "sum")
    float64_only("sum", dtype)
    c = np.sum(x._c, axis=shifted(axis, x.ndim), keepdims=keepdims,
               where=_mask(where, x.shape))
    if initial is not _NONE:
        c[0] += initial
    return write_out("sum", _wrap(c), out)


@implements(np.mean)
def mean(a, axis=None, dtype=None, out=None, keepdims=False, *, where=True):
    x = taylor(a, "mean")
    float64_only("mean", dtype)
    c = np.mean(x._c, axis=shifted(axis, x.ndim), keepdims=keepdims,
                where=_mask(where, x.shape))
    return write_out("mean", _wrap(c), out)


@implements(np.cumsum)
def cumsum(a, axis=None, dtype=None, out=None):
    x = taylor(a, "cumsum")
    float64_only("cumsum", dtype)
    if axis is None:
        return write_out("cumsum", _wrap(np.cumsum(x._c.reshape(x.order + 1, -1), axis=1)),
                         out)
    return write_out("cumsum", _wrap(np.cumsum(x._c, axis=shifted(axis, x.ndim)[0])), out)


@FAMILY.implements_reduction(np.add, "reduce")
def _add_reduce(x, axis, keepdims=False, initial=_NONE, where=True):
    return sum(x, axis, keepdims=keepdims, initial=initial, where=where)


@FAMILY.implements_reduction(np.add, "accumulate")
def _add_accumulate(x, axis):
    return cumsum(x, axis)


@implements(np.diff)
def diff(a, n=1, axis=-1, prepend=_NONE, append=_NONE):
    given = [v for v in (prepend, a, append) if v is not _NONE]
    parts, order = series(given)
    x = parts[0 if prepend is _NONE else 1]
    ndim = x.ndim - 1
    if ndim == 0:
        raise ValueError("diff requires input that is at least one dimensional")
    ax = normalize_axis_index(axis, ndim) + 1
    if len(parts) > 1:
        parts = [p if p.ndim == x.ndim else _edge(p, x.shape, ax) for p in parts]
        x = np.concatenate(parts, axis=ax)
    return _wrap(np.diff(x, n=n, axis=ax))


def _edge(p, shape, ax):
    """A 0-d prepend/append value spread to a slice of length 1 along the axis."""
    shape = list(shape)
    shape[ax] = 1
    return np.broadcast_to(lifted(p, len(shape) - 1), shape)


# ---------------------------------------------------------------- shape
@implements(np.reshape)
def reshape(a, /, shape=None, order="C", *, newshape=None, copy=None):
    x = taylor(a, "reshape")
    shape = newshape if shape is None else shape
    if shape is None:
        raise TypeError("numpy.reshape needs the shape")
    if copy is False:
        refuse("reshape", "copy=False", "the results of Taylor arrays are new arrays (their "
               "coefficients C-contiguous): copy=None or True")
    shape = np.empty(x.shape, dtype=bool).reshape(shape, order=order).shape  # checks it
    if order == "F":
        return _wrap(np.stack([ck.reshape(shape, order="F") for ck in x._c]))
    return _wrap(x._c.reshape(x._c.shape[:1] + shape).copy())


@implements(np.ravel)
def ravel(a, order="C"):
    if order not in ("C", "F", "A", "K"):
        raise ValueError("order must be one of 'C', 'F', 'A', or 'K' (got %r)" % (order,))
    return reshape(a, -1, order="F" if order == "F" else "C")


@implements(np.transpose)
def transpose(a, axes=None):
    x = taylor(a, "transpose")
    axes = tuple(reversed(range(x.ndim))) if axes is None else \
        tuple(normalize_axis_index(i, x.ndim) for i in axes)
    if sorted(axes) != list(range(x.ndim)):
        raise ValueError("axes don't match array")
    return _wrap(np.transpose(x._c, (0,) + tuple(i + 1 for i in axes)))


@implements(np.moveaxis)
def moveaxis(a, source, destination):
    x = taylor(a, "moveaxis")
    return _wrap(np.moveaxis(x._c, shifted(source, x.ndim), shifted(destination, x.ndim)))


@implements(np.squeeze)
def squeeze(a, axis=None):
    x = taylor(a, "squeeze")
    if axis is None:
        return _wrap(x._c.reshape(x._c.shape[:1] + tuple(s for s in x.shape if s != 1)))
    return _wrap(np.squeeze(x._c, axis=shifted(axis, x.ndim)).copy())


@implements(np.expand_dims)
def expand_dims(a, axis):
    x = taylor(a, "expand_dims")
    axes = axis if isinstance(axis, (tuple, list)) else (axis,)
    return _wrap(np.expand_dims(x._c, shifted(tuple(axes), x.ndim + len(axes))).copy())


@implements(np.broadcast_to)
def broadcast_to(array, shape, subok=False):
    x = taylor(array, "broadcast_to")
    shape = (shape,) if np.ndim(shape) == 0 else tuple(shape)
    np.broadcast_to(np.empty(x.shape, dtype=bool), shape)  # NumPy's error where it cannot
    return _wrap(np.broadcast_to(lifted(x._c, len(shape)), x._c.shape[:1] + shape).copy())


# ---------------------------------------------------------------- joining
def _joined(name, dtype, casting):
    float64_only(name, dtype)
    if casting != "same_kind":
        refuse(name, "casting=%r" % (casting,), "every operand becomes float64 as under "
               "casting='same_kind', the default")


@implements(np.concatenate)
def concatenate(arrays, axis=0, out=None, *, dtype=None, casting="same_kind"):
    _joined("concatenate", dtype, casting)
    parts, _ = series(arrays)
    if axis is None:
        parts, axis = [p.reshape(len(p), -1) for p in parts], 0
    ax = normalize_axis_index(axis, max(parts[0].ndim - 1, 1)) + 1
    return write_out("concatenate", _wrap(np.concatenate(parts, axis=ax)), out)


@implements(np.stack)
def stack(arrays, axis=0, out=None, *, dtype=None, casting="same_kind"):
    _joined("stack", dtype, casting)
    parts, _ = series(arrays)
    ax = normalize_axis_index(axis, parts[0].ndim) + 1
    return write_out("stack", _wrap(np.stack(parts, axis=ax)), out)


def _at_least(parts, ndim):
    """Coefficient arrays with at least ``ndim`` axes of shape (length-1 axes in front, or
    for ndim 2 a 1-D one as a row), as numpy.atleast_1d / atleast_2d."""
    return [p.reshape(p.shape[:1] + (1,) * (ndim - p.ndim + 1) + p.shape[1:])
            if p.ndim - 1 < ndim else p for p in parts]


@implements(np.hstack)
def hstack(tup, *, dtype=None, casting="same_kind"):
    _joined("hstack", dtype, casting)
    parts, _ = series(tup)
    parts = _at_least(parts, 1)
    return _wrap(np.concatenate(parts, axis=1 if parts[0].ndim == 2 else 2))


@implements(np.vstack)
def vstack(tup, *, dtype=None, casting="same_kind"):
    _joined("vstack", dtype, casting)
    parts, _ = series(tup)
    return _wrap(np.concatenate(_at_least(parts, 2), axis=1))


# ---------------------------------------------------------------- selection
@implements(np.where)
def where(condition, x=_NONE, y=_NONE):
    """The series of x where condition (a bool array) holds, else of y."""
    if isinstance(operand(condition), TaylorArray) or x is _NONE or y is _NONE:
        raise TypeError("numpy.where on Taylor arrays takes a condition of bools and both "
                        "x and y: compare the values (t.real > 0) for a condition, and "
                        "np.nonzero(t.real) for the positions")
    (xs, ys), _ = series([x, y])
    condition = np.asarray(condition)
    shape = np.broadcast_shapes(condition.shape, xs.shape[1:], ys.shape[1:])
    return _wrap(np.where(condition, lifted(xs, len(shape)), lifted(ys, len(shape))))


@implements(np.take)
def take(a, indices, axis=None, out=None, mode="raise"):
    x = taylor(a, "take")
    if axis is None:
        c = np.take(x._c.reshape(x.order + 1, -1), indices, axis=1, mode=mode)
    else:
        c = np.take(x._c, indices, axis=shifted(axis, x.ndim)[0], mode=mode)
    return write_out("take", _wrap(c), out)


@implements(np.clip)
def clip(a, a_min=_NONE, a_max=_NONE, out=None, *, min=_NONE, max=_NONE, **kwargs):
    """maximum(a, a_min), then minimum(., a_max): the rules' kinks where a meets a bound."""
    if kwargs:
        refuse("clip", ", ".join("%s=" % k for k in kwargs), "Taylor arrays take clip's "
               "bounds and out= alone")
    low = _bound(a_min, min, "a_min", "min")
    high = _bound(a_max, max, "a_max", "max")
    result = operand(a)
    if low is not None:
        result = FAMILY.ufuncs[np.maximum](result, low)
    if high is not None:
        result = FAMILY.ufuncs[np.minimum](result, high)
    if not isinstance(result, TaylorArray):
        result = taylor(result, "clip")
    elif result is a:
        result = result.copy()
    return write_out("clip", result, out)


def _bound(old, new, old_name, new_name):
    if old is not _NONE and new is not _NONE:
        raise ValueError("Passed more than one argument for %s: %s and %s"
                         % (new_name, old_name, new_name))
    value = new if old is _NONE else old
    return None if value is _NONE else value


# ---------------------------------------------------------------- constant arrays, queries
def _like(name, a, value, dtype, order, shape, device):
    x = taylor(a, name)
    float64_only(name, dtype)
    c_order(name, order)
    if device not in (None, "cpu"):
        refuse(name, "device=%r" % (device,), "Taylor arrays live on the CPU")
    shape = x.shape if shape is None else ((shape,) if np.ndim(shape) == 0 else tuple(shape))
    if isinstance(value, TaylorArray):
        if value.order != x.order:
            common_order(x, value)
        return _wrap(np.broadcast_to(lifted(value._c, len(shape)),
                                     value._c.shape[:1] + shape).copy())
    return _wrap(constant_series(np.broadcast_to(value, shape), x.order))


@implements(np.zeros_like)
def zeros_like(a, dtype=None, order="K", subok=True, shape=None, *, device=None):
    """A constant series of zeros, of a's order (and shape, or ``shape``)."""
    return _like("zeros_like", a, 0.0, dtype, order, shape, device)


@implements(np.ones_like)
def ones_like(a, dtype=None, order="K", subok=True, shape=None, *, device=None):
    return _like("ones_like", a, 1.0, dtype, order, shape, device)


@implements(np.empty_like)
def empty_like(prototype, dtype=None, order="K", subok=True, shape=None, *, device=None):
    """zeros_like: a Taylor array's elements are series, set in full."""
    return _like("empty_like", prototype, 0.0, dtype, order, shape, device)


@implements(np.full_like)
def full_like(a, fill_value, dtype=None, order="K", subok=True, shape=None, *, device=None):
    """The series fill_value (a constant, or a Taylor series of a's order) everywhere."""
    return _like("full_like", a, operand(fill_value), dtype, order, shape, device)


@implements(np.copy)
def copy(a, order="K", subok=False):
    c_order("copy", order)
    return taylor(a, "copy").copy()


@implements(np.shape)
def shape(a):
    return taylor(a, "shape").shape


@implements(np.ndim)
def ndim(a):
    return taylor(a, "ndim").ndim


@implements(np.size)
def size(a, axis=None):
    x = taylor(a, "size")
    if axis is None:
        return x.size
    axes = normalize_axis_tuple(axis, x.ndim)
    return int(np.prod([x.shape[i] for i in axes]))


FAMILY.refuses("it compares values alone: compare t.real (or t.coefficients) with the "
               "NumPy function", np.allclose, np.isclose, np.array_equal, np.array_equiv)
