"""Independent references for the rule table: each rule as a plain mathematical function.

Every entry of ``dualnum.rules.UNARY`` and ``dualnum.rules.BINARY`` maps to an mpmath
implementation of the function itself (not of its derivatives, and never a restatement of
dualnum's C formulas). The tests differentiate these with ``mpmath.diff`` at high precision,
so a wrong derivative rule cannot agree with its reference by construction.

Unary references take ``(x)``, or ``(x, p)`` for the rules with a parameter (``leaky_relu``'s
alpha and the two power rules behind ``**``), ``(x, a, b)`` for betainc's two; binary references take ``(x, y)``. Arguments are
mpmath numbers; results are real mpmath numbers.
"""
import mpmath
from mpmath import mp

mp.dps = 50


def _real_cbrt(x):
    # mpmath.cbrt gives the principal (complex) root for x < 0; the real cube root is odd.
    return mpmath.sign(x) * mpmath.cbrt(abs(x))


def _sigmoid(x):
    return 1 / (1 + mpmath.exp(-x))


def _softplus(x):
    return mpmath.log1p(mpmath.exp(x))  # log(1 + e^x)


def _relu(x):
    return x if x > 0 else 0 * x


def _leaky_relu(x, alpha):
    return x if x > 0 else alpha * x


def _log_abs_gamma(x):
    return mpmath.log(abs(mpmath.gamma(x)))


def _erfc(x):
    # mpmath.erfc overflows a float inside for x > 1.3e154; there the first term of the
    # asymptotic series is exact to 1/(2 x^2) < 1e-300, relatively.
    if x > 1e150:
        return mpmath.exp(-x * x) / (x * mpmath.sqrt(mpmath.pi))
    return mpmath.erfc(x)


def _erfcinv(z):
    """The root x of erfc(x) = z (mpmath has erfinv only, and erfinv(1 - z) would lose the
    tail z < 2**-prec): Newton's method on log erfc(x) = log z, at x >= 0 (z <= 1), by
    erfcinv(2 - z) = -erfcinv(z) above, from the asymptote x = sqrt(-log z)."""
    if z > 1:
        return -_erfcinv(2 - z)
    if not 0 < z:
        raise ValueError("erfcinv outside (0, 2)")
    x = mpmath.sqrt(-mpmath.log(z))
    for _ in range(200):
        step = (mpmath.log(mpmath.erfc(x)) - mpmath.log(z)) * mpmath.erfc(x) / (
            -2 / mpmath.sqrt(mpmath.pi) * mpmath.exp(-x * x))
        x -= step
        # quadratic convergence: after a step this small, x is exact to the precision
        if abs(step) <= abs(x) * mpmath.mpf(2) ** (8 - mp.prec) or not step:
            return x
    raise ValueError("no convergence of erfcinv at %s" % z)


def _in_domain(x, low, high=mpmath.inf):
    """x itself; ValueError outside [low, high], where SciPy's incomplete gamma and beta
    functions are NaN although mpmath continues them (P(1, x) = 1 - e^-x at x < 0)."""
    if not low <= x <= high:
        raise ValueError("outside the domain")
    return x


def _polygamma(x, n):
    # mpmath.psi recurses upwards from a negative x: at a pole below -1e7 it runs for minutes
    # rather than raise, so the poles are refused here.
    if x <= 0 and x == mpmath.floor(x):
        raise ValueError("a pole")
    if n < 0 or n != int(n):
        raise ValueError("the order n is a non-negative integer")
    return mpmath.psi(int(n), x)


def _gammaincc(x, a):
    # Q(a, x); below x = a as 1 - P(a, x): mpmath's upper integral at a tiny x subtracts the
    # lower one from Gamma(a) at the thousands of bits a subnormal x asks, a minute a point.
    if _in_domain(x, 0) < a:
        return 1 - mpmath.gammainc(a, 0, x, regularized=True)
    return mpmath.gammainc(a, x, mpmath.inf, regularized=True)


def _log_ndtr(x):
    # log Phi(x); above 0 as log1p(-Phi(-x)), which keeps the upper tail's tiny values. Below
    # -1e150 the log of _erfc's asymptote, without its exp(-x^2/2) (seconds at 4000 bits).
    z = abs(x) / mpmath.sqrt(2)
    if x < -1e150:
        return -z * z - mpmath.log(2 * z * mpmath.sqrt(mpmath.pi))
    q = _erfc(z) / 2
    return mpmath.log1p(-q) if x > 0 else mpmath.log(q)


def _bessely(v, x):
    """Y_v(x). mpmath.bessely takes up to a minute at huge or subnormal x: above 1e6 Hankel's
    expansion (DLMF 10.17.5: H_v^(1)(x) = sqrt(2/(pi x)) e^(iw) 2F0(1/2 - v, 1/2 + v;;
    -i/(2x)), w = x - (v/2 + 1/4) pi; its error e^(-2x) is nil there), Y_v = Im H_v^(1);
    below, for an integer v, DLMF 10.2.3 at the order v + d, d = 2^-(prec + 32) (its error
    d |dY/dv| is below the precision), at twice the precision for the cancellation of
    J_(v+d) cos - J_(-v-d)."""
    if x >= 1e6:   # (w, at a precision that keeps the bits of x below 1)
        with mp.workprec(mp.prec + max(0, int(mpmath.mag(x)))):
            w = x - (mpmath.mpf(v) / 2 + mpmath.mpf(1) / 4) * mpmath.pi
            s = mpmath.hyp2f0(mpmath.mpf(1) / 2 - v, mpmath.mpf(1) / 2 + v, -1j / (2 * x))
            y = (mpmath.sqrt(2 / (mpmath.pi * x)) * mpmath.expj(w) * s).imag
        return +y
    if x <= 0:
        raise ValueError("bessely: complex for x <= 0")
    if v != int(v):
        return mpmath.bessely(v, x)
    prec = mp.prec
    with mp.workprec(2 * prec + 96):
        u = mpmath.mpf(v) + mpmath.mpf(2) ** -(prec + 32)
        y = (mpmath.besselj(u, x) * mpmath.cospi(u) - mpmath.besselj(-u, x)) / mpmath.sinpi(u)
    return +y


def _xlogy(x, y, log=mpmath.log):
    return 0 * x if x == 0 else x * log(y)


def _logaddexp(x, y):
    return mpmath.log(mpmath.exp(x) + mpmath.exp(y))


def _logaddexp2(x, y):
    return mpmath.log(mpmath.power(2, x) + mpmath.power(2, y), 2)


def _trunc(x):
    return mpmath.floor(x) if x >= 0 else mpmath.ceil(x)


def _fmod(x, y):
    # C's fmod: the remainder of the quotient truncated towards 0, with the sign of x
    # (mpmath.fmod is Python's %, with the sign of y).
    return x - _trunc(x / y) * y


UNARY = {
    # powers and roots
    "sqrt": mpmath.sqrt,
    "cbrt": _real_cbrt,
    "square": lambda x: x * x,
    "reciprocal": lambda x: 1 / x,
    # exponentials and logarithms
    "exp": mpmath.exp,
    "exp2": lambda x: mpmath.power(2, x),
    "expm1": mpmath.expm1,
    "log": mpmath.log,
    "log2": lambda x: mpmath.log(x, 2),
    "log10": mpmath.log10,
    "log1p": mpmath.log1p,
    # trigonometric
    "sin": mpmath.sin,
    "cos": mpmath.cos,
    "tan": mpmath.tan,
    "arcsin": mpmath.asin,
    "arccos": mpmath.acos,
    "arctan": mpmath.atan,
    # hyperbolic
    "sinh": mpmath.sinh,
    "cosh": mpmath.cosh,
    "tanh": mpmath.tanh,
    "arcsinh": mpmath.asinh,
    "arccosh": mpmath.acosh,
    "arctanh": mpmath.atanh,
    # special functions
    "erf": mpmath.erf,
    "erfc": _erfc,
    "gamma": mpmath.gamma,
    "lgamma": _log_abs_gamma,
    "digamma": mpmath.digamma,
    "rgamma": mpmath.rgamma,
    "sinc": mpmath.sincpi,
    # scipy.special
    "ndtr": lambda x: _erfc(-x / mpmath.sqrt(2)) / 2,
    "log_ndtr": _log_ndtr,
    "ndtri": lambda p: -mpmath.sqrt(2) * _erfcinv(2 * p),   # Phi(x) = erfc(-x/sqrt 2)/2
    "erfinv": mpmath.erfinv,
    "erfcinv": _erfcinv,
    "logit": lambda x: mpmath.log(x / (1 - x)),
    "log_expit": lambda x: -mpmath.log1p(mpmath.exp(-x)),
    "entr": lambda x: -x * mpmath.log(x),
    "i0": lambda x: mpmath.besseli(0, x),
    "i1": lambda x: mpmath.besseli(1, x),
    "iv": lambda x, v: mpmath.besseli(v, x),
    "ive": lambda x, v: mpmath.besseli(v, x) * mpmath.exp(-abs(x)),
    "kv": lambda x, v: mpmath.besselk(v, _in_domain(x, 0)),
    "j0": lambda x: mpmath.besselj(0, x),
    "j1": lambda x: mpmath.besselj(1, x),
    "y0": lambda x: _bessely(0, x),
    "y1": lambda x: _bessely(1, x),
    "jv": lambda x, v: mpmath.besselj(v, x),
    "yv": lambda x, v: _bessely(v, x),
    "gammainc": lambda x, a: mpmath.gammainc(a, 0, _in_domain(x, 0), regularized=True),
    "gammaincc": _gammaincc,
    "polygamma": _polygamma,
    "betainc": lambda x, a, b: mpmath.betainc(a, b, 0, _in_domain(x, 0, 1), regularized=True),
    # activation functions
    "sigmoid": _sigmoid,
    "softplus": _softplus,
    "relu": _relu,
    "leaky_relu": _leaky_relu,
    "gelu": lambda x: x * _erfc(-x / mpmath.sqrt(2)) / 2,
    # piecewise
    "absolute": abs,
    "sign": mpmath.sign,
    "floor": mpmath.floor,
    "ceil": mpmath.ceil,
    "rint": mpmath.nint,  # to the nearest integer, ties to even
    "trunc": _trunc,
    # the powers behind ``x ** p`` and ``p ** x`` with a constant p
    "power_constant_exponent": lambda x, p: mpmath.power(x, p),
    "power_constant_base": lambda x, p: mpmath.power(p, x),
}

BINARY = {
    "multiply": lambda x, y: x * y,
    "divide": lambda x, y: x / y,
    "power": mpmath.power,
    # numpy.arctan2(x1, x2) is the angle of the point (x2, x1); so is mpmath.atan2(x1, x2).
    "arctan2": mpmath.atan2,
    "hypot": mpmath.hypot,
    "logaddexp": _logaddexp,
    "maximum": max,
    "minimum": min,
    "logaddexp2": _logaddexp2,
    "fmod": _fmod,
    # scipy.special
    "xlogy": _xlogy,
    "xlog1py": lambda x, y: _xlogy(x, y, mpmath.log1p),
}



def _beta(a, b):
    # B(a, b) = Gamma(a) Gamma(b) / Gamma(a + b); mpmath takes the limit at a pole of Gamma(a)
    # or Gamma(b) (beta(-2, 1) = -1/2), where no partial derivative exists: raise there
    if any(t <= 0 and t == mpmath.floor(t) for t in (a, b)):
        raise ValueError("beta has a pole at (%s, %s)" % (a, b))
    return mpmath.beta(a, b)


BINARY["beta"] = _beta
BINARY["betaln"] = lambda a, b: mpmath.log(abs(_beta(a, b)))   # -inf at a zero of B: skipped

REFERENCES = {**UNARY, **BINARY}
