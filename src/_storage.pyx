# cython: language_level=3
"""The storage and the hot operators of dual arrays, compiled (dualnum.arrays._storage).

DualArray and HyperDualArray (dualnum/arrays/container.py) derive from ArrayBase. A small
array spends most of an operation in Python bookkeeping rather than in NumPy, so the common
cases (sums and differences of arrays with the same directions, scaling by a number,
negation, slicing, x**2) are handled here; every other case goes to the implementation that the
modules above registered in dualnum.arrays._registry, the one module this one imports.
"""
import math

import numpy as np

from dualnum.arrays import _registry

cdef object _sum = np.sum
cdef object _reduce = np.add.reduce
cdef dict UFUNCS = _registry.UFUNCS
cdef dict HANDLED = _registry.HANDLED_FUNCTIONS
cdef set LIKE = _registry.LIKE
cdef object _add = np.add, _subtract = np.subtract, _multiply = np.multiply
cdef object _divide = np.divide, _power = np.power


cdef extern from "Python.h":
    ctypedef struct PySequenceMethods:
        void *sq_item
    ctypedef struct TypeSlots "PyTypeObject":
        PySequenceMethods *tp_as_sequence
    void PyType_Modified(TypeSlots *)


cdef inline bint finite_number(object c):
    return (type(c) is float or type(c) is int) and c != 0 and math.isfinite(c)


cdef bint same_directions(ArrayBase x, object other):
    """other is an array of x's type whose perturbation parts carry the same directions."""
    if type(other) is not type(x):
        return False
    cdef ArrayBase y = <ArrayBase>other
    if y._directional != x._directional:
        return False
    if not x._directional:
        return True
    p, q = x._parts[-1], y._parts[-1]  # the last part holds every direction axis
    core = x._dir_ndim[-1]
    return p.shape[p.ndim - core:] == q.shape[q.ndim - core:]


cdef class ArrayBase:
    """Parts (a tuple of float64 ndarrays: real, then the perturbation parts with their
    direction axes), whether the directions are visible to the user, and the tag of the
    derivative computation the array belongs to (src/tags.pxi; 0 for arrays built by hand).

    Each subclass states its facts as class attributes: ``_dir_ndim``, the number of
    direction axes of each part (``(0, 1)`` for duals), ``_names``, the parts' names, and
    ``_square_kernel``, the kernel of its square rule (for x**2)."""

    cdef public tuple _parts
    cdef public bint _directional
    cdef public long long _tag
    # None, or a function returning this array's exact square, kept by the functions with a
    # kink at 0 whose square is smooth (abs, hypot, norm): see dualnum.arrays.elementwise
    cdef public object _square

    @classmethod
    def _wrap(cls, parts, directional, tag):
        """An array of type cls of computation `tag` holding `parts` as they are (no copy,
        no checks)."""
        cdef ArrayBase self = cls.__new__(cls)
        self._parts = tuple(parts)
        self._directional = directional
        self._tag = tag
        return self

    cdef ArrayBase _new(self, tuple parts):
        cdef type cls = type(self)  # typed, so that Cython calls its tp_new directly
        cdef ArrayBase out = cls.__new__(cls)
        out._parts = parts
        out._directional = self._directional
        out._tag = self._tag
        return out

    def _with_parts(self, parts):
        """An array of this one's type, directions and tag holding `parts` as they are: the
        result of an operation on this array, or on operands it leads (no copy, no
        checks)."""
        return self._new(tuple(parts))

    cpdef bint _same_layout(self, object other):
        """other is an array of this type and derivative computation (tag) whose
        perturbation parts carry the same directions (so that their parts combine one to
        one)."""
        return same_directions(self, other) and (<ArrayBase>other)._tag == self._tag

    def _same_directions(self, other):
        """other is an array of this type whose perturbation parts carry the same
        directions, of any computation."""
        return same_directions(self, other)

    def __add__(self, other):
        if self._same_layout(other):
            return self._new(tuple([p + q for p, q in zip(self._parts, (<ArrayBase>other)._parts)]))
        if type(other) is float or type(other) is int:
            return self._new((self._parts[0] + other,) + tuple([p.copy() for p in self._parts[1:]]))
        return UFUNCS[_add](self, other)

    def __radd__(self, other):
        if type(other) is float or type(other) is int:
            return self._new((other + self._parts[0],) + tuple([p.copy() for p in self._parts[1:]]))
        return UFUNCS[_add](other, self)

    def __sub__(self, other):
        if self._same_layout(other):
            return self._new(tuple([p - q for p, q in zip(self._parts, (<ArrayBase>other)._parts)]))
        if type(other) is float or type(other) is int:
            return self._new((self._parts[0] - other,) + tuple([p.copy() for p in self._parts[1:]]))
        return UFUNCS[_subtract](self, other)

    def __rsub__(self, other):
        if type(other) is float or type(other) is int:
            return self._new((other - self._parts[0],) + tuple([-p for p in self._parts[1:]]))
        return UFUNCS[_subtract](other, self)

    def __mul__(self, other):
        if finite_number(other):  # no zero guard needed: NumPy's loops on each part
            return self._new(tuple([p * other for p in self._parts]))
        return UFUNCS[_multiply](self, other)

    def __rmul__(self, other):
        if finite_number(other):
            return self._new(tuple([other * p for p in self._parts]))
        return UFUNCS[_multiply](other, self)

    def __truediv__(self, other):
        if finite_number(other):  # parts times 1/other, as the quotient rule has it
            r = 1.0 / other
            return self._new((self._parts[0] / other,) + tuple([p * r for p in self._parts[1:]]))
        return UFUNCS[_divide](self, other)

    def __rtruediv__(self, other):
        return UFUNCS[_divide](other, self)

    def __pow__(self, other, mod):
        if mod is not None:
            raise TypeError("pow() with a modulus is not defined for dual arrays")
        if (type(other) is float or type(other) is int) and other == 2 \
                and self._square_kernel is not None and self._square is None:
            # x**2, the most common power: straight to the square rule's kernel (which
            # outruns NumPy at every size, so the rule has no NumPy twin)
            return self._new(tuple(self._square_kernel(*self._parts)))
        return UFUNCS[_power](self, other)

    def __rpow__(self, other, mod):
        return UFUNCS[_power](other, self)

    def __neg__(self):
        return self._new(tuple([-p for p in self._parts]))

    def __getitem__(self, key):
        if type(key) is slice:  # x[1:], x[:-1]: the common case
            return self._new(tuple([p[key] for p in self._parts]))
        return self._index(key)

    def __array_function__(self, func, types, args, kwargs):
        """NEP 18: dualnum.arrays.HANDLED_FUNCTIONS, or a TypeError naming func."""
        if func is _sum and not kwargs and len(args) == 1 and args[0] is self \
                and self._parts[0].ndim == 1 and self._directional:
            # np.sum(x) of a 1-D array with directions: the last step of every gradient
            return self._new(tuple([_reduce(p, 0) for p in self._parts]))
        if len(types) == 1:  # only dual arrays take part: the common case
            impl = HANDLED.get(func)
            if impl is not None:
                if func in LIKE:  # NEP 35, numpy.zeros(n, like=self): NumPy passes no like
                    return impl(*args, like=self, **kwargs)
                return impl(*args, **kwargs)
        return _registry.array_function(func, types, args, kwargs, self)

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        """NEP 13: see dualnum.arrays._registry.array_ufunc."""
        if method == "__call__" and not kwargs:
            call = UFUNCS.get(ufunc)
            if call is not None:
                return call(*inputs)
        return _registry.array_ufunc(ufunc, method, inputs, kwargs)


# A dual array is indexed (x[key]) and iterated (__iter__), but is no sequence: NumPy's float
# setitem (buf[i] = x) reports any sequence as "setting an array element with a sequence",
# which would hide the TypeError of __float__ that says why a dual cannot be stored there.
# Cython gives a class with __getitem__ the sequence slot sq_item as well; removed here,
# before the array types (Python subclasses) inherit it.
(<TypeSlots *>ArrayBase).tp_as_sequence.sq_item = NULL
PyType_Modified(<TypeSlots *>ArrayBase)
