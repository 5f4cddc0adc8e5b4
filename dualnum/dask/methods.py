"""The ndarray methods of lazy dual arrays: the NumPy functions that they implement, as
methods; the copies (a lazy array is never written in place, nor are its parts, so a copy
shares them); and TypeErrors naming ``.compute()`` for the methods whose results are
in-memory values (``item``, ``tolist``) or that lazy arrays do not implement (``x.max()``:
numpy.max's refusal)."""
import numpy as np

from ..arrays._util import ndarray_method as _method

_FLOAT = np.float64


def refuse(name, keyword, why):
    """The TypeError for a keyword of numpy.NAME that lazy dual arrays do not honour."""
    raise TypeError("numpy.%s on lazy dual arrays (dualnum.dask) does not take %s: %s"
                    % (name, keyword, why))


class LazyMethods:
    """The methods; the class holds ``_with_parts``, ``_parts`` and ``_memory`` (the
    in-memory class)."""

    __slots__ = ()

    def ravel(self, order="C"):
        """The elements in one axis, as ndarray.ravel (C order: Dask reshapes so)."""
        return np.reshape(self, -1, order=order)

    def flatten(self, order="C"):
        """The elements in one axis, as ndarray.flatten: ``ravel`` (the parts are never
        written, so there is nothing to copy)."""
        return self.ravel(order)

    def copy(self, order="K"):
        """A lazy array of the same parts, as ndarray.copy: neither is ever written in place
        (nor are Dask arrays), so sharing them is a copy. TypeError for order='F': chunks
        have no memory order until computed."""
        _no_layout("copy", order)
        return self._with_parts(self._parts)

    def astype(self, dtype, order="K", casting="unsafe", subok=True, copy=True):
        """As ndarray.astype for dtype float64, the parts' own: a lazy array of the same
        parts (see ``copy``). TypeError for any other dtype, as the in-memory arrays refuse
        it, and for order='F'."""
        if np.dtype(dtype) != _FLOAT:
            refuse("ndarray.astype", "dtype=%s" % np.dtype(dtype),
                   "the parts of a dual array are float64, and another dtype would round or "
                   "drop them (x.real.astype(...) converts the values alone, lazily)")
        _no_layout("astype", order)
        return self._with_parts(self._parts)

    def compute_chunk_sizes(self):
        """Computes the chunk sizes that a boolean mask left unknown (Dask's
        ``Array.compute_chunk_sizes``, on each part: this computes the graph up to here,
        once per part) and returns the array, whose shape is then known: reshape, ravel,
        mean and the elementwise derivatives need it."""
        for part in self._parts:
            part.compute_chunk_sizes()
        return self

    def item(self, *args):
        """Raises TypeError: a scalar dual is an in-memory value (``.compute()`` first)."""
        raise TypeError(_computes(self, "item()"))

    def tolist(self):
        """Raises TypeError: lists of scalar duals are in-memory values."""
        raise TypeError(_computes(self, "tolist()"))

    # the ndarray methods that are NumPy functions: each the lazy function, or its refusal
    # (which names .compute())
    sum, mean, cumsum = _method(np.sum), _method(np.mean), _method(np.cumsum)
    dot, clip = _method(np.dot), _method(np.clip)
    squeeze, swapaxes = _method(np.squeeze), _method(np.swapaxes)
    max, min, argmax, argmin = _method(np.max), _method(np.min), _method(np.argmax), \
        _method(np.argmin)
    prod, var, std, any, all = _method(np.prod), _method(np.var), _method(np.std), \
        _method(np.any), _method(np.all)
    cumprod, round, trace = _method(np.cumprod), _method(np.round), _method(np.trace)
    diagonal, repeat, take = _method(np.diagonal), _method(np.repeat), _method(np.take)
    nonzero, ptp, argsort = _method(np.nonzero), _method(np.ptp), _method(np.argsort)
    searchsorted, sort = _method(np.searchsorted), _method(np.sort)
    conj = conjugate = _method(np.conjugate)


def _computes(x, what):
    """The refusal of ``what``, a method whose result is in-memory values."""
    return ("%s would compute a %s: call .compute() first for the in-memory %s, whose %s "
            "gives it" % (what, "dualnum.dask." + type(x).__name__, x._memory.__name__, what))


def _no_layout(name, order):
    if order not in ("K", "A", "C"):
        refuse("ndarray.%s" % name, "order=%r" % (order,), "the chunks of a lazy array have "
               "no memory order until computed; set it after .compute()")
