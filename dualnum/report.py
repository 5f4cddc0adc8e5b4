"""The main job: exact derivatives next to finite differences, and what each costs.

Run ``python -m dualnum``. For a few classic functions it prints the first and second
derivatives from one dual / hyper-dual evaluation next to the finite-difference formulas of
:mod:`dualnum.fd` with their errors, then the step-size sweep that dual numbers make
unnecessary.
"""
import dualnum as dn
from dualnum import fd


def x2_sin(x):
    """x^2 sin x: the product rule."""
    return x * x * dn.sin(x)


def rational(x):
    """x / (x^2 + 1): the quotient rule."""
    return x / (x * x + 1.0)


def fike_alonso(x):
    """e^x / sqrt(sin^3 x + cos^3 x): the test function of Fike & Alonso (2011)."""
    return dn.exp(x) / dn.sqrt(dn.sin(x) ** 3 + dn.cos(x) ** 3)


SEEDS = [("x^2 sin x", x2_sin, 0.7), ("x / (x^2 + 1)", rational, 2.0),
         ("e^x / sqrt(sin^3 x + cos^3 x)", fike_alonso, 1.5)]

FIRST_ORDER = [("forward", fd.forward), ("backward", fd.backward), ("central", fd.central),
               ("five-point", fd.five_point)]


def relative_error(approx, exact):
    return abs(approx - exact) / max(abs(exact), 1e-300)


def derivative_rows(f, x):
    """(method, f', error of f', f'', error of f'') rows; dual numbers first, as reference."""
    _, d1, d2 = dn.derivatives(f, x)
    rows = [("dual / hyper-dual", d1, 0.0, d2, 0.0)]
    for name, formula in FIRST_ORDER:
        g = formula(f, x)
        rows.append((name, g, relative_error(g, d1), None, None))
    g2 = fd.second_central(f, x)
    rows.append(("second central", None, None, g2, relative_error(g2, d2)))
    return rows


def step_sweep(f, x, steps=(1e-1, 1e-3, 1e-5, 1e-7, 1e-9)):
    """Relative error of the central second difference at each step."""
    exact = dn.second_derivative(f, x)
    return [(h, relative_error(fd.second_central(f, x, step=h), exact)) for h in steps]


def _cell(value, fmt):
    return format(value, fmt) if value is not None else "-"


def main():
    print("dualnum: exact derivatives vs finite differences")
    print("(errors relative to the dual-number result, which is exact to rounding)\n")
    for title, f, x in SEEDS:
        print("f(x) = %s at x = %g" % (title, x))
        print("  %-18s %22s %9s %22s %9s" % ("method", "f'(x)", "error", "f''(x)", "error"))
        for name, d1, e1, d2, e2 in derivative_rows(f, x):
            print("  %-18s %22s %9s %22s %9s" % (
                name, _cell(d1, ".16g"), _cell(e1, ".1e"), _cell(d2, ".16g"),
                _cell(e2, ".1e")))
        print()
    title, f, x = SEEDS[-1]
    print("The step-size dilemma: central second difference of %s at x = %g" % (title, x))
    for h, err in step_sweep(f, x):
        print("  h = %-8g relative error %.1e" % (h, err))
    print("  hyper-dual: one evaluation, no step, error at rounding level")


if __name__ == "__main__":
    main()
