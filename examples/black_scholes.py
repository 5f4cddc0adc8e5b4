"""The Black-Scholes price of a European call and its greeks delta (dC/dS) and gamma
(d2C/dS2) from one hyper-dual evaluation of the price formula; scipy.special.ndtr, the
normal distribution function, takes dual numbers. Printed beside the greeks' closed forms
(Hull, Options, Futures and Other Derivatives, ch. 19): delta = N(d1),
gamma = N'(d1) / (S sigma sqrt(T)).

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

d1 = (np.log(spot / strike) + (rate + volatility ** 2 / 2) * maturity) / (
    volatility * np.sqrt(maturity))
closed_delta = ndtr(d1)
closed_gamma = np.exp(-d1 ** 2 / 2) / np.sqrt(2 * np.pi) / (spot * volatility * np.sqrt(maturity))
print("closed_form_delta = %r" % float(closed_delta))
print("closed_form_gamma = %r" % float(closed_gamma))
print("delta_relative_difference = %r" % float(abs(delta - closed_delta) / closed_delta))
print("gamma_relative_difference = %r" % float(abs(gamma - closed_gamma) / closed_gamma))
