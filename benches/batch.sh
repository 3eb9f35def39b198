#!/usr/bin/env bash
# Whole-process benchmarks: the four handouts, one handout, and 1,000 personalised copies.
# Prints a Markdown table (the README's figures come from here). Per-stage, in-process
# figures come from `cargo bench --bench pipeline`.
#
#   bash benches/batch.sh            # release build, 15 runs each, output under target/bench
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-15}
cargo build --release --quiet
bin=target/release/handout
work=target/bench
rm -rf "$work" && mkdir -p "$work"

# 1,000 patients with accented names, reproducibly.
python3 - "$work/patients.csv" <<'PY'
import random, sys
random.seed(1)
first = ["Ana", "José", "María", "Luis", "Zoë", "Renée", "Íñigo", "Sofía", "John", "Aisha", "Mary", "Robert"]
last = ["López", "García", "Smith", "O’Brien", "Müller", "Nuñez", "Peña", "Ibáñez", "Chen", "Okafor", "Dubois"]
with open(sys.argv[1], "w") as f:
    f.write("Patient name,Date\n")
    for i in range(1000):
        f.write(f'"{random.choice(first)} {random.choice(last)}",2026-12-{i % 28 + 1:02d}\n')
PY

# Runs a command $runs times, each into a new output folder ($out); prints "median_wall_ms
# max_rss_kb". Wall time from the clock in nanoseconds (time(1) rounds to 10 ms), peak
# memory from GNU time. Old folders are deleted only at the end: deleting thousands of files
# just before creating thousands more makes ext4 slow to allocate inodes, and that is the
# filesystem's cost, not ours.
measure() {
  local walls=() rss=0
  for _ in $(seq "$runs"); do
    out=$(mktemp -d "$work/out-XXXXXX")
    start=$(date +%s%N)
    /usr/bin/time -f "%M" -o "$work/time" "${@//@OUT@/$out}" >/dev/null 2>&1
    end=$(date +%s%N)
    walls+=("$(( (end - start) / 1000 ))")
    kb=$(tail -n 1 "$work/time")
    (( kb > rss )) && rss=$kb
  done
  median=$(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)] / 1000}')
  echo "$median $rss"
}

read -r one one_rss < <(measure $bin build handouts/symptom-checklist.yaml -o @OUT@ -q)
read -r four four_rss < <(measure $bin build -o @OUT@ -q)
read -r copies copies_rss < <(measure $bin build handouts/symptom-checklist.yaml --data "$work/patients.csv" -o @OUT@ -q)
$bin build handouts/symptom-checklist.yaml --data "$work/patients.csv" -o "$work/sample" -q
bytes=$(du -sb "$work/sample" | cut -f1)
# The same batch into memory (tmpfs), to separate our time from the disk's.
shm=$(mktemp -d /dev/shm/handout-bench-XXXXXX)
read -r copies_mem copies_mem_rss < <(work=$shm measure $bin build handouts/symptom-checklist.yaml --data "$work/patients.csv" -o @OUT@ -q)
rm -rf "$shm"
read -r copies1 copies1_rss < <(measure $bin build handouts/symptom-checklist.yaml --data "$work/patients.csv" -o @OUT@ -q -j 1)
# The same 1,000 copies as one print job (`--one-file`), the front desk's way.
read -r job job_rss < <(measure $bin build handouts/symptom-checklist.yaml --data "$work/patients.csv" --one-file @OUT@/day.pdf -q)
$bin build handouts/symptom-checklist.yaml --data "$work/patients.csv" --one-file "$work/day.pdf" -q
job_bytes=$(stat -c %s "$work/day.pdf")

echo "machine: $(nproc) cores, $(awk '/model name/ {$1=$2=$3=""; print; exit}' /proc/cpuinfo | xargs), $(uname -sr)"
echo
echo "| what (whole process, median of $runs) | wall | peak memory |"
echo "|---|---|---|"
awk -v one="$one" -v one_rss="$one_rss" -v four="$four" -v four_rss="$four_rss" \
    -v c2="$copies" -v c2_rss="$copies_rss" -v c1="$copies1" -v c1_rss="$copies1_rss" \
    -v cm="$copies_mem" -v cm_rss="$copies_mem_rss" -v bytes="$bytes" -v cores="$(nproc)" \
    -v job="$job" -v job_rss="$job_rss" -v job_bytes="$job_bytes" 'BEGIN {
  printf "| one handout (symptom checklist) | %.1f ms | %.1f MB |\n", one, one_rss / 1024
  printf "| every shipped handout (4 English, 4 Spanish) | %.1f ms | %.1f MB |\n", four, four_rss / 1024
  printf "| 1,000 personalised copies, %d cores | %.2f s (%.0f copies/s) | %.1f MB |\n", cores, c2 / 1000, 1e6 / c2, c2_rss / 1024
  printf "| 1,000 personalised copies, 1 core | %.2f s (%.0f copies/s) | %.1f MB |\n", c1 / 1000, 1e6 / c1, c1_rss / 1024
  printf "| 1,000 personalised copies, %d cores, into tmpfs | %.2f s (%.0f copies/s) | %.1f MB |\n", cores, cm / 1000, 1e6 / cm, cm_rss / 1024
  printf "| bytes per copy | %.1f KiB | |\n", bytes / 1000 / 1024
  printf "| 1,000 copies as one print job (--one-file), %d cores | %.2f s | %.1f MB |\n", cores, job / 1000, job_rss / 1024
  printf "| bytes per copy in the print job | %.2f KiB | |\n", job_bytes / 1000 / 1024
}'
rm -rf "$work"/out-*
