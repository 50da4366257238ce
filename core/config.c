/* config.c - read vigie.yaml (libyaml): ruleset, store, threads, language; command-line flags win. */
#include "config.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "pipeline.h" /* PIPELINE_MAX_THREADS: the same bound as --threads */

static long config_line(const yaml_node_t *n) { return (long)n->start_mark.line + 1; }

static int config_value(config *cfg, const char *key, const yaml_node_t *v, vg_error *err)
{
    if (v->type != YAML_SCALAR_NODE)
        return error_set(err, cfg->path, config_line(v), key, "expects a single value");
    const char *s = (const char *)v->data.scalar.value;
    if (strcmp(key, "ruleset") == 0 || strcmp(key, "store") == 0) {
        char *dst = key[0] == 'r' ? cfg->ruleset : cfg->store;
        if (!*s || strlen(s) >= sizeof cfg->ruleset)
            return error_set(err, cfg->path, config_line(v), key, "expects a path (1 to %zu characters)",
                             sizeof cfg->ruleset - 1);
        snprintf(dst, sizeof cfg->ruleset, "%s", s);
    } else if (strcmp(key, "threads") == 0) {
        char *end;
        long n = strtol(s, &end, 10);
        if (*end || end == s || n < 1 || n > PIPELINE_MAX_THREADS)
            return error_set(err, cfg->path, config_line(v), key, "expects a number of threads from 1 to %d, not '%s'",
                             PIPELINE_MAX_THREADS, s);
        cfg->threads = (int)n;
    } else if (strcmp(key, "language") == 0) {
        if (strcmp(s, "en") != 0 && strcmp(s, "fr") != 0)
            return error_set(err, cfg->path, config_line(v), key, "is en or fr, not '%s'", s);
        snprintf(cfg->language, sizeof cfg->language, "%s", s);
    } else {
        return error_set(err, cfg->path, config_line(v), key,
                         "unknown key (vigie.yaml knows ruleset, store, threads, language)");
    }
    return VG_OK;
}

int config_load(config *cfg, vg_error *err)
{
    memset(cfg, 0, sizeof *cfg);
    const char *env = getenv("VIGIE_CONFIG");
    const char *path = env && *env ? env : CONFIG_FILE;
    FILE *f = fopen(path, "rb");
    if (!f) {
        if (env && *env) return error_set(err, path, 0, NULL, "VIGIE_CONFIG names a file that cannot be opened");
        return VG_OK;
    }
    snprintf(cfg->path, sizeof cfg->path, "%s", path);
    yaml_parser_t parser;
    yaml_document_t doc;
    if (!yaml_parser_initialize(&parser)) xalloc_die();
    yaml_parser_set_input_file(&parser, f);
    int rc = VG_OK;
    if (!yaml_parser_load(&parser, &doc)) {
        if (parser.error == YAML_MEMORY_ERROR) xalloc_die();
        rc = error_set(err, path, (long)parser.problem_mark.line + 1, NULL, "YAML: %s",
                       parser.problem ? parser.problem : "syntax error");
        yaml_parser_delete(&parser);
        fclose(f);
        return rc;
    }
    yaml_node_t *root = yaml_document_get_root_node(&doc);
    if (root && root->type == YAML_MAPPING_NODE) {
        for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top && rc == VG_OK; p++) {
            yaml_node_t *k = yaml_document_get_node(&doc, p->key);
            yaml_node_t *v = yaml_document_get_node(&doc, p->value);
            if (!k || k->type != YAML_SCALAR_NODE || !v) {
                rc = error_set(err, path, k ? config_line(k) : 0, NULL, "keys are plain names");
                break;
            }
            rc = config_value(cfg, (const char *)k->data.scalar.value, v, err);
        }
    } else if (root) {
        rc = error_set(err, path, config_line(root), NULL, "expects a mapping: ruleset, store, threads, language");
    }
    yaml_document_delete(&doc);
    yaml_parser_delete(&parser);
    fclose(f);
    cfg->loaded = rc == VG_OK;
    return rc;
}

const char *config_ruleset(const config *cfg, const char *flag, const char *fallback)
{
    if (flag && *flag) return flag;
    return cfg && cfg->ruleset[0] ? cfg->ruleset : fallback;
}

const char *config_store(const config *cfg, const char *flag)
{
    if (flag && *flag) return flag;
    const char *env = getenv("VIGIE_DB"); /* the environment wins over the file */
    if (env && *env) return NULL;
    return cfg && cfg->store[0] ? cfg->store : NULL;
}

const char *config_language(const config *cfg, const char *flag, const char *fallback)
{
    if (flag && *flag) return flag;
    return cfg && cfg->language[0] ? cfg->language : fallback;
}

int config_threads(const config *cfg, int flag, int fallback)
{
    if (flag > 0) return flag;
    return cfg && cfg->threads > 0 ? cfg->threads : fallback;
}

bool config_load_for(config *cfg, const char *command)
{
    vg_error err;
    if (config_load(cfg, &err) == VG_OK) return true;
    char msg[900];
    error_format(&err, msg, sizeof msg);
    fprintf(stderr, "vigie %s: %s\n", command, msg);
    return false;
}
