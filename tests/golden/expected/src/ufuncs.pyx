# generated from ufuncs.pyx.in and tests/golden/table.py by src/generate.py: edit those, not this
# cython: language_level=3
"""Real NumPy ufuncs that apply the rule table to arrays of dual and hyper-dual numbers.

Dual and hyper-dual arrays are passed as their float64 components. The perturbation parts
carry core dimensions of directions (k, m); plain arrays pass them as length-1 axes
(``dual[..., None]``). For every rule NAME of ``dualnum.rules``:

``jet_NAME(x[, p]) -> (g, g', g'')``
    the rule at real points, elementwise (two-argument rules: ``jet_NAME(x, y)`` gives
    ``(g, gx, gy, gxx, gxy, gyy)``);
``dual_NAME(real, dual[, p]) -> (real, dual)``
    generalized ufunc ``(),(k)->(),(k)`` (two-argument: ``(),(k),(),(k)->(),(k)``);
``hyper_NAME(real, eps1, eps2, eps1eps2[, p]) -> (real, eps1, eps2, eps1eps2)``
    generalized ufunc ``(),(k),(m),(k,m)->(),(k),(m),(k,m)`` (two-argument: both operands'
    four parts in, four parts out);
``dual_unit_NAME(x)``, ``hyper_unit_NAME(x)``
    for a rule without parameters, the parts of x seeded with unit parts (dual part 1;
    eps1 and eps2 1, eps1eps2 0), which they do not read: the same bits as dual_NAME and
    hyper_NAME given such parts (the API's seeds).

The kernels of the rules whose values come from SciPy (``ndtri``, ``i0``, ...) are made on
first access, and raise ImportError without SciPy.
``p`` is the rule's parameter (``leaky_relu``'s alpha, the constant of ``x**p``/``p**x``),
or its parameters one after the other (``betainc``'s a, b).
Also ``scale(g, b)`` (g b, but 0 where b == 0), ``chain_second(g1, g2, b, c, d)``
(g1 d + g2 b c with the same rule) and ``chain_hyper`` (both at once), the chain rules for
derivatives computed elsewhere.
The loops are C (src/loops.h, one per rule with the rule inlined), evaluate each rule once per element, round exactly as the
scalar types do, and run without the GIL.

Where the build has them (GCC and glibc 2.35 or later on x86-64), ``VECTOR`` names the rules
that also have vector loops, ``vector_dual_NAME`` and ``vector_hyper_NAME`` (the signatures
of ``dual_NAME`` and ``hyper_NAME``; ``vector_dual_unit_NAME(x)`` and
``vector_hyper_unit_NAME(x)`` for x seeded with unit parts, which they do not read): the
same loops compiled with the C library's SIMD variants of exp, log, sin, tanh, ...
(src/vector_loops.h), within a few ulps of the kernels and several times faster; elsewhere
``VECTOR`` is empty.

>>> import numpy as np
>>> from dualnum import ufuncs
>>> re, du = ufuncs.dual_sin(np.array([0.0, 1.0]), np.array([[1.0], [2.0]]))
>>> bool(np.allclose(du[:, 0], [1.0, 2.0 * np.cos(1.0)]))
True
"""
cimport numpy as cnp
from numpy cimport npy_intp, PyUFuncGenericFunction


cnp.import_array()
cnp.import_ufunc()

include "scipy_special.pxi"

# A NumPy inner loop, as C sees it: Loop is NumPy's own PyUFuncGenericFunction, so the C
# compiler checks every loop of kernels.h against NumPy's header. NumPy's .pxd declares that
# type without the consts, hence this extern alias (and the cast to NumPy's name in make()).
cdef extern from "numpy/ufuncobject.h":
    ctypedef void (*Loop "PyUFuncGenericFunction")(
        char **, const npy_intp *, const npy_intp *, void *) noexcept nogil

cdef extern from "kernels.h" nogil:
    void dn_loop_scale(char **, const npy_intp *, const npy_intp *, void *)
    void dn_loop_chain_second(char **, const npy_intp *, const npy_intp *, void *)
    void dn_loop_chain_hyper(char **, const npy_intp *, const npy_intp *, void *)
    void dn_loop_scale_rows(char **, const npy_intp *, const npy_intp *, void *)
    void dn_loop_jet_tanh(char **, const npy_intp *, const npy_intp *, void *)
    void dn_loop_dual_tanh(char **, const npy_intp *, const npy_intp *, void *)
    void dn_loop_hyper_tanh(char **, const npy_intp *, const npy_intp *, void *)
    void dn_loop_dual_unit_tanh(char **, const npy_intp *, const npy_intp *, void *)
    void dn_loop_hyper_unit_tanh(char **, const npy_intp *, const npy_intp *, void *)
    void dn_loop_jet_arcsin(char **, const npy_intp *, const npy_intp *, void *)
    void dn_loop_dual_arcsin(char **, const npy_intp *, const npy_intp *, void *)
    void dn_loop_hyper_arcsin(char **, const npy_intp *, const npy_intp *, void *)
    void dn_loop_dual_unit_arcsin(char **, const npy_intp *, const npy_intp *, void *)
    void dn_loop_hyper_unit_arcsin(char **, const npy_intp *, const npy_intp *, void *)
    void dn_loop_jet_log2(char **, const npy_intp *, const npy_intp *, void *)
    void dn_loop_dual_log2(char **, const npy_intp *, const npy_intp *, void *)
    void dn_loop_hyper_log2(char **, const npy_intp *, const npy_intp *, void *)
    void dn_loop_dual_unit_log2(char **, const npy_intp *, const npy_intp *, void *)
    void dn_loop_hyper_unit_log2(char **, const npy_intp *, const npy_intp *, void *)
    void dn_loop_jet_sqrt(char **, const npy_intp *, const npy_intp *, void *)
    void dn_loop_dual_sqrt(char **, const npy_intp *, const npy_intp *, void *)
    void dn_loop_hyper_sqrt(char **, const npy_intp *, const npy_intp *, void *)
    void dn_loop_dual_unit_sqrt(char **, const npy_intp *, const npy_intp *, void *)
    void dn_loop_hyper_unit_sqrt(char **, const npy_intp *, const npy_intp *, void *)
    void dn_loop_jet_scaled_exp(char **, const npy_intp *, const npy_intp *, void *)
    void dn_loop_dual_scaled_exp(char **, const npy_intp *, const npy_intp *, void *)
    void dn_loop_hyper_scaled_exp(char **, const npy_intp *, const npy_intp *, void *)
    void dn_loop_jet_erf(char **, const npy_intp *, const npy_intp *, void *)
    void dn_loop_dual_erf(char **, const npy_intp *, const npy_intp *, void *)
    void dn_loop_hyper_erf(char **, const npy_intp *, const npy_intp *, void *)
    void dn_loop_dual_unit_erf(char **, const npy_intp *, const npy_intp *, void *)
    void dn_loop_hyper_unit_erf(char **, const npy_intp *, const npy_intp *, void *)
    void dn_loop_jet_ndtri(char **, const npy_intp *, const npy_intp *, void *)
    void dn_loop_dual_ndtri(char **, const npy_intp *, const npy_intp *, void *)
    void dn_loop_hyper_ndtri(char **, const npy_intp *, const npy_intp *, void *)
    void dn_loop_dual_unit_ndtri(char **, const npy_intp *, const npy_intp *, void *)
    void dn_loop_hyper_unit_ndtri(char **, const npy_intp *, const npy_intp *, void *)
    void dn_loop_jet_ive(char **, const npy_intp *, const npy_intp *, void *)
    void dn_loop_dual_ive(char **, const npy_intp *, const npy_intp *, void *)
    void dn_loop_hyper_ive(char **, const npy_intp *, const npy_intp *, void *)
    void dn_loop_jet_absolute(char **, const npy_intp *, const npy_intp *, void *)
    void dn_loop_dual_absolute(char **, const npy_intp *, const npy_intp *, void *)
    void dn_loop_hyper_absolute(char **, const npy_intp *, const npy_intp *, void *)
    void dn_loop_dual_unit_absolute(char **, const npy_intp *, const npy_intp *, void *)
    void dn_loop_hyper_unit_absolute(char **, const npy_intp *, const npy_intp *, void *)
    void dn_loop_jet2_multiply(char **, const npy_intp *, const npy_intp *, void *)
    void dn_loop_dual2_multiply(char **, const npy_intp *, const npy_intp *, void *)
    void dn_loop_hyper2_multiply(char **, const npy_intp *, const npy_intp *, void *)
    void dn_loop_jet2_hypot(char **, const npy_intp *, const npy_intp *, void *)
    void dn_loop_dual2_hypot(char **, const npy_intp *, const npy_intp *, void *)
    void dn_loop_hyper2_hypot(char **, const npy_intp *, const npy_intp *, void *)
    void dn_loop_jet2_xlogy(char **, const npy_intp *, const npy_intp *, void *)
    void dn_loop_dual2_xlogy(char **, const npy_intp *, const npy_intp *, void *)
    void dn_loop_hyper2_xlogy(char **, const npy_intp *, const npy_intp *, void *)
    void dn_loop_jet2_maximum(char **, const npy_intp *, const npy_intp *, void *)
    void dn_loop_dual2_maximum(char **, const npy_intp *, const npy_intp *, void *)
    void dn_loop_hyper2_maximum(char **, const npy_intp *, const npy_intp *, void *)

# One all-float64 type signature, long enough for the widest ufunc (12 arguments).
cdef char DOUBLES[16]
for _i in range(16):
    DOUBLES[_i] = cnp.NPY_DOUBLE

# NumPy keeps pointers to each ufunc's loop array and data array: static storage, one slot
# per ufunc.
cdef PyUFuncGenericFunction LOOPS[97]
cdef void *NO_DATA[1]
NO_DATA[0] = NULL
cdef int _next_slot = 0
cdef list _keep_alive = []  # NumPy keeps pointers to each ufunc's name and docstring


cdef object make(Loop loop, int nin, int nout, str name, str doc, str signature=None):
    global _next_slot
    cdef int slot = _next_slot
    _next_slot += 1
    LOOPS[slot] = <PyUFuncGenericFunction>loop
    cdef bytes b_name = name.encode(), b_doc = doc.encode()
    _keep_alive.extend([b_name, b_doc])
    if signature is None:
        return cnp.PyUFunc_FromFuncAndData(&LOOPS[slot], NO_DATA, DOUBLES, 1, nin, nout,
                                           cnp.PyUFunc_None, b_name, b_doc, 0)
    cdef bytes b_sig = signature.encode()
    _keep_alive.append(b_sig)
    return cnp.PyUFunc_FromFuncAndDataAndSignature(
        &LOOPS[slot], NO_DATA, DOUBLES, 1, nin, nout, cnp.PyUFunc_None, b_name, b_doc, 0,
        b_sig)


scale = make(dn_loop_scale, 2, 1, "scale",
             "scale(g, b): g * b, or exactly 0 where b == 0 (first-order chain rule).")
scale_rows = make(dn_loop_scale_rows, 2, 1, "scale_rows",
                  "scale_rows(g, b): g[..., None] * b, or exactly 0 where b == 0, over b's "
                  "last axis of directions (first-order chain rule with directions).",
                  "(),(k)->(k)")
chain_second = make(dn_loop_chain_second, 5, 1, "chain_second",
                    "chain_second(g1, g2, b, c, d): g1 d + g2 b c, zero parts staying zero.")
chain_hyper = make(dn_loop_chain_hyper, 5, 3, "chain_hyper",
                   "chain_hyper(g1, g2, b, c, d) -> (g1 b, g1 c, g1 d + g2 b c): both chain "
                   "rules of plain hyper-dual elements in one pass.")

# The kernels of the rules that call SciPy's kernels (scipy_special.h) are made on first
# access (module __getattr__, PEP 562), once those are loaded: dualnum imports without SciPy,
# and no kernel of such a rule runs before its SciPy kernels are there.
cdef dict _deferred = {}  # ufunc name -> the function that makes its rule's three ufuncs


def __getattr__(name):
    """A kernel of a rule that calls SciPy's kernels, made on first access; ImportError
    naming SciPy where it is missing."""
    maker = _deferred.get(name)
    if maker is None:
        raise AttributeError("module 'dualnum.ufuncs' has no attribute %r" % name)
    load_scipy()
    made = maker()
    for made_name in made:
        del _deferred[made_name]
    globals().update(made)
    return made[name]


def _kernels_tanh():
    return {
        "jet_tanh": make(dn_loop_jet_tanh, 1, 3, "jet_tanh",
            "jet_tanh(x) -> (g, g', g''): tanh and its derivatives at x."),
        "dual_tanh": make(dn_loop_dual_tanh, 2, 2, "dual_tanh",
            "dual_tanh(real, dual) -> (real, dual): tanh of a Dual array.",
            "(),(k)->(),(k)"),
        "hyper_tanh": make(dn_loop_hyper_tanh, 4, 4, "hyper_tanh",
            "hyper_tanh(real, eps1, eps2, eps1eps2) -> 4 parts: tanh of a HyperDual array.",
            "(),(k),(m),(k,m)->(),(k),(m),(k,m)"),
        "dual_unit_tanh": make(dn_loop_dual_unit_tanh, 1, 2, "dual_unit_tanh",
            "dual_unit_tanh(x) -> (real, dual): dual_tanh of x seeded with dual part 1, without reading it."),
        "hyper_unit_tanh": make(dn_loop_hyper_unit_tanh, 1, 4, "hyper_unit_tanh",
            "hyper_unit_tanh(x) -> 4 parts: hyper_tanh of x seeded with eps1 and eps2 parts 1 and eps1eps2 0, without reading them."),
    }

globals().update(_kernels_tanh())


def _kernels_arcsin():
    return {
        "jet_arcsin": make(dn_loop_jet_arcsin, 1, 3, "jet_arcsin",
            "jet_arcsin(x) -> (g, g', g''): arcsin and its derivatives at x."),
        "dual_arcsin": make(dn_loop_dual_arcsin, 2, 2, "dual_arcsin",
            "dual_arcsin(real, dual) -> (real, dual): arcsin of a Dual array.",
            "(),(k)->(),(k)"),
        "hyper_arcsin": make(dn_loop_hyper_arcsin, 4, 4, "hyper_arcsin",
            "hyper_arcsin(real, eps1, eps2, eps1eps2) -> 4 parts: arcsin of a HyperDual array.",
            "(),(k),(m),(k,m)->(),(k),(m),(k,m)"),
        "dual_unit_arcsin": make(dn_loop_dual_unit_arcsin, 1, 2, "dual_unit_arcsin",
            "dual_unit_arcsin(x) -> (real, dual): dual_arcsin of x seeded with dual part 1, without reading it."),
        "hyper_unit_arcsin": make(dn_loop_hyper_unit_arcsin, 1, 4, "hyper_unit_arcsin",
            "hyper_unit_arcsin(x) -> 4 parts: hyper_arcsin of x seeded with eps1 and eps2 parts 1 and eps1eps2 0, without reading them."),
    }

globals().update(_kernels_arcsin())


def _kernels_log2():
    return {
        "jet_log2": make(dn_loop_jet_log2, 1, 3, "jet_log2",
            "jet_log2(x) -> (g, g', g''): log2 and its derivatives at x."),
        "dual_log2": make(dn_loop_dual_log2, 2, 2, "dual_log2",
            "dual_log2(real, dual) -> (real, dual): log2 of a Dual array.",
            "(),(k)->(),(k)"),
        "hyper_log2": make(dn_loop_hyper_log2, 4, 4, "hyper_log2",
            "hyper_log2(real, eps1, eps2, eps1eps2) -> 4 parts: log2 of a HyperDual array.",
            "(),(k),(m),(k,m)->(),(k),(m),(k,m)"),
        "dual_unit_log2": make(dn_loop_dual_unit_log2, 1, 2, "dual_unit_log2",
            "dual_unit_log2(x) -> (real, dual): dual_log2 of x seeded with dual part 1, without reading it."),
        "hyper_unit_log2": make(dn_loop_hyper_unit_log2, 1, 4, "hyper_unit_log2",
            "hyper_unit_log2(x) -> 4 parts: hyper_log2 of x seeded with eps1 and eps2 parts 1 and eps1eps2 0, without reading them."),
    }

globals().update(_kernels_log2())


def _kernels_sqrt():
    return {
        "jet_sqrt": make(dn_loop_jet_sqrt, 1, 3, "jet_sqrt",
            "jet_sqrt(x) -> (g, g', g''): sqrt and its derivatives at x."),
        "dual_sqrt": make(dn_loop_dual_sqrt, 2, 2, "dual_sqrt",
            "dual_sqrt(real, dual) -> (real, dual): sqrt of a Dual array.",
            "(),(k)->(),(k)"),
        "hyper_sqrt": make(dn_loop_hyper_sqrt, 4, 4, "hyper_sqrt",
            "hyper_sqrt(real, eps1, eps2, eps1eps2) -> 4 parts: sqrt of a HyperDual array.",
            "(),(k),(m),(k,m)->(),(k),(m),(k,m)"),
        "dual_unit_sqrt": make(dn_loop_dual_unit_sqrt, 1, 2, "dual_unit_sqrt",
            "dual_unit_sqrt(x) -> (real, dual): dual_sqrt of x seeded with dual part 1, without reading it."),
        "hyper_unit_sqrt": make(dn_loop_hyper_unit_sqrt, 1, 4, "hyper_unit_sqrt",
            "hyper_unit_sqrt(x) -> 4 parts: hyper_sqrt of x seeded with eps1 and eps2 parts 1 and eps1eps2 0, without reading them."),
    }

globals().update(_kernels_sqrt())


def _kernels_scaled_exp():
    return {
        "jet_scaled_exp": make(dn_loop_jet_scaled_exp, 2, 3, "jet_scaled_exp",
            "jet_scaled_exp(x, rate) -> (g, g', g''): scaled_exp and its derivatives at x."),
        "dual_scaled_exp": make(dn_loop_dual_scaled_exp, 3, 2, "dual_scaled_exp",
            "dual_scaled_exp(real, dual, rate) -> (real, dual): scaled_exp of a Dual array.",
            "(),(k),()->(),(k)"),
        "hyper_scaled_exp": make(dn_loop_hyper_scaled_exp, 5, 4, "hyper_scaled_exp",
            "hyper_scaled_exp(real, eps1, eps2, eps1eps2, rate) -> 4 parts: scaled_exp of a HyperDual array.",
            "(),(k),(m),(k,m),()->(),(k),(m),(k,m)"),
    }

globals().update(_kernels_scaled_exp())


def _kernels_erf():
    return {
        "jet_erf": make(dn_loop_jet_erf, 1, 3, "jet_erf",
            "jet_erf(x) -> (g, g', g''): erf and its derivatives at x."),
        "dual_erf": make(dn_loop_dual_erf, 2, 2, "dual_erf",
            "dual_erf(real, dual) -> (real, dual): erf of a Dual array.",
            "(),(k)->(),(k)"),
        "hyper_erf": make(dn_loop_hyper_erf, 4, 4, "hyper_erf",
            "hyper_erf(real, eps1, eps2, eps1eps2) -> 4 parts: erf of a HyperDual array.",
            "(),(k),(m),(k,m)->(),(k),(m),(k,m)"),
        "dual_unit_erf": make(dn_loop_dual_unit_erf, 1, 2, "dual_unit_erf",
            "dual_unit_erf(x) -> (real, dual): dual_erf of x seeded with dual part 1, without reading it."),
        "hyper_unit_erf": make(dn_loop_hyper_unit_erf, 1, 4, "hyper_unit_erf",
            "hyper_unit_erf(x) -> 4 parts: hyper_erf of x seeded with eps1 and eps2 parts 1 and eps1eps2 0, without reading them."),
    }

globals().update(_kernels_erf())


def _kernels_ndtri():
    return {
        "jet_ndtri": make(dn_loop_jet_ndtri, 1, 3, "jet_ndtri",
            "jet_ndtri(x) -> (g, g', g''): ndtri and its derivatives at x."),
        "dual_ndtri": make(dn_loop_dual_ndtri, 2, 2, "dual_ndtri",
            "dual_ndtri(real, dual) -> (real, dual): ndtri of a Dual array.",
            "(),(k)->(),(k)"),
        "hyper_ndtri": make(dn_loop_hyper_ndtri, 4, 4, "hyper_ndtri",
            "hyper_ndtri(real, eps1, eps2, eps1eps2) -> 4 parts: ndtri of a HyperDual array.",
            "(),(k),(m),(k,m)->(),(k),(m),(k,m)"),
        "dual_unit_ndtri": make(dn_loop_dual_unit_ndtri, 1, 2, "dual_unit_ndtri",
            "dual_unit_ndtri(x) -> (real, dual): dual_ndtri of x seeded with dual part 1, without reading it."),
        "hyper_unit_ndtri": make(dn_loop_hyper_unit_ndtri, 1, 4, "hyper_unit_ndtri",
            "hyper_unit_ndtri(x) -> 4 parts: hyper_ndtri of x seeded with eps1 and eps2 parts 1 and eps1eps2 0, without reading them."),
    }

_deferred.update(dict.fromkeys(["jet_ndtri", "dual_ndtri", "hyper_ndtri", "dual_unit_ndtri", "hyper_unit_ndtri"],
                               _kernels_ndtri))


def _kernels_ive():
    return {
        "jet_ive": make(dn_loop_jet_ive, 2, 3, "jet_ive",
            "jet_ive(x, v) -> (g, g', g''): ive and its derivatives at x."),
        "dual_ive": make(dn_loop_dual_ive, 3, 2, "dual_ive",
            "dual_ive(real, dual, v) -> (real, dual): ive of a Dual array.",
            "(),(k),()->(),(k)"),
        "hyper_ive": make(dn_loop_hyper_ive, 5, 4, "hyper_ive",
            "hyper_ive(real, eps1, eps2, eps1eps2, v) -> 4 parts: ive of a HyperDual array.",
            "(),(k),(m),(k,m),()->(),(k),(m),(k,m)"),
    }

_deferred.update(dict.fromkeys(["jet_ive", "dual_ive", "hyper_ive"],
                               _kernels_ive))


def _kernels_absolute():
    return {
        "jet_absolute": make(dn_loop_jet_absolute, 1, 3, "jet_absolute",
            "jet_absolute(x) -> (g, g', g''): absolute and its derivatives at x."),
        "dual_absolute": make(dn_loop_dual_absolute, 2, 2, "dual_absolute",
            "dual_absolute(real, dual) -> (real, dual): absolute of a Dual array.",
            "(),(k)->(),(k)"),
        "hyper_absolute": make(dn_loop_hyper_absolute, 4, 4, "hyper_absolute",
            "hyper_absolute(real, eps1, eps2, eps1eps2) -> 4 parts: absolute of a HyperDual array.",
            "(),(k),(m),(k,m)->(),(k),(m),(k,m)"),
        "dual_unit_absolute": make(dn_loop_dual_unit_absolute, 1, 2, "dual_unit_absolute",
            "dual_unit_absolute(x) -> (real, dual): dual_absolute of x seeded with dual part 1, without reading it."),
        "hyper_unit_absolute": make(dn_loop_hyper_unit_absolute, 1, 4, "hyper_unit_absolute",
            "hyper_unit_absolute(x) -> 4 parts: hyper_absolute of x seeded with eps1 and eps2 parts 1 and eps1eps2 0, without reading them."),
    }

globals().update(_kernels_absolute())

jet_multiply = make(dn_loop_jet2_multiply, 2, 6, "jet_multiply",
    "jet_multiply(x, y) -> (g, gx, gy, gxx, gxy, gyy): multiply and its partials.")
dual_multiply = make(dn_loop_dual2_multiply, 4, 2, "dual_multiply",
    "dual_multiply(x_real, x_dual, y_real, y_dual) -> (real, dual): multiply of Dual arrays.",
    "(),(k),(),(k)->(),(k)")
hyper_multiply = make(dn_loop_hyper2_multiply, 8, 4, "hyper_multiply",
    "hyper_multiply(x parts (4), y parts (4)) -> 4 parts: multiply of HyperDual arrays.",
    "(),(k),(m),(k,m),(),(k),(m),(k,m)->(),(k),(m),(k,m)")

jet_hypot = make(dn_loop_jet2_hypot, 2, 6, "jet_hypot",
    "jet_hypot(x, y) -> (g, gx, gy, gxx, gxy, gyy): hypot and its partials.")
dual_hypot = make(dn_loop_dual2_hypot, 4, 2, "dual_hypot",
    "dual_hypot(x_real, x_dual, y_real, y_dual) -> (real, dual): hypot of Dual arrays.",
    "(),(k),(),(k)->(),(k)")
hyper_hypot = make(dn_loop_hyper2_hypot, 8, 4, "hyper_hypot",
    "hyper_hypot(x parts (4), y parts (4)) -> 4 parts: hypot of HyperDual arrays.",
    "(),(k),(m),(k,m),(),(k),(m),(k,m)->(),(k),(m),(k,m)")

jet_xlogy = make(dn_loop_jet2_xlogy, 2, 6, "jet_xlogy",
    "jet_xlogy(x, y) -> (g, gx, gy, gxx, gxy, gyy): xlogy and its partials.")
dual_xlogy = make(dn_loop_dual2_xlogy, 4, 2, "dual_xlogy",
    "dual_xlogy(x_real, x_dual, y_real, y_dual) -> (real, dual): xlogy of Dual arrays.",
    "(),(k),(),(k)->(),(k)")
hyper_xlogy = make(dn_loop_hyper2_xlogy, 8, 4, "hyper_xlogy",
    "hyper_xlogy(x parts (4), y parts (4)) -> 4 parts: xlogy of HyperDual arrays.",
    "(),(k),(m),(k,m),(),(k),(m),(k,m)->(),(k),(m),(k,m)")

jet_maximum = make(dn_loop_jet2_maximum, 2, 6, "jet_maximum",
    "jet_maximum(x, y) -> (g, gx, gy, gxx, gxy, gyy): maximum and its partials.")
dual_maximum = make(dn_loop_dual2_maximum, 4, 2, "dual_maximum",
    "dual_maximum(x_real, x_dual, y_real, y_dual) -> (real, dual): maximum of Dual arrays.",
    "(),(k),(),(k)->(),(k)")
hyper_maximum = make(dn_loop_hyper2_maximum, 8, 4, "hyper_maximum",
    "hyper_maximum(x parts (4), y parts (4)) -> 4 parts: maximum of HyperDual arrays.",
    "(),(k),(m),(k,m),(),(k),(m),(k,m)->(),(k),(m),(k,m)")


# The vector loops (src/vector.h), where the build has them: vector_dual_NAME and
# vector_hyper_NAME, the signatures of dual_NAME and hyper_NAME, for each rule in VECTOR.
cdef extern from "vector.h":
    ctypedef struct dn_vector_entry:
        const char *name
        Loop dual
        Loop hyper
        Loop dual_unit
        Loop hyper_unit
    const dn_vector_entry *dn_vector_table
    const int dn_vector_size


def _vector_kernels():
    names, made = [], {}
    for i in range(dn_vector_size):
        name = dn_vector_table[i].name.decode()
        names.append(name)
        made["vector_dual_" + name] = make(
            dn_vector_table[i].dual, 2, 2, "vector_dual_" + name,
            "vector_dual_%s(real, dual) -> (real, dual): dual_%s with the C library's SIMD "
            "variants, within a few ulps." % (name, name), "(),(k)->(),(k)")
        made["vector_hyper_" + name] = make(
            dn_vector_table[i].hyper, 4, 4, "vector_hyper_" + name,
            "vector_hyper_%s(real, eps1, eps2, eps1eps2) -> 4 parts: hyper_%s with the C "
            "library's SIMD variants, within a few ulps." % (name, name),
            "(),(k),(m),(k,m)->(),(k),(m),(k,m)")
        made["vector_dual_unit_" + name] = make(
            dn_vector_table[i].dual_unit, 1, 2, "vector_dual_unit_" + name,
            "vector_dual_unit_%s(x) -> (real, dual): vector_dual_%s of x seeded with "
            "dual part 1, without reading it." % (name, name))
        made["vector_hyper_unit_" + name] = make(
            dn_vector_table[i].hyper_unit, 1, 4, "vector_hyper_unit_" + name,
            "vector_hyper_unit_%s(x) -> 4 parts: vector_hyper_%s of x seeded with eps1 and "
            "eps2 parts 1 and eps1eps2 0, without reading them." % (name, name))
    globals().update(made)
    return tuple(names)


VECTOR = _vector_kernels()
