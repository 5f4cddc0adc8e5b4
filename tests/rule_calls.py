"""A public one-argument rule as a function of x alone, the way the tests that walk
``dualnum.rules`` call it: ``dn.NAME(x)``, ``dn.NAME(x, alpha=p)`` for a parameter, or, for
a rule with a scipy.special name, SciPy's order, the parameters first: ``dn.gammainc(a, x)``,
``dn.betainc(a, b, x)``.

Imported by name (pytest puts tests/ on sys.path, as for references.py).
"""
import dualnum as dn


def parameters(rule, params=None):
    """The rule's parameters as a tuple: ``params`` (one number or a tuple of them), else
    its defaults; () for a rule without one."""
    if params is None:
        return tuple(default for _, default in rule.params)
    return params if isinstance(params, tuple) else (params,)


def module_function(rule, params=None):
    """``dn.NAME`` with the parameters ``params`` (default: the rule's defaults) in place."""
    f, ps = getattr(dn, rule.name), parameters(rule, params)
    if not ps:
        return f
    if rule.scipy:
        return lambda *x: f(*ps, *x)
    return lambda *x: f(*x, **{name: p for (name, _), p in zip(rule.params, ps)})
