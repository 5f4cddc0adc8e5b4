/* The algebra of dual and hyper-dual numbers in plain C: the two chain rules.

   A rule (rules.h, generated from src/rules_table.py) gives g, g', g'' at a real point;
   the chain rules here lift it to
       g(a + b e)                = g(a) + g'(a) b e
       g(a + b e1 + c e2 + d e12) = g(a) + g'(a) b e1 + g'(a) c e2 + (g'(a) d + g''(a) b c) e12
   Products and quotients are two-argument rules of the table like any other (multiply,
   divide), lifted by the two-argument chain rules below.
   At a kink (rules.py: absolute, relu, maximum, hypot, ...) g'' does not exist and the rule
   gives the mean of the one-sided slopes and g'' = NaN, except where the argument's
   first-order parts vanish (b = c = 0): there the argument a + d e12 moves to one side of the
   kink only, that of the sign of d, and g(a + d e12) = g(a) + g'_{sign d}(a) d e12 exactly:
   g' d plus the jet's `cone` term (half the jump of g', times |d|).
   Every perturbation part goes through dn_scale, so a zero part stays exactly zero even where
   a derivative is infinite or NaN (sqrt(0), log(0), a negative base): a constant never turns
   into a NaN derivative. The scalar types and the array kernels share these functions, which
   is what makes them agree to the last bit. */
#ifndef DUALNUM_CHAIN_H
#define DUALNUM_CHAIN_H
#include <math.h>

/* g, g', g''; below, above: the one-sided slopes at a kink (both 0 elsewhere) */
typedef struct { double f0, f1, f2, below, above; } dn_jet;
/* g(x, y) and its partials; at a kink, the one-sided derivative along the second-order
   parts (dx, dy): `tie` (the jump of fx across x = y, 0 elsewhere) > 0 for a g that follows
   the larger argument beyond a tie (maximum), giving max(dx, dy), < 0 for the smaller one
   (minimum); `origin` (0 elsewhere) times hypot(dx, dy) for a cone at (0, 0) (hypot) */
typedef struct { double f, fx, fy, fxx, fxy, fyy, tie, origin; } dn_jet2;
typedef struct { double re, du; } dn_dual;
typedef struct { double re, e1, e2, e12; } dn_hyper;

/* The chain rules are inlined into every caller, so that a smooth rule's constant-0 kink
   fields fold away (the compiler's size heuristics would keep dn_hyper_apply out of line). */
#if defined(__GNUC__) || defined(__clang__)
#define DN_CHAIN static inline __attribute__((always_inline))
#else
#define DN_CHAIN static __forceinline
#endif

/* g * b, or a zero (of b's sign) when there is no perturbation b, even where g is inf or
   NaN. Written as a select of g, not of the product, so that array loops vectorise without
   computing (and flagging) inf * 0. */
static inline double dn_scale(double g, double b) { return (b == 0.0 ? 0.0 : g) * b; }

/* ---- outside the domain ---- */
/* Where g(a) is NaN but a is not (log, arctanh, logit of a point outside their domain), g
   has no derivatives there, though a rule's formulas may give numbers (1/a for log): every
   derivative is NaN, so that no derivative comes out a number beside a NaN value. So too
   where g'(a) is NaN (entr below 0, whose value is -inf by SciPy's convention): no second
   derivative either. A NaN argument keeps the rule's own jet (NaN parts, or 0 for floor);
   a zero perturbation part stays zero (dn_scale). Applied to every jet a rule gives (the
   chain rules below, the array loops), and by the arrays to the NumPy twins' jets
   (dualnum/arrays/container.py: _jet). */
DN_CHAIN dn_jet dn_defined(dn_jet g, double a)
{
    if ((isnan(g.f0) || isnan(g.f1)) && !isnan(a)) {
        g.f1 = NAN;
        g.f2 = NAN;
    }
    return g;
}

/* The same for a two-argument rule: every partial NaN where g(x, y) is NaN. */
DN_CHAIN dn_jet2 dn_defined2(dn_jet2 g, double x, double y)
{
    if (isnan(g.f) && !isnan(x) && !isnan(y)) {
        g.fx = g.fy = g.fxx = g.fxy = g.fyy = NAN;
    }
    return g;
}

/* ---- one-argument chain rules ---- */
DN_CHAIN double dn_chain_first(dn_jet g, double b) { return dn_scale(g.f1, b); }

/* g(a + d e12) - g(a) at a kink reached with no first-order parts: the one-sided slope on
   the side of d, read from its sign bit rather than by an ordered comparison, which on a NaN
   part would raise the invalid-value flag (and NumPy a warning). Out of line: the common
   paths below stay small enough to be inlined. */
static double dn_one_sided(dn_jet g, double d) { return (signbit(d) ? g.below : g.above) * d; }

DN_CHAIN double dn_chain_second(dn_jet g, double b, double c, double d)
{
    /* below and above are constant 0 for a smooth rule: the compiler drops the test */
    if (g.below != g.above && b == 0.0 && c == 0.0) return dn_one_sided(g, d);
    return dn_scale(g.f1, d) + dn_scale(g.f2, b * c);
}

/* The same for an entry of two different seeds (an array with directions: e1 and e2 seed
   variables t, s of a Hessian or hvp entry): at a kink reached with no first-order parts the
   argument moves by d t s, to either side of the kink as t s changes sign, so the entry has
   no value: NaN, but 0 for d = 0 (a zero perturbation stays zero). */
DN_CHAIN double dn_chain_second_mixed(dn_jet g, double b, double c, double d)
{
    if (g.below != g.above && b == 0.0 && c == 0.0 && d != 0.0) return NAN;
    return dn_chain_second(g, b, c, d);
}

DN_CHAIN dn_dual dn_dual_apply(dn_jet g, dn_dual x)
{
    g = dn_defined(g, x.re);
    dn_dual r = {g.f0, dn_chain_first(g, x.du)};
    return r;
}

DN_CHAIN dn_hyper dn_hyper_apply(dn_jet g, dn_hyper x)
{
    g = dn_defined(g, x.re);
    dn_hyper r = {g.f0, dn_chain_first(g, x.e1), dn_chain_first(g, x.e2),
                  dn_chain_second(g, x.e1, x.e2, x.e12)};
    return r;
}

/* ---- two-argument chain rules: x = (bx, cx, dx), y = (by, cy, dy) perturbations ---- */
DN_CHAIN double dn_chain2_first(dn_jet2 g, double bx, double by)
{
    return dn_scale(g.fx, bx) + dn_scale(g.fy, by);
}

/* The same for a two-argument kink: the one-sided derivative along (dx, dy), the larger of
   dx, dy (dy - dx < 0: dx) for tie > 0, the smaller for tie < 0, or origin hypot(dx, dy). */
static double dn_one_sided2(dn_jet2 g, double dx, double dy)
{
    if (g.tie != 0.0) return (g.tie > 0.0) == (signbit(dy - dx) != 0) ? dx : dy;
    return g.origin * hypot(dx, dy);
}

DN_CHAIN double dn_chain2_second(dn_jet2 g, double bx, double cx, double dx,
                                      double by, double cy, double dy)
{
    if ((g.tie != 0.0 || g.origin != 0.0) && bx == 0.0 && cx == 0.0 && by == 0.0 && cy == 0.0)
        return dn_one_sided2(g, dx, dy);
    return dn_scale(g.fx, dx) + dn_scale(g.fy, dy) + dn_scale(g.fxx, bx * cx)
         + dn_scale(g.fxy, bx * cy + by * cx) + dn_scale(g.fyy, by * cy);
}

/* The same for an entry of two different seeds (see dn_chain_second_mixed). */
DN_CHAIN double dn_chain2_second_mixed(dn_jet2 g, double bx, double cx, double dx,
                                       double by, double cy, double dy)
{
    if ((g.tie != 0.0 || g.origin != 0.0) && bx == 0.0 && cx == 0.0 && by == 0.0 && cy == 0.0
        && (dx != 0.0 || dy != 0.0))
        return NAN;
    return dn_chain2_second(g, bx, cx, dx, by, cy, dy);
}

DN_CHAIN dn_dual dn_dual_apply2(dn_jet2 g, dn_dual x, dn_dual y)
{
    g = dn_defined2(g, x.re, y.re);
    dn_dual r = {g.f, dn_chain2_first(g, x.du, y.du)};
    return r;
}

DN_CHAIN dn_hyper dn_hyper_apply2(dn_jet2 g, dn_hyper x, dn_hyper y)
{
    g = dn_defined2(g, x.re, y.re);
    dn_hyper r = {g.f, dn_chain2_first(g, x.e1, y.e1), dn_chain2_first(g, x.e2, y.e2),
                  dn_chain2_second(g, x.e1, x.e2, x.e12, y.e1, y.e2, y.e12)};
    return r;
}

#endif
