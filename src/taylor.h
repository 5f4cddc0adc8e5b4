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

#define DN_TAYLOR_BLOCK 256

typedef ptrdiff_t dn_index;

/* For each block of elements [i0, i0 + m) of n, the body (the remaining arguments: a
   block of statements, which may hold commas) with i0 and m. */
#define DN_BLOCKS(n, ...)                                                    \
    for (dn_index i0 = 0; i0 < (n); i0 += DN_TAYLOR_BLOCK) {                 \
        dn_index m = (n) - i0 < DN_TAYLOR_BLOCK ? (n) - i0 : DN_TAYLOR_BLOCK; \
        __VA_ARGS__                                                          \
    }

/* out = a b: c_k = sum_{j=0..k} a_j b_{k-j} */
static void dn_taylor_mul(int d, dn_index n, const double *a, dn_index sa,
                          const double *b, dn_index sb, double *out, dn_index so)
{
    DN_BLOCKS(n, {
        for (int k = 0; k <= d; k++) {
            double *o = out + k * so + i0;
            for (dn_index i = 0; i < m; i++) o[i] = 0.0;
            for (int j = 0; j <= k; j++) {
                const double *x = a + j * sa + i0, *y = b + (k - j) * sb + i0;
                for (dn_index i = 0; i < m; i++) o[i] += x[i] * y[i];
            }
        }
    })
}

/* out = a / b: c_k = (a_k - sum_{j=1..k} b_j c_{k-j}) / b_0 */
static void dn_taylor_div(int d, dn_index n, const double *a, dn_index sa,
                          const double *b, dn_index sb, double *out, dn_index so)
{
    DN_BLOCKS(n, {
        const double *b0 = b + i0;
        for (int k = 0; k <= d; k++) {
            double *o = out + k * so + i0;
            const double *ak = a + k * sa + i0;
            for (dn_index i = 0; i < m; i++) o[i] = ak[i];
            for (int j = 1; j <= k; j++) {
                const double *x = b + j * sb + i0, *y = out + (k - j) * so + i0;
                for (dn_index i = 0; i < m; i++) o[i] -= x[i] * y[i];
            }
            for (dn_index i = 0; i < m; i++) o[i] /= b0[i];
        }
    })
}

/* out = exp(u): e_0 = exp(u_0), e_k = sum_{j=1..k} (j/k) u_j e_{k-j} (from e' = e u') */
static void dn_taylor_exp(int d, dn_index n, const double *u, dn_index su,
                          double *out, dn_index so)
{
    DN_BLOCKS(n, {
        for (dn_index i = 0; i < m; i++) out[i0 + i] = exp(u[i0 + i]);
        for (int k = 1; k <= d; k++) {
            double *o = out + k * so + i0;
            for (dn_index i = 0; i < m; i++) o[i] = 0.0;
            for (int j = 1; j <= k; j++) {
                const double w = (double)j / k;
                const double *x = u + j * su + i0, *y = out + (k - j) * so + i0;
                for (dn_index i = 0; i < m; i++) o[i] += w * x[i] * y[i];
            }
        }
    })
}

/* out = log(u): l_0 = log(u_0), l_k = (u_k - sum_{j=1..k-1} (j/k) l_j u_{k-j}) / u_0
   (from u l' = u') */
static void dn_taylor_log(int d, dn_index n, const double *u, dn_index su,
                          double *out, dn_index so)
{
    DN_BLOCKS(n, {
        const double *u0 = u + i0;
        for (dn_index i = 0; i < m; i++) out[i0 + i] = log(u0[i]);
        for (int k = 1; k <= d; k++) {
            double *o = out + k * so + i0;
            const double *uk = u + k * su + i0;
            for (dn_index i = 0; i < m; i++) o[i] = uk[i];
            for (int j = 1; j < k; j++) {
                const double w = (double)j / k;
                const double *x = out + j * so + i0, *y = u + (k - j) * su + i0;
                for (dn_index i = 0; i < m; i++) o[i] -= w * x[i] * y[i];
            }
            for (dn_index i = 0; i < m; i++) o[i] /= u0[i];
        }
    })
}

/* s = sin(u), c = cos(u): s_k = sum_{j=1..k} (j/k) u_j c_{k-j},
   c_k = -sum_{j=1..k} (j/k) u_j s_{k-j} (from s' = c u', c' = -s u') */
static void dn_taylor_sincos(int d, dn_index n, const double *u, dn_index su,
                             double *s, double *c, dn_index so)
{
    DN_BLOCKS(n, {
        for (dn_index i = 0; i < m; i++) {
            s[i0 + i] = sin(u[i0 + i]);
            c[i0 + i] = cos(u[i0 + i]);
        }
        for (int k = 1; k <= d; k++) {
            double *sk = s + k * so + i0, *ck = c + k * so + i0;
            for (dn_index i = 0; i < m; i++) { sk[i] = 0.0; ck[i] = 0.0; }
            for (int j = 1; j <= k; j++) {
                const double w = (double)j / k;
                const double *x = u + j * su + i0;
                const double *sy = s + (k - j) * so + i0, *cy = c + (k - j) * so + i0;
                for (dn_index i = 0; i < m; i++) {
                    sk[i] += w * x[i] * cy[i];
                    ck[i] -= w * x[i] * sy[i];
                }
            }
        }
    })
}

/* out = sqrt(u): r_0 = sqrt(u_0), r_k = (u_k - sum_{j=1..k-1} r_j r_{k-j}) / (2 r_0)
   (from r r = u) */
static void dn_taylor_sqrt(int d, dn_index n, const double *u, dn_index su,
                           double *out, dn_index so)
{
    DN_BLOCKS(n, {
        const double *r0 = out + i0;
        for (dn_index i = 0; i < m; i++) out[i0 + i] = sqrt(u[i0 + i]);
        for (int k = 1; k <= d; k++) {
            double *o = out + k * so + i0;
            const double *uk = u + k * su + i0;
            for (dn_index i = 0; i < m; i++) o[i] = uk[i];
            for (int j = 1; j < k; j++) {
                const double *x = out + j * so + i0, *y = out + (k - j) * so + i0;
                for (dn_index i = 0; i < m; i++) o[i] -= x[i] * y[i];
            }
            for (dn_index i = 0; i < m; i++) o[i] /= 2.0 * r0[i];
        }
    })
}

/* out = u^p for a constant p and u_0 != 0: y_0 = u_0^p,
   y_k = sum_{j=1..k} (p j - (k - j)) / k u_j y_{k-j} / u_0 (from u y' = p y u') */
static void dn_taylor_pow(int d, dn_index n, const double *u, dn_index su, double p,
                          double *out, dn_index so)
{
    DN_BLOCKS(n, {
        const double *u0 = u + i0;
        for (dn_index i = 0; i < m; i++) out[i0 + i] = pow(u0[i], p);
        for (int k = 1; k <= d; k++) {
            double *o = out + k * so + i0;
            for (dn_index i = 0; i < m; i++) o[i] = 0.0;
            for (int j = 1; j <= k; j++) {
                const double w = (p * j - (k - j)) / k;
                const double *x = u + j * su + i0, *y = out + (k - j) * so + i0;
                for (dn_index i = 0; i < m; i++) o[i] += w * x[i] * y[i];
            }
            for (dn_index i = 0; i < m; i++) o[i] /= u0[i];
        }
    })
}

#endif
