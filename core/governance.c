/* governance.c - the oversight rules on scenarios (NSIRA, CJEU C-817/19, EU PNR art. 6), in one place. */
#include "governance.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "record.h"

static field_bits governance_part_reads(const scenario *sc, int part, const function_reads *fr)
{
    field_bits b = sc->parts[part].fields;
    if (fr && fr->known && part < 64) field_bits_union(&b, &fr->by_part[part]);
    return b;
}

static bool justified(const scenario *sc, const char *field)
{
    for (int i = 0; i < sc->justification_count; i++)
        if (strcmp(sc->justifications[i].field, field) == 0 && sc->justifications[i].text[0]) return true;
    return false;
}

void governance_protected_reads(const scenario *sc, const function_reads *fr, field_bits *out)
{
    field_bits_clear(out);
    if (!sc->schema) return;
    for (int p = 0; p < sc->condition_count + sc->indicator_count; p++) {
        field_bits b = governance_part_reads(sc, p, fr);
        for (int i = 0; i < sc->schema->field_count; i++)
            if (field_bits_has(&b, i) && sc->schema->fields[i].is_protected) field_bits_set(out, i);
    }
}

void governance_check(const scenario *sc, const function_reads *fr, int64_t today, diag_list *diags)
{
    const schema *s = sc->schema;
    if (!s) return;
    int parts = sc->condition_count + sc->indicator_count;
    bool any_basis = false, non_protected_basis = false;

    for (int p = 0; p < parts; p++) {
        const indicator *ind = &sc->parts[p];
        field_bits b = governance_part_reads(sc, p, fr);
        bool basis = ind->is_condition || ind->weight > 0;
        for (int i = 0; i < s->field_count; i++) {
            if (!field_bits_has(&b, i)) continue;
            const field *f = &s->fields[i];
            if (f->is_sensitive)
                diag_add(diags, DIAG_ERROR, "sensitive-field", sc->path, ind->line, sc->id,
                         "remove it: sensitive data (religion, health, ethnicity...) is never a targeting ground (EU PNR Directive art. 6)",
                         "%s '%s' reads the sensitive field '%s'", ind->is_condition ? "condition" : "indicator",
                         ind->id, f->name);
            if (basis) {
                any_basis = true;
                if (!f->is_protected) non_protected_basis = true;
            }
        }
        if (ind->is_function && (!fr || !fr->known))
            diag_add(diags, DIAG_WARNING, "function-reads-unknown", sc->path, ind->line, sc->id,
                     "add fixtures (NAME.test.yaml) so vigie can learn which fields the function reads",
                     "the fields that function indicator '%s' reads are not known: governance rules cannot cover it",
                     ind->id);
    }

    /* A justification for every protected field read; reported once per field. */
    field_bits prot;
    governance_protected_reads(sc, fr, &prot);
    for (int i = 0; i < s->field_count; i++) {
        if (!field_bits_has(&prot, i) || justified(sc, s->fields[i].name)) continue;
        diag_add(diags, DIAG_ERROR, "unjustified-protected", sc->path, sc->line, sc->id,
                 "add justification = { field = \"the intelligence that makes this ground necessary\" }",
                 "reads the protected field '%s' without a written justification", s->fields[i].name);
    }
    for (int j = 0; j < sc->justification_count; j++) {
        const field *f = schema_field(s, sc->justifications[j].field);
        if (!f)
            diag_add(diags, DIAG_WARNING, "unknown-justification", sc->path, sc->line, sc->id,
                     "justify only fields the schema has", "justification names '%s', which is not a field of %s",
                     sc->justifications[j].field, s->kind);
    }
    if (any_basis && !non_protected_basis)
        diag_add(diags, DIAG_ERROR, "protected-only", sc->path, sc->line, sc->id,
                 "add conditions or indicators on behaviour (route, payment, booking) rather than on who the person is",
                 "its conditions and positive indicators rest on protected grounds alone");

    if (sc->status == STATUS_ACTIVE) {
        if (sc->review_by && sc->review_by_day < today)
            diag_add(diags, DIAG_ERROR, "review-overdue", sc->path, sc->line, sc->id,
                     "review the scenario and set a new review_by date, or retire it",
                     "review_by %s is past: the scenario does not run in production runs", sc->review_by);
        else if (sc->review_by && sc->review_by_day - today <= GOVERNANCE_REVIEW_WARN_DAYS)
            diag_add(diags, DIAG_WARNING, "review-soon", sc->path, sc->line, sc->id,
                     "schedule the review", "review_by %s is within %d days", sc->review_by,
                     GOVERNANCE_REVIEW_WARN_DAYS);
        if (sc->rationale.en && strspn(sc->rationale.en, " \t\r\n") == strlen(sc->rationale.en))
            diag_add(diags, DIAG_ERROR, "empty-rationale", sc->path, sc->line, sc->id,
                     "write the intelligence basis", "an active scenario needs a rationale");
        if (sc->guidance.en && strspn(sc->guidance.en, " \t\r\n") == strlen(sc->guidance.en))
            diag_add(diags, DIAG_ERROR, "empty-guidance", sc->path, sc->line, sc->id,
                     "write what the officer should do", "an active scenario needs guidance");
    }
}

void governance_check_list(const ref_list *l, int64_t today, diag_list *diags)
{
    if (l->review_by_day < 0) return;
    if (l->review_by_day < today)
        diag_add(diags, DIAG_WARNING, "list-review-overdue", l->path, l->review_by_line, NULL,
                 "check the list's source for a newer edition (vigie lists import, then vigie lists diff) and set a new review_by",
                 "list %s: review_by %s is past (source edition %s)", l->name, l->review_by,
                 l->edition[0] ? l->edition : "not given");
    else if (l->review_by_day - today <= GOVERNANCE_REVIEW_WARN_DAYS)
        diag_add(diags, DIAG_WARNING, "list-review-soon", l->path, l->review_by_line, NULL,
                 "schedule the list's review", "list %s: review_by %s is within %d days", l->name, l->review_by,
                 GOVERNANCE_REVIEW_WARN_DAYS);
}

bool governance_overdue(const scenario *sc, int64_t today)
{
    return sc->status == STATUS_ACTIVE && sc->review_by && sc->review_by_day < today;
}

int64_t governance_today(void)
{
    const char *env = getenv("VIGIE_TODAY");
    int64_t day;
    if (env && *env) return date_parse(env, strlen(env), &day) == VG_OK ? day : -1;
    return (int64_t)(time(NULL) / 86400);
}
