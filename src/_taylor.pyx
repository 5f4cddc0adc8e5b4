# cython: language_level=3, boundscheck=False, wraparound=False
"""Taylor arithmetic of any order on arrays of normalised Taylor coefficients (the kernels
of src/taylor.h): each series is a float64 array of shape (d + 1,) + shape, coefficient k
first, so that coefficient k of every element is contiguous. The functions take series of
one shape (no broadcasting) and return new arrays; they run without the GIL."""
import numpy as np
cimport numpy as cnp

cnp.import_array()

# The C library's SIMD variants (where setup.py found libmvec), declared before rules.h:
# the rule kernels' order-0 loops call them (src/taylor_compile.py: order0_loop).
cdef extern from "vector_math.h":
    pass

include "dask_collections.pxi"
include "scipy_special.pxi"

cdef extern from "taylor.h" nogil:
    ctypedef Py_ssize_t dn_index
    void dn_taylor_mul(int d, dn_index n, const double *a, dn_index sa, const double *b,
                       dn_index sb, double *out, dn_index so)
    void dn_taylor_div(int d, dn_index n, const double *a, dn_index sa, const double *b,
                       dn_index sb, double *out, dn_index so)
    void dn_taylor_sqrt(int d, dn_index n, const double *u, dn_index su, double *out,
                        dn_index so)
    void dn_taylor_pow(int d, dn_index n, const double *u, dn_index su, double p,
                       double *out, dn_index so)
    int dn_taylor_quotient(int d, dn_index n, const double *a, dn_index sa, const double *b,
                           dn_index sb, double *out, dn_index so, int *shortp)
    int dn_taylor_any_nan(dn_index n, const double *a)


cdef cnp.ndarray _series(object u, str name):
    """u as a C-contiguous float64 array of at least one axis (the coefficients')."""
    cdef cnp.ndarray a = np.asarray(u, dtype=np.float64)
    if a.ndim == 0 or a.shape[0] == 0:
        raise ValueError("%s must be a series: an array of shape (d + 1,) + shape, its "
                         "first axis the Taylor coefficients 0..d" % name)
    return np.ascontiguousarray(a)


ctypedef void (*binary_kernel)(int d, dn_index n, const double *a, dn_index sa,
                              const double *b, dn_index sb, double *out,
                              dn_index so) noexcept nogil
ctypedef void (*unary_kernel)(int d, dn_index n, const double *u, dn_index su, double *out,
                              dn_index so) noexcept nogil


cdef tuple _two_series(object a, object b):
    """(a, b, an output) as C-contiguous series of one shape (ValueError otherwise)."""
    cdef cnp.ndarray x = _series(a, "a"), y = _series(b, "b")
    if np.shape(x) != np.shape(y):
        raise ValueError("the two series must have one shape, not %s and %s"
                         % (np.shape(x), np.shape(y)))
    return x, y, np.empty_like(x)


cdef cnp.ndarray _binary(object a, object b, binary_kernel kernel):
    """kernel's series of the series a and b (of one shape)."""
    cdef cnp.ndarray x, y, out
    x, y, out = _two_series(a, b)
    cdef int d = x.shape[0] - 1
    cdef dn_index n = x.size // x.shape[0]
    with nogil:
        kernel(d, n, <double *>x.data, n, <double *>y.data, n, <double *>out.data, n)
    return out


cdef cnp.ndarray _unary(object u, unary_kernel kernel):
    """kernel's series of the series u."""
    cdef cnp.ndarray x = _series(u, "u"), out = np.empty_like(x)
    cdef int d = x.shape[0] - 1
    cdef dn_index n = x.size // x.shape[0]
    with nogil:
        kernel(d, n, <double *>x.data, n, <double *>out.data, n)
    return out


def mul(a, b):
    """The series of a b (c_k = sum of a_j b_(k-j))."""
    return _binary(a, b, dn_taylor_mul)


def div(a, b):
    """The series of a / b: :func:`quotient`'s series alone."""
    return quotient(a, b)[0]


def quotient(a, b):
    """The series of a / b (of one shape): ``(out, short, broken)`` as for :func:`unary`.
    Where b's coefficient 0 is 0 (b = t^m v) and a starts with as many zeros, the quotient
    of the series from coefficient m on, its top m coefficients NaN (``short`` m); where a
    starts with fewer, a pole (``broken``)."""
    cdef cnp.ndarray x, y, out
    x, y, out = _two_series(a, b)
    cdef int d = x.shape[0] - 1, short = 0, status
    cdef dn_index n = x.size // x.shape[0]
    with nogil:
        status = dn_taylor_quotient(d, n, <double *>x.data, n, <double *>y.data, n,
                                    <double *>out.data, n, &short)
    return out, short, status == 1


def any_nan(a):
    """Whether the float64 array a (C-contiguous) holds a NaN: one pass, without the GIL."""
    cdef cnp.ndarray x = np.ascontiguousarray(a, dtype=np.float64)
    cdef int bad
    with nogil:
        bad = dn_taylor_any_nan(x.size, <double *>x.data)
    return bool(bad)


def unreported_nan(out, *inputs):
    """The orders k (a sorted list) at which some element of the series ``out`` (shape
    (d + 1,) + S) has a NaN coefficient while none of the series ``inputs`` (broadcasting
    against S) has a NaN coefficient at that element, and whether some such element's value
    (coefficient 0) is not finite; ``([], False)`` where there is none."""
    if not any_nan(out):
        return [], False
    out = np.asarray(out)
    bad = np.isnan(out)
    clean = np.ones(out.shape[1:], dtype=bool)
    for x in inputs:
        x = np.asarray(x)
        here = np.isnan(x).any(axis=0) if x.ndim else np.isnan(x)
        clean &= ~np.broadcast_to(here, out.shape[1:])
    bad &= clean
    orders = [int(k) for k in np.flatnonzero(bad.reshape(len(out), -1).any(axis=1))]
    element = bad.any(axis=0)
    return orders, bool(np.any(element & ~np.isfinite(out[0])))


def nan_message(str what, list orders, bint at_pole):
    """The TaylorWarning text of NaN in the coefficients ``orders`` of ``what``'s result
    that no kernel reported (the catch-all of the scalar and the array types)."""
    spans, start = [], None
    for i, k in enumerate(orders):
        if start is None:
            start = k
        if i + 1 == len(orders) or orders[i + 1] != k + 1:
            spans.append(str(start) if start == k else "%d-%d" % (start, k))
            start = None
    why = ("no Taylor series at this point: the value is not finite there (a pole, a "
           "singularity or an overflow)" if at_pole else
           "not determined: the arithmetic met an infinite or undefined intermediate "
           "(inf - inf, 0 * inf, 0 / 0: an overflow, or a leading zero of an argument "
           "that this function does not resolve), and the function may have no Taylor "
           "series at this point")
    return ("%s: NaN in the Taylor coefficient(s) of order %s from inputs without NaN: %s. "
            "Fix: expand about another point, or rewrite the function there"
            % (what, ", ".join(spans), why))


def sqrt(u):
    """The series of sqrt(u) (u's coefficient 0 positive)."""
    return _unary(u, dn_taylor_sqrt)


def power(u, double p):
    """The series of u ** p for a constant p (u's coefficient 0 nonzero)."""
    cdef cnp.ndarray x = _series(u, "u"), out = np.empty_like(x)
    cdef int d = x.shape[0] - 1
    cdef dn_index n = x.size // x.shape[0]
    with nogil:
        dn_taylor_pow(d, n, <double *>x.data, n, p, <double *>out.data, n)
    return out


# ---- the rule table's kernels (src/taylor_rules.h, generated) ----

cdef extern from "taylor_rules.h" nogil:
    ctypedef int (*dn_taylor_unary_rule)(int d, dn_index n, const double *X, dn_index SX,
                                         double *out, dn_index so, double p, double q,
                                         int *shortp) noexcept nogil
    ctypedef int (*dn_taylor_binary_rule)(int d, dn_index n, const double *X, dn_index SX,
                                          const double *Y, dn_index SY, double *out,
                                          dn_index so, double p, double q,
                                          int *shortp) noexcept nogil
    const dn_taylor_unary_rule dn_taylor_unary_rules[]
    const char *const dn_taylor_unary_names[]
    const int dn_taylor_unary_scipy[]
    const dn_taylor_binary_rule dn_taylor_binary_rules[]
    const char *const dn_taylor_binary_names[]


cdef tuple _names(const char *const *names):
    cdef list out = []
    cdef int i = 0
    while names[i] != NULL:
        out.append(names[i].decode())
        i += 1
    return tuple(out)


UNARY_RULES = _names(dn_taylor_unary_names)
BINARY_RULES = _names(dn_taylor_binary_names)
cdef dict _UNARY_INDEX = {name: i for i, name in enumerate(UNARY_RULES)}
cdef dict _BINARY_INDEX = {name: i for i, name in enumerate(BINARY_RULES)}


cdef int rule_unary(int rule, int d, Py_ssize_t n, const double *u, Py_ssize_t su,
                    double *out, Py_ssize_t so, double p, double q, int *shortp) noexcept nogil:
    """The series of rule number ``rule`` (an index of UNARY_RULES) of the series u: 0, 1
    where some element has no Taylor series there, -1 where memory ran out."""
    return dn_taylor_unary_rules[rule](d, n, u, su, out, so, p, q, shortp)


cdef int rule_binary(int rule, int d, Py_ssize_t n, const double *a, Py_ssize_t sa,
                     const double *b, Py_ssize_t sb, double *out, Py_ssize_t so,
                     int *shortp) noexcept nogil:
    """The series of two-argument rule number ``rule`` (an index of BINARY_RULES)."""
    return dn_taylor_binary_rules[rule](d, n, a, sa, b, sb, out, so, 0.0, 0.0, shortp)


cdef int _index(dict index, str name, str kind) except -1:
    cdef object i = index.get(name)
    if i is None:
        raise ValueError("%r is not a %s rule with a Taylor kernel; the rules are %s"
                         % (name, kind, ", ".join(sorted(index))))
    return i


def unary(str name, u, double p=0.0, double q=0.0):
    """The series of the rule table's one-argument entry ``name`` of the series u (shape
    (d + 1,) + shape), with its parameters p and q: ``(out, short, broken)``, out of u's
    shape; ``short`` the most orders of u that some element lacked to determine its top
    coefficients (NaN there: evaluate with that many more); ``broken`` whether some element
    has no Taylor series at its point (NaN in the coefficients that do not exist)."""
    cdef int rule = _index(_UNARY_INDEX, name, "one-argument")
    if dn_taylor_unary_scipy[rule]:
        load_scipy()
    cdef cnp.ndarray x = _series(u, "u"), out = np.empty_like(x)
    cdef int d = x.shape[0] - 1, short = 0, status
    cdef dn_index n = x.size // x.shape[0]
    with nogil:
        status = rule_unary(rule, d, n, <double *>x.data, n, <double *>out.data, n, p, q,
                            &short)
    if status < 0:
        raise MemoryError("no memory for the scratch series of %s" % name)
    return out, short, status == 1


def binary(str name, a, b):
    """The series of the rule table's two-argument entry ``name`` of the series a and b (one
    shape): ``(out, short, broken)`` as for ``unary``."""
    cdef int rule = _index(_BINARY_INDEX, name, "two-argument")
    cdef cnp.ndarray x, y, out
    x, y, out = _two_series(a, b)
    cdef int d = x.shape[0] - 1, short = 0, status
    cdef dn_index n = x.size // x.shape[0]
    with nogil:
        status = rule_binary(rule, d, n, <double *>x.data, n, <double *>y.data, n,
                             <double *>out.data, n, &short)
    if status < 0:
        raise MemoryError("no memory for the scratch series of %s" % name)
    return out, short, status == 1

include "taylor_scalar.pxi"
