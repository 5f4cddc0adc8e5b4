"""The Black-Scholes price of a European call and its greeks delta (dC/dS) and gamma
(d2C/dS2) from one hyper-dual evaluation of the price formula; scipy.special.ndtr, the
normal distribution function, takes dual numbers.

Run: python examples/black_scholes.py
"""
import dualnum as dn
import numpy as np
from scipy.special import ndtr

strike, rate, volatility, maturity = 95.0, 0.03, 0.2, 0.75


def call_price(spot):
    d1 = (np.log(spot / strike) + (rate + volatility ** 2 / 2) * maturity) / (
        volatility * np.sqrt(maturity))
    d2 = d1 - volatility * np.sqrt(maturity)
    return spot * ndtr(d1) - strike * np.exp(-rate * maturity) * ndtr(d2)


spot = 100.0
price, delta, gamma = dn.derivatives(call_price, spot)
print("spot = %r" % spot)
print("strike = %r" % strike)
print("rate = %r" % rate)
print("volatility = %r" % volatility)
print("maturity = %r" % maturity)
print("price = %r" % price)
print("delta = %r" % delta)
print("gamma = %r" % gamma)
