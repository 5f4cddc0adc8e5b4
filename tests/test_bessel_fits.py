"""The fast paths of J and Y of orders 0 and 1 (src/bessel_jy.h, fits of
src/bessel_jy_fit.h): the pieces below x = 20 and Hankel's P and Q from x = 20, against
mpmath at the ends of every piece, at every zero of every part (where a fit that did not
factor the zero out would lose its relative accuracy) and between."""
import math

import mpmath
import numpy as np
import pytest
from mpmath import mp, mpf

from dualnum import ufuncs

ULPS = 8
J_ENDS = [float(k) for k in range(21)]
Y_ENDS = [0.125, 0.1875, 0.25, 0.375, 0.5, 0.75, 1.0, 1.5] + [float(k) for k in range(2, 21)]


def _parts(kind, n):
    """Value, first and second derivative of J_n or Y_n (mpmath)."""
    f = mpmath.besselj if kind == "j" else mpmath.bessely
    return [lambda x, m=m: f(n, x, derivative=m) if m else f(n, x) for m in range(3)]


def _zeros(kind, lo):
    """The doubles nearest the zeros in (lo, 20) of C_0, C_1, C_1', C_1'' (the parts of the
    four rules' jets), by sign changes refined by findroot."""
    out = []
    with mp.workdps(30):
        for f in _parts(kind, 0)[:1] + _parts(kind, 1):
            grid = np.linspace(lo, 20.0, 801)
            for a, b in zip(grid, grid[1:]):
                if f(mpf(a)) * f(mpf(b)) < 0:
                    out.append(float(mpmath.findroot(f, (mpf(a), mpf(b)),
                                                     solver="anderson")))
    return out


def _points(kind):
    ends = J_ENDS if kind == "j" else Y_ENDS
    near = [e + s * math.ulp(e) * k for e in ends for s in (-1, 1) for k in (0, 1)]
    inside = np.random.default_rng(1).uniform(ends[0], 20.0, 200).tolist()
    return sorted(p for p in near + inside + _zeros(kind, ends[0]) if p >= ends[0])


def _check(name, points, within):
    kind, n = name[0], int(name[1])
    got = getattr(ufuncs, "jet_" + name)(np.array(points))
    bad = []
    with mp.workdps(40):
        for i, x in enumerate(points):
            for m, f in enumerate(_parts(kind, n)):
                exact = f(mpf(x))
                if not within(float(got[m][i]), exact, x):
                    bad.append((m, x, float(got[m][i]), mpmath.nstr(exact, 17)))
    assert not bad, bad[:10]


def _ulps(got, exact, x):
    return abs(mpf(got) - exact) <= ULPS * math.ulp(float(abs(exact)))


@pytest.mark.parametrize("name", ["j0", "j1", "y0", "y1"])
def test_the_pieces_below_20_are_within_8_ulps_even_at_the_zeros(name):
    """Relative accuracy next to every zero of every part: the zeros are factored out."""
    _check(name, _points(name[0]), _ulps)


@pytest.mark.parametrize("name", ["j0", "j1", "y0", "y1"])
def test_the_fitted_hankel_expansion_from_20_on(name):
    """P and Q fitted in (20/x)^2: within 8 ulps, of the envelope next to a zero (README,
    Limitations), from x = 20 to the top of the double range."""
    def within(got, exact, x):
        envelope = math.sqrt(2 / (math.pi * x))
        scale = envelope if abs(exact) < envelope / 8 else float(abs(exact))
        return abs(mpf(got) - exact) <= ULPS * math.ulp(scale)
    points = [20.0, 20.0 + math.ulp(20.0), 20.5, 21.7, 25.0, 33.3, 47.1, 80.0, 150.0,
              1e3, 12345.6, 1e6, 1e9, 1e15, 1e100, 1e300]
    _check(name, points, within)


@pytest.mark.parametrize("name, v", [("jv", 0.0), ("jv", 1.0), ("yv", 0.0), ("yv", 1.0)])
def test_jv_and_yv_of_order_0_and_1_take_the_fits(name, v):
    """jv(0, x) is j0(x), and so on, part for part, at both sides of x = 20."""
    x = np.array([0.1, 0.3, 0.6, 2.404825557695773, 7.25, 19.9, 20.0, 37.5, 1e5])
    got = getattr(ufuncs, "jet_" + name)(x, v)
    same = getattr(ufuncs, "jet_%s%d" % (name[0], int(v)))(x)
    for g, s in zip(got, same):
        np.testing.assert_array_equal(g, s)
