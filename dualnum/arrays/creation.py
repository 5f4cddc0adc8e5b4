"""New dual arrays: from a dual prototype (zeros_like, ones_like, empty_like, full_like), from a
shape and NumPy's like= (NEP 35: zeros, ones, empty, full, arange, eye, identity, tri,
fromfunction; and :func:`zeros`, :func:`ones`, :func:`empty`, :func:`full`), by conversion
(asarray, asanyarray, array, ascontiguousarray, asfortranarray, require, astype) and with dual
end points (linspace, logspace, geomspace).

A new array takes the type, directions and tag of its prototype (the like= array), with fresh
perturbation parts of zeros: a constant, to be filled (``out[i] = ...``, ``out += ...``). Its
real parts are made by NumPy's own function on the real prototype, so that shapes, order=,
device= and NumPy's errors are NumPy's. The parts are float64: dtype= other than float64 is
refused. The functions that write into dual arrays (copyto, put, ...) are in :mod:`.writing`.
"""
import numpy as np

from ._registry import implements, implements_like
from ._storage import ArrayBase
from ._util import float64_only, normalize_axis, refuse
from .joining import as_arrays, promoted, real_of
from .operands import ARRAY_TYPES, array_type, from_scalar, lead
from .reductions import scalar_or_array


def prototype(like):
    """The dual array whose type, directions and tag a new array takes: like itself, a scalar
    dual as a 0-d array, or, for the type that a scalar dual's NEP 35 entry passes, a 0-d
    constant of that type."""
    if isinstance(like, ArrayBase):
        return like
    if isinstance(like, type):
        return ARRAY_TYPES[like](np.zeros(()))
    return from_scalar(ARRAY_TYPES[type(like)], like)


def filled(proto, real):
    """``real`` (the float64 parts NumPy made) with fresh zero perturbation parts of proto's
    type, directions and tag, laid out in the real parts' memory order."""
    order = "F" if np.isfortran(real) else "C"
    return proto._with_parts([real] + [np.zeros(real.shape + d, order=order)
                                       for d in proto._direction_part_shapes()])


def _full_of(proto, real, fill_value):
    """``real``'s shape filled with fill_value (a number, array or dual), the layout that of
    proto and fill_value together (``operands.lead``)."""
    out = filled(lead(proto, fill_value), real)
    out[...] = fill_value
    return out


# ---------------------------------------------------------------- from a dual prototype
# empty and empty_like give zeros: NumPy leaves the values to chance, and an element left
# unwritten is then a plain 0 rather than an arbitrary value whose derivative claims 0
_EMPTY = {np.empty_like: np.zeros_like, np.empty: np.zeros}


def _from_prototype(func):
    """numpy.NAME_like (zeros, ones, empty) on a dual prototype."""
    make = _EMPTY.get(func, func)

    def create(a, dtype=None, order="K", subok=True, shape=None, *, device=None):
        float64_only(func.__name__, dtype)
        return filled(a, make(a.real, dtype, order, subok, shape, device=device))
    implements(func)(create)


for _func in (np.zeros_like, np.ones_like, np.empty_like):
    _from_prototype(_func)


@implements(np.full_like)
def _full_like(a, fill_value, dtype=None, order="K", subok=True, shape=None, *, device=None):
    """a's shape (or shape=) filled with fill_value; a dual fill value carries its parts."""
    float64_only("full_like", dtype)
    return _full_of(a, np.empty_like(a.real, dtype, order, subok, shape, device=device),
                    fill_value)


# ---------------------------------------------------------------- from a shape and like=
def _from_shape(func):
    """numpy.NAME(shape, ..., like=x) (zeros, ones, empty)."""
    make = _EMPTY.get(func, func)

    def create(shape, dtype=None, order="C", *, device=None, like):
        float64_only(func.__name__, dtype)
        return filled(prototype(like), make(shape, dtype, order, device=device))
    implements_like(func)(create)


for _func in (np.zeros, np.ones, np.empty):
    _from_shape(_func)


@implements_like(np.full)
def _full(shape, fill_value, dtype=None, order="C", *, device=None, like):
    float64_only("full", dtype)
    return _full_of(prototype(like), np.empty(shape, dtype, order, device=device), fill_value)


@implements_like(np.eye)
def _eye(N, M=None, k=0, dtype=float, order="C", *, device=None, like):
    float64_only("eye", dtype)
    return filled(prototype(like), np.eye(N, M, k, dtype, order, device=device))


@implements_like(np.identity)
def _identity(n, dtype=None, *, like):
    float64_only("identity", dtype)
    return filled(prototype(like), np.identity(n, dtype))


@implements_like(np.tri)
def _tri(N, M=None, k=0, dtype=float, *, like):
    float64_only("tri", dtype)
    return filled(prototype(like), np.tri(N, M, k, dtype))


@implements_like(np.arange)
def _arange(start_or_stop, /, stop=None, step=1, *, dtype=None, device=None, like):
    """Constant samples; the end points and step must be numbers."""
    if array_type(start_or_stop, stop, step) is not None:
        refuse("arange", "a dual start, stop or step", "the number of samples jumps with "
               "them, so no derivative exists there; np.linspace(start, stop, num) takes "
               "dual end points")
    float64_only("arange", dtype)
    real = np.arange(start_or_stop, stop, step, dtype=dtype, device=device)
    return filled(prototype(like), real.astype(np.float64, copy=False))


@implements_like(np.fromfunction)
def _fromfunction(function, shape, *, dtype=float, like, **kwargs):
    """function(*indices) (the index arrays of dtype=, as NumPy passes them) as a dual array
    of like's type: a function of dual values keeps their parts."""
    return as_dual(like, function(*np.indices(shape, dtype=dtype), **kwargs))


# ---------------------------------------------------------------- conversions
def as_dual(like, value):
    """value (any operand) as a dual array of like's type, directions and tag (those of a
    dual value that carries directions where like has none); a dual array of that layout
    is returned as it is."""
    return as_arrays([prototype(like), value])[1]


def _converted(name, a, like, dtype, order, copy, ndmin=0):
    """a as a dual array (see as_dual) with at least ndmin axes, each part as
    np.asarray(part, order=order, copy=copy) makes it (a copy where a dual array is not
    laid out by order; NumPy's ValueError for copy=False where one is needed)."""
    float64_only(name, dtype)
    out = as_dual(a if isinstance(a, ArrayBase) else like, a)
    if out is not a and copy is False:
        raise ValueError("Unable to avoid copy while creating an array as requested.")
    out = promoted(out, ndmin)
    parts = [np.asarray(p, order=order, copy=copy) for p in out._parts]
    return out if all(p is q for p, q in zip(parts, out._parts)) else out._with_parts(parts)


@implements_like(np.asarray)
def _asarray(a, dtype=None, order=None, *, device=None, copy=None, like):
    _on_cpu(device)
    return _converted("asarray", a, like, dtype, order, copy)


@implements_like(np.asanyarray)
def _asanyarray(a, dtype=None, order=None, *, device=None, copy=None, like):
    _on_cpu(device)
    return _converted("asanyarray", a, like, dtype, order, copy)


@implements_like(np.array)
def _array(object, dtype=None, *, copy=True, order="K", subok=False, ndmin=0, ndmax=0,
           like):
    """``subok`` concerns ndarray subclasses: a dual array stays one either way."""
    if ndmax:
        refuse("array", "ndmax=%r" % (ndmax,), "the elements of a dual array are numbers, "
               "so sequences cannot be left as elements")
    return _converted("array", object, like, dtype, order, copy, ndmin)


@implements_like(np.ascontiguousarray)
def _ascontiguousarray(a, dtype=None, *, like):
    return _converted("ascontiguousarray", a, like, dtype, "C", None, 1)


@implements_like(np.asfortranarray)
def _asfortranarray(a, dtype=None, *, like):
    return _converted("asfortranarray", a, like, dtype, "F", None, 1)


@implements_like(np.require)
def _require(a, dtype=None, requirements=None, *, like):
    """Each part meets the requirements (C, F, A, W, O, E, as np.require reads them): a dual
    array meets them where every part does."""
    out = _converted("require", a, like, dtype, None, None)
    parts = [np.require(p, None, requirements) for p in out._parts]
    return out if all(p is q for p, q in zip(parts, out._parts)) else out._with_parts(parts)


@implements(np.astype)
def _astype(x, dtype, /, *, copy=True, device=None):
    """float64 (the parts' dtype) only: a copy, or x itself with copy=False."""
    if np.dtype(dtype) != np.float64:
        float64_only("astype", dtype)
    _on_cpu(device)
    return x.copy() if copy else x


def _on_cpu(device):
    """device= as NumPy takes it: None or "cpu" (NumPy's ValueError otherwise)."""
    np.empty(0, device=device)


# ---------------------------------------------------------------- dual end points
@implements(np.linspace)
def _linspace(start, stop, num=50, endpoint=True, retstep=False, dtype=None, axis=0, *,
              device=None):
    """The samples start + (stop - start) i / div are linear in start and stop, so each part
    is NumPy's linspace of the end points' parts: exact derivatives of every sample, the
    real parts NumPy's to the bit (its last sample is stop exactly, as NumPy's)."""
    float64_only("linspace", dtype)
    start, stop = as_arrays([start, stop])
    (ax,) = normalize_axis(axis, len(np.broadcast_shapes(start.shape, stop.shape)) + 1)
    samples, steps = zip(*[np.linspace(p, q, num, endpoint, True, axis=ax, device=device)
                           for p, q in zip(start._parts, stop._parts)])
    out = start._with_parts(samples)
    return (out, scalar_or_array(start._with_parts(steps))) if retstep else out


@implements(np.logspace)
def _logspace(start, stop, num=50, endpoint=True, base=10.0, dtype=None, axis=0):
    """base ** linspace(start, stop), as NumPy computes it; base may be dual too."""
    float64_only("logspace", dtype)
    if np.ndim(real_of(base)):  # broadcast with the end points: it may change what axis means
        start, stop, base = as_arrays([start, stop, base])
        ndim = max(start.ndim, stop.ndim, base.ndim)
        start, stop, base = (promoted(a, ndim) for a in (start, stop, base))
        (ax,) = normalize_axis(axis, ndim + 1)
        base = base.reshape(base.shape[:ax] + (1,) + base.shape[ax:])
    space = _linspace if array_type(start, stop) is not None else np.linspace  # (a dual base)
    return np.power(base, space(start, stop, num, endpoint, axis=axis))


@implements(np.geomspace)
def _geomspace(start, stop, num=50, endpoint=True, dtype=None, axis=0):
    """sign * 10 ** linspace(log10 |start|, log10 |stop|), with start and stop themselves at
    the ends, as NumPy computes it; the real parts are NumPy's geomspace of the real end
    points (the rules' log10 and power may differ from NumPy's in the last bit)."""
    float64_only("geomspace", dtype)
    start, stop = as_arrays([start, stop])
    real = np.geomspace(start.real, stop.real, num, endpoint, axis=axis)  # and NumPy's errors
    sign = np.sign(start.real)
    start, stop = start / sign, stop / sign
    out = _logspace(np.log10(start), np.log10(stop), num, endpoint, 10.0)
    if num > 0:
        out[0] = start
        if num > 1 and endpoint:
            out[-1] = stop
    out = out * sign
    return out._with_parts((real,) + (np.moveaxis(out, 0, axis) if axis != 0 else out)._parts[1:])


# ---------------------------------------------------------------- dualnum.zeros, ...
def zeros(shape, dtype=None, order="C", *, like):
    """A dual array of zeros of the given shape, of like's type, directions and tag (like: a
    dual array or scalar dual; NumPy's zeros for any other like=): numpy.zeros(shape,
    like=like), the array to fill where a function builds its result element by element.

    Shapes: ``shape`` (with like's directions on the perturbation parts). Raises TypeError
    for dtype= other than float64 (the parts' dtype).

    >>> import numpy as np, dualnum as dn
    >>> def residual(p):
    ...     r = dn.zeros(2, like=p)
    ...     r[0] = p[0] * p[1] - 2.0
    ...     r[1] = p[1] ** 2
    ...     return r
    >>> dn.jacobian(residual, np.array([1.0, 3.0])).tolist()
    [[3.0, 1.0], [0.0, 6.0]]
    """
    return np.zeros(shape, dtype, order, like=like)


def ones(shape, dtype=None, order="C", *, like):
    """A dual array of ones (constants) of like's type, directions and tag: numpy.ones(shape,
    like=like); see :func:`zeros`.

    >>> import numpy as np, dualnum as dn
    >>> dn.ones(2, like=dn.DualArray([1.0], [1.0])).dual.tolist()
    [0.0, 0.0]
    """
    return np.ones(shape, dtype, order, like=like)


def empty(shape, dtype=None, order="C", *, like):
    """A dual array of like's type, directions and tag to be filled: numpy.empty(shape,
    like=like); unlike NumPy's, its values are zeros (an element left unwritten is a plain
    0, not an arbitrary value); see :func:`zeros`.

    >>> import numpy as np, dualnum as dn
    >>> dn.empty((2, 3), like=dn.DualArray([1.0], [1.0])).shape
    (2, 3)
    """
    return np.empty(shape, dtype, order, like=like)


def full(shape, fill_value, dtype=None, order="C", *, like):
    """A dual array of the given shape filled with fill_value (a number, array or dual,
    whose parts it carries), of like's type, directions and tag: numpy.full(shape,
    fill_value, like=like); see :func:`zeros`. Raises ValueError for a fill value that does
    not broadcast to shape.

    >>> import numpy as np, dualnum as dn
    >>> x = dn.DualArray([2.0], [1.0])
    >>> dn.full(3, x[0] ** 2, like=x).dual.tolist()
    [4.0, 4.0, 4.0]
    """
    return np.full(shape, fill_value, dtype, order, like=like)
