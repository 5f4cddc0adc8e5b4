"""Newton's method with exact derivatives: a root of f(x) = x^2 - 2 from f and f', and the
minimum of g(x) = e^x - 2x from g' and g'' (one hyper-dual evaluation per step).

Run: python examples/newton.py
"""
import dualnum as dn
import numpy as np


def newton(step, x, max_iter=50):
    """Iterates x -= step(x) until the step no longer moves x by more than rounding; returns
    x and the number of steps, or stops with an error if that takes over max_iter steps."""
    for k in range(1, max_iter + 1):
        dx = step(x)
        x -= dx
        if abs(dx) <= 4 * np.finfo(float).eps * abs(x):
            return x, k
    raise SystemExit("Newton's method did not converge in %d steps (last x = %r)"
                     % (max_iter, x))


def f(x):
    return x * x - 2.0


def g(x):
    return dn.exp(x) - 2.0 * x


def root_step(x):
    return f(x) / dn.derivative(f, x)


def minimum_step(x):
    _, slope, curvature = dn.derivatives(g, x)
    return slope / curvature


root, root_steps = newton(root_step, 1.0)
minimum, minimum_steps = newton(minimum_step, 0.0)
print("root = %r" % root)
print("root_steps = %d" % root_steps)
print("minimum = %r" % minimum)
print("minimum_steps = %d" % minimum_steps)
print("second_derivative_at_minimum = %r" % dn.second_derivative(g, minimum))
