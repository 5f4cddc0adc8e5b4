# The SciPy kernels of scipy_special.h, filled from scipy.special.cython_special on first use.
# Included by each extension that includes rules.h: each fills its own (static) copy.
from cpython.pycapsule cimport PyCapsule_GetName, PyCapsule_GetPointer

cdef extern from "scipy_special.h":
    void *dn_sp[]

# (cython_special name, C signature of the float64 (or complex128) version), in the slot order of
# scipy_special.h. Fused functions export one capsule per type as __pyx_fuse_<i><name>, with
# an index that differs from function to function: the signature picks the float64 one.
SCIPY_KERNELS = (
    ("ndtri", "double (double, int __pyx_skip_dispatch)"),
    ("erfinv", "double (double, int __pyx_skip_dispatch)"),
    ("erfcinv", "double (double, int __pyx_skip_dispatch)"),
    ("erfcx", "double (double, int __pyx_skip_dispatch)"),
    ("i0e", "double (double, int __pyx_skip_dispatch)"),
    ("i1e", "double (double, int __pyx_skip_dispatch)"),
    ("ive", "double (double, double, int __pyx_skip_dispatch)"),
    ("jv", "double (double, double, int __pyx_skip_dispatch)"),
    ("yv", "double (double, double, int __pyx_skip_dispatch)"),
    ("gammainc", "double (double, double, int __pyx_skip_dispatch)"),
    ("gammaincc", "double (double, double, int __pyx_skip_dispatch)"),
    ("betainc", "double (double, double, double, int __pyx_skip_dispatch)"),
    ("kve", "double (double, double, int __pyx_skip_dispatch)"),
    ("wofz", "__pyx_t_double_complex (__pyx_t_double_complex, int __pyx_skip_dispatch)"),
    ("ive", "__pyx_t_double_complex (double, __pyx_t_double_complex, "
            "int __pyx_skip_dispatch)"),
)
cdef bint scipy_loaded = False


cdef object capsule_for(dict capi, str name, str signature):
    """The capsule of cython_special function ``name`` with the C ``signature``."""
    for key, capsule in capi.items():
        plain = key[len("__pyx_fuse_"):].lstrip("0123456789") if key.startswith(
            "__pyx_fuse_") else key
        if plain == name and PyCapsule_GetName(capsule) == signature.encode():
            return capsule
    raise ImportError("scipy.special.cython_special has no %s of C signature %r: dualnum "
                      "needs SciPy >= 1.10 for this function" % (name, signature))


cdef int load_scipy() except -1:
    """Fill the kernels of scipy_special.h once; ImportError (naming SciPy) without it."""
    global scipy_loaded
    if scipy_loaded:
        return 0
    try:
        from scipy.special import cython_special
    except ImportError as e:
        raise ImportError(
            "this dualnum function takes its values from SciPy's compiled special functions "
            "(scipy.special.cython_special), and SciPy is not installed: pip install scipy"
        ) from e
    capi = cython_special.__pyx_capi__
    # all found before any is set: a SciPy that lacks one leaves every slot empty
    capsules = [capsule_for(capi, name, signature) for name, signature in SCIPY_KERNELS]
    for i, capsule in enumerate(capsules):
        dn_sp[i] = PyCapsule_GetPointer(capsule, PyCapsule_GetName(capsule))
    scipy_loaded = True
    return 0
