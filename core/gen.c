/* gen.c - generator plumbing: seeded PRNG, id permutations, date text, row builder, CSV/NDJSON writer. */
#include "gen.h"
#include "xalloc.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* ==== pseudo-random numbers ======================================================= */

static uint64_t splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

void gen_rng_seed(gen_rng *r, uint64_t seed, uint64_t stream)
{
    /* Streams are separated by hashing the stream id into the seed, so that the
     * sensitive-field stream, for one, is independent of every other draw. */
    uint64_t state = seed ^ (stream * 0xd1b54a32d192ed03ULL);
    for (int i = 0; i < 4; i++) r->s[i] = splitmix64(&state);
}

static inline uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

uint64_t gen_rng_next(gen_rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

uint32_t gen_rng_below(gen_rng *r, uint32_t n)
{
    /* Lemire's multiply-shift with rejection: unbiased and without a division on
     * the common path. */
    uint64_t m = (gen_rng_next(r) >> 32) * (uint64_t)n;
    uint32_t low = (uint32_t)m;
    if (low < n) {
        uint32_t threshold = (uint32_t)(-n) % n;
        while (low < threshold) {
            m = (gen_rng_next(r) >> 32) * (uint64_t)n;
            low = (uint32_t)m;
        }
    }
    return (uint32_t)(m >> 32);
}

int gen_rng_range(gen_rng *r, int lo, int hi)
{
    if (hi <= lo) return lo;
    return lo + (int)gen_rng_below(r, (uint32_t)(hi - lo + 1));
}

double gen_rng_unit(gen_rng *r)
{
    return (double)(gen_rng_next(r) >> 11) * 0x1.0p-53;
}

bool gen_rng_chance(gen_rng *r, double p)
{
    return gen_rng_unit(r) < p;
}

int gen_rng_weighted(gen_rng *r, const double *weights, int n)
{
    double total = 0;
    for (int i = 0; i < n; i++) total += weights[i];
    double x = gen_rng_unit(r) * total;
    for (int i = 0; i < n; i++) {
        if (x < weights[i]) return i;
        x -= weights[i];
    }
    /* Rounding can leave x just above the last bucket: pick the last positive one. */
    for (int i = n - 1; i >= 0; i--)
        if (weights[i] > 0) return i;
    return 0;
}

uint64_t gen_hash(uint64_t a, uint64_t b)
{
    uint64_t state = a * 0x9e3779b97f4a7c15ULL ^ (b + 0x632be59bd9b4e019ULL);
    splitmix64(&state);
    return splitmix64(&state);
}

/* ==== id permutations ============================================================= */

void gen_permutation_init(gen_permutation *p, uint64_t modulus, uint64_t seed)
{
    int bits = 2;
    while (bits < 62 && (1ULL << bits) < modulus) bits++;
    if (bits & 1) bits++;
    p->modulus = modulus;
    p->half_bits = bits / 2;
    for (int i = 0; i < 4; i++) p->keys[i] = gen_hash(seed, 0x7065726dULL + (uint64_t)i);
}

uint64_t gen_permutation_apply(const gen_permutation *p, uint64_t value)
{
    /* A balanced Feistel network is a bijection of [0, 2^bits); cycle walking (apply
     * again while the result is out of range) restricts it to a bijection of
     * [0, modulus). 2^bits < 4 * modulus, so a few rounds are enough on average. */
    uint64_t mask = (1ULL << p->half_bits) - 1;
    uint64_t x = value % p->modulus;
    do {
        uint64_t left = x >> p->half_bits, right = x & mask;
        for (int i = 0; i < 4; i++) {
            uint64_t next = left ^ (gen_hash(right, p->keys[i]) & mask);
            left = right;
            right = next;
        }
        x = (left << p->half_bits) | right;
    } while (x >= p->modulus);
    return x;
}

/* ==== dates and numbers as text =================================================== */

char *gen_put_uint(char *out, uint64_t value)
{
    char digits[24];
    int n = 0;
    do {
        digits[n++] = (char)('0' + value % 10);
        value /= 10;
    } while (value);
    while (n) *out++ = digits[--n];
    return out;
}

char *gen_put_uint_padded(char *out, uint64_t value, int width)
{
    for (int i = width - 1; i >= 0; i--) {
        out[i] = (char)('0' + value % 10);
        value /= 10;
    }
    return out + width;
}

char *gen_put_date(char *out, int64_t days)
{
    int y, m, d;
    civil_from_days(days, &y, &m, &d);
    out = gen_put_uint_padded(out, (uint64_t)y, 4);
    *out++ = '-';
    out = gen_put_uint_padded(out, (uint64_t)m, 2);
    *out++ = '-';
    return gen_put_uint_padded(out, (uint64_t)d, 2);
}

char *gen_put_datetime(char *out, int64_t seconds)
{
    int64_t days = seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400);
    int64_t rest = seconds - days * 86400;
    out = gen_put_date(out, days);
    *out++ = 'T';
    out = gen_put_uint_padded(out, (uint64_t)(rest / 3600), 2);
    *out++ = ':';
    out = gen_put_uint_padded(out, (uint64_t)(rest / 60 % 60), 2);
    *out++ = ':';
    out = gen_put_uint_padded(out, (uint64_t)(rest % 60), 2);
    *out++ = 'Z';
    return out;
}

/* ==== rows ======================================================================== */

void gen_row_init(gen_row *row, const gen_field *fields, int count)
{
    row->fields = fields;
    row->count = count;
    gen_row_clear(row);
}

void gen_row_clear(gen_row *row)
{
    memset(row->length, 0, sizeof row->length);
    row->used = 0;
}

/* Formatted values (numbers, dates) are written in place at the end of the text; the
 * row keeps GEN_ROW_SLACK spare bytes so such a write never runs past the buffer, and
 * a value that ends beyond GEN_ROW_TEXT is dropped (generated rows stay far below). */
static char *row_reserve(gen_row *row, int index)
{
    row->start[index] = (uint16_t)row->used;
    row->length[index] = 0;
    return row->text + row->used;
}

static void row_commit(gen_row *row, int index, const char *end)
{
    size_t length = (size_t)(end - (row->text + row->start[index]));
    if (row->used + length > GEN_ROW_TEXT) return;
    row->length[index] = (uint16_t)length;
    row->used += length;
}

void gen_row_set_len(gen_row *row, int index, const char *text, size_t length)
{
    if (!text || !length) {
        row->length[index] = 0;
        return;
    }
    if (row->used + length > GEN_ROW_TEXT) length = GEN_ROW_TEXT - row->used;
    char *p = row_reserve(row, index);
    memcpy(p, text, length);
    row_commit(row, index, p + length);
}

void gen_row_set(gen_row *row, int index, const char *text)
{
    gen_row_set_len(row, index, text, text ? strlen(text) : 0);
}

void gen_row_set_int(gen_row *row, int index, int64_t value)
{
    char *p = row_reserve(row, index);
    if (value < 0) {
        *p++ = '-';
        value = -value;
    }
    p = gen_put_uint(p, (uint64_t)value);
    row_commit(row, index, p);
}

void gen_row_set_fixed(gen_row *row, int index, int64_t scaled, int decimals)
{
    uint64_t unit = 1;
    for (int i = 0; i < decimals; i++) unit *= 10;
    char *p = row_reserve(row, index);
    if (scaled < 0) {
        *p++ = '-';
        scaled = -scaled;
    }
    p = gen_put_uint(p, (uint64_t)scaled / unit);
    if (decimals > 0) {
        *p++ = '.';
        p = gen_put_uint_padded(p, (uint64_t)scaled % unit, decimals);
    }
    row_commit(row, index, p);
}

void gen_row_set_bool(gen_row *row, int index, bool value)
{
    gen_row_set(row, index, value ? "true" : "false");
}

void gen_row_set_date(gen_row *row, int index, int64_t days)
{
    char *p = row_reserve(row, index);
    row_commit(row, index, gen_put_date(p, days));
}

void gen_row_set_datetime(gen_row *row, int index, int64_t seconds)
{
    char *p = row_reserve(row, index);
    row_commit(row, index, gen_put_datetime(p, seconds));
}

void gen_row_list_add(gen_row *row, int index, const char *item)
{
    size_t length = strlen(item);
    if (!length) return;
    if (row->length[index] == 0) {
        gen_row_set_len(row, index, item, length);
        return;
    }
    /* Items of one list are appended while it is the last value written. */
    if ((size_t)row->start[index] + row->length[index] != row->used ||
        row->used + length + 1 > GEN_ROW_TEXT)
        return;
    row->text[row->used++] = '|';
    memcpy(row->text + row->used, item, length);
    row->used += length;
    row->length[index] = (uint16_t)(row->length[index] + length + 1);
}

/* ==== buffered output ============================================================= */

#define GEN_OUT_CAPACITY (1u << 20)

int gen_out_open(gen_out *out, FILE *fp)
{
    out->fp = fp;
    out->edifact = NULL;
    out->used = 0;
    out->error = 0;
    out->capacity = GEN_OUT_CAPACITY;
    out->buffer = xmalloc(out->capacity);
    return 0;
}

static void out_drain(gen_out *out)
{
    if (out->used && !out->error) {
        if (fwrite(out->buffer, 1, out->used, out->fp) != out->used)
            out->error = errno ? errno : EIO;
    }
    out->used = 0;
}

void gen_out_write(gen_out *out, const char *data, size_t length)
{
    if (out->error) return;
    if (out->used + length > out->capacity) {
        out_drain(out);
        if (length > out->capacity) {
            if (!out->error && fwrite(data, 1, length, out->fp) != length)
                out->error = errno ? errno : EIO;
            return;
        }
    }
    memcpy(out->buffer + out->used, data, length);
    out->used += length;
}

void gen_out_puts(gen_out *out, const char *text)
{
    gen_out_write(out, text, strlen(text));
}

int gen_out_flush(gen_out *out)
{
    out_drain(out);
    if (!out->error && fflush(out->fp) != 0) out->error = errno ? errno : EIO;
    return out->error;
}

void gen_out_close(gen_out *out)
{
    free(out->buffer);
    out->buffer = NULL;
    out->used = out->capacity = 0;
}

/* Small writes go straight into the buffer; this is the hot path of the generator. */
static inline void out_byte(gen_out *out, char c)
{
    if (out->used < out->capacity) out->buffer[out->used++] = c;
    else gen_out_write(out, &c, 1);
}

static inline void out_append(gen_out *out, const char *data, size_t length)
{
    if (out->used + length <= out->capacity) {
        memcpy(out->buffer + out->used, data, length);
        out->used += length;
    } else {
        gen_out_write(out, data, length);
    }
}

/* ==== CSV and NDJSON ============================================================== */

void gen_write_csv_cell(gen_out *out, const char *text, size_t length)
{
    /* RFC 4180: quote a cell holding a comma, a quote or a line break; double quotes. */
    static const bool special[256] = { [','] = true, ['"'] = true, ['\n'] = true, ['\r'] = true };
    bool quote = false;
    for (size_t i = 0; i < length && !quote; i++) quote = special[(unsigned char)text[i]];
    if (!quote) {
        out_append(out, text, length);
        return;
    }
    out_byte(out, '"');
    size_t from = 0;
    for (size_t i = 0; i < length; i++) {
        if (text[i] == '"') {
            out_append(out, text + from, i - from + 1);
            out_byte(out, '"');
            from = i + 1;
        }
    }
    out_append(out, text + from, length - from);
    out_byte(out, '"');
}

static void write_json_string(gen_out *out, const char *text, size_t length)
{
    static const char hex[] = "0123456789abcdef";
    out_byte(out, '"');
    size_t from = 0;
    for (size_t i = 0; i < length; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c != '"' && c != '\\' && c >= 0x20) continue;
        out_append(out, text + from, i - from);
        from = i + 1;
        if (c == '"' || c == '\\') {
            char escaped[2] = { '\\', (char)c };
            out_append(out, escaped, 2);
        } else {
            char escaped[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };
            out_append(out, escaped, 6);
        }
    }
    out_append(out, text + from, length - from);
    out_byte(out, '"');
}

void gen_write_header(gen_out *out, const gen_row *row, gen_format format)
{
    if (format != GEN_CSV) return;
    for (int i = 0; i < row->count; i++) {
        if (i) out_byte(out, ',');
        out_append(out, row->fields[i].name, strlen(row->fields[i].name));
    }
    out_byte(out, '\n');
}

void gen_write_row(gen_out *out, const gen_row *row, gen_format format)
{
    if (format == GEN_PAXLST || format == GEN_PNRGOV) {
        gen_edifact_row(out, row, format);
        return;
    }
    if (format == GEN_CSV) {
        for (int i = 0; i < row->count; i++) {
            if (i) out_byte(out, ',');
            if (row->length[i]) gen_write_csv_cell(out, row->text + row->start[i], row->length[i]);
        }
        out_byte(out, '\n');
        return;
    }
    out_byte(out, '{');
    bool first = true;
    for (int i = 0; i < row->count; i++) {
        size_t length = row->length[i];
        if (!length) continue;   /* empty or missing: the key is left out */
        const char *text = row->text + row->start[i];
        if (!first) out_byte(out, ',');
        first = false;
        out_byte(out, '"');
        out_append(out, row->fields[i].name, strlen(row->fields[i].name));
        out_append(out, "\":", 2);
        switch (row->fields[i].type) {
        case GEN_INTEGER:
        case GEN_NUMBER:
        case GEN_BOOLEAN:
            out_append(out, text, length);
            break;
        case GEN_LIST: {
            out_byte(out, '[');
            size_t from = 0;
            for (size_t j = 0; j <= length; j++) {
                if (j < length && text[j] != '|') continue;
                if (from) out_byte(out, ',');
                write_json_string(out, text + from, j - from);
                from = j + 1;
            }
            out_byte(out, ']');
            break;
        }
        default:
            write_json_string(out, text, length);
        }
    }
    out_append(out, "}\n", 2);
}

/* ==== ground truth ================================================================ */

const char *gen_label_name(gen_label label)
{
    switch (label) {
    case GEN_PLANTED: return "planted";
    case GEN_LOOKALIKE: return "lookalike";
    default: return "background";
    }
}

void gen_truth_row(gen_out *truth, const char *key, const char *pattern, gen_label label)
{
    if (!truth) return;
    gen_write_csv_cell(truth, key, strlen(key));
    out_byte(truth, ',');
    gen_out_puts(truth, pattern);
    out_byte(truth, ',');
    gen_out_puts(truth, gen_label_name(label));
    out_byte(truth, '\n');
}

/* ==== people, contacts, companies ================================================= */

void gen_name(gen_rng *r, gen_culture culture, char sex, char *surname, size_t surname_size,
              char *given, size_t given_size)
{
    const gen_names *names = &gen_names_by_culture[culture];
    const char *s1 = names->surnames[gen_rng_below(r, (uint32_t)names->surname_count)];
    /* Hispanic and Portuguese documents often carry both family names. */
    if ((culture == CULTURE_HISPANIC || culture == CULTURE_PORTUGUESE) && gen_rng_chance(r, 0.35)) {
        const char *s2 = names->surnames[gen_rng_below(r, (uint32_t)names->surname_count)];
        if (s2 != s1) snprintf(surname, surname_size, "%s %s", s1, s2);
        else snprintf(surname, surname_size, "%s", s1);
    } else {
        snprintf(surname, surname_size, "%s", s1);
    }
    bool female = sex == 'F' || (sex == 'X' && gen_rng_chance(r, 0.5));
    const char *const *list = female ? names->female : names->male;
    uint32_t count = (uint32_t)(female ? names->female_count : names->male_count);
    const char *g1 = list[gen_rng_below(r, count)];
    /* A second given name, as on many documents; never for traditions that already
     * write two-part given names. */
    bool second = culture != CULTURE_VIETNAMESE && culture != CULTURE_KOREAN &&
                  culture != CULTURE_CHINESE && gen_rng_chance(r, 0.25);
    const char *g2 = second ? list[gen_rng_below(r, count)] : NULL;
    if (g2 && g2 != g1) snprintf(given, given_size, "%s %s", g1, g2);
    else snprintf(given, given_size, "%s", g1);
}

void gen_phone(char *out, size_t size, const gen_country *country, uint64_t unique)
{
    /* The 555-01xx block is reserved for fiction in North America; the extra digits
     * make the number too long to be dialable anywhere, while keeping one number per
     * contact (unique below 10^9). */
    char digits[16], *p = gen_put_uint_padded(digits, unique % 1000000000ULL, 9);
    *p = '\0';
    snprintf(out, size, "+%s-555-01%.2s-%s", country ? country->dial : "1", digits, digits + 2);
}

static size_t email_part(char *out, size_t size, const char *text)
{
    /* Lower-case letters and digits of the first word only: "DE JONG" -> "dejong",
     * "O'BRIEN" -> "obrien", "JEAN-PIERRE" -> "jeanpierre". */
    size_t n = 0;
    for (const char *p = text; *p && n + 1 < size; p++) {
        if (*p == ' ' && n > 1) break;
        if (isalnum((unsigned char)*p)) out[n++] = (char)tolower((unsigned char)*p);
    }
    out[n] = '\0';
    return n;
}

void gen_email(char *out, size_t size, const char *given, const char *surname, uint64_t unique)
{
    static const char *const domains[] = { "example.com", "example.org", "example.net" };
    char first[32], last[32], number[24];
    email_part(first, sizeof first, given);
    email_part(last, sizeof last, surname);
    *gen_put_uint(number, unique) = '\0';
    snprintf(out, size, "%s.%s.%s@%s", first, last, number, domains[unique % 3]);
}

void gen_company(char *out, size_t size, const gen_country *country, uint64_t seed,
                 uint64_t index, const char *trade)
{
    uint64_t h = gen_hash(gen_hash(seed, (uint64_t)(country - gen_countries)), index);
    const char *word = gen_company_words[h % (uint64_t)gen_company_word_count];
    h = gen_hash(h, 1);
    const char *word2 = gen_company_words[h % (uint64_t)gen_company_word_count];
    h = gen_hash(h, 2);
    if (!trade) trade = gen_company_trades[h % (uint64_t)gen_company_trade_count];
    h = gen_hash(h, 3);
    /* Half the names open with a city, the usual style in much of Asia. */
    char city[40] = "";
    if (h & 1) {
        const char *cities = country->cities;
        int count = 1;
        for (const char *p = cities; *p; p++) count += *p == '|';
        int pick = (int)((h >> 1) % (uint64_t)count);
        const char *p = cities;
        for (int i = 0; i < pick; i++) p = strchr(p, '|') + 1;
        const char *end = strchr(p, '|');
        size_t length = end ? (size_t)(end - p) : strlen(p);
        if (length >= sizeof city) length = sizeof city - 1;
        memcpy(city, p, length);
        city[length] = '\0';
        word2 = NULL;
    } else if (word2 == word) {
        word2 = NULL;
    }
    const char *suffix = country->legal_suffix;
    size_t suffix_length = strlen(suffix);
    bool prefix_form = suffix_length && suffix[suffix_length - 1] == ' ';   /* "PT " */
    snprintf(out, size, "%s%s%s%s%s%s %s%s", prefix_form ? suffix : "",
             city, city[0] ? " " : "", word, word2 ? " " : "", word2 ? word2 : "",
             trade, prefix_form ? "" : " ");
    if (!prefix_form) {
        size_t used = strlen(out);
        snprintf(out + used, size > used ? size - used : 0, "%s", suffix);
    }
}
