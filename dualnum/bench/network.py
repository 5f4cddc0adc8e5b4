"""A gradient of many inputs: the mean-squared loss of a two-layer network, as its user
writes it with NumPy, against a loop of central differences over the parameters.

The network maps 32 features to one output through a hidden layer of ``hidden`` tanh units:
loss(p) = mean((tanh(X W1 + b1) w2 + b2 - y)^2) over 256 samples, with the parameters
p = (W1, b1, w2, b2) flattened into one vector of 34 hidden + 1 entries (545, 2 177 and
8 705 parameters for 16, 64 and 256 hidden units). The data and the point are fixed draws of
a seeded generator.

>>> loss, p = network(16)
>>> p.shape, float(loss(p)) > 0
((545,), True)
"""
import numpy as np

import dualnum as dn
from dualnum import fd

from .workloads import PLAIN

SAMPLES, FEATURES = 256, 32


def network(hidden, seed=0):
    """(loss, p): the network's loss, a function of its flat parameter vector (a float64
    array of 34 hidden + 1 entries, or a dual array of them), and a point p."""
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((SAMPLES, FEATURES))
    y = rng.standard_normal(SAMPLES)
    h = hidden

    def loss(p):
        w1 = p[:FEATURES * h].reshape(FEATURES, h)
        b1 = p[FEATURES * h:(FEATURES + 1) * h]
        w2 = p[(FEATURES + 1) * h:(FEATURES + 2) * h]
        b2 = p[(FEATURES + 2) * h]
        return np.mean((np.tanh(x @ w1 + b1) @ w2 + b2 - y) ** 2)
    return loss, 0.3 * rng.standard_normal((FEATURES + 2) * h + 1)


def network_tasks(hidden):
    """The gradient of the loss at hidden units: {candidate: callable} with the loss
    itself, dualnum.fd's central differences (two evaluations per parameter) and dualnum."""
    loss, p = network(hidden)
    return {PLAIN: lambda: loss(p),
            "central differences": lambda: fd.gradient(loss, p),
            "dualnum": lambda: dn.gradient(loss, p)}
