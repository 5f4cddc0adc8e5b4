"""The functions the report differentiates, each written once.

Every function takes its point and a namespace ``m`` of elementary functions (``exp``,
``log``, ``sin``, ``cos``, ``sqrt``, ``tanh``, ``erf``, ``relu``): the same formula then runs on
floats (``MATH``), scalar duals (``DUAL``), NumPy arrays and dual arrays (``NUMPY``), complex
numbers for the complex step (``COMPLEX``) and mpmath numbers at 50 digits for the reference
values (``mpmath_namespace()``). A namespace lacking a function holds None there, and a
function that needs it is not run with it (ReLU has no analytic continuation for the complex
step).

The scalar functions are the textbooks' (product, quotient and chain rules, the activations
of neural networks), Fike & Alonso's e^x/sqrt(sin^3 x + cos^3 x) (2011) and
f(x) = exp(sin x) x^2/(1 + x^2) + sqrt(x) ln x + tanh x; the vector functions Rosenbrock's
and the loss of a two-layer network. The Taylor tasks (derivatives of order 10) take
``TAYLOR``, f without sqrt(x) ln x: smooth on (-1, 1), where their points lie.

>>> from dualnum.bench.suite import SCALAR, MATH
>>> fn = SCALAR["x^2 sin x"]
>>> round(fn.f(fn.x, MATH), 12)
0.315666666746
"""
import cmath
import functools
import math
from dataclasses import dataclass
from types import SimpleNamespace

import numpy as np

import dualnum as dn

NAMES = ("exp", "log", "sin", "cos", "sqrt", "tanh", "erf", "relu")


def _namespace(relu, erf, module):
    return SimpleNamespace(relu=relu, erf=erf, **{name: getattr(module, name)
                                                 for name in NAMES[:6]})


def _scipy_erf():
    """scipy.special.erf (which takes complex numbers too), or None without SciPy."""
    try:
        from scipy.special import erf
    except ImportError:
        return None
    return erf


MATH = _namespace(lambda x: max(x, 0.0), math.erf, math)
DUAL = _namespace(dn.relu, dn.erf, dn)
NUMPY = _namespace(lambda x: np.maximum(x, 0.0), _scipy_erf(), np)
COMPLEX = _namespace(None, _scipy_erf(), cmath)


def mpmath_namespace():
    """mpmath's functions (ImportError without mpmath)."""
    import mpmath
    return _namespace(lambda x: max(x, 0), mpmath.erf, mpmath)


@dataclass(frozen=True)
class Function:
    """One function of the suite: its name (the formula), ``f(x, m)``, the point of the
    report and the names of ``m`` it uses (a namespace lacking one cannot run it)."""
    name: str
    f: object
    x: object
    uses: tuple

    def runs_on(self, m):
        return all(getattr(m, name) is not None for name in self.uses)

    def bound(self, m):
        """f with the namespace filled in: a function of the point alone (a partial, whose
        call costs less than a Python wrapper's, so that timings stay f's own)."""
        return functools.partial(self.f, m=m)


def _fike_alonso(x, m):
    return m.exp(x) / m.sqrt(m.sin(x) ** 3 + m.cos(x) ** 3)


def _f(x, m):
    return m.exp(m.sin(x)) * x ** 2 / (1 + x ** 2) + m.sqrt(x) * m.log(x) + m.tanh(x)


def _gelu(x, m):
    return 0.5 * x * (1 + m.erf(x / math.sqrt(2.0)))


_SCALAR = [
    ("x^2 sin x", lambda x, m: x ** 2 * m.sin(x), 0.7, ("sin",)),
    ("x/(x^2+1)", lambda x, m: x / (x ** 2 + 1), 2.0, ()),
    ("(x^2-1)/(x^2+1)", lambda x, m: (x ** 2 - 1) / (x ** 2 + 1), 0.5, ()),
    ("x^3 e^x", lambda x, m: x ** 3 * m.exp(x), 1.2, ("exp",)),
    ("sin(x)/x", lambda x, m: m.sin(x) / x, 2.5, ("sin",)),
    ("sin(x^2)", lambda x, m: m.sin(x ** 2), 1.1, ("sin",)),
    ("ln(sin x)", lambda x, m: m.log(m.sin(x)), 1.0, ("log", "sin")),
    ("e^(x^2)", lambda x, m: m.exp(x ** 2), 0.8, ("exp",)),
    ("3x^2+5x-2", lambda x, m: 3 * x ** 2 + 5 * x - 2, 1.5, ()),
    ("sigmoid", lambda x, m: 1 / (1 + m.exp(-x)), 0.6, ("exp",)),
    ("tanh", lambda x, m: m.tanh(x), 0.9, ("tanh",)),
    ("softplus", lambda x, m: m.log(1 + m.exp(x)), -0.4, ("log", "exp")),
    ("GELU", _gelu, 0.7, ("erf",)),
    ("ReLU", lambda x, m: m.relu(x), 0.5, ("relu",)),
    ("e^x/sqrt(sin^3 x+cos^3 x)", _fike_alonso, 1.5, ("exp", "sqrt", "sin", "cos")),
    ("exp(sin x)x^2/(1+x^2)+sqrt(x)ln x+tanh x", _f, 1.3,
     ("exp", "sin", "sqrt", "log", "tanh")),
]
SCALAR = {name: Function(name, f, x, uses) for name, f, x, uses in _SCALAR}
FIKE_ALONSO = SCALAR["e^x/sqrt(sin^3 x+cos^3 x)"]
TAYLOR = Function("exp(sin x)x^2/(1+x^2)+tanh x",
                  lambda x, m: m.exp(m.sin(x)) * x ** 2 / (1 + x ** 2) + m.tanh(x), 1.3,
                  ("exp", "sin", "tanh"))


def rosenbrock(p, m):
    """sum 100 (p[i+1] - p[i]^2)^2 + (1 - p[i])^2, one term at a time (any sequence)."""
    return sum(100 * (p[i + 1] - p[i] ** 2) ** 2 + (1 - p[i]) ** 2 for i in range(len(p) - 1))


# The network: inputs X (3 samples of 2 features) and targets Y; parameters p = W1 (2 x 2,
# row-major) then w2 (2); loss = mean over samples of (sigmoid(w2 . sigmoid(W1 x)) - y)^2.
_X = ((0.5, -1.0), (1.5, 0.3), (-0.7, 0.8))
_Y = (0.2, 0.9, 0.4)


def network_loss(p, m):
    """The squared loss of sigmoid(w2 . sigmoid(W1 x)) on three samples, one scalar
    operation at a time (any sequence of 6 parameters)."""
    def sigmoid(t):
        return 1 / (1 + m.exp(-t))
    total = 0
    for x, y in zip(_X, _Y):
        hidden = [sigmoid(p[2 * j] * x[0] + p[2 * j + 1] * x[1]) for j in range(2)]
        total = total + (sigmoid(p[4] * hidden[0] + p[5] * hidden[1]) - y) ** 2
    return total / len(_X)


VECTOR = {
    "Rosenbrock (n=4)": Function("Rosenbrock (n=4)", rosenbrock, (-1.2, 1.0, 0.5, 0.8),
                                 ()),
    "two-layer network loss": Function("two-layer network loss", network_loss,
                                       (0.3, -0.6, 0.8, 0.2, 1.1, -0.9), ("exp",)),
}
