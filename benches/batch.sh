#!/usr/bin/env bash
# Whole-process benchmarks: the four handouts, one handout, 1,000 personalised copies as
# separate files, and the same copies as one print job (`--one-file`) of 1,000, 5,000 and
# 20,000 copies, with the Typst figures of issue 12 beside them. Prints Markdown tables (the
# README's figures come from here). Per-stage, in-process figures come from
# `cargo bench --bench pipeline`.
#
#   bash benches/batch.sh            # release build, 15 runs each, output under target/bench
#   RUNS=5 bash benches/batch.sh     # fewer runs
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-15}
cargo build --release --quiet
bin=target/release/handout
work=target/bench
rm -rf "$work" && mkdir -p "$work"

# Typst 0.15 on this machine, the same one-page checklist (issue 12): one document of 1,000
# copies by its own mail merge, and 1,000 separate files from a warm compiler.
typst_job_s=3.3 typst_job_kib=8.5 typst_files_s=4.7 typst_files_kib=36

# Patients with accented names, reproducibly: 1,000, 5,000 and 20,000 rows.
for rows in 1000 5000 20000; do
  python3 - "$work/patients-$rows.csv" "$rows" <<'PY'
import random, sys
random.seed(1)
first = ["Ana", "José", "María", "Luis", "Zoë", "Renée", "Íñigo", "Sofía", "John", "Aisha", "Mary", "Robert"]
last = ["López", "García", "Smith", "O’Brien", "Müller", "Nuñez", "Peña", "Ibáñez", "Chen", "Okafor", "Dubois"]
with open(sys.argv[1], "w") as f:
    f.write("Patient name,Date\n")
    for i in range(int(sys.argv[2])):
        f.write(f'"{random.choice(first)} {random.choice(last)}",2026-12-{i % 28 + 1:02d}\n')
PY
done
csv=$work/patients-1000.csv

# Runs a command $runs times (or $2 times), each into a new output folder ($out); prints
# "median_wall_ms max_rss_kb median_cpu_ms". Wall time from the clock in nanoseconds
# (time(1) rounds to 10 ms); peak memory and CPU time (user + system) from GNU time. Old
# folders are deleted only at the end: deleting thousands of files just before creating
# thousands more makes ext4 slow to allocate inodes, and that is the filesystem's cost, not
# ours.
measure() {
  local n=$runs walls=() cpus=() rss=0
  if [[ $1 =~ ^[0-9]+$ ]]; then n=$1; shift; fi
  for _ in $(seq "$n"); do
    out=$(mktemp -d "$work/out-XXXXXX")
    start=$(date +%s%N)
    /usr/bin/time -f "%M %U %S" -o "$work/time" "${@//@OUT@/$out}" >/dev/null 2>&1
    end=$(date +%s%N)
    walls+=("$(( (end - start) / 1000 ))")
    read -r kb user sys < <(tail -n 1 "$work/time")
    cpus+=("$(awk -v u="$user" -v s="$sys" 'BEGIN {printf "%d", (u + s) * 1000}')")
    (( kb > rss )) && rss=$kb
  done
  median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
  echo "$(awk -v w="$(median "${walls[@]}")" 'BEGIN {printf "%.1f", w / 1000}') $rss $(median "${cpus[@]}")"
}

copies() { echo "$bin build handouts/symptom-checklist.yaml --data $1 -q"; }
read -r one one_rss _ < <(measure $bin build handouts/symptom-checklist.yaml -o @OUT@ -q)
read -r four four_rss _ < <(measure $bin build -o @OUT@ -q)
read -r c2 c2_rss c2_cpu < <(measure $(copies "$csv") -o @OUT@)
$bin build handouts/symptom-checklist.yaml --data "$csv" -o "$work/sample" -q
bytes=$(du -sb "$work/sample" | cut -f1)
# The same batch into memory (tmpfs), to separate our time from the disk's.
shm=$(mktemp -d /dev/shm/handout-bench-XXXXXX)
read -r cm cm_rss _ < <(work=$shm measure $(copies "$csv") -o @OUT@)
rm -rf "$shm"
read -r c1 c1_rss c1_cpu < <(measure $(copies "$csv") -o @OUT@ -j 1)
# The same copies as one print job (`--one-file`), the front desk's way, and longer days:
# memory should not grow with the number of copies.
read -r j1 j1_rss j1_cpu < <(measure $(copies "$csv") --one-file @OUT@/day.pdf)
read -r j5 j5_rss _ < <(measure 3 $(copies "$work/patients-5000.csv") --one-file @OUT@/day.pdf)
read -r j20 j20_rss _ < <(measure 1 $(copies "$work/patients-20000.csv") --one-file @OUT@/day.pdf)
$bin build handouts/symptom-checklist.yaml --data "$csv" --one-file "$work/day.pdf" -q
job_bytes=$(stat -c %s "$work/day.pdf")

echo "machine: $(nproc) cores, $(awk '/model name/ {$1=$2=$3=""; print; exit}' /proc/cpuinfo | xargs), $(uname -sr)"
echo
echo "| what (whole process, median of $runs) | wall | peak memory | CPU |"
echo "|---|---|---|---|"
awk -v one="$one" -v one_rss="$one_rss" -v four="$four" -v four_rss="$four_rss" \
    -v c2="$c2" -v c2_rss="$c2_rss" -v c2_cpu="$c2_cpu" -v c1="$c1" -v c1_rss="$c1_rss" \
    -v c1_cpu="$c1_cpu" -v cm="$cm" -v cm_rss="$cm_rss" -v bytes="$bytes" -v cores="$(nproc)" \
    -v j1="$j1" -v j1_rss="$j1_rss" -v j1_cpu="$j1_cpu" -v j5="$j5" -v j5_rss="$j5_rss" \
    -v j20="$j20" -v j20_rss="$j20_rss" -v job_bytes="$job_bytes" 'BEGIN {
  printf "| one handout (symptom checklist) | %.1f ms | %.1f MB | |\n", one, one_rss / 1024
  printf "| every shipped handout (4 English, 4 Spanish) | %.1f ms | %.1f MB | |\n", four, four_rss / 1024
  printf "| 1,000 copies as separate files, %d cores | %.2f s (%.0f copies/s) | %.1f MB | %.2f s |\n", cores, c2 / 1000, 1e6 / c2, c2_rss / 1024, c2_cpu / 1000
  printf "| the same into tmpfs | %.2f s | %.1f MB | |\n", cm / 1000, cm_rss / 1024
  printf "| the same, 1 core | %.2f s (%.0f copies/s) | %.1f MB | %.2f s |\n", c1 / 1000, 1e6 / c1, c1_rss / 1024, c1_cpu / 1000
  printf "| bytes per copy as its own file | %.1f KiB | | |\n", bytes / 1000 / 1024
  printf "| 1,000 copies as one print job (--one-file), %d cores | %.2f s | %.1f MB | %.2f s |\n", cores, j1 / 1000, j1_rss / 1024, j1_cpu / 1000
  printf "| 5,000 copies as one print job (median of 3) | %.2f s | %.1f MB | |\n", j5 / 1000, j5_rss / 1024
  printf "| 20,000 copies as one print job (one run) | %.2f s | %.1f MB | |\n", j20 / 1000, j20_rss / 1024
  printf "| bytes per copy in the print job | %.2f KiB | | |\n", job_bytes / 1000 / 1024
}'
echo
echo "| 1,000 one-page checklists | Typst | handout | handout is |"
echo "|---|---|---|---|"
awk -v c2="$c2" -v bytes="$bytes" -v j1="$j1" -v job_bytes="$job_bytes" \
    -v tf="$typst_files_s" -v tfk="$typst_files_kib" -v tj="$typst_job_s" -v tjk="$typst_job_kib" 'BEGIN {
  printf "| separate files (Typst: warm compiler) | %.1f s, %.1f KiB each | %.2f s, %.1f KiB each | %.1f× faster (target 10×) |\n", tf, tfk, c2 / 1000, bytes / 1000 / 1024, tf * 1000 / c2
  printf "| one file (Typst: its own mail merge) | %.1f s, %.1f KiB a copy | %.2f s, %.2f KiB a copy | %.1f× faster (target: under 0.3 s, 4 KiB) |\n", tj, tjk, j1 / 1000, job_bytes / 1000 / 1024, tj * 1000 / j1
}'
rm -rf "$work"/out-*
