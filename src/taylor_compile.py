"""Compile the ``taylor`` field of a rule (dualnum/rules.py) into a C kernel of Taylor
arithmetic of any order (rendered into src/taylor_rules.h by src/generate.py).

The field says how the series of g(u) follows from the series u, in Python syntax:

* ``"expr"``: g is the expression, in x (and y for two arguments), the parameters p, q,
  constants and the series functions below;
* ``"ode: psi"``: g' = psi g (one argument: g(u)' = psi(u, g) u', with psi in x and f = g;
  Griewank and Walther, "Evaluating Derivatives", section 13.2: every coefficient of g from
  the lower ones of psi); for two arguments ``"ode: psi_x; psi_y"``, the partials;
* ``"ode: psi; chi"`` (one argument): a pair, g' = psi and h' = chi with h = g' (psi is
  then ``h``): for the Bessel functions, whose derivative needs the function itself;
* ``"points: C_FUNCTION"``: g's own Taylor coefficients at the point, from a C function
  ``(double x0, double p, double q, int d, double *c, dn_index stride)``, composed with u;
* ``"kink: below, above"``: the slopes of a function linear on each side of 0 (relu, abs);
  ``"larger"``/``"smaller"`` for maximum/minimum; ``"jump"``: constant beyond order 0;
* ``"power"`` and ``"sqrt"``: u ** p and sqrt(u), with leading zeros of u handled (taylor.h).

Any of the first three may end in ``" | CONDITION: C_POINTS"`` (the elements whose point
meets the C condition on x0, p, q and the order d take the series composed from C_POINTS's
coefficients at the point: where the recurrence loses accuracy, or divides by 0; a C_POINTS
named dn_sp_* calls SciPy's kernels, which are loaded first) and in
``" | exact CONDITION: C_FUNCTION"`` (the elements whose point meets the condition on x0,
y0, p, q take C_FUNCTION's series of the element, taylor.h's dn_exact_*: a leading zero the
recurrence would divide by, as 1/x at 0 or hypot at the origin).

Series functions: exp, log, sqrt, sin, cos, ``a ** c`` for a constant c, and every other
entry of the table by name (``sigmoid(-x)``, ``ndtr(x)``, ``digamma(x + y)``), whose own field
is compiled in place. Constants: numbers, p, q, the DN_ constants of constants.h, x0 and y0
(the point), f0 f1 f2 (the entry's value and derivatives there; fx fy fxx fxy fyy for two
arguments) and C calls of constants (``dn_lgamma(p)``, ``copysign(1.0, x0)``).

The entry's own C rule (rules.h) gives what it computes best: the value (coefficient 0),
and coefficients 0 and 1 of psi (f1 and f2 u_1), or of the direct expression coefficients
0, 1 and 2; the recurrences give the rest. So order 1 and 2 keep the rules' accuracy.
"""
import ast
import re

SERIES_FUNCTIONS = {"exp", "log", "sqrt", "sin", "cos"}
WHOLE_SERIES = ("kink", "larger", "smaller", "jump", "power", "sqrt")
C_MATH = {"exp", "log", "sqrt", "sin", "cos", "log1p", "expm1", "pow", "fabs", "copysign",
          "floor", "lgamma"}


class _Scope:
    """The names an expression sees: the argument series, g (and h), the jet of the rule."""

    def __init__(self, rule, args, g=None, h=None, jet=None, params=("p", "q")):
        self.rule, self.args, self.g, self.h, self.jet, self.params = rule, args, g, h, jet, params


class _Kernel:
    """The nodes of one rule's kernel, in the order they are computed at each coefficient."""

    def __init__(self, table, binary):
        self.table = table
        self.binary = binary
        self.series = 0        # scratch series (d + 1 coefficients of a block)
        self.consts = 0        # scratch constants (one number per element)
        self.composed = []     # (coefficient table, powers) of each points node
        self.order0 = []       # C statements per element (index i)
        self.steps = []        # C statements per coefficient k >= 1
        self.keys = {}         # structural key -> node (common subexpressions)
        self.jets = 0
        self.degrees = {"x": "dx", "y": "dy"}   # node -> C text of its degree

    # ---- storage ----
    def new_series(self):
        self.series += 1
        return ("s%d" % (self.series - 1), "B")

    def new_const(self, expr):
        self.consts += 1
        name = "c%d" % (self.consts - 1)
        self.order0.append("%s[i] = %s;" % (name, expr))
        return name

    # ---- expressions ----
    def const_expr(self, node, scope):
        """C text of a constant expression, or None if it involves a series."""
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
            return repr(float(node.value))
        if isinstance(node, ast.Name):
            n = node.id
            if n in ("p", "q"):
                return scope.params[0 if n == "p" else 1]
            if n.startswith("DN_"):
                return n
            if n in ("x0", "y0"):
                a = scope.args[0 if n == "x0" else 1]
                return "%s[i]" % a[0]
            if n in ("f0", "f1", "f2", "fx", "fy", "fxx", "fxy", "fyy") and scope.jet:
                return "%s.%s" % (scope.jet, n)
            return None
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            a = self.const_expr(node.operand, scope)
            return None if a is None else "(%s%s)" % ("-" if isinstance(node.op, ast.USub)
                                                      else "+", a)
        if isinstance(node, ast.BinOp) and not isinstance(node.op, ast.Pow):
            a, b = self.const_expr(node.left, scope), self.const_expr(node.right, scope)
            if a is None or b is None:
                return None
            op = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/"}[type(node.op)]
            return "(%s %s %s)" % (a, op, b)
        if isinstance(node, ast.Call):
            args = [self.const_expr(a, scope) for a in node.args]
            if None in args:
                return None
            return "%s(%s)" % (node.func.id, ", ".join(args))
        return None

    def const_node(self, text):
        """A per-element constant array holding the C expression text."""
        key = ("const", text)
        if key not in self.keys:
            self.keys[key] = self.new_const(text)
        return self.keys[key]

    def expr(self, node, scope):
        """The series node (pointer, stride) of an expression."""
        if self.const_expr(node, scope) is not None:
            raise ValueError("a constant where a series is needed: %s" % ast.unparse(node))
        if isinstance(node, ast.Name):
            if node.id == "x":
                return scope.args[0]
            if node.id == "y":
                return scope.args[1]
            if node.id == "f":
                return scope.g
            if node.id == "h":
                return scope.h
            raise ValueError("unknown name %r" % node.id)
        if isinstance(node, ast.UnaryOp):
            a = self.expr(node.operand, scope)
            if isinstance(node.op, ast.UAdd):
                return a
            return self.op("neg", [a], "dn_tk_neg(k, m, {0}, {1}, {r}, {rs});",
                           "{r}[i] = -{0}[i];", degree="{d0}")
        if isinstance(node, ast.BinOp):
            return self.binop(node, scope)
        if isinstance(node, ast.Call):
            return self.call(node, scope)
        raise ValueError("cannot compile %s" % ast.unparse(node))

    def degree(self, node):
        """C text of a node's degree in the block (beyond it its coefficients are 0)."""
        return self.degrees.get(node[0], "d")

    def op(self, kind, args, step, zero, consts=(), degree="d"):
        """A node computed by ``step`` at k >= 1 and by the per-element statement ``zero`` at
        k = 0; args are series, consts constant arrays; ``degree`` the result's degree, a C
        text in {d0}, {d1} (the arguments')."""
        key = (kind, tuple(args), tuple(consts))
        if key in self.keys:
            return self.keys[key]
        r = self.new_series()
        fields = {"r": r[0], "rs": r[1]}
        fields.update(("d%d" % j, self.degree(a)) for j, a in enumerate(args))
        self.degrees[r[0]] = degree.format(**fields)
        flat = [x for a in args for x in a] + list(consts)
        self.steps.append(("node", r, step.format(*flat, **fields)))
        self.order0.append(zero.format(*[a[0] for a in args] + list(consts), **fields))
        self.keys[key] = r
        return r

    def binop(self, node, scope):
        kind = type(node.op)
        if kind is ast.Pow:
            c = self.const_expr(node.right, scope)
            if c is None:
                return self.call(ast.Call(ast.Name("exp"), [ast.BinOp(
                    node.right, ast.Mult(), ast.Call(ast.Name("log"), [node.left], []))],
                    []), scope)
            a = self.expr(node.left, scope)
            if c == "2.0":
                return self.op("mul", [a, a], "dn_tk_mul(k, m, {0}, {1}, {d0}, {2}, {3}, {d1}, "
                               "{r}, {rs});", "{r}[i] = {0}[i] * {1}[i];",
                               degree="DN__MIN(d, {d0} + {d1})")
            return self.op("pow" + c, [a], "dn_tk_pow(k, m, {0}, {1}, {d0}, %s, {r}, {rs});" % c,
                           "{r}[i] = pow({0}[i], %s);" % c)
        lc, rc = self.const_expr(node.left, scope), self.const_expr(node.right, scope)
        if lc is not None:
            b, K = self.expr(node.right, scope), self.const_node(lc)
            if kind is ast.Add:
                return self.op("addc", [b], "dn_tk_addc(k, m, {0}, {1}, {2}, {r}, {rs});",
                               "{r}[i] = {0}[i] + {1}[i];", [K], "{d0}")
            if kind is ast.Sub:
                return self.op("csub", [b], "dn_tk_csub(k, m, {2}, {0}, {1}, {r}, {rs});",
                               "{r}[i] = {1}[i] - {0}[i];", [K], "{d0}")
            if kind is ast.Mult:
                return self.op("scale", [b], "dn_tk_scale(k, m, {0}, {1}, {2}, {r}, {rs});",
                               "{r}[i] = {1}[i] * {0}[i];", [K], "{d0}")
            return self.op("rdiv", [b], "dn_tk_div(k, m, NULL, 0, {2}, {0}, {1}, {d0}, {r}, {rs});",
                           "{r}[i] = {1}[i] / {0}[i];", [K])
        a = self.expr(node.left, scope)
        if rc is not None:
            K = self.const_node(rc)
            if kind is ast.Add:
                return self.op("addc", [a], "dn_tk_addc(k, m, {0}, {1}, {2}, {r}, {rs});",
                               "{r}[i] = {0}[i] + {1}[i];", [K], "{d0}")
            if kind is ast.Sub:
                K = self.const_node("-(%s)" % rc)
                return self.op("addc", [a], "dn_tk_addc(k, m, {0}, {1}, {2}, {r}, {rs});",
                               "{r}[i] = {0}[i] + {1}[i];", [K], "{d0}")
            if kind is ast.Mult:
                return self.op("scale", [a], "dn_tk_scale(k, m, {0}, {1}, {2}, {r}, {rs});",
                               "{r}[i] = {1}[i] * {0}[i];", [K], "{d0}")
            return self.op("divc", [a], "dn_tk_divc(k, m, {0}, {1}, {2}, {r}, {rs});",
                           "{r}[i] = {0}[i] / {1}[i];", [K], "{d0}")
        b = self.expr(node.right, scope)
        if kind is ast.Add:
            return self.op("add", [a, b], "dn_tk_add(k, m, {0}, {1}, {2}, {3}, {r}, {rs});",
                           "{r}[i] = {0}[i] + {1}[i];", degree="DN__MAX({d0}, {d1})")
        if kind is ast.Sub:
            return self.op("sub", [a, b], "dn_tk_sub(k, m, {0}, {1}, {2}, {3}, {r}, {rs});",
                           "{r}[i] = {0}[i] - {1}[i];", degree="DN__MAX({d0}, {d1})")
        if kind is ast.Mult:
            return self.op("mul", [a, b], "dn_tk_mul(k, m, {0}, {1}, {d0}, {2}, {3}, {d1}, "
                           "{r}, {rs});", "{r}[i] = {0}[i] * {1}[i];",
                           degree="DN__MIN(d, {d0} + {d1})")
        return self.op("div", [a, b], "dn_tk_div(k, m, {0}, {1}, NULL, {2}, {3}, {d1}, {r}, {rs});",
                       "{r}[i] = {0}[i] / {1}[i];")

    def call(self, node, scope):
        name = node.func.id
        if name in SERIES_FUNCTIONS:
            (a,) = [self.expr(x, scope) for x in node.args]
            if name in ("sin", "cos"):
                key = ("sincos", a)
                if key not in self.keys:
                    s, c = self.new_series(), self.new_series()
                    self.order0.append("%s[i] = sin(%s[i]); %s[i] = cos(%s[i]);"
                                       % (s[0], a[0], c[0], a[0]))
                    self.steps.append(("node", s, "dn_tk_sincos(k, m, %s, %s, %s, %s, %s, B);"
                                       % (a[0], a[1], self.degree(a), s[0], c[0])))
                    self.keys[key] = (s, c)
                return self.keys[key][0 if name == "sin" else 1]
            step = "dn_tk_sqrt(k, m, {0}, {1}, {r}, {rs});" if name == "sqrt" else \
                "dn_tk_%s(k, m, {0}, {1}, {d0}, {r}, {rs});" % name
            return self.op(name, [a], step,
                           "{r}[i] = %s({0}[i]);" % name)
        rule = self.table.get(name)
        if rule is None:
            raise ValueError("unknown series function %r" % name)
        args = [self.expr(x, scope) for x in node.args[:2 if hasattr(rule, "f") else 1]]
        params = [self.const_expr(x, scope) for x in node.args[len(args):]]
        key = ("rule", name, tuple(args), tuple(params))
        if key not in self.keys:
            self.keys[key] = self.rule(rule, args, tuple(params) + ("0.0",) * (2 - len(params)))
        return self.keys[key]

    # ---- a rule applied to series ----
    def jet_value(self, jet, field):
        """The per-element array (as ``c[i]``) of a field of a rule's jet."""
        return self.const_node("%s.%s" % (jet, field)) + "[i]"

    def coefficient(self, node, k):
        """C text of coefficient k of a series node at element i."""
        return "%s[%d * %s + i]" % (node[0], k, node[1]) if k else "%s[i]" % node[0]

    def rule(self, rule, args, params, out=None):
        """Compile ``rule`` on the series args; the result node (out: where it goes)."""
        spec = rule.taylor
        if spec is None:
            raise ValueError("rule %r has no taylor field" % rule.name)
        binary = hasattr(rule, "f")
        self.jets += 1
        jet = "J%d" % self.jets
        call = ("dn_rule_%s(%s[i], %s[i])" % (rule.name, args[0][0], args[1][0]) if binary
                else "dn_rule_%s(%s[i], %s, %s)" % (rule.name, args[0][0], *params))
        self.order0.append("const %s %s = %s;" % ("dn_jet2" if binary else "dn_jet", jet, call))
        scope = _Scope(rule, args, jet=jet, params=params)
        g = out or self.new_series()
        scope.g = g
        value = "%s.%s" % (jet, "f" if binary else "f0")
        kind, _, body = spec.partition(":")
        kind = kind.strip()
        x1, x2 = self.coefficient(args[0], 1), self.coefficient(args[0], 2)
        if kind in ("ode", "points"):
            self.order0.append("%s[i] = %s;" % (g[0], value))
        if kind == "ode":
            parts = [ast.parse(p.strip(), mode="eval").body for p in body.split(";")]
            if binary:
                y1 = self.coefficient(args[1], 1)
                fxx, fxy, fyy = (self.jet_value(jet, f) for f in ("fxx", "fxy", "fyy"))
                at = self.placeholder()
                px = self.top(parts[0], scope, jet + ".fx",
                              ["(%s) * (%s) + (%s) * (%s)" % (fxx, x1, fxy, y1)])
                py = self.top(parts[1], scope, jet + ".fy",
                              ["(%s) * (%s) + (%s) * (%s)" % (fxy, x1, fyy, y1)])
                self.steps[at] = ("node", g, "dn_tk_ode2(k, m, %s, %s, %s, %s, %s, %s, %s, %s, "
                                  "%s, %s, %s, %s);" % (args[0] + (self.degree(args[0]),) + px
                                                        + args[1] + (self.degree(args[1]),)
                                                        + py + g))
                return g
            if len(parts) == 2:
                h = self.new_series()
                scope.h = h
                self.order0.append("%s[i] = %s.f1;" % (h[0], jet))
                at_g, at_h = self.placeholder(), self.placeholder()
                psi = self.expr(parts[0], scope)
                chi = self.top(parts[1], scope, jet + ".f2", [])
                self.steps[at_g] = ("node", g, "dn_tk_ode(k, m, %s, %s, %s, %s, %s, %s, %s);"
                                    % (args[0] + (self.degree(args[0]),) + psi + g))
                self.steps[at_h] = ("node", h, "dn_tk_ode(k, m, %s, %s, %s, %s, %s, %s, %s);"
                                    % (args[0] + (self.degree(args[0]),) + chi + h))
                return g
            at = self.placeholder()
            psi = self.top(parts[0], scope, jet + ".f1",
                           ["(%s) * (%s)" % (self.jet_value(jet, "f2"), x1)])
            self.steps[at] = ("node", g, "dn_tk_ode(k, m, %s, %s, %s, %s, %s, %s, %s);"
                              % (args[0] + (self.degree(args[0]),) + psi + g))
            return g
        if kind == "points":
            j = len(self.composed)
            self.composed.append(j)
            self.order0.append("%s(%s[i], %s, %s, d, cp%d + i, B);" % (
                body.strip(), args[0][0], params[0], params[1], j))
            self.steps.append(("node", g, "dn_tk_compose(k, d, m, %s, %s, cp%d, Pp%d, B, %s, "
                               "%s);" % (args[0][0], args[0][1], j, j, g[0], g[1])))
            return g
        if kind in WHOLE_SERIES:
            raise ValueError("rule %r: %r is a whole-series kernel, not for use inside "
                             "another rule's field" % (rule.name, kind))
        expression = ast.parse(spec, mode="eval").body
        # the chain rule's first coefficients as IEEE multiplies: an infinite derivative
        # times a zero coefficient is NaN, which warns (an overflow, e^1000, and a singular
        # point, log(t^4) at 0, look alike in doubles; only the first has the term 0)
        if binary:
            y1 = self.coefficient(args[1], 1)
            fx, fy, fxx, fxy, fyy = (self.jet_value(jet, f)
                                     for f in ("fx", "fy", "fxx", "fxy", "fyy"))
            firsts = ["(%s) * (%s) + (%s) * (%s)" % (fx, x1, fy, y1),
                      "0.5 * ((%s) * (%s) * (%s)"
                      " + (2.0 * %s) * (%s) * (%s)"
                      " + (%s) * (%s) * (%s))"
                      " + (%s) * (%s) + (%s) * (%s)"
                      % (fxx, x1, x1, fxy, x1, y1, fyy, y1, y1,
                         fx, x2, fy, self.coefficient(args[1], 2))]
        else:
            f1, f2 = self.jet_value(jet, "f1"), self.jet_value(jet, "f2")
            firsts = ["(%s) * (%s)" % (f1, x1),
                      "(0.5 * %s) * (%s) * (%s) + (%s) * (%s)"
                      % (f2, x1, x1, f1, x2)]
        r = self.top(expression, scope, value, firsts)
        self.steps.append(("node", g, "dn_tk_copy(k, m, %s, %s, %s, %s);" % (r + g)))
        self.order0.append("%s[i] = %s[i];" % (g[0], r[0]))
        return g

    def placeholder(self):
        """The index of a step to be filled in once its inputs' nodes exist (an ODE's
        result comes before the nodes of its psi, which may use it)."""
        self.steps.append(("node", None, ""))
        return len(self.steps) - 1

    def top(self, expression, scope, zero, firsts):
        """The node of an expression whose coefficient 0 is the C text ``zero`` and
        coefficients 1, 2, ... the texts of ``firsts``: the rule's own values, which the
        node's recurrence (exp, div, ...) then builds the higher coefficients on."""
        if isinstance(expression, ast.Name) and expression.id in ("f", "h"):
            return self.expr(expression, scope)
        r = self.expr(expression, scope)
        if r in (scope.args + [scope.g, scope.h]):  # the node is someone else's: a copy
            r = self.op("copy", [r], "dn_tk_copy(k, m, {0}, {1}, {r}, {rs});",
                        "{r}[i] = {0}[i];", degree="{d0}")
        self.order0.append("%s[i] = %s;" % (r[0], zero))
        over = dict(enumerate(firsts, 1))
        for index, entry in enumerate(self.steps):
            if entry[1] == r and entry[0] == "node":
                self.steps[index] = ("override", r, entry[2], over)
                break
        return r

    # ---- rendering ----
    def render(self, name, signature, prologue, near=None, exact=None):
        """The C function; ``near``: (C condition on x0, p, q, d; points function) for the
        elements whose series come from the function's coefficients at the point instead
        (where the recurrence loses accuracy); ``exact``: (C condition on x0, y0, p, q; C
        function of one element) for the elements where the recurrence meets a leading
        zero (a division by 0) and that function gives their series instead."""
        lines = ["DN_TAYLOR_CLONES static int dn_taylor_rule_%s(%s)" % (name, signature), "{"]
        pads = ["x", "y", "g"] if self.binary else ["x", "g", "f1", "f2"]
        lines += ["    const dn_index B = DN_TAYLOR_BLOCK, W = (dn_index)(d + 1) * B;",
                  "    const size_t size = (size_t)(%d + %d * (d + 1)) * W + (size_t)%d * B;"
                  % (self.series, len(self.composed), self.consts + len(pads)),
                  "    double *tmp = size ? (double *)malloc(sizeof(double) * size) : NULL;",
                  "    (void)p; (void)q; (void)shortp;",
                  "    if (size && tmp == NULL) return -1;"]
        # the block's pointers, at orders <= 2 the rule's chain rule alone (no degree to
        # find, no scratch series), then the degrees and the recurrences
        lines += ["    DN_BLOCKS(n, {"] + ["        " + t for t in prologue[:2]]
        if not self.binary:
            lines += self.low_orders(name, pads)
        lines += ["        " + t for t in prologue[2:]]
        for j in range(self.series):
            lines.append("        double *s%d = tmp + %d * W;" % (j, j))
        for j in range(len(self.composed)):
            lines.append("        double *cp%d = tmp + (%d + %d * (d + 1)) * W;"
                         % (j, self.series, j))
            lines.append("        double *Pp%d = cp%d + W;" % (j, j))
        for j in range(self.consts):
            lines.append("        double *c%d = tmp + (size_t)(%d + %d * (d + 1)) * W + %d * B;"
                         % (j, self.series, len(self.composed), j))
        lines += self.order0_loop(pads[:2] if not self.binary else pads)
        lines.append("        for (int k = 1; k <= d; k++) {")
        for entry in self.steps:
            if entry[0] == "override":
                _, r, step, over = entry
                # the step first: a node of two series (sin and cos) makes both
                text = " else ".join("if (k == %d) { for (dn_index i = 0; i < m; i++) "
                                     "%s[k * %s + i] = %s; }" % (k, r[0], r[1], v)
                                     for k, v in sorted(over.items()))
                lines.append("            %s%s" % (step, " " + text if text else ""))
            else:
                lines.append("            " + entry[2])
        lines.append("        }")
        lines.append("    })")
        lines.append("    free(tmp);")
        lines.append("    dn__undefined(d, n, X, SX, %s, out, so);"
                     % ("Y, SY" if self.binary else "NULL, 0"))
        lines.append("    int broken = 0;")
        if near is not None:
            lines += ["    for (dn_index i = 0; i < n; i++) {",
                      "        const double x0 = X[i];",
                      "        if (%s) {" % near[0],
                      "            const int b = dn_taylor_compose_one(d, X + i, SX, %s, p, q, "
                      "out + i, so);" % near[1],
                      "            if (b < 0) return b;",
                      "            broken |= b;",
                      "        }",
                      "    }"]
        if exact is not None:
            point = ("const double x0 = X[i], y0 = Y[i]; (void)x0; (void)y0;" if self.binary
                     else "const double x0 = X[i]; (void)x0;")
            call = ("%s(d, X + i, SX, Y + i, SY, out + i, so, shortp)" if self.binary
                    else "%s(d, X + i, SX, p, q, out + i, so, shortp)") % exact[1]
            lines += ["    for (dn_index i = 0; i < n; i++) {",
                      "        " + point,
                      "        if (%s) {" % exact[0],
                      "            const int b = %s;" % call,
                      "            if (b < 0) return b;",
                      "            broken |= b;",
                      "        }",
                      "    }"]
        lines.append("    return broken;")
        lines.append("}")
        return "\n".join(lines)


    def _pad(self):
        """C text of the scratch row %d of the padded order-0 loops (after the constants)."""
        return "tmp + (size_t)(%d + %d * (d + 1)) * W + (size_t)(%d + %%d) * B" % (
            self.series, len(self.composed), self.consts)

    def low_orders(self, name, pads):
        """The C lines of a one-argument kernel at orders d <= 2: the rule's own chain rule,
        g_1 = f1 x_1, g_2 = f2 x_1^2 / 2 + f1 x_2, from one padded loop of the rule (as the
        order-0 loop, so the same bits wherever an element lies) and no recurrence: as
        fast as the hyper-dual loops. The coefficients are those the recurrences give where
        the field is an expression (the rule's values override its first two); an ODE's
        g_2, summed in another order there, may differ in the last bit."""
        pad = self._pad()
        return ["        if (d <= 2) {",
                "            const dn_index M = (m + DN_TAYLOR_LANES - 1) / DN_TAYLOR_LANES"
                " * DN_TAYLOR_LANES;"] + [
                "            double *%sp = %s;" % (v, pad % j) for j, v in enumerate(pads)] + [
                "            for (dn_index i = 0; i < M; i++) xp[i] = x[i < m ? i : m - 1];",
                "            for (dn_index i = 0; i < M; i++) {",
                "                const double x_i = xp[i];",
                "                const dn_jet J = dn_rule_%s(x_i, p, q);" % name,
                "                gp[i] = J.f0; f1p[i] = J.f1; f2p[i] = J.f2;",
                "            }",
                "            for (dn_index i = 0; i < m; i++) g[i] = gp[i];",
                "            if (d >= 1)",
                "                for (dn_index i = 0; i < m; i++)",
                "                    g[so + i] = f1p[i] * x[SX + i];",
                "            if (d == 2)",
                "                for (dn_index i = 0; i < m; i++)",
                "                    g[2 * so + i] = 0.5 * f2p[i] * x[SX + i] * x[SX + i]"
                " + f1p[i] * x[2 * SX + i];",
                "            continue;",
                "        }"]

    def order0_loop(self, pads):
        """The C lines of coefficient 0 of every node: one loop over the block's elements
        padded to a multiple of DN_TAYLOR_LANES with copies of its last element (x, y and
        g in scratch rows), so that the compiler's vector loop, with the C library's SIMD
        variants where dualnum._taylor has them (src/vector_math.h), takes every element and
        its scalar remainder none: an element's value then has the same bits wherever it
        lies, in a one-element series (the scalar type's) as in a block of 256."""
        pad = self._pad()
        lines = ["        {",
                 "            const dn_index M = (m + DN_TAYLOR_LANES - 1) / DN_TAYLOR_LANES"
                 " * DN_TAYLOR_LANES;"]
        lines += ["            double *%sp = %s;" % (v, pad % j) for j, v in enumerate(pads)]
        lines += ["            for (dn_index i = 0; i < M; i++) %sp[i] = %s[i < m ? i : m - 1];"
                  % (v, v) for v in pads if v != "g"]
        lines += ["            {",
                  "                " + " ".join("%s *%s = %sp;" % (
                      "double" if v == "g" else "const double", v, v) for v in pads),
                  "                for (dn_index i = 0; i < M; i++) {"]
        # the arguments read once, into locals: the compiler then knows that a rule's own
        # sin(x) and its node's are one call (a store to a scratch row between the two
        # might, for all it knows, have changed x[i])
        inputs = [v for v in pads if v != "g"]
        lines += ["                    const double %s_i = %s[i];" % (v, v) for v in inputs]
        lines += ["                    " + re.sub(r"\b(%s)\[i\]" % "|".join(inputs), r"\1_i",
                                                  entry) for entry in self.order0]
        lines += ["                }",
                  "            }",
                  "            for (dn_index i = 0; i < m; i++) g[i] = gp[i];",
                  "        }"]
        return lines


def kernel(rule, table):
    """The C function dn_taylor_rule_NAME of one rule (see the module), or None where its
    field is a whole-series kernel (see taylor_rules.h.in)."""
    spec = rule.taylor
    binary = hasattr(rule, "f")
    k = _Kernel(table, binary)
    near = exact = None
    if " | " in spec:
        spec, *tails = spec.split(" | ")
        for tail in tails:
            condition, _, function = tail.rpartition(":")
            condition, function = condition.strip(), function.strip()
            if condition.startswith("exact "):
                exact = (condition[len("exact "):].strip(), function)
            else:
                near = (condition, function)
        rule = rule._replace(taylor=spec)
    if binary:
        signature = BINARY_SIGNATURE
        prologue = ["const double *x = X + i0, *y = Y + i0;", "double *g = out + i0;",
                    "const int dx = dn__degree(d, m, x, SX), dy = dn__degree(d, m, y, SY);",
                    "(void)dx; (void)dy;"]
        args = [("x", "SX"), ("y", "SY")]
    else:
        signature = UNARY_SIGNATURE
        prologue = ["const double *x = X + i0;", "double *g = out + i0;",
                    "const int dx = dn__degree(d, m, x, SX);", "(void)dx;"]
        args = [("x", "SX")]
    k.rule(rule, args, ("p", "q"), out=("g", "so"))
    return k.render(rule.name, signature, prologue, near, exact)


UNARY_SIGNATURE = ("int d, dn_index n, const double *X, dn_index SX, double *out, "
                   "dn_index so, double p, double q, int *shortp")
BINARY_SIGNATURE = ("int d, dn_index n, const double *X, dn_index SX, const double *Y, "
                    "dn_index SY, double *out, dn_index so, double p, double q, int *shortp")


def whole(rule):
    """The C function of a rule whose field names a whole-series kernel of taylor.h."""
    kind, _, body = rule.taylor.partition(":")
    kind = kind.strip()
    binary = hasattr(rule, "f")
    head = ("static int dn_taylor_rule_%s(%s)\n{\n    (void)p; (void)q; (void)shortp; (void)SX;\n"
            % (rule.name, BINARY_SIGNATURE if binary else UNARY_SIGNATURE))
    if kind == "sqrt":
        return head + ("    const int status = dn_taylor_sqrt_full(d, n, X, SX, out, so, shortp);\n"
                       "    dn__undefined(d, n, X, SX, NULL, 0, out, so);\n    return status;\n}")
    if kind == "power":
        return head + ("    const int status = dn_taylor_power(d, n, X, SX, p, out, so, shortp);\n"
                       "    dn__undefined(d, n, X, SX, NULL, 0, out, so);\n    return status;\n}")
    if kind == "kink":
        lo, hi = (t.strip() for t in body.split(","))
        return head + "    return dn_taylor_kink(d, n, X, SX, %s, %s, out, so);\n}" % (lo, hi)
    if kind in ("larger", "smaller"):
        return head + "    return dn_taylor_choose(d, n, X, SX, Y, SY, %d, out, so);\n}" % (
            kind == "larger")
    if kind == "jump":  # constant beyond coefficient 0 (the table's derivative 0)
        return head + ("    for (dn_index i = 0; i < n; i++) {\n"
                       "        out[i] = dn_rule_%s(X[i], p, q).f0;\n"
                       "        for (int k = 1; k <= d; k++) out[k * so + i] = 0.0;\n"
                       "    }\n    return 0;\n}" % rule.name)
    raise ValueError("rule %r: unknown taylor field %r" % (rule.name, rule.taylor))


def function(rule, table):
    """The C function dn_taylor_rule_NAME of a rule with a taylor field."""
    kind = rule.taylor.partition(":")[0].strip()
    return whole(rule) if kind in WHOLE_SERIES else kernel(rule, table)
