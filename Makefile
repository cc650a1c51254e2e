# timelinec — plain Makefile. Keeps to GNU make 3.81 (macOS): no !=, $(file), .ONESHELL,
# undefine, grouped targets (&:), .RECIPEPREFIX or 'private' (tests/tools/make-compat.sh checks).
#
#   make              build/timelinec, build/libtimelinec{,-core}.a and the shared libraries
#                     build/libtimelinec{,-core}.so.VERSION (.VERSION.dylib on macOS) with links
#   make install      PREFIX, BINDIR, LIBDIR, INCLUDEDIR, DATADIR, MANDIR, DOCDIR and DESTDIR
#   make demo         install missing packages (as root) or say how, then run an example
#   make check        build and run every test
#   make check-asan   the same under ASan + UBSan (in build-asan/)
#   make DEVELOPER=1  -Werror (CI sets it)

# Where `make install` puts things (README.md, "Installing"); DESTDIR stages the lot
# (make install DESTDIR=/tmp/stage: files under /tmp/stage/usr/local, paths inside still /usr/local).
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
LIBDIR ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
DATADIR ?= $(PREFIX)/share
MANDIR ?= $(DATADIR)/man
DOCDIR ?= $(DATADIR)/doc/timelinec
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
DESTDIR ?=
INSTALL = install
BUILD ?= build
PKG_CONFIG ?= pkg-config
CC ?= cc
VERSION = 0.1.0
# The ABI's major version, in the shared libraries' names (SONAME libtimelinec.so.0, install name
# libtimelinec.0.dylib). 0: the ABI is not stable yet; a 0.x release may change it.
SOVERSION = 0

DEPS = yaml-0.1 libcjson icu-uc icu-i18n
DEPS_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(DEPS) 2>/dev/null)
DEPS_LIBS := $(shell $(PKG_CONFIG) --libs $(DEPS) 2>/dev/null)
CJSON_LIBS := $(shell $(PKG_CONFIG) --libs libcjson 2>/dev/null)
# the render module's only dependency (the runtime never uses cJSON or libyaml: the CLI does)
ICU_LIBS := $(shell $(PKG_CONFIG) --libs icu-uc icu-i18n 2>/dev/null)
CRITERION_CFLAGS := $(shell $(PKG_CONFIG) --cflags criterion 2>/dev/null)
CRITERION_LIBS := $(shell $(PKG_CONFIG) --libs criterion 2>/dev/null)

WARN = -Wall -Wextra -pedantic -Wstrict-prototypes -Wmissing-prototypes -Wold-style-definition \
       -Wshadow -Wwrite-strings -Wformat=2 -Wvla -Wundef -fno-common
OPT ?= -O2 -g
ifeq ($(DEVELOPER),1)
WARN += -Werror
endif
ifneq ($(SANITIZE),)
OPT = -O1 -g -fno-omit-frame-pointer -fsanitize=$(SANITIZE) -fno-sanitize-recover=all
LDSAN = -fsanitize=$(SANITIZE)
endif

CPPFLAGS_ALL = -Iinclude -Iruntime -Icompiler -DTLC_BUILDING -DTLC_VERSION='"$(VERSION)"' \
	-D_POSIX_C_SOURCE=200809L $(CPPFLAGS)
CFLAGS_ALL = -std=c11 $(WARN) $(OPT) -fPIC -fvisibility=hidden -MMD -MP $(DEPS_CFLAGS) $(CFLAGS)
LDFLAGS_ALL = $(LDSAN) $(LDFLAGS)

CORE_SRC := $(wildcard runtime/core/*.c)
RENDER_SRC := $(wildcard runtime/render/*.c)
COMPILER_SRC := $(filter-out compiler/cli/main.c compiler/swiftpm/%,$(wildcard compiler/*/*.c))
TEST_SRC := $(wildcard tests/unit/*.c)
PAGES := $(sort $(wildcard docs/diagnostics/TL*.md))
GEN_SRC := $(BUILD)/gen/explain_pages.c

CORE_OBJ := $(CORE_SRC:%.c=$(BUILD)/obj/%.o)
RENDER_OBJ := $(RENDER_SRC:%.c=$(BUILD)/obj/%.o)
COMPILER_OBJ := $(COMPILER_SRC:%.c=$(BUILD)/obj/%.o)
MAIN_OBJ := $(BUILD)/obj/compiler/cli/main.o
TEST_OBJ := $(TEST_SRC:%.c=$(BUILD)/obj/%.o)
GEN_OBJ := $(BUILD)/obj/gen/explain_pages.o

LIB_CORE = $(BUILD)/libtimelinec-core.a
LIB_STATIC = $(BUILD)/libtimelinec.a

# Shared libraries: the file, the name a program records (SONAME, install name) and the name the
# linker looks for (-ltimelinec), the last two links to the file. $(call shlib_*,timelinec).
# Apple's linker has no -soname: on macOS a .dylib whose install name is where it is installed.
UNAME_S := $(shell uname -s)
ifeq ($(UNAME_S),Darwin)
shlib_file = lib$(1).$(SOVERSION).dylib
shlib_soname = lib$(1).$(SOVERSION).dylib
shlib_dev = lib$(1).dylib
shlib_links = $(call shlib_dev,$(1))
DYLIB_COMPAT = $(SOVERSION).$(word 2,$(subst ., ,$(VERSION)))
shlib_ldflags = -dynamiclib -install_name $(LIBDIR)/$(call shlib_soname,$(1)) \
	-compatibility_version $(DYLIB_COMPAT) -current_version $(VERSION)
# the install name bakes LIBDIR in: relink when it changes
SHLIB_STAMP = $(BUILD)/libdir.txt
# sh: the name the link $$n points to
shlib_link_target = t=$${n%.dylib}.$(SOVERSION).dylib
else
shlib_file = lib$(1).so.$(VERSION)
shlib_soname = lib$(1).so.$(SOVERSION)
shlib_dev = lib$(1).so
shlib_links = $(call shlib_soname,$(1)) $(call shlib_dev,$(1))
shlib_ldflags = -shared -Wl,-soname,$(call shlib_soname,$(1))
SHLIB_STAMP =
shlib_link_target = case $$n in *.so) t=$$n.$(SOVERSION) ;; *) t=$${n%.$(SOVERSION)}.$(VERSION) ;; esac
endif
LIB_SHARED = $(BUILD)/$(call shlib_file,timelinec)
LIB_CORE_SHARED = $(BUILD)/$(call shlib_file,timelinec-core)
SHLIB_LINKS = $(addprefix $(BUILD)/,$(call shlib_links,timelinec) $(call shlib_links,timelinec-core))
TOOL = $(BUILD)/timelinec
UNIT = $(BUILD)/unit-tests

PC_FILES = $(BUILD)/timelinec.pc $(BUILD)/timelinec-core.pc

.PHONY: FORCE check-threads check-valgrind check-install check-e2e check-integration check-gating check-cli leakcheck install uninstall check-core check-docs check-schemas reference-update all demo check check-unit check-golden check-real-world check-bad check-make check-swift check-swiftpm-generated swiftpm-generated-update check-swift-plugin check-activity-push check-layers check-asan clean deps \
	golden-update headertest conformance-update recur-vectors-update

all: $(TOOL) $(LIB_CORE) $(LIB_STATIC) $(LIB_SHARED) $(LIB_CORE_SHARED) $(SHLIB_LINKS)

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) -c $< -o $@

$(BUILD)/obj/tests/%.o: tests/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) $(CRITERION_CFLAGS) -Wno-missing-prototypes -c $< -o $@

$(GEN_SRC): $(PAGES) compiler/gen-explain.sh
	@mkdir -p $(dir $@)
	sh compiler/gen-explain.sh $(PAGES) > $@.tmp && mv $@.tmp $@

# generated data: the pages are longer than the 4095 bytes C99 promises for one literal
$(GEN_OBJ): $(GEN_SRC)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) -Wno-overlength-strings -c $< -o $@

# The preview page template, embedded into the binary (timelinec preview --html).
PREVIEW_PAGE_SRC := $(BUILD)/gen/preview_page.c
PREVIEW_PAGE_OBJ := $(BUILD)/obj/gen/preview_page.o
$(PREVIEW_PAGE_SRC): compiler/preview/preview.html compiler/preview/gen.sh
	@mkdir -p $(dir $@)
	sh compiler/preview/gen.sh compiler/preview/preview.html > $@.tmp && mv $@.tmp $@

$(PREVIEW_PAGE_OBJ): $(PREVIEW_PAGE_SRC)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) -c $< -o $@

$(LIB_CORE): $(CORE_OBJ)
	@mkdir -p $(dir $@)
	rm -f $@ && $(AR) rcs $@ $^

$(LIB_STATIC): $(CORE_OBJ) $(RENDER_OBJ)
	@mkdir -p $(dir $@)
	rm -f $@ && $(AR) rcs $@ $^

# Only the public API (TLC_API) is exported: -fvisibility=hidden hides the rest.
$(LIB_SHARED): $(CORE_OBJ) $(RENDER_OBJ) $(SHLIB_STAMP)
	$(CC) $(call shlib_ldflags,timelinec) -o $@ $(CORE_OBJ) $(RENDER_OBJ) $(LDFLAGS_ALL) $(ICU_LIBS) -lpthread

$(LIB_CORE_SHARED): $(CORE_OBJ) $(SHLIB_STAMP)
	$(CC) $(call shlib_ldflags,timelinec-core) -o $@ $(CORE_OBJ) $(LDFLAGS_ALL) -lpthread

# the links in $(BUILD), as installed: libtimelinec.so -> libtimelinec.so.0 -> libtimelinec.so.0.1.0
$(addprefix $(BUILD)/,$(call shlib_links,timelinec)): $(LIB_SHARED)
	@n=$(notdir $@); $(shlib_link_target); rm -f $@ && ln -s $$t $@

$(addprefix $(BUILD)/,$(call shlib_links,timelinec-core)): $(LIB_CORE_SHARED)
	@n=$(notdir $@); $(shlib_link_target); rm -f $@ && ln -s $$t $@

$(BUILD)/libdir.txt: FORCE
	@mkdir -p $(dir $@)
	@echo '$(LIBDIR)' > $@.tmp; if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi

$(TOOL): $(MAIN_OBJ) $(COMPILER_OBJ) $(GEN_OBJ) $(PREVIEW_PAGE_OBJ) $(LIB_STATIC)
	$(CC) -o $@ $(MAIN_OBJ) $(COMPILER_OBJ) $(GEN_OBJ) $(PREVIEW_PAGE_OBJ) $(LIB_STATIC) $(LDFLAGS_ALL) $(DEPS_LIBS) -lpthread -lm

$(UNIT): $(TEST_OBJ) $(COMPILER_OBJ) $(GEN_OBJ) $(PREVIEW_PAGE_OBJ) $(LIB_STATIC)
	$(CC) -o $@ $(TEST_OBJ) $(COMPILER_OBJ) $(GEN_OBJ) $(PREVIEW_PAGE_OBJ) $(LIB_STATIC) $(LDFLAGS_ALL) $(DEPS_LIBS) \
		$(CRITERION_LIBS) -lpthread -lm

deps:
	@sh .ci/deps.sh

demo: deps
	@$(MAKE) --no-print-directory all
	@echo '$$ timelinec check examples/launch.yaml'
	@$(TOOL) check examples/launch.yaml && echo '(no findings)'
	@echo '$$ timelinec compile examples/launch.yaml --timeline --now 2026-11-25T08:00:00Z -o $(BUILD)/launch.timeline.json'
	@$(TOOL) compile examples/launch.yaml --timeline --now 2026-11-25T08:00:00Z -o $(BUILD)/launch.timeline.json
	@grep -c '"date"' $(BUILD)/launch.timeline.json | sed 's/^/entries: /'
	@grep -A1 '"policy"' $(BUILD)/launch.timeline.json | head -1
	@for t in 2026-11-26T12:00:00Z 2026-11-30T17:00:00Z 2026-12-01T16:57:28Z 2026-12-01T17:10:00Z 2026-12-02T09:00:00Z; do \
		echo "$$ timelinec render $(BUILD)/launch.timeline.json --at $$t --locale en_US"; \
		$(TOOL) render $(BUILD)/launch.timeline.json --at $$t --locale en_US | sed -n 2p; \
	done
	@echo '$$ timelinec compile examples/delivery-activity.yaml --now 2026-12-03T15:00:00Z --param eta=2026-12-03T16:10:00Z -o $(BUILD)/delivery.schedule.json'
	@$(TOOL) compile examples/delivery-activity.yaml --now 2026-12-03T15:00:00Z --param eta=2026-12-03T16:10:00Z -o $(BUILD)/delivery.schedule.json
	@grep -E '^      "(event|at)":' $(BUILD)/delivery.schedule.json | paste - - | tr -s ' '
	@for t in 2026-12-03T15:20:00Z 2026-12-03T16:05:00Z 2026-12-03T16:18:00Z; do \
		echo "$$ timelinec render examples/delivery-activity.yaml --at $$t ... --locale en_US"; \
		$(TOOL) render examples/delivery-activity.yaml --at $$t --now 2026-12-03T15:00:00Z \
			--param eta=2026-12-03T16:10:00Z --locale en_US | head -1; \
	done

check: all $(UNIT)
	@$(MAKE) --no-print-directory check-unit check-layers check-golden check-real-world check-bad check-make headertest check-swift check-swiftpm-generated $(if $(SANITIZE),,check-swift-plugin) check-core check-docs $(if $(SANITIZE),,check-threads) check-schemas check-gating check-cli $(if $(SANITIZE),,check-install check-activity-push) check-integration check-e2e check-fuzz-replay

# Test tools from Debian's packages, run by Debian's own python3 (the first python3 on PATH may be
# another build that does not see them). Missing: DEVELOPER=1 (CI) fails, a plain `make check`
# skips that part and prints the apt line. tests/tools/README.md lists what needs what.
TEST_PYTHON ?= $(firstword $(wildcard /usr/bin/python3) python3)
CHROMIUM ?= /usr/bin/chromium
CHROMEDRIVER ?= /usr/bin/chromedriver
APT_SCHEMAS = python3 python3-jsonschema python3-ruamel.yaml
APT_E2E = python3 python3-selenium chromium chromium-driver
# needs WHAT, APT, TEST: $(call needs,...) runs TEST; on failure fails (DEVELOPER=1) or skips
needs = if ! { $(3); } >/dev/null 2>&1; then \
		if [ "$(DEVELOPER)" = 1 ]; then \
			echo "$(1): $(TEST_PYTHON) lacks what it needs; run: apt-get install $(2)" >&2; exit 1; \
		fi; \
		echo "$(1): SKIPPED: run 'apt-get install $(2)' (CI runs it)"; exit 0; \
	fi
PY_SCHEMAS = $(TEST_PYTHON) -c 'import jsonschema, ruamel.yaml'
PY_E2E = $(TEST_PYTHON) -c 'import selenium' && [ -x $(CHROMIUM) ] && [ -x $(CHROMEDRIVER) ]

# JSON Schemas of programs, timelines, schedules, diagnostics and specs (python3-jsonschema).
check-schemas: $(TOOL)
	@$(call needs,check-schemas,$(APT_SCHEMAS),$(PY_SCHEMAS)); \
	TIMELINEC_PYTHON=$(TEST_PYTHON) sh tests/tools/schemas.sh $(TOOL)

# The preview page in a real browser: Debian's chromium driven by python3-selenium through
# chromium-driver (tests/e2e/run.sh; pages and screenshots in $(BUILD)/e2e/).
check-e2e: $(TOOL)
	@$(call needs,check-e2e,$(APT_E2E),$(PY_E2E)); \
	TIMELINEC_PYTHON=$(TEST_PYTHON) TIMELINEC_CHROMIUM=$(CHROMIUM) TIMELINEC_CHROMEDRIVER=$(CHROMEDRIVER) \
		sh tests/e2e/run.sh $(TOOL)

# the SARIF checks in both need check-schemas' packages
check-integration: $(TOOL)
	@$(call needs,check-integration,$(APT_SCHEMAS),$(PY_SCHEMAS)); \
	TIMELINEC_PYTHON=$(TEST_PYTHON) sh tests/tools/integration.sh $(TOOL)

check-gating: $(TOOL)
	@$(call needs,check-gating,$(APT_SCHEMAS),$(PY_SCHEMAS)); \
	TIMELINEC_PYTHON=$(TEST_PYTHON) sh tests/tools/gating.sh $(TOOL)

# compile end to end: -o rules, no half-written files, now, params, programs as input
check-cli: $(TOOL)
	sh tests/tools/cli-compile.sh $(TOOL)
	sh tests/tools/cli-golden.sh $(TOOL)

check-docs: $(TOOL)
	sh tests/tools/docs-check.sh $(TOOL)

# Rewrites the generated key reference in docs/spec.md and docs/spec.schema.json.
reference-update: $(TOOL)
	$(TOOL) reference --json-schema > docs/spec.schema.json
	$(TOOL) reference --markdown > $(BUILD)/ref.md
	awk -v ref=$(BUILD)/ref.md '/^<!-- BEGIN GENERATED KEY REFERENCE -->$$/ {print; while ((getline l < ref) > 0) print l; skip=1; next} /^<!-- END GENERATED KEY REFERENCE -->$$/ {skip=0} !skip' docs/spec.md > $(BUILD)/spec.md && mv $(BUILD)/spec.md docs/spec.md

check-core: $(LIB_CORE) $(TOOL)
	CC="$(CC) $(LDSAN)" sh tests/tools/core-link.sh $(BUILD)

# Expected zone data generated from the system database by an independent reader (Python).
# named after the tz data version, so a tzdata upgrade regenerates it
TZVERSION := $(shell sed -n '1s/^\# version //p' /usr/share/zoneinfo/tzdata.zi 2>/dev/null)
ZONE_CASES = $(BUILD)/zone-cases-$(TZVERSION).txt
$(ZONE_CASES): tests/tools/gen-zone-cases.py
	@mkdir -p $(dir $@)
	$(TEST_PYTHON) tests/tools/gen-zone-cases.py > $@.tmp && mv $@.tmp $@

# TLC_REQUIRE_LOCALES: the tests that call setlocale() fail, not skip, without de_DE and tr_TR
check-unit: $(UNIT) $(ZONE_CASES)
	cd tests && TZ=Pacific/Chatham LANG=de_DE.UTF-8 TLC_ZONE_CASES=../$(ZONE_CASES) \
		TLC_REQUIRE_LOCALES=$(DEVELOPER) \
		../$(UNIT) --jobs 2 $(CRITERION_ARGS)

check-golden: $(TOOL)
	sh tests/tools/golden.sh $(TOOL)

golden-update: $(TOOL)
	UPDATE=1 sh tests/tools/golden.sh $(TOOL)
	UPDATE=1 sh tests/tools/cli-golden.sh $(TOOL)

conformance-update: $(TOOL)
	$(TEST_PYTHON) tests/tools/gen-conformance.py $(TOOL) .

# tests/fixtures/recur/expand-vectors.txt: hashes of 1000 generated rules' expansions, which
# test_recur_diff.c compares with. Rewrite it only when a change of result is intended.
recur-vectors-update: $(UNIT)
	cd tests && TLC_RECUR_VECTORS_WRITE=fixtures/recur/expand-vectors.txt \
		../$(UNIT) --filter 'recur_diff/*'

# compiler/ by pass: dependencies point one way (includes and objects), only cli/ prints.
check-layers: $(TOOL)
	$(TEST_PYTHON) tests/tools/layers.py $(BUILD)

# The push server on the core alone (examples/embed/activity_push.c), built against the installed
# core with pkg-config --static, prints the CLI's schedule for every case of
# tests/golden/schedules/cases.txt.
check-activity-push: all
	MAKE="$(MAKE)" CC="$(CC)" BUILD="$(BUILD)" sh tests/tools/activity-push.sh

# SwiftPM compiles the generated sources committed in compiler/swiftpm (it cannot run the
# generators): they are current, and Package.swift defines what CPPFLAGS_ALL defines. No build.
check-swiftpm-generated:
	sh tests/tools/swiftpm-generated.sh

swiftpm-generated-update:
	sh tests/tools/swiftpm-generated.sh --update

# The build-tool plugin (Plugins/TimelinecPlugin) in a package that uses it,
# tests/swift/PluginSample; its build files stay under $(BUILD)/swift-plugin.
check-swift-plugin:
	@if ! command -v $(SWIFT) >/dev/null 2>&1; then \
		if [ "$(DEVELOPER)" = 1 ]; then echo "check-swift-plugin: no '$(SWIFT)' on PATH (the Swift toolchain)" >&2; exit 1; fi; \
		echo "check-swift-plugin: SKIPPED: no '$(SWIFT)' on PATH (install the Swift toolchain; CI has it)"; exit 0; \
	fi; \
	SWIFT=$(SWIFT) sh tests/tools/swift-plugin.sh $(BUILD)/swift-plugin

# The Swift package (Package.swift, runtime/swift, tests/swift): swift build and swift test with
# the toolchain's own Foundation and XCTest; its build files stay under $(BUILD)/swift.
SWIFT ?= swift
check-swift:
	@if ! command -v $(SWIFT) >/dev/null 2>&1; then \
		if [ "$(DEVELOPER)" = 1 ]; then echo "check-swift: no '$(SWIFT)' on PATH (the Swift toolchain)" >&2; exit 1; fi; \
		echo "check-swift: SKIPPED: no '$(SWIFT)' on PATH (install the Swift toolchain; CI has it)"; exit 0; \
	fi; \
	$(SWIFT) build --scratch-path $(BUILD)/swift && $(SWIFT) test --scratch-path $(BUILD)/swift

# examples/real-world: specs from public apps, each with its verdict (rules and exit status)
check-real-world: $(TOOL)
	sh tests/tools/real-world.sh $(TOOL)

check-bad: $(TOOL)
	TLC_TIMEOUT_SCALE=$(if $(SANITIZE),4,1) sh tests/tools/bad-inputs.sh $(TOOL)

check-make:
	sh tests/tools/make-compat.sh Makefile
	sh tests/tools/make-compat.sh tests/fuzz/fuzz.mk
	sh tests/tools/make-compat.sh tests/bench/bench.mk

headertest:
	@mkdir -p $(BUILD)/headertest
	@for h in include/timelinec/*.h; do \
		printf '#include "timelinec/%s"\nint tlc_headertest_main(void);\nint tlc_headertest_main(void) { return 0; }\n' \
			"$${h##*/}" > $(BUILD)/headertest/t.c; \
		$(CC) -std=c11 -Wall -Wextra -pedantic -Werror -Iinclude -c $(BUILD)/headertest/t.c \
			-o $(BUILD)/headertest/t.o || exit 1; \
	done; echo "headertest: every public header compiles alone"

leakcheck: $(TOOL)
	sh tests/tools/leakcheck.sh $(TOOL)

# Reads from several threads at once under helgrind: no data race (the headers promise no global
# state). Needs valgrind: DEVELOPER=1 fails without it, a plain `make check` skips.
THREADS_BIN = $(BUILD)/threads-test
$(THREADS_BIN): tests/threads/threads.c $(LIB_CORE)
	$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) -o $@ tests/threads/threads.c $(LIB_CORE) $(LDFLAGS_ALL) -lpthread

check-threads: $(THREADS_BIN)
	@if ! command -v valgrind >/dev/null 2>&1; then \
		if [ "$(DEVELOPER)" = 1 ]; then echo "check-threads: valgrind is required (apt-get install valgrind)" >&2; exit 1; fi; \
		echo "check-threads: SKIPPED: run 'apt-get install valgrind' (CI runs it)"; exit 0; \
	fi; \
	valgrind -q --tool=helgrind --error-exitcode=99 $(THREADS_BIN) \
		tests/golden/examples/launch.program.json tests/golden/examples/launch.timeline.json

# The whole unit suite under valgrind (each Criterion test runs in a child, hence trace-children).
# ICU's caches stay reachable or "possibly lost" in the forked children; definite and indirect
# leaks and every memory error fail.
# Criterion runs each test in a child process and does not pass a child's exit status on, so
# valgrind's --error-exitcode alone never failed this target: each process logs to a file, and
# any non-empty log (-q: errors and leaks only) fails it.
check-valgrind: $(UNIT) $(ZONE_CASES)
	@rm -rf $(BUILD)/valgrind && mkdir -p $(BUILD)/valgrind
	cd tests && TLC_ZONE_CASES=../$(ZONE_CASES) TLC_REQUIRE_LOCALES=$(DEVELOPER) valgrind -q --trace-children=yes \
		--leak-check=full --show-leak-kinds=definite,indirect \
		--errors-for-leak-kinds=definite,indirect --error-exitcode=99 \
		--log-file=../$(BUILD)/valgrind/%p.log ../$(UNIT) --jobs 2
	@set -- $$(find $(BUILD)/valgrind -type f -size +0); \
	if [ $$# -gt 0 ]; then cat "$$@" >&2; echo "check-valgrind: valgrind reported errors in $$# processes (above)" >&2; exit 1; fi; \
	echo "check-valgrind: no valgrind error and no leak in any test process"

check-asan:
	@$(MAKE) --no-print-directory BUILD=build-asan SANITIZE=address,undefined check

# FORCE: the paths are baked in, and they change with each 'make install PREFIX=...'. A LIBDIR or
# INCLUDEDIR under PREFIX is written relative to ${prefix} (pkg-config --define-prefix works).
pc_dir = $(patsubst $(PREFIX)/%,$${prefix}/%,$(1))
$(BUILD)/%.pc: runtime/%.pc.in FORCE
	@mkdir -p $(dir $@)
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(call pc_dir,$(LIBDIR))|' \
		-e 's|@INCLUDEDIR@|$(call pc_dir,$(INCLUDEDIR))|' -e 's|@VERSION@|$(VERSION)|' $< > $@

# What `make install` installs besides the libraries; `make uninstall` removes exactly these.
# The documents the man page names as docs/NAME go to DOCDIR/NAME, its schemas (docs/*.schema.json)
# to DATADIR/timelinec/ (tools read them: not under doc/, which a system may strip).
INST_HEADERS = $(wildcard include/timelinec/*.h) include/timelinec/module.modulemap
INST_DOCS = README.md LICENSE $(wildcard docs/*.md)
INST_SCHEMAS = $(wildcard docs/*.schema.json)
SCHEMADIR = $(DATADIR)/timelinec
BASHCOMPDIR = $(DATADIR)/bash-completion/completions
ZSHCOMPDIR = $(DATADIR)/zsh/site-functions
INST_LIB_NAMES = libtimelinec.a libtimelinec-core.a $(notdir $(LIB_SHARED) $(LIB_CORE_SHARED)) \
	$(call shlib_links,timelinec) $(call shlib_links,timelinec-core)

install: all $(PC_FILES)
	$(INSTALL) -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(PKGCONFIGDIR) $(DESTDIR)$(INCLUDEDIR)/timelinec \
		$(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR) $(DESTDIR)$(SCHEMADIR) $(DESTDIR)$(DOCDIR)/diagnostics
	$(INSTALL) -m 755 $(TOOL) $(DESTDIR)$(BINDIR)/timelinec
	$(INSTALL) -m 644 $(LIB_CORE) $(LIB_STATIC) $(DESTDIR)$(LIBDIR)/
	$(INSTALL) -m 755 $(LIB_SHARED) $(LIB_CORE_SHARED) $(DESTDIR)$(LIBDIR)/
	@for n in $(call shlib_links,timelinec) $(call shlib_links,timelinec-core); do \
		$(shlib_link_target); echo "ln -s $$t $(DESTDIR)$(LIBDIR)/$$n"; \
		rm -f $(DESTDIR)$(LIBDIR)/$$n && ln -s $$t $(DESTDIR)$(LIBDIR)/$$n || exit 1; \
	done
	$(INSTALL) -m 644 $(INST_HEADERS) $(DESTDIR)$(INCLUDEDIR)/timelinec/
	$(INSTALL) -m 644 $(PC_FILES) $(DESTDIR)$(PKGCONFIGDIR)/
	$(INSTALL) -m 644 docs/timelinec.1 $(DESTDIR)$(MANDIR)/man1/timelinec.1
	$(INSTALL) -m 644 completions/timelinec.bash $(DESTDIR)$(BASHCOMPDIR)/timelinec
	$(INSTALL) -m 644 completions/_timelinec $(DESTDIR)$(ZSHCOMPDIR)/_timelinec
	$(INSTALL) -m 644 $(INST_SCHEMAS) $(DESTDIR)$(SCHEMADIR)/
	$(INSTALL) -m 644 $(INST_DOCS) $(DESTDIR)$(DOCDIR)/
	$(INSTALL) -m 644 $(PAGES) docs/diagnostics/README.md $(DESTDIR)$(DOCDIR)/diagnostics/

# Removes what install installed (the same variables, DESTDIR too), then the folders that are
# timelinec's own (include/timelinec, DOCDIR, DATADIR/timelinec) when they are empty.
uninstall:
	rm -f $(DESTDIR)$(BINDIR)/timelinec $(addprefix $(DESTDIR)$(LIBDIR)/,$(INST_LIB_NAMES)) \
		$(DESTDIR)$(PKGCONFIGDIR)/timelinec.pc $(DESTDIR)$(PKGCONFIGDIR)/timelinec-core.pc \
		$(DESTDIR)$(MANDIR)/man1/timelinec.1 $(DESTDIR)$(BASHCOMPDIR)/timelinec $(DESTDIR)$(ZSHCOMPDIR)/_timelinec
	rm -f $(addprefix $(DESTDIR)$(INCLUDEDIR)/timelinec/,$(notdir $(INST_HEADERS)))
	rm -f $(addprefix $(DESTDIR)$(SCHEMADIR)/,$(notdir $(INST_SCHEMAS)))
	rm -f $(addprefix $(DESTDIR)$(DOCDIR)/,$(notdir $(INST_DOCS)))
	rm -f $(addprefix $(DESTDIR)$(DOCDIR)/diagnostics/,$(notdir $(PAGES)) README.md)
	rmdir $(DESTDIR)$(INCLUDEDIR)/timelinec $(DESTDIR)$(SCHEMADIR) $(DESTDIR)$(DOCDIR)/diagnostics $(DESTDIR)$(DOCDIR) 2>/dev/null || :

# The installed tool, shared and static libraries, headers, pkg-config files, man page, documents,
# schemas and completions work, under PREFIX and staged with DESTDIR; uninstall removes them.
check-install:
	MAKE="$(MAKE)" CC="$(CC)" BUILD="$(BUILD)" sh tests/tools/install-test.sh

FORCE:

clean:
	rm -rf build build-asan

# Fragments: fuzzing (make fuzz, check-fuzz-replay) and benchmarks (make bench).
-include tests/fuzz/fuzz.mk
-include tests/bench/bench.mk

-include $(CORE_OBJ:.o=.d) $(RENDER_OBJ:.o=.d) $(COMPILER_OBJ:.o=.d) $(MAIN_OBJ:.o=.d) $(TEST_OBJ:.o=.d)
