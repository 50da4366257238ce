/* groups.h - population and hit counts per protected group (sex, nationality, age band...), for disparity analysis. */
#ifndef VIGIE_GROUPS_H
#define VIGIE_GROUPS_H

#include "record.h"
#include "schema.h"

#define GROUPS_MAX_FIELDS 16
#define GROUPS_CACHE 256

typedef struct group_slot group_slot; /* uthash: (field, label) -> index */

/* Counts for one record kind and `scenario_count` scenarios. Protected fields are
 * grouped by value (strings, booleans) or by band (integer ages); protected dates
 * are left out (the derived age covers date of birth). A missing value is the group
 * "(missing)": those records are counted too. */
typedef struct group_table {
    const schema *schema;
    int scenario_count;
    int fields[GROUPS_MAX_FIELDS];    /* slot indexes of the protected fields counted */
    int field_count;
    group_slot *by_key;
    char **labels;                    /* per group: its label */
    int *field_of;                    /* per group: index into fields[] */
    long long *population;            /* per group: records evaluated */
    long long *any_hit;               /* per group: records with at least one hit */
    long long *hits;                  /* per group x scenario: hits */
    int count, capacity;
    int current[GROUPS_MAX_FIELDS];   /* the groups of the record being counted */
    /* per field, the slot last found for a label hashing to each of GROUPS_CACHE
     * entries (-1: none): most records repeat a few hundred labels, so most lookups
     * are a short hash and one string compare, without building the uthash key */
    int cache[GROUPS_MAX_FIELDS][GROUPS_CACHE];
    int current_hit;                  /* the current record already counted in any_hit */
} group_table;

void groups_init(group_table *g, const schema *s, int scenario_count);
void groups_free(group_table *g);
/* Count one evaluated record in its groups; its hits follow through groups_hit. */
void groups_record(group_table *g, const record *rec);
void groups_hit(group_table *g, int scenario);
/* Take a record counted by groups_record out of the population again (it was read
 * from a range that turned out to start inside a record, and is read again). */
void groups_forget(group_table *g, const record *rec);
/* The groups of rec, for the groups_hit calls that follow, without counting it in the
 * population (a run counts populations on its workers and hits in input order). */
void groups_locate(group_table *g, const record *rec);
/* Add the population counts of `from` (same schema) into `into`, group by group. */
void groups_add_population(group_table *into, const group_table *from);

#endif
