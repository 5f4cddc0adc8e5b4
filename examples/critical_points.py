"""The critical points of f(x) = x^4 - 4x^3 + 4x^2 + 1, found by Newton's method on f'
(with f'' from the same hyper-dual evaluation) and classified by the sign of f''; and where
f'' = 0 too, by the first derivative that is not 0 (Taylor numbers, any order): x^3 at 0
(f''' = 6: an inflection), x^4 (f'''' = 24: a minimum), -x^6 (f^(6) = -720: a maximum).

Run: python examples/critical_points.py
"""
import dualnum as dn
import numpy as np


def f(x):
    return x ** 4 - 4 * x ** 3 + 4 * x ** 2 + 1


def critical_point(x, max_iter=50):
    """A zero of f' by Newton's method from x, or an error if there is none nearby."""
    for _ in range(max_iter):
        _, slope, curvature = dn.derivatives(f, x)
        x -= slope / curvature
        if abs(slope / curvature) <= 4 * np.finfo(float).eps * max(1.0, abs(x)):
            return x
    raise SystemExit("no critical point found from %r" % x)


def kind(x):
    curvature = dn.second_derivative(f, x)
    return "minimum" if curvature > 0 else "maximum" if curvature < 0 else "inconclusive"


starts = [-1.0, 0.3, 0.9, 1.2, 1.8, 3.0]  # away from the zeros of f'', 1 +- 1/sqrt(3)
points = sorted({round(critical_point(x), 12) + 0.0 for x in starts})
print("critical_points = %r" % points)
print("kinds = %r" % [kind(x) for x in points])
print("values = %r" % [f(x) for x in points])
print("second_derivatives = %r" % [dn.second_derivative(f, x) for x in points])


def kind_of_any_order(g, x, top=12):
    """A critical point x of g classified by its first nonzero derivative of order n >= 2
    (the higher-order derivative test): even n a minimum (> 0) or a maximum (< 0), odd n
    an inflection; from one evaluation on Taylor numbers of order ``top``."""
    derivatives = dn.derivatives(g, x, order=top)
    for n in range(2, top + 1):
        if derivatives[n] != 0.0:
            if n % 2:
                return "inflection (order %d)" % n
            return "%s (order %d)" % ("minimum" if derivatives[n] > 0 else "maximum", n)
    return "inconclusive to order %d" % top


print("higher_order_kinds = %r" % [kind_of_any_order(g, 0.0) for g in
                                   (lambda t: t ** 3, lambda t: t ** 4, lambda t: -t ** 6)])
