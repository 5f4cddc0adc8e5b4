/* generated from rules.h.in and tests/golden/table.py by src/generate.py: edit those, not this */
/* Each rule returns g, g', g'' at the real point x (p, q: the rule's parameters, in the
   table's order; 0 where it has fewer); each two-argument rule returns g(x, y) and its first
   and second partials. */
#ifndef DUALNUM_RULES_H
#define DUALNUM_RULES_H
#include <math.h>
#include "chain.h"
#include "constants.h"
#include "helpers.h"
#include "special.h"
#include "polygamma.h"
#include "special_scipy.h"
#include "incomplete.h"
#include "rgamma.h"
#include "log_ndtr.h"
#include "beta.h"

static inline dn_jet dn_rule_tanh(double x, double p, double q)
{
    (void)p;
    (void)q;
    double c = cosh(x);
    const double f0 = tanh(x);
    const double f1 = 1.0 / (c * c);
    const double f2 = -2.0 * f0 * f1;
    const double below = 0.0;
    const double above = 0.0;
    dn_jet g = {f0, f1, f2, below, above};
    return g;
}

static inline dn_jet dn_rule_arcsin(double x, double p, double q)
{
    (void)p;
    (void)q;
    const double f0 = asin(x);
    const double f1 = 1.0 / sqrt((1.0 - x) * (1.0 + x));
    const double f2 = x * f1 * f1 * f1;
    const double below = 0.0;
    const double above = 0.0;
    dn_jet g = {f0, f1, f2, below, above};
    return g;
}

static inline dn_jet dn_rule_log2(double x, double p, double q)
{
    (void)p;
    (void)q;
    const double f0 = log2(x);
    const double f1 = 1.0 / (DN_LN2 * x);
    const double f2 = -f1 / x;
    const double below = 0.0;
    const double above = 0.0;
    dn_jet g = {f0, f1, f2, below, above};
    return g;
}

static inline dn_jet dn_rule_sqrt(double x, double p, double q)
{
    (void)p;
    (void)q;
    const double f0 = sqrt(x);
    const double f1 = 0.5 / f0;
    const double f2 = -0.5 * f1 / x;
    const double below = 0.0;
    const double above = 0.0;
    dn_jet g = {f0, f1, f2, below, above};
    return g;
}

static inline dn_jet dn_rule_scaled_exp(double x, double p, double q)
{
    (void)p;
    (void)q;
    const double f0 = exp(p * x);
    const double f1 = p * f0;
    const double f2 = p * f1;
    const double below = 0.0;
    const double above = 0.0;
    dn_jet g = {f0, f1, f2, below, above};
    return g;
}

static inline dn_jet dn_rule_erf(double x, double p, double q)
{
    (void)p;
    (void)q;
    const double f0 = erf(x);
    const double f1 = DN_2_SQRTPI * dn_exp_neg_square(x, 1.0);
    const double f2 = -2.0 * x * f1;
    const double below = 0.0;
    const double above = 0.0;
    dn_jet g = {f0, f1, f2, below, above};
    return g;
}

static inline dn_jet dn_rule_ndtri(double x, double p, double q)
{
    (void)p;
    (void)q;
    const double f0 = dn_sp_ndtri(x);
    const double f1 = dn_ndtri_slope(x, f0);
    const double f2 = (f0 * f1) * f1;
    const double below = 0.0;
    const double above = 0.0;
    dn_jet g = {f0, f1, f2, below, above};
    return g;
}

static inline dn_jet dn_rule_ive(double x, double p, double q)
{
    (void)p;
    (void)q;
    const double f0 = dn_sp_ive(p, x);
    const double f1 = dn_sp_ive(p - 1.0, x) - (p / x + 1.0) * f0;
    const double f2 = 0.0;
    const double below = 0.0;
    const double above = 0.0;
    dn_jet g = {f0, f1, f2, below, above};
    return g;
}

static inline dn_jet dn_rule_absolute(double x, double p, double q)
{
    (void)p;
    (void)q;
    const double f0 = fabs(x);
    const double f1 = dn_kink(x, 0.0, -1.0, 1.0);
    const double f2 = x == 0.0 ? NAN : 0.0;
    const double below = x == 0.0 ? -1.0 : 0.0;
    const double above = x == 0.0 ? 1.0 : 0.0;
    dn_jet g = {f0, f1, f2, below, above};
    return g;
}

static inline dn_jet2 dn_rule_multiply(double x, double y)
{
    const double f = x * y;
    const double fx = y;
    const double fy = x;
    const double fxx = 0.0;
    const double fxy = 1.0;
    const double fyy = 0.0;
    const double tie = 0.0;
    const double origin = 0.0;
    dn_jet2 g = {f, fx, fy, fxx, fxy, fyy, tie, origin};
    return g;
}

static inline dn_jet2 dn_rule_hypot(double x, double y)
{
    const double f = hypot(x, y);
    const double fx = f == 0.0 ? 0.0 : x / f;
    const double fy = f == 0.0 ? 0.0 : y / f;
    const double fxx = f == 0.0 ? 0.0 : fy * fy / f;
    const double fxy = f == 0.0 ? 0.0 : -fx * fy / f;
    const double fyy = f == 0.0 ? 0.0 : fx * fx / f;
    const double tie = 0.0;
    const double origin = f == 0.0 ? 1.0 : 0.0;
    dn_jet2 g = {f, fx, fy, fxx, fxy, fyy, tie, origin};
    return g;
}

static inline dn_jet2 dn_rule_xlogy(double x, double y)
{
    const double f = x == 0.0 && !isnan(y) ? 0.0 : x * log(y);
    const double fx = log(y);
    const double fy = x == 0.0 ? 0.0 : x / y;
    const double fxx = 0.0;
    const double fxy = 1.0 / y;
    const double fyy = x == 0.0 ? 0.0 : -dn_div_square(x, y);
    const double tie = 0.0;
    const double origin = 0.0;
    dn_jet2 g = {f, fx, fy, fxx, fxy, fyy, tie, origin};
    return g;
}

static inline dn_jet2 dn_rule_maximum(double x, double y)
{
    const double f = fmax(x, y);
    const double fx = dn_kink(x, y, 0.0, 1.0);
    const double fy = dn_kink(y, x, 0.0, 1.0);
    const double fxx = x == y ? NAN : 0.0;
    const double fxy = fxx;
    const double fyy = fxx;
    const double tie = x == y ? (1.0) - (0.0) : 0.0;
    const double origin = 0.0;
    dn_jet2 g = {f, fx, fy, fxx, fxy, fyy, tie, origin};
    return g;
}

#endif
