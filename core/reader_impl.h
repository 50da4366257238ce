/* reader_impl.h - what reader.c shares with reader_csv.c, reader_ndjson.c, reader_yaml.c and reader_edifact.c only. */
#ifndef VIGIE_READER_IMPL_H
#define VIGIE_READER_IMPL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include "reader.h"

typedef struct reader_format {
    /* Read the next record into rec (cleared, source set) and finish it with
     * reader_finish; on a reject fill err through reader_convert or error_set. */
    read_status (*next)(reader *r, record *rec, vg_error *err);
    void (*close)(reader *r); /* free the format state; must accept a half-opened reader */
    /* Ranges (NULL when the format cannot read one): open the same file for `copy`
     * with the state the header gave `from`; go to a record start. */
    int (*clone)(reader *copy, const reader *from, vg_error *err);
    int (*seek)(reader *r, long long offset, long line, vg_error *err);
    long (*line)(const reader *r);  /* lines consumed so far */
    bool quoted_newlines;           /* a newline inside quotes does not end a record (CSV) */
} reader_format;

typedef struct reader_name reader_name; /* uthash set of names already warned about */

struct reader {
    const reader_format *format;
    void *state;               /* the format's own state */
    char *path;
    const schema_set *schemas;
    const schema *schema;
    long long bytes_read;
    read_status final;         /* READ_EOF or READ_FATAL once the file is done, else READ_RECORD */
    vg_error final_error;      /* what READ_FATAL said, repeated on later calls */
    uint32_t *seen;            /* per slot: serial of the record that last set it */
    bool *skip;                /* per slot: a text or list value not kept (reader_keep_only); NULL: none */
    uint32_t serial;           /* current record, to spot a field given twice */
    reader_name *warned;
    const char **list_items;   /* items of the list being collected (arena strings) */
    uint32_t list_count, list_capacity;

    /* ranges (reader_split, reader_clone, reader_seek) */
    reader *origin;            /* the reader a clone was made from: it holds `warned` */
    bool regular;              /* a regular file: it can be split into ranges */
    long long range_end;       /* no record starting at or after it is read (LLONG_MAX: none) */
    long long data_offset;     /* where the first record can start (after the header) */
    long data_line;            /* lines before it */
    long long file_size;
    int split_fd;              /* the splitter's own descriptor (-1: not open) */
    long long split_offset;    /* where the next range starts */
    long split_line;
    char *split_buffer;

    bool gzip;                 /* a .gz file, read through zlib */
    bool standard_input;       /* "-" */
    char *sniffed;             /* standard input read ahead to tell its format */
    size_t sniffed_length;
    struct reader_stream *stream; /* of a gzip file or standard input (owned by its FILE) */
    char *io_buffer;           /* the stdio buffer of the format's stream (reader_buffer) */
};

/* Give fp (the format's stream) a 64 KB buffer owned by r. */
void reader_buffer(reader *r, FILE *fp);

/* The manifest's stream: a file, a gzip file or standard input (see reader.c). */
FILE *reader_fopen(reader *r, vg_error *err);
/* Before a kind inference that reads ahead and goes back to the start: a gzip file or
 * standard input keeps what it reads so that the one seek to 0 replays it. */
void reader_keep_for_rewind(reader *r);

/* After the header: records start here; also tells whether the file is regular. */
void reader_mark_data_start(reader *r, FILE *fp, long long offset, long line);

int reader_csv_open(reader *r, const char *kind, vg_error *err);
int reader_ndjson_open(reader *r, const char *kind, vg_error *err);
int reader_yaml_open(reader *r, const char *kind, vg_error *err);
int reader_edifact_open(reader *r, const char *kind, vg_error *err);

/* Pick r->schema: `kind` when given, else the one schema whose key field is among
 * names (the columns or the keys of the first record). line is where names are. */
int reader_choose_schema(reader *r, const char *kind, const char *const *names, int count,
                         long line, vg_error *err);

/* Slot of an input name, or -1 (unknown or derived: warned about once per file). */
int reader_slot(reader *r, const char *name);

/* False when the slot was already set in the current record (a key given twice). */
bool reader_first_time(reader *r, int slot);

/* The one conversion of text into a slot; a failure fills err with file, the
 * record's line, the field and the reason. */
int reader_convert(reader *r, record *rec, int slot, const char *text, size_t len, vg_error *err);

/* Whether the slot's value is kept (reader_keep_only): a list given item by item that
 * is not is still checked item by item, but not collected. */
bool reader_keeps(const reader *r, int slot);

/* Reject the record because of a value of the wrong structured type (`got` says
 * what came, e.g. "a JSON array"); always returns VG_ERR. */
int reader_wrong_type(reader *r, record *rec, int slot, const char *got, vg_error *err);

/* A list value given item by item (JSON array, YAML sequence): items are trimmed,
 * empty ones dropped, none at all leaves the slot missing. */
void reader_list_begin(reader *r);
void reader_list_add(reader *r, record *rec, const char *text, size_t len);
void reader_list_end(reader *r, record *rec, int slot);

/* Checks the key, computes the derived slots: READ_RECORD or READ_REJECT. */
read_status reader_finish(reader *r, record *rec, vg_error *err);

#endif
