"""The step-size sweep: Fike & Alonso's figure (2011, fig. 1).

Each finite difference's relative error against the 50-digit reference, at steps h = 1e-1 down
to 1e-16, on their function e^x / sqrt(sin^3 x + cos^3 x) at x = 1.5, first and second
derivative; dualnum's error takes no step (a flat line). Too large a step leaves the
truncation error, too small a step the cancellation of f's rounding: no step is safe for
every function, while dual numbers need none. A step too small to move x (x + h == x) gives
no estimate: its error is None.

>>> from dualnum.bench.steps import STEPS
>>> STEPS[0], STEPS[-1], len(STEPS)
(0.1, 1e-16, 16)
"""
import math

import dualnum as dn

from .accuracy import SCHEMES, complex_step, references, relative_error
from .suite import COMPLEX, DUAL, FIKE_ALONSO, MATH

STEPS = tuple(10.0 ** -k for k in range(1, 17))


def _error(estimate, h, x, exact):
    if (x + h) - x == 0:
        return None
    value = estimate(h)
    return relative_error(value, exact) if math.isfinite(value) else None


def sweep(mp, fn=FIKE_ALONSO):
    """{"function", "x", "steps", "first": {scheme: [error per step]}, "second": {...}};
    dualnum's error is one number per order, taken without a step."""
    exact = references(fn, mp, orders=2)
    f, fc = fn.bound(MATH), fn.bound(COMPLEX)
    _, d1, d2 = dn.derivatives(fn.bound(DUAL), fn.x)
    out = {"function": fn.name, "x": fn.x, "steps": list(STEPS),
           "first": {"dualnum": relative_error(d1, exact[1])},
           "second": {"dualnum": relative_error(d2, exact[2])}}
    for name, (formula, _, order, *_rest) in SCHEMES.items():
        key = "first" if order == 1 else "second"
        out[key][name] = [_error(lambda h: formula(f, fn.x, step=h), h, fn.x, exact[order])
                          for h in STEPS]
    out["first"]["complex step"] = [relative_error(complex_step(fc, fn.x, h), exact[1])
                                    for h in STEPS]
    return out
