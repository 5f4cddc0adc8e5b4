"""The test functions that several test files differentiate, written once each.

``worked_example`` and ``fike_alonso`` take the module whose functions they call as ``m``:
``math`` for floats, ``numpy`` (the default) for floats, scalar duals and arrays of either,
``dualnum`` for floats, scalar duals and dual arrays, and ``sympy`` (with a sympy symbol for
x) for the exact expression that references are derived from. Every module sees the same
expression, operation for operation.

Imported by name (pytest puts tests/ on sys.path, as for references.py).
"""
import numpy as np


def worked_example(x, m=np):
    """README's worked example: exp(sin x) x^2 / (1 + x^2) + sqrt(x) ln x + tanh x (x > 0)."""
    return m.exp(m.sin(x)) * x ** 2 / (1 + x ** 2) + m.sqrt(x) * m.log(x) + m.tanh(x)


def fike_alonso(x, m=np):
    """Fike & Alonso's test function e^x / sqrt(sin^3 x + cos^3 x)."""
    return m.exp(x) / m.sqrt(m.sin(x) ** 3 + m.cos(x) ** 3)


FIKE_ALONSO_X = 1.5
"""The point at which Fike & Alonso quote the function's derivatives."""


def rosen(x):
    """The Rosenbrock function written out with NumPy operations, in the form of the
    documentation of scipy.optimize.rosen (for arrays of floats, object arrays of duals and
    dual arrays)."""
    return np.sum(100.0 * (x[1:] - x[:-1] ** 2.0) ** 2.0 + (1 - x[:-1]) ** 2.0)
