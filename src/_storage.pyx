# cython: language_level=3
"""The storage and the hot operators of dual arrays, compiled (dualnum.arrays._storage).

DualArray and HyperDualArray (dualnum/arrays/container.py) derive from ArrayBase. A small
array spends most of an operation in Python bookkeeping rather than in NumPy, so the common
cases (sums and differences of arrays with the same directions, scaling by a number,
negation, slicing, x**2) are handled here; every other case goes to the implementation that the
modules above registered in dualnum.arrays._registry, the one module this one imports.
"""
import contextvars
import math

import numpy as np

cimport numpy as cnp
from libc.stdint cimport uintptr_t

from dualnum.arrays import _registry

cnp.import_array()
cnp.import_ufunc()

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


# ---- operations that may move values between elements ----
# An elementwise derivative (dualnum.api) reads f(x)[i] as the derivative at x[i], right
# only where f is elementwise; a probe (a second evaluation on a few elements) checks that.
# No probe is needed where f did nothing but apply NumPy's ufuncs to dual arrays of its
# computation and to uniform constants (numbers, arrays of one element): such an f is
# elementwise by construction. Every other operation on a dual array (a NumPy function,
# indexing, a constant array of many elements, a result that is not a dual array such as a
# comparison's, any method or property that exposes shape or values) counts here, and the
# API probes where the count moved during f's evaluation.

cdef unsigned long long _UNSAFE = 0


def unsafe_operations():
    """How many operations on dual arrays so far may have moved values between elements
    or out of dual arrays (see above); the API compares it before and after f."""
    return _UNSAFE


cpdef void note_unsafe() noexcept:
    """Count one such operation (dualnum.arrays.container calls it from every method and
    property of dual arrays that is not an elementwise operation)."""
    global _UNSAFE
    _UNSAFE += 1


# The most elements of any dual array of a computation (tag) whose sizes are watched: the
# size of f's largest intermediate, from which gradient and jacobian choose how many
# directions a pass carries (dualnum.api). By tag, so that a nested call, or a call in
# another thread, measures its own arrays only.
cdef dict _LARGEST = {}


def watch_sizes(long long tag):
    """Start recording the largest array of computation ``tag`` (from 0)."""
    _LARGEST[tag] = 0


def largest_size(long long tag):
    """The most elements (of the real part, directions aside) of an array of computation
    ``tag`` made since ``watch_sizes(tag)``."""
    return _LARGEST.get(tag, 0)


def unwatch_sizes(long long tag):
    _LARGEST.pop(tag, None)


cdef inline void _note_size(tuple parts, long long tag):
    if not _LARGEST:  # the common case: nothing watched, one test
        return
    cdef object current = _LARGEST.get(tag)
    cdef object real = parts[0]
    cdef Py_ssize_t size
    if current is not None and type(real) is cnp.ndarray:
        size = cnp.PyArray_SIZE(<cnp.ndarray>real)
        if size > <Py_ssize_t>current:
            _LARGEST[tag] = size


# The size by which a rule with a NumPy twin chooses between its kernel and the twin
# (dualnum.arrays.elementwise.twin_from), where not the array's own: the API's evaluation
# of f block by block and its probe of a few elements take the path of x's blocks, so that
# they round alike (dualnum.api._check_elementwise). A context variable: each thread and
# task sets its own.
_PATH_SIZE = contextvars.ContextVar("dualnum_path_size", default=0)


cpdef Py_ssize_t path_size(Py_ssize_t size):
    """``size``, or the size set by an enclosing ``sized_as``."""
    cdef Py_ssize_t fixed = _PATH_SIZE.get()
    return size if fixed == 0 else fixed


class sized_as:
    """Context manager: inside, every rule chooses its kernel or its twin as for an array
    of ``size`` elements, whatever the array's size."""

    def __init__(self, size):
        self.size = size

    def __enter__(self):
        self._token = _PATH_SIZE.set(self.size)
        return self

    def __exit__(self, *exc):
        _PATH_SIZE.reset(self._token)
        return False


cdef bint uniform(ArrayBase x, object other):
    """other is an operand that keeps an operation with x elementwise: an array of x's
    computation, or a real number (a Python or NumPy number, or an array of one element)."""
    if isinstance(other, ArrayBase):
        return (<ArrayBase>other)._tag == x._tag
    if type(other) is float or type(other) is int or isinstance(other, (np.floating, np.integer)):
        return True
    return type(other) is cnp.ndarray and cnp.PyArray_SIZE(<cnp.ndarray>other) == 1 \
        and cnp.PyArray_TYPE(<cnp.ndarray>other) != cnp.NPY_OBJECT


cdef object counted(ArrayBase x, tuple inputs, object result):
    """result, counting the ufunc call that made it unless its inputs are all uniform with
    x and it is a dual array (or a tuple of them)."""
    cdef bint clean = isinstance(result, ArrayBase) or (
        type(result) is tuple and all([isinstance(r, ArrayBase) for r in result]))
    if clean:
        for o in inputs:
            if not uniform(x, o):
                clean = False
                break
    if not clean:
        note_unsafe()
    return result


# ---- direct kernel calls ----
# A rule's kernel is a NumPy generalized ufunc (dualnum.ufuncs), whose call costs about a
# microsecond of type resolution, iterator set-up and buffering before its loop runs: most
# of an operation on a small array. For the common layout (every part a C-contiguous
# float64 array, the operands' parts of one shape) the loop is called here directly, with
# the arguments NumPy would give it. NumPy also reports the loop's floating-point
# exceptions as warnings (or errors, np.errstate): where the loop raises any, the direct
# result is dropped and the ufunc called as usual, so that NumPy reports them.

cdef extern from "<fenv.h>":
    int feclearexcept(int)
    int fetestexcept(int)
    int FE_ALL_EXCEPT, FE_DIVBYZERO, FE_OVERFLOW, FE_INVALID, FE_UNDERFLOW

ctypedef void (*Loop)(char **, const cnp.npy_intp *, const cnp.npy_intp *, void *) noexcept nogil

# Elements from which a direct loop runs without the GIL; below, releasing and taking it
# back again would cost more than the loop itself (NumPy's own ufunc loops: 500, its
# NPY_BEGIN_THREADS_THRESHOLDED).
DEF RELEASE_GIL_FROM = 500
DEF MAX_ARGS = 12       # a two-operand hyper-dual kernel: 8 parts in, 4 out
DEF MAX_STEPS = 24      # their outer steps, then the steps along their direction axes

cdef dict DIRECT = _registry.DIRECT
# The two-operand ufuncs whose rule is taken directly for operands of one layout (x * x
# is not: it may be a kept square, elementwise.multiply).
cdef dict BINARY_DIRECT = {np.multiply: "multiply", np.divide: "divide"}
cdef dict _LOOPS = {}   # (array type, rule name, vector, unit) -> its loop's address, or 0


cdef uintptr_t loop_of(type cls, str name, bint vector=False, bint unit=False):
    """The inner loop of rule ``name``'s kernel (its vector loop where ``vector``; its loop
    of a unit seed, which takes x alone, where ``unit``) for arrays of type cls, 0 where
    there is none (a type without kernels, a kernel whose SciPy functions are missing)."""
    key = (cls, name, vector, unit)
    found = _LOOPS.get(key)
    if found is None:
        try:
            kernel = (_registry.vector_kernel if vector else _registry.direct_kernel)(
                cls, name, unit)
        except (TypeError, ImportError):
            kernel = None
        found = <uintptr_t>(<cnp.ufunc>kernel).functions[0] if kernel is not None else 0
        _LOOPS[key] = found
    return found


cdef bint contiguous_doubles(tuple parts):
    """Every part a C-contiguous float64 ndarray."""
    for p in parts:
        if type(p) is not cnp.ndarray or cnp.PyArray_TYPE(<cnp.ndarray>p) != cnp.NPY_DOUBLE \
                or not cnp.PyArray_IS_C_CONTIGUOUS(<cnp.ndarray>p):
            return False
    return True


cdef bint same_shape(cnp.ndarray a, cnp.ndarray b):
    cdef int j
    if cnp.PyArray_NDIM(a) != cnp.PyArray_NDIM(b):
        return False
    for j in range(cnp.PyArray_NDIM(a)):
        if cnp.PyArray_DIM(a, j) != cnp.PyArray_DIM(b, j):
            return False
    return True


cdef object run_direct(ArrayBase lead, uintptr_t address, tuple ins):
    """The kernel's loop (at ``address``) on the parts ``ins`` (one or two operands, each of
    lead's layout, checked by the caller), as an array of lead's type, directions and tag;
    None where the loop raised a floating-point exception (the caller calls the ufunc)."""
    cdef tuple parts = lead._parts
    cdef Py_ssize_t nin = len(ins), nout = len(parts), nargs = nin + nout, i, j, d, c
    cdef char *args[MAX_ARGS]
    cdef cnp.npy_intp steps[MAX_STEPS]
    cdef cnp.npy_intp dims[3]
    cdef cnp.ndarray p
    cdef int ndim = cnp.PyArray_NDIM(<cnp.ndarray>parts[0])
    outs = [cnp.PyArray_EMPTY(cnp.PyArray_NDIM(<cnp.ndarray>q), cnp.PyArray_DIMS(<cnp.ndarray>q),
                              cnp.NPY_DOUBLE, 0) for q in parts]
    dims[0] = cnp.PyArray_SIZE(<cnp.ndarray>parts[0])
    dims[1] = cnp.PyArray_DIM(<cnp.ndarray>parts[1], ndim)   # k: eps1's (or dual's) directions
    dims[2] = cnp.PyArray_DIM(<cnp.ndarray>parts[2], ndim) if nout == 4 else 1   # m: eps2's
    c = nargs  # the steps along the direction axes follow the outer steps
    for i in range(nargs):
        p = <cnp.ndarray>(ins[i] if i < nin else outs[i - nin])
        args[i] = <char *>cnp.PyArray_DATA(p)
        d = cnp.PyArray_NDIM(p) - ndim     # its direction axes: 0, 1 (k or m) or 2 (k, m)
        steps[i] = cnp.PyArray_ITEMSIZE(p)
        for j in range(d):
            steps[i] *= cnp.PyArray_DIM(p, ndim + j)
            steps[c] = cnp.PyArray_STRIDE(p, ndim + j)
            c += 1
    cdef Loop loop = <Loop>address
    feclearexcept(FE_ALL_EXCEPT)   # (the flags are the calling thread's)
    if dims[0] > RELEASE_GIL_FROM:
        with nogil:   # other threads run meanwhile (workers=, f on threads of its own)
            loop(args, dims, steps, NULL)
    else:
        loop(args, dims, steps, NULL)
    if fetestexcept(FE_DIVBYZERO | FE_OVERFLOW | FE_INVALID | FE_UNDERFLOW):
        return None
    return lead._new(tuple(outs))


cdef object direct_unary(ArrayBase x, object ufunc):
    """ufunc(x) by its rule's loop, or None where the direct call does not apply."""
    entry = DIRECT.get(ufunc)
    if entry is None or x._square is not None:
        return None
    name, twin_from, vector_from = <tuple>entry
    if not direct_parts(x):
        return None
    cdef Py_ssize_t size = path_size(cnp.PyArray_SIZE(<cnp.ndarray>x._parts[0]))
    cdef bint vector = size >= <Py_ssize_t>vector_from and not x._directional
    if size >= <Py_ssize_t>twin_from and not vector:
        return None  # (large arrays with directions: the rule's NumPy twin, elementwise.unary)
    cdef bint unit = not x._directional and unit_seed(x._parts)
    cdef uintptr_t address = loop_of(type(x), name, vector, unit)
    if not address:
        return None
    return run_direct(x, address, x._parts[:1] if unit else x._parts)


cdef object _ONES = None, _ZEROS = None  # _registry.UNIT_SEEDS, read on first use


cdef bint unit_seed(tuple parts):
    """The perturbation parts of a plain array are the API's unit seeds: views of the ones
    (1), and of the zeros for a hyper-dual's eps1eps2 (0), of _registry.UNIT_SEEDS."""
    global _ONES, _ZEROS
    if _ONES is None:
        _ONES, _ZEROS = _registry.UNIT_SEEDS
    if not views(<cnp.ndarray>parts[1], _ONES):
        return False
    return len(parts) == 2 or (views(<cnp.ndarray>parts[2], _ONES)
                               and views(<cnp.ndarray>parts[3], _ZEROS))


cdef inline bint views(cnp.ndarray a, object buffer):
    """a's base is buffer (a NULL base, an array that owns its data, is none)."""
    return <void *>cnp.PyArray_BASE(a) == <void *>buffer


cdef object direct_binary(ArrayBase x, object y, str name):
    """Rule ``name`` of x and y, arrays of one layout and shape, by its loop, or None where
    the direct call does not apply."""
    if x._square is not None or (<ArrayBase>y)._square is not None:
        return None
    # one layout (the caller's _same_layout): the parts' shapes follow from the real parts'
    cdef tuple other = (<ArrayBase>y)._parts
    if not (direct_parts(x) and contiguous_doubles(other)
            and same_shape(<cnp.ndarray>other[0], <cnp.ndarray>x._parts[0])):
        return None
    cdef uintptr_t address = loop_of(type(x), name)
    return run_direct(x, address, x._parts + (<ArrayBase>y)._parts) if address else None


cdef bint direct_parts(ArrayBase x):
    """x's parts take a direct call: C-contiguous float64 arrays with at least one axis
    (a 0-d result is NumPy's scalar), and not a hyper-dual array with one direction of
    each kind, whose kernels need a padding (elementwise.apply)."""
    cdef tuple parts = x._parts
    if type(parts[0]) is not cnp.ndarray or cnp.PyArray_NDIM(<cnp.ndarray>parts[0]) == 0:
        return False
    if not contiguous_doubles(parts):
        return False
    cdef cnp.ndarray d = <cnp.ndarray>parts[len(parts) - 1]
    cdef int n = cnp.PyArray_NDIM(d)
    return not (len(parts) == 4 and x._directional and cnp.PyArray_DIM(d, n - 1) == 1
                and cnp.PyArray_DIM(d, n - 2) == 1)


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
        _note_size(self._parts, tag)
        self._directional = directional
        self._tag = tag
        return self

    cdef ArrayBase _new(self, tuple parts):
        cdef type cls = type(self)  # typed, so that Cython calls its tp_new directly
        cdef ArrayBase out = cls.__new__(cls)
        out._parts = parts
        _note_size(parts, self._tag)
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
        return counted(self, (other,), UFUNCS[_add](self, other))

    def __radd__(self, other):
        if type(other) is float or type(other) is int:
            return self._new((other + self._parts[0],) + tuple([p.copy() for p in self._parts[1:]]))
        return counted(self, (other,), UFUNCS[_add](other, self))

    def __sub__(self, other):
        if self._same_layout(other):
            return self._new(tuple([p - q for p, q in zip(self._parts, (<ArrayBase>other)._parts)]))
        if type(other) is float or type(other) is int:
            return self._new((self._parts[0] - other,) + tuple([p.copy() for p in self._parts[1:]]))
        return counted(self, (other,), UFUNCS[_subtract](self, other))

    def __rsub__(self, other):
        if type(other) is float or type(other) is int:
            return self._new((other - self._parts[0],) + tuple([-p for p in self._parts[1:]]))
        return counted(self, (other,), UFUNCS[_subtract](other, self))

    def __mul__(self, other):
        if finite_number(other):  # no zero guard needed: NumPy's loops on each part
            return self._new(tuple([p * other for p in self._parts]))
        if self._same_layout(other):
            out = direct_binary(self, other, "multiply")
            if out is not None:
                return out
        return counted(self, (other,), UFUNCS[_multiply](self, other))

    def __rmul__(self, other):
        if finite_number(other):
            return self._new(tuple([other * p for p in self._parts]))
        return counted(self, (other,), UFUNCS[_multiply](other, self))

    def __truediv__(self, other):
        if finite_number(other):  # parts times 1/other, as the quotient rule has it
            r = 1.0 / other
            return self._new((self._parts[0] / other,) + tuple([p * r for p in self._parts[1:]]))
        if self._same_layout(other):
            out = direct_binary(self, other, "divide")
            if out is not None:
                return out
        return counted(self, (other,), UFUNCS[_divide](self, other))

    def __rtruediv__(self, other):
        return counted(self, (other,), UFUNCS[_divide](other, self))

    def __pow__(self, other, mod):
        if mod is not None:
            raise TypeError("pow() with a modulus is not defined for dual arrays")
        if (type(other) is float or type(other) is int) and other == 2 \
                and self._square_kernel is not None and self._square is None:
            # x**2, the most common power: straight to the square rule's kernel (which
            # outruns NumPy at every size, so the rule has no NumPy twin)
            if direct_parts(self):
                address = loop_of(type(self), "square")
                out = run_direct(self, address, self._parts) if address else None
                if out is not None:
                    return out
            return self._new(tuple(self._square_kernel(*self._parts)))
        return counted(self, (other,), UFUNCS[_power](self, other))

    def __rpow__(self, other, mod):
        return counted(self, (other,), UFUNCS[_power](other, self))

    def __neg__(self):
        return self._new(tuple([-p for p in self._parts]))

    def __getitem__(self, key):
        note_unsafe()  # any index moves elements (or picks some)
        if type(key) is slice:  # x[1:], x[:-1]: the common case
            return self._new(tuple([p[key] for p in self._parts]))
        return self._index(key)

    def __array_function__(self, func, types, args, kwargs):
        """NEP 18: dualnum.arrays.HANDLED_FUNCTIONS, or a TypeError naming func."""
        note_unsafe()  # a NumPy function: it may combine elements
        if func is _sum and len(args) == 1 and args[0] is self \
                and self._parts[0].ndim == 1 and self._directional \
                and (not kwargs or (len(kwargs) == 1 and kwargs.get("axis", 1) in (0, -1))):
            # np.sum(x) (or along its one axis) of a 1-D array with directions: the last
            # step of every gradient
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
            if len(inputs) == 1:
                out = direct_unary(self, ufunc)
                if out is not None:
                    return out
            elif len(inputs) == 2 and inputs[0] is self and ufunc in BINARY_DIRECT \
                    and self._same_layout(inputs[1]):
                out = direct_binary(self, inputs[1], BINARY_DIRECT[ufunc])
                if out is not None:
                    return out
            call = UFUNCS.get(ufunc)
            if call is not None:
                return counted(self, inputs, call(*inputs))
        note_unsafe()  # reductions, accumulations, out=, where=
        return _registry.array_ufunc(ufunc, method, inputs, kwargs)


include "elementwise_call.pxi"


# A dual array is indexed (x[key]) and iterated (__iter__), but is no sequence: NumPy's float
# setitem (buf[i] = x) reports any sequence as "setting an array element with a sequence",
# which would hide the TypeError of __float__ that says why a dual cannot be stored there.
# Cython gives a class with __getitem__ the sequence slot sq_item as well; removed here,
# before the array types (Python subclasses) inherit it.
(<TypeSlots *>ArrayBase).tp_as_sequence.sq_item = NULL
PyType_Modified(<TypeSlots *>ArrayBase)
