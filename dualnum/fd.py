"""Finite differences: the baseline dualnum is measured against.

Each formula takes f, the point x (a float, or an array for an elementwise f) and an
optional ``step``. The default step balances truncation against rounding error for the
formula's order, scaled by max(1, |x|), and is rounded so that x + h - x == h exactly.

>>> import math
>>> from dualnum import fd
>>> abs(fd.central(math.sin, 1.0) - math.cos(1.0)) < 1e-9
True
"""
import numpy as np

EPS = np.finfo(np.float64).eps

# Optimal steps, up to a constant: forward/backward error ~ h + eps/h, central ~ h^2 + eps/h,
# five-point ~ h^4 + eps/h, second central ~ h^2 + eps/h^2.
FORWARD_STEP = EPS ** (1 / 2)
CENTRAL_STEP = EPS ** (1 / 3)
FIVE_POINT_STEP = EPS ** (1 / 5)
SECOND_STEP = EPS ** (1 / 4)


def _step(x, step, default):
    h = default * np.maximum(1.0, np.abs(x)) if step is None else step
    h = (x + h) - x  # exactly representable: the step the formula really takes
    return float(h) if np.ndim(h) == 0 else h


def forward(f, x, step=None):
    """(f(x + h) - f(x)) / h: first order, error about 1e-8."""
    h = _step(x, step, FORWARD_STEP)
    return (f(x + h) - f(x)) / h


def backward(f, x, step=None):
    """(f(x) - f(x - h)) / h: first order, error about 1e-8."""
    h = _step(x, step, FORWARD_STEP)
    return (f(x) - f(x - h)) / h


def central(f, x, step=None):
    """(f(x + h) - f(x - h)) / 2h: second order, error about 1e-10."""
    h = _step(x, step, CENTRAL_STEP)
    return (f(x + h) - f(x - h)) / (2.0 * h)


def five_point(f, x, step=None):
    """(f(x - 2h) - 8 f(x - h) + 8 f(x + h) - f(x + 2h)) / 12h: fourth order, error about
    1e-13."""
    h = _step(x, step, FIVE_POINT_STEP)
    return (f(x - 2 * h) - 8.0 * f(x - h) + 8.0 * f(x + h) - f(x + 2 * h)) / (12.0 * h)


def second_central(f, x, step=None):
    """(f(x + h) - 2 f(x) + f(x - h)) / h^2: the second derivative, error about 1e-7."""
    h = _step(x, step, SECOND_STEP)
    return (f(x + h) - 2.0 * f(x) + f(x - h)) / (h * h)
