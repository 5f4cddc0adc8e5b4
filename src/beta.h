/* The beta function B(a, b) = Gamma(a) Gamma(b) / Gamma(a + b) (DLMF 5.12.1) and its log
   log|B| (SciPy's betaln), with their first and second partials: with s = a + b,
   D_a = psi(a) - psi(s), T_a = psi'(a) - psi'(s) (and alike for b),
     B_a = B D_a,  B_aa = B (D_a^2 + T_a),  B_ab = B (D_a D_b - psi'(s))   (DLMF 5.15.1),
     (log B)_a = D_a,  (log B)_aa = T_a,  (log B)_ab = -psi'(s).
   Where a, b and s are positive, D and T come from sums and an asymptotic series without
   cancellation (dn__psi_differences), so that psi(a) - psi(a + b) keeps its ulps when b is
   much smaller than a. B itself is Gamma(a) Gamma(b) rgamma(s) in long double (rgamma.h:
   rgamma is entire, so s at a pole of Gamma gives B = 0 and finite partials from
   rgamma's derivatives); past the range of tgammal, log Gamma(a) - log Gamma(s) comes from
   Stirling's series (DLMF 5.11.1) written with log1p(b/a).
   Poles (a or b in {0, -1, -2, ...}) follow SciPy: the limit along the other argument where
   Gamma(a)/Gamma(a + b) has one (b a positive integer with a + b <= 0), else +inf; no
   derivative exists there (NaN). */
#ifndef DUALNUM_BETA_H
#define DUALNUM_BETA_H
#include <math.h>
#include "chain.h"
#include "special.h"
#include "rgamma.h"

#define DN__BETA_ASYMPTOTIC 16.0   /* psi's asymptotic series from here on */
#define DN__BETA_TGAMMAL_MAX 1700.0   /* tgammal overflows long double at 1755 */

/* B_2k/(2k) for psi's asymptotic series (DLMF 5.11.2), k = 1..8; at x >= 16 the term k = 9
   is below 2^-64 of psi' - 1/x. */
static const double dn__beta_bern[8] = {
    1.0 / 12.0, -1.0 / 120.0, 1.0 / 252.0, -1.0 / 240.0, 1.0 / 132.0,
    -691.0 / 32760.0, 1.0 / 12.0, -3617.0 / 8160.0};

/* d1 = psi(x) - psi(x + y), d2 = psi'(x) - psi'(x + y) for x > 0, x + y > 0: the recurrence
   psi(x) = psi(x + 1) - 1/x (DLMF 5.5.2) moves both arguments past 16, each step adding
   t = 1/x - 1/(x + y) = y / (x (x + y)) (and t (1/x + 1/(x + y)) to d2): terms of one sign,
   no cancellation. There psi's asymptotic series is differenced term by term, each
   difference as X^-m expm1(-m log1p(y/X)), which keeps its ulps for y << X. */
static inline void dn__psi_differences(double x, double y, double *d1, double *d2)
{
    double X = x, e1 = 0.0, e2 = 0.0, t, u, l, p, q;
    int k;
    while (X < DN__BETA_ASYMPTOTIC || X + y < DN__BETA_ASYMPTOTIC) {
        t = (y / (X + y)) / X;
        e1 -= t;
        e2 += t * (1.0 / X + 1.0 / (X + y));
        X += 1.0;
    }
    u = y / X;
    l = log1p(u);
    t = (y / (X + y)) / X;
    e1 += -l - 0.5 * t;
    e2 += t + 0.5 * t * (1.0 / X + 1.0 / (X + y));
    p = 1.0 / (X * X);
    q = p;
    for (k = 0; k < 8; k++) {
        e1 += dn__beta_bern[k] * q * expm1(-(2.0 * k + 2.0) * l);
        e2 -= dn__beta_bern[k] * (2.0 * k + 2.0) * (q / X) * expm1(-(2.0 * k + 3.0) * l);
        q *= p;
    }
    *d1 = e1;
    *d2 = e2;
}

/* log Gamma(x) - log Gamma(x + y) for x, x + y >= 1700 (Stirling's series, DLMF 5.11.1):
   -y log x - (x + y - 1/2) log1p(y/x) + y + c(x) - c(x + y), c(z) = 1/(12 z) - 1/(360 z^3),
   in long double; the next term of c is below 2^-64 of c there. */
static inline long double dn__lgamma_difference(double x, double y)
{
    long double X = x, Y = y, S = X + Y, l = log1pl(Y / X);
    long double c = 1.0L / (12.0L * X) - 1.0L / (12.0L * S)
                    - 1.0L / (360.0L * X * X * X) + 1.0L / (360.0L * S * S * S);
    return (-Y * logl(X) - X * l + Y) - (Y - 0.5L) * l + c;
}

/* sign of Gamma(x) at a non-pole x, and log|Gamma(x)| in long double */
static inline long double dn__lgamma_signed(double x, int *sign)
{
    *sign = (x > 0.0 || fmod(floor(x), 2.0) == 0.0) ? 1 : -1;
    return lgammal((long double)x);
}

static inline int dn__is_pole(double x)
{
    return x <= 0.0 && x == floor(x);
}

/* SciPy's value at a pole of Gamma(a) (cephes beta_negint): (-1)^b B(1 - a - b, b) where b
   is an integer with 1 - a - b > 0, else +inf. */
static inline double dn__beta_at_pole(double a, double b)
{
    double r;
    if (b != floor(b) || 1.0 - a - b <= 0.0) return INFINITY;
    r = (double)(tgammal(1.0L - a - b) * tgammal(b) / tgammal(1.0L - a));
    return fmod(b, 2.0) == 0.0 ? r : -r;
}

/* The parts shared by beta and betaln at a point off the poles of a and b: log|B| or B (in
   long double, with its sign), D_a, D_b, T_a, T_b, psi'(s); at a pole of Gamma(s) (B = 0)
   the partials of B from rgamma's: *at_zero set, g = Gamma(a) Gamma(b), r1, r2 = rgamma',
   rgamma'' at s. */
typedef struct {
    long double value, logabs, g;
    double da, db, ta, tb, tris, psia, psib, r1, r2;
    int sign, at_zero;
} dn__beta_parts;

static inline void dn__beta_shared(double a, double b, dn__beta_parts *p)
{
    double s = a + b, bb = s - a, lo = (a - (s - bb)) + (b - bb), r0, r1, r2, psis;
    int sa, sb;
    p->at_zero = 0;
    p->psia = dn_digamma(a);
    p->psib = dn_digamma(b);
    if (s > 0.0 && a > 0.0 && b > 0.0) {
        dn__psi_differences(a, b, &p->da, &p->ta);
        dn__psi_differences(b, a, &p->db, &p->tb);
        p->tris = a >= b ? dn_trigamma(a) - p->ta : dn_trigamma(b) - p->tb;
    }
    /* rgamma and its derivatives at s + lo (first order in lo: s rounds) */
    dn_rgamma_jet(s, &r0, &r1, &r2);
    r0 += r1 * lo;
    r1 += r2 * lo;
    p->r1 = r1;
    p->r2 = r2;
    if (!(s > 0.0 && a > 0.0 && b > 0.0)) {
        /* s <= 0: psi(s) = -r'/r, psi'(s) = (r'^2 - r r'')/r^2, smooth through the poles of
           s; s > 0 (where r may underflow): psi and psi' at s, corrected by lo */
        p->tris = s > 0.0 ? dn_trigamma(s) : (r1 / r0) * (r1 / r0) - r2 / r0;
        psis = s > 0.0 ? dn_digamma(s) + p->tris * lo : -r1 / r0;
        p->da = p->psia - psis;
        p->db = p->psib - psis;
        p->ta = dn_trigamma(a) - p->tris;
        p->tb = dn_trigamma(b) - p->tris;
    }
    if (fabs(a) < DN__BETA_TGAMMAL_MAX && fabs(b) < DN__BETA_TGAMMAL_MAX) {
        p->g = tgammal(a) * tgammal(b);
        p->value = p->g * r0;
        p->at_zero = r0 == 0.0;
        p->sign = p->value < 0.0L ? -1 : 1;
        p->logabs = logl(fabsl(p->value));
        if (isfinite((double)p->logabs) || p->at_zero) return;
    }
    /* beyond tgammal: a >= b with a and s large (Stirling), else log|Gamma| of each */
    if (a < b) {
        double t = a;
        a = b;
        b = t;
    }
    if (a >= DN__BETA_TGAMMAL_MAX && s >= DN__BETA_TGAMMAL_MAX) {
        p->logabs = dn__lgamma_difference(a, b) + dn__lgamma_signed(b, &sb);
        p->sign = sb;
    } else {
        p->logabs = dn__lgamma_signed(a, &sa) + dn__lgamma_signed(b, &sb)
                    - dn__lgamma_signed(s, &p->sign);
        p->sign *= sa * sb;
    }
    p->value = p->sign * expl(p->logabs);
}

static inline dn_jet2 dn_beta_jet(double a, double b)
{
    dn_jet2 j = {0};
    dn__beta_parts p;
    long double v;
    if (isnan(a) || isnan(b) || dn__is_pole(a) || dn__is_pole(b)) {
        j.f = isnan(a) || isnan(b) ? NAN
              : dn__is_pole(a) ? dn__beta_at_pole(a, b) : dn__beta_at_pole(b, a);
        j.fx = j.fy = j.fxx = j.fxy = j.fyy = NAN;
        return j;
    }
    dn__beta_shared(a, b, &p);
    v = p.value;
    j.f = (double)v;
    if (p.at_zero) {   /* B = g rgamma(s) with rgamma(s) = 0: DLMF 5.15.1 of g, times r', r'' */
        j.fx = (double)(p.g * p.r1);
        j.fy = j.fx;
        j.fxx = (double)(p.g * (2.0 * p.psia * p.r1 + p.r2));
        j.fxy = (double)(p.g * ((p.psia + p.psib) * p.r1 + p.r2));
        j.fyy = (double)(p.g * (2.0 * p.psib * p.r1 + p.r2));
        return j;
    }
    j.fx = (double)(v * p.da);
    j.fy = (double)(v * p.db);
    j.fxx = (double)(v * ((long double)p.da * p.da + p.ta));
    j.fxy = (double)(v * ((long double)p.da * p.db - p.tris));
    j.fyy = (double)(v * ((long double)p.db * p.db + p.tb));
    return j;
}

static inline dn_jet2 dn_betaln_jet(double a, double b)
{
    dn_jet2 j = {0};
    dn__beta_parts p;
    if (isnan(a) || isnan(b) || dn__is_pole(a) || dn__is_pole(b)) {
        j.f = isnan(a) || isnan(b) ? NAN : log(fabs(
            dn__is_pole(a) ? dn__beta_at_pole(a, b) : dn__beta_at_pole(b, a)));
        j.fx = j.fy = j.fxx = j.fxy = j.fyy = NAN;
        return j;
    }
    dn__beta_shared(a, b, &p);
    j.f = (double)p.logabs;
    if (p.at_zero) {   /* log 0: no derivative */
        j.fx = j.fy = j.fxx = j.fxy = j.fyy = NAN;
        return j;
    }
    j.fx = p.da;
    j.fy = p.db;
    j.fxx = p.ta;
    j.fxy = -p.tris;
    j.fyy = p.tb;
    return j;
}

#endif
