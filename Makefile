# vigie - build, test, bench, demo, and the install of missing Debian packages.

CC      ?= cc
CFLAGS  ?= -O2 -g
CFLAGS  += -std=c11 -Wall -Wextra -Werror -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L
CPPFLAGS += -I/usr/include/lua5.4 -Icore -Ibuild
LDLIBS  += -llua5.4 -lyaml -lcsv -lcjson -lsqlite3 -lcrypto -lmicrohttpd -lsodium -lpthread -lz -lm

# Debian 12 packages the build, the tests and the demo need.
PACKAGES = gcc make liblua5.4-dev libyaml-dev uthash-dev libcunit1-dev libsqlite3-dev \
           libcsv-dev libcjson-dev libssl-dev openssl sqlite3 \
           libmicrohttpd-dev libsodium-dev zlib1g-dev chromium chromium-driver python3-selenium

# make sanitize builds into its own directory, so the normal objects never carry ASan.
BUILD   ?= build
VIGIE   ?= vigie
CORE_SRC = $(sort $(wildcard core/*.c))
CORE_OBJ = $(patsubst core/%.c,$(BUILD)/%.o,$(CORE_SRC)) $(BUILD)/lua_embedded.o $(BUILD)/web_embedded.o
LIB_OBJ  = $(filter-out $(BUILD)/main.o,$(CORE_OBJ))
LUA_SRC  = $(sort $(wildcard lua/*.lua))
UNIT_SRC = $(sort $(wildcard tests/unit_*.c))
UNIT_BIN = $(patsubst tests/%.c,$(BUILD)/tests/%,$(UNIT_SRC))

.PHONY: all deps test bench demo eval sanitize tsan fuzz clean
all: $(VIGIE)

# ---- dependencies ---------------------------------------------------------------
deps:
	@missing=""; for p in $(PACKAGES); do \
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

$(BUILD)/tests/%: tests/%.c $(wildcard tests/*.h) $(LIB_OBJ)
	$(CC) $(CPPFLAGS) -Itests $(CFLAGS) -o $@ $< $(LIB_OBJ) $(LDLIBS) -lcunit

# ---- tests ----------------------------------------------------------------------
# Every suite prints "<name>: N passed, N failed"; tools/test_summary.sh adds them up
# into the one closing line.
test: deps
	@$(MAKE) -s $(VIGIE) $(UNIT_BIN)
	@VIGIE=./$(VIGIE) sh tools/run_tests.sh $(UNIT_BIN)

sanitize:
	@$(MAKE) -s BUILD=build/asan VIGIE=build/asan/vigie \
	  CFLAGS="-O1 -g -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer" \
	  LDLIBS="$(LDLIBS) -fsanitize=address,undefined" test

# The end-to-end tests (threads, batches merged in order) under ThreadSanitizer (clang).
tsan: deps $(BUILD)/lua_embedded.c $(BUILD)/web_embedded.c
	@command -v clang >/dev/null || { echo "tsan: needs clang (apt-get install clang)"; exit 1; }
	mkdir -p $(BUILD)/tsan
	clang -std=c11 -g -O1 -fsanitize=thread -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L $(CPPFLAGS) \
	  -o $(BUILD)/tsan/vigie $(CORE_SRC) $(BUILD)/lua_embedded.c $(BUILD)/web_embedded.c $(LDLIBS)
	VIGIE=$(BUILD)/tsan/vigie TSAN_OPTIONS=halt_on_error=1 sh tests/e2e.sh

# Coverage-guided fuzzing of the readers and the scenario loader (clang's libFuzzer):
# FUZZ_SECONDS per target, seeded from fixtures/. Not part of `make test`.
FUZZ_SECONDS ?= 60
FUZZ_FLAGS = -std=c11 -g -O1 -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L -fsanitize=fuzzer,address,undefined
fuzz: deps $(BUILD)/lua_embedded.c $(BUILD)/web_embedded.c
	@command -v clang >/dev/null || { echo "fuzz: needs clang (apt-get install clang)"; exit 1; }
	mkdir -p $(BUILD)/fuzz/reader-corpus $(BUILD)/fuzz/scenario-corpus
	for f in fixtures/readers/*.csv fixtures/manifests/*.csv; do printf '\000' | cat - $$f > $(BUILD)/fuzz/reader-corpus/$$(basename $$f); done
	for f in fixtures/readers/*.ndjson fixtures/manifests/*.ndjson; do printf '\001' | cat - $$f > $(BUILD)/fuzz/reader-corpus/$$(basename $$f); done
	for f in fixtures/readers/*.yaml fixtures/manifests/*.yaml; do printf '\002' | cat - $$f > $(BUILD)/fuzz/reader-corpus/$$(basename $$f); done
	cp fixtures/rulesets/e2e/*/*.lua $(BUILD)/fuzz/scenario-corpus/
	clang $(FUZZ_FLAGS) $(CPPFLAGS) -o $(BUILD)/fuzz/fuzz_reader tools/fuzz_reader.c $(filter-out core/main.c core/cmd_%.c core/gen%.c,$(CORE_SRC)) $(BUILD)/lua_embedded.c $(BUILD)/web_embedded.c $(LDLIBS)
	clang $(FUZZ_FLAGS) $(CPPFLAGS) -o $(BUILD)/fuzz/fuzz_scenario tools/fuzz_scenario.c $(filter-out core/main.c core/cmd_%.c core/gen%.c,$(CORE_SRC)) $(BUILD)/lua_embedded.c $(BUILD)/web_embedded.c $(LDLIBS)
	$(BUILD)/fuzz/fuzz_reader -max_total_time=$(FUZZ_SECONDS) -max_len=4096 $(BUILD)/fuzz/reader-corpus
	$(BUILD)/fuzz/fuzz_scenario -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -timeout=10 $(BUILD)/fuzz/scenario-corpus

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

clean:
	rm -rf build vigie
