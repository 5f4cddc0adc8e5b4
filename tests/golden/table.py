"""A small fixed rule table for the generator's golden test (tests/test_generate.py).

Each entry stands for one path through src/generate.py and the templates; expected/ holds
what they render from it. The format is dualnum/rules.py's, whose constructors are loaded by
path as the build loads the table (nothing needs to be compiled or installed).
"""
import os
import runpy

_RULES = runpy.run_path(os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir,
                                     os.pardir, "dualnum", "rules.py"))
unary, binary, kink = _RULES["unary"], _RULES["binary"], _RULES["kink"]
ABSOLUTE, MAXIMUM = kink("x", "0.0", "-1.0", "1.0"), kink("x", "y", "0.0", "1.0")

UNARY = [
    # a NumPy twin with a `let` temporary
    # ... and a Taylor kernel from an ODE in its derivative (src/taylor_compile.py)
    unary("tanh", "tanh(x)", "1.0 / (c * c)", "-2.0 * f0 * f1", let="double c = cosh(x);",
          taylor="ode: 1 - f * f",
          domain="all real x", samples=(-25.0, 0.8), derivative="1/cosh^2 x", numpy="tanh"),
    # a twin whose C function has another name in NumPy (asin -> arcsin)
    unary("arcsin", "asin(x)", "1.0 / sqrt((1.0 - x) * (1.0 + x))", "x * f1 * f1 * f1",
          domain="-1 <= x <= 1", samples=(-0.3, 0.5), derivative="1/sqrt(1 - x^2)",
          numpy="arcsin"),
    # a twin that uses a constant of constants.h
    unary("log2", "log2(x)", "1.0 / (DN_LN2 * x)", "-f1 / x",
          domain="x > 0", samples=(0.3, 2.0), derivative="1/(x ln 2)", numpy="log2"),
    # NumPy could evaluate it, but only sqrt is called, which the C loop inlines: no twin
    # ... and the whole-series Taylor kernel with leading zeros
    unary("sqrt", "sqrt(x)", "0.5 / f0", "-0.5 * f1 / x", taylor="sqrt",
          domain="x >= 0", samples=(0.3, 2.0), derivative="1/(2 sqrt x)", numpy="sqrt"),
    # a parameter: NumPy could evaluate these expressions, but twins are called without p
    unary("scaled_exp", "exp(p * x)", "p * f0", "p * f1", param=("rate", 1.0),
          domain="all real x", samples=(-1.2, 0.5), derivative="rate exp(rate x)"),
    # a helper of helpers.h: no twin; a SciPy ufunc
    # ... a Taylor ODE through exp, with a constant of constants.h
    unary("erf", "erf(x)", "DN_2_SQRTPI * dn_exp_neg_square(x, 1.0)", "-2.0 * x * f1",
          taylor="ode: DN_2_SQRTPI * exp(-x * x)",
          domain="all real x", samples=(-0.3, 0.7), derivative="2/sqrt(pi) exp(-x^2)",
          scipy="erf"),
    # a value from SciPy's kernels (dn_sp_...): its function and method load them first
    unary("ndtri", "dn_sp_ndtri(x)", "dn_ndtri_slope(x, f0)", "(f0 * f1) * f1",
          domain="0 < x < 1", samples=(0.3, 0.9), derivative="sqrt(2 pi) exp(ndtri(x)^2/2)",
          scipy="ndtri"),
    # a SciPy function with a parameter, which SciPy puts first: ive(v, x)
    unary("ive", "dn_sp_ive(p, x)", "dn_sp_ive(p - 1.0, x) - (p / x + 1.0) * f0", "0.0",
          param=("v", 0.0), domain="x > 0", samples=(0.5, 2.0),
          derivative="ive(v - 1, x) - (v/x + 1) ive(v, x)", scipy="ive"),
    # a kink: the mean slope and the one-sided ones (src/chain.h)
    unary("absolute", "fabs(x)", ABSOLUTE.slope, "x == 0.0 ? NAN : 0.0", taylor="kink: -1.0, 1.0",
          below=ABSOLUTE.below, above=ABSOLUTE.above, domain="all real x",
          samples=(-0.3, 0.7), derivative="sign x", numpy="absolute"),
]

BINARY = [
    # private: reached through an operator, not a function of its own
    binary("multiply", "x * y", "y", "x", "0.0", "1.0", "0.0", public=False, taylor="x * y",
           domain="all real x, y", samples=((0.4, 2.5), (3.0, -1.3)), derivative="y, x"),
    # public, with conditional expressions and a NumPy ufunc
    # (Taylor: the partials as an ODE of two arguments, using the result f)
    binary("hypot", "hypot(x, y)", "f == 0.0 ? 0.0 : x / f", "f == 0.0 ? 0.0 : y / f",
           "f == 0.0 ? 0.0 : fy * fy / f", "f == 0.0 ? 0.0 : -fx * fy / f",
           "f == 0.0 ? 0.0 : fx * fx / f", origin="f == 0.0 ? 1.0 : 0.0",
           taylor="ode: x / f; y / f",
           domain="all real x, y (origin: derivative 0)", samples=((0.4, 2.5), (3.0, -1.3)),
           derivative="x/hypot, y/hypot", numpy="hypot"),
    # a SciPy ufunc of two arguments
    binary("xlogy", "x == 0.0 && !isnan(y) ? 0.0 : x * log(y)", "log(y)",
           "x == 0.0 ? 0.0 : x / y", "0.0", "1.0 / y", "x == 0.0 ? 0.0 : -dn_div_square(x, y)",
           domain="y > 0", samples=((0.4, 2.5), (3.0, 1.3)), derivative="log y, x/y",
           scipy="xlogy"),
    # a kink along x = y
    binary("maximum", "fmax(x, y)", MAXIMUM.slope, "dn_kink(y, x, 0.0, 1.0)",
           "x == y ? NAN : 0.0", "fxx", "fxx", tie=MAXIMUM.jump, domain="all real x, y",
           samples=((0.4, 2.5), (3.0, -1.3)), derivative="1 where x wins", numpy="maximum",
           taylor="larger"),
]
