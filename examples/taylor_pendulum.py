"""A Taylor-series integrator for the pendulum theta'' = -sin(theta), as the first-order
system y = (theta, omega), y' = F(y): at each step the Taylor coefficients of the solution
come from those of F(y), one order at a time (y_(k+1) = F(y)_k / (k + 1), dn.taylor with
the series found so far as its input), and the step is the series summed at h.

Run: python examples/taylor_pendulum.py
"""
import numpy as np

import dualnum as dn


def F(y):                                   # y = (theta, omega)
    return np.concatenate([y[1:], -np.sin(y[:1])])


def step(y, h, order=20):
    series = [y]
    for k in range(order):
        series.append(dn.taylor(F, series[0], k, series=series[1:])[k] / (k + 1))
    out = series[-1]
    for c in series[-2::-1]:                # Horner at h
        out = out * h + c
    return out


y = np.array([1.0, 0.0])
for _ in range(20):                         # h = 0.5 to t = 10
    y = step(y, 0.5)
print("theta_omega = %r" % [float(v) for v in y])
print("energy = %r" % float(0.5 * y[1] ** 2 - np.cos(y[0])))

# SciPy's DOP853 at tight tolerances, beside it (where SciPy is installed)
try:
    from scipy.integrate import solve_ivp
except ImportError:
    pass
else:
    reference = solve_ivp(lambda t, u: [u[1], -np.sin(u[0])], (0.0, 10.0), [1.0, 0.0],
                          method="DOP853", rtol=1e-13, atol=1e-13).y[:, -1]
    print("solve_ivp_theta_omega = %r" % [float(v) for v in reference])
    print("largest_difference = %r" % float(np.max(np.abs(y - reference))))
