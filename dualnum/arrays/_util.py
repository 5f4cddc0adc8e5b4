"""Leaf helpers of the array layer: read-only sharing, index expansion, axis normalisation.

Nothing here knows about dual numbers; every module of the package may use it.
"""
import operator
import sys

import numpy as np

from .. import ufuncs


# Read-only ones and zeros that the API's seeds and the cached parts of constants view
# (dualnum.api._filled). A part whose base is ONES holds ones only: the first operation on a
# unit seed needs no multiply in its chain rule, g'(x) 1 being g'(x) (container._chain).
SEED_ELEMENTS = 65536
ONES, ZEROS = np.ones(SEED_ELEMENTS), np.zeros(SEED_ELEMENTS)
ONES.flags.writeable = ZEROS.flags.writeable = False


def shared(part):
    """A read-only view, for parts that several arrays may hold (seeds, the cached zero parts
    of constants): writing into an array copies such a part first."""
    view = part.view()
    view.flags.writeable = False
    return view


def expand_key(key, ndim):
    """An index as a tuple without Ellipsis, so that ``part[key + (...,)]`` leaves the
    trailing direction axes of a part alone."""
    key = key if isinstance(key, tuple) else (key,)
    if not any(k is Ellipsis for k in key):
        return key
    used = sum(k.ndim if _bool_array(k) else (0 if k is None else 1)
               for k in key if k is not Ellipsis)
    at = next(i for i, k in enumerate(key) if k is Ellipsis)
    rest = tuple(k for k in key[at + 1:] if k is not Ellipsis)
    return key[:at] + (slice(None),) * (ndim - used) + rest


def _bool_array(k):
    """k is an array of booleans, NumPy's or another library's (a Dask mask): an index that
    covers as many axes as it has."""
    return isinstance(getattr(k, "ndim", None), int) and getattr(k, "dtype", None) == bool


def normalize_axis(axis, ndim):
    """``axis`` (None, an int or a tuple of ints) as a tuple of non-negative axes; raises
    NumPy's AxisError for an axis out of range."""
    if axis is None:
        return tuple(range(ndim))
    if isinstance(axis, tuple):
        return tuple(normalize_axis(a, ndim)[0] for a in axis)
    axis = operator.index(axis)
    if not -ndim <= axis < max(ndim, 1):
        raise np.exceptions.AxisError(axis, ndim)
    return (axis % max(ndim, 1),)


def diff_axis(a, n, axis):
    """The axis of np.diff(a, n, axis), with NumPy's checks of n and of a's dimensions."""
    if n < 0:
        raise ValueError("order must be non-negative but got %r" % (n,))
    if a.ndim == 0:
        raise ValueError("diff requires input that is at least one dimensional")
    (ax,) = normalize_axis(axis, a.ndim)
    return ax


def differences(a, n, ax):
    """``a[1:] - a[:-1]`` along axis ``ax``, n times (np.diff of an array whose indexing
    and subtraction are its own)."""
    for _ in range(n):
        hi = tuple(slice(1, None) if i == ax else slice(None) for i in range(a.ndim))
        lo = tuple(slice(None, -1) if i == ax else slice(None) for i in range(a.ndim))
        a = a[hi] - a[lo]
    return a


def refuse(name, keyword, why):
    """The TypeError for a keyword of numpy.NAME that dual arrays do not honour, and why."""
    raise TypeError("numpy.%s on dual arrays does not take %s: %s" % (name, keyword, why))


def float64_only(name, dtype):
    """dtype= of numpy.NAME: None or float64, the type of every part; TypeError otherwise."""
    if dtype is not None and np.dtype(dtype) != np.float64:
        refuse(name, "dtype=%s" % np.dtype(dtype),
               "the parts of a dual array are float64 (dtype=None or float64)")


def joining(name, dtype, casting):
    """dtype= and casting= of the functions that join arrays (concatenate, stack, ...): dual
    arrays convert every operand to float64, as casting='same_kind' does."""
    float64_only(name, dtype)
    if casting != "same_kind":
        refuse(name, "casting=%r" % (casting,), "every operand becomes float64 as under "
               "casting='same_kind', the default")


def sparse_matrix(x):
    """x is a scipy.sparse matrix or array (SciPy is optional: without scipy.sparse loaded,
    nothing is)."""
    sparse = sys.modules.get("scipy.sparse")
    return sparse is not None and sparse.issparse(x)


def dask_array(x):
    """x is a Dask array, seen without importing Dask: none is unless dask.array has been
    imported."""
    module = sys.modules.get("dask.array")
    return module is not None and isinstance(x, module.Array)


def dask_inside(x):
    """x is a Dask array, or a list or tuple holding one at any depth (np.asarray would
    compute each): seen without importing Dask, and without looking inside x at all where
    dask.array has not been imported."""
    if sys.modules.get("dask.array") is None:
        return False
    pending = [x]
    while pending:
        value = pending.pop()
        if dask_array(value):
            return True
        if isinstance(value, (list, tuple)):
            pending.extend(value)
    return False


def holds_parts(x):
    """x is an array of the array layer's families: its elements held as parts of its shape
    (``_parts``, ``_with_parts``: dual arrays, Taylor arrays), which the functions that
    only move, pick or sum elements handle part by part."""
    return hasattr(type(x), "_with_parts")


def ndarray_method(func):
    """The ndarray method that calls ``func`` (a NumPy function) on the array."""
    def method(self, *args, **kwargs):
        return func(self, *args, **kwargs)
    method.__name__ = func.__name__
    method.__doc__ = "numpy.%s of this array, as ndarray.%s." % (func.__name__, func.__name__)
    return method


class RefusedConversions:
    """float(x), int(x), complex(x) and operator.index(x) of an array that holds more than
    its values (dual parts, Taylor coefficients): each raises the TypeError of the class's
    ``_refuse_conversion(target)``, which names what would be dropped and what to use."""

    __slots__ = ()

    def _refuse_conversion(self, target):
        raise NotImplementedError

    def __float__(self):
        self._refuse_conversion("float")

    def __int__(self):
        self._refuse_conversion("int")

    def __complex__(self):
        self._refuse_conversion("complex")

    def __index__(self):
        self._refuse_conversion("an index")


class ShapeMethods:
    """ndarray's ``T``, ``transpose`` and ``reshape`` for an array whose np.transpose and
    np.reshape are its own (NEP 18): the methods' forms of the arguments (one tuple or
    separate integers) handed to those."""

    __slots__ = ()

    @property
    def T(self):
        """The array with its axes reversed, as ndarray.T."""
        return self.transpose()

    def transpose(self, *axes):
        """Permute the axes, as ndarray.transpose."""
        if len(axes) == 1 and not isinstance(axes[0], int):
            axes = axes[0]
        return np.transpose(self, None if axes == () else axes)

    def reshape(self, *shape, order="C", copy=None):
        """Reshape, as ndarray.reshape."""
        if len(shape) == 1 and not isinstance(shape[0], int):
            shape = shape[0]
        return np.reshape(self, shape, order=order, copy=copy)


def plain_ndarray(x, name):
    """Raise a TypeError naming ``name`` where x is an ndarray subclass other than np.memmap
    (whose elements and operators are an ndarray's): np.asarray would drop what the subclass
    means (a matrix's ``*``, a mask, units), so the derivative would be of another function."""
    if not isinstance(x, np.ndarray) or type(x) is np.ndarray or isinstance(x, np.memmap):
        return
    if isinstance(x, np.matrix):
        what, fix = ("numpy.matrix, whose * is the matrix product: a dual array is a plain "
                     "array (* elementwise)", "pass np.asarray({0}) and write matrix "
                     "products with @")
    elif isinstance(x, np.ma.MaskedArray):
        what, fix = ("numpy.ma.MaskedArray: a dual array has no mask, so its masked "
                     "elements would count", "pass {0}.filled(value) or {0}.compressed() "
                     "(the unmasked elements), or np.asarray({0}) to use every element")
    else:
        what, fix = ("%s, an ndarray subclass whose behaviour a dual array does not keep"
                     % type(x).__name__, "pass np.asarray({0}) if a plain array is meant")
    raise TypeError("%s is a %s; %s" % (name, what, fix.format(name)))


def scaled(g, part, core):
    """g times a perturbation part, 0 where the part is 0 (the first-order chain rule,
    src/chain.h's dn_scale): g of shape S (or broadcasting to it), part of shape S plus
    ``core`` direction axes. One direction axis of more than one direction goes to the
    generalized ufunc ``scale_rows``, which runs each element's directions as one contiguous
    loop; NumPy's broadcast of g over that axis would call the inner loop once per element
    (4 times slower at 16 directions)."""
    if core == 1 and part.shape[-1] > 1:
        return ufuncs.scale_rows(g, part)
    return ufuncs.scale(np.reshape(g, np.shape(g) + (1,) * core), part)
