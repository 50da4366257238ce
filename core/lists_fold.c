/* lists_fold.c - case and accent folding of list values and matched text (ASCII fast path, ICU otherwise). */
#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include "lists_fold.h"
#include "xalloc.h"

static char *fold_out(size_t n, char *buf, size_t bufsize)
{
    if (n + 1 <= bufsize) return buf;
    char *p = xmalloc(n + 1);
    return p;
}

static char *fold_ascii(const char *s, size_t len, char *buf, size_t bufsize, size_t *out_len)
{
    char *out = fold_out(len, buf, bufsize);
    for (size_t i = 0; i < len; i++) out[i] = (char)toupper((unsigned char)s[i]);
    out[len] = '\0';
    *out_len = len;
    return out;
}

/* UTF-16 through NFD, marks dropped, upper-cased; NULL on any ICU failure (invalid
 * UTF-8), and the caller falls back to bytes. Sizes are bounded: NFD at most triples
 * a code unit's length in practice, upper-casing at most triples it again, and ICU
 * reports U_BUFFER_OVERFLOW_ERROR rather than writing past the end. */
static UChar *fold_icu(const char *s, size_t len, int32_t *out_units)
{
    if (len > 1u << 24) return NULL;
    UErrorCode st = U_ZERO_ERROR;
    int32_t cap = (int32_t)len + 1, n = 0;
    UChar *u = xmalloc(sizeof *u * (size_t)cap);
    u_strFromUTF8(u, cap, &n, s, (int32_t)len, &st);
    if (U_FAILURE(st)) {
        free(u);
        return NULL;
    }
    const UNormalizer2 *nfd = unorm2_getNFDInstance(&st);
    int32_t dcap = n * 4 + 4;
    UChar *d = xmalloc(sizeof *d * (size_t)dcap);
    int32_t dn = U_SUCCESS(st) ? unorm2_normalize(nfd, u, n, d, dcap, &st) : 0;
    free(u);
    if (U_FAILURE(st)) {
        free(d);
        return NULL;
    }
    /* drop combining marks: what is left is the base letters */
    int32_t k = 0;
    for (int32_t i = 0; i < dn;) {
        UChar32 c;
        int32_t start = i;
        U16_NEXT(d, i, dn, c);
        if (u_charType(c) == U_NON_SPACING_MARK) continue;
        while (start < i) d[k++] = d[start++];
    }
    int32_t ucap = k * 3 + 4;
    UChar *up = xmalloc(sizeof *up * (size_t)ucap);
    int32_t un = u_strToUpper(up, ucap, d, k, "", &st);
    free(d);
    if (U_FAILURE(st)) {
        free(up);
        return NULL;
    }
    *out_units = un;
    return up;
}

char *list_fold(const char *s, size_t len, char *buf, size_t bufsize, size_t *out_len)
{
    /* one pass for the usual ASCII text: upper-case while looking for a non-ASCII byte */
    char *out = fold_out(len, buf, bufsize);
    size_t i = 0;
    for (; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80) break;
        out[i] = (char)(c >= 'a' && c <= 'z' ? c - ('a' - 'A') : c);
    }
    if (i == len) {
        out[len] = '\0';
        *out_len = len;
        return out;
    }
    if (out != buf) free(out);
    int32_t un = 0;
    UChar *up = fold_icu(s, len, &un);
    if (!up) return fold_ascii(s, len, buf, bufsize, out_len);
    UErrorCode st = U_ZERO_ERROR;
    int32_t need = 0;
    u_strToUTF8(NULL, 0, &need, up, un, &st); /* preflight: U_BUFFER_OVERFLOW_ERROR expected */
    st = U_ZERO_ERROR;
    out = fold_out((size_t)need, buf, bufsize);
    u_strToUTF8(out, need + 1, &need, up, un, &st);
    free(up);
    if (U_FAILURE(st)) {
        if (out != buf) free(out);
        return fold_ascii(s, len, buf, bufsize, out_len);
    }
    out[need] = '\0';
    *out_len = (size_t)need;
    return out;
}
