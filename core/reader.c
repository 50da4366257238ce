/* reader.c - one reader interface over every manifest format: dispatch, kind inference, conversion. */
#define _GNU_SOURCE /* fopencookie: a gzip file or standard input read through stdio */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include <string.h>
#include <strings.h>
#include <uthash.h>
#include <zlib.h>
#include "reader_impl.h"
#include "xalloc.h"

struct reader_name {
    char *name;
    UT_hash_handle hh;
};

static const struct {
    const char *extension;
    int (*open)(reader *r, const char *kind, vg_error *err);
} reader_formats[] = {
    { ".csv", reader_csv_open },
    { ".ndjson", reader_ndjson_open },
    { ".jsonl", reader_ndjson_open },
    { ".yaml", reader_yaml_open },
    { ".yml", reader_yaml_open },
    { ".edi", reader_edifact_open },
    { ".edifact", reader_edifact_open },
};

/* ---- streams: a file, a gzip file, standard input --------------------------------------
 * A .gz manifest (zlib) and standard input ("-") are read through stdio like a file,
 * by a cookie stream: the readers use getline on all of them. Neither can seek, so
 * neither is split into ranges (they are streamed), and the CSV reader's recovery
 * from an unbalanced quote cannot go back on them (as on a pipe). */

#define READER_SNIFF_BYTES 4096

typedef struct reader_stream reader_stream;
struct reader_stream {
    gzFile gz;           /* a gzip file, else */
    int fd;              /* a descriptor (standard input) */
    char *prefix;        /* bytes to serve first (read ahead to tell the format, or kept) */
    size_t prefix_length, prefix_at;
    bool keeping;        /* keep what is read, so that a seek to the start can replay it */
    char *kept;
    size_t kept_length, kept_capacity;
};

/* Past this, what was kept is let go: the kind inference reads one record or document. */
#define READER_KEEP_MAX (16L << 20)

static void reader_stream_keep(reader_stream *s, const char *buf, size_t n)
{
    if (!s->keeping) return;
    if (s->kept_length + n > READER_KEEP_MAX) {
        s->keeping = false;
        free(s->kept);
        s->kept = NULL;
        s->kept_length = 0;
        return;
    }
    if (s->kept_length + n > s->kept_capacity) {
        s->kept_capacity = (s->kept_length + n) * 2;
        s->kept = xrealloc(s->kept, s->kept_capacity);
    }
    memcpy(s->kept + s->kept_length, buf, n);
    s->kept_length += n;
}

static ssize_t reader_stream_read(void *cookie, char *buf, size_t size)
{
    reader_stream *s = cookie;
    ssize_t n;
    if (s->prefix_at < s->prefix_length) {
        n = (ssize_t)(s->prefix_length - s->prefix_at);
        if ((size_t)n > size) n = (ssize_t)size;
        memcpy(buf, s->prefix + s->prefix_at, (size_t)n);
        s->prefix_at += (size_t)n;
    } else if (s->gz) {
        n = gzread(s->gz, buf, size > INT_MAX ? INT_MAX : (unsigned)size);
        int status = Z_OK;
        if (n == 0) gzerror(s->gz, &status); /* Z_BUF_ERROR: the file ends inside the stream */
        if (n < 0 || (status != Z_OK && status != Z_STREAM_END)) {
            errno = EIO;
            return -1;
        }
    } else {
        n = read(s->fd, buf, size); /* a signal may break it: the run stops as interrupted */
    }
    if (n > 0) reader_stream_keep(s, buf, (size_t)n);
    return n;
}

/* Only back to the start, once, replaying what was kept (after the kind inference). */
static int reader_stream_seek(void *cookie, off64_t *offset, int whence)
{
    reader_stream *s = cookie;
    if (whence != SEEK_SET || *offset != 0 || !s->keeping) {
        errno = ESPIPE;
        return -1;
    }
    free(s->prefix);
    s->prefix = s->kept;
    s->prefix_length = s->kept_length;
    s->prefix_at = 0;
    s->kept = NULL;
    s->kept_length = s->kept_capacity = 0;
    s->keeping = false;
    return 0;
}

static int reader_stream_close(void *cookie)
{
    reader_stream *s = cookie;
    int rc = s->gz ? (gzclose(s->gz) == Z_OK ? 0 : -1) : 0;
    free(s->prefix);
    free(s->kept);
    free(s);
    return rc;
}

void reader_keep_for_rewind(reader *r)
{
    if (r->stream) r->stream->keeping = true;
}

static FILE *reader_stream_open(reader *r, reader_stream *s)
{
    r->stream = s;
    cookie_io_functions_t io = { .read = reader_stream_read, .seek = reader_stream_seek, .close = reader_stream_close };
    FILE *fp = fopencookie(s, "rb", io);
    if (!fp) {
        if (s->gz) gzclose(s->gz);
        free(s->prefix);
        free(s);
        return NULL;
    }
    return fp;
}

/* glibc ignores a size given to setvbuf without a buffer (it reads a block, 4 KB, per
 * call): each reader gives its stream a buffer of its own, freed by reader_close. */
#define READER_BUFFER (1 << 16)

void reader_buffer(reader *r, FILE *fp)
{
    if (!r->io_buffer) r->io_buffer = xmalloc(READER_BUFFER);
    setvbuf(fp, r->io_buffer, _IOFBF, READER_BUFFER);
}

FILE *reader_fopen(reader *r, vg_error *err)
{
    FILE *fp = NULL;
    if (r->standard_input) {
        reader_stream *s = xcalloc(1, sizeof *s);
        s->fd = STDIN_FILENO;
        s->prefix = r->sniffed;
        s->prefix_length = r->sniffed_length;
        r->sniffed = NULL;
        fp = reader_stream_open(r, s);
    } else if (r->gzip) {
        gzFile gz = gzopen(r->path, "rb");
        if (gz) {
            gzbuffer(gz, 1 << 17);
            reader_stream *s = xcalloc(1, sizeof *s);
            s->gz = gz;
            fp = reader_stream_open(r, s);
        }
    } else {
        fp = fopen(r->path, "rb");
    }
    if (!fp) error_set(err, r->path, 0, NULL, "cannot open: %s", strerror(errno ? errno : EIO));
    else reader_buffer(r, fp);
    return fp;
}

/* Standard input has no name to tell its format: NDJSON when it starts with '{'
 * (after a byte order mark and blanks), EDIFACT when it starts with UNA or UNB, CSV
 * otherwise. Returns 1, 2 or 0. */
static int reader_sniff_standard_input(reader *r)
{
    r->sniffed = xmalloc(READER_SNIFF_BYTES);
    size_t n = 0;
    while (n < READER_SNIFF_BYTES) {
        ssize_t got = read(STDIN_FILENO, r->sniffed + n, READER_SNIFF_BYTES - n);
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) break;
        n += (size_t)got;
        size_t i = n >= 3 && memcmp(r->sniffed, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
        while (i < n && strchr(" \t\r\n", r->sniffed[i])) i++;
        if (i < n) break;
    }
    r->sniffed_length = n;
    size_t i = n >= 3 && memcmp(r->sniffed, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    while (i < n && strchr(" \t\r\n", r->sniffed[i])) i++;
    if (i + 3 <= n && (memcmp(r->sniffed + i, "UNA", 3) == 0 || memcmp(r->sniffed + i, "UNB", 3) == 0)) return 2;
    return i < n && r->sniffed[i] == '{' ? 1 : 0;
}

reader *reader_open(const char *path, const schema_set *schemas, const char *kind, vg_error *err)
{
    reader *r = xcalloc(1, sizeof *r);
    r->path = xstrdup(path);
    r->schemas = schemas;
    r->final = READ_RECORD;
    r->range_end = LLONG_MAX;
    r->split_fd = -1;
    int (*open)(reader *, const char *, vg_error *) = NULL;
    if (strcmp(path, "-") == 0) {
        r->standard_input = true;
        int sniffed = reader_sniff_standard_input(r);
        open = sniffed == 2 ? reader_edifact_open : sniffed == 1 ? reader_ndjson_open : reader_csv_open;
    } else {
        /* the format is the extension's, under a .gz one */
        size_t length = strlen(path);
        if (length > 3 && strcasecmp(path + length - 3, ".gz") == 0) {
            r->gzip = true;
            length -= 3;
        }
        char *name = xstrndup(path, length);
        const char *dot = strrchr(name, '.');
        const char *slash = strrchr(name, '/');
        for (size_t i = 0; dot && dot > (slash ? slash : name) && i < sizeof reader_formats / sizeof reader_formats[0]; i++)
            if (strcasecmp(dot, reader_formats[i].extension) == 0) open = reader_formats[i].open;
        free(name);
    }
    if (!open) {
        error_set(err, path, 0, NULL,
                  "unknown manifest format: the name must end in .csv, .ndjson, .jsonl, .yaml, .yml, .edi or .edifact "
                  "(optionally followed by .gz), or be - for standard input");
        reader_close(r);
        return NULL;
    }
    if (open(r, kind, err) != VG_OK) {
        reader_close(r);
        return NULL;
    }
    return r;
}

const schema *reader_schema(const reader *r)
{
    return r->schema;
}

read_status reader_next(reader *r, record *rec, vg_error *err)
{
    error_clear(err);
    if (r->final != READ_RECORD) {
        if (r->final == READ_FATAL && err) *err = r->final_error;
        return r->final;
    }
    record_clear(rec);
    rec->source = r->path;
    if (++r->serial == 0) { /* wrapped: forget which slots were set when */
        memset(r->seen, 0, (size_t)r->schema->field_count * sizeof *r->seen);
        r->serial = 1;
    }
    read_status st = r->format->next(r, rec, err);
    if (st == READ_EOF || st == READ_FATAL) {
        r->final = st;
        if (st == READ_FATAL && err) r->final_error = *err;
    }
    return st;
}

long long reader_bytes_read(const reader *r)
{
    return r->bytes_read;
}

void reader_close(reader *r)
{
    if (!r) return;
    if (r->format) r->format->close(r);
    free(r->io_buffer); /* after the format closed the stream that used it */
    reader_name *n, *tmp;
    HASH_ITER(hh, r->warned, n, tmp) {
        HASH_DEL(r->warned, n);
        free(n->name);
        free(n);
    }
    free(r->seen);
    free(r->skip);
    free(r->list_items);
    free(r->path);
    if (r->split_fd >= 0) close(r->split_fd);
    free(r->split_buffer);
    free(r->sniffed);
    free(r);
}

/* ---- byte ranges ------------------------------------------------------------------- */

void reader_mark_data_start(reader *r, FILE *fp, long long offset, long line)
{
    struct stat sb;
    r->data_offset = r->split_offset = offset;
    r->data_line = r->split_line = line;
    if (fstat(fileno(fp), &sb) == 0 && S_ISREG(sb.st_mode)) {
        r->regular = true;
        r->file_size = (long long)sb.st_size;
    }
}

bool reader_splittable(const reader *r)
{
    return r->regular && r->format->clone && !r->origin;
}

long long reader_file_size(const reader *r)
{
    return r->file_size;
}

#define READER_SPLIT_BUFFER (1 << 16)
/* The longest record the CSV reader accepts (reader_csv.c): a "quoted" run longer than
 * this is taken for a stray quote by the scan too. */
#define READER_SPLIT_MAX_QUOTED (1L << 20)

bool reader_split(reader *r, long long size, reader_range *range, vg_error *err)
{
    if (r->split_offset >= r->file_size) return false;
    if (r->split_fd < 0) {
        r->split_fd = open(r->path, O_RDONLY | O_CLOEXEC);
        r->split_buffer = xmalloc(READER_SPLIT_BUFFER);
        if (r->split_fd < 0) {
            error_set(err, r->path, 0, NULL, "cannot open: %s", strerror(errno));
            return false;
        }
    }
    range->start = r->split_offset;
    range->line = r->split_line;
    long long target = range->start + (size > 0 ? size : 1), at = range->start, quote_opened = 0;
    long line = r->split_line;
    bool quoted = false, csv = r->format->quoted_newlines, found = false;
    while (!found && at < r->file_size) {
        long long want = r->file_size - at;
        ssize_t n = pread(r->split_fd, r->split_buffer, (size_t)(want < READER_SPLIT_BUFFER ? want : READER_SPLIT_BUFFER), (off_t)at);
        if (n <= 0) { /* the file shrank or cannot be read: the last range runs to its end */
            at = LLONG_MAX;
            break;
        }
        /* memchr from quote to quote (CSV) and from newline to newline: a few
         * instructions a line instead of a test on every byte */
        const char *p = r->split_buffer, *end = p + n;
        while (p < end && !found) {
            const char *quote = csv ? memchr(p, '"', (size_t)(end - p)) : NULL;
            const char *stop = quote ? quote : end;
            while (p < stop) {
                const char *nl = memchr(p, '\n', (size_t)(stop - p));
                if (!nl) {
                    p = stop;
                    break;
                }
                line++;
                p = nl + 1;
                long long after = at + (p - r->split_buffer);
                if (quoted && after - 1 - quote_opened > READER_SPLIT_MAX_QUOTED) quoted = false;
                if (!quoted && after >= target) {
                    found = true;
                    break;
                }
            }
            if (!found && quote && p == quote) {
                quoted = !quoted;
                if (quoted) quote_opened = at + (quote - r->split_buffer);
                p = quote + 1;
            }
        }
        at += (found ? p : end) - r->split_buffer;
    }
    if (!found) at = LLONG_MAX; /* to the end, whatever its length by then */
    range->end = at;
    r->split_offset = at;
    r->split_line = line;
    return true;
}

reader *reader_clone(reader *from, vg_error *err)
{
    reader *r = xcalloc(1, sizeof *r);
    r->path = xstrdup(from->path);
    r->format = from->format;
    r->schemas = from->schemas;
    r->schema = from->schema;
    r->origin = from->origin ? from->origin : from;
    r->final = READ_RECORD;
    r->range_end = LLONG_MAX;
    r->split_fd = -1;
    r->regular = from->regular;
    r->file_size = from->file_size;
    r->data_offset = from->data_offset;
    r->data_line = from->data_line;
    r->seen = xcalloc((size_t)r->schema->field_count + 1, sizeof *r->seen);
    if (from->skip) {
        r->skip = xreallocarray(NULL, (size_t)r->schema->field_count + 1, sizeof *r->skip);
        memcpy(r->skip, from->skip, ((size_t)r->schema->field_count + 1) * sizeof *r->skip);
    }
    if (from->format->clone(r, from, err) != VG_OK) {
        reader_close(r);
        return NULL;
    }
    return r;
}

int reader_seek(reader *r, long long start, long long end, long line, vg_error *err)
{
    r->final = READ_RECORD;
    r->range_end = end;
    r->bytes_read = start;
    return r->format->seek(r, start, line, err);
}

long long reader_position(const reader *r, long *line)
{
    if (line) *line = r->format->line ? r->format->line(r) : 0;
    return r->bytes_read;
}

/* ---- helpers for the format readers ----------------------------------------------- */

int reader_choose_schema(reader *r, const char *kind, const char *const *names, int count,
                         long line, vg_error *err)
{
    const schema *chosen = NULL;
    if (kind) {
        chosen = schema_set_find(r->schemas, kind);
        if (!chosen) return error_set(err, r->path, 0, NULL, "unknown record kind '%s'", kind);
    } else {
        int matches = 0;
        for (int i = 0; r->schemas && i < r->schemas->count; i++) {
            const schema *s = r->schemas->items[i];
            const char *key = s->fields[s->key_index].name;
            for (int j = 0; j < count; j++) {
                if (names[j] && strcmp(names[j], key) == 0) {
                    if (matches++ == 0) chosen = s;
                    break;
                }
            }
        }
        if (matches == 0)
            return error_set(err, r->path, line, NULL,
                             "cannot tell the record kind: no key field of a known schema is there");
        if (matches > 1)
            return error_set(err, r->path, line, NULL,
                             "cannot tell the record kind: the key fields of %d schemas are there; "
                             "name the kind", matches);
    }
    r->schema = chosen;
    r->seen = xcalloc((size_t)chosen->field_count + 1, sizeof *r->seen);
    return VG_OK;
}

/* Clones of a reader warn through it, once for all of them (they run on several threads). */
static pthread_mutex_t reader_warn_lock = PTHREAD_MUTEX_INITIALIZER;

static void reader_warn_once(reader *r, const char *name, const char *why)
{
    reader *owner = r->origin ? r->origin : r;
    reader_name *n;
    pthread_mutex_lock(&reader_warn_lock);
    HASH_FIND_STR(owner->warned, name, n);
    if (!n) {
        n = xmalloc(sizeof *n);
        n->name = xstrdup(name);
        HASH_ADD_KEYPTR(hh, owner->warned, n->name, strlen(n->name), n);
        fprintf(stderr, "vigie: %s: '%s' %s %s; ignored\n", r->path, name, why, r->schema->kind);
    }
    pthread_mutex_unlock(&reader_warn_lock);
}

int reader_slot(reader *r, const char *name)
{
    int slot = schema_field_index(r->schema, name);
    if (slot < 0) {
        reader_warn_once(r, name, "is not a field of");
        return -1;
    }
    if (r->schema->fields[slot].derive != DERIVE_NONE) {
        reader_warn_once(r, name, "is computed, not read, for");
        return -1;
    }
    return slot;
}

bool reader_first_time(reader *r, int slot)
{
    if (r->seen[slot] == r->serial) return false;
    r->seen[slot] = r->serial;
    return true;
}

void reader_keep_only(reader *r, const bool *keep)
{
    const schema *s = r->schema;
    free(r->skip);
    r->skip = xreallocarray(NULL, (size_t)s->field_count + 1, sizeof *r->skip);
    for (int i = 0; i < s->field_count; i++) r->skip[i] = !keep[i];
    /* derived fields come after the ones they read */
    for (int i = s->field_count - 1; i >= 0; i--)
        if (!r->skip[i] && s->fields[i].derive != DERIVE_NONE)
            for (int k = 0; k < 2; k++)
                if (s->fields[i].derive_from[k] >= 0) r->skip[s->fields[i].derive_from[k]] = false;
}

bool reader_keeps(const reader *r, int slot) { return !r->skip || !r->skip[slot]; }

int reader_convert(reader *r, record *rec, int slot, const char *text, size_t len, vg_error *err)
{
    const field *f = &r->schema->fields[slot];
    /* a text or list value converts whatever it says (value_parse) but for a text too
     * long for a value: one not kept is left missing */
    if (r->skip && r->skip[slot] && (f->type == FT_STRING || f->type == FT_LIST) && len <= UINT32_MAX) return VG_OK;
    char why[200];
    if (value_parse(f, text, len, &rec->arena, &rec->slots[slot], why, sizeof why) != VG_OK)
        return error_set(err, r->path, rec->line, f->name, "%s", why);
    return VG_OK;
}

int reader_wrong_type(reader *r, record *rec, int slot, const char *got, vg_error *err)
{
    const field *f = &r->schema->fields[slot];
    return error_set(err, r->path, rec->line, f->name, "expected %s%s, got %s",
                     f->type == FT_LIST ? "a " : "", field_type_name(f->type), got);
}

void reader_list_begin(reader *r)
{
    r->list_count = 0;
}

void reader_list_add(reader *r, record *rec, const char *text, size_t len)
{
    static const field item = { .name = "item", .type = FT_STRING };
    value v;
    value_parse(&item, text, len, &rec->arena, &v, NULL, 0); /* strings always convert */
    if (v.kind == V_MISSING) return;
    if (r->list_count == r->list_capacity) {
        r->list_capacity = r->list_capacity ? r->list_capacity * 2 : 16;
        const char **grown = xrealloc(r->list_items, r->list_capacity * sizeof *grown);
        r->list_items = grown;
    }
    r->list_items[r->list_count++] = v.as.s;
}

void reader_list_end(reader *r, record *rec, int slot)
{
    value *v = &rec->slots[slot];
    memset(v, 0, sizeof *v);
    if (r->list_count == 0) return;
    const char **items = arena_alloc(&rec->arena, r->list_count * sizeof *items);
    memcpy(items, r->list_items, r->list_count * sizeof *items);
    v->kind = V_LIST;
    v->len = r->list_count;
    v->as.items = items;
}

read_status reader_finish(reader *r, record *rec, vg_error *err)
{
    const field *key = &r->schema->fields[r->schema->key_index];
    if (rec->slots[key->index].kind == V_MISSING) {
        error_set(err, r->path, rec->line, key->name, "the record has no %s (its key)", key->name);
        return READ_REJECT;
    }
    record_derive(rec);
    return READ_RECORD;
}
