# tests/fuzz/fuzz.mk — fuzzing, included by the main Makefile (GNU make 3.81: no !=, $(file),
# .ONESHELL, undefine or grouped targets). See tests/fuzz/README.md.
#
#   make check-fuzz-replay   every corpus file through its harness with $(CC) and the normal flags
#                            (under SANITIZE=... too): what `make check` runs; needs no clang
#   make fuzz                libFuzzer (clang, -fsanitize=fuzzer,address,undefined) on each
#                            harness for FUZZ_SECONDS (60) or FUZZ_RUNS executions
#   make fuzz-short          each harness for 20 s (CI)
#   make fuzz-ENTRY          one harness (fuzz-spec, fuzz-rrule, ...)
#   make fuzz-merge          add the new inputs that raise coverage to tests/fuzz/corpus/
#
# Knobs: FUZZ_CC (Debian's /usr/bin/clang when present, else clang), FUZZ_SECONDS, FUZZ_RUNS, FUZZ_TIMEOUT (s per input, 10; 60 for
# program and spec: FUZZ_TIMEOUT_program, FUZZ_TIMEOUT_spec), FUZZ_ASAN_OPTIONS (used when
# ASAN_OPTIONS is not set), FUZZ_JOBS
# (parallel fuzzing processes per harness, 1), FUZZ_ARGS (more libFuzzer flags).

FUZZ_ENTRIES = yaml json spec program timeline rrule template time settings catalog
# Pinned by path: the Swift toolchain puts a clang of its own first on PATH, whose runtime
# libraries are not Debian's libclang-rt-14-dev. `make fuzz FUZZ_CC=...` picks another.
FUZZ_CC ?= $(firstword $(wildcard /usr/bin/clang) clang)
FUZZ_SECONDS ?= 60
FUZZ_RUNS ?=
FUZZ_TIMEOUT ?= 10
# instantiating may examine TLC_MAX_CANDIDATES change points (about 2 s without sanitizers)
FUZZ_TIMEOUT_program ?= 60
FUZZ_TIMEOUT_spec ?= 60
FUZZ_JOBS ?= 1
FUZZ_ARGS ?=
# Inputs are picked for mutation with an energy scaled by their speed: the spec harness's
# slowest seeds (a replay of thousands of reloads) no longer take most of its time. spec went
# from 12-40 to 700-1,000 runs per second after the seed pass, with every input still run whole.
FUZZ_SCHEDULE = -entropic_scale_per_exec_time=1
# ASan tuned for throughput (about 2x more runs per second on the spec and program harnesses):
# a 16 MB quarantine (use-after-free is still caught within it), shorter allocation stacks,
# no returning memory to the OS after every input. Leak detection is unchanged.
FUZZ_ASAN_OPTIONS ?= quarantine_size_mb=16:malloc_context_size=6:allocator_release_to_os_interval_ms=-1

FUZZ_DIR = $(BUILD)/fuzz
FUZZ_SAN = -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_CFLAGS = -std=c11 $(WARN) -O1 -g -fno-omit-frame-pointer $(FUZZ_SAN) \
	-fsanitize=fuzzer-no-link -DTLC_ARENA_DEBUG -DFUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION \
	-MMD -MP $(DEPS_CFLAGS) $(CFLAGS) -Wno-error
FUZZ_LIB_OBJ = $(addprefix $(FUZZ_DIR)/obj/,$(CORE_SRC:.c=.o) $(RENDER_SRC:.c=.o) \
	$(COMPILER_SRC:.c=.o)) $(FUZZ_DIR)/obj/gen/explain_pages.o
FUZZ_BINS = $(addprefix $(FUZZ_DIR)/fuzz_,$(FUZZ_ENTRIES))
FUZZ_HARNESS_OBJ = $(addsuffix .o,$(addprefix $(FUZZ_DIR)/obj/tests/fuzz/fuzz_,$(FUZZ_ENTRIES)))
FUZZ_RUN_LIMIT = $(if $(FUZZ_RUNS),-runs=$(FUZZ_RUNS),-max_total_time=$(FUZZ_SECONDS))

FUZZ_REPLAY_OBJ = $(addprefix $(BUILD)/obj/tests/fuzz/,standalone.o \
	$(addsuffix .o,$(addprefix fuzz_,$(FUZZ_ENTRIES))))
FUZZ_REPLAY_BINS = $(addprefix $(BUILD)/fuzz-replay/fuzz_,$(FUZZ_ENTRIES))
FUZZ_REPLAY_LIB = $(BUILD)/fuzz-replay/libcompiler.a

.PHONY: fuzz fuzz-short fuzz-build fuzz-cc fuzz-merge check-fuzz-replay \
	$(addprefix fuzz-,$(FUZZ_ENTRIES)) $(addprefix fuzz-merge-,$(FUZZ_ENTRIES))

# ---- the standalone replay (gcc or cc, the build's own flags and objects) ----------------------

$(FUZZ_REPLAY_OBJ): $(BUILD)/obj/tests/fuzz/%.o: tests/fuzz/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) -c $< -o $@

# The compiler's objects as an archive: a harness links only what it calls (not the CLI).
$(FUZZ_REPLAY_LIB): $(COMPILER_OBJ) $(GEN_OBJ)
	@mkdir -p $(dir $@)
	rm -f $@ && $(AR) rcs $@ $^

$(BUILD)/fuzz-replay/fuzz_%: $(BUILD)/obj/tests/fuzz/fuzz_%.o $(BUILD)/obj/tests/fuzz/standalone.o \
		$(FUZZ_REPLAY_LIB) $(LIB_STATIC)
	$(CC) -o $@ $< $(BUILD)/obj/tests/fuzz/standalone.o $(FUZZ_REPLAY_LIB) $(LIB_STATIC) \
		$(LDFLAGS_ALL) $(DEPS_LIBS) -lpthread -lm

check-fuzz-replay: $(FUZZ_REPLAY_BINS)
	@for e in $(FUZZ_ENTRIES); do \
		$(BUILD)/fuzz-replay/fuzz_$$e tests/fuzz/corpus/$$e || exit 1; \
	done; echo "check-fuzz-replay: every corpus input replayed"

# ---- libFuzzer (clang) ----------------------------------------------------------------------------

# The evaluation engine (instantiation, replay, recurrence expansion, zones, the JSON writer) is
# built without comparison tracing: it compares times in tight loops, which cost a third of the
# spec harness's time and guide no mutation (its operands come from the parsers, which keep
# tracing). Edge coverage is unchanged. About 1.6x more runs per second on spec and program.
FUZZ_NO_TRACE_CMP = $(addprefix runtime/core/,replay.c instantiate.c recur_iter.c recur_expand.c \
	timeline.c buf.c jsonw.c civil.c zone.c zone_posix.c zone_tzif.c budget.c status.c)
$(addprefix $(FUZZ_DIR)/obj/,$(FUZZ_NO_TRACE_CMP:.c=.o)): FUZZ_CMP = -fno-sanitize-coverage=trace-cmp

$(FUZZ_DIR)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CPPFLAGS_ALL) $(FUZZ_CFLAGS) $(FUZZ_CMP) -c $< -o $@

$(FUZZ_DIR)/obj/gen/explain_pages.o: $(GEN_SRC)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CPPFLAGS_ALL) $(FUZZ_CFLAGS) -c $< -o $@

$(FUZZ_DIR)/libfuzzed.a: $(FUZZ_LIB_OBJ)
	rm -f $@ && $(AR) rcs $@ $^

$(FUZZ_DIR)/fuzz_%: $(FUZZ_DIR)/obj/tests/fuzz/fuzz_%.o $(FUZZ_DIR)/libfuzzed.a
	$(FUZZ_CC) $(FUZZ_SAN) -fsanitize=fuzzer -o $@ $< $(FUZZ_DIR)/libfuzzed.a $(LDFLAGS) \
		$(DEPS_LIBS) -lpthread -lm

fuzz-build: $(FUZZ_BINS)

# Which clang builds the harnesses, and that it links libFuzzer (a clear message otherwise).
fuzz-cc:
	@mkdir -p $(BUILD)
	@printf 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n);\nint LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n) { (void)d; (void)n; return 0; }\n' > $(BUILD)/fuzz-cc.c
	@$(FUZZ_CC) $(FUZZ_SAN) -fsanitize=fuzzer -o $(BUILD)/fuzz-cc $(BUILD)/fuzz-cc.c 2>$(BUILD)/fuzz-cc.log || \
		{ echo "fuzz: $(FUZZ_CC) cannot link libFuzzer with ASan and UBSan (Debian: apt-get install clang libclang-rt-14-dev; or make fuzz FUZZ_CC=/path/to/clang):" >&2; cat $(BUILD)/fuzz-cc.log >&2; exit 1; }
	@echo "fuzz: $(FUZZ_CC): $$($(FUZZ_CC) --version | head -1)"

# built by pattern rules only: keep them (not intermediate files make would delete)
.SECONDARY: $(FUZZ_HARNESS_OBJ) $(FUZZ_REPLAY_OBJ)

# New inputs go to $(FUZZ_DIR)/corpus/ENTRY (the first directory); the committed corpus is read.
$(addprefix fuzz-,$(FUZZ_ENTRIES)): fuzz-%: $(FUZZ_DIR)/fuzz_%
	@mkdir -p $(FUZZ_DIR)/corpus/$* $(FUZZ_DIR)/artifacts/$*
	ASAN_OPTIONS=$${ASAN_OPTIONS:-$(FUZZ_ASAN_OPTIONS)} \
		$(FUZZ_DIR)/fuzz_$* $(FUZZ_RUN_LIMIT) -timeout=$(or $(FUZZ_TIMEOUT_$*),$(FUZZ_TIMEOUT)) \
		-print_final_stats=1 $(FUZZ_SCHEDULE) \
		$(if $(filter-out 1,$(FUZZ_JOBS)),-jobs=$(FUZZ_JOBS) -workers=$(FUZZ_JOBS)) \
		-artifact_prefix=$(FUZZ_DIR)/artifacts/$*/ \
		$(if $(wildcard tests/fuzz/dict/$*.dict),-dict=tests/fuzz/dict/$*.dict) \
		$(FUZZ_ARGS) $(FUZZ_DIR)/corpus/$* tests/fuzz/corpus/$*

fuzz: fuzz-cc
	@$(MAKE) --no-print-directory $(addprefix fuzz-,$(FUZZ_ENTRIES))

fuzz-short:
	@$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=20 FUZZ_RUNS=

# Keeps the committed files and adds, from the working corpus, those that raise coverage.
$(addprefix fuzz-merge-,$(FUZZ_ENTRIES)): fuzz-merge-%: $(FUZZ_DIR)/fuzz_%
	@mkdir -p $(FUZZ_DIR)/corpus/$*
	$(FUZZ_DIR)/fuzz_$* -merge=1 -timeout=$(or $(FUZZ_TIMEOUT_$*),$(FUZZ_TIMEOUT)) \
		tests/fuzz/corpus/$* $(FUZZ_DIR)/corpus/$*

fuzz-merge: $(addprefix fuzz-merge-,$(FUZZ_ENTRIES))

-include $(FUZZ_REPLAY_OBJ:.o=.d) $(FUZZ_LIB_OBJ:.o=.d) $(FUZZ_HARNESS_OBJ:.o=.d)
