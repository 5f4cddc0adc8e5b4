# generated from jets.py.in and tests/golden/table.py by src/generate.py: edit those, not this
"""NumPy twins of the rules whose C expressions NumPy can evaluate with its SIMD loops.

For large dual arrays these beat the C kernels, which call the C library one element at a
time (NumPy's exp, log, tanh, ... are vectorised). They are the same expressions as the
table's, translated by src/generate.py, so they agree with the kernels to NumPy's ulp bound.
JETS maps a rule name to (first, second): first(x) -> (g, g'), second(x) -> (g, g', g'').
"""
import numpy as np

# the constants of src/constants.h, the same literals as in C
DN_LN2 = 0.69314718055994530942
DN_LN10 = 2.30258509299404568402
DN_2_SQRTPI = 1.12837916709551257390
DN_SQRT1_2 = 0.70710678118654752440
DN_E = 2.71828182845904523536
DN_1_E = 0.36787944117144232160
DN_PI = 3.14159265358979323846
DN_1_E_LO = -1.2428753672788363e-17
# Where a*a + b*b can neither overflow nor lose digits to underflow, from 1e-290 to 1e300.
_HYPOT_SAFE = (1e-290, 1e300)


def _hypot(a, b):
    """hypot(a, b) for arrays: sqrt(a*a + b*b) on NumPy's SIMD loops, within 2 ulp of the
    C library's hypot (the square root of a sum of two rounded squares), where that sum
    lies in _HYPOT_SAFE; elsewhere (overflow, underflow, inf, NaN) np.hypot's own value.
    One pass of np.max and np.min checks that; only then is np.hypot called, on the
    elements outside."""
    with np.errstate(over="ignore", under="ignore"):  # those elements go to np.hypot
        s = a * a + b * b
    out = np.asarray(np.sqrt(s))  # (an array to write into, also for 0-d operands)
    if out.size and s.min() >= _HYPOT_SAFE[0] and s.max() <= _HYPOT_SAFE[1]:
        return out  # (a NaN fails both comparisons; the methods cost less than np.min's call)
    outside = ~((s >= _HYPOT_SAFE[0]) & (s <= _HYPOT_SAFE[1]))
    a, b = np.broadcast_arrays(a, b)
    out[outside] = np.hypot(a[outside], b[outside])
    return out


def _first_tanh(x):
    c = np.cosh(x)
    f0 = np.tanh(x)
    f1 = 1.0 / (c * c)
    return f0, f1


def _second_tanh(x):
    c = np.cosh(x)
    f0 = np.tanh(x)
    f1 = 1.0 / (c * c)
    f2 = -2.0 * f0 * f1
    return f0, f1, f2


def _first_arcsin(x):
    f0 = np.arcsin(x)
    f1 = 1.0 / np.sqrt((1.0 - x) * (1.0 + x))
    return f0, f1


def _second_arcsin(x):
    f0 = np.arcsin(x)
    f1 = 1.0 / np.sqrt((1.0 - x) * (1.0 + x))
    f2 = x * f1 * f1 * f1
    return f0, f1, f2


def _first_log2(x):
    f0 = np.log2(x)
    f1 = 1.0 / (DN_LN2 * x)
    return f0, f1


def _second_log2(x):
    f0 = np.log2(x)
    f1 = 1.0 / (DN_LN2 * x)
    f2 = -f1 / x
    return f0, f1, f2


JETS = {
    "tanh": (_first_tanh, _second_tanh),
    "arcsin": (_first_arcsin, _second_arcsin),
    "log2": (_first_log2, _second_log2),
}
