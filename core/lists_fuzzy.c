/* lists_fuzzy.c - fuzzy matching of entity names against a list: normalisation (ICU), Jaro-Winkler, soft token sets. */
#include <ctype.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>
#include <uthash.h>
#include "csv_table.h"
#include "hash_filter.h"
#include "lists.h"
#include "lists_fold.h"
#include "lists_fuzzy.h"
#include "xalloc.h"

/* A name is compared as a bag of words ("tokens"). Normalisation, in order:
 *   1. text with non-ASCII characters is transliterated by ICU ("Any-Latin;
 *      Latin-ASCII": Cyrillic and Greek letters, Chinese characters as Pinyin
 *      syllables, "ß" as "ss"), then folded like every list value (lists_fold.h);
 *      invalid UTF-8 is not transliterated and folds byte by byte;
 *   2. words are runs of letters and digits; a dot after a single letter joins
 *      (L.L.C. is LLC, S.A.R.L. is SARL), an apostrophe joins (Xi'an is XIAN), any
 *      other punctuation separates (Co.,Ltd is CO LTD);
 *   3. the list's variant table (its `variants:` CSV) is applied, longest phrase
 *      first: noise words are dropped, weak words kept at a fifth of their weight,
 *      variants replaced by their canonical form;
 *   4. runs of two to four words whose concatenation is a word of the list (or a
 *      canonical of the table) are joined: "Xin Jiang" is XINJIANG (Pinyin syllables
 *      written apart).
 * Similarity of a name N to a key K (SoftTFIDF, Cohen, Ravikumar and Fienberg 2003,
 * "A comparison of string distance metrics for name-matching tasks"): each word of K,
 * in order, takes the unused word of N most similar to it: 1 when equal, its
 * Jaro-Winkler similarity when both have at least 4 letters, the same first letter,
 * lengths at most 3 apart, no digit, and score at least 0.88; else 0. Each word of K weighs log(1 + keys / keys holding the word)
 * (rare words decide; a fifth for weak words). Then
 *   covered_K = sum(weight * word similarity) / sum(weight)
 *   covered_N = sum(word similarity) / words of N
 *   similarity = covered_K * (0.9 + 0.1 * covered_N)
 * so a name holding every word of the key scores at least 0.90 whatever else it
 * says (branch, place, legal form), and an exact name scores 1. */

#define FZ_TOKENS 48        /* words of a name compared; the rest are ignored */
#define FZ_TEXT 1024        /* bytes of a normalised name */
#define FZ_WORD 128         /* bytes of one word; longer words are cut */
#define FZ_PHRASE 4         /* words of a variant phrase, and of a joined run */
#define FZ_FUZZY_MIN 4      /* shorter words must be equal */
#define FZ_LENGTH_GAP 3     /* words further apart in length are not misspellings of each other */
#define FZ_WORD_THRESHOLD 0.88
#define FZ_WEAK 0.2
#define FZ_TRANSLIT_MAX (1 << 16) /* bytes of a name given to the transliterator */

enum { NAME_NOISE, NAME_WEAK, NAME_VARIANT };

typedef struct names_row {
    char *key;       /* normalised words joined by one space */
    char *canonical; /* the same, "" for noise and weak */
    int kind;
    UT_hash_handle hh;
} names_row;

/* The sets and tables below are small (a variant table, a list's words): their
 * filters are sized for this many keys. Most words asked about are in none of them. */
#define FZ_FILTER_KEYS 1024

typedef struct fz_set_item {
    char *word;
    UT_hash_handle hh;
} fz_set_item;

typedef struct fz_set { /* a set of words */
    fz_set_item *items;
    hash_filter filter;
} fz_set;

struct list_names {
    names_row *rows;
    hash_filter row_filter;   /* the rows' keys */
    fz_set heads;             /* first words of the phrases of two words or more */
    int max_words;
};

typedef struct fz_name {
    char text[FZ_TEXT];
    size_t used;
    int count;
    unsigned short start[FZ_TOKENS], len[FZ_TOKENS];
    unsigned char weak[FZ_TOKENS];
} fz_name;

typedef struct fz_word { /* a word of the list, or a canonical of the table */
    char *word;
    int df;          /* keys holding it */
    int stamp;       /* the last key counted */
    UT_hash_handle hh;
} fz_word;

typedef struct fz_token {
    char *text;
    size_t len;
    double weight;
} fz_token;

typedef struct fz_key {
    const list_entry *entry;
    int first, count;  /* its tokens in list_fuzzy.tokens */
    double total;      /* their weights */
} fz_key;

typedef struct fz_bucket { /* the keys with a word starting with these letters */
    char prefix[4];
    int *keys;
    int count, cap;
    UT_hash_handle hh;
} fz_bucket;

struct list_fuzzy {
    list_names *names;
    fz_word *vocab;
    fz_set starts;            /* what a word of vocab starts with (shorter than it) */
    fz_key *keys;
    int key_count;
    fz_token *tokens;
    int token_count;
    fz_bucket *buckets;
    unsigned long serial;     /* this index among all built: names the index in fz_memos */
};

/* Answers are kept per thread, keyed by the index's serial (never reused: an address
 * may be reused once freed), the threshold and the name's bytes. A record often names
 * the same party twice (shipper and manufacturer), and a file repeats its parties
 * (300,000 shipments name about 29,000), so most lookups are answered here. The table
 * is fixed (LIST_FUZZY_CACHE slots, in sets of two, the least recently used replaced):
 * it never grows, and a name longer than a slot's text is not kept. The slots are too
 * many for the processor's caches, so each set's tags (bits of the key's hash) are
 * checked first: a name not kept reads no slot. */
#define FZ_MEMO_TEXT 63
#define FZ_MEMO_SETS (LIST_FUZZY_CACHE / 2)
typedef struct fz_memo {
    unsigned long serial;
    double threshold;
    const list_entry *entry;
    double similarity;
    unsigned char len;
    char text[FZ_MEMO_TEXT];
} fz_memo;
typedef struct fz_memo_tags {
    uint32_t tag[2];  /* 0: the slot is empty */
    uint32_t recent;  /* the slot last used */
} fz_memo_tags;
static atomic_ulong fz_serials;
static _Thread_local fz_memo_tags fz_memo_sets[FZ_MEMO_SETS];
static _Thread_local fz_memo fz_memos[FZ_MEMO_SETS][2];
static _Thread_local unsigned long fz_memo_hits;

/* ---- Jaro-Winkler ------------------------------------------------------------------ */

/* Jaro (1989): m characters match when equal and no further apart than
 * max(|a|, |b|) / 2 - 1; t is half the matched characters out of order;
 * jaro = (m/|a| + m/|b| + (m - t)/m) / 3. Winkler (1990) adds l * 0.1 * (1 - jaro)
 * for a common prefix of l <= 4 characters. Strings are cut at 255 bytes. */
double list_jaro_winkler(const char *a, size_t alen, const char *b, size_t blen)
{
    if (alen > 255) alen = 255;
    if (blen > 255) blen = 255;
    if (alen == 0 && blen == 0) return 1.0;
    if (alen == 0 || blen == 0) return 0.0;
    size_t window = (alen > blen ? alen : blen) / 2;
    window = window ? window - 1 : 0;
    bool am[256] = { false }, bm[256] = { false };
    size_t m = 0;
    for (size_t i = 0; i < alen; i++) {
        size_t lo = i > window ? i - window : 0, hi = i + window + 1 < blen ? i + window + 1 : blen;
        for (size_t j = lo; j < hi; j++)
            if (!bm[j] && a[i] == b[j]) {
                am[i] = bm[j] = true;
                m++;
                break;
            }
    }
    if (m == 0) return 0.0;
    size_t out_of_order = 0, k = 0;
    for (size_t i = 0; i < alen; i++) {
        if (!am[i]) continue;
        while (!bm[k]) k++;
        if (a[i] != b[k]) out_of_order++;
        k++;
    }
    double md = (double)m;
    double jaro = (md / (double)alen + md / (double)blen + (md - (double)out_of_order / 2.0) / md) / 3.0;
    size_t prefix = 0;
    while (prefix < 4 && prefix < alen && prefix < blen && a[prefix] == b[prefix]) prefix++;
    return jaro + (double)prefix * 0.1 * (1.0 - jaro);
}

/* ---- normalisation ----------------------------------------------------------------- */

/* Whether word[0..len), of hash value hash (HASH_VALUE), is in set. */
static bool fz_set_has(const fz_set *set, const char *word, size_t len, unsigned hash)
{
    if (!hash_filter_may_hold(&set->filter, hash)) return false;
    fz_set_item *e = NULL;
    HASH_FIND_BYHASHVALUE(hh, set->items, word, len, hash, e);
    return e != NULL;
}

static void fz_set_add(fz_set *set, const char *word, size_t len)
{
    unsigned hash;
    HASH_VALUE(word, len, hash);
    if (!set->filter.bits) hash_filter_size(&set->filter, FZ_FILTER_KEYS);
    if (fz_set_has(set, word, len, hash)) return;
    fz_set_item *e = xcalloc(1, sizeof *e);
    e->word = xstrndup(word, len);
    HASH_ADD_KEYPTR_BYHASHVALUE(hh, set->items, e->word, len, hash, e);
    hash_filter_add(&set->filter, hash);
}

static void fz_set_free(fz_set *set)
{
    fz_set_item *e, *tmp;
    HASH_ITER(hh, set->items, e, tmp) {
        HASH_DEL(set->items, e);
        free(e->word);
        free(e);
    }
    hash_filter_free(&set->filter);
}

static pthread_once_t fz_trans_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t fz_trans_lock = PTHREAD_MUTEX_INITIALIZER;
static UTransliterator *fz_trans; /* opened once, kept for the process (costly to open) */

static void fz_trans_open(void)
{
    UChar id[32];
    u_uastrcpy(id, "Any-Latin; Latin-ASCII");
    UErrorCode st = U_ZERO_ERROR;
    fz_trans = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &st);
    if (U_FAILURE(st)) fz_trans = NULL;
}

/* s through Any-Latin; Latin-ASCII, as UTF-8 (xmalloc'd), or NULL when s is not valid
 * UTF-8 (or too long, or ICU has no transliterator): the caller folds s as it is. */
static char *fz_transliterate(const char *s, size_t len, size_t *out_len)
{
    if (len > FZ_TRANSLIT_MAX) return NULL;
    UErrorCode st = U_ZERO_ERROR;
    int32_t cap = (int32_t)len * 4 + 16, n = 0; /* a Han character (3 bytes) gives at most 7 letters */
    UChar *u = xmalloc(sizeof *u * (size_t)cap);
    u_strFromUTF8(u, cap, &n, s, (int32_t)len, &st);
    pthread_once(&fz_trans_once, fz_trans_open);
    if (U_FAILURE(st) || !fz_trans) {
        free(u);
        return NULL;
    }
    int32_t text_len = n, limit = n;
    pthread_mutex_lock(&fz_trans_lock); /* a transliterator is not to be used by two threads at once */
    utrans_transUChars(fz_trans, u, &text_len, cap, 0, &limit, &st);
    pthread_mutex_unlock(&fz_trans_lock);
    int32_t need = 0;
    if (U_SUCCESS(st)) {
        u_strToUTF8(NULL, 0, &need, u, text_len, &st); /* preflight: U_BUFFER_OVERFLOW_ERROR expected */
        if (st == U_BUFFER_OVERFLOW_ERROR) st = U_ZERO_ERROR;
    }
    if (U_FAILURE(st)) {
        free(u);
        return NULL;
    }
    char *out = xmalloc((size_t)need + 1);
    u_strToUTF8(out, need + 1, &need, u, text_len, &st);
    free(u);
    if (U_FAILURE(st)) {
        free(out);
        return NULL;
    }
    out[need] = '\0';
    *out_len = (size_t)need;
    return out;
}

static const char *fz_tok(const fz_name *n, int i) { return n->text + n->start[i]; }

static void fz_add(fz_name *n, const char *s, size_t len, bool weak)
{
    if (len > FZ_WORD) len = FZ_WORD;
    if (n->count >= FZ_TOKENS || len == 0 || n->used + len + 1 > FZ_TEXT) return;
    memcpy(n->text + n->used, s, len);
    n->text[n->used + len] = '\0';
    n->start[n->count] = (unsigned short)n->used;
    n->len[n->count] = (unsigned short)len;
    n->weak[n->count] = weak;
    n->count++;
    n->used += len + 1;
}

/* Words of folded text (step 2). */
static void fz_tokenise(const char *s, size_t len, fz_name *out)
{
    out->count = 0;
    out->used = 0;
    char word[FZ_WORD];
    size_t w = 0, segment = 0; /* segment: characters since the word's start or its last dot */
    for (size_t i = 0; i <= len; i++) {
        unsigned char c = i < len ? (unsigned char)s[i] : ' ';
        if (isalnum(c) || c >= 0x80) {
            if (w < sizeof word) word[w++] = (char)toupper(c);
            segment++;
            continue;
        }
        if ((c == '.' && segment == 1) || (c == '\'' && w > 0)) { /* L.L.C., Xi'an */
            segment = 0;
            continue;
        }
        fz_add(out, word, w, false);
        w = segment = 0;
    }
}

/* Steps 1 and 2. */
static void fz_basic(const char *s, size_t len, fz_name *out)
{
    size_t i = 0;
    while (i < len && (unsigned char)s[i] < 0x80) i++;
    if (i == len) {
        fz_tokenise(s, len, out);
        return;
    }
    size_t tlen = 0;
    char *t = fz_transliterate(s, len, &tlen);
    const char *src = t ? t : s;
    size_t srclen = t ? tlen : len, flen = 0;
    char small[FZ_TEXT];
    char *folded = list_fold(src, srclen, small, sizeof small, &flen);
    fz_tokenise(folded, flen, out);
    if (folded != small) free(folded);
    free(t);
}

static char *fz_join(const fz_name *n, int from, int count, const char *sep, char *buf, size_t size)
{
    size_t at = 0, slen = strlen(sep);
    buf[0] = '\0';
    for (int i = from; i < from + count; i++) {
        size_t l = n->len[i];
        if (at + l + slen + 1 > size) return NULL;
        if (i > from) {
            memcpy(buf + at, sep, slen);
            at += slen;
        }
        memcpy(buf + at, fz_tok(n, i), l);
        at += l;
        buf[at] = '\0';
    }
    return buf;
}

static bool fz_is_weak(const list_names *t, const char *word)
{
    names_row *row = NULL;
    if (t) HASH_FIND_STR(t->rows, word, row);
    return row && row->kind == NAME_WEAK;
}

/* Step 3. */
static void fz_phrases(const list_names *t, const fz_name *in, fz_name *out)
{
    out->count = 0;
    out->used = 0;
    char key[FZ_TEXT];
    for (int i = 0; i < in->count;) {
        names_row *row = NULL;
        int n = in->count - i < t->max_words ? in->count - i : t->max_words;
        /* the word alone is hashed once, for the phrase heads and the table's rows */
        unsigned hash;
        HASH_VALUE(fz_tok(in, i), in->len[i], hash);
        if (n > 1 && !fz_set_has(&t->heads, fz_tok(in, i), in->len[i], hash)) n = 1; /* no phrase starts here */
        for (; n > 1 && !row; n--)
            if (fz_join(in, i, n, " ", key, sizeof key)) HASH_FIND_STR(t->rows, key, row);
        if (row) n++; /* the loop went one past */
        else if (hash_filter_may_hold(&t->row_filter, hash))
            HASH_FIND_BYHASHVALUE(hh, t->rows, fz_tok(in, i), in->len[i], hash, row);
        if (!row) {
            fz_add(out, fz_tok(in, i), in->len[i], in->weak[i]);
            i++;
            continue;
        }
        if (row->kind == NAME_VARIANT) {
            fz_name canon;
            fz_tokenise(row->canonical, strlen(row->canonical), &canon);
            for (int k = 0; k < canon.count; k++)
                fz_add(out, fz_tok(&canon, k), canon.len[k], fz_is_weak(t, fz_tok(&canon, k)));
        } else if (row->kind == NAME_WEAK) {
            for (int k = i; k < i + n; k++) fz_add(out, fz_tok(in, k), in->len[k], true);
        }
        i += n;
    }
    if (out->count == 0) *out = *in; /* a name of noise only keeps its words */
}

/* Step 4. */
static void fz_join_runs(const fz_word *vocab, const fz_set *starts, const fz_name *in, fz_name *out)
{
    out->count = 0;
    out->used = 0;
    char key[FZ_TEXT];
    for (int i = 0; i < in->count;) {
        fz_word *w = NULL;
        int n = in->count - i < FZ_PHRASE ? in->count - i : FZ_PHRASE;
        unsigned hash;
        HASH_VALUE(fz_tok(in, i), in->len[i], hash);
        if (!fz_set_has(starts, fz_tok(in, i), in->len[i], hash)) n = 1; /* no word of the list starts so */
        for (; n >= 2 && !w; n--)
            if (fz_join(in, i, n, "", key, sizeof key)) HASH_FIND_STR(vocab, key, w);
        if (w) {
            n++;
            fz_add(out, w->word, strlen(w->word), in->weak[i]);
            i += n;
        } else {
            fz_add(out, fz_tok(in, i), in->len[i], in->weak[i]);
            i++;
        }
    }
}

static void fz_normalise(const list_names *t, const fz_word *vocab, const fz_set *starts, const char *s, size_t len,
                         fz_name *out)
{
    fz_name a, b;
    fz_basic(s, len, &a);
    const fz_name *cur = &a;
    if (t) {
        fz_phrases(t, cur, &b);
        cur = &b;
    }
    if (vocab) {
        fz_join_runs(vocab, starts, cur, out);
        return;
    }
    if (cur != out) *out = *cur;
}

/* ---- the variant table ------------------------------------------------------------- */

static char *names_normalised(const char *s)
{
    fz_name n;
    fz_basic(s, strlen(s), &n);
    char buf[FZ_TEXT];
    return xstrdup(fz_join(&n, 0, n.count, " ", buf, sizeof buf) ? buf : "");
}

/* The header row: exactly variant,canonical,kind,source. */
static int names_header(const csv_table *csv, const char *path, vg_error *err)
{
    static const char *const header[] = { "variant", "canonical", "kind", "source" };
    for (int i = 0; i < 4; i++)
        if (csv->widths[0] != 4 || strcmp(csv_cell(csv, 0, i), header[i]) != 0)
            return error_set(err, path, csv->lines[0], NULL, "the header is variant,canonical,kind,source");
    return VG_OK;
}

/* Row r of the table, checked, into t. */
static int names_add_row(list_names *t, const csv_table *csv, int r, const char *path, vg_error *err)
{
    long line = csv->lines[r];
    if (csv->widths[r] != 4)
        return error_set(err, path, line, NULL, "%d fields, not 4 (variant,canonical,kind,source)", csv->widths[r]);
    const char *kind = csv_cell(csv, r, 2);
    int k = strcmp(kind, "noise") == 0 ? NAME_NOISE : strcmp(kind, "weak") == 0 ? NAME_WEAK
          : strcmp(kind, "variant") == 0 ? NAME_VARIANT : -1;
    char *key = names_normalised(csv_cell(csv, r, 0));
    char *canonical = names_normalised(csv_cell(csv, r, 1));
    names_row *dup = NULL;
    if (*key) HASH_FIND_STR(t->rows, key, dup);
    int rc = VG_OK;
    if (k < 0)
        rc = error_set(err, path, line, "kind", "'%s' is not noise, weak or variant", kind);
    else if (!*key)
        rc = error_set(err, path, line, "variant", "no word in '%s'", csv_cell(csv, r, 0));
    else if (dup)
        rc = error_set(err, path, line, "variant", "'%s' is given twice", key);
    else if (k == NAME_VARIANT && !*canonical)
        rc = error_set(err, path, line, "canonical", "a variant needs its canonical form");
    else if (k != NAME_VARIANT && *canonical)
        rc = error_set(err, path, line, "canonical", "only a variant has a canonical form");
    if (rc != VG_OK) {
        free(key);
        free(canonical);
        return rc;
    }
    names_row *row = xcalloc(1, sizeof *row);
    row->key = key;
    row->canonical = canonical;
    row->kind = k;
    unsigned hash;
    HASH_VALUE(row->key, strlen(row->key), hash);
    HASH_ADD_KEYPTR_BYHASHVALUE(hh, t->rows, row->key, strlen(row->key), hash, row);
    if (!t->row_filter.bits) hash_filter_size(&t->row_filter, FZ_FILTER_KEYS);
    hash_filter_add(&t->row_filter, hash);
    int words = 1;
    for (const char *p = key; *p; p++) words += *p == ' ';
    if (words > 1) fz_set_add(&t->heads, key, strcspn(key, " "));
    if (words > t->max_words) t->max_words = words;
    if (words > FZ_PHRASE) return error_set(err, path, line, "variant", "at most %d words", FZ_PHRASE);
    return VG_OK;
}

/* Lines starting with '#' are comments (the table explains itself at the top). */
list_names *list_names_load(const char *path, vg_error *err)
{
    csv_table csv;
    if (csv_table_read(&csv, path, true, "the variant table", err) != VG_OK) return NULL;
    list_names *t = xcalloc(1, sizeof *t);
    t->max_words = 1;
    int rc = names_header(&csv, path, err);
    for (int r = 1; r < csv.count && rc == VG_OK; r++) rc = names_add_row(t, &csv, r, path, err);
    csv_table_free(&csv);
    if (rc != VG_OK) {
        list_names_free(t);
        return NULL;
    }
    return t;
}

void list_names_free(list_names *t)
{
    if (!t) return;
    names_row *row, *tmp;
    HASH_ITER(hh, t->rows, row, tmp) {
        HASH_DEL(t->rows, row);
        free(row->key);
        free(row->canonical);
        free(row);
    }
    fz_set_free(&t->heads);
    hash_filter_free(&t->row_filter);
    free(t);
}

/* ---- the index --------------------------------------------------------------------- */

static fz_word *fz_vocab_add(fz_word **vocab, const char *word)
{
    fz_word *w = NULL;
    HASH_FIND_STR(*vocab, word, w);
    if (w) return w;
    w = xcalloc(1, sizeof *w);
    w->word = xstrdup(word);
    w->stamp = -1;
    HASH_ADD_KEYPTR(hh, *vocab, w->word, strlen(w->word), w);
    return w;
}

static void fz_bucket_add(list_fuzzy *f, const char *word, size_t len, int key)
{
    char prefix[4] = { 0 };
    memcpy(prefix, word, len < 3 ? len : 3);
    fz_bucket *b = NULL;
    HASH_FIND_STR(f->buckets, prefix, b);
    if (!b) {
        b = xcalloc(1, sizeof *b);
        memcpy(b->prefix, prefix, sizeof prefix);
        HASH_ADD_STR(f->buckets, prefix, b);
    }
    if (b->count && b->keys[b->count - 1] == key) return;
    if (b->count == b->cap) {
        b->cap = b->cap ? b->cap * 2 : 4;
        b->keys = xreallocarray(b->keys, (size_t)b->cap, sizeof *b->keys);
    }
    b->keys[b->count++] = key;
}

/* A word's weight in a key: log(1 + keys / keys holding it) (rare words decide); a word
 * of no key (a key text not in the list) weighs as one held by a single key, the most. */
static double fz_weight(const list_fuzzy *f, const fz_word *w)
{
    return log(1.0 + (double)f->key_count / (double)(w && w->df ? w->df : 1));
}

list_fuzzy *list_fuzzy_build(const ref_list *l, list_names *t)
{
    list_fuzzy *f = xcalloc(1, sizeof *f);
    f->serial = atomic_fetch_add(&fz_serials, 1) + 1;
    f->names = t;
    f->key_count = HASH_COUNT(l->entries);
    f->keys = xcalloc((size_t)f->key_count + 1, sizeof *f->keys);
    /* the words of the list and the table's canonicals, for joining runs */
    if (t) {
        names_row *row, *tmp;
        HASH_ITER(hh, t->rows, row, tmp) {
            if (row->kind != NAME_VARIANT || strchr(row->canonical, ' ')) continue;
            fz_vocab_add(&f->vocab, row->canonical);
        }
    }
    fz_name n;
    for (const list_entry *e = l->entries; e; e = e->hh.next) {
        fz_normalise(t, NULL, NULL, e->value, strlen(e->value), &n);
        for (int i = 0; i < n.count; i++) fz_vocab_add(&f->vocab, fz_tok(&n, i));
    }
    fz_word *w, *wt;
    HASH_ITER(hh, f->vocab, w, wt) {
        for (size_t k = 1; w->word[k]; k++) fz_set_add(&f->starts, w->word, k);
    }
    /* the keys, normalised with the words known; how many keys hold each word (words:
     * each token's, for its weight once every key is counted) */
    fz_word **words = NULL;
    int k = 0, cap = 0;
    for (const list_entry *e = l->entries; e; e = e->hh.next, k++) {
        fz_normalise(t, f->vocab, &f->starts, e->value, strlen(e->value), &n);
        f->keys[k].entry = e;
        f->keys[k].first = f->token_count;
        f->keys[k].count = n.count;
        for (int i = 0; i < n.count; i++) {
            if (f->token_count == cap) {
                cap = cap ? cap * 2 : 64;
                f->tokens = xreallocarray(f->tokens, (size_t)cap, sizeof *f->tokens);
                words = xreallocarray(words, (size_t)cap, sizeof *words);
            }
            fz_word *w = fz_vocab_add(&f->vocab, fz_tok(&n, i));
            if (w->stamp != k) {
                w->stamp = k;
                w->df++;
            }
            words[f->token_count] = w;
            f->tokens[f->token_count++] = (fz_token){ w->word, n.len[i], n.weak[i] ? -1.0 : 1.0 };
            fz_bucket_add(f, fz_tok(&n, i), n.len[i], k);
        }
    }
    for (k = 0; k < f->key_count; k++) {
        fz_key *key = &f->keys[k];
        for (int i = key->first; i < key->first + key->count; i++) {
            fz_token *tk = &f->tokens[i];
            double weight = fz_weight(f, words[i]);
            tk->weight = tk->weight < 0 ? weight * FZ_WEAK : weight;
            key->total += tk->weight;
        }
    }
    free(words);
    return f;
}

void list_fuzzy_free(list_fuzzy *f)
{
    if (!f) return;
    list_names_free(f->names);
    fz_word *w, *wt;
    HASH_ITER(hh, f->vocab, w, wt) {
        HASH_DEL(f->vocab, w);
        free(w->word);
        free(w);
    }
    fz_set_free(&f->starts);
    fz_bucket *b, *bt;
    HASH_ITER(hh, f->buckets, b, bt) {
        HASH_DEL(f->buckets, b);
        free(b->keys);
        free(b);
    }
    free(f->tokens);
    free(f->keys);
    free(f);
}

/* ---- similarity -------------------------------------------------------------------- */

static bool fz_has_digit(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (isdigit((unsigned char)s[i])) return true;
    return false;
}

/* Whether two different words may be misspellings of each other: a misspelling keeps
 * the first letter and about the length (and the hot path skips Jaro-Winkler for most
 * pairs of words). */
static bool fz_may_resemble(const char *a, size_t alen, const char *b, size_t blen)
{
    return alen >= FZ_FUZZY_MIN && blen >= FZ_FUZZY_MIN && a[0] == b[0] && alen <= blen + FZ_LENGTH_GAP &&
           blen <= alen + FZ_LENGTH_GAP && !fz_has_digit(a, alen) && !fz_has_digit(b, blen);
}

static double fz_word_similarity(const char *a, size_t alen, const char *b, size_t blen)
{
    if (alen == blen && memcmp(a, b, alen) == 0) return 1.0;
    if (!fz_may_resemble(a, alen, b, blen)) return 0.0;
    double jw = list_jaro_winkler(a, alen, b, blen);
    return jw >= FZ_WORD_THRESHOLD ? jw : 0.0;
}

/* Whether the key e cannot reach the similarity floor, once the words of v equal to
 * its words are counted (got): every other word of the key counts in full when some
 * unused word of v may resemble it, and the name's coverage as 1, so this bounds the
 * similarity from above (with a margin for rounding) before any Jaro-Winkler. */
static bool fz_out_of_reach(const fz_name *v, const bool *used, const bool *exact, const fz_token *e, int count,
                            double got, double total, double floor)
{
    double reach = got;
    for (int j = 0; j < count; j++) {
        if (j < FZ_TOKENS && exact[j]) continue;
        for (int i = 0; i < v->count; i++)
            if (!used[i] && fz_may_resemble(fz_tok(v, i), v->len[i], e[j].text, e[j].len)) {
                reach += e[j].weight;
                break;
            }
    }
    return reach / total < floor - 1e-9;
}

/* The similarity of v to the key e, or 0 when it is certainly under floor (0: always
 * the similarity). */
static double fz_score(const fz_name *v, const fz_token *e, int count, double total, double floor)
{
    if (v->count == 0 || count == 0 || total <= 0) return 0.0;
    bool used[FZ_TOKENS] = { false };
    double got = 0, matched = 0;
    bool exact[FZ_TOKENS] = { false }; /* words of the key found as they are: no Jaro-Winkler */
    for (int j = 0; j < count && j < FZ_TOKENS; j++)
        for (int i = 0; i < v->count; i++)
            if (!used[i] && v->len[i] == e[j].len && memcmp(fz_tok(v, i), e[j].text, e[j].len) == 0) {
                used[i] = exact[j] = true;
                got += e[j].weight;
                matched += 1;
                break;
            }
    if (floor > 0 && fz_out_of_reach(v, used, exact, e, count, got, total, floor)) return 0.0;
    for (int j = 0; j < count; j++) {
        if (j < FZ_TOKENS && exact[j]) continue;
        double best = 0;
        int at = -1;
        for (int i = 0; i < v->count; i++) {
            if (used[i]) continue;
            double s = fz_word_similarity(fz_tok(v, i), v->len[i], e[j].text, e[j].len);
            if (s > best) {
                best = s;
                at = i;
                if (s == 1.0) break;
            }
        }
        if (at < 0) continue;
        used[at] = true;
        got += e[j].weight * best;
        matched += best;
    }
    double covered_key = got / total, covered_name = matched / (double)v->count;
    return covered_key * (0.9 + 0.1 * covered_name);
}

/* list_fuzzy_find, without the answers kept. */
static const list_entry *fz_find(const list_fuzzy *f, const char *s, size_t len, double threshold,
                                  double *similarity)
{
    fz_name v;
    fz_normalise(f->names, f->vocab, &f->starts, s, len, &v);
    if (v.count == 0) return NULL;
    unsigned char seen_small[1024];
    unsigned char *seen = f->key_count <= (int)sizeof seen_small ? seen_small : xmalloc((size_t)f->key_count);
    memset(seen, 0, (size_t)f->key_count);
    int best = -1;
    double best_score = 0;
    for (int i = 0; i < v.count; i++) {
        char prefix[4] = { 0 };
        memcpy(prefix, fz_tok(&v, i), v.len[i] < 3 ? v.len[i] : 3);
        fz_bucket *b = NULL;
        HASH_FIND_STR(f->buckets, prefix, b);
        for (int c = 0; b && c < b->count; c++) {
            int k = b->keys[c];
            if (seen[k]) continue;
            seen[k] = 1;
            const fz_key *key = &f->keys[k];
            double score = fz_score(&v, f->tokens + key->first, key->count, key->total, threshold);
            if (score > best_score || (score == best_score && best >= 0 && k < best)) {
                best_score = score;
                best = k;
            }
        }
    }
    if (seen != seen_small) free(seen);
    if (best < 0 || best_score < threshold) return NULL;
    if (similarity) *similarity = best_score;
    return f->keys[best].entry;
}

/* The hash of a key of fz_memos: eight bytes of the name at a time, then the serial
 * and the threshold, each mixed by a multiply and a shift. */
static uint64_t fz_memo_hash(unsigned long serial, double threshold, const char *s, size_t len)
{
    const uint64_t mul = 0x9e3779b97f4a7c15ull;
    uint64_t h = len, w;
    for (size_t i = 0; i < len; i += 8) {
        w = 0;
        memcpy(&w, s + i, len - i < 8 ? len - i : 8);
        h = (h ^ w) * mul;
        h ^= h >> 29;
    }
    memcpy(&w, &threshold, sizeof w);
    h = (h ^ serial) * mul;
    h = (h ^ (h >> 29) ^ w) * mul;
    return h ^ h >> 32;
}

static bool fz_memo_is(const fz_memo *m, unsigned long serial, double threshold, const char *s, size_t len)
{
    return m->serial == serial && m->len == len && m->threshold == threshold && memcmp(m->text, s, len) == 0;
}

/* The kept answer for s[0..len) (of hash h), or NULL. */
static const fz_memo *fz_memo_find(uint64_t h, unsigned long serial, double threshold, const char *s, size_t len)
{
    fz_memo_tags *set = &fz_memo_sets[h % FZ_MEMO_SETS];
    uint32_t tag = (uint32_t)(h >> 32) | 1u;
    for (uint32_t w = 0; w < 2; w++)
        if (set->tag[w] == tag && fz_memo_is(&fz_memos[h % FZ_MEMO_SETS][w], serial, threshold, s, len)) {
            set->recent = w;
            return &fz_memos[h % FZ_MEMO_SETS][w];
        }
    return NULL;
}

/* Keeps an answer in place of its set's least recently used. */
static void fz_memo_keep(uint64_t h, unsigned long serial, double threshold, const char *s, size_t len,
                         const list_entry *entry, double similarity)
{
    fz_memo_tags *set = &fz_memo_sets[h % FZ_MEMO_SETS];
    uint32_t w = set->recent ^ 1u;
    set->tag[w] = (uint32_t)(h >> 32) | 1u;
    set->recent = w;
    fz_memo *m = &fz_memos[h % FZ_MEMO_SETS][w];
    *m = (fz_memo){ .serial = serial, .threshold = threshold, .entry = entry, .similarity = similarity,
                    .len = (unsigned char)len };
    memcpy(m->text, s, len);
}

const list_entry *list_fuzzy_find(const list_fuzzy *f, const char *s, size_t len, double threshold,
                                  double *similarity)
{
    if (similarity) *similarity = 0;
    if (!f || !s || len == 0 || f->key_count == 0) return NULL;
    bool keep = len <= FZ_MEMO_TEXT;
    uint64_t h = keep ? fz_memo_hash(f->serial, threshold, s, len) : 0;
    const fz_memo *kept = keep ? fz_memo_find(h, f->serial, threshold, s, len) : NULL;
    if (kept) {
        fz_memo_hits++;
        if (similarity) *similarity = kept->similarity;
        return kept->entry;
    }
    double sim = 0;
    const list_entry *e = fz_find(f, s, len, threshold, &sim);
    if (keep) fz_memo_keep(h, f->serial, threshold, s, len, e, sim);
    if (similarity) *similarity = sim;
    return e;
}

unsigned long list_fuzzy_cache_hits(void) { return fz_memo_hits; }

double list_fuzzy_similarity(const list_fuzzy *f, const char *name, const char *key)
{
    fz_name v, k;
    fz_normalise(f->names, f->vocab, &f->starts, name, strlen(name), &v);
    fz_normalise(f->names, f->vocab, &f->starts, key, strlen(key), &k);
    fz_token tokens[FZ_TOKENS];
    double total = 0;
    for (int i = 0; i < k.count; i++) {
        fz_word *w = NULL;
        HASH_FIND_STR(f->vocab, fz_tok(&k, i), w);
        double weight = fz_weight(f, w);
        if (k.weak[i]) weight *= FZ_WEAK;
        tokens[i] = (fz_token){ (char *)fz_tok(&k, i), k.len[i], weight };
        total += weight;
    }
    return fz_score(&v, tokens, k.count, total, 0);
}

char *list_fuzzy_normalise(const list_fuzzy *f, const char *s, size_t len)
{
    fz_name n;
    fz_normalise(f ? f->names : NULL, f ? f->vocab : NULL, f ? &f->starts : NULL, s, len, &n);
    char buf[FZ_TEXT];
    return xstrdup(fz_join(&n, 0, n.count, " ", buf, sizeof buf) ? buf : "");
}
