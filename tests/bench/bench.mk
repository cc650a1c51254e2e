# Benchmarks (issue 9): included by the main Makefile. A benchmark, never a timed test: it is
# not part of `make check` and does not fail on a missed target (BENCH_STRICT=1 makes it).
#
#   make bench                   the corpus (BENCH_N specs) is written into $(BUILD)/bench/ and
#                                every figure is printed beside its floor; results.txt keeps it
#   make bench BENCH_RUNS=9      more runs per figure (the median is reported)
#   make bench-quick             1 run over 1,000 specs, to try the harness
#   make bench-profile           perf record of `timelinec check` over 2,000 specs (perf.data)
#   make bench-recur             ns per recurrence occurrence for each FREQ (recur_occ.c), beside
#                                its floor, the DAILY rule and libical (when pkg-config finds it),
#                                python-dateutil over the same rules (recur_peer_dateutil.py), then
#                                instructions per occurrence under callgrind (when installed)
#
# Keeps to GNU make 3.81 like the Makefile (tests/tools/make-compat.sh tests/bench/bench.mk).

BENCH_N ?= 10000
BENCH_RUNS ?= 5
BENCH_DIR = $(BUILD)/bench
BENCH_BIN = $(BENCH_DIR)/bench
BENCH_GEN = $(BENCH_DIR)/gen_corpus
BENCH_OBJ = $(BUILD)/obj/tests/bench/bench.o

.PHONY: bench bench-quick bench-corpus bench-profile bench-recur

$(BENCH_GEN): tests/bench/gen_corpus.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 $(WARN) $(OPT) -D_POSIX_C_SOURCE=200809L $(CFLAGS) -o $@ tests/bench/gen_corpus.c $(LDFLAGS_ALL)

# The one-process-per-file floor: libyaml alone, so its start-up is a YAML tool's
BENCH_YAML_FLOOR = $(BENCH_DIR)/yaml_floor
$(BENCH_YAML_FLOOR): tests/bench/yaml_floor.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 $(WARN) $(OPT) $(CFLAGS) $(shell $(PKG_CONFIG) --cflags yaml-0.1) -o $@ \
		tests/bench/yaml_floor.c $(LDFLAGS) $(shell $(PKG_CONFIG) --libs yaml-0.1)

$(BENCH_BIN): $(BENCH_OBJ) $(COMPILER_OBJ) $(GEN_OBJ) $(LIB_STATIC)
	@mkdir -p $(dir $@)
	$(CC) -o $@ $(BENCH_OBJ) $(COMPILER_OBJ) $(GEN_OBJ) $(LIB_STATIC) $(LDFLAGS_ALL) $(DEPS_LIBS) \
		-lpthread -lm

bench-corpus: $(BENCH_GEN)
	rm -rf $(BENCH_DIR)/corpus
	$(BENCH_GEN) $(BENCH_DIR) $(BENCH_N)

bench: $(TOOL) $(BENCH_BIN) $(BENCH_YAML_FLOOR) bench-corpus
	@{ $(BENCH_BIN) --dir $(BENCH_DIR) --tool $(TOOL) --runs $(BENCH_RUNS) --n $(BENCH_N) \
		--yaml-floor-bin $(BENCH_YAML_FLOOR); \
		echo $$? > $(BENCH_DIR)/rc; } | tee $(BENCH_DIR)/results.txt
	@rc=`cat $(BENCH_DIR)/rc`; [ "$$rc" = 0 ] || exit $$rc; \
	if [ "$(BENCH_STRICT)" = 1 ] && grep -q ' MISS$$' $(BENCH_DIR)/results.txt; then \
		echo "bench: a target was missed (BENCH_STRICT=1)" >&2; exit 1; fi; \
	echo "bench: results in $(BENCH_DIR)/results.txt"

bench-quick:
	@$(MAKE) --no-print-directory bench BENCH_N=1000 BENCH_RUNS=1

# Where `timelinec check` spends its time, over the first 2,000 specs of the corpus: perf (with
# DWARF call graphs, so the inclusive list names the callers), else callgrind over 300 specs.
bench-profile: $(TOOL) bench-corpus
	@specs=`ls $(BENCH_DIR)/corpus/s*.yaml | head -2000`; \
	if command -v perf >/dev/null 2>&1; then \
		SOURCE_DATE_EPOCH=1780300800 perf record -F 2999 --call-graph dwarf,16384 \
			-o $(BENCH_DIR)/perf.data $(TOOL) check $$specs > /dev/null && \
		echo "== self time" && \
		perf report -i $(BENCH_DIR)/perf.data --no-children --stdio --sort dso,symbol -g none \
			--percent-limit 1 2>/dev/null | grep -v -e '^#' -e '^$$' | head -30 && \
		echo "== inclusive time (callers included)" && \
		perf report -i $(BENCH_DIR)/perf.data --children --stdio --sort symbol -g none \
			--percent-limit 3 2>/dev/null | grep -v -e '^#' -e '^$$' | head -50; \
	elif command -v valgrind >/dev/null 2>&1; then \
		SOURCE_DATE_EPOCH=1780300800 valgrind --tool=callgrind \
			--callgrind-out-file=$(BENCH_DIR)/callgrind.out \
			$(TOOL) check `echo $$specs | tr ' ' '\n' | head -300` > /dev/null && \
		callgrind_annotate --inclusive=yes $(BENCH_DIR)/callgrind.out | head -60; \
	else \
		echo "bench-profile: neither perf nor valgrind is installed" >&2; exit 1; \
	fi

# ---- recurrence per occurrence (issue 21) --------------------------------------------------------

RECUR_OCC = $(BENCH_DIR)/recur_occ
RECUR_OCC_N = 50000
ICAL_LIBS := $(shell $(PKG_CONFIG) --libs libical 2>/dev/null)
ICAL_FLAGS = $(if $(ICAL_LIBS),-DTLC_HAVE_LIBICAL $(shell $(PKG_CONFIG) --cflags libical 2>/dev/null))

$(RECUR_OCC): tests/bench/recur_occ.c $(LIB_CORE)
	@mkdir -p $(dir $@)
	$(CC) -std=c11 $(WARN) $(OPT) -Iinclude $(ICAL_FLAGS) $(CFLAGS) -o $@ tests/bench/recur_occ.c \
		$(LIB_CORE) $(ICAL_LIBS) $(LDFLAGS_ALL) -lpthread

bench-recur: $(RECUR_OCC)
	$(RECUR_OCC) --runs $(BENCH_RUNS)
	@if python3 -c 'import dateutil' 2>/dev/null; then \
		python3 tests/bench/recur_peer_dateutil.py $(BENCH_RUNS); \
	else echo "bench-recur: python3 with dateutil is missing: no dateutil peer"; fi
	@if command -v valgrind >/dev/null 2>&1; then \
		echo "instructions per occurrence (callgrind, inside expand_rule, at least $(RECUR_OCC_N) occurrences):"; \
		i=0; while [ $$i -lt 9 ]; do \
			out=`valgrind --tool=callgrind --toggle-collect='expand_rule*' \
				--callgrind-out-file=$(BENCH_DIR)/recur.cg.$$i $(RECUR_OCC) --only $$i \
				--n $(RECUR_OCC_N) 2>/dev/null`; \
			n=`echo "$$out" | sed 's/.*: \([0-9]*\) occurrences$$/\1/'`; \
			awk -v n=$$n -v what="$$out" '/^(summary|totals):/ { \
				printf "%8.0f  %s\n", $$2 / n, what; exit }' $(BENCH_DIR)/recur.cg.$$i; \
			i=`expr $$i + 1`; \
		done; \
	else echo "bench-recur: valgrind is not installed: no instruction counts"; fi

-include $(BENCH_OBJ:.o=.d)
