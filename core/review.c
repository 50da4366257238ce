/* review.c - review items as officers read them: the queue, one item in full, decisions, export. */
#include "review.h"

#include <cjson/cJSON.h>
#include <csv.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "disposition.h"
#include "render.h"
#include "record.h"

const char *review_actor(const char *flag)
{
    if (flag && *flag) return flag;
    const char *env = getenv("VIGIE_OFFICER");
    if (env && *env) return env;
    struct passwd *pw = getpwuid(getuid());
    if (pw && pw->pw_name && *pw->pw_name) return pw->pw_name;
    env = getenv("USER");
    return env && *env ? env : "unknown";
}

int review_claim_minutes(void)
{
    const char *env = getenv("VIGIE_CLAIM_MINUTES");
    if (!env || !*env) return REVIEW_CLAIM_MINUTES;
    char *end;
    long v = strtol(env, &end, 10);
    return *end == '\0' && v >= 1 && v <= 1440 ? (int)v : REVIEW_CLAIM_MINUTES;
}

/* ---- the queue ------------------------------------------------------------------- */

/* "3h", "2d": how long ago an ISO time was. */
static void review_age(const char *iso, char *out, size_t size)
{
    int y, mo, d, h, mi, se;
    if (sscanf(iso, "%d-%d-%dT%d:%d:%dZ", &y, &mo, &d, &h, &mi, &se) != 6) {
        snprintf(out, size, "?");
        return;
    }
    long long then = (long long)days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 + h * 3600 + mi * 60 + se;
    long long secs = (long long)time(NULL) - then;
    if (secs < 0) secs = 0;
    if (secs < 3600) snprintf(out, size, "%lldm", secs / 60);
    else if (secs < 172800) snprintf(out, size, "%lldh", secs / 3600);
    else snprintf(out, size, "%lldd", secs / 86400);
}

/* The identity of an item's first hit in a few words: names, else the first values. */
static void review_identity_summary(const char *json, char *out, size_t size)
{
    out[0] = '\0';
    cJSON *o = cJSON_Parse(json), *f;
    size_t n = 0;
    int shown = 0;
    cJSON_ArrayForEach(f, o) {
        if (shown == 3 || !cJSON_IsString(f) || !*f->valuestring) continue;
        n += (size_t)snprintf(out + n, n < size ? size - n : 0, "%s%s", shown++ ? " " : "", f->valuestring);
        if (n >= size) break;
    }
    cJSON_Delete(o);
}

static const char *review_status(const store_item *it)
{
    return it->decided_count == it->hit_count ? "decided" : it->decided_count ? "partly" : "open";
}

void review_print_header(FILE *out)
{
    fprintf(out, "%-7s %-9s %-21s %-34s %-30s %5s %-8s %s\n", "item", "score", "subject", "scenarios", "who", "age",
            "status", "held by");
}

void review_print_line(const store_item *it, FILE *out)
{
    char score[24], who[64], age[24], scenarios[35];
    snprintf(score, sizeof score, "%d/%d", it->max_score, it->max_threshold);
    review_identity_summary(it->identity, who, sizeof who);
    review_age(it->created_at, age, sizeof age);
    size_t n = strlen(it->scenarios);
    memcpy(scenarios, it->scenarios, n < 34 ? n + 1 : 34);
    if (n >= 34) memcpy(scenarios + 30, "...", 4);
    fprintf(out, "%-7lld %-9s %-21.21s %-34s %-30.30s %5s %-8s %s\n", it->id, score,
            it->control ? "control" : it->subjects, scenarios, who, age, review_status(it), it->holder[0] ? it->holder : "-");
}

void review_print_json_line(const store_item *it, FILE *out)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "item", (double)it->id);
    cJSON_AddStringToObject(o, "run_id", it->run_id);
    cJSON_AddStringToObject(o, "kind", it->kind);
    cJSON_AddStringToObject(o, "group_key", it->group_key);
    cJSON_AddNumberToObject(o, "score", it->max_score);
    cJSON_AddNumberToObject(o, "threshold", it->max_threshold);
    cJSON_AddStringToObject(o, "subjects", it->subjects);
    cJSON_AddStringToObject(o, "scenarios", it->scenarios);
    cJSON_AddNumberToObject(o, "hits", it->hit_count);
    cJSON_AddNumberToObject(o, "decided", it->decided_count);
    cJSON_AddStringToObject(o, "status", review_status(it));
    cJSON_AddBoolToObject(o, "control", it->control);
    cJSON_AddStringToObject(o, "created_at", it->created_at);
    cJSON_AddStringToObject(o, "held_by", it->holder);
    cJSON_AddStringToObject(o, "held_until", it->held_until);
    cJSON_AddItemToObject(o, "identity", cJSON_Parse(it->identity));
    char *line = cJSON_PrintUnformatted(o);
    fprintf(out, "%s\n", line);
    free(line);
    cJSON_Delete(o);
}

/* ---- one item in full ----------------------------------------------------------- */

typedef struct show_ctx {
    FILE *out;
    const char *lang;
    char last_member[128];
} show_ctx;

static void review_print_identity(const char *json, FILE *out)
{
    cJSON *o = cJSON_Parse(json), *f;
    int shown = 0;
    cJSON_ArrayForEach(f, o) {
        if (cJSON_IsNull(f)) continue;
        fprintf(out, "%s%s ", shown++ ? ", " : "", f->string);
        if (cJSON_IsArray(f)) {
            const cJSON *x;
            int i = 0;
            cJSON_ArrayForEach(x, f) fprintf(out, "%s%s", i++ ? "|" : "", cJSON_IsString(x) ? x->valuestring : "?");
            continue;
        }
        char *v = cJSON_IsString(f) ? NULL : cJSON_PrintUnformatted(f);
        fputs(v ? v : f->valuestring, out);
        free(v);
    }
    cJSON_Delete(o);
}

static int show_member(const store_hit_row *h, void *arg)
{
    show_ctx *c = arg;
    if (strcmp(c->last_member, h->record_key) == 0) return 0; /* one line per person or shipment */
    snprintf(c->last_member, sizeof c->last_member, "%s", h->record_key);
    fprintf(c->out, "    %-16s ", h->record_key);
    review_print_identity(h->identity_json, c->out);
    fprintf(c->out, "  (%s:%ld)\n", h->source, h->line);
    return 0;
}

static int show_hit(const store_hit_row *h, void *arg)
{
    show_ctx *c = arg;
    fprintf(c->out, "\n  hit %lld: %s, score %d (threshold %d)%s%s%s\n", h->id, h->scenario_id, h->score, h->threshold,
            h->last_disposition[0] ? ", decided: " : ", not decided", h->last_disposition,
            h->masked_at[0] ? ", personal values masked (purged)" : "");
    if (h->control) {
        /* officers are told: nothing pointed at this record, and they must not look for a reason */
        fprintf(c->out, "CONTROL  selected at random, not by any scenario: no indicator points at this %s.\n"
                        "    Examine it to the same standard as any item and record what you find: controls\n"
                        "    measure what examination finds without targeting (the baseline of every scenario).\n",
                h->record_kind);
        return 0;
    }
    cJSON *o = cJSON_Parse(h->explanation_json);
    if (o) render_text(o, c->out, c->lang);
    else fprintf(c->out, "    (the stored explanation does not parse)\n");
    cJSON_Delete(o);
    return 0;
}

static int show_review(const store_review_row *r, void *arg)
{
    show_ctx *c = arg;
    const disposition *d = disposition_find(r->disposition);
    fprintf(c->out, "    %s  %-12s hit %-6lld %-17s %s%s%s%s\n", r->decided_at, r->officer, r->hit_id, r->disposition,
            d ? disposition_label(d, c->lang) : "", r->note[0] ? ": \"" : "", r->note, r->note[0] ? "\"" : "");
    if (r->amend) fprintf(c->out, "      (amends an earlier review)\n");
    return 0;
}

int review_show(store *st, long long item_id, const char *lang, const char *actor, FILE *out, vg_error *err)
{
    store_item it;
    int rc = store_item_get(st, item_id, &it, err);
    if (rc != VG_OK) return rc;
    char object[32];
    snprintf(object, sizeof object, "item %lld", item_id);
    /* the read of personal data is recorded before anything is shown */
    if (store_audit(st, actor, "view", object, "vigie review show", err) != VG_OK) return VG_ERR;
    const char *group = strcmp(it.kind, "traveller") == 0 ? "booking" : strcmp(it.kind, "shipment") == 0 ? "bill of lading" : "group";
    fprintf(out, "ITEM %lld  %s %s (%s)%s\n", it.id, group, it.group_key, it.kind, it.control ? "  RANDOM CONTROL" : "");
    fprintf(out, "    run       %s, opened %s\n", it.run_id, it.created_at);
    fprintf(out, "    status    %s (%d of %d hit%s decided)%s%s%s%s\n", review_status(&it), it.decided_count, it.hit_count,
            it.hit_count == 1 ? "" : "s", it.holder[0] ? ", held by " : ", held by nobody", it.holder,
            it.holder[0] ? " until " : "", it.held_until);
    fputs("  members (identity fields)\n", out);
    show_ctx c = { out, lang, "" };
    if ((rc = store_item_hits(st, item_id, show_member, &c, err)) != VG_OK) return rc;
    if ((rc = store_item_hits(st, item_id, show_hit, &c, err)) != VG_OK) return rc;
    fputs("\n  reviews\n", out);
    long long before = ftell(out);
    if ((rc = store_item_reviews(st, item_id, show_review, &c, err)) != VG_OK) return rc;
    if (ftell(out) == before) fputs("    none yet\n", out);
    return VG_OK;
}

/* ---- export ------------------------------------------------------------------------ */

typedef struct export_ctx {
    FILE *out;
    review_export_format format;
    long long rows;
} export_ctx;

static void csv_field(FILE *out, const char *s, bool last)
{
    csv_fwrite(out, s, strlen(s));
    fputc(last ? '\n' : ',', out);
}

static int export_hit(const store_hit_row *h, void *arg)
{
    export_ctx *c = arg;
    c->rows++;
    if (c->format == REVIEW_EXPORT_CSV) {
        char n[7][32];
        snprintf(n[0], sizeof n[0], "%lld", h->item_id);
        snprintf(n[1], sizeof n[1], "%lld", h->id);
        snprintf(n[2], sizeof n[2], "%ld", h->line);
        snprintf(n[3], sizeof n[3], "%d", h->score);
        snprintf(n[4], sizeof n[4], "%d", h->threshold);
        const char *cells[] = { n[0], n[1], h->run_id, h->scenario_id, h->scenario_revision, h->subject, h->record_kind,
                                h->record_key, h->group_key, h->source, n[2], n[3], n[4], h->control ? "true" : "false",
                                h->last_disposition, h->identity_json };
        int count = (int)(sizeof cells / sizeof *cells);
        for (int i = 0; i < count; i++) csv_field(c->out, cells[i], i == count - 1);
        return 0;
    }
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "item", (double)h->item_id);
    cJSON_AddNumberToObject(o, "hit", (double)h->id);
    cJSON_AddStringToObject(o, "run_id", h->run_id);
    cJSON_AddStringToObject(o, "scenario_id", h->scenario_id);
    cJSON_AddStringToObject(o, "scenario_revision", h->scenario_revision);
    cJSON_AddStringToObject(o, "subject", h->subject);
    cJSON_AddStringToObject(o, "record_kind", h->record_kind);
    cJSON_AddStringToObject(o, "record_key", h->record_key);
    cJSON_AddStringToObject(o, "group_key", h->group_key);
    cJSON_AddStringToObject(o, "source", h->source);
    cJSON_AddNumberToObject(o, "line", (double)h->line);
    cJSON_AddNumberToObject(o, "score", h->score);
    cJSON_AddNumberToObject(o, "threshold", h->threshold);
    cJSON_AddBoolToObject(o, "control", h->control);
    cJSON_AddStringToObject(o, "disposition", h->last_disposition);
    cJSON_AddItemToObject(o, "identity", cJSON_Parse(h->identity_json));
    cJSON_AddItemToObject(o, "explanation", cJSON_Parse(h->explanation_json));
    char *line = cJSON_PrintUnformatted(o);
    fprintf(c->out, "%s\n", line);
    free(line);
    cJSON_Delete(o);
    return 0;
}

int review_export(store *st, const store_item_filter *filter, review_export_format format, const char *actor, FILE *out,
                  long long *rows, vg_error *err)
{
    export_ctx c = { out, format, 0 };
    if (format == REVIEW_EXPORT_CSV)
        fputs("item,hit,run_id,scenario_id,scenario_revision,subject,record_kind,record_key,group_key,source,line,"
              "score,threshold,control,disposition,identity\n", out);
    int rc = store_export(st, filter, export_hit, &c, err);
    *rows = c.rows;
    if (rc != VG_OK) return rc;
    char details[256];
    snprintf(details, sizeof details, "%lld hit%s as %s; run %s, scenario %s, subject %s", c.rows, c.rows == 1 ? "" : "s",
             format == REVIEW_EXPORT_CSV ? "csv" : "ndjson", filter->run_id ? filter->run_id : "any",
             filter->scenario_id ? filter->scenario_id : "any", filter->subject ? filter->subject : "any");
    return store_audit(st, actor, "export", "hits", details, err);
}
