"""SciPy functions that cannot take dual arrays, refused with what to write instead.

SciPy (with ``SCIPY_ARRAY_API`` unset, its default) reaches its array arguments through
``np.asarray`` (``scipy.stats``' ``rv_continuous`` methods, ``scipy.signal.convolve``), or
through ``array_namespace``, which then hands NumPy's namespace back, and
``np.asanyarray`` (``scipy.special.logsumexp``, ``softmax``, ``log_softmax``, which
``scipy_routes`` sends to dualnum unless bound before dualnum was imported). A dual
array answers ``np.asarray`` with an object array of scalar duals, which is exact where
the function computes with arithmetic and NumPy's ufuncs on it (``scipy.special.softmax``,
``scipy.signal.convolve`` in 1-D through ``np.convolve``), but these functions go on to
``np.isfinite`` or ``np.isnan`` (no loop for objects), SciPy's compiled loops (no loop for
objects) or floating-point FFTs (which would drop the derivative parts), and would fail
there with NumPy's message. The dual arrays' ``__array__`` refuses them up front instead
(``_registry.caller_refusal``), naming the dualnum or ``scipy.special`` function that
computes the same exactly.
"""
import numpy as np

from ._registry import DEFER, HELPER, PLACEHOLDER, refuses_caller

# S @ x, S.dot(x), a scipy.sparse matrix's S * x: SciPy returns NotImplemented for the 0-d
# object array it is then given, and Python calls x.__rmatmul__(S) (x.__rmul__(S)), which
# dualnum implements (products._sparse_matmul; refused for *, elementwise in NumPy terms);
# COO matrices have their own _matmul_dispatch, with the same answer.
for _module in ("scipy.sparse._base", "scipy.sparse._coo"):
    refuses_caller(_module, ["_matmul_dispatch"], DEFER)
refuses_caller("scipy.sparse._coo", ["dot"], PLACEHOLDER)  # COO's S.dot(x): S @ x after
# S.multiply(x), and S * x of a scipy.sparse array (elementwise, unlike a sparse matrix's):
# SciPy multiplies the object array of scalar duals into a sparse matrix of objects, which
# none of its functions (toarray, products) can use
refuses_caller("scipy.sparse._compressed", ["_multiply_2d_with_broadcasting"],
               "S.multiply(x), and S * x of a scipy.sparse array, are elementwise products, "
               "which scipy.sparse computes on floats and cannot carry derivative parts: "
               "write S @ x for the matrix product, or S.toarray() * x for the elementwise "
               "one (exact on dual arrays)")

_OBJECTS = ("%s converts its arguments with np.asarray (an object array of scalar duals) "
            "and then calls %s, which has no loop for objects: ")

# scipy.special.logsumexp and log_softmax reach dualnum (scipy_routes) but by a name bound
# before dualnum was imported
for _name in ("logsumexp", "log_softmax"):
    refuses_caller("scipy.special._logsumexp", [_name], _OBJECTS % (
        "this scipy.special.%s was bound before dualnum was imported, so it is SciPy's own "
        "function, which" % _name, "np.isfinite") + "import dualnum before binding it, or "
        "call scipy.special.%s(...) through the module or dualnum.%s, exact on dual arrays"
        % (_name, _name))

# What to write instead of scipy.stats.NAME.METHOD, in z = (x - loc) / scale and the
# shape parameters; pdf is exp(logpdf) for each.
_LOGPDF = {
    "norm": "-z**2 / 2 - np.log(np.sqrt(2 * np.pi) * scale)",
    "t": "gammaln((df + 1) / 2) - gammaln(df / 2) - np.log(np.sqrt(df * np.pi) * scale) "
         "- (df + 1) / 2 * np.log1p(z**2 / df)",
    "chi2": "xlogy(df / 2 - 1, z) - z / 2 - gammaln(df / 2) - df / 2 * np.log(2) "
            "- np.log(scale)",
    "gamma": "xlogy(a - 1, z) - z - gammaln(a) - np.log(scale)",
    "beta": "xlogy(a - 1, z) + xlog1py(b - 1, -z) - betaln(a, b) - np.log(scale)",
}
_CDF = {
    "norm": "ndtr(z)",
    "t": "betainc(df / 2, df / 2, (z + np.sqrt(z**2 + df)) / (2 * np.sqrt(z**2 + df)))",
    "chi2": "gammainc(df / 2, z / 2)",
    "gamma": "gammainc(a, z)",
    "beta": "betainc(a, b, z)",
}


def _formula(name, method):
    """The expression for scipy.stats.NAME.METHOD, or None."""
    if method == "cdf":
        return _CDF.get(name)
    logpdf = _LOGPDF.get(name)
    if logpdf is None or method not in ("pdf", "logpdf"):
        return None
    return logpdf if method == "logpdf" else "np.exp(%s)" % logpdf


_STATS_METHODS = ("pdf", "logpdf", "cdf", "logcdf", "sf", "logsf", "ppf", "isf", "pmf",
                  "logpmf", "moment", "expect", "entropy", "stats", "nnlf", "fit")


def _stats_refusal(method):
    """The refusal of scipy.stats.NAME.METHOD (NAME read from the method's ``self``), with
    the formula to write instead where there is one."""
    def why(frame_locals):
        name = getattr(frame_locals.get("self"), "name", "distribution")
        formula = _formula(name, method)
        head = _OBJECTS % ("scipy.stats.%s.%s" % (name, method), "np.isnan")
        if formula is None:
            return head + ("write it with dualnum, NumPy and scipy.special functions, which "
                           "are exact on dual arrays")
        return head + ("write it as %s with z = (x - loc) / scale and the scipy.special "
                       "functions of that name (exact on dual arrays)" % formula)
    return why


for _name in _STATS_METHODS:
    refuses_caller("scipy.stats._distn_infrastructure", [_name], _stats_refusal(_name))


def _convolution(name):
    """The refusal of SciPy's own scipy.signal.NAME (convolve, correlate), which dual arrays
    reach only by a name bound before dualnum was imported (``scipy_routes`` sends
    scipy.signal.NAME to dualnum), where it cannot run: in more than one dimension (SciPy's
    compiled correlation) or with method='fft'."""
    def why(frame_locals):
        ndim = max(np.ndim(frame_locals.get("in1")), np.ndim(frame_locals.get("in2")))
        if ndim <= 1 and frame_locals.get("method") != "fft":
            return None  # np.convolve on the object arrays: exact
        return ("this scipy.signal.%s was bound before dualnum was imported, so it is "
                "SciPy's own function, which runs %s and cannot carry derivative parts: "
                "import dualnum before binding it, or call scipy.signal.%s(...) through "
                "the module (exact on dual arrays in any dimension)"
                % (name, "floating-point FFTs" if ndim <= 1 else
                   "SciPy's compiled correlation (no loop for objects) in %d-D" % ndim, name))
    return why


refuses_caller("scipy.signal._signaltools", ["convolve"], _convolution("convolve"))
refuses_caller("scipy.signal._signaltools", ["correlate"], _convolution("correlate"))
for _name in ("fftconvolve", "oaconvolve", "convolve2d", "correlate2d"):
    refuses_caller("scipy.signal._signaltools", [_name],
                   "scipy.signal.%s computes with floating-point FFTs or SciPy's compiled "
                   "loops, which cannot carry derivative parts: use scipy.signal.convolve "
                   "or correlate (method='fft' for FFTs; for convolve2d and correlate2d "
                   "with boundary='fill' and fillvalue=0), exact on dual arrays" % _name)

# scipy.linalg's functions run LAPACK on floats (np.asarray of a dual array gives objects,
# which they refuse or cannot cast): the NumPy function to use instead, or why none.
# (module, name) as SciPy defines them; the batched ones are answered through SciPy's
# batching wrapper (scipy_routes._batched), which looks their entries up the same way.
# cho_factor and lu_factor: see scipy_linalg, beside the solves that take their factors.
_LINALG = "scipy.linalg.%s runs LAPACK on floats and cannot take dual arrays: "
_NO_LU = ("dual arrays have no LU factorisation: solve with numpy.linalg.solve (its derivative "
          "comes from one LU factorisation), or take numpy.linalg.det or slogdet")
_BANDED = ("use numpy.linalg.solve on the full matrix, exact on dual arrays (no banded solver "
           "takes them)")
_COMPLEX = ("the eigenvalues of a general real matrix may be complex, which dual arrays do "
            "not carry: for a symmetric matrix use numpy.linalg.eigh or eigvalsh")
_NO_MATRIX_FUNCTION = ("dualnum has no %s of dual arrays (numpy.linalg.matrix_power, inv and "
                       "the decompositions are exact on them)")
for _module, _names, _instead in (
        ("scipy.linalg._basic", ("solve", "inv", "det", "lstsq", "pinv"), "numpy.linalg.%s"),
        ("scipy.linalg._basic", ("pinvh",), "numpy.linalg.pinv(a, hermitian=True)"),
        ("scipy.linalg._decomp", ("eigh", "eigvalsh"), "numpy.linalg.%s"),
        ("scipy.linalg._decomp_cholesky", ("cholesky",),
         "numpy.linalg.cholesky(a, upper=True) (SciPy's default factor is the upper one)"),
        ("scipy.linalg._decomp_svd", ("svd", "svdvals"), "numpy.linalg.%s"),
        ("scipy.linalg._decomp_qr", ("qr",), "numpy.linalg.qr"),
        ("scipy.linalg._misc", ("norm",), "numpy.linalg.norm")):
    for _name in _names:
        refuses_caller(_module, [_name], _LINALG % _name + "use %s, exact on dual arrays"
                       % (_instead % _name if "%s" in _instead else _instead))
for _module, _names, _why in (
        ("scipy.linalg._decomp_lu", ("lu",), _NO_LU),
        ("scipy.linalg._basic", ("solve_banded", "_solve_banded", "solveh_banded"),
         _BANDED),
        ("scipy.linalg._decomp", ("eig", "eigvals"), _COMPLEX),
        ("scipy.linalg._matfuncs", ("expm",), _NO_MATRIX_FUNCTION % "matrix exponential"),
        ("scipy.linalg._matfuncs", ("sqrtm",), _NO_MATRIX_FUNCTION % "matrix square root"),
        ("scipy.linalg._matfuncs", ("logm",), _NO_MATRIX_FUNCTION % "matrix logarithm")):
    for _name in _names:  # _solve_banded: the function solve_banded runs (batched)
        refuses_caller(_module, [_name], _LINALG % _name.lstrip("_") + _why)

# scipy.signal's filters run compiled loops or FFTs on floats; with constant coefficients
# each is linear in x, so filtering every part of x gives the parts of the result exactly.
_FILTER = ("scipy.signal.%s runs SciPy's compiled loops or FFTs on floats and cannot take "
           "dual arrays. With constant coefficients it is linear in x: apply it to each part "
           "of x along the signal's axis and build the result from them, "
           "DualArray(f(x.real), f(x.dual)) or HyperDualArray(f(x.real), f(x.eps1), "
           "f(x.eps2), f(x.eps1eps2)) (with directions, the parts' trailing direction axes "
           "stay as they are: directional=True); a derivative by the coefficients has no "
           "counterpart%s")
for _module, _name, _also in (
        ("scipy.signal._signaltools", "lfilter",
         "; an FIR filter (a = [1]) is scipy.signal.convolve(b, x)[:len(x)], exact on dual "
         "arrays"),
        ("scipy.signal._signaltools", "filtfilt", ""),
        ("scipy.signal._signaltools", "sosfilt", ""),
        ("scipy.signal._signaltools", "sosfiltfilt", ""),
        ("scipy.signal._signaltools", "decimate", ""),
        ("scipy.signal._signaltools", "resample", ""),
        ("scipy.signal._signaltools", "resample_poly", ""),
        ("scipy.signal._signaltools", "detrend", ""),
        ("scipy.signal._savitzky_golay", "savgol_filter", "")):
    refuses_caller(_module, [_name], _FILTER % (_name, _also))
refuses_caller("scipy.signal._signaltools", ["_validate_x"], HELPER)  # sosfilt's x
