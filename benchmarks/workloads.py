"""The functions the benchmarks differentiate, each written once for floats (math) and once
for duals (dualnum), exactly as a user would write them."""
import math

import dualnum as dn

X0 = 1.3


def f_math(x):
    """exp(sin x) x^2/(1 + x^2) + sqrt(x) ln x + tanh x on floats."""
    return math.exp(math.sin(x)) * x ** 2 / (1 + x ** 2) + math.sqrt(x) * math.log(x) \
        + math.tanh(x)


def f_dual(x):
    """The same function with dualnum's functions, for Dual and HyperDual."""
    return dn.exp(dn.sin(x)) * x ** 2 / (1 + x ** 2) + dn.sqrt(x) * dn.log(x) + dn.tanh(x)


def central_difference(f, x, h=math.ldexp(1.0, -17)):
    """The cheapest central difference: a fixed power-of-two step, no bookkeeping."""
    return (f(x + h) - f(x - h)) / (2.0 * h)


def second_difference(f, x, h=math.ldexp(1.0, -13)):
    """The cheapest 3-point second difference."""
    return (f(x + h) - 2.0 * f(x) + f(x - h)) / (h * h)


def square_plus(a):
    """a*a + a: two arithmetic operators, the unit cost of scalar code."""
    return a * a + a
