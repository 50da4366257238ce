/* reader_csv.c - CSV manifests: a header row naming fields, streamed line by line through a strict RFC 4180 scanner. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "reader_impl.h"
#include "xalloc.h"

/* A quoted field that runs this long is taken for an unbalanced quote: the record is
 * rejected and reading resumes on the line after the one where it started. */
#define CSV_MAX_ROW_LINES 1000
#define CSV_MAX_ROW_BYTES (1L << 20)

/* ---- the scanner ----------------------------------------------------------------------
 * The field scanner reproduces libcsv 3's strict parse (CSV_STRICT | CSV_STRICT_FINI |
 * CSV_APPEND_NULL, comma and double quote), state for state, so that every row,
 * field and error is what libcsv gave (docs/decisions.md, "CSV scanner", has the
 * measurement that made it worth it: libcsv spent ~40 instructions a byte submitting
 * each character on its own). What it keeps: blanks before a field are skipped; an
 * unquoted field loses its trailing blanks; a quote inside an unquoted field, or
 * anything but a comma, a line end, blanks or a second quote after a closing quote,
 * is a parse error; "" inside quotes is one quote; CR or LF outside quotes ends the
 * row, and an empty line is no row. Runs of ordinary bytes are copied at once. */

enum { CSV_ROW_NOT_BEGUN, CSV_FIELD_NOT_BEGUN, CSV_FIELD_BEGUN, CSV_FIELD_MIGHT_HAVE_ENDED };

typedef struct csv_scanner {
    int state;
    bool quoted;
    size_t spaces;        /* trailing blanks in the field so far */
    char *field;          /* the field being read (it may span lines) */
    size_t length, capacity;
} csv_scanner;

typedef struct csv_state {
    FILE *fp;
    csv_scanner parser;
    char *line;
    size_t line_capacity;
    long line_no;

    int column_count;
    int *column_slot;     /* schema slot of each column, -1 when ignored */
    char **header;        /* column names while the header is read */
    int header_count, header_capacity;
    bool in_header;

    /* the row being read */
    reader *r;
    record *rec;
    vg_error *err;
    bool row_open;        /* a row has started and has not ended yet */
    long row_line;
    long long row_offset; /* byte offset of the row's first line, to resume after it */
    size_t row_first_len;
    int columns;          /* fields seen in the row */
    int rows_ended;       /* rows the scanner ended while feeding the current line */
    bool failed;          /* a value did not convert (err holds why) */
} csv_state;

/* ---- scanner callbacks: convert each field straight into its slot ----------------- */

static void csv_on_field(void *text, size_t len, void *data)
{
    csv_state *st = data;
    if (st->in_header) {
        if (st->header_count == st->header_capacity) {
            st->header_capacity = st->header_capacity ? st->header_capacity * 2 : 32;
            char **grown = xrealloc(st->header, (size_t)st->header_capacity * sizeof *grown);
            st->header = grown;
        }
        char *name = xstrndup(text ? text : "", len);
        st->header[st->header_count++] = name;
        return;
    }
    if (st->rows_ended > 0) return; /* a stray carriage return began another row: rejected */
    int column = st->columns++;
    if (column >= st->column_count || st->failed) return;
    int slot = st->column_slot[column];
    if (slot >= 0 && reader_convert(st->r, st->rec, slot, text ? text : "", len, st->err) != VG_OK)
        st->failed = true;
}

static void csv_on_row_end(int c, void *data)
{
    (void)c;
    csv_state *st = data;
    st->rows_ended++;
}

/* Forget a half-read row after an error. */
static void csv_reset_parser(csv_state *st)
{
    st->parser.state = CSV_ROW_NOT_BEGUN;
    st->parser.quoted = false;
    st->parser.spaces = st->parser.length = 0;
}

static void csv_submit_field(csv_state *st)
{
    csv_scanner *p = &st->parser;
    if (!p->quoted) p->length -= p->spaces;
    p->field[p->length] = '\0';
    csv_on_field(p->field, p->length, st);
    p->state = CSV_FIELD_NOT_BEGUN;
    p->length = p->spaces = 0;
    p->quoted = false;
}

static void csv_submit_row(csv_state *st, int c)
{
    csv_on_row_end(c, st);
    st->parser.state = CSV_ROW_NOT_BEGUN;
    st->parser.length = st->parser.spaces = 0;
    st->parser.quoted = false;
}

static bool csv_blank_byte(char c) { return c == ' ' || c == '\t'; }
static bool csv_end_byte(char c) { return c == '\r' || c == '\n'; }

/* Scan n bytes; false on a parse error (the parser must then be reset). */
static bool csv_scan(csv_state *st, const char *text, size_t n)
{
    csv_scanner *p = &st->parser;
    if (p->length + n + 1 > p->capacity) { /* a field grows by at most n here */
        p->capacity = (p->length + n + 1) * 2;
        p->field = xrealloc(p->field, p->capacity);
    }
    const char *at = text, *end = text + n;
    while (at < end) {
        char c = *at++;
        switch (p->state) {
        case CSV_ROW_NOT_BEGUN:
        case CSV_FIELD_NOT_BEGUN:
            if (csv_blank_byte(c)) continue;
            if (csv_end_byte(c)) {
                if (p->state == CSV_FIELD_NOT_BEGUN) {
                    csv_submit_field(st);
                    csv_submit_row(st, (unsigned char)c);
                }
                continue;
            }
            if (c == ',') {
                csv_submit_field(st);
            } else if (c == '"') {
                p->state = CSV_FIELD_BEGUN;
                p->quoted = true;
            } else {
                p->state = CSV_FIELD_BEGUN;
                p->quoted = false;
                p->field[p->length++] = c;
            }
            break;
        case CSV_FIELD_BEGUN:
            if (p->quoted) {
                /* everything up to the next quote is the field's */
                const char *quote = memchr(at - 1, '"', (size_t)(end - at + 1));
                const char *stop = quote ? quote : end;
                memcpy(p->field + p->length, at - 1, (size_t)(stop - (at - 1)));
                p->length += (size_t)(stop - (at - 1));
                if (!quote) { /* (blanks are not counted inside quotes: spaces stays 0) */
                    at = end;
                    break;
                }
                at = quote + 1;
                p->field[p->length++] = '"';
                p->state = CSV_FIELD_MIGHT_HAVE_ENDED;
                break;
            }
            if (c == '"') return false; /* a quote inside an unquoted field */
            if (c == ',') {
                csv_submit_field(st);
            } else if (csv_end_byte(c)) {
                csv_submit_field(st);
                csv_submit_row(st, (unsigned char)c);
            } else if (csv_blank_byte(c)) {
                p->field[p->length++] = c;
                p->spaces++;
            } else {
                /* a run of ordinary bytes at once */
                const char *run = at - 1;
                while (at < end && *at != ',' && *at != '"' && !csv_end_byte(*at) && !csv_blank_byte(*at)) at++;
                memcpy(p->field + p->length, run, (size_t)(at - run));
                p->length += (size_t)(at - run);
                p->spaces = 0;
            }
            break;
        case CSV_FIELD_MIGHT_HAVE_ENDED:
            if (c == ',') {
                p->length -= p->spaces + 1; /* the closing quote and blanks after it */
                csv_submit_field(st);
            } else if (csv_end_byte(c)) {
                p->length -= p->spaces + 1;
                csv_submit_field(st);
                csv_submit_row(st, (unsigned char)c);
            } else if (csv_blank_byte(c)) {
                p->field[p->length++] = c;
                p->spaces++;
            } else if (c == '"') {
                if (p->spaces) return false; /* a quote after the closing quote and blanks */
                p->state = CSV_FIELD_BEGUN;  /* "" is one quote (the first is in the field) */
            } else {
                return false;                /* text after the closing quote */
            }
            break;
        }
    }
    return true;
}

/* The end of the input: the last row without a line end. False when a quote is still open. */
static bool csv_scan_finish(csv_state *st)
{
    csv_scanner *p = &st->parser;
    if (p->state == CSV_FIELD_BEGUN && p->quoted) return false;
    switch (p->state) {
    case CSV_FIELD_MIGHT_HAVE_ENDED:
        p->length -= p->spaces + 1;
        /* fall through */
    case CSV_FIELD_NOT_BEGUN:
    case CSV_FIELD_BEGUN:
        if (p->length + 1 > p->capacity) {
            p->capacity = p->length + 16;
            p->field = xrealloc(p->field, p->capacity);
        }
        csv_submit_field(st);
        csv_submit_row(st, -1);
        break;
    }
    csv_reset_parser(st);
    return true;
}

static bool csv_blank(const char *line, ssize_t n)
{
    for (ssize_t i = 0; i < n; i++)
        if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r' && line[i] != '\n') return false;
    return true;
}

/* The usual row: one line, ended by LF or CRLF, with no quote and no other CR. The
 * scanner would split it at commas, skip each field's leading blanks and drop its
 * trailing ones, then end the row at the line end; this does the same on the line
 * itself, without copying the fields. False (nothing done) for any other line. */
static bool csv_split_plain_line(csv_state *st, const char *text, size_t n)
{
    if (st->parser.state != CSV_ROW_NOT_BEGUN || n == 0 || text[n - 1] != '\n') return false;
    size_t body = n - 1;
    if (body > 0 && text[body - 1] == '\r') body--;
    if (memchr(text, '"', body) || memchr(text, '\r', body)) return false;
    const char *at = text, *end = text + body;
    for (;;) {
        const char *comma = memchr(at, ',', (size_t)(end - at));
        const char *stop = comma ? comma : end;
        while (at < stop && csv_blank_byte(*at)) at++;
        const char *last = stop;
        while (last > at && csv_blank_byte(last[-1])) last--;
        csv_on_field((void *)at, (size_t)(last - at), st);
        if (!comma) break;
        at = comma + 1;
    }
    csv_on_row_end('\n', st);
    return true;
}

typedef enum { CSV_ROW, CSV_END, CSV_BAD_QUOTING, CSV_TOO_LONG, CSV_IO_ERROR } csv_outcome;

/* Feed lines until the scanner ends a row (or the file ends). */
static csv_outcome csv_read_row(reader *r, csv_state *st)
{
    st->columns = 0;
    st->rows_ended = 0;
    st->failed = false;
    st->row_open = false;
    for (;;) {
        /* the next range's, unless a row ended by a stray CR left the scanner inside a
         * field that runs on (then the range reads on to where the scanner is clean) */
        if (!st->row_open && r->bytes_read >= r->range_end && st->parser.state == CSV_ROW_NOT_BEGUN) return CSV_END;
        ssize_t n = getline(&st->line, &st->line_capacity, st->fp);
        if (n < 0) {
            if (!feof(st->fp) && !ferror(st->fp)) xalloc_die(); /* getline refused memory */
            if (ferror(st->fp)) return CSV_IO_ERROR;
            if (!st->row_open) return CSV_END;
            /* the last row has no newline, or its quote never closes */
            if (!csv_scan_finish(st)) {
                csv_reset_parser(st);
                return CSV_BAD_QUOTING;
            }
            return CSV_ROW;
        }
        const char *text = st->line;
        if (st->line_no == 0 && n >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
            text += 3; /* UTF-8 byte order mark */
            n -= 3;
            r->bytes_read += 3;
        }
        long long offset = r->bytes_read;
        r->bytes_read += n;
        st->line_no++;
        if (!st->row_open) {
            if (csv_blank(text, n)) continue;
            st->row_open = true;
            st->row_line = st->line_no;
            st->row_offset = offset;
            st->row_first_len = (size_t)n;
            if (st->rec) st->rec->line = st->line_no;
        }
        if (st->line_no == st->row_line && csv_split_plain_line(st, text, (size_t)n)) return CSV_ROW;
        if (!csv_scan(st, text, (size_t)n)) {
            csv_reset_parser(st);
            return CSV_BAD_QUOTING;
        }
        if (st->rows_ended > 0) {
            if (st->rows_ended > 1) csv_reset_parser(st);
            return CSV_ROW;
        }
        if (st->line_no - st->row_line >= CSV_MAX_ROW_LINES ||
            r->bytes_read - st->row_offset > CSV_MAX_ROW_BYTES) {
            csv_reset_parser(st);
            return CSV_TOO_LONG;
        }
    }
}

/* After a quoting error, go back to the line after the row's first line so that the
 * records an unbalanced quote swallowed are read again (when the file can seek). */
static void csv_resume_after_row_start(reader *r, csv_state *st)
{
    if (st->line_no == st->row_line) return;
    long long resume = st->row_offset + (long long)st->row_first_len;
    if (fseeko(st->fp, (off_t)resume, SEEK_SET) == 0) {
        st->line_no = st->row_line;
        r->bytes_read = resume;
    }
}

static read_status csv_next(reader *r, record *rec, vg_error *err)
{
    csv_state *st = r->state;
    st->r = r;
    st->rec = rec;
    st->err = err;
    csv_outcome got = csv_read_row(r, st);
    switch (got) {
    case CSV_END:
        return READ_EOF;
    case CSV_IO_ERROR:
        error_set(err, r->path, st->line_no, NULL, "read error: %s", strerror(errno));
        return READ_FATAL;
    case CSV_BAD_QUOTING:
    case CSV_TOO_LONG: {
        long at = st->line_no;
        csv_resume_after_row_start(r, st);
        if (got == CSV_TOO_LONG)
            error_set(err, r->path, st->row_line, READER_WHOLE_LINE,
                      "a quoted field runs over more than %d lines or %ld bytes: unbalanced quote?",
                      CSV_MAX_ROW_LINES, CSV_MAX_ROW_BYTES);
        else if (at > st->row_line)
            error_set(err, r->path, st->row_line, READER_WHOLE_LINE,
                      "malformed quoting (a quote opened on this line; the error shows at line %ld)", at);
        else
            error_set(err, r->path, st->row_line, READER_WHOLE_LINE, "malformed quoting");
        return READ_REJECT;
    }
    case CSV_ROW:
        break;
    }
    if (st->rows_ended > 1) {
        error_set(err, r->path, rec->line, READER_WHOLE_LINE,
                  "a carriage return inside an unquoted field splits the line into several rows");
        return READ_REJECT;
    }
    if (st->columns != st->column_count) {
        error_set(err, r->path, rec->line, READER_WHOLE_LINE, "expected %d columns as in the header, found %d",
                  st->column_count, st->columns);
        return READ_REJECT;
    }
    if (st->failed) return READ_REJECT;
    return reader_finish(r, rec, err);
}

static void csv_free_header(csv_state *st)
{
    for (int i = 0; i < st->header_count; i++) free(st->header[i]);
    free(st->header);
    st->header = NULL;
    st->header_count = 0;
}

static void csv_close(reader *r)
{
    csv_state *st = r->state;
    if (!st) return;
    free(st->parser.field);
    if (st->fp) fclose(st->fp);
    csv_free_header(st);
    free(st->column_slot);
    free(st->line);
    free(st);
    r->state = NULL;
}

static int csv_start_parser(csv_state *st)
{
    csv_reset_parser(st);
    return VG_OK;
}

static int csv_clone(reader *copy, const reader *from, vg_error *err)
{
    const csv_state *of = from->state;
    csv_state *st = xcalloc(1, sizeof *st);
    copy->state = st;
    st->fp = fopen(copy->path, "rb");
    if (!st->fp) return error_set(err, copy->path, 0, NULL, "cannot open: %s", strerror(errno));
    reader_buffer(copy, st->fp);
    csv_start_parser(st);
    st->column_count = of->column_count;
    st->column_slot = xmalloc((size_t)st->column_count * sizeof *st->column_slot + 1);
    memcpy(st->column_slot, of->column_slot, (size_t)st->column_count * sizeof *st->column_slot);
    return VG_OK;
}

static int csv_seek(reader *r, long long offset, long line, vg_error *err)
{
    csv_state *st = r->state;
    csv_reset_parser(st);
    st->line_no = line;
    st->row_open = false;
    if (fseeko(st->fp, (off_t)offset, SEEK_SET) != 0)
        return error_set(err, r->path, line, NULL, "cannot seek: %s", strerror(errno));
    return VG_OK;
}

static long csv_line(const reader *r)
{
    const csv_state *st = r->state;
    return st->line_no;
}

static const reader_format csv_format = { csv_next, csv_close, csv_clone, csv_seek, csv_line, true };

/* Read the header row, choose the schema and map each column to its slot once. */
static int csv_read_header(reader *r, csv_state *st, const char *kind, vg_error *err)
{
    st->in_header = true;
    csv_outcome got = csv_read_row(r, st);
    st->in_header = false;
    if (got == CSV_IO_ERROR) return error_set(err, r->path, 0, NULL, "read error: %s", strerror(errno));
    if (got == CSV_END) return error_set(err, r->path, 0, NULL, "empty file: no header row");
    if (got != CSV_ROW || st->rows_ended > 1)
        return error_set(err, r->path, st->row_line, NULL, "malformed header row");
    long line = st->row_line;
    for (int i = 0; i < st->header_count; i++) {
        /* trimmed like any value: " surname" names the surname column */
        char *name = st->header[i];
        size_t start = strspn(name, " \t\r\n"), len = strlen(name);
        while (len > start && strchr(" \t\r\n", name[len - 1])) len--;
        memmove(name, name + start, len - start);
        name[len - start] = '\0';
        if (!*name) return error_set(err, r->path, line, NULL, "column %d of the header has no name", i + 1);
        for (int j = 0; j < i; j++)
            if (strcmp(st->header[j], name) == 0)
                return error_set(err, r->path, line, name, "column named twice in the header");
    }
    if (reader_choose_schema(r, kind, (const char *const *)st->header, st->header_count, line, err) != VG_OK)
        return VG_ERR;
    const char *key = r->schema->fields[r->schema->key_index].name;
    bool has_key = false;
    for (int i = 0; i < st->header_count; i++) has_key = has_key || strcmp(st->header[i], key) == 0;
    if (!has_key) return error_set(err, r->path, line, key, "the header has no column for the key field");
    st->column_count = st->header_count;
    st->column_slot = xmalloc((size_t)st->column_count * sizeof *st->column_slot);
    for (int i = 0; i < st->column_count; i++) st->column_slot[i] = reader_slot(r, st->header[i]);
    csv_free_header(st);
    reader_mark_data_start(r, st->fp, r->bytes_read, st->line_no);
    return VG_OK;
}

int reader_csv_open(reader *r, const char *kind, vg_error *err)
{
    csv_state *st = xcalloc(1, sizeof *st);
    r->state = st;
    r->format = &csv_format;
    st->fp = reader_fopen(r, err);
    if (!st->fp) return VG_ERR;
    csv_start_parser(st);
    return csv_read_header(r, st, kind, err);
}
