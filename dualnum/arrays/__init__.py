"""Arrays of dual and hyper-dual numbers: DualArray, HyperDualArray and NumPy's protocols.

The modules are imported in dependency order, each using only those before it; from
``elementwise`` on, each registers its NumPy implementations in ``_registry`` as it is
imported:

1. ``_util``       leaf helpers (read-only sharing, index expansion, axes, keyword refusals)
2. ``parts``       the shape of the values and the named derivative parts (mixins that
                   dualnum.dask's lazy arrays share)
3. ``_registry``   the ufunc, reduction and NEP 18 tables and the two protocol dispatchers
4. ``_storage``    ArrayBase (compiled): the parts, the hot operators, the protocol entries
5. ``operands``    mixed operands: one dual type, common directions, constants
6. ``container``   DualArray, HyperDualArray: per-type facts, chain and product rules
7. ``elementwise`` rules, arithmetic and comparisons (NumPy's and scipy.special's ufuncs)
8. ``reductions``  sum mean prod max min cumsum cumprod, ufunc.reduce / accumulate
9. ``joining``     concatenate stack hstack vstack dstack column_stack block append where select
10. ``shape``      reshape transpose clip diff diag ... argmax
11. ``creation``   zeros_like ... full (like=) eye arange linspace asarray array astype ...
12. ``writing``    copyto place put putmask fill_diagonal: duals written into dual arrays
13. ``moving``     flip roll tile repeat take split tril diagonal insert ...: moved per part or
                   by positions
14. ``sorting``    sort partition unique and the set functions (ties share derivatives)
15. ``building``   pad vander piecewise apply_along_axis bincount histogram
16. ``queries``    integer and boolean results on the real parts, text, refusals
17. ``products``   matmul matvec vecmat vecdot dot inner outer tensordot multi_dot cross
18. ``linalg``     solve inv det matrix_power tensorsolve tensorinv; ``jet``, the forward mode
                   of every matrix function
19. ``decompositions`` cholesky slogdet eigh eigvalsh svd svdvals qr pinv lstsq
20. ``norms``      norm matrix_norm vector_norm cond matrix_rank
21. ``contractions`` einsum einsum_path tensordot vdot kron cross convolve correlate
22. ``statistics`` var std average ptp cov corrcoef cumulative_sum/prod, the nan* reductions
23. ``quantiles``  median quantile percentile and their nan* forms (order statistics)
24. ``empty``      reductions, statistics, quantiles, linalg of empty dual arrays:
                   NumPy's results on the real parts, constants
25. ``calculus``   trapezoid gradient ediff1d interp unwrap
26. ``polynomials`` polyval poly polyadd polysub polymul polydiv polyder polyint polyfit roots
27. ``ufuncs_more`` the other ufuncs: fmod % divmod modf frexp copysign fmax ..., refusals
28. ``ufunc_methods`` add.at subtract.at add.reduceat (linear: per part)
29. ``real_functions`` round fix nan_to_num, the complex family, numpy.lib.scimath
30. ``scalars``    scalar duals in NumPy's protocols: these implementations on 0-d arrays
31. ``softmax``   logsumexp softmax log_softmax (SciPy's signatures) of numbers and duals
32. ``scipy_callers`` the SciPy functions that cannot take dual arrays, refused with the
    function to use instead
33. ``scipy_linalg`` solve_triangular cho_solve lu_solve spsolve (SciPy's signatures)
34. ``scipy_signal`` convolve correlate in N-D (SciPy's signatures)
35. ``scipy_stats`` pdf logpdf cdf of scipy.stats' norm t chi2 gamma beta by their formulas
36. ``scipy_routes`` SciPy's names of those reach them: SciPy's functions wrapped
37. ``watching``   every method and property of the classes counted for the elementwise
    derivatives' probe (it runs where f did more than elementwise arithmetic)

``HANDLED_FUNCTIONS`` maps every NumPy function that dual arrays implement to its
implementation; any other function raises a TypeError that names it.
"""
from . import _util, parts, _registry, _storage, operands, container  # noqa: F401  (the order)
from . import elementwise, reductions, joining, shape  # noqa: F401  (each registers itself)
from . import creation, writing  # noqa: F401
from . import moving, sorting, building, queries  # noqa: F401
from . import products, linalg, decompositions, norms  # noqa: F401
from . import contractions, statistics, quantiles, empty  # noqa: F401
from . import calculus, polynomials  # noqa: F401
from . import ufuncs_more, ufunc_methods, real_functions  # noqa: F401
from . import scalars  # noqa: F401  (registers the arrays with the scalar types)
from . import softmax, scipy_callers  # noqa: F401
from . import scipy_linalg, scipy_signal, scipy_stats, scipy_routes  # noqa: F401
from . import watching  # noqa: F401  (last: counts every method the classes have)
from ._registry import HANDLED_FUNCTIONS
from .container import DirectionsError, DualArray, HyperDualArray

__all__ = ["DualArray", "HyperDualArray", "DirectionsError", "HANDLED_FUNCTIONS"]
