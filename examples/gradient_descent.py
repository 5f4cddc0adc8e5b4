"""Gradient descent on a two-parameter loss: the least-squares line y = a t + b through 20
points, with dualnum's exact gradient of the mean squared error.

Run: python examples/gradient_descent.py
"""
import dualnum as dn
import numpy as np

t = np.linspace(0.0, 1.0, 20)
y = 2.0 * t + 1.0 + 0.1 * np.sin(7.0 * t)  # a line plus a wiggle: the fit is not exact


def loss(p):
    return np.mean((p[0] * t + p[1] - y) ** 2)


p = np.zeros(2)
rate = 0.5  # below 2 / (the loss's largest curvature, about 2.7): the descent converges
for step in range(1, 20001):
    grad = dn.gradient(loss, p)
    p = p - rate * grad
    if np.max(np.abs(grad)) < 1e-13:
        break
else:
    raise SystemExit("gradient descent did not converge: gradient %r at %r" % (grad, p))
print("a = %r" % float(p[0]))
print("b = %r" % float(p[1]))
print("steps = %d" % step)
print("loss = %r" % float(loss(p)))
