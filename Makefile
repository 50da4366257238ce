# vigie - build, test, bench, demo, and the install of missing Debian packages.

CC      ?= cc
CFLAGS  ?= -O2 -g
# The language and feature flags every build shares (cc, clang for tsan and fuzz).
STD_FLAGS = -std=c11 -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L
CFLAGS  += $(STD_FLAGS) -Wall -Wextra -Werror
CPPFLAGS += -I/usr/include/lua5.4 -I/usr/include/libxml2 -Icore -Ibuild
LDLIBS  += -llua5.4 -lyaml -lcsv -lcjson -lsqlite3 -lcrypto -lmicrohttpd -lsodium -lxml2 -licui18n -licuuc -licudata -lpthread -lz -lm

# Debian 12 packages the build, the tests and the demo need.
PACKAGES = gcc make liblua5.4-dev libyaml-dev uthash-dev libcunit1-dev libsqlite3-dev \
           libcsv-dev libcjson-dev libssl-dev openssl sqlite3 python3 \
           libmicrohttpd-dev libsodium-dev chromium chromium-driver python3-selenium \
           libicu-dev libxml2-dev zlib1g-dev

# make sanitize builds into its own directory, so the normal objects never carry ASan.
BUILD   ?= build
VIGIE   ?= vigie
CORE_SRC = $(sort $(wildcard core/*.c))
CORE_OBJ = $(patsubst core/%.c,$(BUILD)/%.o,$(CORE_SRC)) $(BUILD)/lua_embedded.o $(BUILD)/web_embedded.o
LIB_OBJ  = $(filter-out $(BUILD)/main.o,$(CORE_OBJ))
LUA_SRC  = $(sort $(wildcard lua/*.lua))
UNIT_SRC = $(sort $(wildcard tests/unit_*.c))
UNIT_BIN = $(patsubst tests/%.c,$(BUILD)/tests/%,$(UNIT_SRC))

.PHONY: all deps fuzz-deps test bench demo eval lists sanitize tsan fuzz clean install
all: $(VIGIE) $(BUILD)/vigie.1

# ---- dependencies ---------------------------------------------------------------
# install_missing: install those of the Debian packages named in $$packages that are
# not installed yet (as root), or say how to.
define install_missing
missing=""; for p in $$packages; do \
  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || missing="$$missing $$p"; \
done; \
if [ -n "$$missing" ]; then \
  if [ "$$(id -u)" = 0 ]; then \
    echo "deps: installing$$missing"; \
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null || exit 1; \
  else \
    echo "deps: missing Debian packages; run as root:"; \
    echo "  apt-get install -y$$missing"; exit 1; \
  fi; \
fi
endef

deps:
	@packages="$(PACKAGES)"; $(install_missing)

# clang and its sanitizer and libFuzzer runtime, for make fuzz and make tsan.
FUZZ_PACKAGES = clang libclang-rt-14-dev
fuzz-deps: deps
	@packages="$(FUZZ_PACKAGES)"; $(install_missing)

# ---- build ----------------------------------------------------------------------
$(BUILD)/%.o: core/%.c $(wildcard core/*.h) | $(BUILD)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILD)/lua_embedded.c: $(LUA_SRC) tools/embed_lua.sh | $(BUILD)
	sh tools/embed_lua.sh $(LUA_SRC) > $@

$(BUILD)/lua_embedded.o: $(BUILD)/lua_embedded.c
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

# web/ (style sheet, message catalogue) ships in the binary too
WEB_SRC  = web/style.css web/messages.en web/messages.fr
$(BUILD)/web_embedded.c: $(WEB_SRC) tools/embed_web.sh | $(BUILD)
	sh tools/embed_web.sh $(WEB_SRC) > $@

$(BUILD)/web_embedded.o: $(BUILD)/web_embedded.c
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(VIGIE): $(CORE_OBJ)
	$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD):
	mkdir -p $(BUILD)/tests

# The man page is written from the binary's own help, so it cannot drift from it.
$(BUILD)/vigie.1: $(VIGIE) tools/man.sh | $(BUILD)
	sh tools/man.sh ./$(VIGIE) > $@

# ---- install --------------------------------------------------------------------
# make install [PREFIX=/usr/local] [DESTDIR=staging]: the binary, its man page and its
# bash completion.
PREFIX  ?= /usr/local
install: $(VIGIE) $(BUILD)/vigie.1
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions
	install -m 755 $(VIGIE) $(DESTDIR)$(PREFIX)/bin/vigie
	install -m 644 $(BUILD)/vigie.1 $(DESTDIR)$(PREFIX)/share/man/man1/vigie.1
	install -m 644 tools/vigie.bash $(DESTDIR)$(PREFIX)/share/bash-completion/completions/vigie

$(BUILD)/tests/%: tests/%.c $(wildcard tests/*.h) $(LIB_OBJ)
	@mkdir -p $(BUILD)/tests
	$(CC) $(CPPFLAGS) -Itests $(CFLAGS) -o $@ $< $(LIB_OBJ) $(LDLIBS) -lcunit

# ---- tests ----------------------------------------------------------------------
# Every suite prints "<name>: N passed, N failed"; tools/run_tests.sh adds them up
# into the one closing line.
test: deps
	@$(MAKE) -s $(VIGIE) $(UNIT_BIN)
	@VIGIE=./$(VIGIE) sh tools/run_tests.sh $(UNIT_BIN)

# Reports go to files as well as failing the process: a suite that only greps a
# command's output, or ignores its exit code, would otherwise let one slip by.
SANITIZE_REPORTS = build/asan/reports
sanitize:
	@rm -rf $(SANITIZE_REPORTS) && mkdir -p $(SANITIZE_REPORTS)
	@ASAN_OPTIONS=log_path=$(CURDIR)/$(SANITIZE_REPORTS)/asan UBSAN_OPTIONS=print_stacktrace=1:log_path=$(CURDIR)/$(SANITIZE_REPORTS)/ubsan \
	  $(MAKE) -s BUILD=build/asan VIGIE=build/asan/vigie \
	  CFLAGS="-O1 -g -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer" \
	  LDLIBS="$(LDLIBS) -fsanitize=address,undefined" test; rc=$$?; \
	  n=$$(ls $(SANITIZE_REPORTS) | wc -l); \
	  if [ "$$n" -gt 0 ]; then head -c 20000 $(SANITIZE_REPORTS)/*; echo "sanitize: $$n sanitizer report(s) in $(SANITIZE_REPORTS)"; exit 1; fi; \
	  exit $$rc

# The end-to-end tests (threads, batches merged in order) under ThreadSanitizer (clang).
tsan: fuzz-deps $(BUILD)/lua_embedded.c $(BUILD)/web_embedded.c
	mkdir -p $(BUILD)/tsan
	clang $(STD_FLAGS) -g -O1 -fsanitize=thread $(CPPFLAGS) \
	  -o $(BUILD)/tsan/vigie $(CORE_SRC) $(BUILD)/lua_embedded.c $(BUILD)/web_embedded.c $(LDLIBS)
	VIGIE=$(BUILD)/tsan/vigie TSAN_OPTIONS=halt_on_error=1 sh tests/e2e.sh

# Coverage-guided fuzzing (clang's libFuzzer, with ASan and UBSan), FUZZ_SECONDS per
# target: reader (CSV, NDJSON, YAML and EDIFACT manifests, seeded from fixtures/), scenario (any
# bytes as a scenario file, seeded with the e2e scenarios), predicate (the bytes drive
# the generation of hostile predicate tables) and lists (any bytes as a published list
# in each import format, and as text matched against a folded list). Not part of
# `make test`; CI runs the predicate target. Each target closes with "fuzz TARGET: 1 passed, 0 failed";
# a crash, a hang (over 10 s) or a leak leaves its input in $(BUILD)/fuzz/.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= reader scenario predicate lists
# FUZZ_RUNS=N (with FUZZ_SEED) runs exactly N inputs from a fixed seed instead of for a
# time: the same inputs every time, so CI never fails on a new find by chance; inputs
# that once failed are kept in fixtures/fuzz/TARGET/ and always run first.
FUZZ_RUNS ?=
FUZZ_SEED ?= 1
FUZZ_BUDGET = $(if $(FUZZ_RUNS),-runs=$(FUZZ_RUNS) -seed=$(FUZZ_SEED) -max_total_time=600,-max_total_time=$(FUZZ_SECONDS))
FUZZ_FLAGS = $(STD_FLAGS) -g -O1 -fsanitize=fuzzer,address,undefined
FUZZ_SRC = $(filter-out core/main.c core/cmd_%.c core/gen%.c,$(CORE_SRC)) $(BUILD)/lua_embedded.c $(BUILD)/web_embedded.c
FUZZ_ARGS_reader = -max_len=4096
FUZZ_ARGS_scenario = -max_len=4096
FUZZ_ARGS_predicate = -max_len=1024 -len_control=0
FUZZ_ARGS_lists = -max_len=4096
fuzz: fuzz-deps $(BUILD)/lua_embedded.c $(BUILD)/web_embedded.c
	@mkdir -p $(BUILD)/fuzz/reader-corpus $(BUILD)/fuzz/scenario-corpus $(BUILD)/fuzz/predicate-corpus $(BUILD)/fuzz/lists-corpus
	@for f in fixtures/readers/*.csv fixtures/manifests/*.csv; do printf '\000' | cat - $$f > $(BUILD)/fuzz/reader-corpus/$$(basename $$f); done
	@for f in fixtures/readers/*.ndjson fixtures/manifests/*.ndjson; do printf '\001' | cat - $$f > $(BUILD)/fuzz/reader-corpus/$$(basename $$f); done
	@for f in fixtures/readers/*.yaml fixtures/manifests/*.yaml; do printf '\002' | cat - $$f > $(BUILD)/fuzz/reader-corpus/$$(basename $$f); done
	@for f in fixtures/readers/edifact/*.edi; do printf '\003' | cat - $$f > $(BUILD)/fuzz/reader-corpus/$$(basename $$f); done
	@cp fixtures/rulesets/e2e/*/*.lua $(BUILD)/fuzz/scenario-corpus/
	@for d in fixtures/fuzz/*/; do t=$$(basename $$d); mkdir -p $(BUILD)/fuzz/$$t-corpus; cp $$d* $(BUILD)/fuzz/$$t-corpus/; done
	@for f in fixtures/lists/sources/*.csv; do printf '\000' | cat - $$f > $(BUILD)/fuzz/lists-corpus/$$(basename $$f); done
	@for f in fixtures/lists/sources/*.json; do printf '\002' | cat - $$f > $(BUILD)/fuzz/lists-corpus/$$(basename $$f); done
	@for f in fixtures/lists/sources/*.xml; do printf '\003' | cat - $$f > $(BUILD)/fuzz/lists-corpus/$$(basename $$f); done
	@printf '\004' | cat - scenarios/lists/sources/entity_names.csv > $(BUILD)/fuzz/lists-corpus/entity_names.csv
	@grep -v '^#' fixtures/lists/fuzzy_pairs.tsv | cut -f2 | awk '{ printf "\001%s", $$0 > ("$(BUILD)/fuzz/lists-corpus/fuzzy-pair-" NR) }'
	@for t in $(FUZZ_TARGETS); do \
	  echo "fuzz $$t: building"; \
	  clang $(FUZZ_FLAGS) $(CPPFLAGS) -Itools -o $(BUILD)/fuzz/fuzz_$$t tools/fuzz_$$t.c $(FUZZ_SRC) $(LDLIBS) || exit 1; \
	done
	@status=0; for t in $(FUZZ_TARGETS); do \
	  case $$t in reader) args="$(FUZZ_ARGS_reader)";; scenario) args="$(FUZZ_ARGS_scenario)";; predicate) args="$(FUZZ_ARGS_predicate)";; lists) args="$(FUZZ_ARGS_lists)";; esac; \
	  if $(BUILD)/fuzz/fuzz_$$t $(FUZZ_BUDGET) -timeout=10 -rss_limit_mb=2048 $$args \
	       -artifact_prefix=$(BUILD)/fuzz/$$t- $(BUILD)/fuzz/$$t-corpus > $(BUILD)/fuzz/$$t.log 2>&1; then \
	    echo "fuzz $$t: $$(grep -o 'Done [0-9]* runs in [0-9]* second(s)' $(BUILD)/fuzz/$$t.log), no failure"; \
	    echo "fuzz $$t: 1 passed, 0 failed"; \
	  else \
	    grep -v -E '^#[0-9]+' $(BUILD)/fuzz/$$t.log | sed -n '/ERROR\|ALARM\|^==[0-9]*==/,$$p' | head -90; \
	    for a in $(BUILD)/fuzz/$$t-*; do [ -f "$$a" ] && { echo "input $$a (base64):"; base64 "$$a"; }; done; \
	    echo "FAIL fuzz $$t: see $(BUILD)/fuzz/$$t.log and the input it left in $(BUILD)/fuzz/"; \
	    echo "fuzz $$t: 0 passed, 1 failed"; status=1; \
	  fi; \
	done; exit $$status

# ---- the main job on generated data ---------------------------------------------
demo: deps
	@$(MAKE) -s vigie
	@sh tools/demo.sh

bench: deps
	@$(MAKE) -s vigie $(BUILD)/bench_split
	@python3 tools/bench.py

# the limit make bench compares reading with: a plain loop splitting lines into fields
$(BUILD)/bench_split: tools/bench_split.c | $(BUILD)
	$(CC) $(CFLAGS) -o $@ $<

eval: deps
	@$(MAKE) -s vigie
	@sh tools/eval.sh

# The shipped lists that have a machine-readable source, rebuilt from it by the importer.
# The source files stay outside the project (../shared/lists-sources, beside the repo);
# the tables that map them (scenarios/lists/sources/) are reviewed and kept here.
LISTS_SOURCES ?= $(CURDIR)/../shared/lists-sources
lists: deps
	@$(MAKE) -s vigie
	./$(VIGIE) lists import --format ilab-xml \
	  --hs-map scenarios/lists/sources/ilab_goods_hs.csv --countries scenarios/lists/sources/ilab_countries.csv \
	  --edition 2022 --as-of 2022-09-28 --review-by 2024-09-05 \
	  --title "US DoL ILAB List of Goods Produced by Child Labor or Forced Labor (2022 edition), as CC:HS pairs" \
	  --source "US DoL ILAB, 2022 List of Goods Produced by Child Labor or Forced Labor, as ILAB's Sweat & Toil app data (goods_2021.xml, github.com/USDepartmentofLabor/Child-Labor-Android, commit 52f4b8f)" \
	  $(LISTS_SOURCES)/goods_2021.xml -o scenarios/lists/dol_goods.yaml

clean:
	rm -rf build vigie
