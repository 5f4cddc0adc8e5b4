"""Independent references for the rule table: each rule as a plain mathematical function.

Every entry of ``dualnum.rules.UNARY`` and ``dualnum.rules.BINARY`` maps to an mpmath
implementation of the function itself (not of its derivatives, and never a restatement of
dualnum's C formulas). The tests differentiate these with ``mpmath.diff`` at high precision,
so a wrong derivative rule cannot agree with its reference by construction.

Unary references take ``(x)``, or ``(x, p)`` for the rules with a parameter (``leaky_relu``'s
alpha and the two power rules behind ``**``); binary references take ``(x, y)``. Arguments are
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


def _log_ndtr(x):
    # log Phi(x); above 0 as log1p(-Phi(-x)), which keeps the upper tail's tiny values. Below
    # -1e150 the log of _erfc's asymptote, without its exp(-x^2/2) (seconds at 4000 bits).
    z = abs(x) / mpmath.sqrt(2)
    if x < -1e150:
        return -z * z - mpmath.log(2 * z * mpmath.sqrt(mpmath.pi))
    q = _erfc(z) / 2
    return mpmath.log1p(-q) if x > 0 else mpmath.log(q)


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
