/* lists.c - named reference lists loaded from YAML into uthash sets (exact or prefix match). */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <uthash.h>
#include <yaml.h>
#include "dir.h"
#include "lists.h"
#include "hash_filter.h"
#include "lists_fold.h"
#include "lists_fuzzy.h"
#include "xalloc.h"
#include "record.h"
#include "xalloc.h"

/* Finding which entry occurs inside a text (goods descriptions against dozens of
 * terms, per record) must not try every entry at every position. Entries are
 * chained by the hash of their first two characters; a scan of the text looks up
 * each position's two characters and compares only the entries of that chain.
 * One-character entries are kept apart. Chains keep list order, and the lowest
 * index wins, so "the first entry in list order" holds. */
#define LIST_BIGRAM_BUCKETS 1024

struct list_text_index {
    const list_entry **entries; /* list order */
    size_t *lengths;
    int count;
    int head[LIST_BIGRAM_BUCKETS]; /* first entry of each chain, -1 when empty */
    int *next;
    bool single[256];              /* a one-character entry starts with this byte */
    hash_filter filter;            /* the keys' hashes (uthash's hashv) */
};

static unsigned list_bigram(unsigned char a, unsigned char b)
{
    return ((unsigned)a * 31u ^ (unsigned)b) & (LIST_BIGRAM_BUCKETS - 1);
}

/* Build the text index once every entry is in. */
static void list_seal(ref_list *l)
{
    list_text_index *t = xcalloc(1, sizeof *t);
    t->count = l->count;
    t->entries = xcalloc((size_t)l->count + 1, sizeof *t->entries);
    t->lengths = xcalloc((size_t)l->count + 1, sizeof *t->lengths);
    t->next = xcalloc((size_t)l->count + 1, sizeof *t->next);
    for (int b = 0; b < LIST_BIGRAM_BUCKETS; b++) t->head[b] = -1;
    int i = 0;
    for (const list_entry *e = l->entries; e; e = e->hh.next) t->entries[i++] = e;
    /* chains are built back to front so that each keeps list order */
    hash_filter_size(&t->filter, (size_t)t->count);
    for (i = t->count - 1; i >= 0; i--) {
        hash_filter_add(&t->filter, t->entries[i]->hh.hashv);
        const unsigned char *v = (const unsigned char *)t->entries[i]->value;
        t->lengths[i] = strlen((const char *)v);
        t->next[i] = -1;
        if (t->lengths[i] == 1) {
            t->single[v[0]] = true;
            continue;
        }
        unsigned b = list_bigram(v[0], v[1]);
        t->next[i] = t->head[b];
        t->head[b] = i;
    }
    l->text = t;
}

static void list_text_free(list_text_index *t)
{
    if (!t) return;
    free(t->entries);
    free(t->lengths);
    free(t->next);
    hash_filter_free(&t->filter);
    free(t);
}

const char *list_match_name(list_match m)
{
    return m == LIST_PREFIX ? "prefix" : m == LIST_FUZZY ? "fuzzy" : "exact";
}

/* Prefix entries are probed by length through a 32-bit mask, so they stay shorter. */
#define LIST_MAX_PREFIX 31

static char *list_strdup(const char *s)
{
    char *p = xstrdup(s ? s : "");
    return p;
}

static long list_line(const yaml_node_t *n)
{
    return n ? (long)n->start_mark.line + 1 : 0;
}

static const char *list_scalar(const yaml_node_t *n)
{
    return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

/* The file name without directory and .yaml. */
static char *list_name_of(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t n = strlen(base);
    if (n > 5 && strcmp(base + n - 5, ".yaml") == 0) n -= 5;
    char *name = xmalloc(n + 1);
    memcpy(name, base, n);
    name[n] = '\0';
    return name;
}

/* What one entry of a file says, before it goes into the hash. */
typedef struct list_entry_spec {
    const char *value, *note, *source, *edition, *source_name;
    char *flags;          /* joined, owned */
    const char **aliases; /* borrowed from the YAML document */
    int alias_count;
} list_entry_spec;

static list_entry *list_new_key(ref_list *l, const char *raw, long line, vg_error *err)
{
    while (isspace((unsigned char)*raw)) raw++;
    size_t n = strlen(raw);
    while (n > 0 && isspace((unsigned char)raw[n - 1])) n--;
    if (n == 0) {
        error_set(err, l->path, line, NULL, "empty entry");
        return NULL;
    }
    size_t folded_len;
    char *folded = list_fold(raw, n, NULL, 0, &folded_len);
    if (l->match == LIST_PREFIX && folded_len > LIST_MAX_PREFIX) {
        error_set(err, l->path, line, NULL, "prefix entries are at most %d characters", LIST_MAX_PREFIX);
        free(folded);
        return NULL;
    }
    list_entry *dup;
    HASH_FIND(hh, l->entries, folded, folded_len, dup);
    if (dup) {
        if (dup->canonical)
            error_set(err, l->path, line, NULL, "duplicate entry '%s' (already an alias of '%s')", folded,
                      dup->canonical->value);
        else
            error_set(err, l->path, line, NULL, "duplicate entry '%s'", folded);
        free(folded);
        return NULL;
    }
    list_entry *e = xcalloc(1, sizeof *e);
    e->value = folded;
    HASH_ADD_KEYPTR(hh, l->entries, e->value, folded_len, e);
    l->count++;
    if (folded_len <= LIST_MAX_PREFIX) l->prefix_lengths |= 1u << folded_len;
    if (folded_len > l->max_length) l->max_length = folded_len;
    return e;
}

static int list_add_entry(ref_list *l, const list_entry_spec *spec, long line, vg_error *err)
{
    list_entry *e = list_new_key(l, spec->value, line, err);
    if (!e) return VG_ERR;
    e->note = list_strdup(spec->note);
    e->source = list_strdup(spec->source);
    e->edition = list_strdup(spec->edition);
    e->source_name = list_strdup(spec->source_name);
    e->flags = list_strdup(spec->flags);
    e->aliases = xcalloc((size_t)spec->alias_count + 1, sizeof *e->aliases);
    l->entry_count++;
    for (int i = 0; i < spec->alias_count; i++) {
        e->aliases[e->alias_count++] = list_strdup(spec->aliases[i]);
        list_entry *a = list_new_key(l, spec->aliases[i], line, err);
        if (!a) return VG_ERR;
        /* evidence from an alias says which entry it stands for */
        size_t need = strlen(e->value) + strlen(e->note) + 16;
        a->note = xmalloc(need);
        snprintf(a->note, need, "alias of %s%s%s", e->value, e->note[0] ? ": " : "", e->note);
        a->source = list_strdup("");
        a->edition = list_strdup("");
        a->source_name = list_strdup("");
        a->flags = list_strdup("");
        a->canonical = e;
    }
    return VG_OK;
}

/* A sequence of scalars (aliases, flags); a lone scalar counts as a one-item sequence. */
static int list_scalars(ref_list *l, yaml_document_t *doc, yaml_node_t *n, const char *key, const char ***out,
                        int *count, vg_error *err)
{
    *count = 0;
    if (n->type == YAML_SCALAR_NODE) {
        *out = xmalloc(sizeof **out);
        (*out)[(*count)++] = list_scalar(n);
        return VG_OK;
    }
    if (n->type != YAML_SEQUENCE_NODE)
        return error_set(err, l->path, list_line(n), NULL, "'%s' is a sequence of strings", key);
    size_t cap = (size_t)(n->data.sequence.items.top - n->data.sequence.items.start) + 1;
    *out = xmalloc(sizeof **out * cap);
    for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top; it++) {
        const char *v = list_scalar(yaml_document_get_node(doc, *it));
        if (!v) return error_set(err, l->path, list_line(n), NULL, "'%s' is a sequence of strings", key);
        (*out)[(*count)++] = v;
    }
    return VG_OK;
}

static char *list_join(const char **items, int count)
{
    size_t n = 1;
    for (int i = 0; i < count; i++) n += strlen(items[i]) + 2;
    char *s = xmalloc(n), *p = s;
    *p = '\0';
    for (int i = 0; i < count; i++) p += sprintf(p, "%s%s", i ? ", " : "", items[i]);
    return s;
}

static int list_read_entry(ref_list *l, yaml_document_t *doc, yaml_node_t *n, vg_error *err)
{
    list_entry_spec spec = { list_scalar(n), "", "", "", "", NULL, NULL, 0 };
    const char **flags = NULL;
    int flag_count = 0, rc = VG_OK;
    if (n->type == YAML_MAPPING_NODE) {
        for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top && rc == VG_OK; p++) {
            yaml_node_t *kn = yaml_document_get_node(doc, p->key);
            yaml_node_t *vn = yaml_document_get_node(doc, p->value);
            const char *k = list_scalar(kn), *v = list_scalar(vn);
            if (k && strcmp(k, "aliases") == 0 && !spec.aliases) {
                rc = list_scalars(l, doc, vn, k, &spec.aliases, &spec.alias_count, err);
                continue;
            }
            if (k && strcmp(k, "flags") == 0 && !flags) {
                rc = list_scalars(l, doc, vn, k, &flags, &flag_count, err);
                continue;
            }
            if (!k || !v) {
                rc = error_set(err, l->path, list_line(kn), NULL,
                               "an entry is a string or {value: ..., note: ..., source: ..., aliases: [...]}");
                break;
            }
            if (strcmp(k, "value") == 0) spec.value = v;
            else if (strcmp(k, "note") == 0) spec.note = v;
            else if (strcmp(k, "source") == 0) spec.source = v;
            else if (strcmp(k, "edition") == 0) spec.edition = v;
            else if (strcmp(k, "source_name") == 0) spec.source_name = v;
            else rc = error_set(err, l->path, list_line(kn), NULL, "unknown key '%s' in entry", k);
        }
        if (rc == VG_OK && !spec.value) rc = error_set(err, l->path, list_line(n), NULL, "entry without 'value'");
    } else if (!spec.value) {
        rc = error_set(err, l->path, list_line(n), NULL, "an entry is a string or {value: ..., note: ...}");
    }
    if (rc == VG_OK) {
        spec.flags = list_join(flags, flag_count);
        rc = list_add_entry(l, &spec, list_line(n), err);
        free(spec.flags);
    }
    free(flags);
    free(spec.aliases);
    return rc;
}

static int list_add_entries(ref_list *l, yaml_document_t *doc, yaml_node_t *seq, vg_error *err)
{
    if (seq->type != YAML_SEQUENCE_NODE)
        return error_set(err, l->path, list_line(seq), NULL, "'entries' must be a sequence");
    for (yaml_node_item_t *it = seq->data.sequence.items.start; it < seq->data.sequence.items.top; it++)
        if (list_read_entry(l, doc, yaml_document_get_node(doc, *it), err) != VG_OK) return VG_ERR;
    return VG_OK;
}

/* The variant table's path: relative to the directory the list file really is in. A
 * list file that is a link (as in the temporary rulesets of `lists diff`) finds the
 * table beside the file it links to; any other keeps its own directory as written, so
 * a ruleset's table stays under the ruleset's directory (ruleset.c hashes it there). */
static char *list_table_path(const char *list_path, const char *variants)
{
    struct stat st;
    char real[PATH_MAX];
    const char *file = list_path;
    if (lstat(list_path, &st) == 0 && S_ISLNK(st.st_mode) && realpath(list_path, real)) file = real;
    const char *slash = strrchr(file, '/');
    if (variants[0] == '/' || !slash) return xstrdup(variants);
    size_t dir = (size_t)(slash - file) + 1;
    char *path = xmalloc(dir + strlen(variants) + 1);
    memcpy(path, file, dir);
    strcpy(path + dir, variants);
    return path;
}

static int list_build(ref_list *l, yaml_document_t *doc, bool any_name, vg_error *err)
{
    yaml_node_t *root = yaml_document_get_root_node(doc);
    if (!root) return error_set(err, l->path, 0, NULL, "empty list file");
    if (root->type != YAML_MAPPING_NODE)
        return error_set(err, l->path, list_line(root), NULL, "a list file is a mapping");
    yaml_node_t *entries = NULL;
    const char *match = "exact", *threshold = NULL, *variants = NULL;
    long match_line = 0, threshold_line = 0, variants_line = 0;
    for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top; p++) {
        yaml_node_t *kn = yaml_document_get_node(doc, p->key);
        yaml_node_t *vn = yaml_document_get_node(doc, p->value);
        const char *k = list_scalar(kn);
        if (!k) return error_set(err, l->path, list_line(kn), NULL, "keys must be plain names");
        if (strcmp(k, "entries") == 0) { entries = vn; continue; }
        const char *v = list_scalar(vn);
        if (!v) return error_set(err, l->path, list_line(vn), NULL, "'%s' must be a single value", k);
        if (strcmp(k, "name") == 0) {
            if (any_name) {
                free(l->name);
                l->name = list_strdup(v);
            } else if (strcmp(v, l->name) != 0)
                return error_set(err, l->path, list_line(vn), NULL,
                                 "name '%s' differs from the file name '%s'", v, l->name);
        } else if (strcmp(k, "title") == 0) {
            free(l->title);
            l->title = list_strdup(v);
        } else if (strcmp(k, "source") == 0) {
            free(l->source);
            l->source = list_strdup(v);
        } else if (strcmp(k, "as_of") == 0) {
            free(l->as_of);
            l->as_of = list_strdup(v);
        } else if (strcmp(k, "edition") == 0) {
            free(l->edition);
            l->edition = list_strdup(v);
        } else if (strcmp(k, "review_by") == 0) {
            if (date_parse(v, strlen(v), &l->review_by_day) != VG_OK)
                return error_set(err, l->path, list_line(vn), NULL, "review_by '%s' is not a date (YYYY-MM-DD)", v);
            free(l->review_by);
            l->review_by = list_strdup(v);
            l->review_by_line = list_line(vn);
        } else if (strcmp(k, "match") == 0) {
            match = v;
            match_line = list_line(vn);
        } else if (strcmp(k, "threshold") == 0) {
            threshold = v;
            threshold_line = list_line(vn);
        } else if (strcmp(k, "variants") == 0) {
            variants = v;
            variants_line = list_line(vn);
        } else {
            return error_set(err, l->path, list_line(kn), NULL, "unknown key '%s'", k);
        }
    }
    if (strcmp(match, "exact") == 0) l->match = LIST_EXACT;
    else if (strcmp(match, "prefix") == 0) l->match = LIST_PREFIX;
    else if (strcmp(match, "fuzzy") == 0) l->match = LIST_FUZZY;
    else return error_set(err, l->path, match_line, "match", "match is exact, prefix or fuzzy, not '%s'", match);
    if (l->match != LIST_FUZZY && (threshold || variants))
        return error_set(err, l->path, threshold ? threshold_line : variants_line, threshold ? "threshold" : "variants",
                         "'%s' applies to match: fuzzy only", threshold ? "threshold" : "variants");
    if (threshold) {
        char *end;
        errno = 0;
        double t = strtod(threshold, &end);
        if (errno || end == threshold || *end || !(t > 0.0 && t <= 1.0))
            return error_set(err, l->path, threshold_line, "threshold",
                             "threshold is a similarity above 0 and at most 1 (e.g. 0.90), not '%s'", threshold);
        l->threshold = t;
    }
    if (!entries) return error_set(err, l->path, list_line(root), NULL, "missing 'entries'");
    if (list_add_entries(l, doc, entries, err) != VG_OK) return VG_ERR;
    if (l->match != LIST_FUZZY) return VG_OK;
    list_names *names = NULL;
    if (variants) {
        free(l->variants);
        l->variants = xstrdup(variants);
        free(l->variants_path);
        l->variants_path = list_table_path(l->path, variants);
        vg_error table_err;
        names = list_names_load(l->variants_path, &table_err);
        if (!names)
            return error_set(err, l->path, variants_line, "variants", "variant table %s line %ld%s%s: %s",
                             table_err.file, table_err.line, table_err.field[0] ? ", field " : "",
                             table_err.field, table_err.message);
    }
    l->fuzzy = list_fuzzy_build(l, names);
    return VG_OK;
}

static ref_list *list_new(const char *name, const char *path)
{
    ref_list *l = xcalloc(1, sizeof *l);
    l->path = list_strdup(path);
    l->name = list_strdup(name);
    l->title = list_strdup("");
    l->source = list_strdup("");
    l->as_of = list_strdup("");
    l->edition = list_strdup("");
    l->review_by = list_strdup("");
    l->review_by_day = -1;
    l->threshold = LIST_FUZZY_THRESHOLD;
    l->variants = list_strdup("");
    l->variants_path = list_strdup("");
    return l;
}

static ref_list *list_load_file(const char *path, bool any_name, vg_error *err)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        error_set(err, path, 0, NULL, "cannot open: %s", strerror(errno));
        return NULL;
    }
    yaml_parser_t parser;
    yaml_document_t doc;
    if (!yaml_parser_initialize(&parser)) xalloc_die();
    yaml_parser_set_input_file(&parser, fp);
    if (!yaml_parser_load(&parser, &doc)) {
        if (parser.error == YAML_MEMORY_ERROR) xalloc_die();
        error_set(err, path, (long)parser.problem_mark.line + 1, NULL, "YAML syntax error: %s",
                  parser.problem ? parser.problem : "unknown");
        yaml_parser_delete(&parser);
        fclose(fp);
        return NULL;
    }
    char *name = list_name_of(path);
    ref_list *l = list_new(name, path);
    free(name);
    int rc = list_build(l, &doc, any_name, err);
    yaml_document_delete(&doc);
    yaml_parser_delete(&parser);
    fclose(fp);
    if (rc != VG_OK) {
        list_free(l);
        return NULL;
    }
    list_seal(l);
    return l;
}

ref_list *list_load(const char *path, vg_error *err) { return list_load_file(path, false, err); }
ref_list *list_load_any_name(const char *path, vg_error *err) { return list_load_file(path, true, err); }

ref_list *list_from_values(const char *name, const char *const *values, int count, list_match match,
                           vg_error *err)
{
    ref_list *l = list_new(name, "");
    l->match = match;
    for (int i = 0; i < count; i++) {
        list_entry_spec spec = { values[i], "", "", "", "", "", NULL, 0 };
        if (list_add_entry(l, &spec, 0, err) != VG_OK) {
            list_free(l);
            return NULL;
        }
    }
    list_seal(l);
    return l;
}

void list_each(const ref_list *l, void (*fn)(const char *value, const char *note, void *ctx), void *ctx)
{
    for (const list_entry *e = l->entries; e; e = e->hh.next) fn(e->value, e->note, ctx);
}

void list_free(ref_list *l)
{
    if (!l) return;
    list_text_free(l->text);
    list_fuzzy_free(l->fuzzy);
    free(l->variants);
    free(l->variants_path);
    list_entry *e, *tmp;
    HASH_ITER(hh, l->entries, e, tmp) {
        HASH_DEL(l->entries, e);
        free(e->value);
        free(e->note);
        free(e->source);
        free(e->edition);
        free(e->source_name);
        free(e->flags);
        for (int i = 0; i < e->alias_count; i++) free(e->aliases[i]);
        free(e->aliases);
        free(e);
    }
    free(l->edition);
    free(l->review_by);
    free(l->name);
    free(l->title);
    free(l->source);
    free(l->as_of);
    free(l->path);
    free(l);
}

/* ---- a directory of lists ---------------------------------------------------------- */

int list_set_load_dir(list_set *set, const char *dir, vg_error *err)
{
    set->items = NULL;
    set->count = 0;
    dir_names files;
    if (dir_list(dir, ".yaml", &files) != 0) {
        if (errno == ENOENT) return VG_OK; /* a ruleset without lists */
        return error_set(err, dir, 0, NULL, "cannot open list directory: %s", strerror(errno));
    }
    int rc = VG_OK;
    set->items = xcalloc((size_t)files.count + 1, sizeof *set->items);
    for (int i = 0; i < files.count && rc == VG_OK; i++) {
        char *path = path_join(dir, files.names[i]);
        ref_list *l = list_load(path, err);
        if (l) set->items[set->count++] = l;
        else rc = VG_ERR;
        free(path);
    }
    dir_names_free(&files);
    if (rc != VG_OK) list_set_free(set);
    return rc;
}

const ref_list *list_set_find(const list_set *set, const char *name)
{
    if (!set || !name) return NULL;
    for (int i = 0; i < set->count; i++)
        if (strcmp(set->items[i]->name, name) == 0) return set->items[i];
    return NULL;
}

void list_set_free(list_set *set)
{
    if (!set) return;
    for (int i = 0; i < set->count; i++) list_free(set->items[i]);
    free(set->items);
    set->items = NULL;
    set->count = 0;
}

/* ---- membership -------------------------------------------------------------------- */

const list_entry *list_first(const ref_list *l)
{
    const list_entry *e = l ? l->entries : NULL;
    while (e && e->canonical) e = e->hh.next;
    return e;
}

const list_entry *list_next(const list_entry *e)
{
    do e = e->hh.next; while (e && e->canonical);
    return e;
}

const list_entry *list_get(const ref_list *l, const char *value)
{
    size_t n;
    char small[256];
    char *key = list_fold(value, strlen(value), small, sizeof small, &n);
    list_entry *e = NULL;
    HASH_FIND(hh, l->entries, key, n, e);
    if (key != small) free(key);
    return e;
}

const char *list_lookup(const ref_list *l, const char *s, size_t len, const char **note)
{
    return list_lookup_scored(l, s, len, note, NULL);
}

static bool list_ascii(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)s[i] >= 0x80) return false;
    return true;
}

/* Whether an exact list has a key of length n: hashing a text of any other length
 * is wasted. */
static bool list_has_length(const ref_list *l, size_t n)
{
    return n > LIST_MAX_PREFIX ? n <= l->max_length : (l->prefix_lengths >> n & 1u) != 0;
}

/* Whether a key of two characters or more may start with up[0], up[1]: the text
 * index chains keys by the hash of those two (a collision costs only the hash lookup
 * this spares). */
static bool list_may_start(const ref_list *l, const char *up)
{
    return !l->text || l->text->head[list_bigram((unsigned char)up[0], (unsigned char)up[1])] >= 0;
}

/* The key up[0..n), or NULL. */
static list_entry *list_key(const ref_list *l, const char *up, size_t n)
{
    unsigned hash;
    HASH_VALUE(up, n, hash);
    if (l->text && !hash_filter_may_hold(&l->text->filter, hash)) return NULL;
    list_entry *e = NULL;
    HASH_FIND_BYHASHVALUE(hh, l->entries, up, n, hash, e);
    return e;
}

/* Whether a prefix list has a key of one character, which any text may start with. */
static bool list_single_prefix(const ref_list *l)
{
    return l->match == LIST_PREFIX && (l->prefix_lengths & 2u);
}

/* The key of an exact or prefix list that the folded text up[0..n) equals or starts
 * with (the longest such prefix: the most specific entry wins), or NULL. */
static list_entry *list_find_folded(const ref_list *l, const char *up, size_t n)
{
    list_entry *e = NULL;
    if (n >= 2 && !list_single_prefix(l) && !list_may_start(l, up)) return NULL;
    if (l->match == LIST_PREFIX) {
        if (n > LIST_MAX_PREFIX) n = LIST_MAX_PREFIX;
        for (size_t k = n; k > 0 && !e; k--)
            if (l->prefix_lengths & (1u << k)) e = list_key(l, up, k);
    } else if (list_has_length(l, n)) {
        e = list_key(l, up, n);
    }
    return e;
}

/* The same for s[0..len) as written. ASCII text folds byte for byte, keeping its
 * length, so what cannot match is known before folding: an exact list without a key
 * of that length, and a prefix list's probe past its longest possible key. */
static list_entry *list_find_text(const ref_list *l, const char *s, size_t len)
{
    bool ascii = list_ascii(s, len);
    if (ascii && l->match == LIST_EXACT && !list_has_length(l, len)) return NULL;
    if (ascii && l->match == LIST_PREFIX && len > LIST_MAX_PREFIX) len = LIST_MAX_PREFIX;
    char small[256];
    size_t n;
    char *up = list_fold(s, len, small, sizeof small, &n);
    list_entry *e = list_find_folded(l, up, n);
    if (up != small) free(up);
    return e;
}

const char *list_lookup_scored(const ref_list *l, const char *s, size_t len, const char **note,
                               double *similarity)
{
    if (note) *note = "";
    if (similarity) *similarity = 0;
    if (!l || !s || len == 0) return NULL;
    if (l->match == LIST_FUZZY) {
        const list_entry *f = list_fuzzy_find(l->fuzzy, s, len, l->threshold, similarity);
        if (!f) return NULL;
        if (note) *note = f->note;
        return f->value;
    }
    const list_entry *e = list_find_text(l, s, len);
    if (!e) return NULL;
    if (note) *note = e->note;
    if (similarity) *similarity = 1.0;
    return e->value;
}

static bool list_word_char(char c) { return isalnum((unsigned char)c) || (unsigned char)c >= 0x80; }

/* The words of s[0..len) (runs of word characters): their bounds, start and end, into
 * bounds (room for cap words) or, when more, a buffer of the caller's to free; their
 * count into *count; whether s is ASCII into *ascii. One pass over the text, so runs
 * of words are found from the bounds, not by scanning the text again for each start. */
static size_t *list_words(const char *s, size_t len, size_t *bounds, size_t cap, size_t *count, bool *ascii)
{
    size_t n = 0;
    bool in_word = false, high = false;
    for (size_t i = 0; i < len; i++) {
        high |= (unsigned char)s[i] >= 0x80;
        bool w = list_word_char(s[i]);
        if (w != in_word) {
            if (n / 2 == cap) { /* full: room for every word there can be (one letter, one gap) */
                cap = len / 2 + 1;
                size_t *more = xreallocarray(NULL, cap, 2 * sizeof *bounds);
                memcpy(more, bounds, n * sizeof *bounds);
                bounds = more;
            }
            bounds[n++] = i;
            in_word = w;
        }
    }
    if (in_word) bounds[n++] = len;
    *count = n / 2;
    *ascii = !high;
    return bounds;
}

int list_find_words(const ref_list *l, const char *s, size_t len, const list_entry **found, int max)
{
    if (!l || !s || len == 0 || max <= 0 || l->match == LIST_FUZZY) return 0;
    size_t small_bounds[2 * 64], words;
    bool ascii;
    size_t *bounds = list_words(s, len, small_bounds, 64, &words, &ascii);
    /* ASCII text folds byte for byte, so the fold of a run is that run of the text's
     * fold: the text is folded once and a run's folded length is its length. Other
     * text is folded run by run, as list_lookup would (ICU's folding of a run can
     * depend on what follows it). */
    char small[512];
    size_t folded_len;
    char *up = ascii ? list_fold(s, len, small, sizeof small, &folded_len) : NULL;
    int count = 0;
    for (size_t i = 0; i < words && count < max; i++) {
        size_t start = bounds[2 * i];
        size_t limit = len - start < LIST_WORDS_MAX ? len : start + LIST_WORDS_MAX;
        /* an ASCII run longer than every key of an exact list equals none, and when no
         * key starts with its first two characters only a run of one may match */
        if (ascii && l->match == LIST_EXACT && limit - start > l->max_length) limit = start + l->max_length;
        if (ascii && limit > start + 1 && !list_single_prefix(l) && !list_may_start(l, up + start)) limit = start + 1;
        for (size_t j = i; j < words && bounds[2 * j + 1] <= limit && count < max; j++) {
            size_t end = bounds[2 * j + 1];
            const list_entry *e = ascii ? list_find_folded(l, up + start, end - start)
                                        : list_find_text(l, s + start, end - start);
            if (e) found[count++] = e;
        }
    }
    if (up && up != small) free(up);
    if (bounds != small_bounds) free(bounds);
    return count;
}

const char *list_find_within(const ref_list *l, const char *s, size_t len, const char **note)
{
    if (note) *note = "";
    if (!l || !s || !l->text || len == 0) return NULL;
    const list_text_index *t = l->text;
    char small[512];
    char *up = list_fold(s, len, small, sizeof small, &len);
    const unsigned char *u = (const unsigned char *)up;
    int best = -1;
    for (size_t i = 0; i < len && best != 0; i++) {
        if (t->single[u[i]])
            for (int k = 0; k < t->count; k++)
                if (t->lengths[k] == 1 && (unsigned char)t->entries[k]->value[0] == u[i] && (best < 0 || k < best)) best = k;
        if (i + 1 >= len) break;
        for (int k = t->head[list_bigram(u[i], u[i + 1])]; k >= 0; k = t->next[k]) {
            if (best >= 0 && k >= best) break; /* chains are in list order */
            size_t n = t->lengths[k];
            if (n <= len - i && memcmp(up + i, t->entries[k]->value, n) == 0) {
                best = k;
                break;
            }
        }
    }
    if (up != small) free(up);
    if (best < 0) return NULL;
    if (note) *note = t->entries[best]->note;
    return t->entries[best]->value;
}
