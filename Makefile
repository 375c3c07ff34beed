# inferload: the user's verbs. `make help` lists them.
SHELL := /bin/bash
.DEFAULT_GOAL := help

NODE_MODULES := node_modules/.package-lock.json
INFERLOAD := node bin/inferload.js
PROFILE ?= light
# Passed to `inferload stress-test` only when set: TARGET, API, MODEL, STREAM, MAX_TOKENS, PROMPTS, TIME_SCALE,
# MODE, RATE, ENGINE, GENERATORS (load generators from the config, docs/distributed.md), MAX_ERROR_SHARE, MAX_INTERRUPTED_SHARE, WATCHDOG_SECONDS, WATCHDOG_GRACE_SECONDS. With no TARGET the local target is started (and stopped afterwards).
STRESS_FLAGS = --profile $(PROFILE) $(if $(TARGET),--target $(TARGET)) $(if $(API),--api $(API)) \
	$(if $(MODEL),--model $(MODEL)) $(if $(STREAM),--stream $(STREAM)) $(if $(MAX_TOKENS),--max-tokens $(MAX_TOKENS)) \
	$(if $(PROMPTS),--prompts $(PROMPTS)) $(if $(TIME_SCALE),--time-scale $(TIME_SCALE)) $(if $(MODE),--mode $(MODE)) \
	$(if $(RATE),--rate $(RATE)) $(if $(ENGINE),--engine $(ENGINE)) $(if $(GENERATORS),--generators $(GENERATORS)) \
	$(if $(MAX_ERROR_SHARE),--max-error-share $(MAX_ERROR_SHARE)) \
	$(if $(MAX_INTERRUPTED_SHARE),--max-interrupted-share $(MAX_INTERRUPTED_SHARE)) \
	$(if $(WATCHDOG_SECONDS),-e WATCHDOG_SECONDS=$(WATCHDOG_SECONDS)) \
	$(if $(WATCHDOG_GRACE_SECONDS),-e WATCHDOG_GRACE_SECONDS=$(WATCHDOG_GRACE_SECONDS))

.PHONY: help setup build demo stress-test batch-test soak benchmark deploy diagnose capacity sweep tune instance-sweep k8s-export k8s-collect report compare runs test test-unit bench bench-tune clean check-node

help: ## list the verbs
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

check-node:
	@node -e 'const [a]=process.versions.node.split(".").map(Number); if (a<20) { console.error("inferload needs Node.js 20 or newer (found " + process.version + ")"); process.exit(1) }'

$(NODE_MODULES): package.json package-lock.json | check-node
	npm ci --no-audit --no-fund
	@touch $@

setup: $(NODE_MODULES) ## install npm packages, a private llama-server under .cache/ and the tiny model
	$(INFERLOAD) local setup || [ $$? -eq 10 ]

build: $(NODE_MODULES) ## bundle profiles/*.ts into dist/k6/<profile>.js
	npx tsx scripts/build-profiles.ts

demo: setup ## the main job: the light profile (time-scaled to ~30 s) against the local llama-server
	$(INFERLOAD) demo

test: setup ## lint, typecheck, format check and every test (unit, integration against real parts)
	npm test

test-unit: $(NODE_MODULES) ## the fast lane: unit tests only (no servers, no lint)
	npm run test:unit

stress-test: $(NODE_MODULES) ## run a load profile: PROFILE=light|medium|heavy|saturation|soak [TARGET=url] [TIME_SCALE=x] [ENGINE=auto|k6|embedded]
	$(INFERLOAD) stress-test $(STRESS_FLAGS)

batch-test: $(NODE_MODULES) ## back-to-back batches of an OpenAI Batch JSONL file: INPUT=batch.jsonl [BATCHES=3] [TARGET=url] [CHUNK=n] [CONCURRENCY=n]
	@[ -n "$(INPUT)" ] || { echo 'make batch-test: INPUT=<batch.jsonl> is required (docs/batch.md)'; exit 2; }
	$(INFERLOAD) batch-test --input $(INPUT) --batches $(or $(BATCHES),3) $(if $(TARGET),--target $(TARGET)) \
		$(if $(CHUNK),--chunk $(CHUNK)) $(if $(CONCURRENCY),--concurrency $(CONCURRENCY))

soak: $(NODE_MODULES) ## the soak profile judged over time windows (leak, drift, error bursts, restarts): [TARGET=url|SERVER=...] [TIME_SCALE=x] [WINDOW=s] [THRESHOLDS=...] [RUN=id]
	$(INFERLOAD) soak $(if $(RUN),--run $(RUN)) $(if $(SERVER),--server $(SERVER)) $(if $(TARGET),--target $(TARGET)) \
		$(if $(CONFIG),--config $(CONFIG)) $(if $(TIME_SCALE),--time-scale $(TIME_SCALE)) $(if $(WINDOW),--window $(WINDOW)) \
		$(if $(THRESHOLDS),--thresholds '$(THRESHOLDS)') $(if $(INTERVAL),--interval $(INTERVAL)) \
		$(if $(MAX_TOKENS),--max-tokens $(MAX_TOKENS)) $(if $(API),--api $(API)) $(if $(ENGINE),--engine $(ENGINE)) \
		$(if $(SOAK_VUS),-e SOAK_VUS=$(SOAK_VUS)) $(if $(SOAK_MINUTES),-e SOAK_MINUTES=$(SOAK_MINUTES))

benchmark: $(NODE_MODULES) ## the benchmark profile against the deployed server: [SERVER=...] [BENCH_PROFILE=medium] [TIME_SCALE=x]
	$(INFERLOAD) benchmark $(if $(SERVER),--server $(SERVER)) --profile $(or $(BENCH_PROFILE),medium) \
		$(if $(TIME_SCALE),--time-scale $(TIME_SCALE)) $(if $(CONFIG),--config $(CONFIG)) $(if $(ENGINE),--engine $(ENGINE))

deploy: $(NODE_MODULES) ## push a preset to a server's host and (re)start it: [PRESET=...] [SERVER=...] [DRY_RUN=1] [CONFIG=path]
	$(INFERLOAD) deploy $(if $(SERVER),--server $(SERVER)) $(if $(PRESET),--preset $(PRESET)) \
		$(if $(CONFIG),--config $(CONFIG)) $(if $(filter 1 true yes,$(DRY_RUN)),--dry-run)

# make diagnose runs a saturating profile unless PROFILE is given on the command line or in the environment.
DIAGNOSE_PROFILE = $(if $(filter file,$(origin PROFILE)),heavy,$(PROFILE))

diagnose: $(NODE_MODULES) ## run a profile while sampling CPU, memory, GPU, the server and the client; name the bottleneck: [PROFILE=heavy] [SERVER=...|TARGET=url] [INTERVAL=ms] [RUN=id]
	$(INFERLOAD) diagnose $(if $(RUN),--run $(RUN),--profile $(DIAGNOSE_PROFILE) $(if $(SERVER),--server $(SERVER)) \
		$(if $(TARGET),--target $(TARGET)) $(if $(CONFIG),--config $(CONFIG)) $(if $(INTERVAL),--interval $(INTERVAL)) \
		$(if $(TIME_SCALE),--time-scale $(TIME_SCALE)) $(if $(MAX_TOKENS),--max-tokens $(MAX_TOKENS)) \
		$(if $(API),--api $(API)) $(if $(MODE),--mode $(MODE)) $(if $(RATE),--rate $(RATE)) $(if $(ENGINE),--engine $(ENGINE)))

capacity: export INFERLOAD_OBJECTIVE = $(OBJECTIVE)
capacity: $(NODE_MODULES) ## the maximum sustainable rate, breaking point and knee (docs/capacity.md): [SERVER=...|TARGET=url] [OBJECTIVE=ttft_p95=2s,tpot_p95=100ms,errors=1%] [STEP_SECONDS=60] [MAX_TOKENS=n] [GENERATORS=a,b]
	$(INFERLOAD) capacity $(if $(SERVER),--server $(SERVER)) $(if $(TARGET),--target $(TARGET)) $(if $(CONFIG),--config $(CONFIG)) \
		$(if $(STEP_SECONDS),--step-seconds $(STEP_SECONDS)) \
		$(if $(MIN_SECONDS),--min-seconds $(MIN_SECONDS)) $(if $(MAX_TOKENS),--max-tokens $(MAX_TOKENS)) \
		$(if $(PROBE_USERS),--probe-users $(PROBE_USERS)) $(if $(API),--api $(API)) $(if $(ENGINE),--engine $(ENGINE)) \
		$(if $(GENERATORS),--generators $(GENERATORS))

sweep: $(NODE_MODULES) ## a campaign over a sweep spec, resumable (docs/campaigns.md): SPEC=config/sweeps/quick.yaml [SERVER=...] [DRY_RUN=1] [CONFIG=path] [GENERATORS=a,b]
	@[ -n "$(SPEC)" ] || { echo 'make sweep: SPEC=<config/sweeps/NAME.yaml> is required (docs/campaigns.md)'; exit 2; }
	$(INFERLOAD) sweep --spec $(SPEC) $(if $(SERVER),--server $(SERVER)) $(if $(CONFIG),--config $(CONFIG)) \
		$(if $(ENGINE),--engine $(ENGINE)) $(if $(GENERATORS),--generators $(GENERATORS)) $(if $(filter 1 true yes,$(DRY_RUN)),--dry-run)

tune: export INFERLOAD_OBJECTIVE = $(OBJECTIVE)
tune: $(NODE_MODULES) ## search a sweep spec adaptively, write the winner as preset tuned (docs/tune.md): SPEC=... [OBJECTIVE=...] [SERVER=...] [DRY_RUN=1] [MAX_LOAD=25%] [CAPACITY=1|step seconds] [GENERATORS=a,b]
	@[ -n "$(SPEC)" ] || { echo 'make tune: SPEC=<config/sweeps/NAME.yaml> is required (docs/tune.md)'; exit 2; }
	$(INFERLOAD) tune --spec $(SPEC) $(if $(SERVER),--server $(SERVER)) $(if $(CONFIG),--config $(CONFIG)) \
		$(if $(ENGINE),--engine $(ENGINE)) $(if $(MAX_LOAD),--max-load $(MAX_LOAD)) $(if $(PRESET_NAME),--preset $(PRESET_NAME)) \
		$(if $(CAPACITY),--capacity $(if $(filter 1 true yes,$(CAPACITY)),,$(CAPACITY))) $(if $(GENERATORS),--generators $(GENERATORS)) \
		$(if $(filter 1 true yes,$(DRY_RUN)),--dry-run)

instance-sweep: $(NODE_MODULES) ## instances behind nginx x slots x users from LLAMA_INSTANCES_RANGE, LLAMA_PARALLEL_RANGE, LLAMA_CONCURRENCY_RANGE, ...: [DRY_RUN=1]
	$(INFERLOAD) instance-sweep $(if $(SPEC),--spec $(SPEC)) $(if $(SERVER),--server $(SERVER)) $(if $(CONFIG),--config $(CONFIG)) \
		$(if $(ENGINE),--engine $(ENGINE)) $(if $(filter 1 true yes,$(DRY_RUN)),--dry-run)

k8s-export: $(NODE_MODULES) ## a profile as a k6-operator TestRun + ConfigMap under k8s/<name>/ (docs/k8s.md): PROFILE=heavy PARALLELISM=8 TARGET=url [K6_IMAGE=ref K6_IMAGE_SSE=1] [NAME=...] [NAMESPACE=...]
	$(INFERLOAD) k8s export --profile $(PROFILE) --parallelism $(or $(PARALLELISM),1) $(if $(TARGET),--target $(TARGET)) \
		$(if $(NAME),--name $(NAME)) $(if $(NAMESPACE),--namespace $(NAMESPACE)) $(if $(K6_IMAGE),--image $(K6_IMAGE)) \
		$(if $(filter 1 true yes,$(K6_IMAGE_SSE)),--image-sse) $(if $(STREAM),--stream $(STREAM)) $(if $(MODE),--mode $(MODE)) \
		$(if $(RATE),--rate $(RATE)) $(if $(TIME_SCALE),--time-scale $(TIME_SCALE)) $(if $(MAX_TOKENS),--max-tokens $(MAX_TOKENS)) \
		$(if $(API),--api $(API)) $(if $(MODEL),--model $(MODEL)) $(if $(PROMPTS),--prompts $(PROMPTS))

k8s-collect: $(NODE_MODULES) ## merge a TestRun's parts into one run under benchmarks/: EXPORT=k8s/<name> FROM=<dir kubectl cp fetched>
	@[ -n "$(EXPORT)" ] && [ -n "$(FROM)" ] || { echo 'make k8s-collect: EXPORT=k8s/<name> FROM=<dir> are required (docs/k8s.md)'; exit 2; }
	$(INFERLOAD) k8s collect --export $(EXPORT) --from $(FROM)

report: $(NODE_MODULES) ## render a saved run as HTML, Markdown and CSV in its folder: [RUN=<id>|latest]
	$(INFERLOAD) report $(or $(RUN),latest)

compare: export INFERLOAD_OBJECTIVE = $(OBJECTIVE)
compare: $(NODE_MODULES) ## compare saved runs side by side: RUNS="a b c" [OBJECTIVE=e2e_p95=10s,errors=1%] [OUT=dir]
	@[ -n "$(RUNS)" ] || { echo 'make compare: RUNS="<run> <run> ..." is required (make runs lists them)'; exit 2; }
	$(INFERLOAD) compare $(RUNS) $(if $(OUT),--out $(OUT))

runs: $(NODE_MODULES) ## list the saved runs, newest first
	@$(INFERLOAD) runs

bench: $(NODE_MODULES) ## the engine's speed and memory on this machine, as a table (needs wrk: installed if missing)
	@command -v wrk >/dev/null || { command -v apt-get >/dev/null && apt-get install -y -qq wrk >/dev/null; } || \
		{ echo "make bench: needs wrk (apt-get install wrk)"; exit 1; }
	npx tsx scripts/bench.ts

bench-tune: $(NODE_MODULES) ## the tuner against the exhaustive sweep on the simulator's response surfaces, as a table (docs/benchmarks.md)
	npx tsx scripts/bench-tune.ts

clean: ## remove build output (keeps .cache/ and benchmarks/)
	rm -rf dist
