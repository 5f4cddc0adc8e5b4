/* Taylor arithmetic of any order: the recurrences of normalised Taylor coefficients
   (u_k = u^(k)(t0) / k!) for products, quotients, powers, exp, log, sin/cos and sqrt
   (Griewank and Walther, "Evaluating Derivatives", 2nd ed., SIAM 2008, section 13.2,
   Table 13.2), O(d^2) operations each.

   Layout: a series of n elements holds its coefficient k of element i at u[k * s + i] (a
   structure of arrays: coefficient k of every element contiguous, s >= n the distance
   between coefficients). Each function works through the elements in blocks of
   DN_TAYLOR_BLOCK, with the element loop innermost, so that the compiler vectorises the
   sums across elements and a block's coefficients stay in the cache. The output may not
   overlap the inputs. Free of Python objects: callable without the GIL. */
#ifndef DN_TAYLOR_H
#define DN_TAYLOR_H

#include <math.h>
#include <stddef.h>
#include <stdlib.h>

#define DN_TAYLOR_BLOCK 256
/* The widest vector of doubles (AVX-512's 8; SSE2's 2 and AVX2's 4 divide it): the rule
   kernels' order-0 loops run over a multiple of it (src/taylor_compile.py) */
#define DN_TAYLOR_LANES 8

/* The whole-series kernels and the rule kernels (taylor_rules.h) are compiled for AVX-512,
   AVX2 and the baseline, the CPU picking one at load time (GCC's and Clang's
   target_clones, x86-64 with the GNU C library's ifuncs): their element loops are sums of
   products, which the wider vectors run 2 to 4 times faster. a*b + c stays unfused
   (-ffp-contract=off), so every version rounds alike and a result's bits do not depend on
   the CPU, nor differ from the scalar type's, which runs the same steps on one element. */
#if defined(__x86_64__) && defined(__GNUC__) && defined(__linux__) && defined(__has_attribute)
#if __has_attribute(target_clones)
#define DN_TAYLOR_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#endif
#endif
#ifndef DN_TAYLOR_CLONES
#define DN_TAYLOR_CLONES
#endif

/* The one-coefficient steps below are always inlined: an out-of-line copy would be compiled
   for the baseline instruction set only, not for the caller's clone */
#if defined(__GNUC__)
#define DN_TK_STEP static inline __attribute__((always_inline))
#else
#define DN_TK_STEP static inline
#endif

typedef ptrdiff_t dn_index;

/* For each block of elements [i0, i0 + m) of n, the body (the remaining arguments: a
   block of statements, which may hold commas) with i0 and m. */
#define DN_BLOCKS(n, ...)                                                    \
    for (dn_index i0 = 0; i0 < (n); i0 += DN_TAYLOR_BLOCK) {                 \
        dn_index m = (n) - i0 < DN_TAYLOR_BLOCK ? (n) - i0 : DN_TAYLOR_BLOCK; \
        __VA_ARGS__                                                          \
    }

/* ---- one coefficient at a time ----
   The steps below compute coefficient k >= 1 (for add, mul, div and their kin also k = 0) of
   a result for a block of m elements from the coefficients 0..k of its arguments and
   0..k-1 of itself: the order in which a composite function's nodes meet (src/generate.py
   renders the rule kernels, src/taylor_rules.h, as sequences of these steps). A series is a
   pointer and its stride s: coefficient k of element i at a[k * s + i]. */
#define DN_AT(a, s, k) ((a) + (dn_index)(k) * (s))

/* c_k = a_k + b_k */
DN_TK_STEP void dn_tk_add(int k, dn_index m, const double *a, dn_index sa,
                             const double *b, dn_index sb, double *c, dn_index sc)
{
    const double *x = DN_AT(a, sa, k), *y = DN_AT(b, sb, k);
    double *o = DN_AT(c, sc, k);
    for (dn_index i = 0; i < m; i++) o[i] = x[i] + y[i];
}

/* c_k = a_k - b_k */
DN_TK_STEP void dn_tk_sub(int k, dn_index m, const double *a, dn_index sa,
                             const double *b, dn_index sb, double *c, dn_index sc)
{
    const double *x = DN_AT(a, sa, k), *y = DN_AT(b, sb, k);
    double *o = DN_AT(c, sc, k);
    for (dn_index i = 0; i < m; i++) o[i] = x[i] - y[i];
}

/* c_k = -a_k */
DN_TK_STEP void dn_tk_neg(int k, dn_index m, const double *a, dn_index sa, double *c,
                             dn_index sc)
{
    const double *x = DN_AT(a, sa, k);
    double *o = DN_AT(c, sc, k);
    for (dn_index i = 0; i < m; i++) o[i] = -x[i];
}

/* c_k = a_k */
DN_TK_STEP void dn_tk_copy(int k, dn_index m, const double *a, dn_index sa, double *c,
                              dn_index sc)
{
    const double *x = DN_AT(a, sa, k);
    double *o = DN_AT(c, sc, k);
    for (dn_index i = 0; i < m; i++) o[i] = x[i];
}

/* c = a + K for a constant K (per element): c_0 = a_0 + K, c_k = a_k */
DN_TK_STEP void dn_tk_addc(int k, dn_index m, const double *a, dn_index sa,
                              const double *K, double *c, dn_index sc)
{
    const double *x = DN_AT(a, sa, k);
    double *o = DN_AT(c, sc, k);
    if (k == 0) for (dn_index i = 0; i < m; i++) o[i] = x[i] + K[i];
    else for (dn_index i = 0; i < m; i++) o[i] = x[i];
}

/* c = K - a: c_0 = K - a_0, c_k = -a_k */
DN_TK_STEP void dn_tk_csub(int k, dn_index m, const double *K, const double *a,
                              dn_index sa, double *c, dn_index sc)
{
    const double *x = DN_AT(a, sa, k);
    double *o = DN_AT(c, sc, k);
    if (k == 0) for (dn_index i = 0; i < m; i++) o[i] = K[i] - x[i];
    else for (dn_index i = 0; i < m; i++) o[i] = -x[i];
}

/* c = K a: c_k = K a_k */
DN_TK_STEP void dn_tk_scale(int k, dn_index m, const double *a, dn_index sa,
                               const double *K, double *c, dn_index sc)
{
    const double *x = DN_AT(a, sa, k);
    double *o = DN_AT(c, sc, k);
    for (dn_index i = 0; i < m; i++) o[i] = K[i] * x[i];
}

/* c = a / K: c_k = a_k / K */
DN_TK_STEP void dn_tk_divc(int k, dn_index m, const double *a, dn_index sa,
                              const double *K, double *c, dn_index sc)
{
    const double *x = DN_AT(a, sa, k);
    double *o = DN_AT(c, sc, k);
    for (dn_index i = 0; i < m; i++) o[i] = x[i] / K[i];
}

/* The degree of a series in a block: the highest k whose coefficient is not 0 in some
   element (NaN counts as not 0); 0 for a constant. The recurrences skip the terms of a
   argument's coefficients beyond it, which are exactly 0: a seed x + t has degree 1, and
   the functions of it then cost O(d) rather than O(d^2) operations. */
DN_TK_STEP int dn__degree(int d, dn_index m, const double *a, dn_index sa)
{
    for (int k = d; k > 0; k--) {
        /* a whole row at a time, with no exit inside it, so that the test vectorises */
        const double *x = DN_AT(a, sa, k);
        int nonzero = 0;
        for (dn_index i = 0; i < m; i++) nonzero |= x[i] != 0.0;
        if (nonzero) return k;
    }
    return 0;
}

#define DN__MIN(a, b) ((a) < (b) ? (a) : (b))
#define DN__MAX(a, b) ((a) > (b) ? (a) : (b))

/* c = a b (degrees da, db): c_k = sum_{j} a_j b_{k-j}, j from max(0, k - db) to
   min(k, da) */
DN_TK_STEP void dn_tk_mul(int k, dn_index m, const double *a, dn_index sa, int da,
                             const double *b, dn_index sb, int db, double *c, dn_index sc)
{
    double *o = DN_AT(c, sc, k);
    for (dn_index i = 0; i < m; i++) o[i] = 0.0;
    if (a == b && sa == sb) {
        /* a square: the terms j and k - j are equal, so each pair is summed once and
           doubled (exactly), halving the work */
        const int lo = DN__MAX(0, k - da);
        for (int j = lo; 2 * j < k; j++) {
            const double *x = DN_AT(a, sa, j), *y = DN_AT(a, sa, k - j);
            for (dn_index i = 0; i < m; i++) o[i] += x[i] * y[i];
        }
        for (dn_index i = 0; i < m; i++) o[i] *= 2.0;
        if (k % 2 == 0 && k / 2 <= da) {
            const double *x = DN_AT(a, sa, k / 2);
            for (dn_index i = 0; i < m; i++) o[i] += x[i] * x[i];
        }
        return;
    }
    for (int j = DN__MAX(0, k - db); j <= DN__MIN(k, da); j++) {
        const double *x = DN_AT(a, sa, j), *y = DN_AT(b, sb, k - j);
        for (dn_index i = 0; i < m; i++) o[i] += x[i] * y[i];
    }
}

/* c = a / b (b of degree db): c_k = (a_k - sum_{j=1..min(k, db)} b_j c_{k-j}) / b_0;
   a = NULL stands for the constant K (a_0 = K, a_k = 0: the series of K / b) */
DN_TK_STEP void dn_tk_div(int k, dn_index m, const double *a, dn_index sa,
                             const double *K, const double *b, dn_index sb, int db,
                             double *c, dn_index sc)
{
    double *o = DN_AT(c, sc, k);
    if (a != NULL) {
        const double *x = DN_AT(a, sa, k);
        for (dn_index i = 0; i < m; i++) o[i] = x[i];
    } else if (k == 0) {
        for (dn_index i = 0; i < m; i++) o[i] = K[i];
    } else {
        for (dn_index i = 0; i < m; i++) o[i] = 0.0;
    }
    for (int j = 1; j <= DN__MIN(k, db); j++) {
        const double *x = DN_AT(b, sb, j), *y = DN_AT(c, sc, k - j);
        for (dn_index i = 0; i < m; i++) o[i] -= x[i] * y[i];
    }
    for (dn_index i = 0; i < m; i++) o[i] /= b[i];
}

/* g with g' = psi a' (an ODE in the argument a, of degree da), k >= 1:
   g_k = sum_{j=1..min(k, da)} (j/k) a_j psi_{k-j}; psi's coefficients 0..k-1 must be
   known. exp is the ODE e' = e a'. */
DN_TK_STEP void dn_tk_ode(int k, dn_index m, const double *a, dn_index sa, int da,
                             const double *psi, dn_index sp, double *g, dn_index sg)
{
    double *o = DN_AT(g, sg, k);
    for (dn_index i = 0; i < m; i++) o[i] = 0.0;
    for (int j = 1; j <= DN__MIN(k, da); j++) {
        const double w = (double)j / k;
        const double *x = DN_AT(a, sa, j), *y = DN_AT(psi, sp, k - j);
        for (dn_index i = 0; i < m; i++) o[i] += w * x[i] * y[i];
    }
}

/* e = exp(a), k >= 1: e_k = sum_{j=1..k} (j/k) a_j e_{k-j} (from e' = e a') */
DN_TK_STEP void dn_tk_exp(int k, dn_index m, const double *a, dn_index sa, int da,
                             double *e, dn_index se)
{
    dn_tk_ode(k, m, a, sa, da, e, se, e, se);
}

/* g with g' = px a' + py b' (two arguments), k >= 1 */
DN_TK_STEP void dn_tk_ode2(int k, dn_index m, const double *a, dn_index sa, int da,
                              const double *px, dn_index spx, const double *b, dn_index sb,
                              int db, const double *py, dn_index spy, double *g, dn_index sg)
{
    double *o = DN_AT(g, sg, k);
    for (dn_index i = 0; i < m; i++) o[i] = 0.0;
    for (int j = 1; j <= k; j++) {
        const double w = (double)j / k;
        const double *x = DN_AT(a, sa, j), *y = DN_AT(px, spx, k - j);
        const double *u = DN_AT(b, sb, j), *v = DN_AT(py, spy, k - j);
        if (j <= da && j <= db)
            for (dn_index i = 0; i < m; i++) o[i] += w * x[i] * y[i] + w * u[i] * v[i];
        else if (j <= da)
            for (dn_index i = 0; i < m; i++) o[i] += w * x[i] * y[i];
        else if (j <= db)
            for (dn_index i = 0; i < m; i++) o[i] += w * u[i] * v[i];
    }
}

/* l = log(a), k >= 1: l_k = (a_k - sum_j (j/k) l_j a_{k-j}) / a_0, j from
   max(1, k - da) to k - 1 (a l' = a') */
DN_TK_STEP void dn_tk_log(int k, dn_index m, const double *a, dn_index sa, int da,
                             double *l, dn_index sl)
{
    double *o = DN_AT(l, sl, k);
    const double *a0 = a, *ak = DN_AT(a, sa, k);
    for (dn_index i = 0; i < m; i++) o[i] = ak[i];
    for (int j = DN__MAX(1, k - da); j < k; j++) {
        const double w = (double)j / k;
        const double *x = DN_AT(l, sl, j), *y = DN_AT(a, sa, k - j);
        for (dn_index i = 0; i < m; i++) o[i] -= w * x[i] * y[i];
    }
    for (dn_index i = 0; i < m; i++) o[i] /= a0[i];
}

/* s = sin(a), c = cos(a), k >= 1: s_k = sum_{j=1..min(k, da)} (j/k) a_j c_{k-j},
   c_k = -sum (j/k) a_j s_{k-j} (s' = c a', c' = -s a'); s and c of one stride */
DN_TK_STEP void dn_tk_sincos(int k, dn_index m, const double *a, dn_index sa, int da,
                                double *s, double *c, dn_index ss)
{
    double *sk = DN_AT(s, ss, k), *ck = DN_AT(c, ss, k);
    for (dn_index i = 0; i < m; i++) { sk[i] = 0.0; ck[i] = 0.0; }
    for (int j = 1; j <= DN__MIN(k, da); j++) {
        const double w = (double)j / k;
        const double *x = DN_AT(a, sa, j);
        const double *sy = DN_AT(s, ss, k - j), *cy = DN_AT(c, ss, k - j);
        for (dn_index i = 0; i < m; i++) {
            sk[i] += w * x[i] * cy[i];
            ck[i] -= w * x[i] * sy[i];
        }
    }
}

/* r = sqrt(a), k >= 1: r_k = (a_k - sum_{j=1..k-1} r_j r_{k-j}) / (2 r_0) (r r = a) */
DN_TK_STEP void dn_tk_sqrt(int k, dn_index m, const double *a, dn_index sa, double *r,
                              dn_index sr)
{
    double *o = DN_AT(r, sr, k);
    const double *r0 = r, *ak = DN_AT(a, sa, k);
    for (dn_index i = 0; i < m; i++) o[i] = ak[i];
    for (int j = 1; j < k; j++) {
        const double *x = DN_AT(r, sr, j), *y = DN_AT(r, sr, k - j);
        for (dn_index i = 0; i < m; i++) o[i] -= x[i] * y[i];
    }
    for (dn_index i = 0; i < m; i++) o[i] /= 2.0 * r0[i];
}

/* y = a^p for a constant p and a_0 != 0, k >= 1:
   y_k = sum_{j=1..min(k, da)} (p j - (k - j)) / k a_j y_{k-j} / a_0 (a y' = p y a');
   for an integer p >= 0, a polynomial of degree p da: exactly 0 beyond (the recurrence's
   terms cancel there, to rounding that the orders above would amplify) */
DN_TK_STEP void dn_tk_pow(int k, dn_index m, const double *a, dn_index sa, int da,
                             double p, double *y, dn_index sy)
{
    double *o = DN_AT(y, sy, k);
    const double *a0 = a;
    for (dn_index i = 0; i < m; i++) o[i] = 0.0;
    if (p >= 0.0 && p == floor(p) && (double)k > p * da) return;
    for (int j = 1; j <= DN__MIN(k, da); j++) {
        const double w = (p * j - (k - j)) / k;
        const double *x = DN_AT(a, sa, j), *v = DN_AT(y, sy, k - j);
        for (dn_index i = 0; i < m; i++) o[i] += w * x[i] * v[i];
    }
    for (dn_index i = 0; i < m; i++) o[i] /= a0[i];
}

/* g = f(a) from f's Taylor coefficients c_0..c_d at a_0 (per element: coefficient j of
   element i at c[j * B + i], B the block's stride), k >= 1:
   g_k = sum_{l=1..k} c_l [(a - a_0)^l]_k. P holds the powers (a - a_0)^l, l = 1..d, each a
   series of stride B (power l at P + (l - 1) (d + 1) B); their coefficient k is made here:
   [P_1]_k = a_k, [P_l]_k = sum_{j=1..k-l+1} a_j [P_(l-1)]_(k-j) (P_l starts at t^l). */
DN_TK_STEP void dn_tk_compose(int k, int d, dn_index m, const double *a, dn_index sa,
                                 const double *c, double *P, dn_index B, double *g,
                                 dn_index sg)
{
    const dn_index w = (dn_index)(d + 1) * B;
    double *o = DN_AT(g, sg, k);
    const double *ak = DN_AT(a, sa, k);
    for (dn_index i = 0; i < m; i++) P[k * B + i] = ak[i];
    if (k == 1) for (dn_index i = 0; i < m; i++) P[i] = 0.0;
    for (int l = 2; l <= k; l++) {
        double *pl = P + (l - 1) * w, *q = pl + k * B;
        const double *prev = pl - w;
        for (dn_index i = 0; i < m; i++) q[i] = 0.0;
        if (k == l) for (int z = 0; z < l; z++)
            for (dn_index i = 0; i < m; i++) pl[z * B + i] = 0.0;
        for (int j = 1; j <= k - l + 1; j++) {
            const double *x = DN_AT(a, sa, j), *y = prev + (k - j) * B;
            for (dn_index i = 0; i < m; i++) q[i] += x[i] * y[i];
        }
    }
    for (dn_index i = 0; i < m; i++) o[i] = 0.0;
    for (int l = 1; l <= k; l++) {
        const double *cl = c + l * B, *q = P + (l - 1) * w + k * B;
        for (dn_index i = 0; i < m; i++) o[i] += cl[i] * q[i];
    }
}

/* The Taylor coefficients of a function at a point (taylor_points.h): 0, 1 where some do
   not exist (NaN), -1 where memory ran out */
typedef int (*dn_points)(double x0, double p, double q, int d, double *c, ptrdiff_t stride);

/* out = f(u) at one element (strides su, so) from f's coefficients at u_0 (fn), composed
   with u as dn_tk_compose does; the return value of fn */
static int dn_taylor_compose_one(int d, const double *u, dn_index su, dn_points fn, double p,
                                 double q, double *out, dn_index so)
{
    double *c = (double *)malloc(sizeof(double) * (size_t)(d + 2) * (size_t)(d + 1));
    if (c == NULL) return -1;
    double *P = c + d + 1;
    const int status = fn(u[0], p, q, d, c, 1);
    out[0] = c[0];
    for (int k = 1; k <= d; k++) dn_tk_compose(k, d, 1, u, su, c, P, 1, out, so);
    free(c);
    return status;
}

/* ---- whole series ---- */

/* out = a b */
DN_TAYLOR_CLONES static void dn_taylor_mul(int d, dn_index n, const double *a, dn_index sa,
                          const double *b, dn_index sb, double *out, dn_index so)
{
    DN_BLOCKS(n, {
        const int da = dn__degree(d, m, a + i0, sa), db = dn__degree(d, m, b + i0, sb);
        for (int k = 0; k <= d; k++)
            dn_tk_mul(k, m, a + i0, sa, da, b + i0, sb, db, out + i0, so);
    })
}

/* out = a / b */
DN_TAYLOR_CLONES static void dn_taylor_div(int d, dn_index n, const double *a, dn_index sa,
                          const double *b, dn_index sb, double *out, dn_index so)
{
    DN_BLOCKS(n, {
        const int db = dn__degree(d, m, b + i0, sb);
        for (int k = 0; k <= d; k++)
            dn_tk_div(k, m, a + i0, sa, NULL, b + i0, sb, db, out + i0, so);
    })
}

/* out = sqrt(u) (u_0 > 0; see dn_taylor_power for a leading zero) */
DN_TAYLOR_CLONES static void dn_taylor_sqrt(int d, dn_index n, const double *u, dn_index su,
                           double *out, dn_index so)
{
    DN_BLOCKS(n, {
        for (dn_index i = 0; i < m; i++) out[i0 + i] = sqrt(u[i0 + i]);
        for (int k = 1; k <= d; k++) dn_tk_sqrt(k, m, u + i0, su, out + i0, so);
    })
}

/* out = u^p for a constant p (u_0 != 0; see dn_taylor_power for u_0 = 0) */
DN_TAYLOR_CLONES static void dn_taylor_pow(int d, dn_index n, const double *u, dn_index su,
                                           double p,
                          double *out, dn_index so)
{
    DN_BLOCKS(n, {
        for (dn_index i = 0; i < m; i++) out[i0 + i] = pow(u[i0 + i], p);
        const int du = dn__degree(d, m, u + i0, su);
        for (int k = 1; k <= d; k++) dn_tk_pow(k, m, u + i0, su, du, p, out + i0, so);
    })
}

/* Where a function is not defined at an element's point (its value NaN for an argument that
   is not: log(-1)), no coefficient is: NaN in all of them, as the value has (the
   recurrences would otherwise give finite ones from the argument's coefficients). b may be
   NULL (one argument). */
/* 1 where some of the n doubles at a is NaN: the check for NaN that no kernel reported
   (vectorised in each instruction set's clone: 2 us for 45000 doubles with AVX2) */
DN_TAYLOR_CLONES static int dn_taylor_any_nan(dn_index n, const double *a)
{
    int bad = 0;
    for (dn_index i = 0; i < n; i++) bad |= a[i] != a[i];
    return bad;
}

static void dn__undefined(int d, dn_index n, const double *a, dn_index sa, const double *b,
                          dn_index sb, double *out, dn_index so)
{
    (void)sa; (void)sb;
    if (!dn_taylor_any_nan(n, out)) return;   /* the common case, in one vectorised pass */
    for (dn_index i = 0; i < n; i++)
        if (isnan(out[i]) && !isnan(a[i]) && (b == NULL || !isnan(b[i])))
            for (int k = 1; k <= d; k++) out[k * so + i] = NAN;
}

/* ---- leading zeros, kinks and jumps: per element ----
   A result with no Taylor series at the point gets NaN in the coefficients that do not exist
   and the kernel returns 1 ("broken"); a result whose top coefficients the input's order does
   not determine gets NaN there and *shortp raised to the number of orders missing. */

/* The first k in 0..d with w_k != 0 (d + 1 if none). */
static inline int dn__first_nonzero(int d, const double *w, dn_index sw)
{
    int k = 0;
    while (k <= d && w[k * sw] == 0.0) k++;
    return k;
}

/* out = u^p at an element whose u_0 = 0 (single element: strides su, so). u = t^m v with
   v_0 = u_m != 0: for an integer p, u^p = t^(mp) v^p; otherwise u^p = |t|^(mp) v^p where
   u >= 0 next to t = 0 (m even, v_0 > 0), a Taylor series when mp is an even integer; for an
   odd integer mp the coefficient mp is the mean of the one-sided ones (0), as for |t| (the
   table's convention at a kink), and the higher ones do not exist. Coefficient k of
   t^e v^p needs v to order k - e, that is u to order k - e + m. A u that vanishes to order d
   may start at any higher order m >= d + 1: its coefficients below (d + 1) p are 0, the
   others need u to order d + (d + 1)(1 - p) at least (NaN, and *shortp raised so); for
   p >= 1 they are all 0. */
static int dn__power_at_zero(int d, const double *u, dn_index su, double p, double *out,
                             dn_index so, int *shortp)
{
    const int m = dn__first_nonzero(d, u, su);
    const int integer = p == floor(p) && fabs(p) < 1e9;
    if (p != 0.0 && p != 1.0 && m <= d && (isnan(u[m * su]) || (m < d && isnan(u[(m + 1) * su]))))
    {
        /* A kink's series (abs, relu, maximum at a tie, reached at the point) holds, before
           its first NaN, the mean of the sides' coefficients (the table's convention): linear
           in the sides, so sums and products keep it right, but a power takes the leading
           coefficient (u_m, or the zero before a NaN u_m) to the power p, not linearly.
           From there on nothing is known: |t|^4 must not be 0 t^4. The NaN may instead be
           the top of a series short of orders (sqrt(t^8) to order 3): *shortp is raised,
           so that the API evaluates again with more (the kink warned already) */
        const int lead = isnan(u[m * su]) ? m - 1 : m;
        out[0] = pow(0.0, p);
        for (int k = 1; k <= d; k++) out[k * so] = p > 0.0 && k < p * lead ? 0.0 : NAN;
        if (m + 1 > *shortp) *shortp = m + 1;
        return 0;
    }
    if (p == 0.0) {
        out[0] = 1.0;
        for (int k = 1; k <= d; k++) out[k * so] = 0.0;
        return 0;
    }
    if (m > d) {
        const double low = (d + 1) * p;   /* the result is O(t^low) */
        out[0] = pow(0.0, p);
        for (int k = 1; k <= d; k++) out[k * so] = p > 0.0 && k < low ? 0.0 : NAN;
        if (p < 0.0) return 1;
        if (low <= d) {
            const int more = (int)ceil((d + 1) * (1.0 - p));
            if (more > *shortp) *shortp = more;
        }
        return 0;
    }
    const double v0 = u[m * su], e = m * p;
    const int smooth = integer ? p > 0.0
                               : (m % 2 == 0 && v0 > 0.0 && e == floor(e) && fmod(e, 2.0) == 0.0);
    if (!smooth) {
        /* |t|^e v^p (or no real power at all): coefficients below e are 0 where e > 0, the
           coefficient e of an odd integer e the mean of the sides, 0; the rest NaN */
        const int real = !integer && m % 2 == 0 && v0 > 0.0 && e > 0.0;
        int broken = 0;
        out[0] = pow(0.0, p);
        for (int k = 1; k <= d; k++) {
            out[k * so] = real && (k < e || (k == e && e == floor(e))) ? 0.0 : NAN;
            broken |= isnan(out[k * so]);
        }
        return broken;
    }
    const int ei = (int)e, top = d - m;   /* v known to order top */
    double *v = (double *)malloc(sizeof(double) * 2 * (size_t)(top + 1));
    if (v == NULL) return -1;
    double *y = v + top + 1;
    for (int j = 0; j <= top; j++) v[j] = u[(m + j) * su];
    y[0] = pow(v0, p);
    for (int k = 1; k <= top; k++) dn_tk_pow(k, 1, v, 1, top, p, y, 1);
    for (int k = 0; k <= d; k++)
        out[k * so] = k < ei ? 0.0 : (k - ei <= top ? y[k - ei] : NAN);
    if (ei + top < d && m - ei > *shortp) *shortp = m - ei;
    free(v);
    return 0;
}

/* out = u^p at one element whose u^p is not a normal double (it underflows or overflows:
   t^20 at 1e-17, t^2 at 1e155) though its higher coefficients may be (20!, 2e155): the
   recurrence of dn_tk_pow in long double, whose exponent range holds such powers on x86;
   each coefficient then rounded to double (0 or inf only where it is itself out of range) */
static int dn__power_wide(int d, const double *u, dn_index su, double p, double *out,
                          dn_index so)
{
    long double *y = (long double *)malloc(sizeof(long double) * (size_t)(d + 1));
    if (y == NULL) return -1;
    const long double u0 = u[0];
    y[0] = powl(u0, (long double)p);
    for (int k = 1; k <= d; k++) {
        long double sum = 0.0L;
        for (int j = 1; j <= k; j++)
            sum += ((long double)p * j - (k - j)) / k * u[j * su] * y[k - j];
        y[k] = sum / u0;
    }
    for (int k = 0; k <= d; k++) out[k * so] = (double)y[k];
    free(y);
    return 0;
}

/* out = u^p for a constant p, with leading zeros of u handled (dn__power_at_zero) */
static int dn_taylor_power(int d, dn_index n, const double *u, dn_index su, double p,
                           double *out, dn_index so, int *shortp)
{
    int broken = 0;
    if (p == 2.0) {
        /* u u: the Cauchy square is exact at leading zeros and has no pow() to underflow
           or overflow, and costs a quarter of the power recurrence with its pow() calls */
        dn_taylor_mul(d, n, u, su, u, su, out, so);
        return 0;
    }
    dn_taylor_pow(d, n, u, su, p, out, so);
    for (dn_index i = 0; i < n; i++)
        if (u[i] == 0.0) {
            const int b = dn__power_at_zero(d, u + i, su, p, out + i, so, shortp);
            if (b < 0) return b;
            broken |= b;
        } else if (!isnormal(out[i]) && isfinite(u[i]) && !isnan(out[i]) && d > 0) {
            if (dn__power_wide(d, u + i, su, p, out + i, so) < 0) return -1;
        }
    return broken;
}

/* out = sqrt(u), with leading zeros of u handled as u^(1/2) */
static int dn_taylor_sqrt_full(int d, dn_index n, const double *u, dn_index su, double *out,
                               dn_index so, int *shortp)
{
    int broken = 0;
    dn_taylor_sqrt(d, n, u, su, out, so);
    for (dn_index i = 0; i < n; i++)
        if (u[i] == 0.0) {
            const int b = dn__power_at_zero(d, u + i, su, 0.5, out + i, so, shortp);
            if (b < 0) return b;
            broken |= b;
        }
    return broken;
}

/* The side of a piecewise function of w = u - (the kink) at one element: where w_0 != 0,
   or w's first nonzero coefficient has an even index, w keeps its sign next to t = 0 and the
   function is one piece there (return +1 or -1; +1 where w vanishes to order d: the pieces
   agree there); where that index m is odd, w changes sign at t = 0: return 0 and m. */
static inline int dn__side(int d, const double *w, dn_index sw, int *cross)
{
    const int m = dn__first_nonzero(d, w, sw);
    if (m > d) return 1;
    if (m > 0 && m % 2 == 1) { *cross = m; return 0; }
    return w[m * sw] > 0.0 ? 1 : -1;
}

/* out = the piece below (slope lo) or above (slope hi) of a function linear on each side of
   u = 0; where u changes sign at t = 0 (first nonzero coefficient m odd), coefficient m is
   the mean of the pieces' (the table's convention at a kink), the higher ones do not exist */
static int dn_taylor_kink(int d, dn_index n, const double *u, dn_index su, double lo,
                          double hi, double *out, dn_index so)
{
    int broken = 0;
    for (dn_index i = 0; i < n; i++) {
        int cross = 0;
        const int side = dn__side(d, u + i, su, &cross);
        const double slope = side > 0 ? hi : lo;
        for (int k = 0; k <= d; k++) {
            const double uk = u[k * su + i];
            /* below the crossing both pieces agree (their coefficients are 0 there) */
            out[k * so + i] = side != 0 ? slope * uk
                                        : (k < cross ? hi * uk
                                                     : (k == cross ? 0.5 * (lo + hi) * uk : NAN));
        }
        broken |= side == 0;
    }
    return broken;
}

/* out = the larger (larger = 1) or the smaller of a and b, by the sides of w = a - b as in
   dn_taylor_kink; where they cross, coefficient m is the mean of a_m and b_m */
static int dn_taylor_choose(int d, dn_index n, const double *a, dn_index sa, const double *b,
                            dn_index sb, int larger, double *out, dn_index so)
{
    int broken = 0;
    double *w = (double *)malloc(sizeof(double) * (size_t)(d + 1));
    if (w == NULL) return -1;
    for (dn_index i = 0; i < n; i++) {
        int cross = 0;
        for (int k = 0; k <= d; k++) w[k] = a[k * sa + i] - b[k * sb + i];
        const int side = dn__side(d, w, 1, &cross);
        const int take_a = larger ? side > 0 : side < 0;
        for (int k = 0; k <= d; k++) {
            const double ak = a[k * sa + i], bk = b[k * sb + i];
            out[k * so + i] = side != 0 || k < cross ? (take_a ? ak : bk)
                                                     : (k == cross ? 0.5 * (ak + bk) : NAN);
        }
        broken |= side == 0;
    }
    free(w);
    return broken;
}

/* ---- quotients and roots at a leading zero: per element ----
   Where a denominator, or the argument of a root, starts with zero coefficients, the fast
   recurrences divide by 0; these compute such an element exactly where its result has a
   Taylor series, with the conventions above (NaN and 1 where it has none, NaN and *shortp
   where the input's order does not determine the top coefficients). */

/* The index of a's first NaN coefficient, d + 1 where none (a = NULL: none) */
static inline int dn__first_nan(int d, const double *a, dn_index s)
{
    int k = 0;
    if (a == NULL) return d + 1;
    while (k <= d && !isnan(a[k * s])) k++;
    return k;
}

/* 1 where some coefficient 0..d of the series (stride s; NULL: none) is NaN */
static inline int dn__nan_in(int d, const double *a, dn_index s)
{
    return dn__first_nan(d, a, s) <= d;
}

/* out = a / b at one element whose b_0 = 0 (a = NULL: the constant K). b = t^m v (v_0 =
   b_m != 0); where a = t^ma w with ma >= m, a / b = (a / t^m) / v, whose coefficient k needs
   a and b to order k + m: the quotient recurrence on the coefficients from m on, the top m
   NaN and *shortp raised to m. Where ma < m, a pole: coefficient 0 IEEE's a_0 / b_0, the
   rest NaN, and 1 returned. Where b vanishes to order d, a pole if a does not, else 0 / 0
   not determined: NaN, *shortp raised to d + 1 (b's first nonzero coefficient lies past d).
   An element with a NaN coefficient keeps IEEE's result. */
static int dn__quotient_at_zero(int d, const double *a, dn_index sa, double K,
                                const double *b, dn_index sb, double *out, dn_index so,
                                int *shortp)
{
    if (a == NULL && isnan(K)) return 0;
    /* a and b are known below their first NaN (na, nb: the top of a series short of orders,
       sqrt(t^4) to order 4, or past a kink): the quotient to as many orders as they give */
    const int na = dn__first_nan(d, a, sa), nb = dn__first_nan(d, b, sb);
    const int m = dn__first_nonzero(nb - 1, b, sb);
    const int ma = a != NULL ? dn__first_nonzero(na - 1, a, sa) : (K != 0.0 ? 0 : d + 1);
    if (m >= nb) {             /* b's leading order unknown, or 0 / 0 to order d */
        for (int k = 0; k <= d; k++) out[k * so] = NAN;
        if (d + 1 > *shortp) *shortp = d + 1;
        return 0;
    }
    if (ma < m && ma < na) {   /* a pole */
        out[0] = (a != NULL ? a[0] : K) / b[0];
        for (int k = 1; k <= d; k++) out[k * so] = NAN;
        return 1;
    }
    if (a == NULL) {           /* the constant 0 over b: 0 at every order */
        for (int k = 0; k <= d; k++) out[k * so] = K / b[m * sb];
        return 0;
    }
    if (ma >= na && na <= m) { /* a's leading order unknown below b's: pole or not */
        for (int k = 0; k <= d; k++) out[k * so] = NAN;
        return 0;
    }
    const int top = (na < nb ? na : nb) - 1 - m;   /* the quotient known to order top */
    for (int k = 0; k <= top; k++)
        dn_tk_div(k, 1, a + m * sa, sa, NULL, b + m * sb, sb, top, out, so);
    for (int k = top + 1; k <= d; k++) out[k * so] = NAN;
    if (m > *shortp) *shortp = m;
    return 0;
}

/* out = a / b, with leading zeros of b handled (dn__quotient_at_zero); the elements whose
   b_0 != 0 as dn_taylor_div gives them */
static int dn_taylor_quotient(int d, dn_index n, const double *a, dn_index sa,
                              const double *b, dn_index sb, double *out, dn_index so,
                              int *shortp)
{
    int broken = 0;
    dn_taylor_div(d, n, a, sa, b, sb, out, so);
    for (dn_index i = 0; i < n; i++)
        if (b[i] == 0.0)
            broken |= dn__quotient_at_zero(d, a + i, sa, 0.0, b + i, sb, out + i, so, shortp);
    return broken;
}

/* The exact series of rules at an element where they meet a leading zero (the field
   "exact ..." of a rule's taylor entry, src/taylor_compile.py): 1/x and x/y at a zero
   denominator, cbrt at 0, hypot at the origin. */
static int dn_exact_reciprocal(int d, const double *u, dn_index su, double p, double q,
                               double *out, dn_index so, int *shortp)
{
    (void)p; (void)q;
    return dn__quotient_at_zero(d, NULL, 0, 1.0, u, su, out, so, shortp);
}

static int dn_exact_divide(int d, const double *a, dn_index sa, const double *b,
                           dn_index sb, double *out, dn_index so, int *shortp)
{
    return dn__quotient_at_zero(d, a, sa, 0.0, b, sb, out, so, shortp);
}

/* cbrt(u) at u_0 = 0: u = t^m v, v_0 != 0. Where 3 divides m, cbrt(u) = t^(m/3) cbrt(v) =
   s t^(m/3) (s v)^(1/3), s the sign of v_0: a Taylor series, coefficient k needing u to
   order k + 2m/3 (the top 2m/3 NaN, *shortp raised so). Otherwise t^(m/3) is not smooth:
   coefficients below m/3 are 0, the rest NaN, 1 returned. Where u vanishes to order d,
   cbrt(u) is O(t^((d+1)/3)): coefficients below (d + 1)/3 are 0, the rest NaN, and
   *shortp raised to 2(d + 1)/3, rounded up, as for u^(1/3) in dn__power_at_zero. */
static int dn_exact_cbrt(int d, const double *u, dn_index su, double p, double q,
                         double *out, dn_index so, int *shortp)
{
    (void)p; (void)q;
    if (dn__nan_in(d, u, su)) return 0;
    const int m = dn__first_nonzero(d, u, su);
    out[0] = 0.0;
    if (m > d) {
        const int more = (2 * (d + 1) + 2) / 3;
        for (int k = 1; k <= d; k++) out[k * so] = 3 * k < d + 1 ? 0.0 : NAN;
        if (more > *shortp) *shortp = more;
        return 0;
    }
    if (m % 3 != 0) {
        for (int k = 1; k <= d; k++) out[k * so] = 3 * k < m ? 0.0 : NAN;
        return 1;
    }
    const int e = m / 3, top = d - m;   /* v known to order top */
    double *v = (double *)malloc(sizeof(double) * 2 * (size_t)(top + 1));
    if (v == NULL) return -1;
    double *y = v + top + 1;
    const double s = u[m * su] > 0.0 ? 1.0 : -1.0;
    for (int j = 0; j <= top; j++) v[j] = s * u[(m + j) * su];
    y[0] = cbrt(s * u[m * su]);   /* v_0 */
    for (int k = 1; k <= top; k++) dn_tk_pow(k, 1, v, 1, top, 1.0 / 3.0, y, 1);
    for (int k = 0; k <= d; k++)
        out[k * so] = k < e ? 0.0 : (k - e <= top ? s * y[k - e] : NAN);
    if (m - e > *shortp) *shortp = m - e;
    free(v);
    return 0;
}

/* hypot(a, b) at a_0 = b_0 = 0: sqrt(a^2 + b^2) from the series of a^2 + b^2 as u^(1/2)
   at a leading zero (dn__power_at_zero: a series where its first nonzero coefficient has
   an index divisible by 4, a kink otherwise, as hypot(t, 0) = |t|) */
static int dn_exact_hypot(int d, const double *a, dn_index sa, const double *b,
                          dn_index sb, double *out, dn_index so, int *shortp)
{
    if (dn__nan_in(d, a, sa) || dn__nan_in(d, b, sb)) return 0;
    double *s = (double *)malloc(sizeof(double) * (size_t)(d + 1));
    if (s == NULL) return -1;
    for (int k = 0; k <= d; k++) {
        s[k] = 0.0;
        for (int j = 0; j <= k; j++)
            s[k] += a[j * sa] * a[(k - j) * sa] + b[j * sb] * b[(k - j) * sb];
    }
    const int status = dn__power_at_zero(d, s, 1, 0.5, out, so, shortp);
    free(s);
    return status;
}

#endif
