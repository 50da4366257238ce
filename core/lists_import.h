/* lists_import.h - reference lists from their published formats (ILAB XML and CSV, FollowTheMoney JSON, plain CSV), written as list files. */
#ifndef VIGIE_LISTS_IMPORT_H
#define VIGIE_LISTS_IMPORT_H

#include <stdio.h>
#include "error.h"

/* One entry as imported: what the list file will say. Strings are "" when none. */
typedef struct import_entry {
    char *value, *note, *source, *edition, *source_name;
    char **flags;
    int flag_count;
    char **aliases;
    int alias_count;
} import_entry;

/* A list being imported, and what the import left out (said in the file's header). */
typedef struct import_list {
    char *name, *title, *source, *edition, *as_of, *review_by, *match;
    char *source_sha256;   /* of the source file, hex */
    import_entry *entries;
    int count, capacity;
    int records_read;      /* records of the source (ILAB good x country lines, entities, rows) */
    char **left_out;       /* one line per source record not imported, with the reason */
    int left_out_count;
} import_list;

typedef struct import_options {
    const char *format;      /* ilab-xml | ilab-csv | ftm | csv */
    const char *path;        /* the source file */
    const char *name;        /* the list's name (the output file name without .yaml) */
    const char *title, *source, *edition, *as_of, *review_by, *match; /* NULL: the format's default */
    const char *hs_map;      /* ilab-*: the reviewed good -> HS table (CSV: good,hs,reasoning) */
    const char *countries;   /* ilab-*: ILAB country name -> ISO alpha-2 (CSV: ilab_name,iso2,reason) */
} import_options;

/* Read o->path in o->format into out. Errors name the file and line (or the table's). */
int lists_import(const import_options *o, import_list *out, vg_error *err);

/* The list file: a header comment (how it was made, from which file and digest, and
 * every source record left out with why), the list's fields, one entry per line. */
int lists_import_write(const import_list *l, const char *command_line, FILE *fp);

void import_list_free(import_list *l);

#endif
