/* record.c - typed slots of one record: text conversion, derived values, rendering, calendar. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "record.h"
#include "xalloc.h"

/* ---- calendar (Howard Hinnant, "chrono-Compatible Low-Level Date Algorithms") ------ */

int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = (unsigned)(y - era * 400);                       /* [0, 399] */
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1; /* [0, 365] */
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;           /* [0, 146096] */
    return era * 146097 + (int64_t)doe - 719468;
}

void civil_from_days(int64_t z, int *y, int *m, int *d)
{
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = (unsigned)(z - era * 146097);                          /* [0, 146096] */
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365; /* [0, 399] */
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);               /* [0, 365] */
    const unsigned mp = (5 * doy + 2) / 153;                                    /* [0, 11] */
    const unsigned dd = doy - (153 * mp + 2) / 5 + 1;                           /* [1, 31] */
    const unsigned mm = mp < 10 ? mp + 3 : mp - 9;                              /* [1, 12] */
    *y = (int)((int64_t)yoe + era * 400 + (mm <= 2));
    *m = (int)mm;
    *d = (int)dd;
}

static bool record_leap_year(int64_t y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static unsigned record_days_in_month(int64_t y, unsigned m)
{
    static const unsigned days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    return m == 2 && record_leap_year(y) ? 29 : days[m - 1];
}

static int64_t record_floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

/* ---- record slots ------------------------------------------------------------------ */

void record_init(record *r, const schema *s)
{
    r->schema = s;
    r->slots = xcalloc((size_t)(s->field_count ? s->field_count : 1), sizeof *r->slots);
    arena_init(&r->arena, 4096);
    r->source = NULL;
    r->line = 0;
    r->links = NULL;
    r->links_ready = false;
}

void record_clear(record *r)
{
    memset(r->slots, 0, (size_t)r->schema->field_count * sizeof *r->slots);
    arena_reset(&r->arena);
    r->line = 0;
    r->links_ready = false;
}

void record_free(record *r)
{
    free(r->slots);
    r->slots = NULL;
    arena_free(&r->arena);
}

const value *record_get(const record *r, int index)
{
    if (index < 0 || index >= r->schema->field_count) return NULL;
    return &r->slots[index];
}

const value *record_get_field(const record *r, const char *name)
{
    return record_get(r, schema_field_index(r->schema, name));
}

const char *record_key(const record *r)
{
    const value *v = record_get(r, r->schema->key_index);
    return v && v->kind == V_STRING ? v->as.s : "";
}

/* ---- text to value ----------------------------------------------------------------- */

/* isspace in the C locale (vigie never calls setlocale), without its table lookup. */
static bool record_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

static void record_trim(const char **text, size_t *len)
{
    const char *s = *text;
    size_t n = *len;
    while (n > 0 && record_space(s[0])) { s++; n--; }
    while (n > 0 && record_space(s[n - 1])) n--;
    *text = s;
    *len = n;
}

/* The reason a text does not convert, quoting at most 40 bytes of it. */
static int record_reject(char *why, size_t why_size, const char *text, size_t len,
                         field_type t, const char *detail)
{
    if (!why || why_size == 0) return VG_ERR;
    char shown[48];
    size_t n = len > 40 ? 40 : len;
    for (size_t i = 0; i < n; i++)
        shown[i] = (unsigned char)text[i] < 0x20 || text[i] == 0x7f ? '?' : text[i];
    shown[n] = '\0';
    snprintf(why, why_size, "cannot convert \"%s%s\" to %s%s%s", shown, len > n ? "..." : "",
             field_type_name(t), detail ? ": " : "", detail ? detail : "");
    return VG_ERR;
}

/* Exactly `count` digits at s; returns the number or -1. */
static int record_digits(const char *s, int count)
{
    int v = 0;
    for (int i = 0; i < count; i++) {
        if (!isdigit((unsigned char)s[i])) return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* YYYY-MM-DD at the start of s (at least 10 bytes); 1 ok, 0 bad form, -1 no such day. */
static int record_scan_date(const char *s, size_t len, int64_t *days)
{
    if (len < 10 || s[4] != '-' || s[7] != '-') return 0;
    int y = record_digits(s, 4), m = record_digits(s + 5, 2), d = record_digits(s + 8, 2);
    if (y < 0 || m < 0 || d < 0) return 0;
    if (m < 1 || m > 12 || d < 1 || (unsigned)d > record_days_in_month(y, (unsigned)m)) return -1;
    *days = days_from_civil(y, (unsigned)m, (unsigned)d);
    return 1;
}

static int record_parse_integer(const char *s, size_t n, int64_t *out, const char **detail)
{
    size_t i = 0;
    bool negative = false;
    if (i < n && (s[i] == '+' || s[i] == '-')) negative = s[i++] == '-';
    if (i == n) return VG_ERR;
    uint64_t limit = negative ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
    uint64_t v = 0;
    for (; i < n; i++) {
        if (!isdigit((unsigned char)s[i])) return VG_ERR;
        unsigned digit = (unsigned)(s[i] - '0');
        if (v > (limit - digit) / 10) {
            *detail = "out of range";
            return VG_ERR;
        }
        v = v * 10 + digit;
    }
    *out = negative ? (int64_t)(0 - v) : (int64_t)v;
    return VG_OK;
}

static int record_parse_number(const char *s, size_t n, double *out)
{
    char buf[128];
    if (n >= sizeof buf) return VG_ERR;
    /* decimal notation only: no hex, inf or nan, and no locale surprises */
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]) && !strchr("+-.eE", s[i])) return VG_ERR;
    memcpy(buf, s, n);
    buf[n] = '\0';
    char *end;
    double v = strtod(buf, &end);
    if (end != buf + n || !isfinite(v)) return VG_ERR;
    *out = v;
    return VG_OK;
}

static int record_parse_boolean(const char *s, size_t n, bool *out)
{
    static const char *const yes[] = { "true", "yes", "y", "1" };
    static const char *const no[] = { "false", "no", "n", "0" };
    static const size_t yes_len[] = { 4, 3, 1, 1 }, no_len[] = { 5, 2, 1, 1 };
    if (n == 0 || n > 5) return VG_ERR;
    for (size_t i = 0; i < 4; i++) {
        if (n == yes_len[i] && strncasecmp(s, yes[i], n) == 0) { *out = true; return VG_OK; }
        if (n == no_len[i] && strncasecmp(s, no[i], n) == 0) { *out = false; return VG_OK; }
    }
    return VG_ERR;
}

/* YYYY-MM-DD[T ]HH:MM[:SS[.fff]][Z|±HH[:MM]] to seconds since the epoch, UTC. */
static int record_parse_datetime(const char *s, size_t n, int64_t *out, const char **detail)
{
    int64_t days;
    int date = record_scan_date(s, n, &days);
    if (date <= 0) {
        if (date < 0) *detail = "no such day";
        return VG_ERR;
    }
    if (n < 16 || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || s[13] != ':') return VG_ERR;
    int hh = record_digits(s + 11, 2), mi = record_digits(s + 14, 2), ss = 0;
    if (hh < 0 || mi < 0) return VG_ERR;
    size_t i = 16;
    if (i < n && s[i] == ':') {
        if (n < i + 3 || (ss = record_digits(s + i + 1, 2)) < 0) return VG_ERR;
        i += 3;
        if (i < n && s[i] == '.') { /* fractions of a second are dropped */
            size_t start = ++i;
            while (i < n && isdigit((unsigned char)s[i])) i++;
            if (i == start) return VG_ERR;
        }
    }
    if (hh > 23 || mi > 59 || ss > 59) {
        *detail = "no such time";
        return VG_ERR;
    }
    int64_t offset = 0;
    if (i < n && (s[i] == 'Z' || s[i] == 'z')) {
        i++;
    } else if (i < n && (s[i] == '+' || s[i] == '-')) {
        int sign = s[i] == '-' ? -1 : 1;
        int oh = n >= i + 3 ? record_digits(s + i + 1, 2) : -1, om = 0;
        if (oh < 0) return VG_ERR;
        i += 3;
        if (i < n) {
            if (s[i] == ':') i++;
            if (n < i + 2 || (om = record_digits(s + i, 2)) < 0) return VG_ERR;
            i += 2;
        }
        if (oh > 23 || om > 59) {
            *detail = "no such UTC offset";
            return VG_ERR;
        }
        offset = sign * ((int64_t)oh * 3600 + om * 60);
    }
    if (i != n) return VG_ERR;
    *out = days * 86400 + hh * 3600 + mi * 60 + ss - offset;
    return VG_OK;
}

static int record_parse_list(const char *s, size_t n, arena *a, value *out)
{
    uint32_t count = 1;
    for (size_t i = 0; i < n; i++) count += s[i] == '|';
    const char **items = arena_alloc(a, count * sizeof *items);
    uint32_t kept = 0;
    size_t start = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && s[i] != '|') continue;
        const char *item = s + start;
        size_t len = i - start;
        record_trim(&item, &len);
        if (len > 0) items[kept++] = arena_strndup(a, item, len);
        start = i + 1;
    }
    if (kept == 0) return VG_OK; /* out stays missing */
    out->kind = V_LIST;
    out->len = kept;
    out->as.items = items;
    return VG_OK;
}

int value_parse(const field *f, const char *text, size_t len, arena *a, value *out,
                char *why, size_t why_size)
{
    memset(out, 0, sizeof *out);
    if (!text) return VG_OK;
    record_trim(&text, &len);
    if (len == 0) return VG_OK;
    const char *detail = NULL;
    switch (f->type) {
    case FT_STRING:
        if (len > UINT32_MAX) break;
        out->kind = V_STRING;
        out->len = (uint32_t)len;
        out->as.s = arena_strndup(a, text, len);
        return VG_OK;
    case FT_INTEGER:
        if (record_parse_integer(text, len, &out->as.i, &detail) != VG_OK) break;
        out->kind = V_INTEGER;
        return VG_OK;
    case FT_NUMBER:
        if (record_parse_number(text, len, &out->as.n) != VG_OK) break;
        out->kind = V_NUMBER;
        return VG_OK;
    case FT_BOOLEAN:
        if (record_parse_boolean(text, len, &out->as.b) != VG_OK) break;
        out->kind = V_BOOLEAN;
        return VG_OK;
    case FT_DATE: {
        int ok = len == 10 ? record_scan_date(text, len, &out->as.date) : 0;
        if (ok <= 0) {
            if (ok < 0) detail = "no such day";
            break;
        }
        out->kind = V_DATE;
        return VG_OK;
    }
    case FT_DATETIME:
        if (record_parse_datetime(text, len, &out->as.datetime, &detail) != VG_OK) break;
        out->kind = V_DATETIME;
        return VG_OK;
    case FT_LIST:
        return record_parse_list(text, len, a, out);
    }
    memset(out, 0, sizeof *out);
    return record_reject(why, why_size, text, len, f->type, detail);
}

/* ---- derived values ---------------------------------------------------------------- */

/* Seconds since the epoch of a date (midnight UTC) or datetime value. */
static int64_t record_seconds(const value *v)
{
    return v->kind == V_DATE ? v->as.date * 86400 : v->as.datetime;
}

static double record_as_double(const value *v)
{
    return v->kind == V_INTEGER ? (double)v->as.i : v->as.n;
}

static void record_derive_one(record *r, const field *f)
{
    value *out = &r->slots[f->index];
    const value *a = f->derive_from[0] >= 0 ? &r->slots[f->derive_from[0]] : NULL;
    const value *b = f->derive_from[1] >= 0 ? &r->slots[f->derive_from[1]] : NULL;
    memset(out, 0, sizeof *out);
    if (!a || a->kind == V_MISSING) return;
    if (f->derive_from[1] >= 0 && (!b || b->kind == V_MISSING)) return;

    switch (f->derive) {
    case DERIVE_YEARS_BETWEEN: {
        int ya, ma, da, yb, mb, db;
        civil_from_days(record_floor_div(record_seconds(a), 86400), &ya, &ma, &da);
        civil_from_days(record_floor_div(record_seconds(b), 86400), &yb, &mb, &db);
        int64_t years = (int64_t)yb - ya;
        if (mb < ma || (mb == ma && db < da)) years--; /* anniversary not reached yet */
        out->kind = V_INTEGER;
        out->as.i = years;
        break;
    }
    case DERIVE_HOURS_BETWEEN:
        out->kind = V_INTEGER;
        out->as.i = record_floor_div(record_seconds(b) - record_seconds(a), 3600);
        break;
    case DERIVE_COUNT:
        out->kind = V_INTEGER;
        out->as.i = a->len;
        break;
    case DERIVE_LEGS:
        out->kind = V_INTEGER;
        out->as.i = a->len > 0 ? (int64_t)a->len - 1 : 0;
        break;
    case DERIVE_LOCODE_COUNTRY:
        if (a->len < 2 || !isalpha((unsigned char)a->as.s[0]) || !isalpha((unsigned char)a->as.s[1]))
            break;
        {
            char cc[2] = { (char)toupper((unsigned char)a->as.s[0]),
                           (char)toupper((unsigned char)a->as.s[1]) };
            out->kind = V_STRING;
            out->len = 2;
            out->as.s = arena_strndup(&r->arena, cc, 2);
        }
        break;
    case DERIVE_RATIO: {
        double divisor = record_as_double(b);
        if (divisor == 0) break;
        double q = record_as_double(a) / divisor;
        if (!isfinite(q)) break;
        out->kind = V_NUMBER;
        out->as.n = q;
        break;
    }
    case DERIVE_NONE:
        break;
    }
}

void record_derive(record *r)
{
    const schema *s = r->schema;
    /* derived fields come after the read ones and only use fields before them */
    for (int i = 0; i < s->field_count; i++)
        if (s->fields[i].derive != DERIVE_NONE) record_derive_one(r, &s->fields[i]);
}

/* ---- value to text ----------------------------------------------------------------- */

size_t value_format(const value *v, char *buf, size_t size)
{
    if (!buf || size == 0) return 0;
    buf[0] = '\0';
    int w = 0;
    switch (v ? v->kind : V_MISSING) {
    case V_MISSING:
        return 0;
    case V_STRING:
        w = snprintf(buf, size, "%s", v->as.s);
        break;
    case V_INTEGER:
        w = snprintf(buf, size, "%lld", (long long)v->as.i);
        break;
    case V_NUMBER:
        /* the shortest of %.15g and %.17g that reads back as the same double */
        w = snprintf(buf, size, "%.15g", v->as.n);
        if (w > 0 && (size_t)w < size && strtod(buf, NULL) != v->as.n)
            w = snprintf(buf, size, "%.17g", v->as.n);
        break;
    case V_BOOLEAN:
        w = snprintf(buf, size, "%s", v->as.b ? "true" : "false");
        break;
    case V_DATE: {
        int y, m, d;
        civil_from_days(v->as.date, &y, &m, &d);
        w = snprintf(buf, size, "%04d-%02d-%02d", y, m, d);
        break;
    }
    case V_DATETIME: {
        int y, m, d;
        int64_t days = record_floor_div(v->as.datetime, 86400);
        int64_t secs = v->as.datetime - days * 86400;
        civil_from_days(days, &y, &m, &d);
        w = snprintf(buf, size, "%04d-%02d-%02dT%02d:%02d:%02dZ", y, m, d, (int)(secs / 3600),
                     (int)(secs / 60 % 60), (int)(secs % 60));
        break;
    }
    case V_LIST: {
        size_t used = 0;
        for (uint32_t i = 0; i < v->len && used < size - 1; i++) {
            int n = snprintf(buf + used, size - used, "%s%s", i ? "|" : "", v->as.items[i]);
            if (n < 0) break;
            used += (size_t)n;
        }
        return used < size ? used : size - 1;
    }
    default:
        return 0;
    }
    if (w < 0) return 0;
    return (size_t)w < size ? (size_t)w : size - 1;
}

int date_parse(const char *s, size_t len, int64_t *days)
{
    return len == 10 && record_scan_date(s, len, days) == 1 ? VG_OK : VG_ERR;
}
