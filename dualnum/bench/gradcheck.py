"""Gradient checking, exact: a bug of relative size 1e-9 planted in a hand-written gradient,
caught by ``dn.check_grad`` and missed by finite differences.

The function is f(x) = sum sin(x_i) e^(x_i / 3) + x_0 x_1 x_2, its gradient written by hand;
the bug multiplies one component by 1 + 1e-9 (a constant mistyped in its ninth digit, say).
dualnum compares the hand-written gradient with its exact one: the discrepancy of the correct
gradient is rounding (about 1e-16), the bug's 1e-9, and check_grad's verdict (rtol 1e-10)
flags it. A finite-difference check compares it with an estimate that errs by itself: the
forward differences of scipy.optimize.check_grad (about 1e-8) see the correct and the buggy
gradient alike; central differences (about 1e-10 here, up to 1e-7 on the suite's functions:
see the accuracy table) see a discrepancy of the bug's size, which a tolerance set above
their own error, as it must be, lets through.
"""
import numpy as np

import dualnum as dn
from dualnum import fd

BUG = 1e-9
X = np.array([0.3, -1.1, 2.0, 0.7])
WHERE = 2


def f(x):
    return np.sum(np.sin(x) * np.exp(x / 3)) + x[0] * x[1] * x[2]


def grad(x):
    """f's gradient, by hand."""
    g = (np.cos(x) + np.sin(x) / 3) * np.exp(x / 3)
    g[:3] += np.array([x[1] * x[2], x[0] * x[2], x[0] * x[1]])
    return g


def buggy_grad(x):
    """grad with component WHERE off by a relative 1e-9."""
    g = grad(x)
    g[WHERE] *= 1 + BUG
    return g


def _fd_discrepancy(estimate, gradient):
    g = gradient(X)
    return float(np.max(np.abs(g - estimate) / np.abs(g)))


def planted_bug(skipped):
    """The largest relative discrepancy of the correct and the buggy gradient, found by
    dualnum and by finite differences; JSON-ready, with a text for the report. A reference
    that cannot be taken adds its line to ``skipped``."""
    estimates = {"dualnum (check_grad)": None, "central differences (fd.gradient)":
                 fd.gradient(f, X)}
    try:
        from scipy.optimize import approx_fprime
        estimates["forward differences (scipy.optimize.check_grad's)"] = approx_fprime(X, f)
    except ImportError:
        skipped.append("gradient check: SciPy not installed, so without the forward "
                       "differences of scipy.optimize.check_grad (pip install scipy)")
    rows = {}
    for name, estimate in estimates.items():
        if estimate is None:
            found = [dn.check_grad(f, g, X) for g in (grad, buggy_grad)]
            rows[name] = {"correct": found[0].max_rel, "buggy": found[1].max_rel,
                          "where": int(np.ravel(found[1].where)[0]),
                          "ok": [found[0].ok, found[1].ok]}
        else:
            rows[name] = {"correct": _fd_discrepancy(estimate, grad),
                          "buggy": _fd_discrepancy(estimate, buggy_grad)}
    lines = ["A bug of relative size %.0e in component %d of a hand-written gradient. "
             "Largest relative discrepancy against each reference (dualnum's check_grad "
             "judges the correct gradient ok: %s, the buggy one ok: %s):"
             % (BUG, WHERE, *rows["dualnum (check_grad)"]["ok"]), "",
             "| reference | correct gradient | buggy gradient |", "|---|---|---|"]
    lines += ["| %s | %.1e | %.1e |" % (name, r["correct"], r["buggy"])
              for name, r in rows.items()]
    return {"bug": BUG, "where": WHERE, "rows": rows, "text": "\n".join(lines)}
