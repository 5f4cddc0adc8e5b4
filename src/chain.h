/* The algebra of dual and hyper-dual numbers in plain C: the two chain rules.

   A rule (rules.h, generated from src/rules_table.py) gives g, g', g'' at a real point;
   the chain rules here lift it to
       g(a + b e)                = g(a) + g'(a) b e
       g(a + b e1 + c e2 + d e12) = g(a) + g'(a) b e1 + g'(a) c e2 + (g'(a) d + g''(a) b c) e12
   Products and quotients are two-argument rules of the table like any other (multiply,
   divide), lifted by the two-argument chain rules below.
   Every perturbation part goes through dn_scale, so a zero part stays exactly zero even where
   a derivative is infinite or NaN (sqrt(0), log(0), a negative base): a constant never turns
   into a NaN derivative. The scalar types and the array kernels share these functions, which
   is what makes them agree to the last bit. */
#ifndef DUALNUM_CHAIN_H
#define DUALNUM_CHAIN_H
#include <math.h>

typedef struct { double f0, f1, f2; } dn_jet;                     /* g, g', g'' */
typedef struct { double f, fx, fy, fxx, fxy, fyy; } dn_jet2;      /* g(x, y) and partials */
typedef struct { double re, du; } dn_dual;
typedef struct { double re, e1, e2, e12; } dn_hyper;

/* g * b, or a zero (of b's sign) when there is no perturbation b, even where g is inf or
   NaN. Written as a select of g, not of the product, so that array loops vectorise without
   computing (and flagging) inf * 0. */
static inline double dn_scale(double g, double b) { return (b == 0.0 ? 0.0 : g) * b; }

/* ---- one-argument chain rules ---- */
static inline double dn_chain_first(dn_jet g, double b) { return dn_scale(g.f1, b); }

static inline double dn_chain_second(dn_jet g, double b, double c, double d)
{
    return dn_scale(g.f1, d) + dn_scale(g.f2, b * c);
}

static inline dn_dual dn_dual_apply(dn_jet g, dn_dual x)
{
    dn_dual r = {g.f0, dn_chain_first(g, x.du)};
    return r;
}

static inline dn_hyper dn_hyper_apply(dn_jet g, dn_hyper x)
{
    dn_hyper r = {g.f0, dn_chain_first(g, x.e1), dn_chain_first(g, x.e2),
                  dn_chain_second(g, x.e1, x.e2, x.e12)};
    return r;
}

/* ---- two-argument chain rules: x = (bx, cx, dx), y = (by, cy, dy) perturbations ---- */
static inline double dn_chain2_first(dn_jet2 g, double bx, double by)
{
    return dn_scale(g.fx, bx) + dn_scale(g.fy, by);
}

static inline double dn_chain2_second(dn_jet2 g, double bx, double cx, double dx,
                                      double by, double cy, double dy)
{
    return dn_scale(g.fx, dx) + dn_scale(g.fy, dy) + dn_scale(g.fxx, bx * cx)
         + dn_scale(g.fxy, bx * cy + by * cx) + dn_scale(g.fyy, by * cy);
}

static inline dn_dual dn_dual_apply2(dn_jet2 g, dn_dual x, dn_dual y)
{
    dn_dual r = {g.f, dn_chain2_first(g, x.du, y.du)};
    return r;
}

static inline dn_hyper dn_hyper_apply2(dn_jet2 g, dn_hyper x, dn_hyper y)
{
    dn_hyper r = {g.f, dn_chain2_first(g, x.e1, y.e1), dn_chain2_first(g, x.e2, y.e2),
                  dn_chain2_second(g, x.e1, x.e2, x.e12, y.e1, y.e2, y.e12)};
    return r;
}

#endif
