"""Dual and hyper-dual arrays whose parts are Dask arrays, and the Jacobian-vector product of
a function of a Dask array: lazy, whatever the function does with its argument, as long as
each operation is one that lazy dual arrays implement (the rest raise a TypeError naming
the operation; nothing is computed silently).

* :class:`DualArray`, :class:`HyperDualArray` (:mod:`._lazy`): the containers, NumPy's
  ufuncs and the operators, chunk by chunk through the in-memory implementations;
* :mod:`.array_functions`: the NumPy functions they implement (``HANDLED_FUNCTIONS``);
* :func:`jvp`, :func:`value_and_jvp`: seed a lazy DualArray, call f, read the parts.
"""
import dask.array as da
import numpy as np

from .._scalar import new_tag
from . import array_functions  # noqa: F401  (registers the NumPy functions)
from ._lazy import HANDLED_FUNCTIONS, DualArray, HyperDualArray, LazyArray

__all__ = ["DualArray", "HyperDualArray", "HANDLED_FUNCTIONS", "jvp", "value_and_jvp"]


def _seeded(x, v):
    """x (a Dask array, or a NumPy array beside a Dask v) seeded along v as a lazy
    DualArray of a fresh computation (tag), v with x's chunks."""
    x = da.asarray(x)
    if x.dtype.kind not in "biuf":
        raise TypeError("x must be an array of real numbers, not of dtype %s" % x.dtype)
    v = v if isinstance(v, da.Array) else np.asarray(v)
    if v.dtype.kind not in "biuf":
        raise TypeError("v must be an array of real numbers, not of dtype %s" % v.dtype)
    if v.shape != x.shape:
        raise ValueError("v must have x's shape %s (one direction: an entry per element of "
                         "x), not %s; for several directions call once per direction"
                         % (x.shape, v.shape))
    v = da.asarray(v).astype(np.float64).rechunk(x.chunks)
    x = x.astype(np.float64)
    return DualArray._new((x, v[..., None]), False, new_tag())


def value_and_jvp(f, x, v, *, args=(), kwargs=None):
    """``(f(x), J(x) v)``, both lazy, from one lazy dual evaluation of f at the Dask array
    x along v (a Dask or NumPy array of x's shape): Dask arrays of the shape of f's result.

    f must be made of operations that lazy dual arrays implement (ufuncs, operators,
    slicing, sums, matrix products, ...: see the README); any other raises a TypeError
    naming it. A result of f that does not depend on x has a zero derivative. Raises
    ValueError for v of another shape, TypeError for non-real x or v and for a result that
    is not a lazy dual array, a Dask or NumPy array or a number.

    >>> import numpy as np, dask.array as da, dualnum.dask as dd
    >>> t = da.from_array(np.array([0.0, 1.0, 2.0]), chunks=2)
    >>> value, slope = dd.value_and_jvp(lambda p: np.sum(p ** 2), t, np.ones(3))
    >>> float(value.compute()), float(slope.compute())
    (5.0, 6.0)
    """
    seed = _seeded(x, v)
    y = f(seed, *args, **(kwargs or {}))
    if isinstance(y, DualArray) and y._tag == seed._tag:
        return y.real, y.dual
    if isinstance(y, LazyArray):
        raise TypeError("f returned a lazy %s of another computation than its argument's: "
                        "return what f computed from its argument" % type(y).__name__)
    if isinstance(y, (da.Array, np.ndarray, float, int, np.number)):
        value = da.asarray(y).astype(np.float64)
        return value, da.zeros_like(value)
    raise TypeError("f must return a lazy dual array (what it computed from its argument), "
                    "a Dask or NumPy array or a number, not %s" % type(y).__name__)


def jvp(f, x, v, *, args=(), kwargs=None):
    """J(x) v of f at the Dask array x along v, lazy: ``value_and_jvp(...)[1]``, what
    ``dualnum.jvp`` returns for a Dask x (a Dask array of the shape of f's result).

    >>> import numpy as np, dask.array as da, dualnum as dn
    >>> t = da.from_array(np.array([0.0, 1.0, 3.0]), chunks=2)
    >>> dn.jvp(lambda p: p[1:] - p[:-1], t, np.array([1.0, 2.0, 4.0])).compute()
    array([1., 2.])
    """
    return value_and_jvp(f, x, v, args=args, kwargs=kwargs)[1]
