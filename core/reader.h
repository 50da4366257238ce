/* reader.h - one interface for every manifest format (CSV, NDJSON, YAML). */
#ifndef VIGIE_READER_H
#define VIGIE_READER_H

#include <stdbool.h>
#include "error.h"
#include "record.h"
#include "schema.h"

/* The field named by a reject that concerns the whole line (bad quoting, a wrong
 * column count, invalid JSON, not an object): every reject names file, line, field
 * and reason, so that the rejects file can be read and sorted as one table. */
#define READER_WHOLE_LINE "(line)"

typedef struct reader reader;

typedef enum {
    READ_FATAL = -1, /* the file cannot be read further (I/O error, no header): err says why */
    READ_EOF = 0,
    READ_RECORD = 1, /* rec holds a converted, derived record */
    READ_REJECT = 2  /* one record rejected: err has file, line, field and reason; go on */
} read_status;

/* Open a manifest; the format comes from the extension (.csv, .ndjson/.jsonl,
 * .yaml/.yml). The record kind is `kind` when not NULL, else inferred: the schema
 * whose key field is a column (CSV) or a key of the first record (NDJSON, YAML).
 * Columns the schema does not know are reported once on stderr and ignored. */
reader *reader_open(const char *path, const schema_set *schemas, const char *kind, vg_error *err);
const schema *reader_schema(const reader *r);
/* Only the fields keep[slot] marks (and the fields the derived ones among them read)
 * get their values; text and list values of the others are not copied. What can
 * reject a record is checked as always, so the same records are read and rejected.
 * Clones made after inherit it. For the first pass over a run, which reads a few
 * fields of each record. */
void reader_keep_only(reader *r, const bool *keep);
/* rec must have been record_init'ed with reader_schema(r); it is cleared first. */
read_status reader_next(reader *r, record *rec, vg_error *err);
long long reader_bytes_read(const reader *r); /* bytes consumed so far */
void reader_close(reader *r);

/* ---- byte ranges, for parallel reading -----------------------------------------------
 * A regular CSV or NDJSON file can be read in ranges by several readers at once. The
 * reader that opened the file (and read its header) splits it: each range ends just
 * after a newline (for CSV, one outside quotes by a quote-parity scan) and carries
 * the number of lines before it. A clone reads a range: it starts reading records at
 * the range's start and stops before the first record that starts at or after its
 * end (a record that crosses the end is read whole). The parity scan can be wrong on
 * malformed quoting; reader_position then tells where the range really stopped, and
 * the caller reads the next range again from there: reading from a record start
 * with the right line number gives exactly what one reader reading the whole file
 * gives, so the records and rejects are the same, byte for byte. */
typedef struct reader_range {
    long long start, end;
    long line;                 /* lines before start */
} reader_range;

/* Whether reader_split and reader_clone work on r (a regular CSV or NDJSON file). */
bool reader_splittable(const reader *r);
/* The next range of about `size` bytes; false once the file is covered. */
bool reader_split(reader *r, long long size, reader_range *range, vg_error *err);
long long reader_file_size(const reader *r);
/* A reader of the same file, schema and columns, for another thread (NULL and err on failure). */
reader *reader_clone(reader *from, vg_error *err);
/* Read the records of [start, end) next (start must be a record start, line the lines before it). */
int reader_seek(reader *r, long long start, long long end, long line, vg_error *err);
/* Where the next record would start, and the lines before it. */
long long reader_position(const reader *r, long *line);

#endif
