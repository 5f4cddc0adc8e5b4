"""scipy.optimize.minimize on the 5-dimensional Rosenbrock function with dualnum's exact
gradient and Hessian (trust-exact, and Newton-CG with Hessian-vector products).

Run: python examples/minimize.py
"""
import dualnum as dn
from scipy.optimize import minimize, rosen

x0 = [1.3, 0.7, 0.8, 1.9, 1.2]
exact = minimize(rosen, x0, method="trust-exact", jac=lambda x: dn.gradient(rosen, x),
                 hess=lambda x: dn.hessian(rosen, x), options={"gtol": 1e-10})
newton_cg = minimize(rosen, x0, method="Newton-CG", jac=lambda x: dn.gradient(rosen, x),
                     hessp=lambda x, v: dn.hvp(rosen, x, v), options={"xtol": 1e-14})
for name, res in (("trust_exact", exact), ("newton_cg", newton_cg)):
    if not res.success:
        raise SystemExit("%s failed: %s" % (name, res.message))
    print("%s_x = %r" % (name, res.x.tolist()))
    print("%s_iterations = %d" % (name, res.nit))
    print("%s_fun = %r" % (name, float(res.fun)))
