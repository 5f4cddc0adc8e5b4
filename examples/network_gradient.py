"""The gradient of a two-layer network sigma(w2 . sigma(w1 x)) in its first layer's weights
w1, written by hand with the chain rule and checked with dn.check_grad against dualnum's
exact gradient; a hand-written gradient off by a relative 1e-9 in one weight is caught.

Run: python examples/network_gradient.py
"""
import dualnum as dn
import numpy as np

x = np.array([0.5, -1.5])
w1 = np.array([[0.2, -0.4], [1.1, 0.3], [-0.7, 0.9]])   # 3 hidden units, 2 inputs
w2 = np.array([0.6, -1.2, 0.8])


def sigma(z):
    return 1.0 / (1.0 + np.exp(-z))


def network(w1):
    return sigma(w2 @ sigma(w1 @ x))


def chain_rule(w1):
    """d network / d w1[i, j] = sigma'(s) w2[i] sigma'(z[i]) x[j], sigma' = sigma (1 - sigma),
    with z = w1 x and s = w2 . sigma(z)."""
    hidden = sigma(w1 @ x)
    out = sigma(w2 @ hidden)
    return out * (1 - out) * np.outer(w2 * hidden * (1 - hidden), x)


def slightly_wrong(w1):
    grad = chain_rule(w1)
    grad[1, 0] *= 1 + 1e-9
    return grad


check = dn.check_grad(network, chain_rule, w1)
print(check)
if not check.ok:
    raise SystemExit("the chain rule written by hand disagrees with dualnum")
wrong = dn.check_grad(network, slightly_wrong, w1)
print(wrong)
print("x = %r" % x.tolist())
print("w1 = %r" % w1.tolist())
print("w2 = %r" % w2.tolist())
print("gradient = %r" % dn.gradient(network, w1).tolist())
print("max_rel = %r" % check.max_rel)
print("wrong_ok = %r" % wrong.ok)
print("wrong_where = %r" % (wrong.where,))
print("wrong_max_rel = %r" % wrong.max_rel)
