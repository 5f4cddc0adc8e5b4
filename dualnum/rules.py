"""The rule table: every elementary function dualnum differentiates, declared once.

Each entry gives C expressions for the value and the derivatives of a function at a real
point. At build time ``src/generate.py`` renders the templates in ``src/`` from this table
(the C rule functions, the scalar types' methods, the module functions); at run time the
documentation table and the generic tests read it. To add a function, add one entry here
and a reference for it in ``tests/references.py``. This module is plain data: it imports
nothing, so the build can load it before dualnum is compiled.

Conventions for the C snippets:
  * unary entries see ``x`` (the point) and ``p`` (a parameter, for ``leaky_relu``'s alpha
    and the power rules), ``p`` and ``q`` for a rule of two parameters (``betainc``'s a and
    b); ``f1`` may use ``f0``, ``f2`` may use ``f0`` and ``f1``;
  * binary entries see ``x`` and ``y`` and give the value ``f`` and the partials
    ``fx fy fxx fxy fyy``; later ones may use earlier ones;
  * ``let`` holds C declarations of shared temporaries, evaluated first (a helper may fill
    them); no control flow (``if``, ``return``, loops, braces): the build refuses it, and a
    condition is written as ``c ? a : b`` in the expressions;
  * helpers (``dn_digamma``, ``dn_sigmoid_pair``, ...) live in ``special.h``/``helpers.h``,
    constants (``DN_LN2``, ``DN_LN10``, ``DN_2_SQRTPI``, ``DN_SQRT1_2``) in ``constants.h``.

Kinks follow one convention: the derivative there is the mean of the one-sided derivatives,
so identities such as relu(x) = (x + |x|)/2 and max(x, y) = (x + y + |x - y|)/2 hold for
derivatives too. No second derivative exists at a kink (the first derivative jumps), so
there the second derivatives are NaN (``NAN``, C99's): a confident 0 would make the Hessian
of |x|**2 or relu(x)**2 read as a fact. One case has an exact answer: an argument that
reaches the kink with no first-order parts (b = c = 0, as t*t at t = 0) and a second-order
part d moves to one side only, that of the sign of d, and g(a + d e1e2) = g(a) + g'_{sign d}
d e1e2 (so |t*t| has second derivative 2). For that each kinked entry gives, beside the mean
slope, its one-sided slopes ``below`` and ``above`` at the kink (0 elsewhere; ``kink``
below writes them and the mean from the same literals), or for two arguments ``tie`` (the
jump of fx across x = y: its sign says whether g follows the larger or the smaller
argument beyond a tie) and ``origin`` (the factor of hypot(dx, dy), a cone at (0, 0));
src/chain.h applies them. Where the square of the kinked function is smooth
(|x|, hypot, norms), the arrays and scalars keep that square, so that |x|**2 is exact at 0
(see ``dualnum.arrays.elementwise.power``). Jumps (``sign``, ``floor``, ``ceil``) have
derivative 0, first and second.

Hand-written, not generated from an entry (the number types' operators and the arrays'
shortcuts; each is exact, or is an entry reached by a shorter path):
  * scalar ``+ -`` (two operands): part-wise sums and differences, exact with no rule to
    apply; unary ``-`` negates every part, unary ``+`` returns the number itself;
  * scalar ``* /``: the two-argument chain rule of the ``multiply``/``divide`` entries;
  * ``**`` with a constant exponent or base takes ``power_constant_exponent`` or
    ``power_constant_base`` and only two duals take ``power``: a constant operand costs no
    partials (no log of it) and the result stays exact at 0 (``Dual(0.0, 1.0) ** 2.5``,
    ``0 ** x``);
  * ``//``, ``%`` and ``divmod`` (``dn_divmod`` in helpers.h: Python's float semantics): the
    quotient is a constant (it jumps, derivative 0) and the remainder has the parts of
    x - q y;
  * ``abs()``: the ``absolute`` entry; ``math.floor``/``math.ceil``/``math.trunc`` and
    ``round()``: the ``floor``/``ceil``/``trunc``/``rint`` entries (``round(x, n)`` is
    ``numpy.round``: NumPy's value, derivative 0);
  * comparisons, ``bool()`` and ``hash()`` look at the real part only, as do NumPy's
    ``isnan``, ``isinf``, ``isfinite`` (and ``signbit`` on arrays); ``float()``, ``int()`` and
    ``complex()`` raise rather than drop the parts;
  * dual arrays (``src/_storage.pyx``, ``dualnum/arrays/elementwise.py``): ``+ -`` run
    NumPy's own loops on each part (a number shifts the real part alone); ``*`` and ``/``
    by a finite non-zero Python number c scale every part (for ``/`` the real part is
    divided by c, the others multiplied by 1/c, as the ``divide`` entry does), with no zero
    guard: a finite factor needs none;
  * ``x ** 2`` on dual arrays takes the ``square`` entry rather than
    ``power_constant_exponent``: ``ArrayBase.__pow__`` calls the ``square`` kernel straight
    away, to save the dispatch (the kernel beats NumPy at every size); the scalar types get
    the same bits from ``power_constant_exponent``'s own ``p == 2`` case;
  * the NumPy functions of dual arrays (``dualnum/arrays/reductions.py``, ``shape.py``,
    ``linalg.py``): sums, means, products and cumulative ones, max/min (tied
    elements share the derivative), ``where``, ``clip`` (through ``maximum``/``minimum``),
    reshaping and indexing act on the parts by the linear or product rule; matrix products
    and linear algebra go through BLAS and LAPACK on the components.
"""
from collections import namedtuple

Unary = namedtuple(
    "Unary",
    "name f0 f1 f2 let domain samples derivative public param numpy scipy below above params "
    "taylor")
Binary = namedtuple(
    "Binary",
    "name f fx fy fxx fxy fyy let domain samples derivative public numpy scipy tie origin "
    "taylor")


def unary(name, f0, f1, f2, *, domain, samples, derivative, let="", public=True,
          param=None, numpy=None, scipy=None, below="0.0", above="0.0", taylor=None):
    """One-argument rule; ``param`` is (name, default) for a parametrised function, or a
    tuple of such pairs for one of two (in SciPy's order: betainc's a, b), which the C
    snippets see as ``p`` and ``q``; ``params`` holds them as a tuple of pairs in every case
    (empty without one); ``below``/``above`` the one-sided slopes at a kink (see the
    module)."""
    params = () if param is None else (param,) if isinstance(param[0], str) else tuple(param)
    return Unary(name, f0, f1, f2, let, domain, samples, derivative, public, param,
                 numpy, scipy, below, above, params, taylor)


def binary(name, f, fx, fy, fxx, fxy, fyy, *, domain, samples, derivative, let="",
           public=True, numpy=None, scipy=None, tie="0.0", origin="0.0", taylor=None):
    """Two-argument rule with all first and second partial derivatives; ``tie`` and
    ``origin`` for a kink (see the module)."""
    return Binary(name, f, fx, fy, fxx, fxy, fyy, let, domain, samples, derivative, public,
                  numpy, scipy, tie, origin, taylor)


Kink = namedtuple("Kink", "slope below above jump")


def kink(a, b, below, above):
    """C expressions for the slope of a piecewise-linear function of a - b: ``below`` where
    a < b, ``above`` where a > b, the mean at a = b (helpers.h: dn_kink); and, 0 but at
    a = b, the one-sided slopes and the jump ``above - below``."""
    at = "%s == %s ? " % (a, b)
    return Kink("dn_kink(%s, %s, %s, %s)" % (a, b, below, above), at + below + " : 0.0",
                at + above + " : 0.0", at + "(%s) - (%s) : 0.0" % (above, below))


RELU, LEAKY_RELU, ABSOLUTE = (kink("x", "0.0", "0.0", "1.0"), kink("x", "0.0", "p", "1.0"),
                              kink("x", "0.0", "-1.0", "1.0"))
MAXIMUM, MINIMUM = kink("x", "y", "0.0", "1.0"), kink("x", "y", "1.0", "0.0")


def bessel(name, order, kind, **kw):
    """J (kind 0) or Y (kind 1) of the C order expression ``order`` (bessel_jy.h); the order
    ``p`` makes a rule with the parameter v, whose values may be SciPy's (dn_sp_)."""
    helper = "dn_sp_bessel_jet" if order == "p" else "dn_bessel_jet"
    return unary(name, "d0", "d1", "d2", scipy=name,
                 let="double d0, d1, d2; %s(%s, x, %d, &d0, &d1, &d2);" % (helper, order, kind),
                 param=("v", 0.0) if order == "p" else None, **kw)


ALL_REALS = "all real x"
X_POSITIVE = "x > 0 (x = 0: -inf)"
BESSEL_SAMPLES = (0.3, 1.7, 5.5, 30.0)
ANYWHERE = (-2.5, -0.3, 0.7, 3.1)

UNARY = [
    # --- powers and roots ---
    unary("sqrt", "sqrt(x)", "0.5 / f0", "-0.5 * f1 / x",
          taylor="sqrt",
          domain="x >= 0 (x = 0: derivative +inf)", samples=(1e-3, 0.3, 2.0, 1e4),
          derivative="1/(2 sqrt x)", numpy="sqrt"),
    unary("cbrt", "cbrt(x)", "1.0 / (3.0 * f0 * f0)", "-2.0 * f1 / (3.0 * x)",
          taylor="ode: 1 / (3 * f * f) | exact x0 == 0.0: dn_exact_cbrt",
          domain=ALL_REALS + " (x = 0: derivative +inf)", samples=(-8.5, -0.2, 0.4, 27.0),
          derivative="1/(3 cbrt(x)^2)", numpy="cbrt"),
    unary("square", "x * x", "2.0 * x", "2.0",
          taylor="x * x",
          domain=ALL_REALS, samples=ANYWHERE, derivative="2 x", numpy="square"),
    unary("reciprocal", "1.0 / x", "-f0 * f0", "-2.0 * f1 * f0",
          taylor="1 / x | exact x0 == 0.0: dn_exact_reciprocal",
          domain="x != 0", samples=(-3.0, -0.4, 0.25, 7.0), derivative="-1/x^2",
          numpy="reciprocal"),
    # --- exponentials and logarithms ---
    unary("exp", "exp(x)", "f0", "f0",
          taylor="exp(x)",
          domain=ALL_REALS, samples=(-20.0, -1.2, 0.5, 30.0), derivative="exp x", numpy="exp"),
    # The derivatives overflow with the value from x = 1024 on (2^x ln 2 is finite up to
    # 1024.53): a guard would cost the NumPy twin (no conditionals there); README, Functions.
    unary("exp2", "exp2(x)", "DN_LN2 * f0", "DN_LN2 * f1",
          taylor="ode: DN_LN2 * f",
          domain=ALL_REALS, samples=(-20.0, -1.2, 0.5, 30.0), derivative="2^x ln 2",
          numpy="exp2"),
    unary("expm1", "expm1(x)", "exp(x)", "f1",
          taylor="ode: f + 1",
          domain=ALL_REALS, samples=(-5.0, -1e-9, 1e-7, 2.5), derivative="exp x",
          numpy="expm1"),
    unary("log", "log(x)", "1.0 / x", "-f1 * f1",
          taylor="log(x)",
          domain="x > 0", samples=(1e-5, 0.3, 2.0, 1e8), derivative="1/x", numpy="log"),
    unary("log2", "log2(x)", "1.0 / (DN_LN2 * x)", "-f1 / x",
          taylor="ode: 1 / (DN_LN2 * x)",
          domain="x > 0", samples=(1e-5, 0.3, 2.0, 1e8), derivative="1/(x ln 2)",
          numpy="log2"),
    unary("log10", "log10(x)", "1.0 / (DN_LN10 * x)", "-f1 / x",
          taylor="ode: 1 / (DN_LN10 * x)",
          domain="x > 0", samples=(1e-5, 0.3, 2.0, 1e8), derivative="1/(x ln 10)",
          numpy="log10"),
    unary("log1p", "log1p(x)", "1.0 / (1.0 + x)", "-f1 * f1",
          taylor="ode: 1 / (1 + x)",
          domain="x > -1", samples=(-0.9, -1e-8, 1e-6, 3.0), derivative="1/(1 + x)",
          numpy="log1p"),
    # --- trigonometric ---
    unary("sin", "sin(x)", "cos(x)", "-f0",
          taylor="sin(x)",
          domain=ALL_REALS, samples=ANYWHERE, derivative="cos x", numpy="sin"),
    unary("cos", "cos(x)", "-sin(x)", "-f0",
          taylor="cos(x)",
          domain=ALL_REALS, samples=ANYWHERE, derivative="-sin x", numpy="cos"),
    # sec^2 as 1 + tan^2 keeps one transcendental call; it is accurate everywhere tan is.
    unary("tan", "tan(x)", "1.0 + f0 * f0", "2.0 * f0 * f1",
          taylor="ode: 1 + f * f",
          domain="x != pi/2 + k pi", samples=(-1.2, -0.3, 0.7, 1.5), derivative="1 + tan^2 x",
          numpy="tan"),
    # (1 - x)(1 + x) rather than 1 - x^2: no cancellation near |x| = 1.
    unary("arcsin", "asin(x)", "1.0 / sqrt((1.0 - x) * (1.0 + x))", "x * f1 * f1 * f1",
          taylor="ode: 1 / sqrt((1 - x) * (1 + x))",
          domain="-1 <= x <= 1 (derivative infinite at the ends)",
          samples=(-0.999, -0.3, 0.5, 0.9), derivative="1/sqrt(1 - x^2)", numpy="arcsin"),
    unary("arccos", "acos(x)", "-1.0 / sqrt((1.0 - x) * (1.0 + x))", "x * f1 * f1 * f1",
          taylor="ode: -1 / sqrt((1 - x) * (1 + x))",
          domain="-1 <= x <= 1 (derivative infinite at the ends)",
          samples=(-0.999, -0.3, 0.5, 0.9), derivative="-1/sqrt(1 - x^2)", numpy="arccos"),
    # x * f1 first: once x * x overflows (|x| > 1.3e154) f1 is 0 and x * f1 stays 0, where
    # -2 x would be -inf and -inf * 0 NaN; below, x * f1 ~ 1/x keeps f1 * f1 from
    # underflowing (x = 1e100: f1 * f1 = 1e-400 is 0, the part -2e-300 is not).
    unary("arctan", "atan(x)", "1.0 / (1.0 + x * x)", "-2.0 * (x * f1) * f1",
          taylor="ode: 1 / (1 + x * x)",
          domain=ALL_REALS, samples=(-40.0, -0.3, 0.8, 5.0), derivative="1/(1 + x^2)",
          numpy="arctan"),
    # --- hyperbolic ---
    unary("sinh", "sinh(x)", "cosh(x)", "f0",
          taylor="ode: h; f",
          domain=ALL_REALS, samples=ANYWHERE, derivative="cosh x", numpy="sinh"),
    unary("cosh", "cosh(x)", "sinh(x)", "f0",
          taylor="ode: h; f",
          domain=ALL_REALS, samples=ANYWHERE, derivative="sinh x", numpy="cosh"),
    # 1/cosh^2 rather than 1 - tanh^2: the latter rounds to 0 once tanh rounds to 1 (|x| > 19).
    unary("tanh", "tanh(x)", "1.0 / (c * c)", "-2.0 * f0 * f1", let="double c = cosh(x);",
          taylor="ode: 1 - f * f",
          domain=ALL_REALS, samples=(-25.0, -0.3, 0.8, 5.0), derivative="1/cosh^2 x",
          numpy="tanh"),
    # hypot avoids the overflow of 1 + x^2 for |x| > 1e154.
    unary("arcsinh", "asinh(x)", "1.0 / hypot(1.0, x)", "-x * f1 * f1 * f1",
          taylor="ode: 1 / sqrt(1 + x * x)",
          domain=ALL_REALS, samples=(-40.0, -0.3, 0.8, 1e5), derivative="1/sqrt(1 + x^2)",
          numpy="arcsinh"),
    # Two square roots rather than sqrt((x - 1)(x + 1)), whose product overflows from
    # x = 1.3e154 on (f1 = 1/x is then a normal double); sqrt is one instruction.
    unary("arccosh", "acosh(x)", "1.0 / (sqrt(x - 1.0) * sqrt(x + 1.0))", "-x * f1 * f1 * f1",
          taylor="ode: 1 / (sqrt(x - 1) * sqrt(x + 1))",
          domain="x >= 1 (derivative infinite at 1)", samples=(1.001, 1.5, 3.0, 1e5),
          derivative="1/sqrt(x^2 - 1)", numpy="arccosh"),
    unary("arctanh", "atanh(x)", "1.0 / ((1.0 - x) * (1.0 + x))", "2.0 * x * f1 * f1",
          taylor="ode: 1 / ((1 - x) * (1 + x))",
          domain="-1 < x < 1", samples=(-0.999, -0.3, 0.5, 0.9), derivative="1/(1 - x^2)",
          numpy="arctanh"),
    # --- special functions ---
    # e^(-x^2) = gauss * k (helpers.h): gauss stays normal where e^(-x^2) is subnormal
    # (|x| > 26.6) and f2 = -2 x f1 is not; x * gauss before the factor 2, which overflows at
    # x = 1.7e308.
    unary("erf", "erf(x)", "DN_2_SQRTPI * gauss * k", "-2.0 * (x * (DN_2_SQRTPI * gauss)) * k",
          let="double k; double gauss = dn_exp_neg_square_scaled(x, 1.0, &k);",
          taylor="ode: DN_2_SQRTPI * exp(-x * x)",
          domain=ALL_REALS, samples=(-2.5, -0.3, 0.7, 4.0), derivative="2/sqrt(pi) exp(-x^2)",
          scipy="erf"),
    unary("erfc", "erfc(x)", "-DN_2_SQRTPI * gauss * k", "2.0 * (x * (DN_2_SQRTPI * gauss)) * k",
          let="double k; double gauss = dn_exp_neg_square_scaled(x, 1.0, &k);",
          taylor="ode: -DN_2_SQRTPI * exp(-x * x)",
          domain=ALL_REALS, samples=(-2.5, -0.3, 0.7, 4.0),
          derivative="-2/sqrt(pi) exp(-x^2)", scipy="erfc"),
    # Below x = -171 Gamma is subnormal or 0 while f1, f2 may be normal (next to a pole,
    # psi is large): they are then Gamma(x) times psi terms in long double (helpers.h).
    unary("gamma", "tgamma(x)", "isnormal(f0) || !(x < 0.0) ? f0 * psi : dn_gamma_times(x, psi)",
          "isnormal(f0) || !(x < 0.0) ? f0 * poly : dn_gamma_times(x, poly)",
          let="double psi = dn_digamma(x); double poly = psi * psi + dn_trigamma(x);",
          taylor="ode: f * digamma(x)",
          domain="x not in {0, -1, -2, ...}", samples=(-2.5, 0.3, 1.7, 12.0),
          derivative="gamma(x) digamma(x)", scipy="gamma"),
    unary("lgamma", "dn_lgamma(x)", "dn_digamma(x)", "dn_trigamma(x)",
          taylor="points: dn_points_lgamma",
          domain="x not in {0, -1, -2, ...} (log of abs(gamma x))", samples=(-2.5, 0.3, 1.7, 120.0),
          derivative="digamma x", scipy="gammaln"),
    unary("digamma", "dn_digamma(x)", "dn_trigamma(x)", "dn_tetragamma(x)",
          taylor="points: dn_points_digamma",
          domain="x not in {0, -1, -2, ...}", samples=(-2.5, 0.3, 3.7, 120.0),
          derivative="trigamma x", scipy="digamma"),
    # 1/Gamma(x), entire: 0 at the poles of Gamma, with slope (-1)^n n! at x = -n; each part
    # from a form without cancellation where it has one (rgamma.h).
    unary("rgamma", "v0", "v1", "v2", let="double v0, v1, v2; dn_rgamma_jet(x, &v0, &v1, &v2);",
          taylor="ode: -f * digamma(x) | x0 < 10.0: dn_points_rgamma",
          domain=ALL_REALS + " (0 at x = 0, -1, -2, ...)", samples=(-2.5, 0.3, 1.7, 12.0),
          derivative="-rgamma(x) digamma(x)", scipy="rgamma"),
    # --- scipy.special: the normal distribution, inverse Gaussian integrals, logits ---
    # Phi(x) = erfc(-x/sqrt 2)/2 (DLMF 7.18.2), Phi' = phi, phi' = -x phi (helpers.h: both
    # divided by k, so that the lower tail keeps its ulps past the underflow of Phi alone).
    unary("ndtr", "cdf * k", "pdf * k", "-(x * pdf) * k",
          let="double cdf, pdf, k; dn_normal_scaled(x, &cdf, &pdf, &k);",
          taylor="ode: 0.5 * DN_2_SQRTPI * DN_SQRT1_2 * exp(-0.5 * x * x)",
          domain=ALL_REALS, samples=(-6.0, -0.3, 0.8, 4.0),
          derivative="phi(x) = exp(-x^2/2)/sqrt(2 pi)", scipy="ndtr"),
    # log Phi(x): its second derivative -f1 (x + f1) cancels in the lower tail, where the
    # parts come from Laplace's continued fraction of Mills' ratio (log_ndtr.h); the Taylor
    # coefficients past 2 below x0 = 1 from Cauchy's integral (taylor_cauchy.h: there the
    # recurrence loses up to x0^2 / 4 per order).
    unary("log_ndtr", "v0", "v1", "v2",
          let="double v0, v1, v2; dn_log_ndtr_jet(x, &v0, &v1, &v2);",
          taylor="ode: h; -h * (x + h)"
                 " | x0 < 1.0 && d >= 3 && isfinite(x0): dn_sp_points_log_ndtr",
          domain=ALL_REALS, samples=(-40.0, -0.3, 0.8, 6.0),
          derivative="phi(x)/Phi(x) (the inverse of Mills' ratio for x < 0)", scipy="log_ndtr"),
    # Values: SciPy's kernels (scipy_special.h). Derivatives 1/G'(x) of the inverse of a
    # Gaussian integral G (DLMF 7.17.2), at x corrected by a Newton step (special_scipy.h:
    # G' is too steep to take at the rounded x); second derivatives -G''/G'^3 = x f1^2
    # (ndtri), 2 x f1^2 (erfinv, erfcinv).
    unary("ndtri", "dn_sp_ndtri(x)", "dn_ndtri_slope(x, f0)", "(f0 * f1) * f1",
          taylor="ode: 2 / (DN_2_SQRTPI * DN_SQRT1_2) * exp(0.5 * f * f)",
          domain="0 < x < 1 (derivative infinite at the ends)", samples=(1e-20, 0.3, 0.5, 0.9),
          derivative="sqrt(2 pi) exp(ndtri(x)^2/2)", scipy="ndtri"),
    unary("erfinv", "dn_sp_erfinv(x)", "dn_erfinv_slope(x, f0)", "2.0 * ((f0 * f1) * f1)",
          taylor="ode: 1 / DN_2_SQRTPI * exp(f * f)",
          domain="-1 < x < 1 (derivative infinite at the ends)", samples=(-0.9, 0.3, 0.5, 0.99),
          derivative="sqrt(pi)/2 exp(erfinv(x)^2)", scipy="erfinv"),
    unary("erfcinv", "dn_sp_erfcinv_value(x)", "dn_sp_erfcinv_slope(x, f0)",
          "2.0 * ((f0 * f1) * f1)",
          taylor="ode: -1 / DN_2_SQRTPI * exp(f * f)",
          domain="0 < x < 2 (derivative infinite at the ends)", samples=(1e-20, 0.3, 1.5, 1.99),
          derivative="-sqrt(pi)/2 exp(erfcinv(x)^2)", scipy="erfcinv"),
    # logit(x) = log(x/(1 - x)); next to x = 1/2, where the quotient is near 1, as
    # log1p((2x - 1)/(1 - x)) (2x - 1 exact). f1 = 1/(x(1 - x)) in two quotients: the product
    # is subnormal below x = 2.2e-308, where 1/x is still a normal double.
    unary("logit",
          "fabs(x - 0.5) < 0.25 ? log1p((2.0 * x - 1.0) / (1.0 - x)) : log(x / (1.0 - x))",
          "(1.0 / x) / (1.0 - x)", "((2.0 * x - 1.0) * f1) * f1",
          taylor="ode: 1 / (x * (1 - x))",
          domain="0 < x < 1", samples=(1e-5, 0.3, 0.6, 0.99),
          derivative="1/(x (1 - x))", scipy="logit"),
    # log(sigmoid x) = -softplus(-x); its derivatives 1 - sigmoid(x) and -sigmoid (1 - sigmoid)
    # from the sigmoid pair without cancellation (helpers.h).
    unary("log_expit", "-(fmax(-x, 0.0) + log1p(exp(-fabs(x))))", "sm", "-s * sm",
          let="double s, sm; dn_sigmoid_pair(x, &s, &sm);",
          taylor="ode: sigmoid(-x)",
          domain=ALL_REALS, samples=(-30.0, -0.3, 0.8, 30.0),
          derivative="1 - sigmoid(x)", scipy="log_expit"),
    # entr(x) = -x log x, 0 at 0 (SciPy's convention; -inf below). Next to x = 1/e, where
    # log x + 1 cancels, f1 = -log(e x) = -log1p(e (x - 1/e)), x - 1/e in two exact steps.
    unary("entr", "x < 0.0 ? -INFINITY : (x == 0.0 ? 0.0 : -x * log(x))",
          "x >= 0.25 && x <= 0.5 ? -log1p(DN_E * ((x - DN_1_E) - DN_1_E_LO)) : -(log(x) + 1.0)",
          "-1.0 / x",
          taylor="-x * log(x)",
          domain="x >= 0 (x = 0: value 0, derivative +inf)", samples=(1e-5, 0.3, 0.6, 7.0),
          derivative="-(log x + 1)", scipy="entr"),
    # --- scipy.special: modified Bessel functions of orders 0 and 1 (special_scipy.h) ---
    unary("i0", "d0", "d1", "d2",
          let="double d0, d1, d2; dn_sp_bessel_i(x, 0, &d0, &d1, &d2);",
          taylor="ode: h; -h / x + f | fabs(x0) < 10.0: dn_points_i0",
          domain=ALL_REALS, samples=(-2.5, -0.3, 0.7, 30.0), derivative="i1(x)", scipy="i0"),
    unary("i1", "d0", "d1", "d2",
          let="double d0, d1, d2; dn_sp_bessel_i(x, 1, &d0, &d1, &d2);",
          taylor="ode: h; -h / x + (1 + 1 / (x * x)) * f | fabs(x0) < 10.0: dn_points_i1",
          domain=ALL_REALS, samples=(-2.5, -0.3, 0.7, 30.0),
          derivative="(i0(x) + iv(2, x))/2", scipy="i1"),
    # --- scipy.special: the modified Bessel function of any real order v, in x (bessel_i.h:
    # dualnum's own series and expansion in long double; SciPy's ive beyond |v| = 40) ---
    unary("iv", "d0", "d1", "d2",
          let="double d0, d1, d2; dn_sp_bessel_iv(x, p, &d0, &d1, &d2);", param=("v", 0.0),
          taylor="ode: h; -h / x + (1 + p * p / (x * x)) * f | fabs(x0) < 10.0: dn_points_iv",
          domain=ALL_REALS + " for an integer v, x >= 0 otherwise",
          samples=(0.3, 1.7, 4.0, 12.5), derivative="iv(v + 1, x) + (v/x) iv(v, x)",
          scipy="iv"),
    # e^-|x| I_v(x) (special_scipy.h: where its derivatives' terms cancel, the expansion
    # differentiated term by term); the kink of e^-|x| at 0 for v = 0 (slopes +1, -1). Taylor
    # coefficients: the point's power series below |x| = 5, Cauchy's integral from there
    # (taylor_cauchy.h: the recurrence loses about 2|x0| / k at order k).
    unary("ive", "d0", "d1", "d2",
          let="double d0, d1, d2; dn_sp_bessel_ive(x, p, &d0, &d1, &d2);", param=("v", 0.0),
          below="x == 0.0 && p == 0.0 ? 1.0 : 0.0", above="x == 0.0 && p == 0.0 ? -1.0 : 0.0",
          taylor="ode: h; -copysign(1.0, x0) * h - (copysign(1.0, x0) + 1 / x)"
                 " * (h + copysign(1.0, x0) * f) + (1 + p * p / (x * x)) * f"
                 " | fabs(x0) < 5.0 || dn_ive_on_circle(x0, d): dn_sp_points_ive",
          domain=ALL_REALS + " for an integer v, x >= 0 otherwise (v = 0 and 1: kink at 0, "
          "second derivative NaN)",
          samples=(0.3, 1.7, 4.0, 30.0), derivative="ive(v + 1, x) + (v/x - sign x) ive(v, x)",
          scipy="ive"),
    # K_v of any real order, x > 0 (bessel_k.h: Temme's series and continued fraction in long
    # double, the order raised by recurrence; SciPy's kve is 206 ulps off at kve(0.2, 1.7)
    # and inf below x = 1e-303); SciPy's kve beyond v = 1000.
    unary("kv", "d0", "d1", "d2",
          let="double d0, d1, d2; dn_sp_bessel_kv(x, p, &d0, &d1, &d2);", param=("v", 0.0),
          taylor="ode: h; -h / x + (1 + p * p / (x * x)) * f",
          domain="x > 0 (x = 0: +inf)", samples=(0.3, 1.7, 4.0, 30.0),
          derivative="-kv(v - 1, x) - (v/x) kv(v, x)", scipy="kv"),
    # --- scipy.special: Bessel functions of the first and second kind (bessel_jy.h) ---
    # Values by Hankel's expansion from x = 20 (DLMF 10.17.3, with the phase from cos x and
    # sin x: exact at any x), below by the power series in double-double (10.2.2, 10.8.1);
    # derivatives by C_v' = (v/x) C_v - C_(v+1) (10.6.2) and Bessel's equation (10.2.1), or
    # the series term by term. Next to a zero of a part, that part is accurate to a few ulps
    # of the envelope sqrt(2/(pi x)) rather than of itself (README, Limitations).
    bessel("j0", "0.0", 0, taylor="ode: h; -h / x - f | fabs(x0) < 5.0: dn_points_j0",
           domain=ALL_REALS, samples=(-2.5, -0.3, 0.7, 30.0),
           derivative="-j1(x)"),
    bessel("j1", "1.0", 0,
           taylor="ode: h; -h / x - (1 - 1 / (x * x)) * f | fabs(x0) < 5.0: dn_points_j1",
           domain=ALL_REALS, samples=(-2.5, -0.3, 0.7, 30.0),
           derivative="j0(x) - j1(x)/x"),
    bessel("y0", "0.0", 1, taylor="ode: h; -h / x - f",
           domain=X_POSITIVE, samples=BESSEL_SAMPLES, derivative="-y1(x)"),
    bessel("y1", "1.0", 1, taylor="ode: h; -h / x - (1 - 1 / (x * x)) * f",
           domain=X_POSITIVE, samples=BESSEL_SAMPLES,
           derivative="y0(x) - y1(x)/x"),
    # The order v is a constant (SciPy's first argument); where neither method reaches full
    # precision (|v| > 50 below x = 20; |v| > 12 or so and x below about v^2/10) the values
    # are SciPy's (AMOS), with the derivatives as above.
    bessel("jv", "p", 0,
           taylor="ode: h; -h / x - (1 - p * p / (x * x)) * f | fabs(x0) < 5.0: dn_points_jv",
           domain="x >= 0, all real x for an integer v", samples=BESSEL_SAMPLES,
           derivative="(v/x) jv(v, x) - jv(v + 1, x)"),
    bessel("yv", "p", 1, taylor="ode: h; -h / x - (1 - p * p / (x * x)) * f",
           domain=X_POSITIVE + " for v >= 0", samples=BESSEL_SAMPLES,
           derivative="(v/x) yv(v, x) - yv(v + 1, x)"),
    # --- scipy.special: the regularised incomplete gamma and beta functions in x, their
    # parameters first as in SciPy (incomplete.h: derivatives the integrands, from long
    # double logarithms; values of P and Q up to a = 1000 a series and a continued fraction
    # times the same long double prefactor, as SciPy's lose hundreds of ulps (Q(0.5, 700));
    # I SciPy's kernel, but where it loses accuracy). Their Taylor series: the integrand's
    # powers of x / x0 and (1 - x) / (1 - x0) by the power recurrence (one term per order for
    # x0 + t: no cancellation, and exactly 0 past an integer exponent), the rest a constant;
    # exp((a - 1) log x) cancelled x0^-k per order (1e10 off at order 20 at x0 = 0.05) ---
    unary("gammainc", "dn_sp_gammainc_p(p, x)", "s1", "s2",
          let="double s1, s2; dn_gammainc_slopes(p, x, &s1, &s2);", param=("a", 1.0),
          taylor="ode: (x / x0) ** (p - 1) * exp((p - 1) * log(x0) - x - dn_lgamma(p))",
          domain="x >= 0, a > 0", samples=(0.3, 1.7, 4.0, 12.0),
          derivative="x^(a-1) e^(-x) / gamma(a)", scipy="gammainc"),
    unary("gammaincc", "dn_sp_gammainc_q(p, x)", "-s1", "-s2",
          let="double s1, s2; dn_gammainc_slopes(p, x, &s1, &s2);", param=("a", 1.0),
          taylor="ode: -(x / x0) ** (p - 1) * exp((p - 1) * log(x0) - x - dn_lgamma(p))",
          domain="x >= 0, a > 0", samples=(0.3, 1.7, 4.0, 12.0),
          derivative="-x^(a-1) e^(-x) / gamma(a)", scipy="gammaincc"),
    unary("betainc", "dn_sp_betainc(p, q, x)", "s1", "s2",
          let="double s1, s2; dn_betainc_slopes(p, q, x, &s1, &s2);",
          param=(("a", 1.0), ("b", 1.0)),
          taylor="ode: (x / x0) ** (p - 1) * ((1 - x) / (1 - x0)) ** (q - 1)"
                 " * exp((p - 1) * log(x0) + (q - 1) * log1p(-x0) - dn_lgamma(p) - dn_lgamma(q)"
                 " + dn_lgamma(p + q)) | x0 == 0.0: dn_points_betainc_zero",
          domain="0 <= x <= 1, a > 0, b > 0", samples=(0.1, 0.3, 0.6, 0.9),
          derivative="x^(a-1) (1-x)^(b-1) / beta(a, b)", scipy="betainc"),
    # --- scipy.special.polygamma(n, x), the order n first (a Python function, not a ufunc:
    # SCIPY_FUNCTIONS below; dualnum.arrays.scipy_routes routes it): psi^(n), psi^(n+1),
    # psi^(n+2) from dualnum's Hurwitz zeta, reflected below 0 (polygamma.h) ---
    unary("polygamma", "d0", "d1", "d2",
          let="double d0, d1, d2; dn_polygamma_jet(p, x, &d0, &d1, &d2);", param=("n", 0.0),
          taylor="points: dn_points_polygamma",
          domain="x not in {0, -1, -2, ...}, n = 0, 1, 2, ... (else NaN)",
          samples=(-2.5, 0.3, 1.7, 12.0), derivative="polygamma(n + 1, x)",
          scipy="polygamma"),
    # --- activation functions ---
    # s = 1/(1 + e^-x), sm = 1 - s and gap = sm - s, each without cancellation (helpers.h):
    # sm - s itself would be 0 for |x| < 1e-17 (f2 = -x/8 is not).
    unary("sigmoid", "s", "s * sm", "f1 * gap",
          let="double s, sm, gap; dn_sigmoid_jet(x, &s, &sm, &gap);",
          taylor="ode: f * (1 - f)",
          domain=ALL_REALS, samples=(-30.0, -0.3, 0.8, 30.0),
          derivative="sigmoid(x) (1 - sigmoid(x))", scipy="expit"),
    unary("softplus", "fmax(x, 0.0) + log1p(exp(-fabs(x)))", "s", "s * sm",
          let="double s, sm; dn_sigmoid_pair(x, &s, &sm);",
          taylor="ode: sigmoid(x)",
          domain=ALL_REALS, samples=(-30.0, -0.3, 0.8, 30.0), derivative="sigmoid x"),
    unary("relu", "x > 0.0 ? x : (x < 0.0 ? 0.0 : x * 0.0)", RELU.slope, "x == 0.0 ? NAN : 0.0",
          below=RELU.below, above=RELU.above,
          taylor="kink: 0.0, 1.0",
          domain=ALL_REALS + " (kink at 0: derivative 1/2, second derivative NaN)",
          samples=(-2.5, -0.3, 0.7, 3.1),
          derivative="0 for x < 0, 1 for x > 0"),
    unary("leaky_relu", "x > 0.0 ? x : p * x", LEAKY_RELU.slope,
          "x == 0.0 && p != 1.0 ? NAN : 0.0", param=("alpha", 0.01),
          below=LEAKY_RELU.below, above=LEAKY_RELU.above,
          taylor="kink: p, 1.0",
          domain=ALL_REALS + " (kink at 0: derivative (1 + alpha)/2, second derivative NaN)",
          samples=(-2.5, -0.3, 0.7, 3.1), derivative="alpha for x < 0, 1 for x > 0"),
    # gelu(x) = x Phi(x) with the exact normal CDF and density, both divided by k (helpers.h:
    # accurate down to the underflow of each part, past that of Phi and the density alone);
    # x * k first, exact, where the scaled CDF of the upper tail (2^600) would overflow x * cdf;
    # 2 - x^2 by fma, exact next to its root sqrt(2); a density of 0 (|x| > 54) gives 0.
    # NumPy's normalised sinc, sin(pi x)/(pi x), with its power series next to 0 and an
    # exact reduction of pi x (helpers.h: dn_sinc_jet).
    unary("sinc", "v0", "v1", "v2", let="double v0, v1, v2; dn_sinc_jet(x, &v0, &v1, &v2);",
          taylor="sin(DN_PI * x) / (DN_PI * x) | fabs(x0) <= 2.0: dn_points_sinc",
          domain=ALL_REALS + " (x = 0: value 1)", samples=(-2.7, -0.3, 0.2, 1.6),
          derivative="(cos(pi x) - sinc x)/x"),
    unary("gelu", "(x * k) * cdf", "(cdf + x * pdf) * k",
          "pdf == 0.0 ? 0.0 : pdf * fma(-x, x, 2.0) * k",
          let="double cdf, pdf, k; dn_normal_scaled(x, &cdf, &pdf, &k);",
          taylor="x * ndtr(x)",
          domain=ALL_REALS, samples=(-6.0, -0.3, 0.8, 4.0), derivative="Phi(x) + x phi(x)"),
    # --- piecewise ---
    unary("absolute", "fabs(x)", ABSOLUTE.slope, "x == 0.0 ? NAN : 0.0",
          below=ABSOLUTE.below, above=ABSOLUTE.above,
          taylor="kink: -1.0, 1.0",
          domain=ALL_REALS + " (kink at 0: derivative 0, second derivative NaN)",
          samples=(-2.5, -0.3, 0.7, 3.1),
          derivative="sign x", numpy="absolute"),
    unary("sign", "x > 0.0 ? 1.0 : (x < 0.0 ? -1.0 : x)", "0.0", "0.0",
          taylor="jump",
          domain=ALL_REALS + " (jump at 0: derivative 0)", samples=(-2.5, -0.3, 0.7, 3.1),
          derivative="0", numpy="sign"),
    unary("floor", "floor(x)", "0.0", "0.0",
          taylor="jump",
          domain=ALL_REALS + " (jumps at integers: derivative 0)",
          samples=(-2.5, -0.3, 0.7, 3.1), derivative="0", numpy="floor"),
    unary("ceil", "ceil(x)", "0.0", "0.0",
          taylor="jump",
          domain=ALL_REALS + " (jumps at integers: derivative 0)",
          samples=(-2.5, -0.3, 0.7, 3.1), derivative="0", numpy="ceil"),
    unary("rint", "rint(x)", "0.0", "0.0",
          taylor="jump",
          domain=ALL_REALS + " (nearest integer, ties to even; jumps at half-integers: "
          "derivative 0)", samples=(-2.7, -0.3, 0.7, 3.1), derivative="0", numpy="rint"),
    unary("trunc", "trunc(x)", "0.0", "0.0",
          taylor="jump",
          domain=ALL_REALS + " (towards 0; jumps at the integers but 0: derivative 0)",
          samples=(-2.5, -0.3, 0.7, 3.1), derivative="0", numpy="trunc"),
    # --- the powers behind `**` with one constant operand (p) ---
    # p == 0 and p == 1 are spelled out so that 0 * pow(0, -1) does not make a NaN; p == 2
    # (x**2, the most common power) skips the pow calls and gives the square rule's bits.
    # The derivatives come from the value, p x^(p-1) = p f0 / x (helpers.h: dn_mul_div), one
    # pow call in all: pow(x, p - 1) would be off by |log x| ulps where p - 1 rounds (p = 1/3,
    # x = 1e300: 170 ulps). Where f0 (or f1) is not a normal double the power itself is
    # taken, from halves (dn_pow_times), so a part that is finite stays finite.
    unary("power_constant_exponent", "p == 2.0 ? x * x : pow(x, p)",
          "p == 2.0 ? 2.0 * x : (p == 0.0 ? 0.0 : (isnormal(f0) ? dn_mul_div(p, f0, x)"
          " : dn_pow_times(x, p, 1.0, p)))",
          "p == 2.0 ? 2.0 : ((p == 0.0 || p == 1.0) ? 0.0 : (isnormal(f1)"
          " ? dn_mul_div(p - 1.0, f1, x) : dn_pow_times(x, p, 2.0, p * (p - 1.0))))",
          param=("p", 2.0), public=False,
          taylor="power",
          domain="x ** p", samples=(0.3, 1.7, 4.0), derivative="p x^(p-1)"),
    # A zero value (0 ** x, x > 0) is flat in x: no 0 * log(0) NaN. Where p^x overflows or
    # is subnormal, p^x log p may still be a normal double: dn_pow_times (helpers.h).
    unary("power_constant_base", "pow(p, x)",
          "f0 == 0.0 ? 0.0 : (isnormal(f0) ? f0 * lp : dn_pow_times(p, x, 0.0, lp))",
          "f0 == 0.0 ? 0.0 : (isnormal(f0) ? f1 * lp : dn_pow_times(p, x, 0.0, lp * lp))",
          let="double lp = log(p);",
          param=("p", 2.0), public=False,
          taylor="ode: log(p) * f",
          domain="p ** x", samples=(-1.5, 0.3, 2.7), derivative="p^x ln p"),
]

BINARY = [
    # --- the products behind `*` and `/`: the chain rule of a two-argument function ---
    binary("multiply", "x * y", "y", "x", "0.0", "1.0", "0.0", public=False,
           taylor="x * y",
           domain="all real x, y", samples=((0.4, 2.5), (-1.7, -0.6), (3.0, -1.3)),
           derivative="y, x"),
    # -x/y^2 as -f/y: f * (1/y) while f = x/y is a normal double, with y scaled by c = 2^64
    # below 2^-960 (so that a subnormal y, whose 1/y overflows, still gives -x/y^2 where it
    # is finite); where f is subnormal (x tiny), as -x (1/y)^2, whose factor cannot overflow
    # then (|y| > 2^-52 |x| / DBL_MIN); fyy = 2x/y^3 alike.
    # A zero x (f = 0) gives fy = -0/y, fyy = 0 with no 0 * inf on the way.
    binary("divide", "x / y", "rc * c",
           "isnormal(f) || f == 0.0 ? -(f * rc) * c : -x * (rc * c * (rc * c))",
           "0.0", "-fx * fx",
           "isnormal(fy) ? -2.0 * fy * fx : (x == 0.0 ? -fy : 2.0 * (x * (fx * fx * fx)))",
           let="double c = fabs(y) < 0x1p-960 ? 0x1p64 : 1.0; double rc = 1.0 / (y * c);",
           taylor="x / y | exact y0 == 0.0: dn_exact_divide",
           public=False, domain="y != 0", samples=((0.4, 2.5), (-1.7, -0.6), (3.0, -1.3)),
           derivative="1/y, -x/y^2"),
    # fy, fxy, fyy carry log(x): at x = 0 (value 0) their limits are 0, not 0 * inf.
    # As for power_constant_exponent, x^(y-1) is f / x while f is a normal double, and the
    # powers are taken from halves (dn_pow_times) where f is not.
    binary("power", "pow(x, y)",
           "y == 0.0 ? 0.0 : (isnormal(f) ? dn_mul_div(y, f, x) : dn_pow_times(x, y, 1.0, y))",
           "f == 0.0 ? 0.0 : (isnormal(f) ? f * lx : dn_pow_times(x, y, 0.0, lx))",
           "(y == 0.0 || y == 1.0) ? 0.0 : (isnormal(fx) ? dn_mul_div(y - 1.0, fx, x)"
           " : dn_pow_times(x, y, 2.0, y * (y - 1.0)))",
           "(x == 0.0 && y > 1.0) ? 0.0 : (isnormal(f) ? dn_mul_div(f, fma(y, lx, 1.0), x)"
           " : dn_pow_times(x, y, 1.0, fma(y, lx, 1.0)))",
           "f == 0.0 ? 0.0 : (isnormal(f) ? fy * lx : dn_pow_times(x, y, 0.0, lx * lx))",
           let="double lx = log(x);",
           taylor="exp(y * log(x))",
           domain="x > 0, or any x with a constant integer y",
           samples=((0.4, 2.5), (1.7, -0.6), (3.0, 1.3)), derivative="y x^(y-1), x^y ln x",
           numpy="power"),
    # The partials (helpers.h) as monomials in x, y and 1/r, so that neither x^2 + y^2 nor a
    # quotient on the way (y/r where y << r, y/r^2 being normal) overflows or underflows.
    binary("arctan2", "part.f", "part.fx", "part.fy", "part.fxx", "part.fxy", "part.fyy",
           let="dn_jet2 part = dn_arctan2_partials(x, y);",
           taylor="ode: y / (x * x + y * y); -x / (x * x + y * y)",
           domain="(x, y) != (0, 0)",
           samples=((0.4, 2.5), (-1.7, -0.6), (3.0, -1.3)),
           derivative="y/(x^2+y^2), -x/(x^2+y^2)", numpy="arctan2"),
    # At the origin (a cone point) the partials are 0, as for absolute at 0, and no second
    # derivative exists; elsewhere the partials as for arctan2 (helpers.h).
    binary("hypot", "part.f", "part.fx", "part.fy", "part.fxx", "part.fxy", "part.fyy",
           let="dn_jet2 part = dn_hypot_partials(x, y);",
           origin="x == 0.0 && y == 0.0 ? 1.0 : 0.0",
           taylor="ode: x / f; y / f | exact x0 == 0.0 && y0 == 0.0: dn_exact_hypot",
           domain="all real x, y (origin: derivative 0, second derivatives NaN)",
           samples=((0.4, 2.5), (-1.7, -0.6), (3.0, -1.3)),
           derivative="x/hypot, y/hypot", numpy="hypot"),
    # sx = 1/(1 + e^(y-x)), sy = 1 - sx, both without cancellation; a tie has partials 1/2
    # (x == y covers +-inf, where x - y is NaN), and adds log 2 in two parts, so that
    # x + log 2 keeps its ulps where it cancels (x = -0.7). Elsewhere the value is accurate
    # to ulps of max(x, y), not of itself, next to the curve e^x + e^y = 1 where it is 0.
    binary("logaddexp",
           "x == y ? x + DN_LN2 + DN_LN2_LO : fmax(x, y) + log1p(exp(-fabs(x - y)))",
           "x == y ? 0.5 : sx", "x == y ? 0.5 : sy", "fx * fy", "-fx * fy", "fx * fy",
           let="double sx, sy; dn_sigmoid_pair_of_difference(x, y, &sx, &sy);",
           taylor="ode: exp(x - f); exp(y - f)",
           domain="all real x, y", samples=((0.4, 2.5), (-1.7, -0.6), (30.0, -1.3)),
           derivative="sigmoid(x - y), sigmoid(y - x)", numpy="logaddexp"),
    binary("maximum", "x > y ? x : (x < y ? y : (x == y ? x : x + y))",
           MAXIMUM.slope, "dn_kink(y, x, 0.0, 1.0)", "x == y ? NAN : 0.0", "fxx", "fxx",
           tie=MAXIMUM.jump,
           taylor="larger",
           domain="all real x, y (tie: derivative 1/2 each, second derivatives NaN)",
           samples=((0.4, 2.5), (-1.7, -0.6), (3.0, -1.3)),
           derivative="1 where x wins, 0 where y wins", numpy="maximum"),
    binary("minimum", "x < y ? x : (x > y ? y : (x == y ? x : x + y))",
           MINIMUM.slope, "dn_kink(y, x, 1.0, 0.0)", "x == y ? NAN : 0.0", "fxx", "fxx",
           tie=MINIMUM.jump,
           taylor="smaller",
           domain="all real x, y (tie: derivative 1/2 each, second derivatives NaN)",
           samples=((0.4, 2.5), (-1.7, -0.6), (3.0, -1.3)),
           derivative="1 where x wins, 0 where y wins", numpy="minimum"),
    # log2(2^x + 2^y) as logaddexp: the partials are base-2 sigmoids of x - y with its
    # rounding error put back (helpers.h); a tie adds 1 exactly. Elsewhere the value is
    # accurate to ulps of max(x, y), not of itself, next to the curve 2^x + 2^y = 1.
    binary("logaddexp2",
           "x == y ? x + 1.0 : fmax(x, y) + log1p(exp2(-fabs(x - y))) / DN_LN2",
           "x == y ? 0.5 : sx", "x == y ? 0.5 : sy", "DN_LN2 * (fx * fy)", "-fxx", "fxx",
           let="double sx, sy; dn_sigmoid2_pair_of_difference(x, y, &sx, &sy);",
           taylor="ode: exp(DN_LN2 * (x - f)); exp(DN_LN2 * (y - f))",
           domain="all real x, y", samples=((0.4, 2.5), (-1.7, 0.6), (30.0, -1.3)),
           derivative="1/(1 + 2^(y - x)), 1/(1 + 2^(x - y))", numpy="logaddexp2"),
    # x - q y with q = trunc(x / y), an integer that jumps (derivative 0, as floor): taken
    # from the exact remainder, (x - f) / y rounded to the integer it is (rint), so that it
    # is exact wherever q is below 2^53.
    binary("fmod", "fmod(x, y)", "1.0", "-rint((x - f) / y)", "0.0", "0.0", "0.0",
           taylor="x + fy * y",
           domain="y != 0 (sign of x; jumps where x/y is an integer: derivative of x - q y "
           "for the integer quotient q)", samples=((2.5, 0.4), (-1.7, 0.6), (3.0, -1.3)),
           derivative="1, -trunc(x/y)", numpy="fmod"),
    # --- scipy.special: x log y and x log(1 + y), 0 where x = 0 (SciPy's convention, also
    # at y = 0); x/y^2 without a spurious overflow or underflow of y^2 (special_scipy.h) ---
    binary("xlogy", "x == 0.0 && !isnan(y) ? 0.0 : x * log(y)", "log(y)",
           "x == 0.0 ? 0.0 : x / y", "0.0", "1.0 / y",
           "x == 0.0 ? 0.0 : -dn_div_square(x, y)",
           taylor="x * log(y)",
           domain="y > 0 (x = 0: value 0)", samples=((0.4, 2.5), (-1.7, 0.6), (3.0, 1.3)),
           derivative="log y, x/y", scipy="xlogy"),
    binary("xlog1py", "x == 0.0 && !isnan(y) ? 0.0 : x * log1p(y)", "log1p(y)",
           "x == 0.0 ? 0.0 : x / (1.0 + y)", "0.0", "1.0 / (1.0 + y)",
           "x == 0.0 ? 0.0 : -dn_div_square(x, 1.0 + y)",
           taylor="x * log1p(y)",
           domain="y > -1 (x = 0: value 0)", samples=((0.4, 2.5), (-1.7, -0.6), (3.0, 1e-9)),
           derivative="log(1 + y), x/(1 + y)", scipy="xlog1py"),
    # --- scipy.special: the beta function and the log of its absolute value; the partials
    # from psi(a) - psi(a + b) and psi'(a) - psi'(a + b) without cancellation where both
    # arguments are positive, B from rgamma at a + b (0 at its poles), SciPy's values at the
    # poles of Gamma(a) and Gamma(b) (beta.h) ---
    binary("beta", "part.f", "part.fx", "part.fy", "part.fxx", "part.fxy", "part.fyy",
           let="dn_jet2 part = dn_beta_jet(x, y);",
           taylor="ode: f * (digamma(x) - digamma(x + y)); f * (digamma(y) - digamma(x + y))"
           " | exact x0 + y0 < 0.5 && fabs(x0 + y0 - rint(x0 + y0)) < 0.25"
           " && fabs(x0) < 100.0 && fabs(y0) < 100.0: dn_exact_beta",
           domain="x, y not in {0, -1, -2, ...} (0 where x + y is: derivatives from "
           "rgamma's)", samples=((0.4, 2.5), (-1.7, 0.6), (3.0, 1.3)),
           derivative="B (psi(x) - psi(x+y)), B (psi(y) - psi(x+y))", scipy="beta"),
    binary("betaln", "part.f", "part.fx", "part.fy", "part.fxx", "part.fxy", "part.fyy",
           let="dn_jet2 part = dn_betaln_jet(x, y);",
           taylor="ode: digamma(x) - digamma(x + y); digamma(y) - digamma(x + y)",
           domain="x, y, x + y not in {0, -1, -2, ...} (log of abs(beta))",
           samples=((0.4, 2.5), (-1.7, 0.6), (3.0, 1.3)),
           derivative="psi(x) - psi(x+y), psi(y) - psi(x+y)", scipy="betaln"),
]

# scipy.special names of rules that are Python functions there, not ufuncs: SciPy's function
# is wrapped (dualnum.arrays.scipy_routes) rather than dispatched through __array_ufunc__.
SCIPY_FUNCTIONS = {"polygamma"}


def _arguments(rule):
    """The arguments of a rule's function as the README shows them: x alone, x then its
    parameters with their defaults, or SciPy's order (the parameters first, then x)."""
    if rule.params and rule.scipy:
        return [name for name, _ in rule.params] + ["x"]
    return ["x"] + ["%s=%r" % pair for pair in rule.params]


def markdown_table():
    """The function table of the README, rendered from the rules above."""
    lines = ["| function | derivative | domain and conventions |", "|---|---|---|"]
    for r in UNARY:
        if r.public:
            call = "%s(%s)" % (r.name, ", ".join(_arguments(r)))
            lines.append("| `%s` | %s | %s |" % (call, r.derivative, r.domain))
    for r in BINARY:
        if r.public:
            lines.append("| `%s(x, y)` | %s | %s |" % (r.name, r.derivative, r.domain))
    return "\n".join(lines)
