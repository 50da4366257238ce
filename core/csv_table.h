/* csv_table.h - a whole CSV file read into rows (libcsv), with the line each row ends on: the reviewed tables of lists import and the variant table of fuzzy lists. */
#ifndef VIGIE_CSV_TABLE_H
#define VIGIE_CSV_TABLE_H

#include <stdbool.h>
#include "error.h"

typedef struct csv_table {
    char ***rows;
    int *widths;
    long *lines;      /* the line each row ends on (errors name it) */
    int count;        /* rows, the header first */
    char **cur;       /* the row being read */
    int cur_width;
    long line;
} csv_table;

/* Every row of a CSV file, with the line it ends on. With comments, lines starting
 * with '#' are skipped (the reviewed tables explain themselves at the top); libcsv
 * itself skips blank lines. The first row kept is the header: a file without one is
 * an error. what names the file in the error when it cannot be opened ("cannot open
 * WHAT: ..."; NULL: "cannot open: ..."). On error t is empty. */
int csv_table_read(csv_table *t, const char *path, bool comments, const char *what, vg_error *err);
void csv_table_free(csv_table *t);
/* The cell at row, col; "" past the row's width or for a negative col. */
const char *csv_cell(const csv_table *t, int row, int col);

#endif
