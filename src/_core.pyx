# cython: language_level=3
"""The storage and the hot operators of dual arrays, compiled.

DualArray and HyperDualArray (dualnum/array.py) derive from ArrayBase. A small array spends
most of an operation in Python bookkeeping rather than in NumPy, so the common cases (sums
and differences of arrays with the same directions, scaling by a number, powers, negation,
slicing) are handled here; everything else goes to dualnum.array_math.
"""
import math

import numpy as np

cdef object _sum = np.sum
cdef object _reduce = np.add.reduce

cdef object _math = None  # dualnum.array_math, bound on first use (it imports dualnum.array)
cdef dict _handled = None  # dualnum.array_numpy.HANDLED_FUNCTIONS, likewise
cdef object _protocols = None


cdef object arithmetic():
    global _math
    if _math is None:
        from dualnum import array_math
        _math = array_math
    return _math


cdef object protocols():
    global _protocols, _handled
    if _protocols is None:
        from dualnum import array_numpy
        _protocols = array_numpy
        _handled = array_numpy.HANDLED_FUNCTIONS
    return _protocols


cdef inline bint same_layout(ArrayBase x, object y):
    """y is an array of x's type whose perturbation parts carry the same directions."""
    if type(y) is not type(x):
        return False
    cdef ArrayBase other = <ArrayBase>y
    if other._directional != x._directional:
        return False
    if not x._directional:
        return True
    p, q = x._parts[-1], other._parts[-1]  # the last part holds every direction axis
    core = x._core[-1]
    return p.shape[p.ndim - core:] == q.shape[q.ndim - core:]


cdef inline bint finite_number(object c):
    return (type(c) is float or type(c) is int) and c != 0 and math.isfinite(c)


cdef class ArrayBase:
    """Parts (a tuple of float64 ndarrays: real, then the perturbation parts with their
    direction axes) and whether the directions are visible to the user."""

    cdef public tuple _parts
    cdef public bint _directional

    @classmethod
    def _wrap(cls, parts, directional):
        """An array of type cls holding `parts` as they are (no copy, no checks)."""
        cdef ArrayBase self = cls.__new__(cls)
        self._parts = tuple(parts)
        self._directional = directional
        return self

    cdef ArrayBase _new(self, tuple parts):
        cdef ArrayBase out = type(self).__new__(type(self))
        out._parts = parts
        out._directional = self._directional
        return out

    def __add__(self, other):
        if same_layout(self, other):
            return self._new(tuple([p + q for p, q in zip(self._parts, (<ArrayBase>other)._parts)]))
        if type(other) is float or type(other) is int:
            return self._new((self._parts[0] + other,) + tuple([p.copy() for p in self._parts[1:]]))
        return arithmetic().add(self, other)

    def __radd__(self, other):
        if type(other) is float or type(other) is int:
            return self._new((other + self._parts[0],) + tuple([p.copy() for p in self._parts[1:]]))
        return arithmetic().add(other, self)

    def __sub__(self, other):
        if same_layout(self, other):
            return self._new(tuple([p - q for p, q in zip(self._parts, (<ArrayBase>other)._parts)]))
        if type(other) is float or type(other) is int:
            return self._new((self._parts[0] - other,) + tuple([p.copy() for p in self._parts[1:]]))
        return arithmetic().add(self, other, -1.0)

    def __rsub__(self, other):
        if type(other) is float or type(other) is int:
            return self._new((other - self._parts[0],) + tuple([-p for p in self._parts[1:]]))
        return arithmetic().add(other, self, -1.0)

    def __mul__(self, other):
        if finite_number(other):  # no zero guard needed: NumPy's loops on each part
            return self._new(tuple([p * other for p in self._parts]))
        return arithmetic().multiply(self, other)

    def __rmul__(self, other):
        if finite_number(other):
            return self._new(tuple([other * p for p in self._parts]))
        return arithmetic().multiply(other, self)

    def __truediv__(self, other):
        if finite_number(other):  # parts times 1/other, as the quotient rule has it
            r = 1.0 / other
            return self._new((self._parts[0] / other,) + tuple([p * r for p in self._parts[1:]]))
        return arithmetic().divide(self, other)

    def __rtruediv__(self, other):
        return arithmetic().divide(other, self)

    def __pow__(self, other, mod):
        if mod is not None:
            raise TypeError("pow() with a modulus is not defined for dual arrays")
        if (type(other) is float or type(other) is int) and other == 2 and \
                self._parts[0].size < arithmetic().SIMD_MIN_SIZE:
            # x**2 on a small array: straight to the kernel of the square rule
            return self._new(self._square_kernel(*self._parts))
        return arithmetic().power(self, other)

    def __rpow__(self, other, mod):
        return arithmetic().power(other, self)

    def __neg__(self):
        return self._new(tuple([-p for p in self._parts]))

    def __getitem__(self, key):
        if type(key) is slice:  # x[1:], x[:-1]: the common case
            return self._new(tuple([p[key] for p in self._parts]))
        return self._index(key)

    def __array_function__(self, func, types, args, kwargs):
        """NEP 18: dualnum.array_numpy.HANDLED_FUNCTIONS, or a TypeError naming func."""
        numpy_protocols = protocols()
        if func is _sum and not kwargs and len(args) == 1 and args[0] is self \
                and self._parts[0].ndim == 1 and self._directional:
            # np.sum(x) of a 1-D array with directions: the last step of every gradient
            return self._new(tuple([_reduce(p, 0) for p in self._parts]))
        if len(types) == 1:  # only dual arrays take part: the common case
            impl = _handled.get(func)
            if impl is not None:
                return impl(*args, **kwargs)
        return numpy_protocols.array_function(func, types, args, kwargs)

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        """NEP 13: see dualnum.array_numpy.array_ufunc."""
        numpy_protocols = protocols()
        if method == "__call__" and not kwargs:
            call = numpy_protocols.UFUNC_CALLS.get(ufunc)
            if call is not None:
                return call(*inputs)
        return numpy_protocols.array_ufunc(ufunc, method, inputs, kwargs)
