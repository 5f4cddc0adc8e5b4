# The elementwise derivatives' common case, compiled (included by _storage.pyx).
#
# dualnum.api.derivative, second_derivative and derivatives on an array of at most
# api.BLOCK elements seed it with plain unit parts, call f once and read the parts of its
# result. When f did nothing but elementwise arithmetic on dual arrays (the count of
# _storage.pyx unmoved: no probe is needed) and returned an array of the seed's type,
# computation and shape, that reading is done here: a few microseconds of Python
# bookkeeping otherwise, which on small arrays costs as much as f. Anything else is handed
# back to the API, which reads the result whatever its form and probes f where it must.


cdef extern from "numpy/arrayobject.h":
    object PyArray_View(cnp.ndarray, void *, void *)


cdef ArrayBase seed_of(type cls, cnp.ndarray x, tuple perturbations, bint directional,
                       long long tag):
    """An array of type cls of computation ``tag``: a read-only view of x, then the
    ``perturbations`` parts (with directions where ``directional``)."""
    cdef cnp.ndarray real = <cnp.ndarray>PyArray_View(x, NULL, NULL)
    cnp.PyArray_CLEARFLAGS(real, cnp.NPY_ARRAY_WRITEABLE)
    cdef ArrayBase seed = <ArrayBase>cls.__new__(cls)
    seed._parts = (real,) + perturbations
    seed._directional = directional
    seed._tag = tag
    _note_size(seed._parts, tag)
    return seed


def evaluate_plain(f, cnp.ndarray x, type cls, tuple perturbations, long long tag,
                   tuple wanted):
    """f at x seeded as an array of type ``cls`` (a read-only view of x, then the read-only
    ``perturbations`` parts, of computation ``tag``, without directions).

    Returns ``(parts, None, False)``: the parts of f's result at the indices ``wanted``
    (0 real, 1 dual or eps1, 2 eps2, 3 eps1eps2), each of x's shape and the caller's own
    (a read-only part, f's seed passed on, is copied), where f did only elementwise
    arithmetic and returned an array of cls, tag and x's shape without directions; else
    ``(None, y, moved)``: f's result and whether f did anything besides elementwise
    arithmetic."""
    cdef ArrayBase seed = seed_of(cls, x, perturbations, False, tag)
    cdef unsigned long long before = _UNSAFE
    y = f(seed)
    if _UNSAFE != before:
        return None, y, True
    if type(y) is not cls or (<ArrayBase>y)._tag != tag or (<ArrayBase>y)._directional:
        return None, y, False
    cdef tuple parts = (<ArrayBase>y)._parts
    cdef object first = parts[0]
    cdef int ndim = cnp.PyArray_NDIM(x), j
    if type(first) is not cnp.ndarray or cnp.PyArray_NDIM(<cnp.ndarray>first) != ndim:
        return None, y, False
    for j in range(ndim):
        if cnp.PyArray_DIM(<cnp.ndarray>first, j) != cnp.PyArray_DIM(x, j):
            return None, y, False
    cdef list out = []
    cdef cnp.ndarray part
    cdef cnp.PyArray_Dims shape
    shape.ptr = cnp.PyArray_DIMS(x)
    shape.len = ndim
    for i in wanted:
        part = <cnp.ndarray>parts[<Py_ssize_t>i]
        if cnp.PyArray_NDIM(part) != ndim:   # the direction axes of length 1 go
            part = <cnp.ndarray>cnp.PyArray_Newshape(part, &shape, cnp.NPY_CORDER)
        if not cnp.PyArray_ISWRITEABLE(part):
            part = <cnp.ndarray>cnp.PyArray_NewCopy(part, cnp.NPY_CORDER)
        out.append(part)
    return tuple(out), None, False


cdef object _minimum = np.minimum.reduce


def any_nan(cnp.ndarray a):
    """a (a float64 array) holds a NaN: its minimum is NaN, one pass of NumPy's SIMD loop
    and no temporary (np.isnan(a).any() makes a boolean array first; a loop of
    comparisons that stops at the first NaN is not vectorised, and took 4x as long)."""
    if cnp.PyArray_SIZE(a) == 0:
        return False
    cdef double least = _minimum(a, axis=None)
    return least != least


def evaluate_seeded(f, cnp.ndarray x, type cls, object first, bint directional,
                    long long tag):
    """f at x seeded as a Dual array of type ``cls`` (a read-only view of x and the
    read-only perturbation part ``first``, of shape ``x.shape + (k,)``, with directions
    where ``directional``; computation ``tag``): the common case of gradient, jacobian and
    jvp, compiled.

    Returns ``(part, None)``: the perturbation part of f's result (the caller's own: a
    read-only part, the seed passed on, is copied), of shape ``y.shape + (k,)`` with
    directions and ``y.shape`` without, where f returned an array of cls, tag and
    direction layout; else ``(None, y)``, f's result (None too, where f returned None) for
    the API to read whatever its form: the part, never None, tells the cases apart."""
    y = f(seed_of(cls, x, (first,), directional, tag))
    if type(y) is not cls or (<ArrayBase>y)._tag != tag \
            or (<ArrayBase>y)._directional != directional:
        return None, y
    cdef object found = (<ArrayBase>y)._parts[1]
    if type(found) is not cnp.ndarray:
        return None, y
    cdef cnp.ndarray part = <cnp.ndarray>found
    cdef cnp.PyArray_Dims shape
    if not directional:  # the direction axis of length 1 goes
        shape.ptr = cnp.PyArray_DIMS(part)
        shape.len = cnp.PyArray_NDIM(part) - 1
        part = <cnp.ndarray>cnp.PyArray_Newshape(part, &shape, cnp.NPY_CORDER)
    if not cnp.PyArray_ISWRITEABLE(part):
        part = <cnp.ndarray>cnp.PyArray_NewCopy(part, cnp.NPY_CORDER)
    return part, None
