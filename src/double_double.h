/* Double-double arithmetic: an unevaluated sum hi + lo of two doubles, about 106 bits
   (Dekker 1971; the error-free transformations of Knuth's two-sum and of fma for the
   product). For sums whose terms cancel by many digits (the power series of the Bessel
   functions, bessel_jy.h). An infinite or NaN hi is passed on with lo = 0, so that an overflow
   stays an infinity rather than becoming inf - inf = NaN in the error terms. */
#ifndef DUALNUM_DOUBLE_DOUBLE_H
#define DUALNUM_DOUBLE_DOUBLE_H
#include <math.h>

typedef struct { double hi, lo; } dn_dd;

/* a + b exactly, as hi + lo (Knuth's two-sum). */
static inline dn_dd dn_dd_make(double a, double b)
{
    dn_dd r;
    double bb;
    r.hi = a + b;
    bb = r.hi - a;
    r.lo = isfinite(r.hi) ? (a - (r.hi - bb)) + (b - bb) : 0.0;
    return r;
}

static inline double dn_dd_value(dn_dd a) { return a.hi + a.lo; }

static inline dn_dd dn_dd_add(dn_dd a, dn_dd b)
{
    dn_dd s = dn_dd_make(a.hi, b.hi);
    return dn_dd_make(s.hi, s.lo + (a.lo + b.lo));
}

static inline dn_dd dn_dd_neg(dn_dd a)
{
    a.hi = -a.hi;
    a.lo = -a.lo;
    return a;
}

static inline dn_dd dn_dd_mul(dn_dd a, dn_dd b)
{
    double p = a.hi * b.hi;
    if (!isfinite(p) || p == 0.0) return dn_dd_make(p, 0.0);
    return dn_dd_make(p, fma(a.hi, b.hi, -p) + (a.hi * b.lo + a.lo * b.hi));
}

static inline dn_dd dn_dd_mul_d(dn_dd a, double b)
{
    dn_dd d = {b, 0.0};
    return dn_dd_mul(a, d);
}

/* a / b: the quotient of the his, corrected by the remainder a - q b. */
static inline dn_dd dn_dd_div(dn_dd a, dn_dd b)
{
    double q = a.hi / b.hi;
    dn_dd r;
    if (!isfinite(q) || q == 0.0) return dn_dd_make(q, 0.0);
    r = dn_dd_add(a, dn_dd_neg(dn_dd_mul_d(b, q)));
    return dn_dd_make(q, dn_dd_value(r) / b.hi);
}

/* x^e for an integer e, by repeated products (|e| is small where bessel_jy.h calls it). */
static inline dn_dd dn_dd_powi(double x, int e)
{
    dn_dd r = {1.0, 0.0}, b = {x, 0.0};
    int i, n = e < 0 ? -e : e;
    for (i = 0; i < n; i++) r = dn_dd_mul(r, b);
    if (e < 0) {
        dn_dd one = {1.0, 0.0};
        r = dn_dd_div(one, r);
    }
    return r;
}

#endif
