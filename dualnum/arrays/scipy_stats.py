"""scipy.stats' norm, t, chi2, gamma and beta distributions of dual arguments: ``pdf``,
``logpdf`` and ``cdf`` by their formulas in NumPy and ``scipy.special`` functions, which
dualnum differentiates exactly (``scipy_routes`` sends SciPy's methods here when an argument
is dual; SciPy's own convert with ``np.asarray`` and run compiled loops on floats).

With z = (x - loc) / scale and the shape parameters as SciPy parses them
(``dist._parse_args``), the densities are the standard ones (NIST/SEMATECH e-Handbook of
Statistical Methods, section 1.3.6.6; Abramowitz & Stegun 26.1, 26.4, 26.7):

    norm   log f = -z^2/2 - log sqrt(2 pi)                      F = ndtr(z)
    t      log f = gammaln((df+1)/2) - gammaln(df/2)            F = 1 - betainc(df/2, 1/2,
                   - log(pi df)/2 - (df+1)/2 log1p(z^2/df)          df/(df+z^2))/2 (z >= 0)
    chi2   log f = xlogy(df/2 - 1, z) - z/2 - gammaln(df/2)     F = gammainc(df/2, z/2)
                   - (df/2) log 2
    gamma  log f = xlogy(a - 1, z) - z - gammaln(a)             F = gammainc(a, z)
    beta   log f = xlogy(a - 1, z) + xlog1py(b - 1, -z)         F = betainc(a, b, z)
                   - betaln(a, b)

with logpdf = log f - log(scale), pdf = exp(logpdf), cdf = F. Outside the support logpdf
is -inf, pdf 0 and cdf 0 or 1; at a NaN x, loc or scale and where SciPy's argument check
fails (a scale <= 0, a shape outside its range: ``dist._argcheck`` on the real parts) the
result is NaN, as SciPy gives, and so are its derivative parts.
pdf and logpdf have derivatives in x, loc, scale and the shapes; cdf in x, loc and scale
(a shape is the parameter of an incomplete gamma or beta function, which dualnum holds
constant: a dual shape in cdf raises the TypeError of that function). Other distributions
and methods go to SciPy's own, which refuse dual arrays naming what to write instead
(``scipy_callers``).
"""
import math

import numpy as np

from .._scalar import Dual, HyperDual
from ._storage import ArrayBase
from .scalars import _operand

_LOG_SQRT_2PI = 0.5 * math.log(2.0 * math.pi)


def _special():
    import scipy.special  # only reached from SciPy's own methods: SciPy is loaded
    return scipy.special


def _t_log_f(sc, z, df):
    return (sc.gammaln((df + 1.0) / 2.0) - sc.gammaln(df / 2.0) - np.log(np.pi * df) / 2.0
            - (df + 1.0) / 2.0 * np.log1p(z * z / df))


def _t_cdf(sc, z, df):
    """1 - I_x(df/2, 1/2)/2 at x = df/(df + z^2) for z >= 0 (A&S 26.7.1); at z = 0, where
    I's derivative in x is infinite and x's in z is 0, the expansion 1/2 + f(0) z, exact
    to second order as f'(0) = 0."""
    tail = sc.betainc(df / 2.0, 0.5, df / (df + z * z)) / 2.0
    at_zero = 0.5 + np.exp(_t_log_f(sc, 0.0, df)) * z
    return np.where(_real(z) == 0.0, at_zero, np.where(_real(z) < 0.0, tail, 1.0 - tail))


# name -> (log f(z, *shapes), F(z, *shapes), the support's (lower, upper) in z, f at the
# support's edges as a product of powers (where log f is infinite: exp(log f) would carry
# 0 * inf there, while z^(a - 1) has the one-sided derivative, 0 for a > 2))
DISTRIBUTIONS = {
    "norm": (lambda sc, z: -z * z / 2.0 - _LOG_SQRT_2PI,
             lambda sc, z: sc.ndtr(z), (-np.inf, np.inf), None),
    "t": (_t_log_f, _t_cdf, (-np.inf, np.inf), None),
    "chi2": (lambda sc, z, df: sc.xlogy(df / 2.0 - 1.0, z) - z / 2.0 - sc.gammaln(df / 2.0)
             - df / 2.0 * math.log(2.0),
             lambda sc, z, df: sc.gammainc(df / 2.0, z / 2.0), (0.0, np.inf),
             lambda sc, z, df: z ** (df / 2.0 - 1.0) * np.exp(-z / 2.0)
             / (2.0 ** (df / 2.0) * sc.gamma(df / 2.0))),
    "gamma": (lambda sc, z, a: sc.xlogy(a - 1.0, z) - z - sc.gammaln(a),
              lambda sc, z, a: sc.gammainc(a, z), (0.0, np.inf),
              lambda sc, z, a: z ** (a - 1.0) * np.exp(-z) / sc.gamma(a)),
    "beta": (lambda sc, z, a, b: sc.xlogy(a - 1.0, z) + sc.xlog1py(b - 1.0, -z)
             - sc.betaln(a, b),
             lambda sc, z, a, b: sc.betainc(a, b, z), (0.0, 1.0),
             lambda sc, z, a, b: z ** (a - 1.0) * (1.0 - z) ** (b - 1.0)
             / sc.beta(a, b)),
}


def _sequence_operand(value):
    """A list, tuple or object array holding scalar duals as one dual array (as every
    operand of dualnum's functions); anything else as it is (a scalar dual stays a scalar,
    so that scalars give scalars)."""
    if isinstance(value, (list, tuple)) or isinstance(value, np.ndarray) and value.dtype == object:
        return _operand(value)
    return value


def _real(value):
    return value.real if isinstance(value, (ArrayBase, Dual, HyperDual)) else value


def _evaluate(dist, method, x, args, kwds):
    """(z, the shapes, valid, the support's bounds, the result inside the support) of a call
    (method: "logpdf", "pdf" or "cdf"); None for a distribution without a formula."""
    if dist.name not in DISTRIBUTIONS:
        return None
    shapes, loc, scale = dist._parse_args(*args, **kwds)
    valid = np.asarray(dist._argcheck(*[_real(s) for s in shapes])) & (
        np.asarray(_real(scale)) > 0.0)
    name = dist.name
    if name == "t" and np.all(np.isinf(_real(shapes[0]))):
        name, shapes = "norm", ()   # SciPy's t of infinite df: the normal distribution
    log_f, cdf, (low, high), at_edge = DISTRIBUTIONS[name]
    sc = _special()
    with np.errstate(all="ignore"):  # outside the support and at its edges: replaced below
        z = (x - loc) / scale  # (a NaN or zero scale: replaced below as well)
        if method == "cdf":
            return z, shapes, valid, (low, high), cdf(sc, z, *shapes)
        inner = log_f(sc, z, *shapes) - np.log(scale)
        if method == "pdf":
            inner = np.exp(inner)
            if at_edge is not None:
                edge = (_real(z) == low) | (_real(z) == high)
                if np.any(edge):
                    inner = np.where(edge, at_edge(sc, z, *shapes) / scale, inner)
    return z, shapes, valid, (low, high), inner


def _nan_where_invalid(value, valid, z, shapes):
    """value, NaN where SciPy's argument check fails (``valid`` False), and so is every part
    that a perturbation of z or of a shape reaches there: products with NaN, so that a zero
    perturbation stays zero (README); the formula's own parts may be 0 there (t's factor
    (df + 1)/2 at df = -1), hence the added perturbations of z and the shapes."""
    if np.all(valid):
        return value
    with np.errstate(all="ignore"):  # z is inf or NaN at a scale of 0 or NaN
        moved = sum((s - _real(s) for s in shapes), z - _real(z))
        return value * np.where(valid, 1.0, np.nan) + moved * np.where(valid, 0.0, np.nan)


def _method(method, outside):
    """scipy.stats' METHOD of dual arguments, ``outside`` the support (a number, or
    (below, above))."""
    below, above = outside if isinstance(outside, tuple) else (outside, outside)

    def call(dist, x, *args, **kwds):
        x, args = _sequence_operand(x), [_sequence_operand(a) for a in args]
        kwds = {k: _sequence_operand(v) for k, v in kwds.items()}
        found = _evaluate(dist, method, x, args, kwds)
        if found is None:
            return NotImplemented
        z, shapes, valid, (low, high), value = found
        # a NaN z (of a NaN x, loc or scale) is neither below nor above: the formula's NaN
        value = np.where(_real(z) < low, below, np.where(_real(z) > high, above, value))
        return _nan_where_invalid(value, valid, z, shapes)
    return call


_logpdf, _pdf, _cdf = _method("logpdf", -np.inf), _method("pdf", 0.0), _method("cdf", (0.0, 1.0))


def logpdf(dist, x, *args, **kwds):
    """``dist.logpdf(x, *args, **kwds)`` of dual arguments (see the module); NotImplemented
    for a distribution without a formula here (SciPy's own then refuses it).

    >>> import scipy.stats, dualnum as dn
    >>> float(dn.derivative(lambda t: scipy.stats.norm.logpdf(t, loc=1.0), 3.0))  # -z
    -2.0
    """
    return _logpdf(dist, x, *args, **kwds)


def pdf(dist, x, *args, **kwds):
    """``dist.pdf(x, *args, **kwds)``: exp of the log density, and at the edges of the
    support the density as a product of powers (see the module).

    >>> import scipy.stats, dualnum as dn
    >>> float(dn.derivative(lambda t: scipy.stats.gamma.pdf(t, 2.5), 0.0))  # t^1.5: 0
    0.0
    """
    return _pdf(dist, x, *args, **kwds)


def cdf(dist, x, *args, **kwds):
    """``dist.cdf(x, *args, **kwds)`` of dual x, loc or scale (see the module).

    >>> import math, scipy.stats, dualnum as dn
    >>> abs(dn.derivative(scipy.stats.norm.cdf, 0.0) - 1.0 / math.sqrt(2.0 * math.pi)) < 1e-16
    True
    """
    return _cdf(dist, x, *args, **kwds)
