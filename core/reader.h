/* reader.h - one interface for every manifest format (CSV, NDJSON, YAML). */
#ifndef VIGIE_READER_H
#define VIGIE_READER_H

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
/* rec must have been record_init'ed with reader_schema(r); it is cleared first. */
read_status reader_next(reader *r, record *rec, vg_error *err);
long long reader_bytes_read(const reader *r); /* bytes consumed so far */
void reader_close(reader *r);

#endif
